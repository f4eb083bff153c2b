"""The content model inside real builds: NFC, slugs, categories, samples, clear errors."""

import unicodedata

from tests.conftest import article, build_site, run_pelican, write_content

GOOD = "articles/2024/bai-tot/index.md"


def test_decomposed_text_is_published_in_nfc(tmp_path):
    title = unicodedata.normalize("NFD", "Hội nghị Đảng ủy Khối")
    build = build_site(tmp_path, {GOOD: article(title, body=unicodedata.normalize("NFD", "Thân bài tiếng Việt."))})
    page = build.html("bai-viet/bai-tot/")
    assert page.find("h1").get_text(strip=True) == "Hội nghị Đảng ủy Khối"
    html = (build.output / "bai-viet/bai-tot/index.html").read_text(encoding="utf-8")
    assert unicodedata.is_normalized("NFC", html)


def test_slug_comes_from_the_folder_and_tags_fold_tone_mark_placement(tmp_path):
    build = build_site(
        tmp_path,
        {
            "articles/2024/mot/index.md": article("Một", Tags="Tỉnh ủy"),
            "articles/2024/hai/index.md": article("Hai", Tags="Tỉnh uỷ"),
        },
    )
    assert (build.output / "bai-viet/mot/index.html").is_file()
    tag_page = build.html("the/tinh-uy/")
    assert {a.get_text(strip=True) for a in tag_page.select("main a[href*='bai-viet/']")} == {"Một", "Hai"}


def test_category_uses_the_data_file_slug_and_name(tmp_path):
    build = build_site(tmp_path, {GOOD: article("Bài", category="Kiểm tra, giám sát")})
    page = build.html("chuyen-muc/kiem-tra-giam-sat/")
    assert "Kiểm tra, giám sát" in page.find("h1").get_text()


def test_unknown_category_is_an_error_naming_file_and_line(tmp_path):
    build = build_site(tmp_path, {GOOD: article("Bài", category="Hoat dong")})
    errors = [m for m in build.messages() if "unknown-category" in m]
    assert len(errors) == 1
    assert "articles/2024/bai-tot/index.md:3:" in errors[0]
    assert not (build.output / "bai-viet/bai-tot/index.html").exists()


def test_all_problems_of_one_file_are_reported_together(tmp_path):
    text = "Title: \nDate: 2024-01-01\nCategory: Dân vận\nTieu de: x\n\nThân bài.\n"
    build = build_site(tmp_path, {GOOD: text})
    message = "\n".join(build.messages())
    for key in ("missing-title", "missing-author", "unknown-metadata-key"):
        assert key in message


def test_samples_are_labelled_and_can_be_dropped(tmp_path):
    files = {GOOD: article("Bài thật"), "articles/2024/mau/index.md": article("Bài mẫu thử", Sample="yes")}
    shown = build_site(tmp_path / "on", files)
    assert "Bài mẫu" in shown.html("bai-viet/mau/").select_one(".badge").get_text()
    dropped = build_site(tmp_path / "off", files, CONTENT_MODEL_INCLUDE_SAMPLES=False)
    assert not (dropped.output / "bai-viet/mau").exists()
    assert "Bài mẫu thử" not in (dropped.output / "index.html").read_text(encoding="utf-8")


def test_production_build_fails_on_a_bad_date_naming_the_file(tmp_path):
    content = tmp_path / "content"
    write_content(content, {GOOD: article("Bài", date="2024-13-45 10:00")})
    result = run_pelican(content, tmp_path / "output")
    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert f"{content}/{GOOD}:2: " in output
    assert "[bad-date]" in output


def test_production_build_fails_on_non_utf8_missing_title_and_unknown_category(tmp_path):
    for name, data in {
        "latin": article("Bài").encode() + "Tiêu đ".encode("cp1258"),
        "notitle": article("").encode(),
        "category": article("Bài", category="Tin tức").encode(),
    }.items():
        content = tmp_path / name / "content"
        write_content(content, {GOOD: data})
        result = run_pelican(content, tmp_path / name / "output")
        assert result.returncode != 0, name
        assert f"{content}/{GOOD}:" in result.stdout + result.stderr


def test_production_build_of_good_content_succeeds(tmp_path):
    content = tmp_path / "content"
    write_content(content, {GOOD: article("Bài tốt")})
    result = run_pelican(content, tmp_path / "output")
    assert result.returncode == 0, result.stdout + result.stderr
    assert (tmp_path / "output/bai-viet/bai-tot/index.html").is_file()


def test_hidden_page_is_built_but_listed_nowhere(tmp_path):
    build = build_site(
        tmp_path,
        {
            GOOD: article("Bài"),
            "pages/lich-su.md": "Title: Lịch sử\n\nTrang giới thiệu.\n",
            "pages/trang-an.md": "Title: Trang ẩn\nStatus: hidden\n\nNội dung ẩn.\n",
        },
    )
    assert (build.output / "trang-an" / "index.html").is_file()
    for listing in ("index.html", "bai-viet/bai-tot/index.html", "lich-su/index.html"):
        links = [a.get_text(strip=True) for a in build.html(listing).select("a")]
        assert "Lịch sử" in links
        assert "Trang ẩn" not in links
