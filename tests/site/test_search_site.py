"""Search on a tiny built site: what the pages tell Pagefind, the search page, and the index step."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, Build, article, build_site
from tools.search_index.pagefind import BUNDLE_DIR, index_site

ARTICLES = {
    "articles/2024/hop-tinh-uy/index.md": article(
        "Ban Thường vụ Tỉnh uỷ họp",
        date="2024-05-06 08:30",
        category="Xây dựng Đảng",
        body="Đảng ủy Khối dự hội nghị.",
        Tags="hội nghị, Tỉnh ủy",
        Author="Nguyễn Thị Mai",
    ),
    "articles/2023/dan-van/index.md": article("Dân vận khéo", date="2023-02-01 07:00", category="Dân vận"),
}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    return build_site(tmp_path_factory.mktemp("search-site"), ARTICLES)


# One shard per year even for two articles (the default groups years into shards of 1,500 pages).
BY_YEAR = {"SEARCH_INDEX_SHARD_PAGES": 1}


@pytest.fixture(scope="module")
def indexed(site: Build) -> Path:
    index_site(site.output, BY_YEAR)
    return site.output / BUNDLE_DIR


def test_only_the_article_element_of_article_pages_is_searchable(site: Build) -> None:
    bodies = site.html("bai-viet/hop-tinh-uy/").select("[data-pagefind-body]")
    assert [element.name for element in bodies] == ["article"]
    for listing in ("index.html", "chuyen-muc/xay-dung-dang/", "the/hoi-nghi/", "tac-gia/nguyen-thi-mai/"):
        assert not site.html(listing).select("[data-pagefind-body]"), listing


def test_category_tags_and_author_are_filters_and_the_date_is_meta_and_sort_key(site: Build) -> None:
    body = site.html("bai-viet/hop-tinh-uy/").select_one("[data-pagefind-body]")
    filters = sorted(element["data-pagefind-filter"] for element in body.select("[data-pagefind-filter]"))
    assert filters == ["author:Nguyễn Thị Mai", "category:Xây dựng Đảng", "tag", "tag"]
    assert sorted(a.get_text() for a in body.select('[data-pagefind-filter="tag"]')) == ["Tỉnh ủy", "hội nghị"]
    time = body.select_one("time[data-pagefind-sort]")
    assert time["data-pagefind-sort"] == f"date:{time['datetime']}"
    assert time["data-pagefind-meta"] == "date:06-05-2024 08:30"


def test_page_furniture_inside_the_article_is_kept_out_of_the_index(site: Build) -> None:
    body = site.html("bai-viet/hop-tinh-uy/").select_one("[data-pagefind-body]")
    ignored = body.select("[data-pagefind-ignore]")
    for selector in (".share", ".tags", ".article__meta"):
        found = body.select_one(selector)
        if found is not None:  # the theme decides which of these an article shows
            assert found in ignored or any(found in region.descendants for region in ignored), selector


def test_the_search_page_is_a_form_that_works_without_javascript(site: Build) -> None:
    soup = site.html("tim-kiem/")
    form = soup.select_one("form.search-page__form")
    assert form["method"] == "get"
    assert form["action"].rstrip("/").endswith("tim-kiem")
    field = form.select_one("input[name=q]")
    assert soup.select_one(f"label[for={field['id']}]").get_text(strip=True)
    notice = soup.select_one("noscript")
    assert "JavaScript" in notice.get_text()
    hrefs = [a["href"] for a in notice.select("a")]
    assert any("luu-tru" in href for href in hrefs)
    assert any("chuyen-muc" in href for href in hrefs)
    filters = soup.select_one("[data-search-filters]")
    assert filters.has_attr("hidden")  # category/sort need the index, so they appear with the script


def test_every_message_the_script_shows_comes_from_the_strings_file(site: Build) -> None:
    root = site.html("tim-kiem/").select_one("[data-search]")
    messages = {name: value for name, value in root.attrs.items() if name.startswith("data-msg-")}
    assert len(messages) == 6
    assert all(value.strip() for value in messages.values())
    assert "{q}" in messages["data-msg-none"]
    assert "{n}" in messages["data-msg-count"]
    script = site.html("tim-kiem/").select_one('script[type="module"]')
    assert script["src"].endswith("js/search.js")


def test_every_page_header_offers_search(site: Build) -> None:
    for page in ("index.html", "bai-viet/dan-van/", "luu-tru/"):
        form = site.html(page).select_one("header form[role=search]")
        assert form is not None, page
        assert form["action"].rstrip("/").endswith("tim-kiem")


def page_count(bundle: Path) -> int:
    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert list(entry["languages"]) == ["vi"]
    return entry["languages"]["vi"]["page_count"]


def test_the_index_holds_the_articles_and_nothing_else_one_bundle_per_year(site: Build, indexed: Path) -> None:
    listed = json.loads((indexed / "shards.json").read_text(encoding="utf-8"))
    assert [(shard["key"], shard["path"]) for shard in listed["shards"]] == [("2024", ""), ("2023", "2023/")]
    assert (page_count(indexed), page_count(indexed / "2023")) == (1, 1)
    assert (indexed / "pagefind.js").is_file()
    assert (indexed / "wasm.unknown.pagefind").is_file()
    merged_only = {p.name for p in (indexed / "2023").iterdir()}
    assert merged_only == {"pagefind-entry.json", "index", "fragment", "filter"} | {
        p.name for p in (indexed / "2023").glob("pagefind.*.pf_meta")
    }


def test_a_small_site_gets_one_bundle(site: Build, tmp_path: Path) -> None:
    """With the default shard size, two articles are one bundle: nothing to merge in the browser."""
    alone = unindexed_copy(site.output, tmp_path / "alone")
    summary = index_site(alone)
    listed = json.loads((alone / BUNDLE_DIR / "shards.json").read_text(encoding="utf-8"))
    assert (summary.pages, summary.shards) == (len(ARTICLES), 1)
    assert listed["shards"] == [{"key": "2023-2024", "path": ""}]
    assert listed["years"] == ["2024", "2023"]
    assert page_count(alone / BUNDLE_DIR) == len(ARTICLES)
    assert not [p for p in (alone / BUNDLE_DIR).iterdir() if p.is_dir() and p.name[:1].isdigit()]


def test_indexing_again_replaces_the_bundle_instead_of_piling_up_files(site: Build, indexed: Path) -> None:
    before = {p.relative_to(indexed) for p in indexed.rglob("*")}
    stale = indexed / "fragment" / "vi_0000000.pf_fragment"  # as a page's fragment from an earlier build
    stale.write_bytes(b"")
    summary = index_site(site.output, BY_YEAR)
    after = {p.relative_to(indexed) for p in indexed.rglob("*")}
    assert summary.pages == len(ARTICLES)
    assert after == before


def bundle_digests(output: Path) -> dict[str, str]:
    bundle = output / BUNDLE_DIR
    return {
        p.relative_to(bundle).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(bundle.rglob("*"))
        if p.is_file()
    }


def unindexed_copy(output: Path, target: Path) -> Path:
    shutil.copytree(output, target, ignore=shutil.ignore_patterns(BUNDLE_DIR))
    return target


def test_two_indexes_of_the_same_pages_are_byte_identical(site: Build, indexed: Path, tmp_path: Path) -> None:
    """Filters included: Pagefind lists them in random order, bundle.normalise_bundle sorts them."""
    again = unindexed_copy(site.output, tmp_path / "again")
    index_site(again, BY_YEAR)
    assert list((indexed / "filter").iterdir())  # category, author and tag filters are in the comparison
    assert bundle_digests(again) == bundle_digests(site.output)


def test_one_process_and_several_make_the_same_bundle(site: Build, tmp_path: Path) -> None:
    """Pages are prepared in forked processes and years indexed at once; neither may change a byte."""
    serial, parallel = (unindexed_copy(site.output, tmp_path / name) for name in ("serial", "parallel"))
    one = index_site(serial, {**BY_YEAR, "SEARCH_INDEX_WORKERS": 1}, cache=tmp_path / "cache-1")
    three = index_site(parallel, {**BY_YEAR, "SEARCH_INDEX_WORKERS": 3}, cache=tmp_path / "cache-3")
    assert (one.pages, one.shards) == (three.pages, three.shards) == (len(ARTICLES), 2)
    assert bundle_digests(serial) == bundle_digests(parallel)
    assert sorted(p.name for p in (tmp_path / "cache-1").rglob("*.html")) == sorted(
        p.name for p in (tmp_path / "cache-3").rglob("*.html")
    )


def test_an_index_from_kept_preparations_equals_a_fresh_one(site: Build, indexed: Path, tmp_path: Path) -> None:
    """One article edited: only it is prepared again, the old copy goes, and the bundle is a fresh index's."""
    cache = tmp_path / "cache"
    first = index_site(unindexed_copy(site.output, tmp_path / "first"), BY_YEAR, cache=cache)
    edited = unindexed_copy(site.output, tmp_path / "edited")
    page = edited / "bai-viet" / "hop-tinh-uy" / "index.html"
    page.write_text(page.read_text(encoding="utf-8").replace("dự hội nghị", "dự đại hội"), encoding="utf-8")
    warm = index_site(edited, BY_YEAR, cache=cache)
    fresh = unindexed_copy(edited, tmp_path / "fresh")
    index_site(fresh, BY_YEAR)
    assert (first.reused, warm.reused) == (0, len(ARTICLES) - 1)
    assert (first.shards_reused, warm.shards_reused) == (0, 1)  # 2023 was not edited: its bundle is kept
    assert bundle_digests(edited) == bundle_digests(fresh)
    assert bundle_digests(edited) != bundle_digests(site.output)
    assert len(list(cache.rglob("*.html"))) == len(ARTICLES)


def test_the_command_refuses_a_folder_that_is_not_a_built_site(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "tools.search_index", str(tmp_path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    assert "chạy pelican trước" in result.stderr


def test_the_command_says_what_a_second_run_kept(site: Build, tmp_path: Path) -> None:
    """The build log tells an editor or CI that nothing was indexed again when nothing changed."""
    copy = unindexed_copy(site.output, tmp_path / "site")
    command = [sys.executable, "-m", "tools.search_index", str(copy), "-s", "pelicanconf.py"]
    command += ["--cache-path", str(tmp_path / "cache")]
    runs = [subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=True) for _ in range(2)]
    assert "0/1 phần chỉ mục" in runs[0].stdout
    assert f"{len(ARTICLES)} trang dùng lại" in runs[1].stdout
    assert "1/1 phần chỉ mục (theo năm) giữ nguyên" in runs[1].stdout
