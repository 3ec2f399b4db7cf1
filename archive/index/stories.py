"""Stories: near-duplicate articles (a wire story run by several outlets, an update, a page saved
again) grouped at index time.

Each article's text (its body; title and body when the body is a line or less) is cut into
overlapping runs of ``SHINGLE`` words and sketched with ``datasketch``'s MinHash (``NUM_PERM``
hash functions, its affine32 scheme; computed for a batch of articles at once, with values equal
to ``MinHash.update_batch``'s). Locality-sensitive hashing finds the pairs likely to share much of
their text: the sketches cut into the bands ``MinHashLSH`` chooses for ``LSH_THRESHOLD``, the
documents agreeing on a whole band found by sorting (the same buckets as MinHashLSH's, without
its per-key dictionaries). A pair is kept when its estimated Jaccard similarity is at least
``MIN_JACCARD``, or the shorter text is mostly in the longer (``CONTAINED``: a copy cut short);
a short text (fewer than ``SHORT`` shingles: a headline and a line) needs ``SHORT_JACCARD`` and a
headline of mostly the same words as well (``SHORT_TITLE``), since "Qtly div 12 cts vs 12 cts
prior" is the text of many companies' stories. Two texts that both give ``NUMBERS`` numbers must
mostly give the same ones (the same report of another day, week or month is another story), and
copies are published within ``WINDOW`` of each other (unless undated, or of one URL: a page saved
again). The same text (the ``content_hash``) is always one story. The pairs join into stories
(connected components); a story's **origin** is its earliest dated copy (else its first document).

A generation's stories are saved beside it (``stories-<toc>.npz``): per document number the
article's id, its sketch and its story's origin, so that an update sketches only the articles it
(re-)indexes and groups the whole archive again from the saved sketches, linear in its size
(see ``benchmarks/stories.py`` for the figures and how the thresholds were chosen).
"""

from __future__ import annotations

import functools
import hashlib
import os
import re
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..article import Article
from .columns import Columns, mask_of
from .schema import from_stored

NUM_PERM = 64  # hash functions of a text's sketch
TITLE_PERM = 16  # of its headline's words
NUMBER_PERM = 32  # of the numbers it gives
WIDTH = NUM_PERM + TITLE_PERM + NUMBER_PERM
SHINGLE = 3  # words per shingle
LSH_THRESHOLD = 0.3  # the similarity MinHashLSH's bands are tuned for
MIN_JACCARD = 0.5  # estimated Jaccard similarity of shingles at which two texts are one story,
CONTAINED = 0.8  # or: the shorter one's shingles mostly in the longer (a copy cut short) and
MIN_OVERLAP = 0.3  # at least this Jaccard similarity
SHORT = 20  # fewer shingles than this: a short text, held to the stricter rule
SHORT_JACCARD = 0.8
SHORT_TITLE = 0.5  # short texts: estimated Jaccard similarity of their headlines' words
NUMBERS = 3  # texts that both give this many distinct numbers must mostly give the same ones
NUMBERS_CONTAINED = 0.5  # (of the fewer): a daily or monthly report in the same words is another story
WINDOW = 3 * 86400  # copies are published within this many seconds (unless undated or same URL)
BIG_BUCKET = 64  # an LSH bucket with more members is checked against its first member only
SEED = 1
_NUMBER = re.compile(r"\d(?:[\d.,/]*\d)?")
_MASK = np.uint64(0xFFFFFFFF)
_MIX = (np.uint64(0x9E3779B1), np.uint64(0x85EBCA77), np.uint64(0xC2B2AE3D))


@functools.cache
def hashers() -> tuple:
    """datasketch MinHash objects of the text, headline and numbers sketches: their permutations.
    datasketch (and the scipy it brings, ~55 MB) loads only where articles are sketched or
    grouped (a rebuild, an update), never in a process that only searches."""
    from datasketch import MinHash

    return tuple(MinHash(num_perm=n, seed=SEED + k, scheme="affine32", hashfunc=int)
                 for k, n in enumerate((NUM_PERM, TITLE_PERM, NUMBER_PERM)))
FILE = "stories-{toc}.npz"


# -- sketches ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class Sketch:
    """One article's sketch: ``WIDTH`` MinHash values (text shingles, headline words, numbers),
    its numbers of shingles and of distinct numbers, and a hash of its URL (0: none)."""

    sig: np.ndarray
    shingles: int
    numbers: int
    url: int


class _Vocabulary(dict):
    """Word -> its CRC-32, computed on first sight (a vocabulary is far smaller than a text)."""

    def __missing__(self, word: str) -> int:
        value = self[word] = zlib.crc32(word.encode("utf-8", "surrogatepass"))
        return value


_PUNCTUATION = str.maketrans({c: " " for c in "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~\u2018\u2019\u201c\u201d"})


class Sketcher:
    """Sketches articles (one per rebuild or update: its vocabulary is kept)."""

    def __init__(self) -> None:
        self._words = _Vocabulary()

    def hashes(self, words: list[str]) -> np.ndarray:
        return np.fromiter(map(self._words.__getitem__, words), np.uint64, len(words))

    def parts(self, article: Article) -> tuple:
        """What the sketch is made of: the shingle, headline-word and number hashes, the URL's."""
        body = article.body.casefold()
        title = self.hashes(article.title.casefold().translate(_PUNCTUATION).split())
        words = self.hashes(body.translate(_PUNCTUATION).split())
        if len(words) < 2 * SHINGLE:  # a line or less: the headline is part of the text
            words = np.concatenate([title, words])
        numbers = np.unique(self.hashes(_NUMBER.findall(body)))
        url = (zlib.crc32(article.url.encode("utf-8", "surrogatepass")) or 1) if article.url else 0
        return _shingles(words), title, numbers, url

    def table(self, articles: Iterable[Article]) -> Table:
        """The sketches of ``articles``, in their order."""
        return Table.of_parts([self.parts(a) for a in articles])


def _shingles(words: np.ndarray) -> np.ndarray:
    """Hashes of each run of SHINGLE words (repeats kept: they do not change a minimum)."""
    if len(words) < SHINGLE:
        parts = [words]
    else:
        n = len(words) - SHINGLE + 1
        parts = [words[i : i + n] * _MIX[i] for i in range(SHINGLE)]
    mixed = parts[0]
    for part in parts[1:]:
        mixed = mixed ^ (part + (mixed << np.uint64(6)))
    return mixed & _MASK


def minhash(hasher, sets: list[np.ndarray]) -> np.ndarray:
    """The MinHash values ``hasher`` (a datasketch MinHash, scheme affine32) would give each of
    ``sets`` (arrays of 32-bit hashes): datasketch's permutations applied to all sets at once."""
    out = np.tile(hasher.hashvalues.astype(np.uint32), (len(sets), 1))
    full = [i for i, values in enumerate(sets) if len(values)]
    if not full:
        return out
    values = _fmix(np.concatenate([sets[i] for i in full]).astype(np.uint32))
    starts = np.concatenate([[0], np.cumsum([len(sets[i]) for i in full])[:-1]])
    a, b = (np.asarray(p, np.uint32) for p in hasher.permutations)
    rows = np.array(full)
    for k in range(len(a)):
        out[rows, k] = np.minimum.reduceat(values * a[k] + b[k], starts)
    return out


def _fmix(values: np.ndarray) -> np.ndarray:
    """MurmurHash3's 32-bit finalizer, as datasketch's affine32 scheme mixes its inputs (the
    tests check that the values equal ``MinHash.update_batch``'s)."""
    values = values ^ (values >> np.uint32(16))
    values = values * np.uint32(0x85EBCA6B)
    values = values ^ (values >> np.uint32(13))
    values = values * np.uint32(0xC2B2AE35)
    return values ^ (values >> np.uint32(16))


@dataclass(frozen=True)
class Sketches:
    """Sketches by article id: ``index`` maps an id to its row of ``table`` and ``keys`` (its
    text key): arrays, not an object per article (216k at ×10)."""

    index: dict[str, int]
    keys: np.ndarray  # uint64
    table: Table


class Recorder:
    """Sketches the articles passing on their way to the index (``recorded`` wraps the stream),
    a batch at a time: ``sketches()`` by article id."""

    BATCH = 1024

    def __init__(self) -> None:
        self.sketcher = Sketcher()
        self._ids: list[tuple[str, int]] = []
        self._parts: list[tuple] = []
        self._tables: list[Table] = []
        self._done: list[tuple[str, int]] = []

    def recorded(self, articles: Iterable[Article]) -> Iterator[Article]:
        for article in articles:
            self._ids.append((article.id, text_key(article.content_hash)))
            self._parts.append(self.sketcher.parts(article))
            if len(self._parts) >= self.BATCH:
                self._flush()
            yield article

    def _flush(self) -> None:
        if self._parts:
            self._tables.append(Table.of_parts(self._parts))
            self._done.extend(self._ids)
            self._ids, self._parts = [], []

    def sketches(self) -> Sketches:
        """The sketches recorded (the last one for an id that came twice)."""
        self._flush()
        index = {article_id: n for n, (article_id, _) in enumerate(self._done)}
        keys = np.array([key for _, key in self._done], np.uint64)
        return Sketches(index, keys, Table.concat(self._tables))


@dataclass(frozen=True)
class Table:
    """Sketches of many documents, as arrays (row = document number)."""

    sig: np.ndarray  # uint32 (documents, WIDTH)
    shingles: np.ndarray  # int32
    numbers: np.ndarray  # int32
    url: np.ndarray  # uint32

    @classmethod
    def of_parts(cls, parts: list[tuple]) -> Table:
        if not parts:
            return cls.concat([])
        texts, titles, numbers, urls = zip(*parts, strict=True)
        text, title, number = hashers()
        sig = np.concatenate([minhash(text, list(texts)), minhash(title, list(titles)),
                              minhash(number, list(numbers))], axis=1)
        return cls(sig, np.array([len(t) for t in texts], np.int32),
                   np.array([len(n) for n in numbers], np.int32), np.array(urls, np.uint32))

    @classmethod
    def of(cls, sketches: list[Sketch]) -> Table:
        if not sketches:
            return cls.concat([])
        return cls(np.stack([s.sig for s in sketches]), np.array([s.shingles for s in sketches], np.int32),
                   np.array([s.numbers for s in sketches], np.int32),
                   np.array([s.url for s in sketches], np.uint32))

    @classmethod
    def concat(cls, tables: list[Table]) -> Table:
        if not tables:
            return cls(np.zeros((0, WIDTH), np.uint32), np.zeros(0, np.int32), np.zeros(0, np.int32),
                       np.zeros(0, np.uint32))
        fields = ("sig", "shingles", "numbers", "url")
        return cls(*(np.concatenate([getattr(t, f) for t in tables]) for f in fields))

    def row(self, doc: int) -> Sketch:
        return Sketch(self.sig[doc], int(self.shingles[doc]), int(self.numbers[doc]), int(self.url[doc]))


# -- grouping ---------------------------------------------------------------------------------
def group(table: Table, hashes, ts: np.ndarray, dated: np.ndarray,
          live: np.ndarray | None = None) -> np.ndarray:
    """Per document a story label (the smallest document number of its story): documents whose
    sketches pass the rules of the module doc, or that have the same text hash, share one.
    ``ts``/``dated``: publication times, whether known; ``live``: False for deleted documents,
    which stay alone. Texts repeated exactly (a wire story sent again, an archive holding each
    story ten times) are compared once: the first copy of each text stands for it."""
    n = len(table.sig)
    alive = np.ones(n, bool) if live is None else live
    same_a, same_b = _same_text_pairs(hashes, alive)
    first = alive.copy()
    first[same_b] = False
    a, b = _candidate_pairs(table.sig, first)
    keep = _similar(table, a, b) & _near_in_time(table, ts, dated, a, b)
    return _components(n, np.concatenate([a[keep], same_a]), np.concatenate([b[keep], same_b]))


@functools.cache
def bands() -> tuple[int, int]:
    """(bands, rows per band): datasketch's MinHashLSH choice for LSH_THRESHOLD and NUM_PERM
    (the split that minimises its weighted false positive and negative rates)."""
    from datasketch import MinHashLSH

    lsh = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM)
    return lsh.b, lsh.r


def _candidate_pairs(sigs: np.ndarray, alive: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Pairs of live documents whose text sketches agree on every row of some band (each pair
    once, a < b): MinHashLSH's buckets, found by sorting each band's rows instead of keeping
    datasketch's dictionaries (those took 160 MB and 1.5 s for Reuters-21578's 21,577)."""
    docs = np.flatnonzero(alive)
    firsts, seconds = [], []
    count, width = bands()
    for band in range(count):
        rows = sigs[docs, band * width : (band + 1) * width]
        order = np.lexsort(rows.T[::-1])
        ranked = rows[order]
        new = np.ones(len(order), bool)
        new[1:] = np.any(ranked[1:] != ranked[:-1], axis=1)
        group = np.cumsum(new) - 1
        sizes = np.bincount(group)
        members = docs[order]
        big = sizes[group] > BIG_BUCKET  # checked against the bucket's first member only
        if big.any():
            heads = members[np.flatnonzero(new)][group[big]]
            firsts.append(heads)
            seconds.append(members[big])
            group = np.where(big, -1 - np.arange(len(group)), group)
        for distance in range(1, len(group)):
            same = group[:-distance] == group[distance:]
            if not same.any():
                break
            firsts.append(members[:-distance][same])
            seconds.append(members[distance:][same])
    if not firsts:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    a, b = np.concatenate(firsts).astype(np.int64), np.concatenate(seconds).astype(np.int64)
    low, high = np.minimum(a, b), np.maximum(a, b)
    n = max(len(sigs), 1)
    code = np.unique(low[low != high] * n + high[low != high])
    return code // n, code % n


def _same_text_pairs(hashes, alive: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each live document paired with the first live one of the same text."""
    docs = np.flatnonzero(alive)
    if not len(docs):
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    _, first, inverse = np.unique(np.asarray(hashes)[docs], return_index=True, return_inverse=True)
    heads = docs[first][inverse]
    other = heads != docs
    return heads[other].astype(np.int64), docs[other].astype(np.int64)


def _similar(table: Table, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Which pairs (a[i], b[i]) are copies by the estimated similarities of their sketches."""
    out = np.zeros(len(a), bool)
    step = 65536
    for start in range(0, len(a), step):
        x, y = a[start : start + step], b[start : start + step]
        same = table.sig[x] == table.sig[y]
        text = same[:, :NUM_PERM].mean(axis=1)
        title = same[:, NUM_PERM : NUM_PERM + TITLE_PERM].mean(axis=1)
        numbers = same[:, NUM_PERM + TITLE_PERM :].mean(axis=1)
        sx, sy = table.shingles[x], table.shingles[y]
        short = np.minimum(sx, sy) < SHORT
        long_ok = (text >= MIN_JACCARD) | ((text >= MIN_OVERLAP) & (_containment(text, sx, sy) >= CONTAINED))
        ok = np.where(short, (text >= SHORT_JACCARD) & (title >= SHORT_TITLE), long_ok)
        nx, ny = table.numbers[x], table.numbers[y]
        counted = np.minimum(nx, ny) >= NUMBERS
        out[start : start + step] = ok & (~counted | (_containment(numbers, nx, ny) >= NUMBERS_CONTAINED))
    return out


def _containment(jaccard: np.ndarray, size_a: np.ndarray, size_b: np.ndarray) -> np.ndarray:
    """The share of the smaller set in the other, from the sets' Jaccard similarity and sizes:
    |A ∩ B| = J (|A| + |B|) / (1 + J)."""
    inter = jaccard * (size_a + size_b) / (1 + jaccard)
    return inter / np.maximum(np.minimum(size_a, size_b), 1)


def _near_in_time(table: Table, ts: np.ndarray, dated: np.ndarray, a, b) -> np.ndarray:
    """Pairs published within WINDOW of each other, or either undated, or of one URL."""
    same_url = (table.url[a] == table.url[b]) & (table.url[a] != 0)
    return ~dated[a] | ~dated[b] | (np.abs(ts[a] - ts[b]) <= WINDOW) | same_url


def _components(n: int, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Per node the smallest node of its connected component (label propagation with pointer
    jumping: a few passes over the edges)."""
    labels = np.arange(n, dtype=np.int64)
    if not len(a):
        return labels
    while True:
        low = np.minimum(labels[a], labels[b])
        before = labels.copy()
        np.minimum.at(labels, a, low)
        np.minimum.at(labels, b, low)
        while True:  # jump to the root
            jumped = labels[labels]
            if np.array_equal(jumped, labels):
                break
            labels = jumped
        if np.array_equal(labels, before):
            return labels


def origins(labels: np.ndarray, ts: np.ndarray, dated: np.ndarray) -> np.ndarray:
    """Per document its story's origin: the earliest dated member (ties: the first document),
    else the first document."""
    n = len(labels)
    docs = np.arange(n)
    order = np.lexsort((docs, np.where(dated, ts, 0), ~dated, labels))
    first = np.ones(n, bool)
    first[1:] = labels[order][1:] != labels[order][:-1]
    origin_of_label = np.zeros(n, np.int64)
    origin_of_label[labels[order][first]] = order[first]
    return origin_of_label[labels].astype(np.int32)


# -- a generation's stories ---------------------------------------------------------------------
@dataclass(frozen=True)
class Stories:
    """Per document number: the article id, its text hash and sketch, and its story's origin (a
    document number); with each story's members for lookups."""

    ids: np.ndarray  # bytes: the ids in UTF-8 (1 byte a character, not numpy's 4)
    hashes: np.ndarray  # uint64: a key of each article's content_hash (text_key)
    table: Table  # its ``sig`` saved apart and memory-mapped: only updates read it
    origin: np.ndarray  # int32: the origin's document number (a deleted document: itself)
    live: np.ndarray  # bool

    @classmethod
    def build(cls, ids, hashes, table: Table, live: np.ndarray, ts: np.ndarray,
              dated: np.ndarray) -> Stories:
        hashes = np.asarray(hashes, dtype=np.uint64)
        labels = group(table, hashes, ts, dated, live)
        encoded = np.array([i.encode("utf-8", "surrogatepass") for i in ids], dtype=bytes)
        return cls(encoded, hashes, table, origins(labels, ts, dated), np.asarray(live, bool))

    def id_of(self, doc: int) -> str:
        return bytes(self.ids[doc]).decode("utf-8", "surrogatepass")

    def story_id(self, doc: int) -> str:
        """The id of ``doc``'s story: its origin's article id."""
        return self.id_of(int(self.origin[doc]))

    def _cached(self, name: str, make):
        value = self.__dict__.get(name)
        if value is None:
            value = make()
            object.__setattr__(self, name, value)
        return value

    @property
    def copies(self) -> np.ndarray:
        """Per document the number of live articles in its story."""
        return self._cached("_copies", lambda: np.bincount(
            self.origin[self.live], minlength=len(self.origin))[self.origin])

    def members(self, doc: int) -> np.ndarray:
        """The live document numbers of ``doc``'s story, in document order."""
        order, keys = self._cached("_members", self._member_order)
        origin = self.origin[doc]
        lo, hi = np.searchsorted(keys, origin), np.searchsorted(keys, origin, side="right")
        return np.sort(order[lo:hi])

    def _member_order(self):
        live = np.flatnonzero(self.live)
        order = live[np.argsort(self.origin[live], kind="stable")]
        return order, self.origin[order]

    def counts(self) -> tuple[int, int]:
        """(stories, stories of more than one article) among the live articles."""
        sizes = np.bincount(self.origin[self.live], minlength=len(self.origin))
        return int(np.count_nonzero(sizes)), int(np.count_nonzero(sizes > 1))

    def count_in(self, ids: np.ndarray) -> int:
        """The number of stories among the document numbers ``ids``."""
        return int(np.count_nonzero(mask_of(len(self.origin), self.origin[ids])))

    def best_of_each(self, ids: np.ndarray, key: np.ndarray) -> np.ndarray:
        """Of the live document numbers ``ids`` (ascending), each story's one with the highest
        ``key`` (ties: the first document), story by story. The matches are taken in the
        members' order (grouped by story, made once a generation), so each story's best is one
        ``maximum.reduceat``: no sort of the matches (at ×10 a common word matches 150,000)."""
        order, keys = self._cached("_members", self._member_order)
        size = len(self.origin)
        scattered = np.empty(size)
        scattered[ids] = key
        at = np.flatnonzero(mask_of(size, ids)[order])  # the matches, story by story
        docs, story, value = order[at], keys[at], scattered[order[at]]
        if not len(docs):
            return docs
        starts = np.flatnonzero(np.concatenate([[True], story[1:] != story[:-1]]))
        best = np.maximum.reduceat(value, starts)
        top = np.flatnonzero(value == np.repeat(best, np.diff(np.append(starts, len(docs)))))
        first = np.concatenate([[True], story[top][1:] != story[top][:-1]])  # members: doc order
        return docs[top[first]]

    def values(self, kind: str, keyword) -> StoryValues:
        """A keyword column (``kind``: "person", "topic" …) arranged for counting stories; made
        once a generation."""
        cache = self._cached("_values", dict)
        if kind not in cache:
            cache[kind] = StoryValues.of(self.origin, self.copies, keyword)
        return cache[kind]

    def sketches(self) -> Sketches:
        """The live documents' sketches (for the next generation), by reference to this one's."""
        return Sketches({self.id_of(d): d for d in np.flatnonzero(self.live).tolist()}, self.hashes,
                        self.table)

    # -- saving: the arrays, and the sketches apart (memory-mapped when read) --
    def save(self, path: Path) -> None:
        tmp = path.with_name(f".{path.name}.{os.getpid()}.npz")
        sig, sig_tmp = _sig_path(path), path.with_name(f".{_sig_path(path).name}.{os.getpid()}.npy")
        try:
            np.save(sig_tmp, np.ascontiguousarray(self.table.sig))
            np.savez(tmp, ids=self.ids, hashes=self.hashes, shingles=self.table.shingles,
                     numbers=self.table.numbers, url=self.table.url, origin=self.origin, live=self.live)
            os.replace(sig_tmp, sig)
            os.replace(tmp, path)
        except BaseException:
            tmp.unlink(missing_ok=True)
            sig_tmp.unlink(missing_ok=True)
            raise

    @classmethod
    def read(cls, path: Path) -> Stories | None:
        try:
            sig = np.load(_sig_path(path), mmap_mode="r", allow_pickle=False)
            with np.load(path, allow_pickle=False) as data:
                table = Table(sig, data["shingles"], data["numbers"], data["url"])
                stories = cls(data["ids"], data["hashes"], table, data["origin"], data["live"])
        except (OSError, ValueError, KeyError):
            return None
        return stories if sig.shape == (len(stories.origin), WIDTH) else None


@dataclass(frozen=True)
class StoryValues:
    """A keyword column's entries for counting, per value, the matching stories that have it
    (a story counts when any matching copy has the value, as many as selecting it lists).

    Where every copy of a story has the same values (a wire story sent again; all stories of
    one article), the story's listed copy stands for it: its entries are counted as they are.
    The entries of the other stories (``mixed_*``) are counted once per (story, value) pair
    among all the matching copies."""

    doc: np.ndarray  # entries of the stories whose copies agree: document, value
    value: np.ndarray
    mixed_doc: np.ndarray  # entries of the others: document, its (story, value) pair
    mixed_pair: np.ndarray
    pair_value: np.ndarray  # per pair of those, its value
    size: int  # the column's number of values

    @classmethod
    def of(cls, origin: np.ndarray, copies: np.ndarray, keyword) -> StoryValues:
        size = len(keyword.names)
        width = max(size, 1)  # a pair's key: story * width + value
        keys = origin[keyword.entry_doc].astype(np.int64) * width + keyword.entry_value
        pairs, entry_pair, seen = np.unique(keys, return_inverse=True, return_counts=True)
        story = pairs // width
        apart = mask_of(len(origin), story[seen < copies[story]])  # some copy lacks some value
        mixed = apart[origin[keyword.entry_doc]]
        kept, used = np.unique(entry_pair[mixed], return_inverse=True)
        return cls(keyword.entry_doc[~mixed], keyword.entry_value[~mixed], keyword.entry_doc[mixed],
                   used.astype(np.int32), (pairs[kept] % width).astype(np.int32), size)

    def count(self, matched: np.ndarray, listed: np.ndarray) -> np.ndarray:
        """Per value, the stories with a matching copy that has it: ``matched``, ``listed``:
        masks of the matching documents and of the one listed for each story."""
        counts = np.bincount(self.value[listed[self.doc]], minlength=self.size)
        if len(self.mixed_doc):
            seen = mask_of(len(self.pair_value), self.mixed_pair[matched[self.mixed_doc]])
            counts += np.bincount(self.pair_value[seen], minlength=self.size)
        return counts


def _sig_path(path: Path) -> Path:
    return path.with_name(path.name.replace("stories-", "sketches-").replace(".npz", ".npy"))


def text_key(content_hash: str) -> int:
    """A 64-bit key of an article's text hash (``Article.content_hash``)."""
    return int.from_bytes(hashlib.blake2b(content_hash.encode("utf-8", "surrogatepass"),
                                          digest_size=8).digest(), "big")


def stories_path(generation: Path, toc: int) -> Path:
    return Path(generation) / FILE.format(toc=toc)


def write(generation: Path, recorded: Sketches | None, previous: Stories | None = None) -> Stories:
    """Group the live articles of the index in ``generation`` into stories and save them beside
    it. Sketches come from ``recorded`` (the articles just indexed: text hash and sketch by id),
    else ``previous`` (the generation this one was copied from), else are made from the stored
    article (an index written before stories existed)."""
    from whoosh import index as whoosh_index

    ix = whoosh_index.open_dir(generation)
    try:
        with ix.reader() as reader:
            stories = compute(reader, Columns.load(reader, generation, ix.latest_generation()),
                              recorded, previous)
        toc = ix.latest_generation()
    finally:
        ix.close()
    path = stories_path(generation, toc)
    stories.save(path)
    keep = {path, _sig_path(path)}
    for pattern in (FILE.format(toc="*"), _sig_path(Path(FILE.format(toc="*"))).name):
        for old in Path(generation).glob(pattern):
            if old not in keep:
                old.unlink(missing_ok=True)
    return stories


def compute(reader, columns: Columns, recorded: Sketches | None = None,
            previous: Stories | None = None) -> Stories:
    """The stories of the live documents of ``reader`` (see ``write``)."""
    sources = [found for found in (recorded, previous.sketches() if previous is not None else None)
               if found is not None]
    n = reader.doc_count_all()
    ids = [""] * n
    live = np.zeros(n, bool)
    picked: list[tuple[list[int], list[int]]] = [([], []) for _ in sources]  # (documents, rows)
    missing: list[tuple[int, Article]] = []
    for docnum, stored in reader.iter_docs():
        article_id = stored["id"]
        ids[docnum], live[docnum] = article_id, True
        for (docs, rows), source in zip(picked, sources, strict=True):
            row = source.index.get(article_id)
            if row is not None:
                docs.append(docnum)
                rows.append(row)
                break
        else:
            missing.append((docnum, from_stored(stored)))
    table = Table(np.zeros((n, WIDTH), np.uint32), np.zeros(n, np.int32), np.zeros(n, np.int32),
                  np.zeros(n, np.uint32))  # deleted documents: empty sketches, never grouped
    keys = np.zeros(n, np.uint64)
    if missing:
        made = Sketcher().table([article for _, article in missing])
        sources.append(Sketches({}, np.array([text_key(a.content_hash) for _, a in missing], np.uint64),
                                made))
        picked.append(([docnum for docnum, _ in missing], list(range(len(missing)))))
    for (docs, rows), source in zip(picked, sources, strict=True):
        if docs:
            docs_at, rows_at = np.array(docs), np.array(rows)
            for name in ("sig", "shingles", "numbers", "url"):
                getattr(table, name)[docs_at] = getattr(source.table, name)[rows_at]
            keys[docs_at] = source.keys[rows_at]
    return Stories.build(ids, keys, table, live, columns.ts, columns.dated)


def load(generation: Path, reader, columns: Columns, toc: int) -> Stories:
    """The stories of a generation: from its file, else computed (and saved if possible)."""
    path = stories_path(generation, toc)
    stories = Stories.read(path) if path.exists() else None
    if stories is not None and len(stories.origin) == reader.doc_count_all():
        return stories
    stories = compute(reader, columns)
    try:
        stories.save(path)
    except OSError:
        pass  # a reader that may not write: computed again next time
    return stories


def latest(generation: Path) -> Stories | None:
    """The stories saved in ``generation`` for its current table of contents, if any."""
    from whoosh import index as whoosh_index

    ix = whoosh_index.open_dir(generation)
    try:
        path = stories_path(generation, ix.latest_generation())
    finally:
        ix.close()
    return Stories.read(path) if path.exists() else None
