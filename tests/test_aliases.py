"""The aliases file: variants to one canonical name, false people suppressed, clear errors."""

from __future__ import annotations

from pathlib import Path

import pytest

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


def test_the_shipped_example_file_loads_and_is_empty():
    assert not load_aliases(REPO / "data" / "people.toml")


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
