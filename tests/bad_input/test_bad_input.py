"""Every bad-input case through `make publish`'s pipeline: refused (or accepted, where documented), clearly.

Every case goes through `make check` too, with the production settings: it must agree (issue #23):
refuse what the build refuses, printing every ``expect:`` fragment, and accept what the build accepts.
Only ``check: differs <reason>`` exempts a case (there is none).

The live output folder must come out of a refused build byte-for-byte unchanged.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import shutil
from pathlib import Path

import pytest

from tests.bad_input.txtar import CLASSES, Case, parse
from tests.conftest import ROOT, SITE_DATA, run_publish
from tests.leak_scan import scan_site
from tools.content_checks.cli import main as make_check

CASES = sorted((Path(__file__).parent / "cases").glob("*.txt"))


def tree_digest(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def lay_out(case: Case, content: Path) -> None:
    case.write(content)
    if not (content / "data" / "site.toml").exists():
        (content / "data").mkdir(parents=True, exist_ok=True)
        shutil.copy(SITE_DATA, content / "data" / "site.toml")


def previous_build(output: Path) -> dict[str, str]:
    """A stand-in for what is live: a folder with a page in it."""
    (output / "bai-viet" / "cu").mkdir(parents=True)
    (output / "index.html").write_text("<!doctype html><title>Bản cũ</title>", encoding="utf-8")
    (output / "bai-viet" / "cu" / "index.html").write_text("<p>bài cũ</p>", encoding="utf-8")
    return tree_digest(output)


def test_there_are_enough_cases():
    assert len(CASES) >= 15


@pytest.mark.parametrize("case_file", CASES, ids=[c.stem for c in CASES])
def test_every_case_has_a_class(case_file: Path):
    assert parse(case_file).klass in CLASSES, f"{case_file.name}: add a line 'class: <one of {', '.join(CLASSES)}>'"


def test_no_case_lets_make_check_differ():
    """The target is zero exceptions; a new one must say why in its file, and this list."""
    assert [c.stem for c in CASES if parse(c).check_differs] == []


@pytest.mark.parametrize("case_file", CASES, ids=[c.stem for c in CASES])
def test_bad_input(case_file: Path, tmp_path: Path):
    case = parse(case_file)
    content, output = tmp_path / "content", tmp_path / "output"
    lay_out(case, content)
    before = previous_build(output) if case.should_fail else None
    result = run_publish(content, output)
    log = result.stdout + result.stderr
    assert "Traceback" not in log, f"{case.name}: the build printed a traceback (issue #23: never one)\n{log}"
    if case.should_fail:
        assert result.returncode != 0, f"{case.name}: the production build accepted bad input\n{log}"
        assert tree_digest(output) == before, f"{case.name}: a failed build changed the previous output"
    else:
        assert result.returncode == 0, f"{case.name}: expected an accepted build\n{log}"
    for fragment in case.expected + case.build_expected:
        assert fragment in log, f"{case.name}: expected {fragment!r} in the build's messages\n{log}"
    site_text = "".join(p.read_text(encoding="utf-8", errors="replace") for p in output.rglob("*.html"))
    for fragment in case.absent:
        assert fragment not in site_text, f"{case.name}: {fragment!r} was published"
    for pattern in case.absent_files:
        assert not list(output.glob(pattern)), f"{case.name}: {pattern} was published"
    for pattern in case.present_files:
        assert list(output.glob(pattern)), f"{case.name}: nothing matching {pattern} was published"
    # The whole-site leak scan (tests/leak_scan.py): secrets in output and log, photo variants no page names,
    # metadata in published photos and PDF/DOCX, paths of this machine. A failed build's output is the old one.
    report = scan_site(output, log=log, secrets=case.secrets, machine_paths=[ROOT, content, Path.home()])
    assert report == {name: [] for name in report}, f"{case.name}: leaks {report}\n{log}"
    if not case.check_differs:
        assert_check_agrees(case, content)


def assert_check_agrees(case: Case, content: Path) -> None:
    """``make check`` with the build's settings decides as the build did, with the same messages."""
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed), contextlib.redirect_stderr(printed):
        status = make_check([str(content), "-s", str(ROOT / "publishconf.py")])
    report = printed.getvalue()
    if case.should_fail:
        assert status != 0, f"{case.name}: the build refused it but make check found nothing\n{report}"
    else:
        assert status == 0, f"{case.name}: the build accepted it but make check refused it\n{report}"
    assert "Traceback" not in report, f"{case.name}: make check printed a traceback\n{report}"
    for fragment in case.expected:
        assert fragment in report, f"{case.name}: make check does not say {fragment!r}\n{report}"
    for secret in case.secrets:
        assert secret not in report, f"{case.name}: make check echoed {secret!r}\n{report}"
