"""Names across the archive: one canonical form per person in the index.

In-article coreference (:mod:`.coref`) already counts "Beckinsale, 47, said" for Kate Beckinsale
within an article. Across articles, one story may name only "Reagan" ("President Reagan said")
while hundreds of others name "Ronald Reagan"; the facet must not show two people. After the
articles are indexed, a person named by one word is renamed to the full name the archive gives
that surname, when exactly one full name has it, or one full name is named in at least
``DOMINANCE`` times as many articles as any other, counted near the article's date (a lone
"Smith" stays as it is beside a "John Smith" and a "Mary Smith" named about as often).

A rebuild applies this as the articles stream into the index (:func:`merged_names`: the few
articles that name someone by one word, ~4% of Reuters-21578, are held back and written last,
renamed); an update, which sees only the changed articles, renames in the index afterwards.

Only the lone-word names move; full names are never merged with each other ("Jim Wright" and
"James Wright" may be two people), and names containing words that are not names ("Co", "Inc",
"Ministry": :mod:`.names`' non-person words) take no part.

Firms, too, are known by the whole archive better than by one story: "Merrill Lynch co-managed the
deal" names a firm that other stories call "Merrill Lynch and Co". A name that the archive gives a
corporate ending in at least as many articles as it lists it as a person (twice as many for a
one-word name, which may be a surname) leaves the person facet (:func:`firms_named_as_persons`):
on Reuters-21578, 160 names such as Merrill Lynch, Goldman Sachs, E.F. Hutton, Citibank and
Gillette; not Ivan Boesky, Mario Gabelli nor Robert M. Bass, whose firms bear their names in fewer
articles than they are named. Both a rebuild and an update drop
them in the index after writing (the counts per file are kept in the manifest).

And the archive confirms what one article cannot (:class:`Evidence`, :func:`confirmed`; applied
after writing, when every article's people are counted per year): each article keeps the names it
showed but could not confirm (``Article.candidates``: :mod:`.candidates`). A candidate pair the
archive lists as a person is that person ("Ivanka Trump" in a headline); a candidate surname is the
established full name the archive names by it near the article's date ("Trump" → Donald Trump;
the Bush of 1987 is not the Bush of 2003); a lone name is renamed the same way; middle initials and
a headline's glued verb fold ("Donald J. Trump", "Donald Trump Dings" → Donald Trump). Each merge
is recorded (:class:`Variants`, kept with the generation), so that a user sees and can undo it.
"""

from __future__ import annotations

import json
import os
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import replace
from pathlib import Path

from ..article import Article
from .names import lexicon
from .people import firm_names

DOMINANCE = 3
VARIANTS_FILE = "variants.json"
_INITIALS = re.compile(r"(?:[A-Z]\.)+")

__all__ = ["across_articles", "confirmed", "Evidence", "firm_counts", "firms_named_as_persons",
           "merged_names", "renamed_persons", "confirm_all", "Variants", "DOMINANCE"]


MIN_ARTICLES = 2  # a full name confirms a candidate when the archive lists it in this many articles
GLUED = 10
ESTABLISHED = 5  # a surname alone confirms only a full name the archive lists in this many articles
WINDOW = 1  # years either side of an article's year in which its surname's full names are counted


class Evidence:
    """How many articles name each person, per year: which full name a surname alone stands for
    at a date, and which full names confirm an article's candidates."""

    def __init__(self, by_year: Mapping[str, Mapping[int, int]]):
        non_person = lexicon().non_person
        self.by_year = {name: dict(years) for name, years in by_year.items()}
        self.totals = {name: sum(years.values()) for name, years in self.by_year.items()}
        self._by_surname: dict[str, list[str]] = defaultdict(list)
        for name in self.by_year:
            words = name.split()
            if len(words) > 1 and not any(word in non_person for word in words):
                self._by_surname[words[-1].casefold()].append(name)
        self._non_person = non_person
        self._full: dict[tuple[str, int], str | None] = {}  # full_name's answers: asked once per article

    @classmethod
    def of(cls, counts: Mapping[str, int]) -> Evidence:
        """Evidence without dates: every article in one undated year."""
        return cls({name: {0: count} for name, count in counts.items()})

    def full_name(self, word: str, year: int = 0) -> str | None:
        """The full name a lone word stands for: the only full name with that surname, or one named in
        ``DOMINANCE`` times as many articles as any other — counted within ``WINDOW`` years of
        ``year`` when the archive has any there (the Bush of 1987 is not the Bush of 2003), else
        over the whole archive."""
        key = (word, year)
        if key not in self._full:
            self._full[key] = self._full_name(word, year)
        return self._full[key]

    def _full_name(self, word: str, year: int) -> str | None:
        if " " in word.strip() or word in self._non_person:
            return None
        names = self._by_surname.get(word.casefold(), ())
        if not names:
            return None
        ranked = sorted(((self._count(name, year), name) for name in names), key=lambda c: (-c[0], c[1]))
        if year and not ranked[0][0]:
            ranked = sorted(((self.totals[name], name) for name in names), key=lambda c: (-c[0], c[1]))
        if len(ranked) == 1 or ranked[0][0] >= DOMINANCE * ranked[1][0]:
            return ranked[0][1]
        return None

    def _count(self, name: str, year: int) -> int:
        if not year:
            return self.totals[name]
        years = self.by_year[name]
        return sum(years.get(y, 0) for y in range(year - WINDOW, year + WINDOW + 1))

    def listed(self, name: str) -> bool:
        """Is ``name`` (two words or more) a person the archive lists in ``MIN_ARTICLES`` articles?"""
        return " " in name and self.totals.get(name, 0) >= MIN_ARTICLES

    def established(self, name: str) -> bool:
        """A full name the archive lists in ``ESTABLISHED`` articles, that opens with a first name or
        a word that is not an ordinary one ("Donald Trump"; not "White House", "Joe Gold")."""
        lex = lexicon()
        words = name.split()
        return (self.totals.get(name, 0) >= ESTABLISHED and len(words) > 1
                and (words[0] in lex.first_names or not lex.is_common(words[0])))

    def confirmed_pair(self, candidate: str) -> bool:
        """A candidate of two words that is a listed person, neither word an ordinary word unless it
        is the surname of an established person ("Ivanka Trump"; not "Eddie Record", "White House")."""
        lex = lexicon()
        words = candidate.split()
        if len(words) != 2 or not self.listed(candidate):
            return False
        if lex.is_common(words[0]) and words[0] not in lex.first_names:  # "Mark Wahlberg"; not "White House"
            return False
        return not lex.is_common(words[1]) or any(
            self.established(name) for name in self._by_surname.get(words[1].casefold(), ()))

    def confirms(self, candidate: str) -> bool:
        """Could the archive confirm this candidate (or rename this lone name) in some article?"""
        if " " in candidate:
            return self.confirmed_pair(candidate)
        return bool(self._by_surname.get(candidate.casefold()))

    def lone_names(self) -> list[str]:
        """The lone-word persons that some full name of the archive may stand for."""
        return [name for name in self.by_year if " " not in name and self.confirms(name)]

    def middle_folds(self) -> dict[str, str]:
        """ "Donald J. Trump" → "Donald Trump": a name with middle initials folds into the same first
        name and surname without them, when the archive has exactly one such middle form (not
        "George H.W. Bush" beside "George W. Bush") and names the shorter form more often. And a
        name of three words or more named in one or two articles folds into its first words when the
        archive names those ``GLUED`` times as often: the last word was glued on."""
        forms: dict[tuple[str, str], list[str]] = defaultdict(list)
        for name in self.by_year:
            words = name.split()
            if len(words) >= 3 and all(_INITIALS.fullmatch(word) for word in words[1:-1]):
                forms[(words[0], words[-1])].append(name)
        folds = {}
        for (first, last), names in forms.items():
            short = f"{first} {last}"
            if len(names) == 1 and self.totals.get(short, 0) >= self.totals[names[0]]:
                folds[names[0]] = short
        for name, count in self.totals.items():
            words = name.split()
            head = words[-1].rpartition("-")[0]
            # "Donald Trump Dings": a verb glued on; "Donald Trump-Turnberry": a place
            shorter = [" ".join(words[:-1])] if len(words) >= 3 else []
            shorter += [" ".join([*words[:-1], head])] if head and len(words) > 1 else []
            for short in shorter:
                if count <= 2 and self.totals.get(short, 0) >= GLUED * count:
                    folds.setdefault(name, short)
            if self._two_surnames(words[0]):
                folds[name] = ""  # "the Trump-Putin Presser": two people's meeting, not a person
        return folds

    def _two_surnames(self, word: str) -> bool:
        parts = word.split("-")
        return len(parts) == 2 and all(
            part not in lexicon().first_names
            and any(self.established(name) for name in self._by_surname.get(part.casefold(), ()))
            for part in parts)


def across_articles(counts: Mapping[str, int]) -> dict[str, str]:
    """Lone-word name → the full name it stands for, given how many articles name each person."""
    evidence = Evidence.of(counts)
    return {name: full for name in counts if (full := evidence.full_name(name))}


def year_of(article: Article) -> int:
    return article.published.year if article.published else 0


def merged_names(articles: Iterable[Article], variants: Variants | None = None) -> Iterator[Article]:
    """``articles`` with lone-word names merged across all of them, each by the full name the archive
    uses near its date: those naming nobody by one word pass straight through; the others follow at
    the end, renamed. ``variants`` records each merge."""
    counts: dict[str, Counter[int]] = defaultdict(Counter)
    held: list[Article] = []
    for article in articles:
        year = year_of(article)
        for name in article.persons:
            counts[name][year] += 1
        if any(" " not in name for name in article.persons):
            held.append(article)
        else:
            yield article
    evidence = Evidence(counts)
    for article in held:
        renamed = {name: full for name in article.persons if " " not in name
                   and (full := evidence.full_name(name, year_of(article)))}
        if variants is not None:
            variants.record(renamed)
        yield renamed_persons(article, renamed)


def confirmed(
    article: Article, evidence: Evidence, folds: Mapping[str, str]
) -> tuple[Article, dict[str, str]]:
    """The article with the archive's evidence applied: lone names renamed to their full name,
    candidates that the archive lists as people added ("Ivanka Trump" in a headline), candidate
    surnames added as the full name they stand for at the article's date ("Trump" → Donald Trump)
    unless another person the article lists has that surname, middle initials folded. Returns the
    article and what was renamed (variant → name), for the variants record."""
    year = year_of(article)
    renamed = {name: folds[name] if name in folds else full for name in article.persons
               if name in folds or (full := evidence.full_name(name, year))}
    persons = [new for name in article.persons if (new := renamed.get(name, name))]
    surnames = {name.split()[-1].casefold() for name in persons}
    firms: set[str] | None = None
    for candidate in article.candidates:
        if evidence.confirmed_pair(candidate):
            firms = firm_names(article.title, article.body) if firms is None else firms
            if candidate not in firms:  # "Merrill Lynch" of "Merrill Lynch and Co Inc" stays a firm
                persons.append(folds.get(candidate, candidate))
        elif " " not in candidate and candidate.casefold() not in surnames:
            full = evidence.full_name(candidate, year)
            if full and evidence.established(full):
                full = folds.get(full, full)
                persons.append(full)
                renamed[candidate] = full
    persons = list(dict.fromkeys(persons))
    if tuple(persons) == article.persons:
        return article, renamed
    return replace(article, persons=tuple(persons)), renamed


def confirm_all(articles: list[Article], variants: Variants | None = None) -> list[Article]:
    """:func:`confirmed` over a whole archive held in memory (as ``read_articles`` reads one)."""
    counts: dict[str, Counter[int]] = defaultdict(Counter)
    for article in articles:
        for name in article.persons:
            counts[name][year_of(article)] += 1
    evidence = Evidence(counts)
    folds = evidence.middle_folds()
    out = []
    for article in articles:
        article, renamed = confirmed(article, evidence, folds)
        if variants is not None:
            variants.record(renamed)
        out.append(article)
    return out


class Variants:
    """Per canonical name, the variants merged into it and in how many articles: plain data, kept
    with the index generation, so that a user can check each merge (and undo one in people.toml)."""

    def __init__(self, data: Mapping[str, Mapping[str, int]] | None = None):
        self.data: dict[str, Counter[str]] = defaultdict(Counter)
        for name, forms in (data or {}).items():
            self.data[name].update(forms)

    def record(self, renamed: Mapping[str, str]) -> None:
        for variant, name in renamed.items():
            if name and variant != name:  # a name dropped ("Trump-Putin Presser") is no variant
                self.data[name][variant] += 1

    def to_dict(self) -> dict[str, dict[str, int]]:
        return {name: dict(forms.most_common()) for name, forms in sorted(self.data.items()) if forms}

    def of(self, name: str) -> dict[str, int]:
        return dict(self.data[name].most_common()) if name in self.data else {}

    def save(self, generation: Path) -> None:
        """Written beside and renamed over: the file may be a hard link into the live generation."""
        path = Path(generation) / VARIANTS_FILE
        tmp = path.with_name(f".{VARIANTS_FILE}.tmp")
        data = json.dumps(self.to_dict(), ensure_ascii=False, separators=(",", ":"))
        tmp.write_text(data, encoding="utf-8")
        os.replace(tmp, path)

    @classmethod
    def load(cls, generation: Path) -> Variants:
        """The generation's record; empty if it has none (an index written before it was kept)."""
        try:
            return cls(json.loads((Path(generation) / VARIANTS_FILE).read_text(encoding="utf-8")))
        except (OSError, ValueError):
            return cls()


def firm_counts(articles: Iterable[Article]) -> dict[str, int]:
    """Each name the articles give a corporate ending, with the number of articles doing so."""
    counts: Counter[str] = Counter()
    for article in articles:
        counts.update(firm_names(article.title, article.body))
    return dict(counts)


def firms_named_as_persons(persons: Mapping[str, int], firms: Mapping[str, int]) -> dict[str, str]:
    """Persons (name → articles) that are firms (name → articles giving it a corporate ending), each
    mapped to "" for :func:`renamed_persons` to drop. A one-word name ("Reynolds", a surname too)
    needs twice as many articles, and two at least."""
    def firm(name: str, count: int) -> bool:
        found = firms.get(name, 0)
        return found >= count if " " in name else found >= max(2, 2 * count)

    return {name: "" for name, count in persons.items() if firm(name, count)}


def renamed_persons(article: Article, renamed: Mapping[str, str]) -> Article:
    """The article with its persons renamed (each once, in order); a name renamed to "" is dropped."""
    persons = tuple(dict.fromkeys(new for name in article.persons if (new := renamed.get(name, name))))
    return article if persons == article.persons else replace(article, persons=persons)
