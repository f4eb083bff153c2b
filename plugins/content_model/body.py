"""The body's rules, shared by the reader and ``make check``: size, nesting, slow shapes, a time budget, raw HTML.

No Pelican import. Why a time budget and shape checks: Python-Markdown's link,
image, reference and footnote patterns scan from every ``[`` to its matching
``]`` (and from ``](`` to its ``)``), or to the end of the paragraph when
there is none. A paragraph of n unclosed or nested
brackets therefore costs n times its length: 30 KB of brackets kept
``make publish`` busy for minutes (issue 23). Its block parser, likewise,
searches the rest of a paragraph again after each ``===``/``---``/``***``
line it splits off, so thousands of such lines without a blank line between
them cost their number times the paragraph's length.

Both shapes are refused from the text before rendering, naming the line
(``shape_problems``). Anything else that is slow is stopped by a wall clock
around ``Markdown.convert`` (``render``): ``SIGALRM`` raises inside the
conversion (CPython's regex engine checks for signals as it runs, and the
pure-Python parts check between bytecodes). The reader of the build and
``make check`` call these same functions, so both refuse the same files with
the same words.
"""

from __future__ import annotations

import re
import signal
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from markdown import Markdown

from plugins.common.errors import ContentError
from plugins.content_model import core
from plugins.content_model.settings import Settings

_FENCE = re.compile(r"^\s*(```|~~~)")
# A line the block parser splits a paragraph at: a setext underline or a horizontal rule.
_SPLITTING_LINE = re.compile(r"^ {0,3}(?:=+|-+|(?:[-*_][ \t]*){3,})[ \t]*$")


@dataclass(frozen=True)
class BodyLimits:
    """How large one file may be and how much work its Markdown may cost (``CONTENT_MODEL_*``, settings.py)."""

    max_bytes: int = 1_000_000
    max_nesting: int = 12
    max_bracket_scan: int = 1_000_000
    max_split_scan: int = 20_000_000
    seconds: float = 5.0

    @classmethod
    def from_settings(cls, values: Settings) -> BodyLimits:
        """The limits from the plugin's ``CONTENT_MODEL_*`` settings."""
        return cls(
            values.CONTENT_MODEL_MAX_BYTES,
            values.CONTENT_MODEL_MAX_NESTING,
            values.CONTENT_MODEL_MAX_BRACKET_SCAN,
            values.CONTENT_MODEL_MAX_SPLIT_SCAN,
            values.CONTENT_MODEL_RENDER_SECONDS,
        )


def body_problems(text: str, source: str | Path, limits: BodyLimits) -> list[ContentError]:
    """What must stop a file before Markdown sees it: too large, nested too deep, a slow shape (the first found)."""
    return core.check_body(text, source, max_bytes=limits.max_bytes, max_nesting=limits.max_nesting) or shape_problems(
        text, source, limits
    )


def raw_html_problem(text: str, source: str | Path) -> ContentError | None:
    """Raw HTML in the body (cleaned anyway by html_policy): a warning in the build, fatal in production."""
    body, first_line = core.body_of(text)
    line = core.first_raw_html_line(body, first_line)
    if line is None:
        return None
    return ContentError(
        "raw-html",
        "Bài viết có mã HTML (thường do dán từ Word hoặc trang web). Hãy viết bằng Markdown;"
        " mã HTML không an toàn sẽ bị loại bỏ.",
        source,
        line,
    )


def paragraphs(text: str) -> Iterator[tuple[int, list[str]]]:
    """Blank-line separated blocks outside fenced code, with the 1-based line each starts on.

    Python-Markdown renders the inline text of each paragraph (list item, table
    cell) on its own; a block here is never smaller, so its cost is an upper bound.
    """
    block: list[str] = []
    start, in_fence = 1, False
    for number, line in enumerate(text.split("\n"), start=1):
        fence = _FENCE.match(line)
        if fence:
            in_fence = not in_fence
        if fence or in_fence or not line.strip():
            if block:
                yield start, block
            block = []
            continue
        if not block:
            start = number
        block.append(line)
    if block:
        yield start, block


def bracket_scan(block: str) -> tuple[int, int]:
    """Characters Markdown's bracket patterns scan in ``block``, and the offset of the costliest opener.

    Each ``[`` (and each ``(`` right after a ``]``) is scanned to its matching
    closer, or to the end of the block when unmatched. Escaped brackets are
    not scanned by Markdown and not counted here; brackets in code spans are
    (finding code spans as Markdown does backtracks: a regex for them took
    15 s on 5 KB of backtick runs), so the count is an upper bound.
    """
    text = block.replace("\\[", "  ").replace("\\(", "  ")  # blanked: offsets (and lines) stay those of ``block``
    squares: list[int] = []
    parens: list[tuple[int, bool]] = []  # (offset, opens a link destination)
    cost, worst, worst_at = 0, -1, 0

    def add(opener: int, end: int) -> None:
        nonlocal cost, worst, worst_at
        cost += end - opener
        if end - opener > worst:
            worst, worst_at = end - opener, opener

    for offset, char in enumerate(text):
        if char == "[":
            squares.append(offset)
        elif char == "]" and squares:
            add(squares.pop(), offset)
        elif char == "(":
            parens.append((offset, offset > 0 and text[offset - 1] == "]"))
        elif char == ")" and parens:
            opener, counted = parens.pop()
            if counted:
                add(opener, offset)
    for opener in squares + [offset for offset, counted in parens if counted]:
        add(opener, len(text))
    return cost, worst_at


def shape_problems(text: str, source: str | Path, limits: BodyLimits) -> list[ContentError]:
    """The first paragraph whose brackets or underlines would make Markdown slow, naming its line."""
    for start, lines in paragraphs(text):
        block = "\n".join(lines)
        cost, at = bracket_scan(block)
        if cost > limits.max_bracket_scan:
            line = start + block[:at].count("\n")
            return [
                ContentError(
                    "too-many-brackets",
                    "Đoạn văn có quá nhiều dấu ngoặc “[” hoặc “](” chưa đóng hoặc lồng nhau (thường do dán nhầm),"
                    " khiến việc dựng trang kéo dài nhiều phút. Hãy xóa các dấu ngoặc thừa; liên kết viết"
                    " dạng [chữ](địa chỉ).",
                    source,
                    line,
                )
            ]
        splits = sum(1 for line in lines if _SPLITTING_LINE.match(line))
        if splits * len(block) > limits.max_split_scan:
            return [
                ContentError(
                    "too-many-underlines",
                    f"Đoạn văn có {splits} dòng gạch (===, --- hoặc ***) liền nhau không có dòng trống,"
                    " khiến việc dựng trang kéo dài nhiều phút. Hãy xóa các dòng gạch thừa hoặc thêm"
                    " dòng trống giữa các phần.",
                    source,
                    start,
                )
            ]
    return []


class _OutOfTime(BaseException):
    """Raised by the alarm inside ``Markdown.convert``: a BaseException, so no ``except Exception`` in
    an extension can swallow it."""


@contextmanager
def wall_clock(seconds: float) -> Iterator[bool]:
    """Raise ``_OutOfTime`` in this block once ``seconds`` have passed; yields whether the clock runs.

    Only the main thread can receive signals (and Windows has no ``setitimer``):
    elsewhere the block runs without a clock and the shape checks are the only
    guard. A timer already running (pytest-timeout, say) is put back with the
    time it has left, and fires through its own handler if it was due first.
    """
    if not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        yield False
        return
    started = time.monotonic()
    deadline = started + seconds

    def ring(signum: int, frame: Any) -> None:
        if time.monotonic() >= deadline - 0.001:
            raise _OutOfTime
        if callable(previous_handler):  # the outer timer was due before ours
            previous_handler(signum, frame)

    previous_handler: Callable[..., Any] | int | None = signal.signal(signal.SIGALRM, ring)
    previous_delay, previous_interval = signal.setitimer(signal.ITIMER_REAL, seconds)
    if previous_delay and previous_delay < seconds:
        signal.setitimer(signal.ITIMER_REAL, previous_delay)
    try:
        yield True
    finally:
        try:
            signal.setitimer(signal.ITIMER_REAL, 0)
        finally:  # even when the alarm rang between the block's end and the line above
            signal.signal(signal.SIGALRM, previous_handler)
            if previous_delay:
                left = previous_delay - (time.monotonic() - started)
                signal.setitimer(signal.ITIMER_REAL, max(left, 0.001), previous_interval)


def render(convert: Callable[[str], str], text: str, source: str | Path, seconds: float) -> str:
    """``convert(text)`` (a reset Markdown's ``convert``) within ``seconds``, its failures as the editor's errors.

    After an error the Markdown instance may hold half a document: the caller
    must not reuse it without ``reset()`` (the reader builds a new one).
    """
    try:
        with wall_clock(seconds):
            return convert(text)
    except _OutOfTime:
        raise ContentError(
            "too-slow",
            f"Bài viết cần hơn {seconds:g} giây để chuyển từ Markdown sang trang web (thường do dán nhầm:"
            " rất nhiều dấu ngoặc, dấu * hoặc mã HTML liền nhau). Hãy kiểm tra phần vừa dán, hoặc chia"
            " thành nhiều bài.",
            source,
        ) from None
    except RecursionError:
        raise ContentError("too-deep", "Bài viết lồng nhau quá sâu, Markdown không đọc được.", source) from None


def markdown_options(setting: dict[str, Any]) -> dict[str, Any]:
    """Pelican's ``MARKDOWN`` setting as its Markdown reader completes it: every configured extension, and meta.

    ``make check`` renders with these, so it sees the extensions the build uses.
    """
    options = {**setting, "extension_configs": dict(setting.get("extension_configs", {}))}
    wanted = [*setting.get("extensions", []), *options["extension_configs"], "markdown.extensions.meta"]
    options["extensions"] = list(dict.fromkeys(wanted))
    return options


class Renderer:
    """One Markdown instance reused from file to file (``reset()``), each conversion within the time budget.

    Reuse saves building the instance, about 1 ms, a sixth of reading a short
    article. After a refused file the instance is dropped, since it was
    stopped half-way through a document: the next file gets a new one.
    """

    def __init__(self, options: dict[str, Any]) -> None:
        self.options = options
        self._markdown: Markdown | None = None

    def convert(self, text: str, source: str | Path, seconds: float) -> tuple[str, Markdown]:
        """The HTML of ``text`` and the instance that made it (its ``Meta``), or the file's error."""
        if self._markdown is None:
            self._markdown = Markdown(**self.options)
        else:
            self._markdown.reset()
        markdown = self._markdown
        try:
            return render(markdown.convert, text, source, seconds), markdown
        except ContentError:
            self._markdown = None
            raise
