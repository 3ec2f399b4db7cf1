"""A user's corrections to the person facet: variants mapped to one canonical name, false people
suppressed. Read from a small TOML file (``data/people.toml`` by default) and applied at rebuild::

    [aliases]
    "Kate Beckinsale" = ["Kathryn Beckinsale", "Beckinsale"]

    [ignore]
    names = ["Mariposa Trust"]

Names are matched case-insensitively and with spaces collapsed. A missing file changes nothing; a
malformed one raises :class:`~archive.errors.ArchiveError` naming the file and the problem.

A rebuild or update looks for ``people.toml`` at the top of each source folder (or takes the file
given with ``--aliases``); :func:`aliases_for` finds and merges them. The merged corrections'
:meth:`Aliases.fingerprint` is kept with the index, so an update re-applies changed corrections.
"""

from __future__ import annotations

import hashlib
import json
import os
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import ArchiveError

__all__ = ["Aliases", "load_aliases", "aliases_for", "FILENAME"]

FILENAME = "people.toml"


@dataclass(frozen=True)
class Aliases:
    """Variant → canonical name, and the names that are not people."""

    canonical: Mapping[str, str] = field(default_factory=dict)  # keys: _key(variant)
    ignored: frozenset[str] = frozenset()  # _key(name)

    def apply(self, persons: Iterable[str]) -> tuple[str, ...]:
        """The persons with variants renamed, ignored names dropped, duplicates removed (order kept)."""
        result: dict[str, str] = {}
        for name in persons:
            key = _key(name)
            if not key or key in self.ignored:
                continue
            name = self.canonical.get(key, name)
            result.setdefault(_key(name), name)
        return tuple(result.values())

    def __bool__(self) -> bool:
        return bool(self.canonical or self.ignored)

    def merged(self, other: Aliases, where: str = "") -> Aliases:
        """Both sets of corrections; a variant given two different canonical names is an error."""
        for key, name in other.canonical.items():
            if self.canonical.get(key, name) != name:
                raise ArchiveError(f"{where}: {key!r} is mapped to both {self.canonical[key]!r} and {name!r}",
                                   hint="Give each variant one canonical name across the aliases files.")
        return Aliases({**self.canonical, **other.canonical}, self.ignored | other.ignored)

    def fingerprint(self) -> str:
        """Changes whenever the corrections change ("" when there are none)."""
        if not self:
            return ""
        data = json.dumps([sorted(self.canonical.items()), sorted(self.ignored)], ensure_ascii=False)
        return hashlib.blake2b(data.encode("utf-8"), digest_size=10).hexdigest()


def aliases_for(
    sources: Iterable[Path], explicit: str | os.PathLike | None = None
) -> tuple[Aliases, list[Path]]:
    """The corrections for a rebuild of ``sources`` and the files they came from: ``explicit``
    (which must exist) if given, else every source folder's own ``people.toml``."""
    if explicit is not None:
        path = Path(explicit)
        if not path.is_file():
            raise ArchiveError(f"Aliases file {path} does not exist.",
                               hint=f"Give a TOML file of person corrections, e.g. data/{FILENAME}")
        files = [path]
    else:
        files = [Path(s) / FILENAME for s in sources if (Path(s) / FILENAME).is_file()]
    aliases = Aliases()
    for path in files:
        aliases = aliases.merged(load_aliases(path), str(path))
    return aliases, files


def load_aliases(path: str | os.PathLike) -> Aliases:
    """Read an aliases file; an absent file gives empty aliases (which change nothing)."""
    path = Path(path)
    try:
        with path.open("rb") as fh:
            data = tomllib.load(fh)
    except FileNotFoundError:
        return Aliases()
    except (OSError, UnicodeDecodeError) as exc:
        raise ArchiveError(f"{path}: cannot read the aliases file ({exc})") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ArchiveError(f"{path}: not valid TOML ({exc})", hint=_HINT) from exc
    return Aliases(canonical=_aliases(path, data.get("aliases", {})), ignored=_ignored(path, data))


_HINT = 'Expected [aliases] "Canonical Name" = ["Variant", …] and [ignore] names = ["Not A Person", …].'


def _aliases(path: Path, table: object) -> dict[str, str]:
    if not isinstance(table, dict):
        raise ArchiveError(f"{path}: [aliases] must be a table of names", hint=_HINT)
    canonical: dict[str, str] = {}
    for name, variants in table.items():
        name = " ".join(name.split())
        if not name or "," in name:
            raise ArchiveError(f"{path}: [aliases] canonical name {name!r} must be non-empty, with no comma")
        if not isinstance(variants, list) or not all(isinstance(v, str) for v in variants):
            raise ArchiveError(f"{path}: [aliases] {name!r} must be a list of names (strings)", hint=_HINT)
        for variant in [name, *variants]:
            earlier = canonical.setdefault(_key(variant), name)
            if earlier != name:
                raise ArchiveError(
                    f"{path}: [aliases] {variant!r} is listed under both {earlier!r} and {name!r}"
                )
    return canonical


def _ignored(path: Path, data: dict) -> frozenset[str]:
    table = data.get("ignore", {})
    names = table.get("names", []) if isinstance(table, dict) else None
    if not isinstance(names, list) or not all(isinstance(name, str) for name in names):
        raise ArchiveError(f"{path}: [ignore] names must be a list of names (strings)", hint=_HINT)
    unknown = set(data) - {"aliases", "ignore"}
    if unknown:
        raise ArchiveError(f"{path}: unknown section(s) {', '.join(sorted(unknown))}", hint=_HINT)
    return frozenset(_key(name) for name in names)


def _key(name: str) -> str:
    return " ".join(name.split()).casefold()
