"""Build ``archive/extract/data/world_names.txt.gz``: first names and surnames of other languages, for
the person extractor (the census lists are American: "Stanisław", "Agnieszka", "Thierry", "Minoru",
"Dries", "Baggio" are not in them).

Run once, by hand, when the list should change (nothing is downloaded at run time)::

    pip download faker==40.63.0 --no-deps -d /tmp/faker
    apt-get download wamerican && dpkg-deb -x wamerican_2020.12.07-2_all.deb /tmp/wam
    python -m benchmarks.build_world_names /tmp/faker/faker-40.63.0-py3-none-any.whl \
        /tmp/wam/usr/share/dict/american-english

Reads the person providers of ``Faker`` (MIT licence) for every locale except the English ones
(whose names the census lists have), keeps the words in Latin script (with accents: "Łukasz",
"Ştefan") of its first-name and last-name lists, romanised lists included ("Minoru", "Zhang"),
less the words that the English dictionary (SCOWL size 50, Debian ``wamerican``) lists as proper
nouns of its own ("Nazi", "Conan", "Mikhail": English words of another kind, or known there), unless
two or more of the other languages give it as a first name and the dictionary has no plural of it
(:func:`kept`: "Gustav", "Igor", "Enrico" stay; "German", "Viking" do not). One
``first<TAB>Name`` or ``last<TAB>Name`` a line, sorted, gzip. :mod:`archive.extract.names` leaves out
at load time those that are ordinary English words, places or function words.
"""

from __future__ import annotations

import gzip
import importlib
import pkgutil
import re
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "archive" / "extract" / "data" / "world_names.txt.gz"
_ENGLISH = {"en", "en_US", "en_GB", "en_IE", "en_NZ", "en_CA", "en_AU"}
_LATIN = re.compile(r"^[A-ZÀ-ÖØ-ÞĀ-ſ][a-zß-öø-ÿĀ-ſșțǎǐǒǔ'-]+$")


def names(wheel_path: str) -> dict[tuple[str, str], set[str]]:
    sys.path.insert(0, wheel_path)  # a wheel is a zip archive that Python imports from
    person = importlib.import_module("faker.providers.person")
    found: dict[tuple[str, str], set[str]] = {}
    for module in pkgutil.iter_modules(person.__path__):
        provider = importlib.import_module(f"faker.providers.person.{module.name}").Provider
        for attr in dir(provider):
            kind = "first" if attr.startswith("first_") else "last" if attr.startswith("last_") else ""
            values = getattr(provider, attr)
            if not kind or not isinstance(values, (tuple, list, dict)):
                continue
            for value in values:
                for word in value.split() if isinstance(value, str) else ():
                    if _LATIN.match(word) and len(word) >= 2:
                        found.setdefault((kind, word), set()).add(module.name)
    return {key: locales - _ENGLISH for key, locales in found.items() if not locales <= _ENGLISH}


def kept(kind: str, word: str, locales: set[str], english: set[str], surnames: set[str]) -> bool:
    """A name the English dictionary does not list as a proper noun of its own; or a first name
    that two or more other languages give and that the dictionary never makes plural: "Gustav",
    "Igor", "Enrico", "Wolfgang", "Sergei" are first names; "Nazi", "Muslim" (one locale each) and
    "German", "Viking" ("Germans", "Vikings") are not."""
    if word not in english:
        return True
    return kind == "first" and len(locales) >= 2 and f"{word}s" not in english and word not in surnames


def _census_surnames() -> set[str]:
    """The census surnames the archive ships (``surnames.txt.gz``, beside the output)."""
    lines = gzip.decompress(OUT.with_name("surnames.txt.gz").read_bytes()).decode("utf-8").splitlines()
    return {line for line in lines if line[:1] != "#"}


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 2:
        sys.exit("usage: python -m benchmarks.build_world_names FAKER_WHEEL AMERICAN_ENGLISH_DICT")
    english = set(Path(args[1]).read_text(encoding="utf-8").split())
    found = names(args[0])
    surnames = {word for kind, word in found if kind == "last"} | _census_surnames()
    rows = sorted(f"{kind}\t{word}" for (kind, word), locales in found.items()
                  if kept(kind, word, locales, english, surnames))
    OUT.write_bytes(gzip.compress(("\n".join(rows) + "\n").encode("utf-8"), mtime=0))
    print(f"wrote {OUT}: {len(rows):,} names")


if __name__ == "__main__":
    main()
