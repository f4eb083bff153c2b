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

_SECTION = re.compile(r"^-- (?P<path>\S(?:.*?\S)?)(?: \((?P<modifier>[^)]*)\))? --$")  # a path may hold spaces


@dataclass
class Case:
    """One bad-input case: its files and what the build must do with them."""

    name: str
    should_fail: bool
    expected: list[str] = field(default_factory=list)
    absent: list[str] = field(default_factory=list)
    absent_files: list[str] = field(default_factory=list)  # globs that must match no file of the output
    present_files: list[str] = field(default_factory=list)  # globs that must each match a file of the output
    secrets: list[str] = field(default_factory=list)  # found nowhere: output files, their names, the build log
    checked: bool = False  # ``make check`` must refuse the content too, with every ``expect:`` fragment
    check_accepts: bool = False  # ``check: ok``: ``make check`` must accept the content (legitimate input)
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


def parse(path: Path) -> Case:
    """Parse a case file; the header's ``exit:``/``expect:``/``absent:``/``absent-file:``/``secret:``/``check:``
    lines drive the test."""
    case = Case(path.stem, should_fail=True)
    sections: list[tuple[str, str | None, list[str]]] = []
    for line in path.read_text(encoding="utf-8").split("\n"):
        if match := _SECTION.match(line):
            sections.append((match["path"], match["modifier"], []))
        elif sections:
            sections[-1][2].append(line)
        else:
            key, _, value = line.partition(":")
            if key == "exit":
                case.should_fail = value.strip() == "fail"
            elif key in ("expect", "absent"):
                getattr(case, "expected" if key == "expect" else "absent").append(value.strip())
            elif key == "absent-file":
                case.absent_files.append(value.strip())
            elif key == "present-file":
                case.present_files.append(value.strip())
            elif key == "secret":
                case.secrets.append(value.strip())
            elif key == "check":
                case.checked = value.strip() == "same"
                case.check_accepts = value.strip() == "ok"
    # A section's text ends with one newline, whatever blank lines separate it from the next.
    case.files = [(p, m, "\n".join(lines).rstrip("\n") + "\n") for p, m, lines in sections]
    return case
