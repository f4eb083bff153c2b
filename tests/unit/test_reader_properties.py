"""Property tests: whatever an editor types, the reader either reads it or says what is wrong.

No input may end in an unexpected traceback: the result is content, or a
ContentError naming the file.
"""

import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pelican.settings import read_settings

from plugins.common.errors import ContentError, ContentErrors
from plugins.content_model.hooks import PortalMarkdownReader
from tests.conftest import FIXTURE_SITE, ROOT

MARKDOWN_BITS = st.sampled_from(
    [
        "# ",
        "## ",
        "- ",
        "1. ",
        "> ",
        "    ",
        "```",
        "|",
        "---",
        "*",
        "_",
        "`",
        "[",
        "]",
        "(",
        ")",
        "!",
        "<",
        ">",
        "&",
        "\n",
        "\n\n",
        "Đảng ủy ",
        "hội nghị ",
        "{static}",
        "/// caption\n",
        "///\n",
        "\t",
        "\\",
        "#",
        "[^1]",
        "\n[^1]: chú thích\n",
        "\n*[UBND]: Ủy ban nhân dân\n",
        "UBND ",
    ]
)
BODY = st.lists(st.one_of(MARKDOWN_BITS, st.text(max_size=8)), max_size=40).map("".join)
HEADER_VALUE = st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\n\r"), max_size=30)


@pytest.fixture(scope="module")
def reader(tmp_path_factory: pytest.TempPathFactory) -> PortalMarkdownReader:
    """A reader whose PATH is a content folder of its own: the files read must lie inside it.

    (With PATH on the fixture site, every file written under a test's tmp_path
    was refused as outside content/ before it was parsed.)
    """
    content = tmp_path_factory.mktemp("reader") / "content"
    (content / "data").mkdir(parents=True)
    shutil.copy(FIXTURE_SITE / "data" / "site.toml", content / "data" / "site.toml")
    return PortalMarkdownReader(read_settings(str(ROOT / "pelicanconf.py"), override={"PATH": str(content)}))


def read(reader: PortalMarkdownReader, _folder: Path, text: str) -> None:
    path = Path(reader.settings["PATH"]) / "articles" / "2024" / "bai" / "index.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    message = ""
    try:
        reader.read(str(path))
    except (ContentError, ContentErrors) as error:
        message = str(error)
    assert "path-outside-content" not in message
    assert not message or "bai/index.md" in message


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(body=BODY)
def test_any_body_reads_or_fails_cleanly(reader, tmp_path, body):
    header = "Title: Bài\nDate: 2024-05-06 08:30\nCategory: Dân vận\nAuthor: A\n\n"
    read(reader, tmp_path, header + body)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(title=HEADER_VALUE, date=HEADER_VALUE, category=HEADER_VALUE, extra=HEADER_VALUE)
def test_any_metadata_reads_or_fails_cleanly(reader, tmp_path, title, date, category, extra):
    text = (
        f"Title: {title}\nDate: {date}\nCategory: {category}\nAuthor: A\nTags: {extra}\nRelated: {extra}\n\nThân bài.\n"
    )
    read(reader, tmp_path, text)


def outcome(reader: PortalMarkdownReader, _folder: Path, text: str) -> tuple[str, dict] | str:
    """What reading ``text`` gives: content and metadata, or the error message."""
    path = Path(reader.settings["PATH"]) / "articles" / "2024" / "bai" / "index.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    try:
        return reader.read(str(path))
    except (ContentError, ContentErrors) as error:
        return str(error)


ARTICLE = st.builds(
    "Title: {}\nDate: 2024-05-06 08:30\nCategory: Dân vận\nAuthor: A\n{}{}\n{}\n".format,
    HEADER_VALUE,
    st.sampled_from(["", "Tags: Chuyển đổi số, Dân vận\n", "Summary: Tóm tắt *có* [[1]](#a) «định dạng»\n"]),
    st.sampled_from(["", "Cover: anh.jpg\n", "Related: bai-khac\n"]),
    BODY,
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(texts=st.lists(ARTICLE, min_size=2, max_size=4))
def test_one_reader_for_many_files_reads_each_as_a_fresh_reader_does(reader, tmp_path, texts):
    """The reader keeps one Markdown instance between files: nothing of one file may reach the next."""
    fresh = [outcome(PortalMarkdownReader(reader.settings), tmp_path, text) for text in texts]
    assert [outcome(reader, tmp_path, text) for text in texts] == fresh
