"""Attachments on the way out (issue #23): hostile and careless PDF/DOCX, sanitised or refused with a reason."""

from __future__ import annotations

import io
import zipfile

import pikepdf
import pytest

from plugins.documents.sanitise import sanitise_docx, sanitise_pdf
from tests.leak_scan import docx_problems, pdf_problems

AUTHOR = "Trần Văn Bí Mật"


def hostile_pdf(*, encryption: pikepdf.Encryption | None = None) -> bytes:
    """A one-page PDF with text, plus every carrier the sanitiser must remove."""
    pdf = pikepdf.new()
    font = pdf.make_indirect(
        pikepdf.Dictionary(Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1, BaseFont=pikepdf.Name.Helvetica)
    )
    page = pdf.add_blank_page(page_size=(595, 842))
    page.Resources = pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=font))
    page.Contents = pdf.make_stream(b"BT /F1 12 Tf 72 760 Td (NGHI QUYET 15) Tj ET")
    script = pikepdf.Dictionary(S=pikepdf.Name.JavaScript, JS=pikepdf.String("app.launchURL('https://t.example')"))
    page.obj.AA = pikepdf.Dictionary(O=script)
    link = pikepdf.Dictionary(
        Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.Link, Rect=[0, 0, 10, 10], A=pdf.make_indirect(script)
    )
    page.obj.Annots = pdf.make_indirect(pikepdf.Array([pdf.make_indirect(link)]))
    pdf.Root.OpenAction = pdf.make_indirect(script)
    pdf.Root.Names = pikepdf.Dictionary(
        JavaScript=pikepdf.Dictionary(Names=pikepdf.Array([pikepdf.String("x"), pdf.make_indirect(script)]))
    )
    pdf.docinfo["/Author"] = AUTHOR
    pdf.docinfo["/Creator"] = "Microsoft Word - MAY-CUA-VAN-THU"
    with pdf.open_metadata(set_pikepdf_as_editor=False) as meta:
        meta["dc:creator"] = [AUTHOR]
    buffer = io.BytesIO()
    pdf.save(buffer, encryption=encryption or False)
    return buffer.getvalue()


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

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
CORE = f"""<?xml version="1.0"?><cp:coreProperties
 xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
 xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>Kế hoạch</dc:title><dc:creator>{AUTHOR}</dc:creator>
<cp:lastModifiedBy>{AUTHOR}</cp:lastModifiedBy></cp:coreProperties>"""


def docx(body: str, *, extra: dict[str, str | bytes] | None = None, rels: str = "", settings: str = "") -> bytes:
    """A minimal DOCX whose document body is ``body`` (WordprocessingML inside <w:body>)."""
    doc_rels = (
        f'<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'<Relationship Id="rIdC" Type="{R}/comments" Target="comments.xml"/>'
        f'<Relationship Id="rIdL" Type="{R}/hyperlink" Target="https://example.org/" TargetMode="External"/>'
        f"{rels}</Relationships>"
    )
    parts: dict[str, str | bytes] = {
        "[Content_Types].xml": '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
        'content-types"><Override PartName="/word/document.xml" ContentType="application/vnd.ms-word.document.'
        'macroEnabled.main+xml"/><Override PartName="/word/comments.xml" ContentType="x"/></Types>',
        "docProps/core.xml": CORE,
        "docProps/app.xml": "<Properties><Company>Văn phòng Bí Mật</Company></Properties>",
        "word/document.xml": f"<w:document {W}><w:body>{body}</w:body></w:document>",
        "word/_rels/document.xml.rels": doc_rels,
        "word/comments.xml": f"<w:comments {W}><w:comment w:author='{AUTHOR}'>Sửa chỗ này</w:comment></w:comments>",
        "word/people.xml": f"<w15:people><w15:person w15:author='{AUTHOR}'/></w15:people>",
        "word/settings.xml": f"<w:settings {W} xmlns:r='{R}'>{settings}</w:settings>",
        **(extra or {}),
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return buffer.getvalue()


PARAGRAPH = (
    '<w:p><w:commentRangeStart w:id="0"/><w:r><w:t>Nội dung kế hoạch</w:t></w:r><w:commentRangeEnd w:id="0"/>'
    '<w:r><w:commentReference w:id="0"/></w:r></w:p>'
)
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
