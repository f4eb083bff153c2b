"""Choosing and grouping articles for the home page and the archives, as plain Python.

Nothing here imports Pelican: items are any objects with a ``date`` attribute,
and the caller says how to read a category or a featured flag, so the unit
tests use small dataclasses.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Generic, Protocol, TypeVar


class Dated(Protocol):
    date: datetime


T = TypeVar("T", bound=Dated)
C = TypeVar("C")


@dataclass(frozen=True)
class Section(Generic[C, T]):
    """One home-page block: a category and its newest articles."""

    category: C
    articles: list[T]


@dataclass(frozen=True)
class HomePage(Generic[C, T]):
    """What the home page shows, top to bottom."""

    featured: T | None
    latest: list[T]
    sections: list[Section[C, T]]


def newest_first(items: Iterable[T]) -> list[T]:
    """``items`` sorted by date, newest first (stable for equal dates)."""
    return sorted(items, key=lambda item: item.date, reverse=True)


def pick_featured(articles: Iterable[T], is_featured: Callable[[T], bool]) -> T | None:
    """The newest article marked ``Featured: yes``, else the newest article, else None.

    Editors mark a story to keep it on top while newer routine notices arrive;
    without a mark the portal simply leads with the latest story.
    """
    ordered = newest_first(articles)
    return next((a for a in ordered if is_featured(a)), ordered[0] if ordered else None)


def build_home(
    articles: Iterable[T],
    categories: Sequence[C],
    *,
    category_of: Callable[[T], C],
    is_featured: Callable[[T], bool],
    latest_count: int,
    section_count: int,
) -> HomePage[C, T]:
    """The home page: featured story, the latest others, then one block per non-empty category.

    Blocks follow ``categories`` (the site data's order, which editors choose),
    not alphabetical order; the featured story is not repeated in the latest list.
    """
    ordered = newest_first(articles)
    featured = pick_featured(ordered, is_featured)
    latest = [a for a in ordered if a is not featured][:latest_count]
    by_category: dict[C, list[T]] = {}
    for article in ordered:
        by_category.setdefault(category_of(article), []).append(article)
    sections = [Section(c, by_category[c][:section_count]) for c in categories if by_category.get(c)]
    return HomePage(featured, latest, sections)


def archive_tree(
    years: Sequence[Mapping[str, Any]], months: Sequence[Mapping[str, Any]]
) -> list[tuple[Mapping[str, Any], list[Mapping[str, Any]]]]:
    """Pair each year archive with its month archives, in the order given.

    Pelican builds both lists (``period_archives``) but not the nesting an
    archive index needs; each entry's ``period_num`` starts with the year.
    """
    return [(year, [m for m in months if m["period_num"][0] == year["period_num"][0]]) for year in years]
