"""The body's limits: slow shapes refused from the text, naming the line; a wall clock around Markdown for the rest."""

from __future__ import annotations

import re
import shutil
import signal
import threading
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown import Markdown
from pelican.settings import read_settings

from plugins.common import processes
from plugins.common.errors import ContentError, ContentErrors
from plugins.content_model import body
from plugins.content_model.hooks import PortalMarkdownReader
from tests.conftest import FIXTURE_SITE, ROOT

HEADER = "Title: Bài\nDate: 2024-05-06 08:30\nCategory: Dân vận\nAuthor: A\n\n"
LIMITS = body.BodyLimits()
WORD = st.sampled_from(["Đảng ủy", "hội nghị", "cán bộ", "(năm 2024)", "số 12/QĐ-TU", "“trích dẫn”", "`[mã]`", "\\["])
LINK = st.builds("[{}](https://example.org/{}/)".format, WORD, st.integers(0, 9999))


def keys(problems: list[ContentError]) -> list[tuple[str, int | None]]:
    return [(p.key, p.line) for p in problems]


@settings(max_examples=60, deadline=None)
@given(pieces=st.lists(st.one_of(WORD, LINK, st.just("\n")), max_size=1500))
def test_a_long_paragraph_of_words_and_links_is_accepted(pieces: list[str]) -> None:
    """Up to 1500 words and well-formed links in one paragraph: far below the bracket budget."""
    assert body.shape_problems(HEADER + " ".join(pieces), "a.md", LIMITS) == []


@settings(max_examples=40, deadline=None)
@given(
    before=st.lists(st.sampled_from(["Đoạn văn.", "[liên kết](a)", "Dòng có (ngoặc)."]), max_size=20),
    opener=st.sampled_from(["[", "![", "[^", "[a]("]),
    count=st.integers(1500, 3000),
)
def test_unclosed_openers_are_refused_on_the_line_of_the_first(before: list[str], opener: str, count: int) -> None:
    text = HEADER + "\n".join([*before, "Mở đầu " + opener * count, "kết thúc."])
    line = HEADER.count("\n") + len(before) + 1
    assert keys(body.shape_problems(text, "a.md", LIMITS)) == [("too-many-brackets", line)]


def test_nested_brackets_of_the_issue_are_refused_and_the_line_named() -> None:
    text = HEADER + "Đoạn một.\n\nĐoạn hai\n" + "[" * 10000 + "]" * 10000
    assert keys(body.shape_problems(text, "a.md", LIMITS)) == [("too-many-brackets", 9)]


def test_brackets_in_fenced_code_or_escaped_are_not_counted() -> None:
    text = HEADER + "```\n" + "[" * 5000 + "\n```\n\n" + "\\[" * 5000 + "\n"
    assert body.shape_problems(text, "a.md", LIMITS) == []


@settings(max_examples=30, deadline=None)
@given(runs=st.lists(st.tuples(st.sampled_from("`[]()\\!^*_<>=-a \n"), st.integers(1, 300)), max_size=400))
def test_the_shape_checks_take_linear_time(runs: list[tuple[str, int]]) -> None:
    """Runs of the characters Markdown backtracks on: counted in one pass (regexes here would backtrack too)."""
    text = HEADER + "".join(char * count for char, count in runs)
    started = time.process_time()
    body.shape_problems(text, "a.md", LIMITS)
    assert time.process_time() - started < 1 + len(text) / 100_000  # about 1 µs a character; 1 s spare


@pytest.mark.parametrize("line", ["=", "---", "***", "- - -", "___"])
def test_thousands_of_underlines_in_one_paragraph_are_refused_naming_it(line: str) -> None:
    text = HEADER + "Một đoạn.\n\nTiêu đề\n" + f"{line}\n" * 5000
    assert keys(body.shape_problems(text, "a.md", LIMITS)) == [("too-many-underlines", 8)]


def test_underlines_separated_by_blank_lines_are_fine() -> None:
    assert body.shape_problems(HEADER + "Tiêu đề\n===\n\n" * 5000, "a.md", LIMITS) == []


def test_the_wall_clock_stops_the_regex_engine_itself() -> None:
    """Catastrophic backtracking inside one ``re`` call (C code) is interrupted: sre checks for signals."""
    started = time.monotonic()
    with pytest.raises(ContentError) as caught:
        body.render(lambda text: str(re.match(r"(a+)+$", text)), "a" * 40 + "b", "a.md", 0.2)
    assert (caught.value.key, caught.value.source) == ("too-slow", "a.md")
    assert time.monotonic() - started < 30  # uncapped, this match takes hours


def test_the_wall_clock_puts_back_the_previous_handler_and_timer() -> None:
    rang: list[int] = []
    previous = signal.signal(signal.SIGALRM, lambda signum, frame: rang.append(signum))
    try:
        signal.setitimer(signal.ITIMER_REAL, 30)
        assert body.render(lambda text: text.upper(), "abc", "a.md", 1) == "ABC"
        assert 25 < signal.getitimer(signal.ITIMER_REAL)[0] <= 30
        signal.setitimer(signal.ITIMER_REAL, 0.3)  # an outer timer due before the budget fires its own handler
        assert body.render(lambda text: time.sleep(1) or text, "x", "a.md", 5) == "x"
        assert rang == [signal.SIGALRM]
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def test_outside_the_main_thread_the_text_is_rendered_without_a_clock() -> None:
    results: list[str] = []
    worker = threading.Thread(target=lambda: results.append(body.render(str.upper, "abc", "a.md", 0.01)))
    worker.start()
    worker.join()
    assert results == ["ABC"]


def slow_render(seconds: float) -> str:
    """A 2,500-bracket paragraph (seconds of work) through a build-configured Markdown with a short budget."""
    options = body.markdown_options(read_settings(str(ROOT / "pelicanconf.py"))["MARKDOWN"])
    try:
        body.Renderer(options).convert("[" * 2500, "bai.md", seconds)
    except ContentError as error:
        return str(error)
    return "rendered"


def test_the_wall_clock_works_in_the_build_s_forked_reading_workers() -> None:
    outcomes = processes.fork_map(slow_render, [0.2, 0.2], workers=2)
    assert [o.error for o in outcomes] == [None, None]
    assert all("[too-slow]" in o.value and "bai.md" in o.value for o in outcomes)


@pytest.fixture(scope="module")
def quick_reader(tmp_path_factory: pytest.TempPathFactory) -> PortalMarkdownReader:
    """The build's reader with the shape checks off and a short budget: only the clock can stop a slow file."""
    content = tmp_path_factory.mktemp("content")
    (content / "data").mkdir()
    shutil.copy(FIXTURE_SITE / "data" / "site.toml", content / "data" / "site.toml")
    override = {
        "PATH": str(content),
        "CONTENT_MODEL_MAX_BRACKET_SCAN": 10**12,
        "CONTENT_MODEL_RENDER_SECONDS": 0.3,
    }
    return PortalMarkdownReader(read_settings(str(ROOT / "pelicanconf.py"), override=override))


def outcome(reader: PortalMarkdownReader, path: Path, text: str) -> tuple[str, dict] | str:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    try:
        return reader.read(str(path))
    except (ContentError, ContentErrors) as error:
        return str(error)


NEXT = HEADER + "Có chú thích[^1] và UBND.\n\n[^1]: Ghi chú.\n\n*[UBND]: Ủy ban nhân dân\n"


@settings(max_examples=5, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(opener=st.sampled_from(["[", "![", "[^", "[a]("]))
def test_after_a_file_out_of_time_the_reader_reads_the_next_as_a_fresh_one(quick_reader, opener) -> None:
    path = Path(quick_reader.settings["PATH"]) / "articles" / "2024" / "bai" / "index.md"
    refused = outcome(quick_reader, path, HEADER + opener * 4000)
    assert "bai/index.md" in refused
    assert "[too-slow]" in refused
    fresh = PortalMarkdownReader(quick_reader.settings)
    assert outcome(quick_reader, path, NEXT) == outcome(fresh, path, NEXT)


def test_markdown_options_are_pelican_s() -> None:
    """``make check`` renders with the reader's extensions: Pelican's completion of ``MARKDOWN``."""
    settings_ = read_settings(str(ROOT / "pelicanconf.py"), override={"PATH": str(FIXTURE_SITE)})
    ours = body.markdown_options(settings_["MARKDOWN"])
    PortalMarkdownReader(settings_)  # Pelican's __init__ completes settings["MARKDOWN"] in place
    assert ours["extensions"] == settings_["MARKDOWN"]["extensions"]
    text = "Chú thích[^1] ~~xóa~~ *[UBND]\n\n[^1]: a\n"
    assert Markdown(**ours).convert(text) == Markdown(**settings_["MARKDOWN"]).convert(text)
