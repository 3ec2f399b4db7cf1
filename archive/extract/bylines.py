"""Bylines into people's names: "By Jane Doe and John Roe, AP" → ["Jane Doe", "John Roe"] + outlet "AP".

A byline as sites print it carries more than names: "By", roles ("Senior Staff Technologist"),
degrees ("MA"), the outlet ("| CNN", "WebMD Health News"), a date or "2 hours ago" run on after
the name. Names are what is left: each part between "and", "&", commas, "|" or "avec/et" that
reads as a name (1–5 words, each capitalised or a particle such as "de" or "van"; scripts without
case pass as they are). The first part that is a role or an organisation ends the list of people:
what follows it ("…, ACLU Speech, Privacy, and Technology Project") is an affiliation.
"""

from __future__ import annotations

import re

AGENCIES = {
    "ap": "AP", "associated press": "Associated Press", "the associated press": "Associated Press",
    "reuters": "Reuters", "thomson reuters": "Reuters", "afp": "AFP", "agence france-presse": "AFP",
    "bloomberg": "Bloomberg", "bloomberg news": "Bloomberg", "press association": "Press Association",
    "pa": "PA", "pa media": "PA Media", "bang showbiz": "BANG Showbiz", "upi": "UPI", "dpa": "dpa",
    "efe": "EFE", "ansa": "ANSA", "xinhua": "Xinhua", "kyodo": "Kyodo", "kyodo news": "Kyodo",
    "huffpost": "HuffPost", "bbc news": "BBC News", "bbc": "BBC", "cnn": "CNN", "cnn wire": "CNN",
    "ians": "IANS", "pti": "PTI", "aap": "AAP", "cp": "CP", "the canadian press": "The Canadian Press",
    "canadian press": "The Canadian Press", "tass": "TASS", "anp": "ANP", "apa": "APA",
}
_PREFIX = re.compile(
    r"^\s*(?:(?:written|posted|words|story|reporting|photos?|text|report|published)\s+)?"
    r"(?:by|from|par|por|von|door|av|af|on\s+assignment\s+for|special\s+to)\b\s*:?\s*|"
    r"^\s*(?:author|authors|words|reporting|"
    r"text|texte|autor|auteur)\s*:\s*",
    re.I,
)
_SPLIT = re.compile(
    r"\s*(?:,|，|、|;|&|\+|\||/|•|·|\n|\band\b|\bwith\b|\bet\b|\bavec\b|\bund\b|\by\b|\be\b)\s*", re.I
)
_PARTICLES = {"de", "da", "das", "do", "dos", "del", "della", "der", "den", "di", "du", "la", "le",
              "van", "von", "ter", "ten", "bin", "ibn", "al", "el", "zu", "y", "e", "mc", "st"}
_DEGREES = {"ma", "md", "phd", "mph", "rn", "ms", "msc", "bsc", "mba", "rd", "dds", "do", "jd", "llb"}
_ROLE_WORDS = {
    "writer", "reporter", "correspondent", "editor", "columnist", "contributor", "journalist",
    "technologist", "producer", "analyst", "director", "manager", "staff", "senior", "chief",
    "fellow", "professor", "intern", "photographer", "critic", "host", "anchor", "blogger",
    "author", "founder", "president", "ceo", "cto", "head", "lead", "deputy", "executive",
    "contributing", "special", "guest", "team", "desk", "newsroom", "updated", "published",
    "posted", "ago", "read", "min", "follow", "more", "email", "twitter", "comments", "share",
    "facebook", "instagram", "linkedin", "see", "view", "all", "articles", "stories", "profile",
}
_DATE_WORDS = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
    "sept", "oct", "nov", "dec", "monday", "tuesday", "wednesday", "thursday", "friday",
    "saturday", "sunday", "today", "yesterday",
}
_ORG_WORDS = {
    "news", "press", "magazine", "times", "post", "project", "network", "media", "daily", "online",
    "agency", "service", "group", "inc", "ltd", "llc", "institute", "university", "foundation",
    "center", "centre", "journal", "herald", "tribune", "gazette", "radio", "tv", "wire", "digital",
    "newspaper", "reuters", "bloomberg", "associated", "health", "company", "corp", "staff",
}


def split_byline(text: str | None, *, site: str | None = None) -> tuple[list[str], str | None]:
    """People named in a byline, and the agency/outlet if the byline names one.

    ``site`` is the publication's own name, if known: "Jane Doe | CNN" on cnn.com credits CNN
    as the outlet, not as a person.
    """
    if not text:
        return [], None
    people: list[str] = []
    outlet = None
    for part in _parts(text):
        key = _key(part)
        if _agency(part) or _is_site(key, site):
            outlet = outlet or _agency(part) or part
            continue
        words = part.split()
        if words and words[0].casefold() in _DEGREES and len(words) == 1:
            continue
        if people and _is_affiliation(words):
            break
        name = _name_in(words)
        if name and name not in people:
            people.append(name)
    return people, outlet


def _parts(text: str) -> list[str]:
    """The byline cut where names end: at the first digit (a date), split at "and", commas, …."""
    text = re.split(r"\d", text, maxsplit=1)[0]
    text = re.sub(r"\((?:with|avec|and|et|und|con|com)\s+([^)]*)\)", r", \1", text, flags=re.I)
    text = re.sub(r"[()\[\]【】「」]", " ", text)
    text = _PREFIX.sub("", " ".join(text.replace("\n", " , ").split()))
    parts = []
    for part in _SPLIT.split(text):
        part = _PREFIX.sub("", part).strip(" .-–—:·*'\"")
        if part:
            parts.append(part)
    return parts


# What may follow an agency's or outlet's name in a credit: its staff ("HuffPost Editors", "Reuters
# Staff": the outlet itself) or its edition ("HuffPost UK": kept as written).
_CREDITS = {"editors", "staff", "desk", "wire", "news", "newsroom"}
_EDITIONS = {"uk", "us", "usa", "canada", "france", "brazil", "india", "australia", "germany", "italy",
             "spain", "japan", "international"}


def _agency(part: str) -> str | None:
    """The agency or outlet a byline part names ("AP"; "HuffPost" for "HuffPost Editors", "HuffPost
    UK" for "HuffPost UK"), else None."""
    key = _key(part)
    if key in AGENCIES:
        return AGENCIES[key]
    words = key.split()
    for cut in range(len(words) - 1, 0, -1):
        head, rest = " ".join(words[:cut]), words[cut:]
        if head in AGENCIES and all(word in _CREDITS for word in rest):
            return AGENCIES[head]
        if head in AGENCIES and all(word in _EDITIONS for word in rest):
            return f"{AGENCIES[head]} {' '.join(part.split()[cut:])}"
    return None


def _is_site(key: str, site: str | None) -> bool:
    """"Le Monde" on a site called "Le Monde.fr", "CNN" on "CNN International"."""
    if not site or not key:
        return False
    site_key = " ".join(site.casefold().split())
    return site_key == key or (site_key.startswith(key) and site_key[len(key)] in " .:|-")


def _key(text: str) -> str:
    return " ".join(text.casefold().replace(".", "").split())


def _is_affiliation(words: list[str]) -> bool:
    folded = {w.casefold().strip(".,") for w in words}
    return bool(folded & (_ROLE_WORDS | _ORG_WORDS))


def _name_in(words: list[str]) -> str | None:
    """The leading run of name words (a name ends at a lowercase word or a role word)."""
    kept: list[str] = []
    for word in words:
        folded = word.casefold().strip(".,")
        if folded in _ROLE_WORDS or "@" in word or "http" in folded or "www" in folded:
            break
        if word[0].islower() and folded not in _PARTICLES:
            break
        kept.append(word)
    while kept and (kept[-1].casefold() in _PARTICLES or kept[-1].casefold().strip(".,") in _DATE_WORDS):
        kept.pop()
    if not 1 <= len(kept) <= 5 or not any(ch.isalpha() for ch in kept[0]):
        return None
    if len(kept) == 1 and len(kept[0]) < 2:
        return None
    name = " ".join(kept)
    return _title_case(name) if name.isupper() and len(name) > 3 else name


def _title_case(name: str) -> str:
    """JOE HILDEBRAND → Joe Hildebrand; SUSIE O’BRIEN → Susie O’Brien."""
    return re.sub(r"\w+", lambda m: m.group(0).capitalize(), name)
