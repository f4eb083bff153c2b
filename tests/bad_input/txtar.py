"""Read bad-input cases (txtar-style) and lay them out as content folders."""

from __future__ import annotations

import base64
import io
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from PIL import Image

from tests.attachment_fixtures import attachment
from tests.conftest import soon
from tests.photo_fixtures import photo

# What kind of input a case stands for (issue #23's classes): careless editors, leaks, hangs,
# gaps between make check and make publish, implausible values, legitimate input.
CLASSES = ("careless", "leak", "hang", "gap", "plausibility", "legitimate")

_SECTION = re.compile(r"^-- (?P<path>\S(?:.*?\S)?)(?: \((?P<modifier>[^)]*)\))? --$")  # a path may hold spaces


@dataclass
class Case:
    """One bad-input case: its files and what the build must do with them."""

    name: str
    should_fail: bool
    klass: str = ""  # one of CLASSES (``class:``)
    expected: list[str] = field(default_factory=list)  # in the build's log and in make check's report
    build_expected: list[str] = field(default_factory=list)  # only a build prints these ("Processed 1 article")
    absent: list[str] = field(default_factory=list)
    absent_files: list[str] = field(default_factory=list)  # globs that must match no file of the output
    present_files: list[str] = field(default_factory=list)  # globs that must each match a file of the output
    secrets: list[str] = field(default_factory=list)  # found nowhere: output files, their names, the build log
    check_differs: str = ""  # why ``make check`` may disagree with the build (``check: differs <reason>``)
    files: list[tuple[str, str | None, str]] = field(default_factory=list)  # (path, modifier, text)

    def write(self, content: Path) -> None:
        """Create the case's files under ``content``.

        Modifiers are separated by commas; ``nfd`` writes the file's name decomposed
        (as macOS does), whatever form the case file spells it in. ``@SOON@`` in a
        text is a date and time 30 days ahead.
        """
        for relative, modifier, raw in self.files:
            text = raw.replace("@SOON@", soon())
            modifiers = [m.strip() for m in (modifier or "").split(",") if m.strip()]
            name = unicodedata.normalize("NFD", relative) if "nfd" in modifiers else relative
            modifiers = [m for m in modifiers if m != "nfd"]
            path = content / name
            path.parent.mkdir(parents=True, exist_ok=True)
            kind, _, arg = (modifiers[0] if modifiers else "").partition("=")
            if kind == "symlink":
                path.symlink_to(text.strip())
            else:
                path.write_bytes(_payload(kind, arg, text))


def _payload(kind: str, arg: str, text: str) -> bytes:  # noqa: PLR0911 (one return per modifier)
    if kind == "encoding":
        return text.encode(arg)
    if kind == "base64":
        return base64.b64decode(text)
    if kind == "repeat":  # the section's last line, N times: a huge body after a normal header
        head, _, last = text.rstrip("\n").rpartition("\n")
        return (head + "\n" + (last + "\n") * int(arg)).encode()
    if kind == "image":
        width, height = (int(n) for n in arg.split("x"))
        buffer = io.BytesIO()
        Image.new("RGB", (width, height), (180, 40, 40)).save(buffer, "JPEG")
        return buffer.getvalue()
    if kind == "photo":  # a photo in one of the forms of tests/photo_fixtures.py (16-bit, CMYK…)
        return photo(arg).data
    if kind == "attachment":  # a PDF or DOCX of tests/attachment_fixtures.py (author, comments, scripts…)
        return attachment(arg)
    if kind:
        raise ValueError(f"unknown modifier {kind!r}")
    return text.encode()


# Header keys that collect their values in a list of the case.
_LIST_KEYS = {
    "expect": "expected",
    "build-expect": "build_expected",
    "absent": "absent",
    "absent-file": "absent_files",
    "present-file": "present_files",
    "secret": "secrets",
}


def parse(path: Path) -> Case:
    """Parse a case file; the header's ``class:``/``exit:``/``check:`` lines and the list keys drive the test."""
    case = Case(path.stem, should_fail=True)
    sections: list[tuple[str, str | None, list[str]]] = []
    for line in path.read_text(encoding="utf-8").split("\n"):
        if match := _SECTION.match(line):
            sections.append((match["path"], match["modifier"], []))
        elif sections:
            sections[-1][2].append(line)
        else:
            read_header_line(case, *line.partition(":")[::2])
    # A section's text ends with one newline, whatever blank lines separate it from the next.
    case.files = [(p, m, "\n".join(lines).rstrip("\n") + "\n") for p, m, lines in sections]
    return case


def read_header_line(case: Case, key: str, value: str) -> None:
    """One ``key: value`` line of a case's header; other lines are free text."""
    value = value.strip()
    if key in _LIST_KEYS:
        getattr(case, _LIST_KEYS[key]).append(value)
    elif key == "class":
        case.klass = value
    elif key == "exit":
        case.should_fail = value == "fail"
    elif key == "check":  # "same" and "ok" say the default (kept as no-ops); "differs <reason>" is an exception
        verdict, _, reason = value.partition(" ")
        if verdict == "differs":
            case.check_differs = reason.strip() or "?"
