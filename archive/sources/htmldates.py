"""A saved page's publication date (and its "updated" date, kept apart), from its own evidence.

:func:`page_dates`: htmldate (``find_date(original_date=True)``, extensive search) decides the
day — it reads the URL, ``<meta>`` headers, JSON-LD, ``<time>``/``<abbr>`` and visible dates in
many languages; measured on ``../shared/corpora/dates_html`` it beats any order of the archive's
own evidence (``python -m benchmarks.dates_html --rules``). Around it:

- a visible line that labels its date as the publication ("Published on …", "Erschienen am …",
  "Publié le …"; the words are in ``archive/extract/data/dates.toml``) wins; a line labelled as an
  update ("Updated …", "Aktualisiert: …") gives ``updated``, and a page whose only date is that
  gets no publication date;
- the page's own stamp of htmldate's day (JSON-LD ``datePublished``, ``article:published_time``
  and similar ``<meta>``, ``itemprop="datePublished"``, the first ``<time>``) gives the time and
  the offset htmldate leaves out; when htmldate finds no day, the most trusted stamp is the date;
- where htmldate's day and the page's most trusted stamp cannot agree (:func:`_outranking`: a URL
  day the stamp falls on in no zone, a day read from the text that no date metadata holds), the
  stamp wins;
- a page that shows its reader only an update while the publication day chosen is only in its
  metadata gets no publication date (:func:`_hidden_under_update`);
- the full date the reader sees just under the headline (:func:`headline_date`) gives the day
  when nothing else does, or when the day chosen is shown nowhere (:func:`_shown_under_headline`);
  so does the page's modified stamp when it is the only one of the two days the reader sees and
  no line calls it an update (:func:`_modified_shown`);
- a stamp in UTC just across midnight from the day the page prints is that printed day
  (:func:`_local_day_shown`);
- a day htmldate reads only in scripts or blobs of data, that no reader sees and no date field
  claims, is no publication day (:func:`_machine_only`).

Never invented: nothing found is ``None`` (not "today", not the file's time). htmldate answers
only with dates the page holds, no later than today; where it fills in a missing day (the 1st of
a month, January 1st of a copyright year) and the page does not write that day out, only the
month or the year is kept (:class:`~archive.extract.dates.Dated` precision), never a day.
"""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache

from lxml import html as lxml_html

from ..extract.dates import MONTHS, WORDS, Dated, find_date, parse_dated
from .htmlmeta import OUTSIDE, text_of, visible_text

DATE_META = (
    "article:published_time", "og:article:published_time", "article:published", "datepublished",
    "og:published_time", "published_time", "article.published", "pubdate", "publishdate",
    "publish-date", "publish_date", "publication_date", "article:publicationdate",
    "article.created", "dc.date.issued", "dcterms.issued", "dc.date", "dcterms.date",
    "dcterms.created", "date", "sailthru.date", "parsely-pub-date", "cxenseparse:recs:publishtime",
    "originalpublicationdate", "displaydate", "dc.date.created", "citation_publication_date",
)
UPDATED_META = (
    "article:modified_time", "og:updated_time", "og:article:modified_time", "datemodified",
    "last-modified", "lastmod", "dcterms.modified", "dc.date.modified", "revised", "modified",
)
_MARKED = '//*[@itemprop="datePublished"] | //time[@pubdate] | //*[@property="datePublished"]'
_DATELINE = re.compile(
    r"^[^\n]{0,60}?\b(?P<date>[A-Z][a-z]{2,8}\.? \d{1,2},? (?:19|20)\d\d|\d{1,2} [A-Z][a-z]{2,8}\.? "
    r"(?:19|20)\d\d)\b[^\n]{0,20}?(?:—|–|--| - |\()"
)


def _label_pattern(words: list[str]) -> str:
    return "|".join(sorted((re.escape(w).replace(r"\ ", r"\s+") for w in words), key=len, reverse=True))


# a label, then at most a preposition or a colon before the date: "Published on", "Erschienen am:"
_LABEL = re.compile(
    r"(?<!\w)(?:(?P<updated>" + _label_pattern(WORDS["labels"]["updated"]) + r")|(?P<published>"
    + _label_pattern(WORDS["labels"]["published"]) + r"))(?!\w)\s*(?:on|at|am|um|le|el|il|em|op|:|：|-|–)?"
    r"\s*(?:on|am|le|:)?\s*",
    re.I,
)
_LABEL_GAP = 12  # characters between a label and its date: "Wednesday, " and no more


@dataclass(frozen=True)
class PageDates:
    published: Dated | None
    updated: Dated | None


RULES = frozenset(
    {"labelled", "structured", "agreement", "shown", "headline", "modified shown", "time shown",
     "machine only", "zone shown"}
)
_UNDER_HEADLINE = 250  # characters of visible text after the headline where its date is shown


def page_dates(raw: bytes, tree: lxml_html.HtmlElement, meta: dict[str, str], ld: dict,
               url: str | None, *, seen: str | None = None, rules: frozenset[str] = RULES) -> PageDates:
    """The page's publication and updated dates (see the module docstring for the order).

    ``seen``: the page's visible text, when the caller has it (:func:`.htmlmeta.visible_text`).
    ``rules``: which of the archive's own steps run around htmldate (all of them; the benchmark
    ``python -m benchmarks.dates_html --rules`` measures each with and without)."""
    seen = seen if seen is not None else visible_text(tree)
    line_published, line_updated = labelled(seen) if "labelled" in rules else (None, None)
    updated = line_updated or _ld(ld, "dateModified") or _meta(meta, UPDATED_META)
    found = library_date(raw, tree, url)
    every = _structured(tree, meta, ld) if "structured" in rules else [None] * 4
    stamps = [stamp for stamp in every if stamp is not None]
    day = found is not None and found.precision == "day"
    if day:  # the page's own stamp of htmldate's day adds its time and offset; none: the day
        stamp = next((s for s in stamps if s.value.date() == found.value.date()), None)
    else:
        stamp = next(iter(stamps), None)
    if day and stamp is None and "agreement" in rules:
        stamp = _outranking(found, url, [s for s in every[:3] if s is not None], meta, ld)
    published = line_published or stamp or found
    if published is found and day and not stamps and line_updated is not None and \
            found.value.date() == line_updated.value.date():
        published = None  # htmldate found only the date the page shows as its update
    if "shown" in rules and _hidden_under_update(published, line_published, line_updated, seen, url):
        published = None
    if "headline" in rules and (shown := _shown_under_headline(published, tree, seen, url, line_updated,
                                                                 stamps, meta, ld)):
        published = shown
    if "modified shown" in rules and _modified_shown(published, updated, line_updated, seen, url):
        published = updated
    if "time shown" in rules and _time_shown(published, every[3], line_updated, seen, url):
        published = every[3]
    if "zone shown" in rules and (local := _local_day_shown(published, seen, url)):
        published = local
    if "machine only" in rules and found is not None and published is found and \
            _machine_only(found, raw, seen, url, meta, ld):
        published = None
    if published is not None and updated is not None and updated.value <= published.value:
        updated = None  # the same stamp twice, or an "updated" that is not later: no revision
    return PageDates(published, updated)


def _outranking(found: Dated, url: str | None, stamps: list[Dated], meta: dict[str, str],
                ld: dict) -> Dated | None:
    """The page's own publication stamp, where it outranks htmldate's day and disagrees with it.

    - htmldate's day is the URL's and the page's most trusted stamp (JSON-LD, ``<meta>``,
      ``datePublished`` markup; a bare ``<time>`` is not one) cannot fall on that day in any
      zone from UTC-10 to UTC+14: the URL dates a draft, or is no date at all
      ("/2023/10/3-fragen-…" is not October 3rd). A stamp a few hours across midnight in UTC
      is the URL's local day and changes nothing;
    - htmldate's day is neither the URL's nor in any of the page's date ``<meta>`` or JSON-LD
      dates (it read it from the page's text): the most trusted stamp wins."""
    trusted = next(iter(stamps), None)
    if trusted is None:
        return None
    in_url = _url_day(url)
    if in_url == found.value.date():
        return trusted if not _may_fall_on(trusted, in_url) else None
    return None if _in_metadata(found.value.date(), meta, ld) else trusted


def _in_metadata(day: date, meta: dict[str, str], ld: dict) -> bool:
    """Whether any date ``<meta>`` or JSON-LD date of the page (published or modified) is ``day``."""
    values = [meta.get(key) for key in DATE_META + UPDATED_META]
    values += [ld.get(key) for key in ("datePublished", "dateCreated", "dateModified")]
    return any(isinstance(v, str) and (d := parse_dated(v)) is not None and d.value.date() == day
               for v in values)


def _url_day(url: str | None) -> date | None:
    """The day htmldate reads in a URL ("/2020/07/08/…"), or None."""
    from htmldate.extractors import COMPLETE_URL

    match = COMPLETE_URL.search(url or "")
    if not match:
        return None
    try:
        return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None


def _may_fall_on(stamp: Dated, day: date) -> bool:
    """Whether ``stamp`` can be on ``day`` in the zone of some site (UTC-10 to UTC+14); a stamp
    known only to its day may be one day either side."""
    if stamp.precision != "time":
        return abs((stamp.value.date() - day).days) <= 1
    start = datetime.combine(day, time(), tzinfo=UTC)
    return start - timedelta(hours=14) <= stamp.value < start + timedelta(hours=34)


def _hidden_under_update(published: Dated | None, line_published: Dated | None,
                         line_updated: Dated | None, seen: str, url: str | None) -> bool:
    """Whether the page shows its reader only an update ("Updated May 6, 2019"), and the
    publication day chosen appears nowhere in its visible text nor in its URL (it is only in
    metadata): the page's evidence disagrees, and an undated page is better than a wrong day."""
    if published is None or line_updated is None or line_published is not None:
        return False
    return published.value.date() != line_updated.value.date() and _shown_nowhere(published, seen, url)


def _shown_nowhere(dated: Dated, seen: str, url: str | None) -> bool:
    """Whether ``dated``'s day is neither the URL's nor written anywhere in the visible text."""
    return dated.value.date() != _url_day(url) and _day_forms(dated.value).search(seen) is None


def _shown_under_headline(published: Dated | None, tree, seen: str, url: str | None,
                          line_updated: Dated | None, stamps: list[Dated], meta: dict[str, str],
                          ld: dict) -> Dated | None:
    """The full date the reader sees just under the headline, where it replaces ``published``.

    It does when the page gives no publication day, or when the day chosen is shown nowhere to
    the reader from the headline on (not in the visible text after it, not in the URL). Never when
    it is the date the page labels as its update, and, on a page with publication stamps, only when
    the page's date metadata holds the shown day too (a ``dateModified`` the page presents as the
    story's day); a shown day that no metadata holds (a re-promotion, "Friday 25 December 2015")
    changes nothing."""
    under = _under_headline(tree, seen)
    shown, at = under if under else (None, 0)
    if shown is None or (line_updated is not None and shown.value.date() == line_updated.value.date()):
        return None
    if stamps and not _in_metadata(shown.value.date(), meta, ld):
        return None
    if published is None or published.precision not in ("day", "time"):
        return shown
    if published.value.date() == shown.value.date() or not _shown_nowhere(published, seen[at:], url):
        return None  # (a day shown only above the headline is the site's "today", not the story's)
    return shown


def _modified_shown(published: Dated | None, updated: Dated | None, line_updated: Dated | None,
                    seen: str, url: str | None) -> bool:
    """Whether the page's modified stamp is the day it presents (:func:`_shown_instead`), and no
    visible line labels a date as an update (then the page says which is which)."""
    return line_updated is None and _shown_instead(published, updated, seen, url)


def _time_shown(published: Dated | None, first_time: Dated | None, line_updated: Dated | None,
                seen: str, url: str | None) -> bool:
    """Whether the page's first ``<time>`` gives the day it presents (:func:`_shown_instead`), and
    it is not the day a visible line labels as an update (umweltbundesamt.de: a ``dcterms.date``
    of the 21st, and "25.01.2022" in a ``<time>`` under the headline)."""
    labelled = first_time is not None and line_updated is not None and \
        first_time.value.date() == line_updated.value.date()
    return not labelled and _shown_instead(published, first_time, seen, url)


def _local_day_shown(published: Dated | None, seen: str, url: str | None) -> Dated | None:
    """The reader's day of a stamp given in UTC, where the page shows that day and not the UTC one:
    "2020-12-05T23:15Z" on an Italian page that shows "Domenica 06 Dicembre 2020" is the 6th there
    (a day, then: the site's zone, so the time of day there, is not known). Measured on both splits:
    one wrong day made right on each."""
    if published is None or published.precision != "time" or published.value.utcoffset() != timedelta(0):
        return None
    step = timedelta(days=1 if published.value.hour >= 12 else -1)
    local = Dated(datetime.combine((published.value + step).date(), time(), tzinfo=UTC), "day")
    return local if _shown_instead(published, local, seen, url) else None


def _shown_instead(published: Dated | None, other: Dated | None, seen: str, url: str | None) -> bool:
    """Whether ``other``, another day than the publication day chosen, is shown to the reader while
    the chosen day is shown nowhere (not in the visible text, not in the URL)."""
    if published is None or other is None or published.precision not in ("day", "time"):
        return False
    if published.value.date() == other.value.date() or not _shown_nowhere(published, seen, url):
        return False
    return _day_forms(other.value).search(seen) is not None


_SCRIPT = re.compile(r"<script\b[^>]*>.*?</script>", re.S | re.I)
_DATA = re.compile(r"""=(?:"[^"<>]{200,}"|'[^'<>]{200,}')""")  # an attribute that holds a blob of data
_PUBLISHED_KEY = re.compile(r"publish", re.I)


def _machine_only(found: Dated, raw: bytes, seen: str, url: str | None, meta: dict[str, str],
                  ld: dict) -> bool:
    """Whether htmldate's day is written only where no reader looks and no date field claims it: in
    scripts and in attributes that hold blobs of data (an emoji's "…20200715…" file name, the
    "createTime" of some record), never in the visible text, the URL, the date ``<meta>`` or
    JSON-LD, nor after a "published" key. An undated page is better than a day taken from the
    page's furniture. (Links to other pages, "/news/html/20190619/…" of a related story, were
    measured too and left out: one right day lost on the test split, none gained.)"""
    if found.precision not in ("day", "time") or not _shown_nowhere(found, seen, url):
        return False
    if _in_metadata(found.value.date(), meta, ld):
        return False
    text = raw.decode("utf-8", "replace")
    forms = _day_forms(found.value, compact=True)
    places = [match.start() for match in forms.finditer(text)]
    if not places:
        return False  # htmldate read it in a form this check does not know: no evidence either way
    if any(_PUBLISHED_KEY.search(text, max(0, at - 40), at) for at in places):
        return False
    return forms.search(_DATA.sub(" ", _SCRIPT.sub(" ", text))) is None


def _headlines(tree) -> list[str]:
    """The page's ``<h1>`` texts; on a page with none, the ``<h2>`` that begins its ``<title>`` as well
    (nachtkritik.de: "Kolumne: Queer Royal - Über Dragqueens …" in both)."""
    h1s = [text_of(element) for element in tree.iter("h1")]
    if h1s:
        return h1s
    title = " ".join(text_of(element) for element in tree.iter("title"))
    h2s = (text_of(element) for element in tree.iter("h2"))
    return [heading for heading in h2s if len(heading) > 10 and _same_start(heading, title)][:1]


def _same_start(one: str, other: str) -> bool:
    words = [w for w in re.split(r"\W+", one.lower()) if w][:4]
    return len(words) >= 2 and words == [w for w in re.split(r"\W+", other.lower()) if w][: len(words)]


def headline_date(tree, seen: str) -> Dated | None:
    """The first full date in the visible text just after the page's headline (the first ``<h1>``
    of more than a few characters that the reader sees): "Familie 17/02/2022", "ca. 8 Min. 12.01.2022"."""
    found = _under_headline(tree, seen)
    return found[0] if found else None


def _under_headline(tree, seen: str) -> tuple[Dated, int] | None:
    """:func:`headline_date`, and where the headline starts in ``seen``."""
    for heading in _headlines(tree):
        if len(heading) <= 10 or (at := seen.find(heading[:60])) < 0:
            continue
        after = seen[at : at + len(heading) + _UNDER_HEADLINE]
        found = find_date(after)
        if found is not None and found[0].precision in ("day", "time"):
            return found[0], at
        return None
    return None


def _structured(tree, meta: dict[str, str], ld: dict) -> list[Dated | None]:
    """The page's machine-readable publication stamps, most trusted first: JSON-LD, ``<meta>``,
    an element marked ``datePublished``, the first ``<time>`` (None where the page has none)."""
    return [_ld(ld, "datePublished"), _meta(meta, DATE_META), _marked(tree), _first_time(tree)]


def labelled(text: str) -> tuple[Dated | None, Dated | None]:
    """The first date labelled as the publication and the first labelled as an update, in a
    page's visible text (:func:`.htmlmeta.visible_text`). The date must follow its label at once
    (a weekday may stand between): "Published on Mon 20 Jan 2020", "Erschienen am: 13.10.2021"."""
    found: dict[str, Dated] = {}
    for match in _LABEL.finditer(text):
        kind = "updated" if match.group("updated") else "published"
        if kind in found:
            continue
        date = find_date(text[match.end(): match.end() + 60])
        if date is not None and date[1] <= _LABEL_GAP:
            found[kind] = date[0]
            if len(found) == 2:
                break
    return found.get("published"), found.get("updated")


def _ld(ld: dict, key: str) -> Dated | None:
    value = ld.get(key) or (ld.get("dateCreated") if key == "datePublished" else None)
    if isinstance(value, list):
        value = value[0] if value else None
    return parse_dated(value) if isinstance(value, str) else None


def _meta(meta: dict[str, str], keys: tuple[str, ...]) -> Dated | None:
    for key in keys:
        if meta.get(key) and (dated := parse_dated(meta[key])) is not None:
            return dated
    return None


def _marked(tree) -> Dated | None:
    """The first element that says it holds the publication date."""
    for element in tree.xpath(_MARKED):
        for value in (element.get("datetime"), element.get("content"), text_of(element)[:120]):
            if value and (dated := parse_dated(value)) is not None:
                return dated
    return None


def _first_time(tree) -> Dated | None:
    """The first ``<time datetime>`` outside navigation, rails and comments."""
    for element in tree.iter("time"):
        if element.get("datetime") and not in_furniture(element):
            return parse_dated(element.get("datetime"))
    return None


def in_furniture(element) -> bool:
    for ancestor in element.iterancestors():
        if ancestor.tag in ("nav", "footer", "aside"):
            return True
        if OUTSIDE.search(f"{ancestor.get('class') or ''} {ancestor.get('id') or ''}"):
            return True
    return False


def dateline(body: str) -> Dated | None:
    """A date at the head of the story: "NEW ORLEANS, Dec. 31, 2014 — Both analysts …"."""
    match = _DATELINE.match(body[:120])
    return parse_dated(match.group("date")) if match else None


def library_date(raw: bytes, tree, url: str | None) -> Dated | None:
    """htmldate's original publication date for the page, as a day only when the page writes
    that day out (htmldate fills a missing day in with the 1st, a year alone with January 1st).

    htmldate only answers with a date the page holds, no later than the end of today (its
    limit, which keeps announced future dates out). Bounding it by the page's own "modified"
    date was measured and left out: such dates are often stale (2 right days lost on the
    development split, none gained)."""
    from htmldate import find_date  # imported on first use: ~0.3 s of dateparser start-up

    # bytes, never a URL string: htmldate downloads a page when it is handed a URL
    with warnings.catch_warnings():  # dateutil warns about zone names it does not know
        warnings.simplefilter("ignore")
        found = find_date(raw, original_date=True, extensive_search=EXTENSIVE, url=url,
                          outputformat="%Y-%m-%d")
    if not found:
        return None
    value = datetime.strptime(found, "%Y-%m-%d").replace(tzinfo=UTC)
    if value.day == 1 and not _writes_day(tree, value):
        return Dated(value, "year" if value.month == 1 else "month")
    return Dated(value, "day")


EXTENSIVE = True  # htmldate's extensive_search (see the README's figures with it on and off)


def _writes_day(tree, value: datetime) -> bool:
    """Whether the page's markup writes ``value`` out as a full date, in any of the forms
    :mod:`archive.extract.dates` reads (htmldate fills a missing day in with the 1st, and a year
    alone with January 1st)."""
    return _day_forms(value).search(lxml_html.tostring(tree, encoding="unicode")) is not None


def _day_forms(value: datetime, compact: bool = False) -> re.Pattern:
    """``value``'s day written out in any of the forms :mod:`archive.extract.dates` reads (and, with
    ``compact``, as "20190619", the form of file names and links)."""
    return _day_pattern(value.year, value.month, value.day, compact)


@lru_cache(maxsize=256)
def _day_pattern(y: int, m: int, d: int, compact: bool) -> re.Pattern:
    names = "|".join(re.escape(name) for name, number in MONTHS.items() if number == m)
    packed = rf"|(?<!\d){y}{m:02}{d:02}(?!\d)" if compact else ""
    return re.compile(
        rf"{y}-{m:02}-{d:02}{packed}|{y}/0?{m}/0?{d}\b|{y}年\s*{m}\s*月\s*{d}\s*日|(?<!\d)0?{d}\.\s?0?{m}\.\s?{y}"
        rf"|(?<!\d)0?{d}/0?{m}/{y}|(?<!\d)0?{m}/0?{d}/{y}"
        rf"|(?<!\d)0?{d}(?:st|nd|rd|th|er)?\.?\s*(?:de\s+)?(?:{names})\b\.?,?\s*(?:de\s+)?{y}"
        rf"|\b(?:{names})\b\.?\s*0?{d}(?:st|nd|rd|th)?,?\s+{y}",
        re.I,
    )

