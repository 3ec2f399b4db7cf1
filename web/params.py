"""The state of a search, read from and written back to GET parameters (every state a URL)."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from dataclasses import dataclass

from flask import current_app, url_for
from werkzeug.datastructures import MultiDict

from archive import Archive, BadQuery, SearchResult

TRUE = {"1", "true", "yes", "on"}
FALSE = {"", "0", "false", "no", "off"}
MAX_PERSONS = 20  # values selected of one kind at most (people, topics, authors, outlets)
# the keyword filters: URL parameter (repeated) -> the SearchParams field and Archive keyword
KINDS = {"person": "persons", "topic": "topics", "author": "authors", "outlet": "outlets"}
_WHOLE = re.compile(r"-?[0-9]{1,9}")


@dataclass(frozen=True)
class SearchParams:
    q: str = ""
    persons: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    authors: tuple[str, ...] = ()
    outlets: tuple[str, ...] = ()
    since: str = ""
    until: str = ""
    undated: bool = False
    sort: str = "relevance"
    page: int = 1
    per_page: int = 10
    all_copies: bool = False  # copies=all: every article, not one hit per story

    @classmethod
    def from_args(cls, args: MultiDict) -> SearchParams:
        """Parameters of ``/``, ``/api/search`` and ``/article/…``; BadQuery when malformed."""
        q = " ".join(args.get("q", "").split())
        limit = current_app.config["MAX_QUERY_CHARS"]
        if len(q) > limit:
            raise BadQuery(f"The query is {len(q):,} characters long.",
                           hint=f"Use at most {limit} characters.")
        return cls(
            q=q, **{field: values(args, kind) for kind, field in KINDS.items()},
            since=args.get("since", "").strip(),
            until=args.get("until", "").strip(), undated=_flag(args.get("undated", "")),
            sort=args.get("sort", "").strip() or "relevance",
            page=whole(args, "page", 1),
            per_page=whole(args, "per_page", current_app.config["PER_PAGE"]),
            all_copies=_copies(args.get("copies", "")),
        )

    def run(self, archive: Archive, significant: bool = True) -> SearchResult:
        """The search, with what stands out among its matches unless ``significant`` is False."""
        return archive.search(self.q, **self.filters(), sort=self.sort, page=self.page,
                              per_page=self.per_page, significant=significant,
                              all_copies=self.all_copies)

    def export(self, archive: Archive) -> Iterator[dict]:
        """Every hit of this search as rows (page and per_page do not apply)."""
        return archive.export(self.q, **self.filters(), sort=self.sort, all_copies=self.all_copies)

    def filters(self) -> dict:
        """The filters as ``Archive.search`` keywords."""
        return {**{field: getattr(self, field) for field in KINDS.values()},
                "since": self.since or None, "until": self.until or None, "undated": self.undated}

    @property
    def filtered(self) -> bool:
        return bool(any(getattr(self, f) for f in KINDS.values()) or self.since or self.until
                    or self.undated)

    def but(self, **changes) -> SearchParams:
        """A copy with ``changes``; back to page 1 unless the page is one of them."""
        changes.setdefault("page", 1)
        return dataclasses.replace(self, **changes)

    def args(self) -> dict:
        """The non-default parameters, in URL order (lists repeat the key)."""
        args: dict = {}
        if self.q:
            args["q"] = self.q
        for kind, field in KINDS.items():
            if getattr(self, field):
                args[kind] = list(getattr(self, field))
        for name in ("since", "until"):
            if getattr(self, name):
                args[name] = getattr(self, name)
        if self.undated:
            args["undated"] = "1"
        if self.sort != "relevance":
            args["sort"] = self.sort
        if self.page != 1:
            args["page"] = self.page
        if self.per_page != current_app.config["PER_PAGE"]:
            args["per_page"] = self.per_page
        if self.all_copies:
            args["copies"] = "all"
        return args

    def url(self, endpoint: str = "search.index", **values) -> str:
        return url_for(endpoint, **values, **self.args())

    def export_url(self) -> str:
        """The CSV twin of this search: every hit, so without page and per_page."""
        return self.but(per_page=current_app.config["PER_PAGE"]).url("search.csv")

    # -- links the page offers ----------------------------------------------------------
    def selected(self, kind: str) -> tuple[str, ...]:
        """The values selected of ``kind`` ("person", "topic", "author", "outlet")."""
        return getattr(self, KINDS[kind])

    def adding(self, kind: str, value: str) -> SearchParams:
        return self.but(**{KINDS[kind]: tuple(dict.fromkeys((*self.selected(kind), value)))})

    def removing(self, kind: str, value: str) -> SearchParams:
        return self.but(**{KINDS[kind]: tuple(v for v in self.selected(kind) if v != value)})

    def toggling(self, kind: str, value: str) -> SearchParams:
        chosen = value in self.selected(kind)
        return self.removing(kind, value) if chosen else self.adding(kind, value)

    def with_person(self, name: str) -> SearchParams:
        return self.adding("person", name)

    def without_person(self, name: str) -> SearchParams:
        return self.removing("person", name)

    def toggle_person(self, name: str) -> SearchParams:
        return self.toggling("person", name)

    def with_dates(self, since: str = "", until: str = "") -> SearchParams:
        return self.but(since=since, until=until, undated=False)

    def only_undated(self, on: bool = True) -> SearchParams:
        return self.but(since="", until="", undated=on)


def values(args: MultiDict, kind: str) -> tuple[str, ...]:
    """The values of a repeated parameter (``person=…&person=…``), tidied, each once."""
    values = tuple(dict.fromkeys(" ".join(v.split()) for v in args.getlist(kind) if v.strip()))
    if len(values) > MAX_PERSONS:
        raise BadQuery(f"{len(values)} values of {kind} selected.",
                       hint=f"Select at most {MAX_PERSONS}.")
    return values


def _copies(value: str) -> bool:
    """copies=all lists every article; copies=stories (or nothing) one hit per story."""
    value = value.strip().lower()
    if value in ("", "stories"):
        return False
    if value == "all":
        return True
    raise BadQuery(f"copies={value[:40]!r} is neither all nor stories.",
                   hint="Use copies=all to list every copy, or leave it out for one hit per story.")


def _flag(value: str) -> bool:
    value = value.strip().lower()
    if value in TRUE:
        return True
    if value in FALSE:
        return False
    raise BadQuery(f"undated={value!r} is not yes or no.", hint="Use undated=1 or leave it out.")


def whole(args: MultiDict, name: str, default: int) -> int:
    """The whole-number parameter ``name`` (ASCII digits, perhaps a minus sign: not "²", "١٢",
    "1_000" or "1e3", which Python's ``int`` or ``str.isdigit`` would take), or ``default``;
    its range is checked where it is used."""
    value = args.get(name, "").strip()
    if not value:
        return default
    if not _WHOLE.fullmatch(value):
        raise BadQuery(f"{name}={value[:40]!r} is not a whole number.",
                       hint=f"Use {name}=1, {name}=2, …")
    return int(value)
