"""Defaults of the related plugin (override any ``RELATED_*`` in pelicanconf.py).

The weights were chosen on the labelled corpus in bench/related_corpus.toml
(``python bench/related_eval.py`` prints precision@5 and nDCG@5 for them);
change them only together with that evaluation.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar

from plugins.common.settings import PluginSettings


@dataclass(frozen=True)
class Settings(PluginSettings):
    """Every RELATED_* setting, with its type and default (see plugins/common/settings.py)."""

    PREFIX: ClassVar[str] = "RELATED_"

    # How many items "Tin liên quan" shows: explicit ``Related:`` slugs first
    # (all of them, even beyond this number), then computed ones up to it.
    RELATED_COUNT: int = 5
    # When A names B in ``Related:``, B lists A too (after B's own choices).
    RELATED_RECIPROCAL: bool = True
    # Blend of the computed score, each part in [0, 1]: TF-IDF cosine over
    # Vietnamese syllable unigrams and bigrams, IDF-weighted tag overlap,
    # same category, closeness in time. Text carries the score: on the
    # labelled corpus tags and category, which editors apply loosely, lower
    # precision when weighted more (see `bench/related_eval.py --ablation`);
    # they and recency order stories whose text is equally close.
    RELATED_WEIGHTS: dict[str, float] = field(
        default_factory=lambda: {"text": 0.8, "tags": 0.1, "category": 0.03, "recency": 0.07}
    )
    # Closeness in time halves every this many days (0.5 ** (|Δdays| / half-life)).
    RELATED_HALF_LIFE_DAYS: float = 365
    # A computed item needs at least this much text + tag evidence; category
    # and recency alone never make a story "related".
    RELATED_MIN_SCORE: float = 0.03
    # "Tin cùng chuyên mục": newest other articles of the category that are
    # not already listed under "Tin liên quan" nor as the previous/next story.
    RELATED_SAME_CATEGORY_COUNT: int = 5
