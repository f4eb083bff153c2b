"""Attachments on the way out (issue #23): hostile and careless PDF/DOCX, sanitised or refused with a reason."""

from __future__ import annotations

import io
import zipfile

import pikepdf
import pytest

from plugins.documents.sanitise import sanitise_docx, sanitise_pdf
from tests.attachment_fixtures import AUTHOR, PARAGRAPH, R, docx, hostile_pdf
from tests.leak_scan import docx_problems, pdf_problems


def text_of(pdf_bytes: bytes) -> bytes:
    with pikepdf.open(io.BytesIO(pdf_bytes)) as pdf:
        return pdf.pages[0].Contents.read_bytes()


def test_a_pdf_loses_metadata_scripts_and_actions_but_keeps_its_text() -> None:
    source = hostile_pdf()
    assert pdf_problems(source)  # the fixture carries what it should
    clean = sanitise_pdf(source, "nq.pdf")
    assert pdf_problems(clean) == []
    assert AUTHOR.encode("utf-16-be") not in clean
    assert b"MAY-CUA-VAN-THU" not in clean
    assert b"launchURL" not in clean
    assert b"(NGHI QUYET 15) Tj" in text_of(clean)  # the text layer, not a picture of it
    assert sanitise_pdf(source, "nq.pdf") == clean  # stable bytes, stable content-hash name


def test_a_pdf_with_only_an_owner_password_publishes_unencrypted() -> None:
    source = hostile_pdf(
        encryption=pikepdf.Encryption(owner="chu-so-huu", user="", allow=pikepdf.Permissions(extract=False))
    )
    clean = sanitise_pdf(source, "nq.pdf")
    with pikepdf.open(io.BytesIO(clean)) as pdf:
        assert not pdf.is_encrypted
    assert pdf_problems(clean) == []


def test_a_pdf_that_needs_a_password_to_open_is_refused_with_a_reason() -> None:
    source = hostile_pdf(encryption=pikepdf.Encryption(owner="a", user="mo-tep"))
    with pytest.raises(ValueError, match="cần mật khẩu để mở"):
        sanitise_pdf(source, "nq.pdf")


def test_a_file_that_is_not_a_pdf_is_refused() -> None:
    with pytest.raises(ValueError, match="không phải PDF"):
        sanitise_pdf(b"not a pdf", "nq.pdf")


# --- DOCX ------------------------------------------------------------------------------------------------

LIMITS = {"max_unpacked": 10 * 1024 * 1024, "max_ratio": 100}


def parts_of(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def test_a_docx_loses_people_comments_macros_and_its_remote_template() -> None:
    template = (
        f'<Relationship Id="rIdT" Type="{R}/attachedTemplate" Target="\\\\may-chu\\mau.dotm" TargetMode="External"/>'
    )
    source = docx(
        PARAGRAPH,
        extra={"word/vbaProject.bin": b"VBA-MACRO-BYTES", "word/_rels/vbaProject.bin.rels": "<Relationships/>"},
        settings='<w:attachedTemplate r:id="rIdT"/>',
    )
    with_template = docx(
        PARAGRAPH,
        extra={"word/vbaProject.bin": b"VBA-MACRO-BYTES"},
        rels=template,
        settings='<w:attachedTemplate r:id="rIdT"/>',
    )
    for data in (source, with_template):
        assert docx_problems(data)
        clean = sanitise_docx(data, "kh.docx", **LIMITS)
        assert docx_problems(clean) == []
        parts = parts_of(clean)
        assert b"N\xe1\xbb\x99i dung k\xe1\xba\xbf ho\xe1\xba\xa1ch" in parts["word/document.xml"]  # the text stays
        assert not any(AUTHOR.encode() in payload for payload in parts.values())
        assert not any(b"VBA-MACRO" in payload or b"may-chu" in payload for payload in parts.values())
        assert b"https://example.org/" in parts["word/_rels/document.xml.rels"]  # hyperlinks stay
        assert b"macroEnabled" not in parts["[Content_Types].xml"]
        assert b"<dc:title>K" in parts["docProps/core.xml"]


def test_a_docx_with_tracked_changes_is_refused_with_what_to_do() -> None:
    body = (
        f'<w:p><w:ins w:author="{AUTHOR}"><w:r><w:t>mới</w:t></w:r></w:ins>'
        f'<w:del w:author="{AUTHOR}"><w:r><w:delText>cũ</w:delText></w:r></w:del></w:p>'
    )
    with pytest.raises(ValueError, match="Accept"):
        sanitise_docx(docx(body), "kh.docx", **LIMITS)


def test_a_docx_with_a_linked_picture_from_another_host_is_refused() -> None:
    rel = f'<Relationship Id="rIdI" Type="{R}/image" Target="https://t.example/p.png" TargetMode="External"/>'
    with pytest.raises(ValueError, match=r"t\.example"):
        sanitise_docx(docx(PARAGRAPH, rels=rel), "kh.docx", **LIMITS)


def test_a_zip_bomb_is_refused_before_it_is_unpacked() -> None:
    bomb = docx(PARAGRAPH, extra={"word/media/rong.bin": b"\0" * (20 * 1024 * 1024)})
    assert len(bomb) < 100_000
    with pytest.raises(ValueError, match="giải nén ra"):
        sanitise_docx(bomb, "kh.docx", **LIMITS)
    with pytest.raises(ValueError, match="gấp"):
        sanitise_docx(bomb, "kh.docx", max_unpacked=10**9, max_ratio=100)


def test_a_damaged_pdf_is_refused_in_the_editors_words_without_a_memory_address() -> None:
    with pytest.raises(ValueError, match=r"bi-hong\.pdf") as caught:
        sanitise_pdf(b"%PDF-1.4 not really", "bi-hong.pdf")
    message = str(caught.value)
    assert "0x" not in message
    assert "BytesIO" not in message
    assert "Hãy xuất lại PDF" in message
