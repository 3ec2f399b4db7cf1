"""The command line: each command checks its input, calls the library once, and turns an
ArchiveError into a one-line message with a hint (exit 1); usage errors exit 2."""

from __future__ import annotations

import html
import json
import os
import re
import sys
import time
from functools import wraps

import click

from .errors import ArchiveError
from .export import csv_text
from .library import (
    DEFAULT_INDEX,
    DEFAULT_SOURCES,
    MAX_PAGE,
    MAX_PEOPLE,
    MAX_PER_PAGE,
    SORTS,
    Archive,
)

SKIPPED_SHOWN = 50
_MARK = re.compile(r"<mark>(.*?)</mark>", re.S)
_TAG = re.compile(r"<[^>]+>")

index_option = click.option(
    "--index", "index_dir", default=DEFAULT_INDEX, show_default=True, envvar="ARCHIVE_INDEX",
    type=click.Path(file_okay=False), help="Folder of the index (env ARCHIVE_INDEX).",
)
json_option = click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
aliases_option = click.option(
    "--aliases", "aliases", type=click.Path(dir_okay=False), metavar="FILE",
    help="Person corrections (TOML) to apply; default: people.toml at the top of each source folder.",
)


def friendly(command):
    """Turn the library's errors into click's one-line error with a hint."""

    @wraps(command)
    def wrapper(*args, **kwargs):
        try:
            return command(*args, **kwargs)
        except ArchiveError as exc:
            hint = f"\nHint: {exc.hint}" if exc.hint else ""
            raise click.ClickException(f"{exc.message}{hint}") from None

    return wrapper


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="news-archive")
def cli():
    """A searchable full-text archive of news articles."""


@cli.command(short_help="Build the index anew from files and folders of articles.")
@click.argument("sources", nargs=-1, type=click.Path())
@index_option
@json_option
@click.option("--quiet", "-q", is_flag=True, help="No progress line.")
@aliases_option
@friendly
def rebuild(sources, index_dir, as_json, quiet, aliases):
    """Rebuild the index from SOURCES (files or folders; default: data/).

    The new index is built beside the live one and swapped in only when complete.
    """
    report = _indexing(Archive(index_dir).rebuild, sources or DEFAULT_SOURCES, aliases, as_json, quiet)
    if report is None:
        return
    if report.kept is not None:
        held = f" ({_count(report.kept, 'article')})" if report.kept >= 0 else ""
        click.echo(f"Nothing to index: no article in {_count(report.files, 'file')}. The index in "
                   f"{report.index}/ was left as it was{held}.", err=True)
        click.echo("Hint: check the sources given (the reasons are below); to empty the index, delete "
                   "its folder.", err=True)
    else:
        click.echo(f"Indexed {_count(report.indexed, 'article')} from {_count(report.files, 'file')} "
                   f"in {report.seconds:.1f} s into {report.index}/")
    if report.skipped:
        click.echo(f"Skipped {len(report.skipped):,}:")
        for item in report.skipped[:SKIPPED_SHOWN]:
            click.echo(f"  {item.source}: {item.reason}")
        if len(report.skipped) > SKIPPED_SHOWN:
            click.echo(f"  … and {len(report.skipped) - SKIPPED_SHOWN:,} more "
                       "(--json lists every one)")
    if report.kept is not None:
        raise SystemExit(1)


@cli.command(short_help="Re-index only files added, changed or removed since the last build.")
@click.argument("sources", nargs=-1, type=click.Path())
@index_option
@json_option
@click.option("--quiet", "-q", is_flag=True, help="No progress line.")
@aliases_option
@friendly
def update(sources, index_dir, as_json, quiet, aliases):
    """Re-index only files added, changed or removed since the last rebuild or update.

    SOURCES default to those the index was built from. Like a rebuild, the new index is
    swapped in only when complete; without an index this is a full rebuild.
    """
    report = _indexing(Archive(index_dir).update, sources or None, aliases, as_json, quiet)
    if report is None:
        return
    if report.added is None:
        click.echo("No earlier index to update: rebuilt it.")
    else:
        click.echo(f"Updated {report.index}/ in {report.seconds:.1f} s: {report.added:,} added, "
                   f"{report.changed:,} changed, {report.removed:,} removed.")
    click.echo(f"{_count(report.indexed, 'article')} from {_count(report.files, 'file')}; "
               f"{len(report.skipped):,} skipped (--json lists them).")


def _count(number: int, noun: str) -> str:
    return f"{number:,} {noun}{'' if number == 1 else 's'}"


def _indexing(action, sources, aliases, as_json: bool, quiet: bool):
    """Run a rebuild or update with a progress line on a terminal. With ``as_json`` print the
    report as JSON and return None; else say which corrections applied and return the report."""
    progress = None if quiet or as_json or not sys.stderr.isatty() else Progress()
    report = action(sources, progress=progress, aliases=aliases)
    if progress:
        progress.finish()
    if as_json:
        click.echo(json.dumps(report.to_dict(), indent=2, ensure_ascii=False))
        if report.kept is not None:
            raise SystemExit(1)
        return None
    if report.aliases:
        click.echo(f"Person corrections applied from {', '.join(report.aliases)}")
    return report


@cli.command(short_help="Search the archive: ranked hits, people and dates.")
@click.argument("query", required=False, default="")
@click.option("--person", "persons", multiple=True, metavar="NAME",
              help="Only articles that mention this person (repeat: all of them).")
@click.option("--since", metavar="DATE", help="Published on or after (YYYY, YYYY-MM, YYYY-MM-DD).")
@click.option("--until", metavar="DATE", help="Published on or before (YYYY, YYYY-MM, YYYY-MM-DD).")
@click.option("--undated", is_flag=True, help="Only articles without a publication date.")
@click.option("--sort", type=click.Choice(SORTS), default="relevance", show_default=True,
              help="Best matches first, or by publication date (undated articles last).")
@click.option("--page", type=click.IntRange(1, MAX_PAGE), default=1, show_default=True,
              help="Which page of results to print.")
@click.option("--per-page", type=click.IntRange(1, MAX_PER_PAGE), default=10, show_default=True,
              help="Hits on a page.")
@click.option("--explain", is_flag=True, help="Also print how the query was read.")
@index_option
@json_option
@click.option("--csv", "as_csv", is_flag=True,
              help="Print every hit (not one page) as CSV, one row per article.")
@friendly
def search(query, persons, since, until, undated, sort, page, per_page, explain, index_dir, as_json,
           as_csv):
    """Search the archive. QUERY: words (all must match), "phrases", -exclude, OR,
    title:/person:/author: fields, trailing wildcards (miscarr*)."""
    if as_csv and as_json:
        raise click.UsageError("Choose one of --json and --csv.")
    if as_csv:
        with Archive(index_dir) as archive:
            rows = archive.export(query, persons=persons, since=since, until=until,
                                  undated=undated, sort=sort)
            _write_stdout(csv_text(rows))
        return
    with Archive(index_dir) as archive:
        result = archive.search(query, persons=persons, since=since, until=until,
                                undated=undated, sort=sort, page=page, per_page=per_page)
    if as_json:
        click.echo(json.dumps(result.to_dict(), indent=2, ensure_ascii=False))
        return
    tty = sys.stdout.isatty()
    shown = f"page {result.page} of {result.pages}" if result.total else ""
    click.echo(f"{_count(result.total, 'result')} for {query!r} ({result.seconds * 1000:.0f} ms) {shown}")
    for note in result.notes:
        click.echo(f"Note: {note}")
    if explain:
        click.echo(f"Query read as: {result.parsed}")
    first = (result.page - 1) * result.per_page
    for number, hit in enumerate(result.hits, start=first + 1):
        click.echo()
        click.echo(f"{number:>3}. " + click.style(hit.title, bold=True) if tty else
                   f"{number:>3}. {hit.title}")
        meta = [hit.published.date().isoformat() if hit.published else "undated",
                ", ".join(hit.authors) or hit.outlet or "", f"id: {hit.id}"]
        click.echo("     " + " · ".join(m for m in meta if m))
        click.echo("     " + terminal_text(hit.snippet, tty))
    for name, label in (("person", "People"), ("date", "Dates")):
        values = result.facets.get(name) or []
        if values:
            click.echo(f"\n{label}: " + ", ".join(
                f"{'[x] ' if v.selected else ''}{v.value} ({v.count})" for v in values[:12]))


@cli.command(short_help="Show one article by its ID (as search prints it).")
@click.argument("article_id")
@index_option
@json_option
@click.option("--similar", type=click.IntRange(0, 100), default=0, metavar="N",
              help="Also list the N articles most like it (by its most distinctive words).")
@friendly
def show(article_id, index_dir, as_json, similar):
    """Show one stored article by its ID (as printed by search)."""
    with Archive(index_dir) as archive:
        article = archive.get(article_id)
        alike = archive.similar(article_id, limit=similar) if similar else []
    if as_json:
        data = article.to_dict()
        if similar:
            data["similar"] = [hit.to_dict() for hit in alike]
        click.echo(json.dumps(data, indent=2, ensure_ascii=False))
        return
    click.echo(article.title)
    click.echo("=" * min(len(article.title), 80))
    rows = [("Published", article.published.isoformat() if article.published else "unknown"),
            ("Authors", ", ".join(article.authors)), ("Outlet", article.outlet),
            ("People", ", ".join(article.persons)), ("URL", article.url),
            ("Source", article.source), ("ID", article.id)]
    for label, value in rows:
        if value:
            click.echo(f"{label + ':':<11}{value}")
    click.echo()
    click.echo(article.body)
    if similar:
        click.echo(f"\nSimilar articles ({len(alike)}):")
        for hit in alike:
            day = hit.published.date().isoformat() if hit.published else "undated"
            click.echo(f"  {day}  {hit.title}\n              id: {hit.id}")


@cli.command(short_help="Numbers about the index: articles, people, date range.")
@index_option
@json_option
@friendly
def stats(index_dir, as_json):
    """Numbers about the index: articles, people, date range."""
    with Archive(index_dir) as archive:
        data = archive.stats()
    if as_json:
        click.echo(json.dumps(data, indent=2, ensure_ascii=False))
        return
    for key, value in data.items():
        click.echo(f"{key + ':':<10}{value}")


@cli.command(short_help="Serve the web interface at http://HOST:PORT/.")
@index_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=5000, show_default=True, type=click.IntRange(0, 65535),
              help="Port to listen on (0: any free port).")
@click.option("--threads", default=8, show_default=True, type=click.IntRange(1, 64),
              help="Requests served at once.")
@click.option("--max-connections", default=1000, show_default=True, type=click.IntRange(1, 100_000),
              help="Connections open at once (fewer if the open file limit is lower).")
@click.option("--idle-timeout", default=15, show_default=True, type=click.IntRange(1, 3600),
              metavar="SECONDS", help="Close a connection that sends or reads nothing this long.")
@friendly
def serve(index_dir, host, port, threads, max_connections, idle_timeout):
    """Serve the web interface (with waitress) at http://HOST:PORT/.

    When the default index does not exist yet it is built from data/ first.
    """
    from web.server import serve as serve_web

    archive = Archive(index_dir)
    if index_dir == DEFAULT_INDEX and not archive.exists():
        if not all(os.path.isdir(source) for source in DEFAULT_SOURCES):
            raise click.ClickException(
                f"No index in {index_dir}/ and no {DEFAULT_SOURCES[0]}/ folder here to build one from."
                "\nHint: run this in the news-archive folder, or: archive rebuild SOURCE… --index DIR")
        click.echo(f"No index in {index_dir}/ yet: building it from "
                   f"{', '.join(DEFAULT_SOURCES)}/ first…", err=True)
        report = archive.rebuild(DEFAULT_SOURCES)
        click.echo(f"Indexed {_count(report.indexed, 'article')} in {report.seconds:.1f} s.", err=True)
    archive.close()
    serve_web(index_dir, host=host, port=port, threads=threads, max_connections=max_connections,
              idle_timeout=idle_timeout, announce=click.echo)


@cli.command(short_help="List the people the archive mentions, most mentioned first.")
@click.argument("text", required=False, default="")
@click.option("--limit", type=click.IntRange(1, MAX_PEOPLE), default=100, show_default=True,
              metavar="N", help="List at most N people.")
@index_option
@json_option
@friendly
def people(text, limit, index_dir, as_json):
    """The people the archive mentions whose names contain TEXT (any case; everyone without
    it), most mentioned first, with the number of articles that mention each (as /people in
    the browser). Use a name with search --person."""
    with Archive(index_dir) as archive:
        found = archive.people(text, limit=limit)
    if as_json:
        click.echo(json.dumps(found.to_dict(), indent=2, ensure_ascii=False))
        return
    where = f" with {text!r} in their name" if text.strip() else ""
    if not found.total:
        click.echo(f"No one{where} is mentioned in the archive.")
        return
    noun = "person" if found.total == 1 else "people"
    click.echo(f"{found.total:,} {noun}{where}, most mentioned first:")
    for person in found.people:
        click.echo(f"{person.count:>7,}  {person.value}")
    if found.total > len(found.people):
        click.echo(f"… and {found.total - len(found.people):,} more (--limit N lists more; "
                   "TEXT narrows the list).")


def _write_stdout(chunks) -> None:
    """Stream text to stdout; a reader that stops early (``| head``) ends the output quietly."""
    out = sys.stdout
    try:
        for chunk in chunks:
            out.write(chunk)
        out.flush()
    except BrokenPipeError:
        # Python would complain again when it flushes stdout at exit: point it at devnull.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def terminal_text(snippet: str, tty: bool) -> str:
    """A snippet's HTML as terminal text, matches in bold on a terminal."""
    if tty:
        snippet = _MARK.sub(lambda m: click.style(m.group(1), bold=True, underline=True), snippet)
    return html.unescape(_TAG.sub("", snippet))


class Progress:
    """One self-rewriting line on stderr: files, articles, rate and ETA."""

    def __init__(self) -> None:
        self.started = time.monotonic()
        self.last = 0.0

    def __call__(self, done: int, total: int, articles: int) -> None:
        now = time.monotonic()
        if now - self.last < 0.2 and done < total:
            return
        self.last = now
        elapsed = max(now - self.started, 1e-6)
        eta = (total - done) * elapsed / done if done else 0
        click.echo(f"\r  files {done:,}/{total:,} · {articles:,} articles · "
                   f"{articles / elapsed:,.0f}/s · ETA {eta:,.0f} s   ", nl=False, err=True)

    def finish(self) -> None:
        click.echo(err=True)


def main() -> None:
    cli(prog_name="archive")
