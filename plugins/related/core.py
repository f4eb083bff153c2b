"""Choosing related articles, as plain Python and numpy over plain records (no Pelican import).

"Tin liên quan" = the editor's explicit ``Related:`` slugs, then (optionally)
the articles that name this one, then computed items up to ``count``.

The computed score blends four signals, each in [0, 1]:

* text: cosine of TF-IDF vectors over Vietnamese *syllables* and syllable
  *bigrams*. Vietnamese writes words as space-separated syllables ("dư luận
  xã hội" is one word of four syllables), so a bigram such as "dư luận"
  carries the word while unigrams keep recall. Title terms count twice.
* tags: cosine of IDF-weighted tag sets (a rare shared tag says more than
  "hội nghị").
* category: 1 when both articles are in the same category.
* recency: ``0.5 ** (|Δdays| / half-life)``.

Scale: no all-pairs comparison. Every article keeps only its
``TERMS_PER_DOC`` strongest terms, and a term or tag kept by more than
``MAX_POSTINGS`` articles nominates nobody (its IDF is low and its posting
list would make the work grow with N²). The pruned vectors are the rows of a
sparse matrix X, so the dot products of every article with each article it
shares an indexed term with are X · Xᵀ: the inverted-index walk, done by
scipy.sparse in compiled code (work bounded by N × (TERMS_PER_DOC + tags) ×
MAX_POSTINGS), ``ROWS_PER_BLOCK`` articles at a time so memory stays
bounded. Category, recency and the final order are array operations on
those candidates only.

Why numpy and scipy.sparse: the previous pure-Python inverted index (dicts
of postings, a Counter per article) took 13.9 s of CPU for 10,000 synthetic
articles (bench/bench_related.py, 2026-11-25), most of it walking postings
and building per-article dicts and Counters; this version takes 2.3 s (1.5 s
building the index, 0.45 s scoring) and returns the very same lists on
that corpus, on bench/gen_corpus.py's and on the labelled one (README, "Tin
liên quan"). scipy's sparse product adds up the products of a row in a dense
accumulator; numpy alone would have to sort every product to add them up.
The price: about 215 MB installed and 0.2 s of import per build.
scikit-learn is not used: its TfidfVectorizer has neither the title boost
nor the per-article pruning, and it is one more large package on top of
scipy. One process: the budget is met without the second core, which the
rest of the build uses.

Tokenising stays in Python and is kept lean (``Vocabulary``): one string
split per text, and NFC, lower case and the regular expression once per
distinct piece of text in the corpus rather than on every character. Terms
are integers: syllables are numbered in string order and a bigram is a pair
of those numbers, so sorting the keys sorts the terms as strings.

Determinism: every sum is taken in an order fixed by the data (storage order
of the matrices), scores are compared after rounding to 1e-9, ties go to the
newer article, then the slug; input order and hash seeds play no part.
"""

from __future__ import annotations

import html
import math
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from itertools import chain, islice
from typing import TypeVar

import numpy as np
from scipy import sparse

from plugins.vi_text.core import nfc, slugify

T = TypeVar("T")

# Function syllables that say nothing about a story's topic. Hand-picked from
# the Vietnamese list of stopwords-iso (github.com/stopwords-iso/stopwords-vi)
# keeping only single syllables that never carry content on their own in news
# text; syllables such as "hội", "công" or "tác" stay because they build the
# multi-syllable words ("hội nghị", "công tác") that the bigrams capture.
# "ngày", "tháng", "năm" are here because every news item carries dates.
STOP_SYLLABLES = frozenset(
    """
    à ạ ai ấy bằng bị bởi cả các cái cần càng chỉ chiếc cho chứ chưa có còn cùng cũng của
    đã đang đây để đến đều do đó được gì hay hoặc hơn khi là lại lên mà mỗi mọi một
    nào này nên nếu ngày nhằm nhiều như những nữa qua rằng rất rồi sau sẽ tại tháng
    theo thì trên trong trước từ và vào vẫn về việc vì với vừa xong năm
    """.split()  # noqa: SIM905 (a word list reads better as text)
)
TITLE_REPEAT = 2  # a title states the story's subject; its terms count twice (3 measured 1 point worse)
# News is written as an inverted pyramid: the summary and first paragraphs name the
# event, the units and the people; the rest is mostly speeches and boilerplate. Reading
# only the first 300 tokens (≈ 250 syllables, the lead and two or three paragraphs) bounds
# the cost of a 1,500-word article.
LEAD_TOKENS = 300
TERMS_PER_DOC = 48  # strongest terms kept per article for the candidate index
MAX_POSTINGS = 200  # a term or tag in the index of more articles is too common to nominate candidates
BIGRAMS = True  # bench/related_eval.py --ablation turns them off to measure what they add
ROWS_PER_BLOCK = 512  # articles scored together: bounds the memory of one block of X · Xᵀ

_PHRASE_BREAK = re.compile(r"[^\w\s]+|[\d_]+")  # punctuation and numbers end a phrase
_BREAK = "|"  # the token standing for a phrase break
_NOT_CONTENT = STOP_SYLLABLES | {_BREAK}
_MARKUP = re.compile(r"<(script|style)\b.*?</\1\s*>|<!--.*?-->|<[^>]*>", re.DOTALL | re.IGNORECASE)
_MICROSECOND = timedelta(microseconds=1)


@dataclass(frozen=True)
class Record:
    """What the scorer needs to know about one published article."""

    slug: str
    title: str
    text: str
    tags: tuple[str, ...]
    category: str
    date: datetime


@dataclass(frozen=True)
class Weights:
    """Share of each signal in the score (see the module docstring)."""

    text: float = 0.8
    tags: float = 0.1
    category: float = 0.03
    recency: float = 0.07


@dataclass(frozen=True)
class Config:
    """How many items, which blend, and whether explicit links go both ways."""

    count: int = 5
    reciprocal: bool = True
    weights: Weights = field(default_factory=Weights)
    half_life_days: float = 365.0
    min_score: float = 0.03


def plain_text(markup: str) -> str:
    """The readable text of rendered article HTML, every tag replaced by a space.

    Not nh3.clean(tags=set()): it joins the text of adjacent blocks
    ("…hội nghị</p><p>Đồng chí…" → "nghịĐồng"), which would invent bigrams
    across paragraphs; a space per tag keeps the boundary and costs less.
    """
    return html.unescape(_MARKUP.sub(" ", markup))


@dataclass(frozen=True)
class Occurrences:
    """Every term occurrence in a set of texts: which article, which term.

    A term is a content syllable (NFC, lower case, not a stop-word) or two
    such syllables next to each other. Syllable ``s`` (its index in the
    sorted ``syllables``) has key ``s × stride`` and the bigram (a, b) has key
    ``a × stride + b + 1``, so keys sort exactly as the terms' strings do
    ("an" < "an b" < "anh"): ties are broken the same way whatever the corpus.
    """

    doc: np.ndarray
    key: np.ndarray
    syllables: list[str]

    @property
    def stride(self) -> int:
        return len(self.syllables) + 1

    def name(self, key: int) -> str:
        """The term a key stands for ("dư luận")."""
        first, second = divmod(int(key), self.stride)
        return self.syllables[first] + (f" {self.syllables[second - 1]}" if second else "")


class Vocabulary(dict[str, tuple[int, ...]]):
    """Text → term numbers, every distinct piece of text normalised once per build.

    Maps a whitespace-separated piece as written ("hội,") to the numbers of
    its tokens (``forms``: "hội", then "|" for the punctuation). Looking up a
    known piece is one C-level dict access (``__missing__`` runs only for a
    new one), so an article of 300 words costs 300 lookups rather than
    normalising and scanning every character: NFC, lower case and the
    regular expression run once per distinct piece of the whole corpus.
    """

    def __init__(self) -> None:
        super().__init__()
        self.forms: dict[str, int] = {}  # token (NFC, lower case) → its number, in order of first sight

    def __missing__(self, piece: str) -> tuple[int, ...]:
        parts = [piece] if piece.isalpha() else _PHRASE_BREAK.sub(f" {_BREAK} ", nfc(piece)).split()
        numbers = self[piece] = tuple(self.forms.setdefault(nfc(p).lower(), len(self.forms)) for p in parts)
        return numbers

    def numbers(self, text: str, limit: int | None = None) -> list[int]:
        """The numbers of the tokens of ``text``; "|" stands for each run of punctuation or digits.

        ``limit`` keeps only the first that many tokens (and reads only the
        first ``limit × 8`` characters, far more than that many Vietnamese
        syllables need).
        """
        pieces = text.split() if limit is None else text[: limit * 8].split(None, limit)[:limit]
        return list(chain.from_iterable(map(self.__getitem__, pieces)))[:limit]

    def occurrences(self, number_lists: Sequence[list[int]], docs: np.ndarray) -> Occurrences:
        """Unigram then bigram occurrences of ``number_lists[n]``, credited to article ``docs[n]``.

        A bigram is two neighbours of one list that are both content
        syllables (no stop-word, no phrase break between them).
        """
        syllables = sorted(set(self.forms) - _NOT_CONTENT)
        rank = {syllable: n for n, syllable in enumerate(syllables)}
        syllable_of = np.array([rank.get(form, -1) for form in self.forms], dtype=np.int32)
        sequence = syllable_of[np.fromiter(chain.from_iterable(number_lists), np.int32)]
        source = np.repeat(np.arange(len(number_lists), dtype=np.int32), [len(n) for n in number_lists])
        content = sequence >= 0
        stride = len(syllables) + 1
        keys, sources = [sequence[content].astype(np.int64) * stride], [source[content]]
        if BIGRAMS:
            pair = content[:-1] & content[1:] & (source[:-1] == source[1:])
            keys.append(sequence[:-1][pair].astype(np.int64) * stride + sequence[1:][pair] + 1)
            sources.append(source[:-1][pair])
        return Occurrences(docs[np.concatenate(sources)], np.concatenate(keys), syllables)


def _run_starts(*sorted_arrays: np.ndarray) -> np.ndarray:
    """True where a run of equal values (equal in every array) begins."""
    starts = np.zeros(len(sorted_arrays[0]), dtype=bool)
    starts[:1] = True
    for values in sorted_arrays:
        starts[1:] |= values[1:] != values[:-1]
    return starts


def _place_in_run(sorted_values: np.ndarray) -> np.ndarray:
    """0, 1, 2… along each run of equal values."""
    position = np.arange(len(sorted_values))
    return position - np.maximum.accumulate(np.where(_run_starts(sorted_values), position, 0))


def _occurrences(records: Sequence[Record]) -> Occurrences:
    """Term occurrences of every article: its lead, then its title ``TITLE_REPEAT`` times."""
    vocabulary = Vocabulary()
    lists = []
    for r in records:
        title = vocabulary.numbers(r.title)
        lists += [vocabulary.numbers(r.text, LEAD_TOKENS), *[title] * TITLE_REPEAT]
    return vocabulary.occurrences(lists, np.repeat(np.arange(len(records), dtype=np.int32), 1 + TITLE_REPEAT))


def _nth_best(values: np.ndarray, sorted_ids: np.ndarray, n: int) -> np.ndarray:
    """For each entry, the n-th largest distinct value of its run of equal ids (the least, when fewer)."""
    if not len(values):
        return values
    starts = _run_starts(sorted_ids)
    run, first = np.cumsum(starts) - 1, np.flatnonzero(starts)
    best = np.maximum.reduceat(values, first)
    for _ in range(n - 1):
        lower = np.maximum.reduceat(np.where(values < best[run], values, -np.inf), first)
        best = np.where(np.isfinite(lower), lower, best)
    return best[run]


def _term_frequencies(records: Sequence[Record]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(article, term column, tf) of every term of every article, by term in string order, then article.

    Each occurrence is packed into one integer, key × N + article, so one
    in-place sort of plain integers (no argsort, no gathering) groups them: a
    run is one term of one article and its length is the tf. Keys too sparse
    to pack (a huge vocabulary) are numbered densely first.
    """
    total = len(records)
    occurrences = _occurrences(records)
    packed = occurrences.key
    if int(packed.max(initial=0)) >= np.iinfo(np.int64).max // total:
        packed = np.unique(packed, return_inverse=True)[1]
    packed *= total
    packed += occurrences.doc
    packed.sort()
    first = np.flatnonzero(_run_starts(packed))
    tf = np.diff(first, append=len(packed))
    key, doc = np.divmod(packed[first], total)
    return doc, np.cumsum(_run_starts(key)) - 1, tf


def _log_table(size: int) -> np.ndarray:
    """``math.log(k)`` for k in 0..size (0 at k = 0): libm's values, the same as a pure-Python computation."""
    return np.array([0.0, *(math.log(k) for k in range(1, size + 1))])


def _text_vectors(records: Sequence[Record]) -> sparse.csr_array:
    """Rows: unit TF-IDF vectors (sublinear tf) pruned to each article's strongest indexed terms.

    The norm is taken over all terms, so pruning drops weight rather than
    inflating what is left. Terms without an IDF weight (on one article only,
    which cannot match anything, or on every article) enter the norm with
    weight log N, which spares computing their tf. Ties at the pruning cut go
    to the term that sorts last as a string.
    """
    total = len(records)
    doc, column, tf = _term_frequencies(records)
    df = np.bincount(column)[column]
    informative = (df > 1) & (df < total)
    logs, log_total = _log_table(total), math.log(total)
    counts = tf[informative]
    sublinear = np.array([0.0, *(1 + math.log(n) for n in range(1, int(counts.max(initial=0)) + 1))])
    weight = sublinear[counts] * (log_total - logs[df[informative]])
    others = np.bincount(doc[~informative], minlength=total)
    norm = np.sqrt(
        np.bincount(doc[informative], weights=weight * weight, minlength=total) + others * log_total * log_total
    )
    # Strongest first within each article, ties to the later term: a stable sort of the reversed entries.
    doc, column, weight = doc[informative][::-1], column[informative][::-1], weight[::-1]
    order = np.lexsort((-weight, doc))
    doc, column, weight = doc[order], column[order], weight[order]
    strongest = _place_in_run(doc) < TERMS_PER_DOC
    doc, column, weight = doc[strongest], column[strongest], weight[strongest]
    return _indexed(doc, column, weight / norm[doc], (total, int(column.max(initial=-1)) + 1))


def _indexed(row: np.ndarray, column: np.ndarray, value: np.ndarray, shape: tuple[int, int]) -> sparse.csr_array:
    """The matrix of the entries whose column (term or tag) is held by 2..MAX_POSTINGS articles."""
    held = np.bincount(column, minlength=shape[1])
    keep = ((held > 1) & (held <= MAX_POSTINGS))[column]
    matrix = sparse.coo_array((value[keep], (row[keep], column[keep])), shape=shape).tocsr()
    matrix.sum_duplicates()
    return matrix


def _tag_vectors(records: Sequence[Record]) -> sparse.csr_array:
    """Rows: unit IDF-weighted tag vectors (a tag on every article weighs nothing).

    A tag's identity is its slug, as on the tag pages ("Ủy ban" = "Uỷ ban").
    """
    slugs = {name: slugify(name) for name in {t for r in records for t in r.tags}}
    tag_sets = [sorted({slugs[t] for t in r.tags} - {""}) for r in records]
    names = sorted({t for tags in tag_sets for t in tags})
    number = {name: n for n, name in enumerate(names)}
    row = np.repeat(np.arange(len(records)), [len(tags) for tags in tag_sets])
    column = np.array([number[t] for tags in tag_sets for t in tags], dtype=np.int64)
    df = np.bincount(column, minlength=len(names))
    idf = math.log(len(records)) - _log_table(len(records))[df[column]]
    norm = np.sqrt(np.bincount(row, weights=idf * idf, minlength=len(records)))
    weighted = idf > 0
    row, column = row[weighted], column[weighted]
    return _indexed(row, column, idf[weighted] / norm[row], (len(records), len(names)))


def recency(days_apart: np.ndarray | float, half_life_days: float) -> np.ndarray | float:
    """1 for the same moment, halving every ``half_life_days`` apart."""
    return 0.5 ** (days_apart / half_life_days)


class RelatedIndex:
    """Sparse text and tag vectors of a set of records, and what the final order needs.

    Built once per build; ``best_matches`` scores each article against the
    articles that share an indexed term or tag with it, and no others.
    Articles are numbered in slug order (``records``), whatever order they
    came in, so nothing depends on input order.
    """

    def __init__(self, records: Iterable[Record]) -> None:
        self.records = sorted(records, key=lambda r: r.slug)
        self.text = _text_vectors(self.records)
        self.tags = _tag_vectors(self.records)
        self._text_t, self._tags_t = self.text.T.tocsr(), self.tags.T.tocsr()
        start = min((r.date for r in self.records), default=None)
        # Microseconds since the oldest article: exact integers, whatever the dates' time zones.
        self._moment = np.array([(r.date - start) // _MICROSECOND for r in self.records], dtype=np.int64)
        # Position in "newest first, then slug" order: the tie-break of equal scores.
        self._tie_rank = np.empty(len(self.records), dtype=np.int64)
        self._tie_rank[np.lexsort((np.arange(len(self.records)), -self._moment))] = np.arange(len(self.records))
        categories = {name: n for n, name in enumerate(sorted({r.category for r in self.records}))}
        self._category = np.array([categories[r.category] for r in self.records], dtype=np.int64)

    def best_matches(
        self, wanted: Sequence[int], excluded: Iterable[tuple[int, int]], config: Config
    ) -> list[list[int]]:
        """For each article ``i``, its ``wanted[i]`` best-scoring candidates, none of them itself or excluded.

        Candidates need text + tag evidence of at least ``config.min_score``;
        ``excluded`` holds (article, candidate) pairs already shown (explicit
        and reciprocal links). Ties go to the newer article, then the slug.
        """
        total = len(self.records)
        wanted_array = np.asarray(wanted, dtype=np.int64)
        banned = np.unique(np.array([i * total + j for i, j in excluded], dtype=np.int64))
        chosen: list[list[int]] = [[] for _ in range(total)]
        for start in range(0, total, ROWS_PER_BLOCK):
            block = slice(start, min(start + ROWS_PER_BLOCK, total))
            rows, columns = self._block_choice(block, wanted_array, banned, config)
            for i, j in zip(rows.tolist(), columns.tolist(), strict=True):
                chosen[i].append(j)
        return chosen

    def _block_choice(
        self, block: slice, wanted: np.ndarray, banned: np.ndarray, config: Config
    ) -> tuple[np.ndarray, np.ndarray]:
        """(article, candidate) pairs chosen for the articles of ``block``, best first within each article."""
        w, total = config.weights, len(self.records)
        text, tags = self.text[block] @ self._text_t, self.tags[block] @ self._tags_t
        text.data *= w.text
        tags.data *= w.tags
        evidence = text + tags
        i = np.repeat(np.arange(block.start, block.stop), np.diff(evidence.indptr))
        j, value = evidence.indices, evidence.data
        keep = (value > 0) & (value >= config.min_score) & (i != j) & (wanted[i] > 0)
        i, j, value = i[keep], j[keep], value[keep]
        if banned.size:  # sorted: a binary search per candidate, not a sort of all candidates (np.isin)
            pair = i * total + j
            keep = banned[np.minimum(np.searchsorted(banned, pair), banned.size - 1)] != pair
            i, j, value = i[keep], j[keep], value[keep]
        # Category and recency add at most their weights, so a candidate whose evidence is further
        # than that below the n-th best of its article cannot make the list (1e-9: the rounding).
        floor = _nth_best(value, i, int(wanted[block].max(initial=0))) - w.category - w.recency - 1e-9
        keep = value >= floor
        i, j, value = i[keep], j[keep], value[keep]
        score = value + w.category * (self._category[i] == self._category[j])
        days_apart = np.abs(self._moment[i] - self._moment[j]) / 1e6 / 86400
        score = score + w.recency * recency(days_apart, config.half_life_days)
        order = np.lexsort((self._tie_rank[j], -np.rint(score * 1e9), i))
        i, j = i[order], j[order]
        first = _place_in_run(i) < wanted[i]
        return i[first], j[first]


def choose_related(
    records: Sequence[Record], explicit: Mapping[str, Sequence[str]], config: Config
) -> dict[str, list[str]]:
    """Final "Tin liên quan" slugs for every record.

    ``explicit`` maps a slug to the editor's resolved ``Related:`` slugs (all
    published). Those come first, all of them; then, if reciprocal, the
    articles that name this one (newest first); then computed items, up to
    ``config.count`` in total.
    """
    if not records:  # a site of pages only: nothing to relate (and no corpus statistics to take)
        return {}
    index = RelatedIndex(records)
    ordered = index.records
    position = {r.slug: i for i, r in enumerate(ordered)}
    naming_me = _reciprocal(explicit, ordered, position) if config.reciprocal else {}
    picked: list[list[str]] = []
    for record in ordered:
        own = list(dict.fromkeys(s for s in explicit.get(record.slug, ()) if s != record.slug))
        picked.append(
            own + [s for s in naming_me.get(record.slug, ()) if s not in own][: max(0, config.count - len(own))]
        )
    excluded = [(i, position[s]) for i, slugs in enumerate(picked) for s in slugs]
    fills = index.best_matches([config.count - len(p) for p in picked], excluded, config)
    return {r.slug: own + [ordered[j].slug for j in fill] for r, own, fill in zip(ordered, picked, fills, strict=True)}


def _reciprocal(
    explicit: Mapping[str, Sequence[str]], ordered: Sequence[Record], position: Mapping[str, int]
) -> dict[str, list[str]]:
    """For each slug, the articles whose ``Related:`` names it, newest first."""
    naming: dict[str, list[Record]] = defaultdict(list)
    for slug, targets in explicit.items():
        for target in dict.fromkeys(targets):
            if target != slug and slug in position:
                naming[target].append(ordered[position[slug]])
    return {target: [r.slug for r in sorted(rs, key=_newest_first)] for target, rs in naming.items()}


def _newest_first(record: Record) -> tuple[float, str]:
    return (-record.date.timestamp(), record.slug)


def same_category(records: Iterable[Record], count: int, skip: Mapping[str, Sequence[str]]) -> dict[str, list[str]]:
    """For each record, the ``count`` newest other records of its category not listed in ``skip[slug]``."""
    result: dict[str, list[str]] = {}
    for group in _by_category(records).values():
        for record in group:
            hidden = {record.slug, *skip.get(record.slug, ())}
            result[record.slug] = list(islice((r.slug for r in group if r.slug not in hidden), count))
    return result


def category_neighbours(records: Iterable[Record]) -> dict[str, tuple[str | None, str | None]]:
    """For each record, the (older, newer) record next to it in its category."""
    result: dict[str, tuple[str | None, str | None]] = {}
    for group in _by_category(records).values():
        for k, record in enumerate(group):
            newer = group[k - 1].slug if k > 0 else None
            older = group[k + 1].slug if k + 1 < len(group) else None
            result[record.slug] = (older, newer)
    return result


def _by_category(records: Iterable[Record]) -> dict[str, list[Record]]:
    """Records grouped by category, each group newest first (slug breaks ties)."""
    groups: dict[str, list[Record]] = defaultdict(list)
    for record in records:
        groups[record.category].append(record)
    return {name: sorted(group, key=_newest_first) for name, group in groups.items()}


def resolve_explicit(slugs: Sequence[str], by_slug: Mapping[str, T], excluded: set[str]) -> tuple[list[T], list[str]]:
    """The articles named by ``slugs`` in order, and the slugs that name nothing.

    Slugs in ``excluded`` (articles that exist but are not published in this
    build, such as samples when samples are off) are dropped without error.
    Duplicates are kept once.
    """
    found: list[T] = []
    unknown: list[str] = []
    seen: set[str] = set()
    for slug in slugs:
        if slug in seen or slug in excluded:
            continue
        seen.add(slug)
        if slug in by_slug:
            found.append(by_slug[slug])
        else:
            unknown.append(slug)
    return found, unknown
