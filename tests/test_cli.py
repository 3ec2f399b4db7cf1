"""The CLI through click's CliRunner, on real files and real indexes."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from archive.cli import cli
from archive.export import COLUMNS
from tests.conftest import FIXTURES, SEEDS

README = Path(__file__).resolve().parents[1] / "README.md"


@pytest.fixture(scope="module")
def built(seeds_dir, tmp_path_factory):
    index = tmp_path_factory.mktemp("cli") / "index"
    result = CliRunner().invoke(cli, ["rebuild", str(seeds_dir), "--index", str(index)])
    assert result.exit_code == 0, result.output
    return index, result.output


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def test_rebuild_report_names_every_skipped_file(built):
    _, output = built
    lines = output.splitlines()
    assert re.match(r"Indexed 2 articles from 4 files in \d+\.\d s into .*index/", lines[0])
    assert lines[1] == "Skipped 2:"
    assert lines[2] == "  empty.txt: empty file"
    assert lines[3].startswith("  random.txt: cannot be decoded as text")


def test_rebuild_json_report_counts_add_up(seeds_dir, tmp_path):
    result = run("rebuild", seeds_dir, "--index", tmp_path / "ix", "--json")
    report = json.loads(result.output)
    assert report["indexed"] + len(report["skipped"]) == report["files"] == 4


def test_search_json_shape(built):
    index, _ = built
    result = run("search", "baby loss", "--index", index, "--json")
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert data["total"] == 2 and data["page"] == 1 and data["per_page"] == 10
    first = data["hits"][0]
    assert first["id"] == SEEDS[0]
    assert first["published"] == "2021-06-17T12:01:00+00:00"
    assert "<mark>" in first["snippet"]
    people = {v["value"] for v in data["facets"]["person"]}
    assert {"Kate Beckinsale", "Chrissy Teigen", "Zoe Clark-Coates"} <= people


def test_search_filters(built):
    index, _ = built
    both = json.loads(run("search", "Teigen", "--person", "Chrissy Teigen", "--index", index,
                          "--json").output)
    assert both["total"] == 2
    dated = json.loads(run("search", "miscarriage", "--since", "2021-01-01", "--index", index,
                           "--json").output)
    assert [h["id"] for h in dated["hits"]] == [SEEDS[0]]


def test_search_text_output(built):
    index, _ = built
    result = run("search", "baby loss", "--index", index)
    lines = result.output.splitlines()
    assert re.match(r"2 results for 'baby loss' \(\d+ ms\) page 1 of 1", lines[0])
    assert lines[2] == "  1. Kate Beckinsale has been named as an ambassador for a baby loss charity"
    assert lines[3] == f"     2021-06-17 · BANG Showbiz · id: {SEEDS[0]}"
    assert "<mark>" not in result.output
    assert "People: " in result.output and "Dates: 2021-06-17 (1), undated (1)" in result.output


def test_show_and_stats(built):
    index, _ = built
    shown = run("show", SEEDS[0], "--index", index)
    assert shown.exit_code == 0
    assert shown.output.startswith("Kate Beckinsale has been named as an ambassador")
    assert "Published: 2021-06-17T12:01:00+00:00" in shown.output
    data = json.loads(run("show", SEEDS[1], "--index", index, "--json").output)
    assert data["published"] is None
    stats = json.loads(run("stats", "--index", index, "--json").output)
    assert stats["articles"] == 2
    assert set(stats) >= {"articles", "persons", "earliest", "latest", "index", "built"}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["search", "baby", "--index", "{missing}"], "No archive index in"),
        (["show", "nope", "--index", "{index}"], "Article 'nope' does not exist"),
        (["search", "baby", "--since", "June", "--index", "{index}"], "since='June' is not a date"),
        (["rebuild", "{missing}/src", "--index", "{missing}"], "does not exist"),
    ],
)
def test_errors_are_one_line_with_a_hint(built, tmp_path, args, message):
    index, _ = built
    args = [a.format(index=index, missing=tmp_path / "missing") for a in args]
    result = run(*args)
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert message in result.output
    assert "Hint:" in result.output


def test_usage_errors_exit_2(built):
    index, _ = built
    assert run("search", "x", "--sort", "sideways", "--index", index).exit_code == 2
    assert run("search", "x", "--page", "0", "--index", index).exit_code == 2


def test_failed_rebuild_leaves_the_old_index_answering(built, tmp_path):
    index = tmp_path / "index"
    shutil.copytree(built[0], index)
    before = run("search", "baby loss", "--index", index, "--json").output
    assert run("rebuild", tmp_path / "nope", "--index", index).exit_code == 1
    assert run("search", "baby loss", "--index", index, "--json").output == before


def test_a_rebuild_that_finds_no_article_keeps_the_index(built, tmp_path):
    index = tmp_path / "index"
    shutil.copytree(built[0], index)
    before = run("search", "baby loss", "--index", index, "--json").output
    wrong = tmp_path / "downloads"
    wrong.mkdir()
    (wrong / "notes.md").write_text("# shopping list")
    (wrong / "empty.txt").write_text("")
    result = run("rebuild", wrong, "--index", index)
    assert result.exit_code == 1
    kept = f"Nothing to index: no article in 2 files. The index in {index}/ was left as it was (2 articles)."
    assert kept in result.output
    assert "notes.md: not a supported article format" in result.output
    assert "empty.txt: empty file" in result.output
    assert run("search", "baby loss", "--index", index, "--json").output == before
    report = json.loads(run("rebuild", wrong, "--index", index, "--json").output)
    assert report["indexed"] == 0 and report["kept"] == 2
    # a first rebuild has nothing to keep: it makes the (empty) index, so that searches answer
    fresh = run("rebuild", wrong, "--index", tmp_path / "fresh")
    assert fresh.exit_code == 0 and "Indexed 0 articles from 2 files" in fresh.output


def test_every_command_has_help_and_is_documented():
    readme = README.read_text(encoding="utf-8")
    for name, command in cli.commands.items():
        result = run(name, "--help")
        assert result.exit_code == 0 and command.help, name
        assert f"archive {name}" in readme, f"README does not document `archive {name}`"


def test_python_dash_m_entry_point_exists():
    assert (Path(__file__).resolve().parents[1] / "archive" / "__main__.py").exists()
    assert FIXTURES.exists()


def test_progress_shows_each_phase_with_its_counts_and_time(capsys):
    from archive.progress import ProgressLine, Step

    progress = ProgressLine()
    progress(Step("listing", done=6))
    progress(Step("reading", done=1, total=4, articles=10, indexed=8))  # a new phase is drawn at once
    progress.phase_started -= 5  # five seconds into reading: a rate and an ETA
    progress.last = 0  # (the display redraws a phase at most every 0.2 s)
    progress(Step("reading", done=2, total=4, articles=20, indexed=18))
    progress(Step("finishing segments"))
    progress.finish()
    err = capsys.readouterr().err
    assert "\r  listing · 6 entries · 0.0 s\x1b[K\n" in err
    assert "\r  reading · files 1/4 · 10 articles (8 indexed) · 0 s · ETA …" in err
    assert "\r  reading · files 2/4 · 20 articles (18 indexed) · 4 articles/s · 5 s · ETA 5 s" in err
    assert "\r  reading · files 2/4 · 20 articles · 4 articles/s · 5.0 s\x1b[K\n" in err  # the line, kept
    assert "\r  finishing segments · 0.0 s\x1b[K\n" in err and err.endswith("\n")


def test_explain_shows_how_the_query_was_read(built):
    index, _ = built
    result = run("search", '"baby loss" -legend', "--explain", "--index", index)
    assert 'Query read as: ((title:"babi loss" OR body:"babi loss") AND NOT ' in result.output
    odd = run("search", "(((", "--index", index)
    assert odd.exit_code == 0 and "Note: The query was read as plain words." in odd.output


# -- CSV export --------------------------------------------------------------------------------

def csv_rows(output: str) -> list[dict]:
    reader = csv.DictReader(io.StringIO(output, newline=""))
    rows = list(reader)
    assert tuple(reader.fieldnames) == COLUMNS
    return rows


def test_search_csv_has_every_hit_not_one_page(mixed_archive):
    index = mixed_archive.index_dir
    total = mixed_archive.search("").total
    assert total > 10  # more than the default page
    result = run("search", "--csv", "--sort", "newest", "--index", index)
    assert result.exit_code == 0, result.output
    rows = csv_rows(result.output)
    assert len(rows) == total
    assert [r["rank"] for r in rows] == [str(n) for n in range(1, total + 1)]
    newest = mixed_archive.search("", sort="newest", per_page=100).hits
    assert [r["id"] for r in rows] == [h.id for h in newest]
    assert {r["score"] for r in rows} == {""}  # scores only for a ranking by relevance


def test_search_csv_columns_and_ranking(built):
    index, _ = built
    rows = csv_rows(run("search", "baby loss", "--csv", "--index", index).output)
    hits = json.loads(run("search", "baby loss", "--json", "--index", index).output)["hits"]
    assert [r["id"] for r in rows] == [h["id"] for h in hits]
    first = rows[0]
    assert first["title"] == "Kate Beckinsale has been named as an ambassador for a baby loss charity"
    assert first["published"] == "2021-06-17T12:01:00+00:00"
    assert first["outlet"] == "BANG Showbiz" and first["source"] == SEEDS[0]
    assert "Kate Beckinsale; " in first["persons"] and "Chrissy Teigen" in first["persons"].split("; ")
    assert float(first["score"]) == pytest.approx(hits[0]["score"])


@pytest.mark.parametrize("filters", [
    ["--person", "Chrissy Teigen", "--since", "2021-01-01"],
    ["--until", "2020"],
    ["--undated"],
    ["--person", "Arthur Miller", "--sort", "oldest"],
    ["said", "--since", "1987", "--until", "1987-12"],
])
def test_search_csv_respects_the_filters(mixed_archive, filters):
    index = mixed_archive.index_dir
    rows = csv_rows(run("search", *filters, "--csv", "--index", index).output)
    shown = json.loads(run("search", *filters, "--per-page", "100", "--json", "--index", index).output)
    assert [r["id"] for r in rows] == [h["id"] for h in shown["hits"]]
    assert len(rows) == shown["total"]


def test_search_csv_errors(built):
    index, _ = built
    bad = run("search", "baby", "--csv", "--since", "June", "--index", index)
    assert bad.exit_code == 1 and "since='June' is not a date" in bad.output
    assert "Hint:" in bad.output and "rank,id" not in bad.output
    both = run("search", "baby", "--csv", "--json", "--index", index)
    assert both.exit_code == 2 and "Choose one of --json and --csv" in both.output
    none = run("search", "zebra", "--csv", "--index", index)
    assert none.exit_code == 0 and none.stdout_bytes == (",".join(COLUMNS) + "\r\n").encode()


def test_show_lists_similar_articles(built):
    index, _ = built
    result = run("show", SEEDS[0], "--similar", "1", "--index", index)
    assert result.exit_code == 0
    assert result.output.rstrip().endswith(f"Similar articles (1):\n  undated  Kate Beckinsale discusses her "
                                           f"miscarriage as she offers Chrissy Teigen support\n"
                                           f"              id: {SEEDS[1]}")
    data = json.loads(run("show", SEEDS[0], "--similar", "1", "--json", "--index", index).output)
    assert [hit["id"] for hit in data["similar"]] == [SEEDS[1]]
    assert "similar" not in json.loads(run("show", SEEDS[0], "--json", "--index", index).output)


# -- a newcomer's first hour -------------------------------------------------------------------

def test_archive_help_shows_every_command_summary_whole():
    result = run("--help")
    listed = dict(re.findall(r"^  (\w+)\s+(.+)$", result.output.split("Commands:")[1], re.M))
    assert set(listed) == set(cli.commands)
    for name, command in cli.commands.items():
        assert listed[name] == command.short_help, name  # not cut off with "..."
        assert not listed[name].endswith("...")


def test_search_options_have_help():
    output = run("search", "--help").output
    assert "Best matches first, or by publication date" in output
    assert "Which page of results to print" in output and "Hits on a page" in output


def test_people_lists_who_the_archive_mentions(built):
    index, _ = built
    result = run("people", "teig", "--index", index)
    assert result.exit_code == 0
    assert result.output.splitlines() == ["1 person with 'teig' in their name, most mentioned first:",
                                          "      2  Chrissy Teigen"]
    data = json.loads(run("people", "--limit", "2", "--json", "--index", index).output)
    assert data["limit"] == 2 and len(data["people"]) == 2 and data["total"] > 2
    assert {"name", "count", "variants"} == set(data["people"][0])
    everyone = run("people", "--limit", "2", "--index", index).output
    assert f"… and {data['total'] - 2:,} more (--limit N lists more" in everyone
    nobody = run("people", "zzzz", "--index", index).output
    assert nobody == "No one with 'zzzz' in their name is mentioned in the archive.\n"
    assert run("people", "--limit", "0", "--index", index).exit_code == 2


def test_counts_of_one_are_singular(built, tmp_path):
    index, _ = built
    one = run("search", "ambassador", "--index", index)
    assert re.match(r"1 result for 'ambassador' \(\d+ ms\) page 1 of 1", one.output)
    rebuilt = run("rebuild", FIXTURES / SEEDS[0], "--index", tmp_path / "one")
    assert rebuilt.output.startswith("Indexed 1 article from 1 file in ")
    updated = run("update", FIXTURES / SEEDS[0], "--index", tmp_path / "one")
    assert "\n1 article from 1 file.\n" in updated.output
