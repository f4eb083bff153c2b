"""Search as a reader uses it: real Chromium, the built site with its Pagefind index, over HTTP.

The demo site answers the queries of the issue; a tiny site with one spelling per article
pins the ranking rules (both tone placements rank alike, an exact match outranks a folded one).
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest

from plugins.vi_text.core import canonical_tone_placement, fold
from tests.browser.fixtures import DESKTOP, PHONE, screenshot, serve
from tests.conftest import SEED_SLUG, Build, article, build_site
from tools.search_index.pagefind import index_site

SEED_URL = f"/bai-viet/{SEED_SLUG}/"
LOADING = "Đang tìm"
PAGE_SIZE = 10  # results per screen (search.js)


def indexed_copy(output: Path, target: Path, settings: dict[str, int] | None = None) -> Path:
    """A copy of a built site with its search index, so the shared build stays untouched."""
    shutil.copytree(output, target)
    index_site(target, settings)
    return target


# The demo's 31 articles (2020-2025) in four shards, so every search test also tests merging them.
DEMO_SHARDS = {"SEARCH_INDEX_SHARD_PAGES": 6}


@pytest.fixture(scope="module")
def demo_search(fixture_site: Build, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    site = indexed_copy(fixture_site.output, tmp_path_factory.mktemp("demo-search") / "site", DEMO_SHARDS)
    assert len(json.loads((site / "pagefind" / "shards.json").read_text(encoding="utf-8"))["shards"]) >= 3
    server, url = serve(site)
    yield url
    server.shutdown()


SPELLINGS = {
    "articles/2024/tinh-uy-moi/index.md": article("Hội nghị A", body="Ban Thường vụ Tỉnh ủy họp bàn công tác."),
    "articles/2024/tinh-uy-cu/index.md": article("Hội nghị B", body="Ban Thường vụ Tỉnh uỷ chỉ đạo công tác."),
    "articles/2024/dang/index.md": article("Bài có chữ đang", body="Chi bộ đang tổ chức sinh hoạt."),
    "articles/2024/dang-bo/index.md": article("Bài có chữ Đảng", body="Đảng bộ tổ chức sinh hoạt."),
}


@pytest.fixture(scope="module")
def tiny_search(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    """The tiny site with its index, and the same site without one."""
    built = build_site(tmp_path_factory.mktemp("tiny-search"), SPELLINGS)
    bare = tmp_path_factory.mktemp("tiny-bare") / "site"
    shutil.copytree(built.output, bare)
    with_index = indexed_copy(built.output, tmp_path_factory.mktemp("tiny-indexed") / "site")
    server, url = serve(with_index)
    bare_server, bare_url = serve(bare)
    yield url, bare_url
    server.shutdown()
    bare_server.shutdown()


def search(page_at, base: str, query: str, *, viewport=DESKTOP, extra: str = ""):
    """Open the search page with ``query`` in its address (as the header form sends it) and wait."""
    page = page_at(f"{base}/tim-kiem/?q={quote(query)}{extra}", viewport=viewport)
    wait_for_answer(page)
    return page


def wait_for_answer(page) -> None:
    page.wait_for_function(
        "t => { const s = document.querySelector('[data-search-status]').textContent;"
        " return s && !s.startsWith(t) && (document.querySelector('.search-result') || !/\\d/.test(s)); }",
        arg=LOADING,
    )


def result_urls(page, *, everything: bool = False) -> list[str]:
    more = page.locator("[data-search-more]")
    while everything and more.is_visible():
        count = page.locator(".search-result").count()
        more.click()
        page.wait_for_function("n => document.querySelectorAll('.search-result').length > n", arg=count)
    return [link.get_attribute("href") for link in page.locator(".search-result__title a").all()]


@pytest.mark.parametrize("query", ["tinh uy", "Tỉnh ủy", "Tỉnh uỷ", "dang uy khoi", "hoi nghi"])
def test_the_seed_article_is_found_typed_either_way(page_at, demo_search: str, query: str) -> None:
    page = search(page_at, demo_search, query)
    assert SEED_URL in result_urls(page, everything=True)


def test_folded_matches_are_highlighted_in_the_article_spelling(page_at, demo_search: str) -> None:
    page = search(page_at, demo_search, "dang uy khoi")
    seed = page.locator(".search-result", has=page.locator(f'a[href="{SEED_URL}"]'))
    marked = [fold(text) for text in seed.locator("mark").all_inner_texts()]
    assert any("dang uy khoi" in text for text in marked), marked
    title = seed.locator(".search-result__title").inner_text()
    assert title.startswith("Đảng ủy Khối")


def test_every_result_shows_title_date_category_and_an_excerpt(page_at, demo_search: str) -> None:
    page = search(page_at, demo_search, "hội nghị")
    results = page.locator(".search-result")
    assert 0 < results.count() <= 10
    for i in range(results.count()):
        result = results.nth(i)
        assert result.locator(".search-result__title a").inner_text().strip()
        assert result.locator(".search-result__date").inner_text().count("-") == 2
        assert result.locator(".search-result__category").inner_text().strip()
        assert result.locator(".search-result__excerpt mark").count() > 0


def test_nonsense_says_so_in_vietnamese(page_at, demo_search: str) -> None:
    page = search(page_at, demo_search, "xqzjwv")
    assert page.locator(".search-result").count() == 0
    assert "Không tìm thấy kết quả" in page.locator("[data-search-status]").inner_text()


def test_a_word_that_matches_nothing_is_named_not_silently_dropped(page_at, demo_search: str) -> None:
    page = search(page_at, demo_search, "hội nghị xqzjwv")
    assert page.locator(".search-result").count() > 0
    note = page.locator("[data-search-missing]")
    assert note.is_visible()
    assert "xqzjwv" in note.inner_text()


def test_the_category_filter_narrows_the_results(page_at, demo_search: str) -> None:
    page = search(page_at, demo_search, "hoi nghi")
    everything = len(result_urls(page, everything=True))
    options = page.locator("#search-page-category option").all_inner_texts()
    assert len(options) > 2  # "all" plus the categories found in the index
    chosen = options[1]
    page.select_option("#search-page-category", label=chosen)
    wait_for_answer(page)
    categories = set(page.locator(".search-result__category").all_inner_texts())
    assert categories <= {chosen}
    assert len(result_urls(page, everything=True)) < everything
    assert "chuy%C3%AAn-muc=" in page.url or "chuyen-muc=" in page.url  # the filtered search can be shared


def test_newest_first_sorts_by_date_across_the_years_bundles(page_at, demo_search: str) -> None:
    """Each year is its own Pagefind bundle; the whole list, not only its first screen, must be in date order."""
    page = search(page_at, demo_search, "hoi nghi", extra="&sap-xep=moi-nhat")
    relevant = result_urls(page, everything=True)
    dates = page.locator(".search-result__date").all_inner_texts()
    day_time = [[*d.split(" "), ""][:2] for d in dates]  # documents show a day without a time
    as_sortable = ["".join(reversed(day.split("-"))) + time for day, time in day_time]
    assert len(dates) == len(relevant) > PAGE_SIZE
    assert len({d.split(" ")[0][-4:] for d in dates}) >= 3  # results from at least three years' bundles
    assert as_sortable == sorted(as_sortable, reverse=True)
    by_relevance = result_urls(search(page_at, demo_search, "hoi nghi"), everything=True)
    assert sorted(by_relevance) == sorted(relevant)  # the same results, only in another order


def test_the_keyboard_reaches_the_box_and_the_results(page_at, demo_search: str) -> None:
    page = page_at(f"{demo_search}/tim-kiem/")
    page.wait_for_selector("[data-search-filters]:not([hidden])")
    page.focus("#search-page-q")
    page.keyboard.type("hoi nghi")
    page.keyboard.press("Enter")
    wait_for_answer(page)
    page.wait_for_selector(".search-result a")
    page.focus("#search-page-sort")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.closest('.search-result') !== null")
    assert focused
    more = page.locator("[data-search-more]")
    assert more.is_visible()  # more than one screenful for "hoi nghi"
    more.focus()
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.querySelectorAll('.search-result').length > 10")
    position = "[...document.querySelectorAll('.search-result')].indexOf(document.activeElement.closest('li'))"
    assert page.evaluate(position) == 10  # focus moved to the first newly shown result


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["390px", "1366px"])
def test_the_page_fits_the_screen(page_at, demo_search: str, viewport: dict[str, int]) -> None:
    page = search(page_at, demo_search, "dang uy khoi", viewport=viewport)
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    screenshot(page, f"search-{viewport['width']}")


def test_without_javascript_the_page_says_what_is_needed(page_at, demo_search: str) -> None:
    page = page_at(f"{demo_search}/tim-kiem/?q=hoi+nghi", viewport=PHONE, java_script_enabled=False)
    notice = page.locator(".search-page__notice")
    assert notice.is_visible()
    assert "JavaScript" in notice.inner_text()
    assert notice.locator("a").count() > 2  # ways on: categories, archives, tags
    assert page.locator("#search-page-q").is_visible()
    screenshot(page, "search-no-js-390")


def test_both_tone_placements_rank_alike_and_find_both_articles(page_at, tiny_search: tuple[str, str]) -> None:
    url, _ = tiny_search
    for query in ("Tỉnh ủy", "Tỉnh uỷ", "tinh uy"):
        page = search(page_at, url, query)
        assert sorted(result_urls(page)) == ["/bai-viet/tinh-uy-cu/", "/bai-viet/tinh-uy-moi/"], query
        scores = page.evaluate(
            "async q => { const pf = await import('/pagefind/pagefind.js');"
            " return (await pf.search(q)).results.map(r => r.score); }",
            canonical_tone_placement(query),
        )
        assert scores[0] == pytest.approx(scores[1]), query


@pytest.mark.parametrize(
    ("query", "first", "second"),
    [("đang", "/bai-viet/dang/", "/bai-viet/dang-bo/"), ("Đảng", "/bai-viet/dang-bo/", "/bai-viet/dang/")],
)
def test_an_exact_match_ranks_above_a_folded_one(page_at, tiny_search, query: str, first: str, second: str) -> None:
    url, _ = tiny_search
    assert result_urls(search(page_at, url, query)) == [first, second]


def test_a_query_without_diacritics_finds_both_d_words(page_at, tiny_search: tuple[str, str]) -> None:
    url, _ = tiny_search
    assert sorted(result_urls(search(page_at, url, "dang"))) == ["/bai-viet/dang-bo/", "/bai-viet/dang/"]


def test_the_script_moves_tone_marks_and_folds_exactly_as_the_build_does(page_at, tiny_search) -> None:
    url, _ = tiny_search
    page = page_at(f"{url}/tim-kiem/")
    words = [
        "Tỉnh uỷ",
        "UỶ BAN",
        "hoà",
        "khoẻ",
        "quý",
        "quỷ",
        "hoàn",
        "khuỷu",
        "thuyền",
        "hoạ",
        "Đảng",
        "tuỳ.",
        "hoặc",
        "ngoặt",
    ]
    got = page.evaluate(
        "async words => { const m = await import(new URL('../theme/js/search.js', location.href).href);"
        " return words.map(w => [m.canonicalTonePlacement(w), m.fold(w)]); }",
        words,
    )
    assert got == [[canonical_tone_placement(w), fold(w)] for w in words]


def test_a_missing_index_is_reported_not_left_blank(page_at, tiny_search: tuple[str, str]) -> None:
    _, bare = tiny_search
    page = page_at(f"{bare}/tim-kiem/?q=dang")
    status = page.locator("[data-search-status]")
    page.wait_for_function("() => document.querySelector('[data-search-status]').textContent.length > 0")
    assert "Chưa tải được" in status.inner_text()
