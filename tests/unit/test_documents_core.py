"""plugins/documents/core.py: number/symbol format, date order, attachments and metadata stripping."""

from __future__ import annotations

import zipfile
from datetime import date
from io import BytesIO
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader

from plugins.common.errors import display_path
from plugins.documents import core
from tests.conftest import SITE_DATA

TYPES = core.load_document_types(SITE_DATA)
RESOLUTION = core.find_type("Nghị quyết", TYPES)


def pdf_bytes(author: str = "Nguyễn Văn Thư") -> bytes:
    out = BytesIO()
    Image.new("L", (200, 280), 255).save(out, "PDF", author=author, producer="Máy quét X", creator="Word")
    return out.getvalue()


def document_text(**overrides: str) -> str:
    fields = {
        "Title": "Nghị quyết về công tác xây dựng Đảng",
        "Number": "15-NQ/ĐUK",
        "Type": "Nghị quyết",
        "Issuer": "Ban Chấp hành Đảng bộ Khối",
        "Issued": "2024-01-18",
        "Effective": "2024-01-20",
        "Attachment": "nq15.pdf",
        **overrides,
    }
    return "\n".join(f"{k}: {v}" for k, v in fields.items() if v is not None) + "\n\nNội dung.\n"


def write_document(root: Path, slug: str = "nq-15", *, attachment: bool = True, **overrides: str) -> Path:
    folder = root / "2024" / slug
    folder.mkdir(parents=True)
    (folder / "index.md").write_text(document_text(**overrides), encoding="utf-8")
    if attachment:
        (folder / "nq15.pdf").write_bytes(pdf_bytes())
    return folder / "index.md"


def read(source: Path):
    return core.read_document(source, TYPES, formats=("pdf", "docx"), max_bytes=10_000_000)


@pytest.mark.parametrize(
    "number", ["15-NQ/ĐUK", "05-CT/ĐUK", "123-KH/BTGTU", "13/2018/NĐ-CP", "45/QĐ-UBND", "02-KL/TW"]
)
def test_party_and_state_numbers_are_accepted(number):
    assert core.check_number(number, None) is None


@pytest.mark.parametrize("number", ["15/NQ/ĐUK", "NQ-15", "15-nq/đuk", "15 NQ ĐUK", "số 15"])
def test_malformed_numbers_are_refused_with_an_example(number):
    problem = core.check_number(number, None)
    assert problem
    assert "15-NQ/ĐUK" in problem


def test_number_must_carry_the_type_abbreviation():
    assert core.check_number("15-NQ/ĐUK", RESOLUTION) is None
    problem = core.check_number("15-CT/ĐUK", RESOLUTION)
    assert problem
    assert '"CT"' in problem
    assert "Nghị quyết" in problem


def test_a_valid_document_is_read_with_its_stripped_attachment(tmp_path):
    document, errors = read(write_document(tmp_path))
    assert errors == []
    assert (document.number, document.type, document.issued, document.effective) == (
        "15-NQ/ĐUK",
        RESOLUTION,
        date(2024, 1, 18),
        date(2024, 1, 20),
    )
    assert document.download_name == "15-nq-duk.pdf"
    assert PdfReader(BytesIO(document.attachment.data)).metadata is None
    assert document.attachment.published_name("nq-15").startswith("nq-15.")


def test_effective_before_issued_is_an_error_on_the_effective_line(tmp_path):
    source = write_document(tmp_path, Effective="2024-01-10")
    document, errors = read(source)
    assert document is None
    assert [(e.key, e.source, e.line) for e in errors] == [("effective-before-issued", source, 6)]
    assert "trước ngày ban hành" in errors[0].message


def test_missing_attachment_names_the_file_and_line(tmp_path):
    source = write_document(tmp_path, attachment=False)
    _, errors = read(source)
    assert [(e.key, e.line) for e in errors] == [("missing-attachment", 7)]
    assert str(errors[0]).startswith(f"{display_path(source)}:7: ")
    assert "nq15.pdf" in str(errors[0])


def test_attachment_outside_the_folder_is_refused(tmp_path):
    _, errors = read(write_document(tmp_path, Attachment="../khac.pdf"))
    assert [e.key for e in errors] == ["bad-attachment"]


def test_every_problem_of_a_file_is_reported_together(tmp_path):
    source = write_document(tmp_path, Type="Công văn", Issued="18/13/2024", Issuer=None, Color="đỏ")
    _, errors = read(source)
    assert {e.key for e in errors} >= {
        "unknown-document-type",
        "bad-document-issued",
        "missing-document-issuer",
        "unknown-document-key",
    }


def test_reserved_folder_names_are_refused(tmp_path):
    _, errors = read(write_document(tmp_path, slug="loai"))
    assert [e.key for e in errors] == ["bad-document-folder"]


def test_check_folder_reports_bad_files_and_duplicate_numbers(tmp_path):
    write_document(tmp_path, "a")
    write_document(tmp_path, "b")
    bad = write_document(tmp_path, "c", Number="16-NQ/ĐUK", Effective="2023-12-31")
    errors = core.check_folder(tmp_path, SITE_DATA)
    assert sorted((e.key, Path(e.source).parent.name) for e in errors) == [
        ("duplicate-document-number", "b"),
        ("effective-before-issued", bad.parent.name),
    ]


def test_docx_loses_author_and_company_but_keeps_title():
    core_xml = (
        '<?xml version="1.0" encoding="UTF-8"?><cp:coreProperties'
        ' xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"'
        ' xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>Kế hoạch</dc:title>'
        "<dc:creator>Nguyễn Văn Thư</dc:creator><cp:lastModifiedBy>may-tinh-03</cp:lastModifiedBy></cp:coreProperties>"
    )
    source = BytesIO()
    with zipfile.ZipFile(source, "w") as docx:
        docx.writestr("[Content_Types].xml", "<Types/>")
        docx.writestr("docProps/core.xml", core_xml)
        docx.writestr("docProps/app.xml", "<Properties><Company>Sở X</Company></Properties>")
        docx.writestr("word/document.xml", "<w:document/>")
    stripped = zipfile.ZipFile(BytesIO(core.strip_docx(source.getvalue(), "kh.docx")))
    assert "docProps/app.xml" not in stripped.namelist()
    text = stripped.read("docProps/core.xml").decode()
    assert "Kế hoạch" in text
    assert "Nguyễn" not in text
    assert "may-tinh" not in text
    assert stripped.read("word/document.xml") == b"<w:document/>"
    assert core.strip_docx(source.getvalue(), "kh.docx") == core.strip_docx(source.getvalue(), "kh.docx")


def test_pdf_stripping_is_deterministic_and_refuses_non_pdf():
    data = pdf_bytes()
    assert PdfReader(BytesIO(data)).metadata["/Author"] == "Nguyễn Văn Thư"
    assert PdfReader(BytesIO(core.strip_pdf(data, "a.pdf"))).metadata is None
    assert core.strip_pdf(data, "a.pdf") == core.strip_pdf(data, "a.pdf")
    with pytest.raises(ValueError, match="không phải PDF"):
        core.strip_pdf(b"not a pdf at all", "a.pdf")


@pytest.mark.parametrize(
    ("size", "label"), [(900, "1 KB"), (350 * 1024, "350 KB"), (int(1.25 * 1024 * 1024), "1,2 MB")]
)
def test_sizes_read_the_vietnamese_way(size, label):
    assert core.human_size(size) == label


def test_newest_first_then_by_number_and_groupings():
    make = lambda n, d, t: core.Document(  # noqa: E731
        Path("x"), n, "t", n, core.find_type(t, TYPES), "i", d, None, "", "", "", None
    )
    docs = core.newest_first(
        [make("2-KH/ĐUK", date(2023, 5, 1), "Kế hoạch"), make("1-NQ/ĐUK", date(2024, 1, 1), "Nghị quyết")]
    )
    assert [d.number for d in docs] == ["1-NQ/ĐUK", "2-KH/ĐUK"]
    assert [y for y, _ in core.by_year(docs)] == [2024, 2023]
    assert [t.name for t, _ in core.by_type(docs, TYPES)] == ["Nghị quyết", "Kế hoạch"]
