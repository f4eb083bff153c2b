"""Read bad-input cases (txtar-style) and lay them out as content folders."""

from __future__ import annotations

import base64
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from PIL import Image

# What kind of input a case stands for (issue #23's classes): careless editors, leaks, hangs,
# gaps between make check and make publish, implausible values, legitimate input.
CLASSES = ("careless", "leak", "hang", "gap", "plausibility", "legitimate")

_SECTION = re.compile(r"^-- (?P<path>\S(?:.*?\S)?)(?: \((?P<modifier>[^)]*)\))? --$")


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
    secrets: list[str] = field(default_factory=list)  # found nowhere: output files, their names, the build log
    check_differs: str = ""  # why ``make check`` may disagree with the build (``check: differs <reason>``)
    files: list[tuple[str, str | None, str]] = field(default_factory=list)  # (path, modifier, text)

    def write(self, content: Path) -> None:
        """Create the case's files under ``content``."""
        for relative, modifier, text in self.files:
            path = content / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            kind, _, arg = (modifier or "").partition("=")
            if kind == "symlink":
                path.symlink_to(text.strip())
            else:
                path.write_bytes(_payload(kind, arg, text))


def _payload(kind: str, arg: str, text: str) -> bytes:
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
    if kind:
        raise ValueError(f"unknown modifier {kind!r}")
    return text.encode()


def parse(path: Path) -> Case:
    """Parse a case file; the header's ``class:``/``exit:``/``expect:``/``build-expect:``/``absent:``/
    ``absent-file:``/``secret:``/``check:`` lines drive the test."""
    case = Case(path.stem, should_fail=True)
    sections: list[tuple[str, str | None, list[str]]] = []
    for line in path.read_text(encoding="utf-8").split("\n"):
        if match := _SECTION.match(line):
            sections.append((match["path"], match["modifier"], []))
        elif sections:
            sections[-1][2].append(line)
        else:
            key, _, value = line.partition(":")
            if key == "class":
                case.klass = value.strip()
            elif key == "exit":
                case.should_fail = value.strip() == "fail"
            elif key in ("expect", "absent"):
                getattr(case, "expected" if key == "expect" else "absent").append(value.strip())
            elif key == "absent-file":
                case.absent_files.append(value.strip())
            elif key == "secret":
                case.secrets.append(value.strip())
            elif key == "build-expect":
                case.build_expected.append(value.strip())
            elif key == "check":  # "same" is the default (kept as a no-op); "differs <reason>" is an exception
                verdict, _, reason = value.strip().partition(" ")
                if verdict == "differs":
                    case.check_differs = reason.strip() or "?"
    # A section's text ends with one newline, whatever blank lines separate it from the next.
    case.files = [(p, m, "\n".join(lines).rstrip("\n") + "\n") for p, m, lines in sections]
    return case
