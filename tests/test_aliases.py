"""The aliases file: variants to one canonical name, false people suppressed, clear errors."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from archive import Archive
from archive.cli import cli
from archive.errors import ArchiveError
from archive.extract.aliases import Aliases, load_aliases

REPO = Path(__file__).resolve().parents[1]


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "people.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_variants_map_to_the_canonical_name_and_ignored_names_go(tmp_path):
    aliases = load_aliases(write(tmp_path, """
[aliases]
"Kate Beckinsale" = ["Kathryn Beckinsale", "Beckinsale"]

[ignore]
names = ["Mariposa Trust"]
"""))
    found = ["Kathryn Beckinsale", "mariposa  trust", "Chrissy Teigen", "kate beckinsale", "Beckinsale"]
    assert aliases.apply(found) == ("Kate Beckinsale", "Chrissy Teigen")


def test_missing_file_changes_nothing(tmp_path):
    aliases = load_aliases(tmp_path / "absent.toml")
    assert not aliases
    assert aliases.apply(["Kate Beckinsale", "Kate Beckinsale"]) == ("Kate Beckinsale",)
    assert Aliases().apply([]) == ()


def test_the_shipped_file_merges_the_two_names_of_lawrence_lessig():
    aliases = load_aliases(REPO / "data" / "people.toml")
    found = ["Larry Lessig", "Lawrence Lessig", "Hugh McGuire"]
    assert aliases.apply(found) == ("Lawrence Lessig", "Hugh McGuire")


@pytest.mark.parametrize(
    ("text", "complaint"),
    [
        ("[aliases\n", "not valid TOML"),
        ('[aliases]\n"Kate Beckinsale" = "Beckinsale"\n', "must be a list of names"),
        ('[aliases]\n"Beckinsale, Kate" = ["Kate"]\n', "no comma"),
        ('[aliases]\n"A B" = ["C"]\n"D E" = ["c"]\n', "listed under both"),
        ('[ignore]\nnames = "Instagram"\n', "[ignore] names must be a list"),
        ('[alias]\n"A B" = ["C"]\n', "unknown section(s) alias"),
        ('aliases = 3\n', "[aliases] must be a table"),
    ],
)
def test_malformed_file_names_the_file_and_the_problem(tmp_path, text, complaint):
    path = write(tmp_path, text)
    with pytest.raises(ArchiveError) as info:
        load_aliases(path)
    assert str(path) in info.value.message
    assert complaint in info.value.message


CORRECTIONS = """
[aliases]
"Kate Beckinsale" = ["Beckinsale"]
"Christine Teigen" = ["Chrissy Teigen"]

[ignore]
names = ["Zoe Clark-Coates"]
"""


def persons_facet(arc: Archive, **kwargs) -> dict[str, int]:
    return {v.value: v.count for v in arc.search("", **kwargs).facets["person"]}


@pytest.fixture
def corrected_seeds(tmp_path, seeds_dir) -> Path:
    folder = tmp_path / "articles"
    shutil.copytree(seeds_dir, folder)
    (folder / "people.toml").write_text(CORRECTIONS, encoding="utf-8")
    return folder


def test_a_source_folders_people_toml_is_applied_at_rebuild(tmp_path, corrected_seeds):
    arc = Archive(tmp_path / "index")
    report = arc.rebuild([corrected_seeds])
    facet = persons_facet(arc)
    assert facet["Christine Teigen"] == 2 and "Chrissy Teigen" not in facet
    assert "Zoe Clark-Coates" not in facet and facet["Kate Beckinsale"] == 2
    assert arc.search("", persons=["Christine Teigen"]).total == 2
    # the corrections file is named as such, not reported as an unreadable article
    assert report.aliases == [str(corrected_seeds / "people.toml")]
    assert all(not s.source.endswith("people.toml") for s in report.skipped)
    assert report.indexed + len(report.skipped) == report.files == 4
    arc.close()


def test_an_update_reapplies_changed_corrections_to_every_article(tmp_path, corrected_seeds):
    arc = Archive(tmp_path / "index")
    arc.rebuild([corrected_seeds])
    (corrected_seeds / "people.toml").write_text('[ignore]\nnames = ["John Legend"]\n', encoding="utf-8")
    report = arc.update()
    assert report.changed == 2 and report.added == report.removed == 0
    facet = persons_facet(arc)
    assert "John Legend" not in facet
    assert facet["Chrissy Teigen"] == 2 and facet["Zoe Clark-Coates"] == 1
    assert arc.update().changed == 0  # unchanged corrections: nothing to do
    arc.close()


def test_the_cli_takes_an_aliases_file_and_refuses_a_missing_one(tmp_path, seeds_dir):
    corrections = tmp_path / "corrections.toml"
    corrections.write_text(CORRECTIONS, encoding="utf-8")
    index = str(tmp_path / "index")
    runner = CliRunner()
    result = runner.invoke(cli, ["rebuild", str(seeds_dir), "--index", index, "--aliases", str(corrections)])
    assert result.exit_code == 0, result.output
    assert f"Person corrections applied from {corrections}" in result.output
    result = runner.invoke(cli, ["search", "--json", "--person", "Christine Teigen", "--index", index])
    assert json.loads(result.output)["total"] == 2
    missing = str(tmp_path / "no.toml")
    result = runner.invoke(cli, ["rebuild", str(seeds_dir), "--index", index, "--aliases", missing])
    assert result.exit_code == 1
    assert "no.toml does not exist" in result.output and "Hint:" in result.output


def test_two_folders_that_disagree_about_a_name_stop_the_rebuild(tmp_path, seeds_dir):
    folders = []
    for n, canonical in enumerate(["Kate Beckinsale", "Kathryn Beckinsale"]):
        folder = tmp_path / f"src{n}"
        folder.mkdir()
        (folder / "people.toml").write_text(f'[aliases]\n"{canonical}" = ["Beckinsale"]\n', encoding="utf-8")
        folders.append(folder)
    with pytest.raises(ArchiveError, match="mapped to both"):
        Archive(tmp_path / "index").rebuild(folders)
    assert not Archive(tmp_path / "index").exists()
