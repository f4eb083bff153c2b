"""Issue #23, "Leaks (target: zero)": nothing of an unpublished page or a foreign file reaches the output.

Each test builds a tiny site in tmp_path (never content/) and scans the output
with ``tests.leak_scan``: secret words and bytes, photo variants no page names,
and metadata left in published PDF/DOCX.
"""

from __future__ import annotations

import io
from pathlib import Path

import pikepdf
import pytest

from bench.standin_photos import make_photo
from tests.conftest import FIXTURE_SITE, ROOT, article, build_site, run_pelican, run_publish, soon, write_content
from tests.leak_scan import attachment_problems, find_secrets, scan_site, unreferenced_photo_variants

PHOTO_BODY = "Đoạn mở đầu.\n\n![Hội nghị]({static}anh.jpg)\n/// caption\nHội nghị\n///\n"
PUBLIC = "bai-cong-khai"
# Each unpublished kind of article, with the header that makes it so, and the photo's seed (distinct bytes).
UNPUBLISHED = {
    "ban-nhap-kin": ({"Status": "draft"}, 11),
    "bai-an-kin": ({"Status": "hidden"}, 12),
    "bai-hen-gio-kin": ({"date": soon()}, 13),
    "bai-mau-kin": ({"Sample": "yes"}, 14),
}


def photo_site(root: Path) -> Path:
    """One published article and one of each unpublished kind, each with its own photo (file name = slug)."""
    content = root / "content"
    files: dict[str, str | bytes] = {f"articles/2024/{PUBLIC}/index.md": article("Bài công khai", body=PHOTO_BODY)}
    for slug, (meta, _) in UNPUBLISHED.items():
        body = PHOTO_BODY.replace("anh.jpg", f"{slug}.jpg")
        files[f"articles/2024/{slug}/index.md"] = article(f"Tiêu đề {slug}", body=body, **meta)
    write_content(content, files)
    make_photo(content / "articles" / "2024" / PUBLIC / "anh.jpg", (640, 427), "OK", seed=10)
    for slug, (_, seed) in UNPUBLISHED.items():
        make_photo(content / "articles" / "2024" / slug / f"{slug}.jpg", (640, 427), "KIN", seed=seed)
    return content


def variants_of(output: Path, stem: str) -> list[Path]:
    return sorted(p for p in (output / "anh").rglob(f"{stem}-*")) if (output / "anh").is_dir() else []


def test_production_publishes_no_photo_variant_of_an_unpublished_article(tmp_path: Path) -> None:
    content = photo_site(tmp_path)
    output = tmp_path / "output"
    result = run_pelican(content, output)
    assert result.returncode == 0, result.stderr
    assert variants_of(output, "anh"), "the published article's photo is missing"
    for slug in UNPUBLISHED:
        assert not (output / "bai-viet" / slug).exists()
        assert variants_of(output, slug) == [], f"{slug}: its photo variants were published"
    assert find_secrets(output, UNPUBLISHED) == []
    assert unreferenced_photo_variants(output) == []


def test_development_publishes_a_drafts_photos_where_its_preview_is_written(tmp_path: Path) -> None:
    """``make html`` writes drafts to ban-nhap/ and hidden articles at their address: their photos are needed.

    (Development also keeps their cover crops, which no list shows: a preview folder, not the public site.)
    """
    content = photo_site(tmp_path)
    build = build_site(tmp_path, content=content, CMS_ADMIN_ENABLED=False)
    page = (build.output / "ban-nhap" / "ban-nhap-kin" / "index.html").read_text(encoding="utf-8")
    body_variants = [p for p in variants_of(build.output, "ban-nhap-kin") if "-the-" not in p.name]
    assert body_variants
    assert all(p.name in page for p in body_variants if "-og-" not in p.name)
    assert variants_of(build.output, "bai-an-kin")


@pytest.mark.parametrize("demo", ["", "yes"])
def test_a_sample_ships_its_photos_only_in_a_demo_deployment(tmp_path: Path, demo: str) -> None:
    content = photo_site(tmp_path)
    result = run_pelican(content, tmp_path / "output", env={"PORTAL_DEMO": demo})
    assert result.returncode == 0, result.stderr
    assert bool(variants_of(tmp_path / "output", "bai-mau-kin")) == bool(demo)
    assert unreferenced_photo_variants(tmp_path / "output") == []


# --- files outside the repository (symlinks) ---------------------------------------------------------------

DOCUMENT = """Title: Nghị quyết về công tác xây dựng Đảng
Number: 15-NQ/ĐUK
Type: Nghị quyết
Issuer: Ban Thường vụ Đảng ủy Khối
Issued: 2024-03-15
Attachment: nghi-quyet.pdf
"""


def pdf_with_text(text: str, **info: str) -> bytes:
    """A one-page PDF whose text layer says ``text`` (and whose /Info holds ``info``)."""
    pdf = pikepdf.new()
    font = pdf.make_indirect(
        pikepdf.Dictionary(Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1, BaseFont=pikepdf.Name.Helvetica)
    )
    page = pdf.add_blank_page(page_size=(595, 842))
    page.Resources = pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=font))
    page.Contents = pdf.make_stream(f"BT /F1 12 Tf 72 760 Td ({text}) Tj ET".encode())
    for key, value in info.items():
        pdf.docinfo[f"/{key}"] = value
    buffer = io.BytesIO()
    pdf.save(buffer)
    return buffer.getvalue()


def test_a_documents_attachment_linked_from_outside_the_repository_is_not_published(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "mat.pdf").write_bytes(pdf_with_text("TOPSECRET-OUTSIDE"))
    content = tmp_path / "content"
    write_content(
        content, {f"articles/2024/{PUBLIC}/index.md": article("Bài công khai"), "van-ban/2024/nq-15/index.md": DOCUMENT}
    )
    (content / "van-ban/2024/nq-15/nghi-quyet.pdf").symlink_to(outside / "mat.pdf")
    result = run_pelican(content, tmp_path / "output")
    log = result.stdout + result.stderr
    assert result.returncode != 0
    assert "van-ban/2024/nq-15/index.md:6:" in log
    assert "[path-outside-content]" in log
    assert find_secrets(tmp_path / "output", ["TOPSECRET-OUTSIDE"]) == []
    assert not list((tmp_path / "output").rglob("*.pdf"))


# --- attachments ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["pdf", "docx"])
def test_a_published_attachment_carries_no_author_comments_scripts_or_macros(tmp_path: Path, kind: str) -> None:
    from tests.unit.test_documents_sanitise import AUTHOR, PARAGRAPH, docx, hostile_pdf

    data = hostile_pdf() if kind == "pdf" else docx(PARAGRAPH, extra={"word/vbaProject.bin": b"VBA-MACRO-BYTES"})
    content = tmp_path / "content"
    files: dict[str, str | bytes] = {
        f"articles/2024/{PUBLIC}/index.md": article("Bài công khai"),
        "van-ban/2024/nq-15/index.md": DOCUMENT.replace("nghi-quyet.pdf", f"nghi-quyet.{kind}"),
        f"van-ban/2024/nq-15/nghi-quyet.{kind}": data,
    }
    write_content(content, files)
    result = run_pelican(content, tmp_path / "output")
    assert result.returncode == 0, result.stderr
    assert list((tmp_path / "output").rglob(f"*.{kind}"))
    assert attachment_problems(tmp_path / "output") == []
    assert find_secrets(tmp_path / "output", [AUTHOR, "VBA-MACRO-BYTES", "launchURL", "MAY-CUA-VAN-THU"]) == []


# --- the whole site -------------------------------------------------------------------------------------------


def test_a_production_build_of_the_demo_leaks_nothing(tmp_path: Path) -> None:
    """`make publish DEMO=yes` of the fixture site (samples, photos, documents, search index): every scan finds 0."""
    output = tmp_path / "output"
    result = run_publish(FIXTURE_SITE, output, env={"PORTAL_DEMO": "yes", "SITEURL": "https://portal.test"})
    log = result.stdout + result.stderr
    assert result.returncode == 0, log
    assert (output / "pagefind").is_dir(), "the scan must cover the search index too"
    report = scan_site(output, log=log, machine_paths=[ROOT, FIXTURE_SITE, tmp_path, Path.home()])
    assert report == {name: [] for name in report}
