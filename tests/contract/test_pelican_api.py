"""The contract behind ``plugins/common/pelican_api.py``: each Pelican internal the portal uses, as it uses it.

When Pelican is upgraded, this file says what changed before a plugin silently
stops working: a renamed attribute, a step that moved, or a workaround that is no
longer needed (linear_lists, the Markdown meta step). Run it first:
``.venv/bin/python -m pytest tests/contract``.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from datetime import datetime
from importlib.metadata import version
from pathlib import Path

import blinker
import pytest
from markdown import Markdown
from pelican import signals
from pelican.contents import Article
from pelican.generators import ArticlesGenerator, PagesGenerator
from pelican.readers import _DISCARD, MarkdownReader, Readers
from pelican.settings import DEFAULT_CONFIG, read_settings
from pelican.urlwrappers import Tag
from pelican.writers import FileOverwriteFailedError

from plugins.common import pelican_api
from plugins.linear_lists.core import SHORT_LIST


@pytest.fixture(autouse=True)
def bare_pelican() -> Iterator[None]:
    """Pelican as shipped: every signal muted, whatever plugins earlier tests in this process registered."""
    with contextlib.ExitStack() as stack:
        for signal in vars(signals).values():
            if isinstance(signal, blinker.Signal):
                stack.enter_context(signal.muted())
        yield


@pytest.fixture
def settings(tmp_path: Path) -> dict:
    (tmp_path / "content").mkdir()
    return read_settings(override={"PATH": str(tmp_path / "content"), "OUTPUT_PATH": str(tmp_path / "output")})


def article(settings: dict, body: str = "<p>Nội dung.</p>", **metadata: object) -> Article:
    return Article(body, metadata={"title": "Bài thử", **metadata}, settings=settings, source_path="bai.md")


def test_the_pinned_pelican_is_the_one_these_contracts_were_checked_against() -> None:
    assert version("pelican") == pelican_api.PELICAN_VERSION


def test_body_html_is_the_text_content_is_computed_from(settings: dict) -> None:
    page = article(settings, "<p>Cũ</p>")
    assert pelican_api.body_html(page) == "<p>Cũ</p>"
    pelican_api.set_body_html(page, "<p>Mới</p>")
    assert page.content == "<p>Mới</p>"


def test_a_summary_set_through_the_api_survives_pelicans_link_refresh(settings: dict) -> None:
    page = article(settings, summary="<p>Cũ</p>")
    page.metadata["summary"] = "<p>Tóm tắt sạch</p>"
    pelican_api.set_summary_html(page, "<p>Tóm tắt sạch</p>")
    page.refresh_metadata_intersite_links()  # Pelican copies _summary back into the metadata here
    assert page.metadata["summary"] == "<p>Tóm tắt sạch</p>"
    assert page.summary == "<p>Tóm tắt sạch</p>"


def test_a_remembered_parse_is_what_read_file_returns_without_reading(settings: dict, tmp_path: Path) -> None:
    source = tmp_path / "content" / "bai.md"
    source.write_text("Title: Trên đĩa\n\nNội dung trên đĩa.\n", encoding="utf-8")
    readers = Readers({**settings, "CACHE_CONTENT": False})
    pelican_api.remember_parsed(readers, str(source), ("<p>Từ bộ nhớ</p>", {"title": "Từ bộ nhớ"}))
    page = readers.read_file(str(source.parent), "bai.md", content_class=Article)
    assert page.content == "<p>Từ bộ nhớ</p>"
    assert page.title == "Từ bộ nhớ"


def test_discardable_metadata_is_dropped_as_pelican_drops_it_before_caching() -> None:
    assert pelican_api.without_discardable_metadata({"title": "A", "slug": _DISCARD}) == {"title": "A"}


def markdown_reader(settings: dict, header: str) -> MarkdownReader:
    reader = MarkdownReader(settings)
    reader._md = Markdown(extensions=["markdown.extensions.meta"])
    reader._source_path = "bai.md"
    reader._md.convert(header)
    return reader


def test_pelicans_metadata_step_still_removes_the_meta_preprocessor(settings: dict) -> None:
    """If this fails, Pelican stopped deregistering it: drop the re-registration in parse_markdown_metadata."""
    reader = markdown_reader(settings, "Title: A\n\nx")
    reader._parse_metadata(reader._md.Meta)
    assert "meta" not in reader._md.preprocessors


def test_parse_markdown_metadata_parses_and_leaves_the_instance_able_to_read_the_next_header(settings: dict) -> None:
    reader = markdown_reader(settings, "Title: Hội nghị\nDate: 2021-01-21 13:58\nTags: a, b\n\nx")
    metadata = pelican_api.parse_markdown_metadata(reader, reader._md, reader._md.Meta)
    assert metadata["title"] == "Hội nghị"
    assert (metadata["date"].year, metadata["date"].hour) == (2021, 13)
    assert [str(tag) for tag in metadata["tags"]] == ["a", "b"]
    reader._md.reset()
    reader._md.convert("Title: Bài sau\n\ny")
    assert reader._md.Meta == {"title": ["Bài sau"]}


def test_the_meta_extension_registers_where_the_api_puts_it_back() -> None:
    markdown = Markdown(extensions=["markdown.extensions.meta"])
    assert markdown.preprocessors._priority[markdown.preprocessors.get_index_for_name("meta")].priority == (
        pelican_api.META_STEP_PRIORITY
    )


@pytest.mark.parametrize(
    ("args", "kwargs", "expected"),
    [((), {}, False), ((False, None, "page", True), {}, True), ((), {"override_output": True}, True)],
)
def test_override_requested_reads_write_files_own_parameters(args: tuple, kwargs: dict, expected: bool) -> None:
    assert pelican_api.override_requested(args, kwargs) is expected


class RecordingWriter(pelican_api.OpenHookWriter):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.opened: list[str] = []

    def open_output(self, filename: str, encoding: str, override: bool = False):
        self.opened.append(filename)
        return super().open_output(filename, encoding, override)


class Template:
    def render(self, context: dict) -> str:
        return "<p>trang</p>"


def test_the_writer_opens_every_page_through_open_output_and_counts_it_written(settings: dict, tmp_path: Path) -> None:
    writer = RecordingWriter(str(tmp_path / "output"), settings=settings)
    writer.write_file("a/index.html", Template(), {})
    path = str(tmp_path / "output" / "a" / "index.html")
    assert writer.opened == [path]
    assert writer.already_written(path)
    with pytest.raises(FileOverwriteFailedError):
        writer.write_file("a/index.html", Template(), {})


def test_a_page_marked_written_cannot_be_written_again(settings: dict, tmp_path: Path) -> None:
    writer = RecordingWriter(str(tmp_path / "output"), settings=settings)
    path = str(tmp_path / "output" / "b.html")
    assert not writer.already_written(path)
    writer.mark_written(path)
    with pytest.raises(FileOverwriteFailedError):
        writer.write_file("b.html", Template(), {})


def generators(settings: dict, tmp_path: Path) -> list:
    context = {**settings, "generated_content": {}, "static_links": set(), "static_content": {}}
    made = [
        kind(context=context, settings=settings, path=settings["PATH"], theme=settings["THEME"],
             output_path=settings["OUTPUT_PATH"])
        for kind in (ArticlesGenerator, PagesGenerator)
    ]  # fmt: skip
    for generator in made:
        generator.generate_context()
    return made


def test_the_generators_hold_their_contents_in_the_written_lists(settings: dict, tmp_path: Path) -> None:
    made = generators(settings, tmp_path)
    for name in pelican_api.WRITTEN_LISTS:
        holders = [g for g in made if isinstance(getattr(g, name, None), list)]
        assert holders, f"no generator list named {name}"


class CountingList(list):
    calls = 0

    def __contains__(self, item: object) -> bool:
        CountingList.calls += 1
        return super().__contains__(item)


def test_tag_pages_still_filter_the_dates_with_in_on_the_tag_list(settings: dict, tmp_path: Path) -> None:
    """If this fails, Pelican no longer tests membership per date: linear_lists can go."""
    generator = generators(settings, tmp_path)[0]
    stories = [article(settings, date=datetime(2024, 1, day)) for day in range(1, SHORT_LIST + 3)]
    generator.dates = stories
    generator.tags = {Tag("tin", settings): CountingList(stories)}
    CountingList.calls = 0
    generator.generate_tags(lambda *args, **kwargs: None)
    assert CountingList.calls == len(stories)


def test_signal_receivers_run_in_the_order_they_were_connected() -> None:
    """publish and pelicanconf.py rely on it (receivers of one signal connected in plugin order)."""
    signal = signals.signal("portal-contract-order")
    order: list[str] = []
    receivers = [lambda sender, n=n: order.append(n) for n in ("một", "hai", "ba")]
    for receiver in receivers:
        signal.connect(receiver)
    signal.send(None)
    assert order == ["một", "hai", "ba"]


def test_default_settings_are_what_the_api_is_checked_with() -> None:
    assert DEFAULT_CONFIG["CACHE_CONTENT"] is False


def test_a_static_file_says_when_its_url_was_used_and_then_refuses_to_move(settings: dict, tmp_path: Path) -> None:
    from pelican.contents import Static

    static = Static("", metadata={"title": "tep"}, settings=settings, source_path="images/tep.pdf")
    assert not pelican_api.output_location_referenced(static)
    assert static.url  # a page asking for its URL fixes where it goes
    assert pelican_api.output_location_referenced(static)


def test_contents_of_one_build_share_the_context_they_were_made_with(settings: dict) -> None:
    context = {"static_content": {}}
    first, second = (
        Article("<p>x</p>", metadata={"title": t}, settings=settings, source_path=f"{t}.md", context=context)
        for t in ("a", "b")
    )
    assert pelican_api.shared_context(first) is context
    assert pelican_api.shared_context(second) is context
