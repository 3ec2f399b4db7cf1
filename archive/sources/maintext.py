"""The story's own text out of a whole web page, paragraphs kept.

The approach of Arc90's Readability, kept small: drop what is never story text (scripts,
navigation, forms, figures and their captions, share bars, newsletter boxes, related-story lists,
comment threads — by tag and by class/id words); score each paragraph by its length and commas
and credit its parent and grandparent; the best-scored container, corrected for link density,
holds the story; siblings that score nearly as well (a story split around an advert) join it.
Its paragraphs come out one per block, joined with blank lines, minus lines that are site
furniture (:func:`archive.extract.boilerplate.is_boilerplate`) or mostly links.
"""

from __future__ import annotations

import re
from collections import defaultdict

from lxml import html as lxml_html

from ..extract.boilerplate import ends_story, is_boilerplate, is_timestamp

_DROP_TAGS = (
    "script",
    "style",
    "noscript",
    "template",
    "svg",
    "iframe",
    "button",
    "select",
    "textarea",
    "input",
    "object",
    "embed",
    "canvas",
    "video",
    "audio",
    "map",
    "dialog",
)
_FURNITURE_TAGS = {"nav", "footer", "aside", "form", "figure", "figcaption", "picture", "menu", "header"}
_UNLIKELY = re.compile(
    r"share|sharing|social|newsletter|subscri|signup|sign-up|related|recommend|promo|sidebar|comment|"
    r"footer|menu|\bnav|breadcrumb|advert|\bads?\b|\bad-|-ad\b|sponsor|popup|modal|cookie|outbrain|"
    r"taboola|widget|\btags?\b|caption|credit|gallery|toolbar|masthead|banner|trending|popular|"
    r"more-?stories|read-?more|\brail\b|tools|pagination|disqus|skip|byline|author|dateline|timestamp|"
    r"\bmeta\b|print|email|follow|login|overlay|offscreen|visually-hidden|sr-only|photo|"
    r"(?<![a-z])bio(?:s|graphy)?(?![a-z])",
    re.I,
)
_LIKELY = re.compile(r"article|body|content|entry|main|post|story|text|column|hentry|blog|page", re.I)
_POSITIVE = re.compile(r"article|body|content|entry|main|post|story|text|hentry|blog", re.I)
# "hidden" only as a whole class word: "field-label-hidden" or "hidden-xs" wrap visible story text
_NEGATIVE = re.compile(
    r"comment|footer|sidebar|related|share|promo|widget|meta|nav|menu|"
    r"(?:^|\s)(?:is-)?hidden(?=\s|$)",
    re.I,
)
_HIDDEN_WORD = re.compile(r"(?:is-)?hidden|visually-?hidden|sr-only|screen-reader-text", re.I)
_NOT_SHOWN = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_CONTROLS = set(
    "previous prev next enlarge open close expand replay view larger thumbnails fullscreen slideshow gallery "
    "start back to of page hide show caption captions embed".split()
)
_DESCRIPTION = "//meta[@name='description']/@content | //meta[@property='og:description']/@content"
_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
_SENTENCE_END = re.compile(r"[.…][\"'”’)\]]*$")
_LABEL = re.compile(r"^[^:]{1,25}:\s")
_BLOCKS = ("p", "pre", "blockquote", "li", "h2", "h3", "h4", "h5", "h6", "td", "dd")
# tags whose text is never run together with the text around them
_EDGES = set(_HEADINGS) | set("br hr p div li dt dd td th tr blockquote pre ul ol table".split())
_SCORED = ("p", "pre", "td", "blockquote")
_WRAPPERS = ("div", "section", "article", "main", "span", "center", "font")
_KEEP_CLASSED = ("html", "body", "article", "main")
_INLINE = {
    "a",
    "span",
    "em",
    "strong",
    "b",
    "i",
    "u",
    "small",
    "sup",
    "sub",
    "abbr",
    "cite",
    "q",
    "time",
    "mark",
    "font",
    "code",
    "s",
    "strike",
    "big",
    "label",
    "ins",
    "del",
    "img",
    "wbr",
}


def main_text(tree: lxml_html.HtmlElement) -> str:
    """The article text of a page (the tree is modified: furniture is removed from it)."""
    summary = _summary_paragraph(tree)
    _strip(tree, keep=set(summary.iterancestors()) if summary is not None else set())
    container = _best_container(tree)
    if summary is not None and summary.getroottree().getroot() is tree and _thinner_than(container, summary):
        container = summary.getparent()
    if container is None:
        return ""
    parts = _with_siblings(_lifted(container))
    # a page whose only text is a teaser wrapped in a link keeps it
    return "\n\n".join(_paragraphs(parts) or _paragraphs(parts, teasers=True))


def _summary_paragraph(tree):
    """The visible <p> that says what the page's description meta says: on a video or photo page it is
    the page's only text, and it may sit in a wrapper named like furniture ("video-social-clear")."""
    description = " ".join(" ".join(tree.xpath(_DESCRIPTION)[:1]).split())
    if len(description) < 40:
        return None
    return next((p for p in tree.iter("p") if " ".join(p.text_content().split()) == description), None)


def _thinner_than(container, summary) -> bool:
    """The best-scored container holds less text than the page's own summary paragraph elsewhere (a
    teaser of another page in a rail won on its class name: cricket.com.au's "article-text")."""
    if container is None:
        return True
    if container is summary or summary in container.iterdescendants():
        return False
    return len(container.text_content().strip()) < len(summary.text_content().strip())


def _strip(tree, keep: set) -> None:
    """Remove what is never text, then furniture by tag and class/id words — but never an element
    holding most of the page's paragraph text (a page wrapped in one <form>, a transcript in a
    <footer>, wrappers named "nav-drawer" or "video-teaser" hold whole stories), nor one of ``keep``
    by its class/id words."""
    for element in list(tree.iter(*_DROP_TAGS)):
        _remove(element)
    mass = _paragraph_mass(tree)
    total = max(mass.values(), default=0)
    for element in list(tree.iter()):
        if not isinstance(element.tag, str) or element.tag in _KEEP_CLASSED:
            continue
        if mass.get(element, 0) > total / 2:
            continue
        marks = f"{element.get('class') or ''} {element.get('id') or ''}"
        if element.tag in _FURNITURE_TAGS:
            _remove(element)
        elif marks.strip() and _UNLIKELY.search(marks) and not _LIKELY.search(marks) and element not in keep:
            _remove(element)
        elif _hidden(element):
            _remove(element)


def _hidden(element) -> bool:
    """Marked as not shown: the ``hidden`` attribute, ``aria-hidden``, an inline ``display: none``, or
    the class word "hidden" (a modal's text waiting to pop up: "At work? With your gran?") — unless a
    responsive class shows it on larger screens (Tailwind's "hidden md:block") — or a class that keeps
    text for screen readers only ("visuallyhidden", "sr-only")."""
    if element.get("hidden") is not None or element.get("aria-hidden") == "true":
        return True
    if _NOT_SHOWN.search(element.get("style") or ""):
        return True
    words = (element.get("class") or "").split()
    return any(_HIDDEN_WORD.fullmatch(word) for word in words) and not any(":" in word for word in words)


def _paragraph_mass(tree) -> dict:
    """Characters of <p> text under each element."""
    mass: dict = defaultdict(int)
    for para in tree.iter("p"):
        length = len(para.text_content())
        for ancestor in para.iterancestors():
            mass[ancestor] += length
    return mass


def _remove(element) -> None:
    """Take an element out of the tree, keeping the text that follows it."""
    parent = element.getparent()
    if parent is not None:
        element.drop_tree()


def _class_weight(element) -> int:
    marks = f"{element.get('class') or ''} {element.get('id') or ''}"
    return (25 if _POSITIVE.search(marks) else 0) - (25 if _NEGATIVE.search(marks) else 0)


def _best_container(tree):
    scores: dict = defaultdict(float)
    for para in _scored_paragraphs(tree):
        text = " ".join(para.text_content().split())
        if len(text) < 25:
            continue
        points = 1 + text.count(",") + text.count("、") + min(len(text) // 100, 3)
        for depth, ancestor in enumerate(para.iterancestors()):
            if depth > 2:
                break
            if ancestor not in scores:
                scores[ancestor] = _class_weight(ancestor) + (5 if ancestor.tag in ("div", "article") else 0)
            scores[ancestor] += points / (1, 2, 3)[depth]
    best, best_score = None, 0.0
    for element, score in scores.items():
        score *= 1 - _link_density(element)
        if score > best_score:
            best, best_score = element, score
    return best


def _scored_paragraphs(tree):
    """<p>, <pre>, <td>, <blockquote>, and <div>s that hold text directly (no block children)."""
    for element in tree.iter(*_SCORED, "div"):
        if element.tag != "div":
            yield element
        elif not any(
            child.tag in ("div", "p", "table", "ul", "ol", "section", "article")
            for child in element
            if isinstance(child.tag, str)
        ):
            yield element


def _link_density(element) -> float:
    length = len(element.text_content()) or 1
    linked = sum(len(a.text_content()) for a in element.iter("a"))
    return min(linked / length, 1.0)


def _lifted(container):
    """The outermost wrapper that holds the container and no other text: a story split into parts
    ("article-text-wrap" > "article-text-grid" > <p>…, three times) continues in the wrappers'
    siblings, not in the best part's."""
    parent = container.getparent()
    while parent is not None and parent.tag in _WRAPPERS and _only_text_in(parent, container):
        container, parent = parent, parent.getparent()
    return container


def _only_text_in(parent, child) -> bool:
    if (parent.text or "").strip() or (child.tail or "").strip():
        return False
    return not any(
        other is not child
        and (other.text_content().strip() if isinstance(other.tag, str) else (other.tail or "").strip())
        for other in parent
    )


def _with_siblings(container) -> list:
    """The container and the siblings that continue the story beside it."""
    parent = container.getparent()
    if parent is None:
        return [container]
    threshold = max(10.0, _own_score(container) * 0.2)
    kept, before = [], True
    for sibling in parent:
        if sibling is container:
            kept.append(sibling)
            before = False
        elif isinstance(sibling.tag, str) and _continues(sibling, container, threshold, before):
            kept.append(sibling)
    return kept


def _own_score(element) -> float:
    return sum(1 + len(p.text_content()) / 100 for p in element.iter("p"))


def _continues(sibling, container, threshold: float, before: bool) -> bool:
    """A sibling continues the story when it is not furniture, not mostly links, and either scores
    well, is a part of the same kind holding a real paragraph, is itself a sentence-like <p>, or
    is a lead paragraph in its own wrapper ("firstPar") just before the story (not the header with the
    headline)."""
    if sibling.tag in _FURNITURE_TAGS:
        return False
    same_kind = _same_kind(sibling, container)
    if _link_density(sibling) > (0.5 if same_kind else 0.25):
        return False
    if _own_score(sibling) >= threshold:
        return True
    if same_kind and any(len(p.text_content().strip()) > 80 for p in sibling.iter("p")):
        return True
    text = " ".join(sibling.text_content().split())
    if sibling.tag == "p":
        return len(text) > 80 or (len(text) > 0 and text.endswith((".", "!", "?", "”", '"')))
    return before and len(list(sibling.iter("p"))) == 1 and len(text) > 80 and not _has_headline(sibling)


def _has_headline(element) -> bool:
    """Holds an <h1>: the story's header (section label, headline, standfirst), not a lead paragraph."""
    return next(element.iter("h1"), None) is not None


def _same_kind(sibling, container) -> bool:
    """Same first class word, or the same class words once numbered ones are set aside
    ("text text-1 parbase" beside "text-2 text parbase")."""
    mine, theirs = (container.get("class") or "").split(), (sibling.get("class") or "").split()
    if not mine or not theirs:
        return False

    def kind(words):
        return {word for word in words if not any(c.isdigit() for c in word)}

    return mine[0] == theirs[0] or (bool(kind(mine)) and kind(mine) == kind(theirs))


def _paragraphs(elements: list, teasers: bool = False) -> list[str]:
    """The text of the story's blocks, furniture lines left out, up to a line that ends the story."""
    blocks = [(block, " ".join(_text(block).split())) for element in elements for block in _blocks(element)]
    blocks = [(block, text) for block, text in blocks if text]
    out: list[str] = []
    kinds: list = []
    for at, (block, text) in enumerate(blocks):
        if out and ends_story(text):
            break
        if _standard_line(text) or (_link_line(block, text, teasers) and not _section_heading(blocks, at)):
            continue
        if not out or out[-1] != text:
            out.append(text)
            kinds.append(getattr(block, "tag", None))
    return _without_dangling_headings(out, kinds)


def _text(block) -> str:
    """A block's text with a space where a line break or an inner block begins and ends: a title and
    its author on two lines of one <p> ("<strong>Mister Bud Wears the Cone</strong><br>Carter
    Goodrich") are two words, not "ConeCarter"."""
    if isinstance(block, _Loose):
        return block.text
    pieces = [block.text or ""] if isinstance(block.tag, str) else []
    for child in block:
        inner = _text(child)
        pieces += [f" {inner} " if child.tag in _EDGES else inner, child.tail or ""]
    return "".join(pieces)


def _without_dangling_headings(out: list[str], kinds: list) -> list[str]:
    """The story without headings at its end: a heading with nothing after it introduced a box that
    was furniture ("Promoted Links", "From around the web", "Most read")."""
    while out and kinds[len(out) - 1] in _HEADINGS:
        out.pop()
    return out


def _standard_line(text: str) -> bool:
    """A site's standard line ("Advertisement", "Share this article"), a bare date/time stamp, or the
    controls of a slideshow."""
    return is_boilerplate(text) or is_timestamp(text) or _slideshow_controls(text)


def _slideshow_controls(text: str) -> bool:
    """A slideshow's or a player's buttons: "Previous Next", "Enlarge", "<< >> open", "HIDE CAPTION",
    "Embed", or a pager's "Page 1 of 2"."""
    words = re.findall(r"[^\W\d_]+", text.casefold())
    return (
        bool(set(words) - {"of", "to"})
        and set(words) <= _CONTROLS
        and len(re.sub(r"[\w\s<>«»‹›|/.-]", "", text)) == 0
    )


def _link_line(block, text: str, teasers: bool = False) -> bool:
    """A short run of links, or (unless ``teasers``) a short block inside a link."""
    if len(text) >= 200:
        return False
    if not teasers and _inside_link(block):
        return True
    return _link_density(block) > 0.6 and not _linked_sentence(block, text)


def _section_heading(blocks: list, at: int) -> bool:
    """A linked heading between two paragraphs of the story, in bold or a heading tag: the title of
    one section of a story made of headed sections (a roundup's "<strong><a>Analysts Aren't Feeling
    Great About Commodities</a> (Think Advisor)</strong>" before its summary). A labelled link
    ("Related article: …", "READ MORE: …") is a pointer elsewhere, and a heading inside a link is a
    teaser card's, not a section's."""
    block, text = blocks[at]
    if len(text) > 150 or _LABEL.match(text) or isinstance(block, _Loose) or _inside_link(block):
        return False
    if not _emphasised(block):
        return False
    return 0 < at < len(blocks) - 1 and all(_story_paragraph(*blocks[near]) for near in (at - 1, at + 1))


def _emphasised(block) -> bool:
    """A heading tag, or a block whose text is all in bold."""
    if block.tag in ("h2", "h3", "h4", "h5", "h6"):
        return True
    bold = "".join(b.text_content() for b in block.iter("strong", "b") if not _in_bold(b, block))
    return len(bold.strip()) >= 0.9 * len(block.text_content().strip())


def _in_bold(element, block) -> bool:
    """Inside another bold element below ``block`` (counted with that one)."""
    for ancestor in element.iterancestors():
        if ancestor is block:
            return False
        if ancestor.tag in ("strong", "b"):
            return True
    return False


def _story_paragraph(block, text: str) -> bool:
    """A paragraph of running text: long, and not mostly links."""
    return len(text) > 80 and _link_density(block) < 0.25


def _linked_sentence(block, text: str) -> bool:
    """A sentence of the story with links in it, not a headline or a list of links: a few words ending
    in a full stop, some of them outside the links ("Oh, RiRi. <a>You truly are an icon</a>.", a
    listicle's "12. <a>This godawful cover of …</a>"). Headlines end in "?" or "!" or nothing, and a
    "Read more" or related-story line is all link or a label and a link."""
    if len(text.split()) < 4 or not _SENTENCE_END.search(text):
        return False
    return any(re.search(r"\w", piece) for piece in _unlinked_text(block))


def _unlinked_text(block) -> list[str]:
    """The pieces of a block's text that lie outside links."""
    return block.xpath(".//text()[not(ancestor::a)]")


def _inside_link(block) -> bool:
    """A block within an <a>: a teaser card ("MIT Technology Review Custom: …" wrapped in one link)."""
    return any(True for _ in block.iterancestors("a"))


def _blocks(element):
    """The paragraphs under ``element`` in order: block elements, and runs of loose inline text."""
    if element.tag in _BLOCKS:
        yield element
        return
    buffer = [element.text or ""]
    for child in element:
        if not isinstance(child.tag, str) or (child.tag in _INLINE and not _has_blocks(child)):
            buffer += [child.text_content() if isinstance(child.tag, str) else "", child.tail or ""]
            continue
        yield _Loose("".join(buffer))
        buffer = [child.tail or ""]
        if child.tag != "br":
            yield from _blocks(child)
    yield _Loose("".join(buffer))


def _has_blocks(element) -> bool:
    return any(isinstance(d.tag, str) and d.tag not in _INLINE for d in element.iterdescendants())


class _Loose:
    """Text lying directly in a container between blocks (a paragraph without a <p>)."""

    def __init__(self, text: str) -> None:
        self.text = text

    def text_content(self) -> str:
        return self.text

    def iter(self, *_tags):
        return iter(())

    def iterancestors(self, *_tags):
        return iter(())
