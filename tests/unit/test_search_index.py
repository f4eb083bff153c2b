"""The search index without Pagefind or a site: page preparation, the bundle's stable order, the kept copies."""

from __future__ import annotations

import gzip
import hashlib
import json
import re
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from plugins.vi_text.core import canonical_tone_placement, fold
from tools.search_index import bundle
from tools.search_index.cache import TEMPORARY_SUFFIX, PreparedPages
from tools.search_index.core import (
    ALIAS_META,
    PAGE_END,
    PAGE_START,
    YEAR_FILTER,
    d_aliases,
    find_body,
    page_url,
    prepare_page,
    read_page,
    shard_of,
)
from tools.search_index.shards import Shard, ShardBundles, group_years, place, shard_list, split_into_shards


@pytest.mark.parametrize(
    ("written", "canonical"),
    [
        ("Tỉnh uỷ", "Tỉnh ủy"),
        ("Uỷ ban", "Ủy ban"),
        ("UỶ BAN", "ỦY BAN"),
        ("hoà bình", "hòa bình"),
        ("văn hoá", "văn hóa"),
        ("sức khoẻ", "sức khỏe"),
        ("thuỷ lợi", "thủy lợi"),
        ("tuỳ ý", "tùy ý"),
        ("hoạ sĩ", "họa sĩ"),
        ("Hoà.", "Hòa."),
    ],
)
def test_old_placement_moves_to_the_first_vowel(written: str, canonical: str) -> None:
    assert canonical_tone_placement(written) == canonical


@pytest.mark.parametrize(
    "unchanged",
    [
        *["Tỉnh ủy", "hòa", "quý", "quỷ", "hoàn thành", "thuyền", "khuỷu tay", "ngoài", "Đảng ủy Khối"],
        *["hoặc", "HOẶC", "khoặm", "ngoặt", "hoẵng", "khuệch"],  # ă, â, ê: the mark is before the breve in NFD
    ],
)
def test_spellings_that_are_the_same_in_both_placements_are_kept(unchanged: str) -> None:
    assert canonical_tone_placement(unchanged) == unchanged


def test_decomposed_input_comes_out_nfc() -> None:
    decomposed = unicodedata.normalize("NFD", "Tỉnh uỷ")
    assert canonical_tone_placement(decomposed) == "Tỉnh ủy"


@given(st.text(alphabet="aeouyqhntAOUYĐđ \u0300\u0301\u0303\u0309\u0323\u0302\u0306àáảãạòóỏõọùúủũụỳýỷỹỵèéẻẽẹặậệ"))
def test_moving_marks_never_changes_the_letters_and_is_stable(text: str) -> None:
    once = canonical_tone_placement(text)
    assert fold(once) == fold(text)
    assert canonical_tone_placement(once) == once


@given(st.text(alphabet="aeouyqhntAOUYĐđ \u0300\u0301\u0303\u0309\u0323\u0302\u0306àáảãạòóỏõọỳýỷỹỵèéẻẽẹÀẺỶặậệ.-"))
def test_text_already_in_nfc_comes_out_as_its_decomposed_form_does(text: str) -> None:
    """NFC text with nothing to move is returned at once: the shortcut must agree with the full rule."""
    nfc = unicodedata.normalize("NFC", text)
    assert canonical_tone_placement(nfc) == canonical_tone_placement(unicodedata.normalize("NFD", text))


def test_d_aliases_are_the_ascii_forms_of_d_words_once_each() -> None:
    assert d_aliases("Đảng ủy đang họp; ĐẢNG viên, đảng bộ") == ["dang"]
    assert d_aliases("Đoàn thanh niên đi đầu") == ["dau", "di", "doan"]
    assert d_aliases("Tỉnh ủy họp bàn công tác") == []


def page(body: str, *, head: str = "<title>Tỉnh uỷ</title>") -> str:
    return (
        f"<!DOCTYPE html>\n<html lang='vi'><head>{head}</head>\n<body>\n"
        f"<nav>Đảng ủy Khối</nav>\n{body}\n<footer>Địa chỉ</footer></body></html>"
    )


def test_a_page_without_an_article_body_is_not_indexed() -> None:
    assert prepare_page(page("<main><h1>Tin mới nhất</h1></main>")) is None


def test_the_article_gets_its_d_words_as_metadata_but_not_the_navigation_ones() -> None:
    source = page("<article data-pagefind-body>\n<h1>Họp bàn</h1><p>Đoàn viên đi học.</p></article>")
    prepared = prepare_page(source)
    assert prepared is not None
    assert f'data-pagefind-meta="{ALIAS_META}:di doan"' in prepared  # not "dang" from <nav>, not "dia" from <footer>


def test_metadata_goes_inside_the_article_element_just_after_its_start_tag() -> None:
    source = page("<div>\n  <article class='a'\n     data-pagefind-body>\n<h1>Đi</h1></article></div>")
    prepared = prepare_page(source)
    assert prepared is not None
    start = prepared.index("data-pagefind-body>") + len("data-pagefind-body>")
    added = '<span hidden data-pagefind-filter="nam:khac"></span><span hidden data-pagefind-meta="title:Đi"></span>'
    assert prepared[start:].startswith(added + "<span hidden")


@pytest.mark.parametrize(
    ("body", "year"),
    [
        ('<p class="meta"><time class="t" datetime="2021-01-21T13:58:00+07:00">21-01-2021</time></p>', "2021"),
        ("<time datetime='2019-05-01'>1-5</time><time datetime=\"2024-01-01\">x</time>", "2019"),  # the first one
        ('<time title="a > b" datetime="2018-02-03">x</time>', "2018"),
        ('<p datetime="2020-01-01">not a time element</p>', "khac"),
        ("<p>Không có ngày</p>", "khac"),
    ],
)
def test_a_page_is_filed_under_the_year_of_its_first_time_element(body: str, year: str) -> None:
    prepared = prepare_page(
        page(f"<article data-pagefind-body><h1>Tin</h1>{body}</article><time datetime='2000-01-01'>")
    )
    assert prepared is not None
    assert f'data-pagefind-filter="{YEAR_FILTER}:{year}"' in prepared
    assert shard_of(prepared) == year


def dated_page(name: str, year: str | None) -> tuple[str, str]:
    time = f'<time datetime="{year}-06-01T08:00:00+07:00">' if year else ""
    return f"/bai-viet/{name}/", prepare_page(
        page(f"<article data-pagefind-body><h1>{name}</h1>{time}</article>")
    ) or ""


def test_shards_hold_whole_years_filled_from_the_oldest_newest_shard_first_page_order_kept() -> None:
    years = {"a": "2019", "b": None, "c": "2024", "d": "2019", "e": "2020", "f": "2021", "g": "2023"}
    shards = split_into_shards([dated_page(name, year) for name, year in years.items()], min_pages=2)
    assert [(shard.key, [url.split("/")[2] for url, _ in shard.pages]) for shard in shards] == [
        ("2023-2024", ["b", "c", "g"]),  # the newest shard may be small, and takes the undated pages
        ("2020-2021", ["e", "f"]),
        ("2019", ["a", "d"]),
    ]
    listed = json.loads(shard_list(shards))
    assert listed == {
        "filter": YEAR_FILTER,
        "years": ["2024", "2023", "2021", "2020", "2019", "khac"],
        "shards": [
            {"key": "2023-2024", "path": ""},
            {"key": "2020-2021", "path": "2020-2021/"},
            {"key": "2019", "path": "2019/"},
        ],
    }


def test_adding_this_years_articles_moves_no_older_boundary() -> None:
    counts = {"2015": 400, "2016": 700, "2017": 500, "2018": 900, "2019": 100}
    before = group_years(counts, 1000)
    after = group_years({**counts, "2019": 5000, "2020": 3}, 1000)
    assert before == [["2015", "2016"], ["2017", "2018"], ["2019"]]
    assert after[: len(before) - 1] == before[:-1]
    assert group_years(counts, 10**6) == [["2015", "2016", "2017", "2018", "2019"]]  # one bundle for a small site


def test_a_shard_digest_changes_with_any_page_and_with_the_order() -> None:
    one, two = ("/a/", "<p>một</p>"), ("/b/", "<p>hai</p>")
    digest = Shard(["2024"], [one, two]).digest("vi")
    assert Shard(["2024"], [one, two]).digest("vi") == digest
    assert Shard(["2024"], [two, one]).digest("vi") != digest
    assert Shard(["2024"], [one, ("/b/", "<p>ba</p>")]).digest("vi") != digest
    assert Shard(["2024"], [one, two]).digest("en") != digest


def test_a_kept_shard_bundle_is_found_by_digest_and_unused_ones_are_forgotten(tmp_path: Path) -> None:
    store = ShardBundles(tmp_path)
    kept = store.keep("d1", {"pagefind-entry.json": b"{}", "index/vi_1.pf_index": b"x", "pagefind.js": b"js"})
    store.keep("d2", {"pagefind-entry.json": b"{}"})
    assert kept == tmp_path / "d1"
    later = ShardBundles(tmp_path)
    assert later.find("d1") == kept
    assert later.find("nope") is None
    later.forget_unused()
    assert sorted(entry.name for entry in tmp_path.iterdir()) == ["d1"]
    primary, merged = tmp_path / "out", tmp_path / "out" / "2023"
    place(kept, primary, primary=True)
    place(kept, merged, primary=False)
    assert (primary / "pagefind.js").read_bytes() == b"js"
    assert sorted(p.relative_to(merged).as_posix() for p in merged.rglob("*") if p.is_file()) == [
        "index/vi_1.pf_index",
        "pagefind-entry.json",
    ]


def test_indexed_text_has_one_placement_but_the_title_keeps_the_editors_spelling() -> None:
    source = page("<article data-pagefind-body><h1>Ban Thường vụ Tỉnh uỷ</h1><p>Tỉnh uỷ và Tỉnh ủy.</p></article>")
    prepared = prepare_page(source)
    assert prepared is not None
    assert 'data-pagefind-meta="title:Ban Thường vụ Tỉnh uỷ"' in prepared
    text_after_meta = prepared.split("</span>")[-1]
    assert "uỷ" not in text_after_meta
    assert text_after_meta.count("Tỉnh ủy") == 3


def test_ignored_regions_scripts_and_void_elements_do_not_confuse_the_reader() -> None:
    body = (
        "<article data-pagefind-body><h1>Tiêu đề</h1><img src='a.jpg' alt=''><br>"
        "<p data-pagefind-ignore>Chia sẻ <b>đường dẫn</b></p><script>var đ = 1;</script>"
        "<p>Đúng</p></article><p>Đã hết</p>"
    )
    parts = read_page(page(body))
    assert parts is not None
    assert "Đúng" in parts.text
    for left_out in ("đường", "var", "Đã hết"):
        assert left_out not in parts.text
    assert parts.title == "Tiêu đề"


def test_character_references_are_read_as_the_characters_they_stand_for() -> None:
    parts = read_page(page("<article data-pagefind-body><h1>A &amp; B</h1><p>&#272;&#7843;ng</p></article>"))
    assert parts is not None
    assert d_aliases(parts.text) == ["dang"]
    assert parts.title == "A & B"


def test_metadata_values_are_escaped() -> None:
    prepared = prepare_page(page('<article data-pagefind-body><h1>"Đổi mới" &lt;b&gt;</h1></article>'))
    assert prepared is not None
    assert re.search(r'data-pagefind-meta="title:&quot;Đổi mới&quot; &lt;b&gt;"', prepared)


@pytest.mark.parametrize(
    ("path", "url"),
    [("bai-viet/x/index.html", "/bai-viet/x/"), ("404.html", "/404.html"), ("a\\b\\index.html", "/a/b/")],
)
def test_page_urls_are_folder_urls_from_the_site_root(path: str, url: str) -> None:
    assert page_url(path) == url


def test_the_indexed_copy_is_the_body_element_alone_in_an_empty_page() -> None:
    prepared = prepare_page(page("<main><article data-pagefind-body><h1>Tin</h1><p>Nội dung.</p></article></main>"))
    assert prepared is not None
    assert prepared.startswith(PAGE_START + "<article data-pagefind-body>")
    assert prepared.endswith("<p>Nội dung.</p></article>" + PAGE_END)
    for furniture in ("<nav>", "<footer>", "<title>", "<main>"):
        assert furniture not in prepared


def test_the_body_element_ends_at_its_own_end_tag() -> None:
    body = (
        "<div class='x' title='a > b' data-pagefind-body><div>trong</div><!-- </div> -->"
        "<script>var s = '</div>';</script><p>cuối</p></div><div>sau</div>"
    )
    source = page(body)
    span = find_body(source)
    assert span is not None
    element = source[span.start : span.end]
    assert element.startswith("<div class='x'")
    assert element.endswith("<p>cuối</p></div>")
    assert source[span.start : span.content].endswith("data-pagefind-body>")


def test_the_marker_counts_only_as_an_attribute_name() -> None:
    decoys = "<p>Viết data-pagefind-body trong bài</p><a title='data-pagefind-body' href='#'>x</a>"
    assert find_body(page(decoys)) is None
    span = find_body(page(decoys + "<section data-pagefind-body=''>Thật</section>"))
    assert span is not None
    assert page(decoys + "<section data-pagefind-body=''>Thật</section>")[span.start :].startswith("<section")


def test_an_element_left_open_runs_to_the_end_of_the_page() -> None:
    source = "<html><body><article data-pagefind-body><p>Đi tiếp"
    span = find_body(source)
    assert span is not None
    assert span.end == len(source)


# --- bundle: Pagefind's filter tables in a stable order -------------------------------------------

cbor_values = st.recursive(
    st.integers(min_value=0, max_value=2**64 - 1) | st.text(), lambda inner: st.lists(inner, max_size=5), max_leaves=20
)


@given(cbor_values)
def test_cbor_values_read_back_as_written(value: object) -> None:
    assert bundle.decode(bundle.encode(value)) == value


def test_integers_take_their_shortest_cbor_form_as_pagefind_writes_them() -> None:
    assert bundle.encode([23, 24, 255, 256, 65536]) == bytes.fromhex("85 17 1818 18ff 190100 1a00010000")
    assert bundle.encode("Đ") == bytes.fromhex("62 c490")


def test_a_file_that_does_not_encode_back_to_its_bytes_stops_the_build() -> None:
    packed = gzip.compress(bundle.HEADER + bytes.fromhex("820518 05"))  # [5, 5] with a long form
    with pytest.raises(bundle.BundleFormatChanged):
        bundle.read_file("x.pf_filter", packed)


def test_pagefinds_content_hash_drops_leading_zeros_of_each_byte() -> None:
    digest = hashlib.sha1(b"abc").digest()  # a9 99 3e 36 47 06 81 6a ...
    assert bundle.full_hash(b"abc") == "".join(f"{byte:x}" for byte in digest)
    assert bundle.full_hash(b"abc").startswith("a9993e364768")


def make_bundle(filters: dict[str, list[list[object]]], order: list[str]) -> dict[str, bytes]:
    """A minimal Pagefind bundle: entry, metadata and filter files, filters listed in ``order``."""
    files, listed = {}, []
    for name in order:
        data = bundle.encode([name, filters[name]])
        file_name = f"vi_{bundle.full_hash(data)[:7]}"
        files[f"filter/{file_name}.pf_filter"] = bundle.pack(data)
        listed.append([name, file_name])
    meta = ["1.5.2", [["vi_aaaaaaa", 10]], [["a", "z", "vi_bbbbbbb"]], listed, [["date", [0]]], ["title"]]
    meta_name = f"vi_{bundle.full_hash(bundle.encode(meta))[:10]}"
    files[f"pagefind.{meta_name}.pf_meta"] = bundle.pack(bundle.encode(meta))
    entry = {"version": "1.5.2", "languages": {"vi": {"hash": meta_name, "wasm": None, "page_count": 1}}}
    files[bundle.ENTRY_FILE] = json.dumps(entry, separators=(",", ":")).encode()
    return files


def test_two_bundles_that_differ_only_in_hash_map_order_become_identical() -> None:
    category = [["Xây dựng Đảng", [0, 2]], ["Dân vận", [1]]]
    tag = [["hội nghị", [0]], ["Tỉnh ủy", [1, 2]], ["an ninh", [2]]]
    a = make_bundle({"category": category, "tag": tag}, ["tag", "category"])
    b = make_bundle({"category": category[::-1], "tag": tag[::-1]}, ["category", "tag"])
    assert a != b
    bundle.normalise_bundle(a)
    bundle.normalise_bundle(b)
    assert a == b

    entry = json.loads(a[bundle.ENTRY_FILE])
    meta_file = f"pagefind.{entry['languages']['vi']['hash']}.pf_meta"
    meta = bundle.read_file(meta_file, a[meta_file])
    assert [name for name, _ in meta[3]] == ["category", "tag"]
    filter_file = f"filter/{meta[3][1][1]}.pf_filter"
    name, values = bundle.read_file(filter_file, a[filter_file])
    assert name == "tag"
    assert [value for value, _ in values] == sorted(value for value, _ in tag)  # code point order, as Rust sorts
    assert len(a) == 4  # the old files are gone, not kept beside the new ones


# --- cache: prepared pages kept between builds ---------------------------------------------------

ARTICLE = page("<article data-pagefind-body><h1>Đoàn</h1><p>Tỉnh uỷ.</p></article>").encode()
LISTING = page("<main><h1>Tin mới</h1></main>").encode()


def test_a_kept_copy_is_reused_and_equals_a_fresh_preparation(tmp_path: Path) -> None:
    first = PreparedPages(tmp_path)
    fresh = first.prepared(ARTICLE)
    assert first.prepared(LISTING) is None
    first.forget_unused()
    second = PreparedPages(tmp_path)
    assert second.prepared(ARTICLE) == fresh == PreparedPages(None).prepared(ARTICLE)
    assert (first.reused, second.reused) == (0, 1)
    assert len(list(tmp_path.rglob("*.html"))) == 1  # the listing is not kept


def test_copies_no_page_asked_for_and_other_codes_folders_are_deleted(tmp_path: Path) -> None:
    edited = ARTICLE.replace("Tỉnh uỷ".encode(), "Tỉnh ủy".encode())
    first = PreparedPages(tmp_path)
    first.prepared(ARTICLE)
    first.prepared(edited)
    first.forget_unused()
    (tmp_path / "old-code").mkdir()
    (tmp_path / "old-code" / "x.html").write_text("x", encoding="utf-8")
    second = PreparedPages(tmp_path)
    second.prepared(edited)
    (current,) = (folder for folder in tmp_path.iterdir() if folder.name != "old-code")
    being_written = current / f"y{TEMPORARY_SUFFIX}"
    being_written.write_text("y", encoding="utf-8")
    second.forget_unused()
    kept = sorted(p.name for p in tmp_path.rglob("*") if p.is_file())
    assert len(kept) == 2
    assert being_written.name in kept  # another build may be about to rename it into place
    assert not (tmp_path / "old-code").exists()


def test_a_kept_copy_is_the_prepared_text_byte_for_byte(tmp_path: Path) -> None:
    with_carriage_returns = ARTICLE.replace(b"<h1>", b"\r\n<h1>")
    fresh = PreparedPages(tmp_path).prepared(with_carriage_returns)
    assert fresh is not None
    assert "\r\n" in fresh
    assert PreparedPages(tmp_path).prepared(with_carriage_returns) == fresh
