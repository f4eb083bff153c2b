"""IndexedList answers ``in`` as the plain list does, by identity, without scanning."""

from __future__ import annotations

from plugins.linear_lists.core import SHORT_LIST, IndexedList, indexed


class Article:
    """Like Pelican's Content: no ``__eq__``, so equality is identity."""


def test_membership_is_the_plain_lists_by_identity() -> None:
    a, b, c = Article(), Article(), Article()
    indexed = IndexedList([a, b])
    assert (a in indexed, b in indexed, c in indexed) == (True, True, False)
    assert list(indexed) == [a, b]
    assert indexed == [a, b]


def test_the_filter_pelican_runs_keeps_the_dates_order() -> None:
    dates = [Article() for _ in range(50)]
    tagged = [dates[i] for i in (40, 3, 17, 3)]  # any order, an article listed twice
    assert [x for x in dates if x in IndexedList(tagged)] == [x for x in dates if x in tagged]


def test_only_long_lists_are_indexed_short_ones_are_faster_as_they_are() -> None:
    short, long = [Article() for _ in range(SHORT_LIST)], [Article() for _ in range(SHORT_LIST + 1)]
    assert indexed(short) is short
    assert isinstance(indexed(long), IndexedList)
    assert indexed(long) == long
