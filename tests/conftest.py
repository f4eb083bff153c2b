"""Shared fixtures: build real sites (tiny ones in tmp dirs, and the demo site) and parse them.

Tests build with the project's own pelicanconf.py (or publishconf.py), overriding
only PATH/OUTPUT_PATH, so what is tested is what ships.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from plugins.content_model.core import portal_now  # noqa: E402 (after the sys.path line above)

pytest_plugins = ["tests.browser.fixtures"]

# The committed site that tests build (never content/, which editors replace with real news).
FIXTURE_SITE = ROOT / "tests" / "fixtures" / "site"
SITE_DATA = FIXTURE_SITE / "data" / "site.toml"
SEED_SLUG = "dang-uy-khoi-cac-co-quan-tinh-to-chuc-hoi-nghi-tong-ket-cong-tac-du-luan-xa-hoi-nam-2020-va-trien-khai-nhiem-vu-nam-2021"  # noqa: E501
SEED_DIR = FIXTURE_SITE / "articles" / "2021" / SEED_SLUG


@dataclass
class Build:
    """A finished build: where it went and what Pelican logged."""

    output: Path
    content: Path
    records: list[logging.LogRecord] = field(default_factory=list)

    def messages(self, level: int = logging.WARNING) -> list[str]:
        return [r.getMessage() for r in self.records if r.levelno >= level]

    def html(self, relative: str) -> BeautifulSoup:
        path = self.output / relative
        if path.is_dir() or relative.endswith("/"):
            path = path / "index.html"
        return BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def write_content(content: Path, files: dict[str, str | bytes], *, with_site_data: bool = True) -> None:
    """Lay out a content folder: ``files`` maps relative paths to text or bytes."""
    content.mkdir(parents=True, exist_ok=True)
    if with_site_data and "data/site.toml" not in files:
        (content / "data").mkdir(exist_ok=True)
        shutil.copy(SITE_DATA, content / "data" / "site.toml")
    for relative, data in files.items():
        path = content / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, bytes):
            path.write_bytes(data)
        else:
            path.write_text(data, encoding="utf-8")


def build_site(
    tmp_path: Path,
    files: dict[str, str | bytes] | None = None,
    *,
    content: Path | None = None,
    settings_file: str = "pelicanconf.py",
    **overrides,
) -> Build:
    """Build a site in-process with the project's settings; returns output and log records."""
    from pelican import Pelican
    from pelican.settings import read_settings

    if content is None:
        content = tmp_path / "content"
        write_content(content, files or {})
    output = tmp_path / "output"
    settings = read_settings(
        str(ROOT / settings_file),
        override={"PATH": str(content), "OUTPUT_PATH": str(output), "CACHE_PATH": str(tmp_path / "cache"), **overrides},
    )
    collector = _Collect()
    logging.getLogger().addHandler(collector)
    try:
        Pelican(settings).run()
    finally:
        logging.getLogger().removeHandler(collector)
    return Build(output, content, collector.records)


def run_pelican(
    content: Path,
    output: Path,
    *,
    settings_file: str = "publishconf.py",
    fatal: str | None = "warnings",
    env: dict[str, str] | None = None,
) -> subprocess.CompletedProcess[str]:
    """Run the pelican command as make does (a separate process: --fatal is process-wide state)."""
    command = [sys.executable, "-m", "pelican", str(content), "-o", str(output), "-s", str(ROOT / settings_file)]
    if fatal:
        command += ["--fatal", fatal]
    # A wide console keeps each log message on one line, as a CI log shows it.
    env = {**os.environ, "COLUMNS": "1000", **(env or {})}
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, env=env, timeout=600, check=False)


def run_publish(content: Path, output: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run the atomic publish pipeline (`make publish`) on ``content`` into the live folder ``output``."""
    command = [sys.executable, "-m", "tools.publish", "--output", str(output), "build", "--content", str(content)]
    env = {**os.environ, "COLUMNS": "1000", **(env or {})}
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, env=env, timeout=600, check=False)


def soon(days: int = 30) -> str:
    """A date and time ``days`` ahead on the portal's clock (``Date:`` form).

    A scheduled article must be in the future, yet within the year an article may be
    scheduled (content_model.core.MAX_SCHEDULE_AHEAD), so no fixed year serves for long.
    """
    return (portal_now() + timedelta(days=days)).strftime("%Y-%m-%d %H:%M")


def article(
    title: str = "Bài thử",
    *,
    date: str = "2024-05-06 08:30",
    category: str = "Xây dựng Đảng",
    body: str = "Nội dung bài viết.",
    **meta: str,
) -> str:
    """The text of an article file with the required metadata plus ``meta``."""
    fields = {"Title": title, "Date": date, "Category": category, "Author": "Nguyễn Văn A", **meta}
    head = "\n".join(f"{key}: {value}" for key, value in fields.items())
    return f"{head}\n\n{body}\n"


@pytest.fixture(scope="session")
def fixture_site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The committed fixture site (tests/fixtures/site/) built once per test session with development settings.

    Everything, photo variants included, goes to a temporary folder: a result
    must not depend on what an earlier run left in the checkout's cache/.
    """
    return build_site(tmp_path_factory.mktemp("fixture-site"), content=FIXTURE_SITE)
