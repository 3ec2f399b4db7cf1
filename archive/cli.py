"""The command line: each command checks its input, calls the library once, and turns an
ArchiveError into a one-line message with a hint (exit 1); usage errors exit 2."""

from __future__ import annotations

import html
import json
import os
import re
import sys
from collections.abc import Iterator
from functools import wraps

import click

from .article import shown_date
from .errors import ArchiveError, Interrupted
from .export import csv_text
from .index.company import COMPANY_UNITS
from .index.trends import UNITS
from .library import (
    DEFAULT_INDEX,
    DEFAULT_SOURCES,
    MAX_PAGE,
    MAX_PEOPLE,
    MAX_PER_PAGE,
    SORTS,
    Archive,
)
from .progress import ProgressLine

SKIPPED_SHOWN = 10  # more skipped inputs than this are counted by reason
GROUPS_SHOWN = 12
STANDOUT_LABELS = {"person": "people", "word": "words"}
FACET_LABELS = (("person", "People"), ("topic", "Topics"), ("author", "Authors"),
                ("outlet", "Outlets"), ("date", "Dates"))
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


class _Size(click.ParamType):
    """A size such as 5MB, 500k or 1048576 (bytes)."""

    name = "size"

    def convert(self, value, param, ctx):
        if isinstance(value, int):
            return value
        from .sources.limits import parse_size  # the readers load only when an index is built

        try:
            return parse_size(str(value))
        except ValueError:
            self.fail(f"{value!r} is not a size (e.g. 5MB, 500k, 1048576)", param, ctx)


size_option = click.option(
    "--max-article-size", "max_article_size", type=_Size(), default=None, metavar="SIZE",
    help="Largest article taken in (e.g. 20MB; default 5MB): the rest of a bigger one is left out "
         "and reported.",
)


@cli.command(short_help="Build the index anew from files and folders of articles.")
@click.argument("sources", nargs=-1, type=click.Path())
@index_option
@json_option
@click.option("--quiet", "-q", is_flag=True, help="No progress display.")
@aliases_option
@size_option
@friendly
def rebuild(sources, index_dir, as_json, quiet, aliases, max_article_size):
    """Rebuild the index from SOURCES (files or folders; default: data/).

    The new index is built beside the live one and swapped in only when complete. Every file
    not indexed is named with its reason (grouped here; all in <index>/report.txt and --json).
    """
    report = _indexing(Archive(index_dir).rebuild, sources or DEFAULT_SOURCES, aliases, as_json, quiet,
                       max_article_size, "rebuild")
    if report is None:
        return
    if report.kept is not None:
        held = f" ({_count(report.kept, 'article')})" if report.kept >= 0 else ""
        click.echo(f"Nothing to index: no article in {_count(report.files, 'file')}. The index in "
                   f"{report.index}/ was left as it was{held}.", err=True)
        click.echo("Hint: check the sources given (the reasons are below); to empty the index, delete "
                   "its folder.", err=True)
    else:
        stories = f"; {report.stories_line()}" if report.stories_line() else ""
        click.echo(f"Indexed {_count(report.indexed, 'article')} from {_count(report.files, 'file')} "
                   f"in {report.seconds:.1f} s into {report.index}/{stories}")
    _echo_skipped(report)
    if report.kept is not None:
        raise SystemExit(1)


@cli.command(short_help="Re-index only files added, changed or removed since the last build.")
@click.argument("sources", nargs=-1, type=click.Path())
@index_option
@json_option
@click.option("--quiet", "-q", is_flag=True, help="No progress display.")
@aliases_option
@size_option
@friendly
def update(sources, index_dir, as_json, quiet, aliases, max_article_size):
    """Re-index only files added, changed or removed since the last rebuild or update.

    SOURCES default to those the index was built from. Like a rebuild, the new index is
    swapped in only when complete; without an index this is a full rebuild.
    """
    report = _indexing(Archive(index_dir).update, sources or None, aliases, as_json, quiet,
                       max_article_size, "update")
    if report is None:
        return
    if report.added is None:
        click.echo("No earlier index to update: rebuilt it.")
    else:
        click.echo(f"Updated {report.index}/ in {report.seconds:.1f} s ({_count(report.reread, 'file')} read "
                   f"again): {report.added:,} added, {report.changed:,} changed, {report.removed:,} removed.")
    if report.stories_line():
        click.echo(f"Stories: {report.stories_line()}.")
    click.echo(f"{_count(report.indexed, 'article')} from {_count(report.files, 'file')}.")
    _echo_skipped(report)


def _copies_line(hit) -> str:
    """"2 more copies: Reuters 1987-03-17, AP 1987-03-18 · first: Reuters 1987-03-17"."""
    story = hit.story
    more = story.copies - 1
    listed = ", ".join(f"{c.where} {_day(c.published, c.published_precision)}" for c in story.others[:3])
    first = "this one" if story.first.id == hit.id else \
        f"{story.first.where} {_day(story.first.published, story.first.published_precision)}"
    return (f"{more} more {'copy' if more == 1 else 'copies'}: {listed}{', …' if more > 3 else ''}"
            f" · first: {first} · archive show {story.id} --copies")


def _echo_story(story, article_id: str, changes) -> None:
    """The copies of the article's story, earliest first, and what it changed from the first."""
    click.echo(f"\nCopies of this story ({story.copies}), earliest first:")
    for copy in (story.first, *story.others):
        mark = "*" if copy.id == article_id else " "
        click.echo(f" {mark} {_day(copy.published, copy.published_precision)}  {copy.where}  {copy.title}\n"
                   f"              id: {copy.id}")
    if story.copies == 1:
        click.echo("  (no other copy)")
    elif changes is None:
        click.echo("This is the first copy.")
    else:
        click.echo(f"Changed from the first copy: {changes.summary()}")
        if changes.headline:
            click.echo(f"  headline: {changes.headline[0]!r} -> {changes.headline[1]!r}")
        for paragraph in changes.removed:
            click.echo(f"  - {paragraph}")
        for paragraph in changes.added:
            click.echo(f"  + {paragraph}")
        for reworded in changes.reworded:
            click.echo("  ~ " + " ".join(text if tag == "same" else f"[{'-' if tag == 'del' else '+'}{text}]"
                                         for tag, text in reworded.runs))


def _day(published, precision: str | None) -> str:
    """A hit's date as far as it is known ("2021-06-17", "2006-02"), or "undated"."""
    return (shown_date(published, precision) or "undated")[:10]


def _count(number: int, noun: str, many: str | None = None) -> str:
    return f"{number:,} {noun if number == 1 else many or noun + 's'}"


def _echo_skipped(report) -> None:
    """The skipped inputs (each one when few, else counted by reason), the notes, and the file
    that lists them all."""
    if report.skipped and len(report.skipped) <= SKIPPED_SHOWN:
        click.echo(f"Skipped {len(report.skipped):,}:")
        for item in report.skipped:
            click.echo(f"  {item.source}: {item.reason}")
    elif report.skipped:
        groups = report.groups()
        click.echo(f"Skipped {len(report.skipped):,}, by reason:")
        for group in groups[:GROUPS_SHOWN]:
            click.echo(f"  {group}")
        if len(groups) > GROUPS_SHOWN:
            click.echo(f"  … and {_count(len(groups) - GROUPS_SHOWN, 'other reason')}")
    if report.notes:
        click.echo(f"Notes ({len(report.notes):,}):")
        for group in report.note_groups()[:GROUPS_SHOWN]:
            click.echo(f"  {group}")
    if (report.skipped or report.notes) and report.report_file:
        click.echo(f"Every one is listed in {report.report_file} (and by --json).")
    elif report.skipped or report.notes:
        click.echo("Every one is listed by --json (the list could not be written in the index folder).")


def _indexing(action, sources, aliases, as_json: bool, quiet: bool, max_article_size, command: str):
    """Run a rebuild or update with a progress display on a terminal. With ``as_json`` print the
    report as JSON and return None; else say which corrections applied and return the report.

    SIGINT, SIGTERM or SIGHUP stop it with one line and the exit status 128 + the signal."""
    progress = None if quiet or as_json or not sys.stderr.isatty() else ProgressLine()
    try:
        report = action(sources, progress=progress, aliases=aliases, max_article_size=max_article_size)
    except Interrupted as exc:
        if progress:
            progress.finish()
        index = action.__self__.index_dir
        if exc.swapped:
            click.echo(f"Stopped by {exc.name} after the new index in {index}/ was swapped in: the {command} "
                       "is complete, its report was not printed.", err=True)
        else:
            click.echo(f"Stopped by {exc.name}: the {command} was abandoned; the index in {index}/ is as it "
                       "was.", err=True)
        raise SystemExit(128 + exc.signum) from None
    finally:
        if progress:
            progress.finish()
    if report.took_over:
        click.echo(report.took_over, err=True)
    if as_json:
        click.echo(json.dumps(report.to_dict(), indent=2, ensure_ascii=False))
        if report.kept is not None:
            raise SystemExit(1)
        return None
    if report.aliases:
        click.echo(f"Person corrections applied from {', '.join(report.aliases)}")
    return report


KEYWORD_OPTIONS = (
    ("topic", "TOPIC", "Only articles the source filed under this topic, category or section"),
    ("author", "NAME", "Only articles with this name in the byline"),
    ("outlet", "NAME", "Only articles from this outlet"),
)


def keyword_options(command):
    """--topic, --author and --outlet (each repeatable: all must hold), as ``topics``,
    ``authors`` and ``outlets``."""
    for kind, metavar, text in reversed(KEYWORD_OPTIONS):
        command = click.option(f"--{kind}", f"{kind}s", multiple=True, metavar=metavar,
                               help=f"{text} (repeat: all of them).")(command)
    return command


@cli.command(short_help="Search the archive: ranked hits, people and dates.")
@click.argument("query", required=False, default="")
@click.option("--person", "persons", multiple=True, metavar="NAME",
              help="Only articles that mention this person (repeat: all of them).")
@keyword_options
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
              help="Print every hit (not one page) as CSV, one row per hit.")
@click.option("--all-copies", is_flag=True,
              help="List every article: copies of one story (syndicated, updated, saved again) too.")
@friendly
def search(query, persons, topics, authors, outlets, since, until, undated, sort, page, per_page,
           explain, index_dir, as_json, as_csv, all_copies):
    """Search the archive. QUERY: words (all must match), "phrases", -exclude, OR,
    title:/person:/author:/topic:/outlet: fields, trailing wildcards (miscarr*)."""
    if as_csv and as_json:
        raise click.UsageError("Choose one of --json and --csv.")
    chosen = {"topics": topics, "authors": authors, "outlets": outlets}
    if as_csv:
        with Archive(index_dir) as archive:
            rows = archive.export(query, persons=persons, since=since, until=until,
                                  undated=undated, sort=sort, all_copies=all_copies, **chosen)
            _write_stdout(csv_text(rows))
        return
    with Archive(index_dir) as archive:
        result = archive.search(query, persons=persons, since=since, until=until, undated=undated,
                                sort=sort, page=page, per_page=per_page, significant=True,
                                all_copies=all_copies, **chosen)
    if as_json:
        click.echo(json.dumps(result.to_dict(), indent=2, ensure_ascii=False))
        return
    tty = sys.stdout.isatty()
    shown = f"page {result.page} of {result.pages}" if result.total else ""
    click.echo(f"{_count(result.total, 'result')} for {query!r} ({result.seconds * 1000:.0f} ms) {shown}")
    if result.articles != result.stories:
        switch = "one per story without --all-copies" if all_copies else "--all-copies lists every one"
        click.echo(f"{_count(result.stories, 'story', 'stories')} in "
                   f"{_count(result.articles, 'article')}: copies of one story are one result "
                   f"({switch}); the facets count {result.counted}.")
    for note in result.notes:
        click.echo(f"Note: {note}")
    if result.did_you_mean:
        click.echo(f"Did you mean: {result.did_you_mean}?")
    for name, alike in result.people_like.items():
        click.echo(f"No one called {name!r} is mentioned; names like it: {', '.join(alike) or 'none'}")
    if explain:
        click.echo(f"Query read as: {result.parsed}")
    first = (result.page - 1) * result.per_page
    for number, hit in enumerate(result.hits, start=first + 1):
        click.echo()
        click.echo(f"{number:>3}. " + click.style(hit.title, bold=True) if tty else
                   f"{number:>3}. {hit.title}")
        meta = [_day(hit.published, hit.published_precision),
                ", ".join(hit.authors) or hit.outlet or "", f"id: {hit.id}"]
        click.echo("     " + " · ".join(m for m in meta if m))
        click.echo("     " + terminal_text(hit.snippet, tty))
        if hit.story and hit.story.copies > 1:
            click.echo(f"     {_copies_line(hit)}")
    for name, label in FACET_LABELS:
        values = result.facets.get(name) or []
        if values:
            click.echo(f"\n{label}: " + ", ".join(
                f"{'[x] ' if v.selected else ''}{v.value} ({v.count})" for v in values[:12]))
    for kind, found in result.significant.kinds.items():
        if found:
            label = STANDOUT_LABELS.get(kind, kind)
            click.echo(f"\nStands out ({label}, in matches / in the archive): " + ", ".join(
                f"{s.value} ({s.count:,}/{s.background:,})" for s in found))


@cli.command(short_help="How often searches match per year, month or day, and their share.")
@click.argument("queries", nargs=-1, required=True)
@click.option("--by", type=click.Choice(UNITS), default="month", show_default=True,
              help="Count per year, month or day.")
@click.option("--person", "persons", multiple=True, metavar="NAME",
              help="Only articles that mention this person, in every search (repeat: all of them).")
@keyword_options
@click.option("--since", metavar="DATE", help="From this date (YYYY, YYYY-MM, YYYY-MM-DD).")
@click.option("--until", metavar="DATE", help="Up to this date (YYYY, YYYY-MM, YYYY-MM-DD).")
@index_option
@json_option
@click.option("--csv", "as_csv", is_flag=True, help="Print CSV: one row per period and query.")
@friendly
def trends(queries, by, persons, topics, authors, outlets, since, until, index_dir, as_json, as_csv):
    """How often up to five searches (QUERIES) match per year, month or day, as counts and as
    the share of all the archive's articles of that period."""
    if as_csv and as_json:
        raise click.UsageError("Choose one of --json and --csv.")
    with Archive(index_dir) as archive:
        result = archive.trends(queries, by=by, persons=persons, since=since, until=until,
                                topics=topics, authors=authors, outlets=outlets)
    if as_json:
        click.echo(json.dumps(result.to_dict(), indent=2, ensure_ascii=False))
        return
    if as_csv:
        _write_stdout(csv_text(result.rows(), result.COLUMNS))
        return
    width = max(18, *(len(t.query) + 4 for t in result.trends))
    click.echo(f"{by:<12}{'articles':>10}" + "".join(f"{repr(t.query):>{width}}" for t in result.trends))
    for number, period in enumerate(result.periods):
        cells = []
        for trend in result.trends:  # a period without articles is a gap, not a zero
            share = result.share(trend, number)
            cells.append(f"{trend.counts[number]:,} ({share:.1%})" if share is not None else "—")
        click.echo(f"{period.label:<12}{period.total:>10,}" + "".join(f"{c:>{width}}" for c in cells))
    undated = [f"{t.query!r}: {t.undated:,}" for t in result.trends if t.undated]
    if undated:
        click.echo(f"Matches not dated to a {by} (in no period): " + ", ".join(undated))


@cli.command(short_help="Show one article by its ID (as search prints it).")
@click.argument("article_id")
@index_option
@json_option
@click.option("--copies", "copies", is_flag=True,
              help="Also list the other copies of its story and what this one changed from the first.")
@click.option("--similar", type=click.IntRange(0, 100), default=0, metavar="N",
              help="Also list the N articles most like it (by its most distinctive words).")
@friendly
def show(article_id, index_dir, as_json, similar, copies):
    """Show one stored article by its ID (as printed by search)."""
    with Archive(index_dir) as archive:
        article = archive.get(article_id)
        alike = archive.similar(article_id, limit=similar) if similar else []
        story = archive.story(article_id) if copies else None
        changes = archive.changes(article_id, against=story.first.id) \
            if story is not None and story.first.id != article_id else None
    if as_json:
        data = article.to_dict()
        if similar:
            data["similar"] = [hit.to_dict() for hit in alike]
        if story is not None:
            data["story"] = story.to_dict()
            data["changes"] = changes.to_dict() if changes else None
        click.echo(json.dumps(data, indent=2, ensure_ascii=False))
        return
    click.echo(article.title)
    click.echo("=" * min(len(article.title), 80))
    rows = [("Published", article.published_text or "unknown"),
            ("Authors", ", ".join(article.authors)), ("Outlet", article.outlet),
            ("People", ", ".join(article.persons)), ("URL", article.url),
            ("Source", article.source), ("ID", article.id)]
    for label, value in rows:
        if value:
            click.echo(f"{label + ':':<11}{value}")
    click.echo()
    click.echo(article.body)
    if story is not None:
        _echo_story(story, article_id, changes)
    if similar:
        click.echo(f"\nSimilar articles ({len(alike)}):")
        for hit in alike:
            click.echo(f"  {_day(hit.published, hit.published_precision)}  {hit.title}\n"
                       f"              id: {hit.id}")


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
        label = key + ":"
        click.echo(f"{label:<10}{value}" if len(label) < 10 else f"{label} {value}")


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
    the browser). Use a name with search --person, or see one person with archive person NAME."""
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


@cli.command(short_help="One person: mentions over time, who is named with them, articles.")
@click.argument("name")
@click.option("-q", "--query", "q", default="", metavar="QUERY", help="Only articles matching QUERY.")
@click.option("--with", "persons", multiple=True, metavar="NAME",
              help="Only articles that also mention NAME (repeatable).")
@click.option("--since", metavar="DATE", help="From this date (YYYY, YYYY-MM or YYYY-MM-DD).")
@click.option("--until", metavar="DATE", help="Up to this date (a partial date: to its end).")
@click.option("--by", type=click.Choice(UNITS), default="month", show_default=True,
              help="Count mentions per year, month or day.")
@click.option("--compare", "company_by", type=click.Choice(COMPANY_UNITS), default="quarter",
              show_default=True, help="Compare the company kept per quarter, month or year.")
@click.option("--page", type=click.IntRange(1, MAX_PAGE), default=1, show_default=True,
              help="Page of their articles (newest first).")
@index_option
@json_option
@friendly
def person(name, q, persons, since, until, by, company_by, page, index_dir, as_json):
    """What the archive knows of NAME (any case; a byline name too): how often it is mentioned
    per month, the people most often named with them (in the chosen articles, in all of them
    and per quarter side by side), their newest articles, the articles they wrote and the name
    variants merged into them (as /person/NAME in the browser)."""
    with Archive(index_dir) as archive:
        found = archive.person(name, q=q, persons=list(persons), since=since, until=until, by=by,
                               company_by=company_by, page=page)
    if as_json:
        click.echo(json.dumps(found.to_dict(), indent=2, ensure_ascii=False))
        return
    for line in _person_lines(found):
        click.echo(line)


def _person_lines(found) -> Iterator[str]:
    trend = found.mentions.trends[0] if found.mentions.trends else None
    stories = (f" ({found.mentioned_stories:,} stories)"
               if found.mentioned_stories != found.mentioned else "")
    yield (f"{found.name}: mentioned in {found.mentioned:,} articles{stories}, "
           f"byline on {found.authored.total:,}.")
    if found.variants:
        yield "Also counted as: " + ", ".join(f"{form!r} ({n:,})" for form, n in found.variants.items())
    if trend and trend.total:
        yield f"\nMentions per {found.mentions.by}{' matching ' + repr(found.q) if found.q else ''}:"
        for period, count in zip(found.mentions.periods, trend.counts, strict=True):
            yield f"  {period.label:<10} {count:>6,}  {'#' * min(60, count)}"
    if found.chosen:
        yield f"\nNamed with {found.name} in the {found.articles.total:,} chosen articles:"
        yield from (f"{v.count:>7,}  {v.value}" for v in found.co_mentions[:10])
        yield ("  (not the same as in all their articles)" if found.differs
               else "  (the same as in all their articles)")
    yield f"\nNamed with {found.name} in all their articles:"
    yield from (f"{v.count:>7,}  {v.value}" for v in found.co_mentions_all[:10])
    if found.company:
        yield f"\nPer {found.company_by}:"
        for period in found.company:
            names = ", ".join(f"{v.value} ({v.count})" for v in period.co_mentions) or "no one else"
            new = f"  [new: {', '.join(period.new)}]" if period.new else ""
            yield f"  {period.label:<8} {period.articles:>5,} articles: {names}{new}"
    yield f"\nArticles (page {found.articles.page} of {found.articles.pages}, {found.articles.total:,}):"
    for hit in found.articles.hits:
        yield f"  {(hit.published_text or 'undated')[:10]:<10} {hit.title[:90]}  [{hit.id}]"
    if found.authored.hits:
        yield f"\nWritten by {found.name} ({found.authored.total:,}):"
        for hit in found.authored.hits:
            yield f"  {(hit.published_text or 'undated')[:10]:<10} {hit.title[:90]}  [{hit.id}]"


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


def main() -> None:
    cli(prog_name="archive")
