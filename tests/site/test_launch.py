"""The launch, end to end: the project with every sample deleted and two real articles publishes.

tests/launch_copy.py does what the README's launch checklist asks of the committee
in a copy of the project; ``make publish`` runs there as CI would run it. CI also
runs ``make test`` in such a copy (.ci/run): the suite builds its own fixtures.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests import launch_copy
from tests.conftest import ROOT
from tests.leak_scan import scan_site
from tools.editor_tools.core import sample_folders


@pytest.fixture(scope="module")
def launched(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, subprocess.CompletedProcess[str]]:
    project = tmp_path_factory.mktemp("launch") / "project"
    launch_copy.prepare(project)
    (project / "node_modules").symlink_to(ROOT / "node_modules")
    env = {**os.environ, "SITEURL": "https://portal.test", "COLUMNS": "1000"}
    # -o: never remake node_modules/.installed there (npm ci through the link would empty ours).
    command = ["make", "--no-print-directory", "-o", "node_modules/.installed", "publish", f"VENV={Path(sys.prefix)}"]
    result = subprocess.run(command, cwd=project, env=env, capture_output=True, text=True, timeout=600, check=False)
    return project, result


def test_the_copy_has_no_sample_and_no_standin_left(launched) -> None:
    project, _ = launched
    content = project / "content"
    assert sample_folders(content, launch_copy.SAMPLE_ROOTS) == []
    assert launch_copy.replace_standins(content) == []


def test_make_publish_succeeds_with_the_two_new_articles(launched) -> None:
    project, result = launched
    assert result.returncode == 0, result.stdout + result.stderr
    for relative in launch_copy.NEW_ARTICLES:
        slug = Path(relative).parent.name
        assert (project / "output" / "bai-viet" / slug / "index.html").is_file()


def test_the_launch_build_leaks_nothing(launched) -> None:
    """The whole-site scans of tests/leak_scan.py over the launch's output and log: zero findings."""
    project, result = launched
    machine = [project, ROOT, Path.home()]
    report = scan_site(project / "output", log=result.stdout + result.stderr, machine_paths=machine)
    assert report == {name: [] for name in report}


def test_the_published_site_has_no_sample_anywhere(launched) -> None:
    project, _ = launched
    pages = [p.read_text(encoding="utf-8", errors="replace") for p in (project / "output").rglob("*.html")]
    assert pages
    assert not any("Bài mẫu" in page for page in pages)
