"""PDF and DOCX attachments carrying what must never be published (an author, comments, people, scripts, macros).

Shared by the sanitiser's unit tests, the site tests and bad-input cases
(``(attachment=NAME)`` in txtar, see ``attachment``), so every test plants the same carriers.
"""

from __future__ import annotations

import io
import zipfile

import pikepdf

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


def attachment(name: str) -> bytes:
    """A fixture by name: ``hostile-pdf``, ``owner-password-pdf`` (opens and prints, no copying), ``hostile-docx``,
    ``tracked-changes-docx``, ``bomb-docx``."""
    if name == "hostile-pdf":
        return hostile_pdf()
    if name == "owner-password-pdf":
        restricted = pikepdf.Permissions(extract=False, modify_other=False)
        return hostile_pdf(encryption=pikepdf.Encryption(owner="chu-so-huu", user="", allow=restricted))
    if name == "hostile-docx":
        return docx(PARAGRAPH)
    if name == "tracked-changes-docx":
        return docx(f'<w:p><w:ins w:author="{AUTHOR}"><w:r><w:t>mới</w:t></w:r></w:ins></w:p>')
    if name == "bomb-docx":  # 20 MiB of zeros in a few kilobytes
        return docx(PARAGRAPH, extra={"word/media/rong.bin": b"\0" * (20 * 1024 * 1024)})
    raise ValueError(f"unknown attachment {name!r}")
