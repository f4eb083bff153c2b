"""The "Văn bản" section of a tiny built site: list, filter and detail pages, attachments, home block, errors."""

from __future__ import annotations

import gzip
import json
import re
import shutil
from io import BytesIO

import pytest
from PIL import Image
from pypdf import PdfReader

from tests.conftest import article, build_site, run_pelican, write_content
from tools.search_index.pagefind import BUNDLE_DIR, index_site


def pdf(author: str = "Văn thư") -> bytes:
    out = BytesIO()
    Image.new("L", (120, 160), 255).save(out, "PDF", author=author, producer="Scanner X")
    return out.getvalue()


def document(number: str, doc_type: str, issued: str, *, effective: str = "", attachment: str = "vb.pdf") -> str:
    lines = [
        f"Title: Văn bản {number}",
        f"Number: {number}",
        f"Type: {doc_type}",
        "Issuer: Ban Thường vụ Đảng ủy Khối",
        f"Issued: {issued}",
        f"Effective: {effective}" if effective else "",
        f"Attachment: {attachment}",
        f"Summary: Tóm tắt văn bản {number}.",
    ]
    return "\n".join(line for line in lines if line) + "\n"


DOCUMENTS = {
    "van-ban/2024/nq-15/index.md": document("15-NQ/ĐUK", "Nghị quyết", "2024-01-18", effective="2024-02-01"),
    "van-ban/2024/nq-15/vb.pdf": pdf(),
    "van-ban/2024/kh-32/index.md": document("32-KH/ĐUK", "Kế hoạch", "2024-06-10"),
    "van-ban/2024/kh-32/vb.pdf": pdf(),
    "van-ban/2023/nq-09/index.md": document("09-NQ/ĐUK", "Nghị quyết", "2023-03-01"),
    "van-ban/2023/nq-09/vb.pdf": pdf(),
    "articles/2024/tin/index.md": article("Tin thử"),
}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    return build_site(tmp_path_factory.mktemp("documents"), DOCUMENTS)


def numbers(soup) -> list[str]:
    return [td.get_text(strip=True) for td in soup.select(".documents-table__number")]


def test_list_page_shows_every_document_newest_first(site):
    assert numbers(site.html("van-ban/")) == ["32-KH/ĐUK", "15-NQ/ĐUK", "09-NQ/ĐUK"]
    assert [r.getMessage() for r in site.records if r.name.startswith("plugins.documents") and r.levelno >= 30] == []


def test_type_and_year_filter_pages_list_only_their_documents(site):
    assert numbers(site.html("van-ban/loai/nghi-quyet/")) == ["15-NQ/ĐUK", "09-NQ/ĐUK"]
    assert numbers(site.html("van-ban/loai/ke-hoach/")) == ["32-KH/ĐUK"]
    assert numbers(site.html("van-ban/nam/2023/")) == ["09-NQ/ĐUK"]
    assert not (site.output / "van-ban/loai/chi-thi").exists()  # no page for a type with no document


def test_filter_navigation_marks_the_current_filter_and_counts(site):
    soup = site.html("van-ban/nam/2024/")
    current = soup.select('.documents__filters a[aria-current="page"]')
    assert [a.get_text(" ", strip=True) for a in current] == ["2024 (2)"]
    hrefs = [a["href"] for a in soup.select(".documents__filters a")]
    assert [h for h in hrefs if "/loai/" in h] == [
        "../../../van-ban/loai/nghi-quyet/",
        "../../../van-ban/loai/ke-hoach/",
    ]
    assert [h for h in hrefs if "/nam/" in h] == ["../../../van-ban/nam/2024/", "../../../van-ban/nam/2023/"]
    assert soup.h1.get_text(strip=True) == "Văn bản năm 2024"


def test_detail_page_shows_the_register_entry_and_a_download(site):
    soup = site.html("van-ban/nq-15/")
    facts = dict(
        zip([dt.get_text() for dt in soup.select("dt")], [dd.get_text() for dd in soup.select("dd")], strict=True)
    )
    assert facts["Số, ký hiệu"] == "15-NQ/ĐUK"
    assert facts["Loại văn bản"] == "Nghị quyết"
    assert facts["Ngày ban hành"] == "18-01-2024"
    assert facts["Ngày hiệu lực"] == "01-02-2024"
    link = soup.select_one(".document__download a")
    assert link["download"] == "15-nq-duk.pdf"
    assert re.search(r"\(PDF, \d+ KB\)", link.get_text())
    assert soup.select_one("[data-pagefind-body]") is not None
    assert soup.select_one('[data-pagefind-filter="kind:Văn bản"]') is not None


def test_attachment_is_published_under_a_content_hash_without_personal_metadata(site):
    href = site.html("van-ban/nq-15/").select_one(".document__download a")["href"]
    published = (site.output / "van-ban/nq-15" / href).resolve()
    assert re.fullmatch(r"nq-15\.[0-9a-f]{12}\.pdf", published.name)
    assert PdfReader(published).metadata is None
    assert not (site.output / "van-ban/tep/vb.pdf").exists()  # the editor's own file name is never published


def test_home_page_lists_the_newest_documents(site):
    block = site.html("index.html").select_one(".home-documents")
    assert [a.select_one(".documents-latest__number").get_text() for a in block.select("li a")] == [
        "32-KH/ĐUK",
        "15-NQ/ĐUK",
        "09-NQ/ĐUK",
    ]


def test_bad_date_order_and_missing_attachment_are_logged_naming_the_file(tmp_path):
    files = {
        "van-ban/2024/sai-ngay/index.md": document("15-NQ/ĐUK", "Nghị quyết", "2024-03-01", effective="2024-02-01"),
        "van-ban/2024/sai-ngay/vb.pdf": pdf(),
        "van-ban/2024/thieu-tep/index.md": document("16-NQ/ĐUK", "Nghị quyết", "2024-03-01", attachment="khong-co.pdf"),
        "articles/2024/tin/index.md": article("Tin thử"),
    }
    build = build_site(tmp_path, files)
    errors = build.messages()
    assert any("sai-ngay/index.md:6:" in m and "[effective-before-issued]" in m for m in errors)
    assert any("thieu-tep/index.md:6:" in m and "[missing-attachment]" in m for m in errors)
    assert not (build.output / "van-ban/sai-ngay").exists()


def test_production_build_fails_on_a_document_error(tmp_path):
    content = tmp_path / "content"
    write_content(
        content,
        {
            "van-ban/2024/thieu-tep/index.md": document("16-NQ/ĐUK", "Nghị quyết", "2024-03-01", attachment="x.pdf"),
            "articles/2024/tin/index.md": article("Tin thử"),
        },
    )
    result = run_pelican(content, tmp_path / "output")
    assert result.returncode != 0
    assert "thieu-tep/index.md:6:" in result.stdout + result.stderr


def test_production_sitemap_lists_document_pages(tmp_path):
    build = build_site(tmp_path, DOCUMENTS, settings_file="publishconf.py", SITEURL="https://dukcq.example.vn")
    sitemap = (build.output / "sitemap.xml").read_text(encoding="utf-8")
    for address in ("van-ban/", "van-ban/nq-15/", "van-ban/loai/nghi-quyet/", "van-ban/nam/2023/"):
        assert f"<loc>https://dukcq.example.vn/{address}</loc>" in sitemap
    assert ".pdf</loc>" not in sitemap


def test_make_check_names_a_document_with_bad_dates_or_no_attachment(tmp_path):
    """`make check` (python -m tools.content_checks) reports document problems with file and line."""
    import shutil
    import subprocess
    import sys

    from tests.conftest import FIXTURE_SITE, ROOT

    content = tmp_path / "content"
    shutil.copytree(FIXTURE_SITE / "data", content / "data")
    shutil.copytree(FIXTURE_SITE / "van-ban", content / "van-ban")
    documents = sorted((content / "van-ban").glob("*/*/index.md"))
    dated, unattached = documents[0], documents[1]
    text = dated.read_text(encoding="utf-8")
    dated.write_text(text.replace("Issued: ", "Effective: 2000-01-01\nIssued: ", 1), encoding="utf-8")
    for attachment in unattached.parent.glob("*.pdf"):
        attachment.unlink()
    result = subprocess.run(
        [sys.executable, "-m", "tools.content_checks", str(content), "-s", str(ROOT / "pelicanconf.py")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert f"{dated}:" in result.stdout + result.stderr
    assert "[effective-before-issued]" in result.stdout + result.stderr
    assert f"{unattached}:" in result.stdout + result.stderr
    assert "[missing-attachment]" in result.stdout + result.stderr


def test_search_excerpts_keep_each_fact_and_its_label_apart(site, tmp_path):
    """Pagefind joins adjacent elements' text: "Loại văn bảnKế hoạch" in an excerpt was one word."""
    copy = tmp_path / "site"
    shutil.copytree(site.output, copy)
    index_site(copy)
    fragments = [gzip.decompress(f.read_bytes()) for f in (copy / BUNDLE_DIR / "fragment").iterdir()]
    contents = [json.loads(data.removeprefix(b"pagefind_dcd"))["content"] for data in fragments]
    (document_text,) = [text for text in contents if "32-KH/ĐUK" in text and "Loại văn bản" in text]
    assert "Loại văn bản Kế hoạch" in document_text
    assert "Số, ký hiệu 32-KH/ĐUK" in document_text


def test_a_site_without_documents_still_has_the_section_saying_so(tmp_path):
    """Pages such as "Tiếp cận thông tin" link to /van-ban/ before the first document is published."""
    build = build_site(tmp_path, {"articles/2024/tin/index.md": article("Tin")})
    listing = build.html("van-ban/")
    assert "Chưa có văn bản." in listing.select_one("main").get_text()
    assert listing.select_one(".documents-table") is None
    footer_links = [a["href"] for a in build.html("index.html").select("footer a")]
    assert any(href.rstrip("/").endswith("van-ban") for href in footer_links)


def test_a_filename_link_to_a_document_goes_to_its_page(tmp_path):
    """Editors link to a document as to an article ({filename} to its index.md, absolute or relative)."""
    body = (
        "Xem [nghị quyết]({filename}/van-ban/2024/nq-15/index.md)"
        " và [kế hoạch]({filename}../../../van-ban/2024/kh-32/index.md)."
    )
    files = {key: DOCUMENTS[key] for key in ("van-ban/2024/nq-15/index.md", "van-ban/2024/nq-15/vb.pdf")}
    files |= {
        "van-ban/2024/kh-32/index.md": DOCUMENTS["van-ban/2024/kh-32/index.md"],
        "van-ban/2024/kh-32/vb.pdf": pdf(),
    }
    files["articles/2024/dan-van-ban/index.md"] = article("Bài dẫn tới văn bản", body=body)
    built = build_site(tmp_path, files)
    links = [
        a["href"] for a in built.html("bai-viet/dan-van-ban/").select(".prose a, article a") if "van-ban/" in a["href"]
    ]
    assert sorted({link.split("van-ban/", 1)[1] for link in links}) == ["kh-32/", "nq-15/"]
    assert built.html("van-ban/nq-15/").select_one("h1") is not None
