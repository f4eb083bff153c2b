"""Choosing related articles, as plain Python over plain records (no Pelican import).

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

Scale: no all-pairs loop. Every article keeps only its ``TERMS_PER_DOC``
strongest terms; an inverted index over those yields the candidates and
accumulates their dot products, then only candidates are scored. A term or
tag indexed for more than ``MAX_POSTINGS`` articles nominates nobody (its IDF
is low and its list would make the work grow with N²), which bounds the work
by N × (TERMS_PER_DOC + tags) × MAX_POSTINGS. Written in
plain Python rather than scikit-learn/scipy because bench/bench_related.py
measures 10,000 articles well inside the budget, and scikit-learn would add
~40 MB of compiled dependencies to a static-site build.
"""

from __future__ import annotations

import heapq
import html
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from itertools import pairwise
from typing import TypeVar

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
# the cost of a 1,500-word article; bench/bench_related.py measures what it saves at N = 10,000.
LEAD_TOKENS = 300
TERMS_PER_DOC = 48  # strongest terms kept per article for the candidate index
MAX_POSTINGS = 200  # a term or tag in the index of more articles is too common to nominate candidates

_PHRASE_BREAK = re.compile(r"[^\w\s]+|[\d_]+")  # punctuation and numbers end a phrase
_NOT_CONTENT = STOP_SYLLABLES | {"|"}  # "|" marks a phrase break in the token stream
_MARKUP = re.compile(r"<(script|style)\b.*?</\1\s*>|<!--.*?-->|<[^>]*>", re.DOTALL | re.IGNORECASE)


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


def terms(text: str, limit: int | None = None) -> list[str]:
    """Syllable unigrams and adjacent-syllable bigrams of ``text`` (NFC, lower case), stop-words dropped.

    A bigram is kept only when neither syllable is a stop-word and no
    punctuation or number stands between them, so "xã hội" counts but
    "hội, các" does not. Punctuation and numbers become a "|" token first, so
    one pass of list comprehensions does the work (this runs on every article).
    ``limit`` keeps only the first that many tokens (and reads only the first
    ``limit × 8`` characters, far more than that many Vietnamese syllables need).
    """
    if limit is not None:
        text = text[: limit * 8]
    tokens = _PHRASE_BREAK.sub(" | ", nfc(text).lower()).split()[:limit]
    unigrams = [t for t in tokens if t not in _NOT_CONTENT]
    bigrams = [f"{a} {b}" for a, b in pairwise(tokens) if a not in _NOT_CONTENT and b not in _NOT_CONTENT]
    return unigrams + bigrams


def term_counts(record: Record) -> Counter[str]:
    """Term frequencies of one article: the lead of its text plus its title, boosted."""
    counts = Counter(terms(record.text, LEAD_TOKENS))
    for term in terms(record.title):
        counts[term] += TITLE_REPEAT
    return counts


def _idf(document_frequency: Mapping[str, int], total: int) -> dict[str, float]:
    log_total = math.log(total)
    return {key: log_total - math.log(df) for key, df in document_frequency.items()}


class RelatedIndex:
    """Sparse TF-IDF text vectors and tag vectors of a set of records, with inverted indexes.

    Built once per build; ``text_similarities(i)`` and ``tag_similarities(i)``
    touch only the articles that share an indexed term or tag with article ``i``.
    Keys on more than ``MAX_POSTINGS`` articles are not indexed, so they count
    for nothing on either side.
    """

    def __init__(self, records: Sequence[Record]) -> None:
        self.records = list(records)
        self.text_vectors = self._text_vectors([term_counts(r) for r in self.records])
        # A tag's identity is its slug, as on the tag pages ("Ủy ban" = "Uỷ ban"); slugify each name once.
        slugs = {name: slugify(name) for name in {t for r in self.records for t in r.tags}}
        self.tag_vectors = self._tag_vectors([{slugs[t] for t in r.tags} - {""} for r in self.records])
        self.text_postings = self._postings(self.text_vectors)
        self.tag_postings = self._postings(self.tag_vectors)

    @staticmethod
    def _text_vectors(counts: list[Counter[str]]) -> list[dict[str, float]]:
        """Unit TF-IDF vectors (sublinear tf) pruned to each article's strongest shared terms.

        The norm is taken over all terms, so pruning drops weight rather than
        inflating what is left. Terms of one article only (df = 1) cannot
        match anything: they are never kept and enter the norm with tf = 1,
        which spares a second pass over every article's terms.
        """
        df: Counter[str] = Counter()
        for c in counts:
            df.update(c.keys())
        log_total = math.log(len(counts))
        idf = {t: log_total - math.log(n) for t, n in df.items() if 1 < n < len(counts)}
        highest_tf = max((max(c.values()) for c in counts if c), default=1)
        tf_weight = [0.0, *(1 + math.log(n) for n in range(1, highest_tf + 1))]
        vectors = []
        for c in counts:
            weights = [(tf_weight[n] * x, t) for t, n in c.items() if (x := idf.get(t))]
            norm = math.sqrt(sum(w * w for w, _ in weights) + (len(c) - len(weights)) * log_total * log_total)
            strongest = heapq.nlargest(TERMS_PER_DOC, weights)  # (weight, term): ties go to the term, deterministically
            vectors.append({t: w / norm for w, t in strongest})
        return vectors

    @staticmethod
    def _tag_vectors(tag_sets: list[set[str]]) -> list[dict[str, float]]:
        """Unit IDF-weighted tag vectors (a tag on every article weighs nothing)."""
        idf = _idf(Counter(tag for tags in tag_sets for tag in tags), len(tag_sets))
        vectors = []
        for tags in tag_sets:
            norm = math.sqrt(sum(idf[t] ** 2 for t in tags))
            vectors.append({t: idf[t] / norm for t in sorted(tags) if idf[t] > 0} if norm else {})
        return vectors

    @staticmethod
    def _postings(vectors: list[dict[str, float]]) -> dict[str, list[tuple[int, float]]]:
        """Inverted index ``key → [(article, weight)]``, without keys too common (or too rare) to nominate."""
        postings: dict[str, list[tuple[int, float]]] = defaultdict(list)
        for i, vector in enumerate(vectors):
            for key, weight in vector.items():
                postings[key].append((i, weight))
        return {key: docs for key, docs in postings.items() if 1 < len(docs) <= MAX_POSTINGS}

    def text_similarities(self, i: int) -> dict[int, float]:
        """Text cosine of article ``i`` with every article sharing an indexed term (pruned vectors)."""
        return _accumulate(self.text_vectors[i], self.text_postings, i)

    def tag_similarities(self, i: int) -> dict[int, float]:
        """Tag cosine of article ``i`` with every article sharing an indexed tag."""
        return _accumulate(self.tag_vectors[i], self.tag_postings, i)


def _accumulate(
    vector: Mapping[str, float], postings: Mapping[str, list[tuple[int, float]]], me: int
) -> dict[int, float]:
    """Dot products of ``vector`` with every indexed vector it shares a key with, itself excluded."""
    sums: defaultdict[int, float] = defaultdict(float)
    for key, weight in vector.items():
        for other, other_weight in postings.get(key, ()):
            sums[other] += weight * other_weight
    sums.pop(me, None)
    return sums


def recency(a: datetime, b: datetime, half_life_days: float) -> float:
    """1 for the same moment, halving every ``half_life_days`` apart (either direction)."""
    days = abs((a - b).total_seconds()) / 86400
    return 0.5 ** (days / half_life_days)


def computed_related(index: RelatedIndex, i: int, count: int, config: Config, exclude: set[int]) -> list[int]:
    """The ``count`` best-scoring candidates for article ``i``, none of them in ``exclude``.

    Candidates need text + tag evidence of at least ``config.min_score``. Ties
    are broken by newer date, then slug, so the result never depends on input
    order or hash seeds.
    """
    records, w = index.records, config.weights
    evidence = {j: w.text * value for j, value in index.text_similarities(i).items()}
    for j, value in index.tag_similarities(i).items():
        evidence[j] = evidence.get(j, 0.0) + w.tags * value
    evidence = {j: value for j, value in evidence.items() if value >= config.min_score and j not in exclude}
    if len(evidence) > count:  # category and recency add at most their weights: skip hopeless candidates
        floor = heapq.nlargest(count, evidence.values())[-1] - w.category - w.recency
        evidence = {j: value for j, value in evidence.items() if value >= floor}
    me = records[i]
    scored = []
    for j, value in evidence.items():
        other = records[j]
        score = value + w.category * (other.category == me.category)
        score += w.recency * recency(me.date, other.date, config.half_life_days)
        scored.append((-round(score, 9), -other.date.timestamp(), other.slug, j))
    return [j for *_, j in heapq.nsmallest(count, scored)]


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
    ordered = sorted(records, key=lambda r: r.slug)
    position = {r.slug: i for i, r in enumerate(ordered)}
    index = RelatedIndex(ordered)
    naming_me = _reciprocal(explicit, ordered, position) if config.reciprocal else {}
    chosen: dict[str, list[str]] = {}
    for i, record in enumerate(ordered):
        own = list(dict.fromkeys(s for s in explicit.get(record.slug, ()) if s != record.slug))
        picked = own + [s for s in naming_me.get(record.slug, ()) if s not in own][: max(0, config.count - len(own))]
        missing = config.count - len(picked)
        if missing > 0:
            exclude = {i, *(position[s] for s in picked)}
            fill = computed_related(index, i, missing, config, exclude)
            picked += [ordered[j].slug for j in fill]
        chosen[record.slug] = picked
    return chosen


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
            result[record.slug] = [r.slug for r in group if r.slug not in hidden][:count]
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
