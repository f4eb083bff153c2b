"""The home page and archive choices of plugins/portal_pages, on plain records."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from plugins.portal_pages import core

START = datetime(2024, 1, 1, 8, 0)


@dataclass(eq=False)
class Story:
    title: str
    category: str
    date: datetime
    featured: bool = False


def stories(*specs: tuple[str, str, bool]) -> list[Story]:
    """Stories one day apart, the first oldest."""
    return [Story(t, c, START + timedelta(days=i), f) for i, (t, c, f) in enumerate(specs)]


def home(items: list[Story], categories: list[str], latest: int = 3, per_section: int = 2) -> core.HomePage:
    return core.build_home(
        items,
        categories,
        category_of=lambda s: s.category,
        is_featured=lambda s: s.featured,
        latest_count=latest,
        section_count=per_section,
    )


def test_featured_is_newest_marked_story_even_when_older_ones_follow() -> None:
    items = stories(("old-marked", "A", True), ("marked", "A", True), ("newest", "B", False))
    assert core.pick_featured(items, lambda s: s.featured).title == "marked"


def test_without_a_mark_the_newest_story_leads() -> None:
    items = stories(("a", "A", False), ("b", "A", False))
    assert core.pick_featured(items, lambda s: s.featured).title == "b"
    assert core.pick_featured([], lambda s: s.featured) is None


def test_latest_list_is_newest_first_without_the_featured_story() -> None:
    items = stories(("a", "A", False), ("marked", "A", True), ("c", "B", False), ("d", "B", False))
    page = home(items, ["A", "B"])
    assert page.featured.title == "marked"
    assert [s.title for s in page.latest] == ["d", "c", "a"]


def test_sections_follow_site_order_skip_empty_and_are_capped() -> None:
    items = stories(("a1", "A", False), ("b1", "B", False), ("a2", "A", False), ("a3", "A", False))
    page = home(items, ["B", "Empty", "A"], per_section=2)
    assert [s.category for s in page.sections] == ["B", "A"]
    assert [s.title for s in page.sections[1].articles] == ["a3", "a2"]


def test_archive_tree_nests_months_under_their_year() -> None:
    years = [{"period_num": (2024,)}, {"period_num": (2023,)}]
    months = [{"period_num": (2024, 5)}, {"period_num": (2024, 1)}, {"period_num": (2023, 12)}]
    tree = core.archive_tree(years, months)
    assert [(y["period_num"][0], [m["period_num"][1] for m in ms]) for y, ms in tree] == [(2024, [5, 1]), (2023, [12])]
