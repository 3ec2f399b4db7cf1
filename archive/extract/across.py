"""Names across the archive: one canonical form per person in the index.

In-article coreference (:mod:`.coref`) already counts "Beckinsale, 47, said" for Kate Beckinsale
within an article. Across articles, one story may name only "Reagan" ("President Reagan said")
while hundreds of others name "Ronald Reagan"; the facet must not show two people. After the
articles are indexed, a person named by one word is renamed to the full name the archive gives
that surname, when exactly one full name has it, or one full name is named in at least
``DOMINANCE`` times as many articles as any other (a lone "Smith" stays as it is beside a
"John Smith" and a "Mary Smith" named about as often).

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
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import replace

from ..article import Article
from .names import lexicon
from .people import firm_names

DOMINANCE = 3

__all__ = ["across_articles", "firm_counts", "firms_named_as_persons", "merged_names", "renamed_persons",
           "DOMINANCE"]


def across_articles(counts: Mapping[str, int]) -> dict[str, str]:
    """Lone-word name → the full name it stands for, given how many articles name each person."""
    non_person = lexicon().non_person
    by_surname: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for name, count in counts.items():
        words = name.split()
        if len(words) > 1 and not any(word in non_person for word in words):
            by_surname[words[-1].casefold()].append((count, name))
    renamed = {}
    for name in counts:
        if " " in name.strip() or name in non_person:
            continue
        candidates = sorted(by_surname.get(name.casefold(), ()), key=lambda c: (-c[0], c[1]))
        if len(candidates) == 1 or (candidates and candidates[0][0] >= DOMINANCE * candidates[1][0]):
            renamed[name] = candidates[0][1]
    return renamed


def merged_names(articles: Iterable[Article]) -> Iterator[Article]:
    """``articles`` with lone-word names merged across all of them: those naming nobody by one
    word pass straight through; the others follow at the end, renamed."""
    counts: Counter[str] = Counter()
    held: list[Article] = []
    for article in articles:
        counts.update(article.persons)
        if any(" " not in name for name in article.persons):
            held.append(article)
        else:
            yield article
    renamed = across_articles(counts)
    for article in held:
        yield renamed_persons(article, renamed)


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
