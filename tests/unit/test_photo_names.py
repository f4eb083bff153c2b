"""Photo file names as editors' computers write them (issue #23): NFC or NFD, spaces, capitals, Vietnamese.

macOS stores names decomposed (NFD) while the Markdown holds them composed (NFC),
or the reverse after a copy. The build (figures: Markdown's ``src`` through
``resolve_photo`` and ``probe``) and ``make check`` (content_checks) must both
find the photo, or both refuse it with the same ``path:line: … [key]`` naming it;
never a traceback. Case still matters, as on the server.
"""

from __future__ import annotations

import io
import tempfile
import unicodedata
from pathlib import Path
from urllib.parse import quote

import markdown
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pelican.settings import read_settings
from PIL import Image

from plugins.common.errors import ContentError
from plugins.common.paths import on_disk
from plugins.figures import core as figures
from plugins.vi_text.core import nfc
from tests.conftest import ROOT
from tools.content_checks import core as checks

MARKDOWN_SETTINGS = read_settings(str(ROOT / "pelicanconf.py"))["MARKDOWN"]
JPEG = io.BytesIO()
Image.new("RGB", (40, 30), (180, 40, 40)).save(JPEG, "JPEG")
VIETNAMESE = "aăâbcdđeêghiklmnoôơpqrstuưvxyàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ"
LETTERS = VIETNAMESE + VIETNAMESE.upper() + "0123456789-_"

stems = st.text(alphabet=LETTERS + " ", min_size=1, max_size=24).map(str.strip).filter(bool)


def forms(text: str, form: str) -> str:
    return unicodedata.normalize(form, text)


def build_finds(text: str, article: Path, content: Path) -> tuple[str, ContentError | None]:
    """What the build does with the first photo of ``text``: the reference Markdown produced, and its error.

    The reader hands Markdown NFC text (``content_model``), as here.
    """
    html = markdown.Markdown(**MARKDOWN_SETTINGS).convert(nfc(text))
    sources: list[str] = []
    figures.replace_images(html, lambda tag, attrs: sources.append(attrs["src"]) or tag)
    assert len(sources) == 1, html
    try:
        path = figures.resolve_photo(sources[0], article.parent, content)
        figures.probe(path, sources[0], figures.EncoderSettings())
    except ContentError as err:
        return sources[0], err
    return sources[0], None


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    stem=stems,
    disk_form=st.sampled_from(["NFC", "NFD"]),
    text_form=st.sampled_from(["NFC", "NFD"]),
    spaces=st.sampled_from(["raw", "percent", "brackets"]),
    capital_first=st.booleans(),
)
def test_build_and_check_find_the_same_photos(
    stem: str, disk_form: str, text_form: str, spaces: str, capital_first: bool
) -> None:
    disk_name = forms(stem, disk_form) + ".jpg"
    written = forms(stem[0].upper() + stem[1:] if capital_first else stem, text_form) + ".jpg"
    reference = {"raw": written, "percent": quote(written, safe=""), "brackets": f"<{written}>"}[spaces]
    with tempfile.TemporaryDirectory() as folder:
        content = Path(folder) / "content"
        article = content / "articles" / "2024" / "bai" / "index.md"
        article.parent.mkdir(parents=True)
        (article.parent / disk_name).write_bytes(JPEG.getvalue())
        body = f"![Ảnh hội nghị]({reference})\n/// caption\nẢnh hội nghị\n///\n"
        article.write_text(f"Title: Bài\nDate: 2024-05-06 08:30\n\n{body}", encoding="utf-8")
        config = checks.CheckConfig(content=content)
        document, problems = checks.read_document(article, False, config)
        assert problems == []
        assert document is not None
        reported = checks.check_photos(document, config)
        source, error = build_finds(body, article, content)

    should_find = forms(written, "NFC") == forms(disk_name, "NFC")
    assert (error is None) == should_find, (disk_name, reference, error)
    if should_find:
        assert reported == []
    else:
        assert error.key == "image-not-found"
        assert source in error.message
        assert [(e.key, e.line, e.message) for e in reported] == [("image-not-found", 4, error.message)]
        assert str(reported[0]).startswith(f"{article}:4: ")
        assert str(reported[0]).endswith("[image-not-found]")


def test_on_disk_matches_each_component_in_either_form(tmp_path: Path) -> None:
    folder = tmp_path / unicodedata.normalize("NFD", "hội-nghị")
    folder.mkdir()
    photo = folder / unicodedata.normalize("NFD", "ảnh đẹp.jpg")
    photo.write_bytes(b"x")
    asked = tmp_path / "hội-nghị" / "ảnh đẹp.jpg"  # NFC, as typed
    assert on_disk(asked, tmp_path) == photo
    assert on_disk(photo, tmp_path) == photo  # as spelt: one stat, no listing
    assert on_disk(tmp_path / "hội-nghị" / "Ảnh đẹp.jpg", tmp_path) is None  # case is kept
    assert on_disk(tmp_path / "khác" / "ảnh đẹp.jpg", tmp_path) is None
    assert on_disk(asked, tmp_path / "elsewhere") is None  # only below the known folder
    assert on_disk(folder / ".." / "hội-nghị" / "ảnh đẹp.jpg", folder) is None  # never listed above it


def test_the_published_name_of_a_decomposed_photo_is_the_ascii_slug(tmp_path: Path) -> None:
    nfd = tmp_path / unicodedata.normalize("NFD", "ảnh-hội-nghị.jpg")
    assert figures.file_stem(nfd) == figures.file_stem(tmp_path / "ảnh-hội-nghị.jpg") == "anh-hoi-nghi"
