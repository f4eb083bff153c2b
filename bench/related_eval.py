"""How good is "Tin liên quan"? Precision@5 and nDCG@5 on a labelled Vietnamese corpus.

The corpus (bench/related_corpus.toml) holds 8 topics of 6 stories each and 12
distractors that share only the generic vocabulary of the portal. Every topic
story is a query; its relevant set is the other 5 stories of its topic.

Three rankers are compared, each returning at most 5 slugs per story:

* ``ours``: plugins/related/core.py with the site's default settings and no
  explicit ``Related:`` (what the computed part alone achieves);
* ``tags``: what pelican-related-posts does: count shared tags, keep the 5
  most common (``Counter.most_common``; ties in first-seen order, walking the
  article's tags in order and each tag's articles newest first, as Pelican
  lists them);
* ``hugo``: Hugo's default related configuration, reproduced from
  gohugoio/hugo related/inverted_index.go and config: indices ``keywords``
  (weight 100), ``date`` (weight 10, pattern "2006": same year matches) and
  ``tags`` (weight 80, added because the site has a tags taxonomy);
  threshold 80, ``includeNewer = false``, ``toLower = false``. A candidate's
  rank is the sum of the weights of its matching keywords; it is kept when
  ``norm(sum // matches) >= 80 // matches`` with norm scaling 0..100 by the
  highest index weight; ordered by rank, then newer date, then name; a page
  never lists newer pages. Our stories have no ``keywords`` front matter (the
  portal's schema has none), so that index matches nothing, as in Hugo.

    .venv/bin/python bench/related_eval.py            # the table for README.md
    .venv/bin/python bench/related_eval.py --ablation # also the contribution of each signal
"""

from __future__ import annotations

import argparse
import math
import sys
import tomllib
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from unittest import mock

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from plugins.related import core  # noqa: E402
from plugins.related.hooks import scoring_config  # noqa: E402
from plugins.related.settings import Settings  # noqa: E402
from plugins.vi_text.core import slugify  # noqa: E402

CORPUS = ROOT / "bench" / "related_corpus.toml"
K = 5

Ranker = Callable[[Sequence[core.Record]], dict[str, list[str]]]


@dataclass(frozen=True)
class Corpus:
    """Records to rank and the truth: each query slug's relevant slugs."""

    records: list[core.Record]
    relevant: dict[str, set[str]]


def load_corpus(path: Path = CORPUS) -> Corpus:
    """Read the TOML corpus into core records and relevance sets."""
    stories = tomllib.loads(path.read_text(encoding="utf-8"))["story"]
    records = [
        core.Record(
            slug=s["slug"],
            title=s["title"],
            text=s["body"],
            tags=tuple(s["tags"]),
            category=s["category"],
            date=datetime.strptime(s["date"], "%Y-%m-%d %H:%M"),
        )
        for s in stories
    ]
    by_topic: dict[str, set[str]] = defaultdict(set)
    for s in stories:
        if s["topic"]:
            by_topic[s["topic"]].add(s["slug"])
    relevant = {slug: members - {slug} for members in by_topic.values() for slug in members}
    return Corpus(records, relevant)


def ours(records: Sequence[core.Record], config: core.Config | None = None) -> dict[str, list[str]]:
    """The plugin's computed list with the site's default settings (no explicit links)."""
    return core.choose_related(records, {}, config or scoring_config(Settings()))


def tags_overlap(records: Sequence[core.Record]) -> dict[str, list[str]]:
    """pelican-related-posts: most shared tags first, ``Counter.most_common`` tie order."""
    newest_first = sorted(records, key=lambda r: r.date, reverse=True)
    by_tag: dict[str, list[core.Record]] = defaultdict(list)
    for record in newest_first:
        for tag in record.tags:
            by_tag[slugify(tag)].append(record)
    result = {}
    for record in records:
        scores = Counter(other.slug for tag in record.tags for other in by_tag[slugify(tag)])
        scores.pop(record.slug, None)
        result[record.slug] = [slug for slug, _ in scores.most_common(K)]
    return result


HUGO_WEIGHTS = {"keywords": 100, "date": 10, "tags": 80}
HUGO_THRESHOLD = 80


def hugo_default(records: Sequence[core.Record]) -> dict[str, list[str]]:
    """Hugo's default ``.Related`` (see the module docstring), first 5."""
    low, high = min(0, *HUGO_WEIGHTS.values()), max(HUGO_WEIGHTS.values())
    index: dict[tuple[str, str], list[core.Record]] = defaultdict(list)
    for record in records:
        for key in _hugo_keywords(record):
            index[key].append(record)
    result = {}
    for record in records:
        weight: Counter[str] = Counter()
        matches: Counter[str] = Counter()
        by_slug = {}
        for key in _hugo_keywords(record):
            for other in index[key]:
                if other.slug == record.slug or other.date > record.date:
                    continue
                weight[other.slug] += HUGO_WEIGHTS[key[0]]
                matches[other.slug] += 1
                by_slug[other.slug] = other
        kept = [
            slug
            for slug in weight
            if _hugo_norm(weight[slug] // matches[slug], low, high) >= HUGO_THRESHOLD // matches[slug]
        ]
        kept.sort(key=lambda s: (-weight[s], -by_slug[s].date.timestamp(), s))
        result[record.slug] = kept[:K]
    return result


def _hugo_keywords(record: core.Record) -> list[tuple[str, str]]:
    """(index, keyword) pairs as Hugo indexes a page: tags as written, the year of the date."""
    return [("tags", tag) for tag in dict.fromkeys(record.tags)] + [("date", record.date.strftime("%Y"))]


def _hugo_norm(value: int, low: int, high: int) -> int:
    return math.floor((value - low) / (high - low) * 100 + 0.5)


def precision_at_k(ranked: Sequence[str], relevant: set[str], k: int = K) -> float:
    """Share of the first ``k`` slots holding a relevant story (an empty slot counts as a miss)."""
    return sum(slug in relevant for slug in ranked[:k]) / k


def ndcg_at_k(ranked: Sequence[str], relevant: set[str], k: int = K) -> float:
    """Binary-gain nDCG: rewards putting the relevant stories first."""
    dcg = sum(1 / math.log2(i + 2) for i, slug in enumerate(ranked[:k]) if slug in relevant)
    ideal = sum(1 / math.log2(i + 2) for i in range(min(k, len(relevant))))
    return dcg / ideal if ideal else 0.0


def evaluate(ranker: Ranker, corpus: Corpus) -> tuple[float, float]:
    """Mean precision@5 and nDCG@5 of ``ranker`` over every query of the corpus."""
    lists = ranker(corpus.records)
    queries = sorted(corpus.relevant)
    p = sum(precision_at_k(lists[q], corpus.relevant[q]) for q in queries) / len(queries)
    n = sum(ndcg_at_k(lists[q], corpus.relevant[q]) for q in queries) / len(queries)
    return p, n


def ablations(corpus: Corpus) -> list[tuple[str, tuple[float, float]]]:
    """What each signal adds: text alone (with and without bigrams), tags alone, full blend."""
    base = scoring_config(Settings())

    def with_weights(**weights: float) -> Ranker:
        config = core.Config(base.count, base.reciprocal, core.Weights(**weights), base.half_life_days, 0.0)
        return lambda records: ours(records, config)

    def no_bigrams(records: Sequence[core.Record]) -> dict[str, list[str]]:
        with mock.patch.object(core, "BIGRAMS", False):
            return ours(records)

    rows = [
        ("text only, unigrams", lambda r: _call_patched(with_weights(text=1, tags=0, category=0, recency=0), r)),
        ("text only, unigrams + bigrams", with_weights(text=1, tags=0, category=0, recency=0)),
        ("tags only (IDF-weighted)", with_weights(text=0, tags=1, category=0, recency=0)),
        ("full blend, unigrams only", no_bigrams),
        ("full blend (shipped)", ours),
    ]
    return [(name, evaluate(ranker, corpus)) for name, ranker in rows]


def _call_patched(ranker: Ranker, records: Sequence[core.Record]) -> dict[str, list[str]]:
    with mock.patch.object(core, "BIGRAMS", False):
        return ranker(records)


def table(rows: list[tuple[str, tuple[float, float]]]) -> str:
    lines = ["| ranker | precision@5 | nDCG@5 |", "|---|---:|---:|"]
    lines += [f"| {name} | {p:.3f} | {n:.3f} |" for name, (p, n) in rows]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--ablation", action="store_true", help="also print each signal's contribution")
    args = parser.parse_args(argv)
    corpus = load_corpus()
    print(f"{len(corpus.records)} stories, {len(corpus.relevant)} queries, k = {K}\n")
    rows = [
        ("ours (plugins/related, defaults)", evaluate(ours, corpus)),
        ("tags overlap only (pelican-related-posts)", evaluate(tags_overlap, corpus)),
        ("Hugo default related config", evaluate(hugo_default, corpus)),
    ]
    print(table(rows))
    if args.ablation:
        print("\nAblation (min score 0 for the single-signal rows):\n")
        print(table(ablations(corpus)))


if __name__ == "__main__":
    main()
