"""The Nu HTML checker (vnu-jar from package.json, Java) finds no error on the page types added for launch.

The contact page, the English page and the four "Giới thiệu" pages of the fixture
site, as `make audit` checks every page of a production build. Under CI=true a
missing Java or checker fails (tests.browser.fixtures.require).
"""

from __future__ import annotations

import shutil
import subprocess

from tests.browser.fixtures import require
from tests.conftest import ROOT

VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
PAGES = (
    "lien-he/index.html",
    "en/index.html",
    "gioi-thieu/index.html",
    "gioi-thieu/lanh-dao/index.html",
    "gioi-thieu/co-cau-to-chuc/index.html",
    "gioi-thieu/don-vi-truc-thuoc/index.html",
)


def test_launch_pages_have_no_nu_checker_error(fixture_site) -> None:
    java = shutil.which("java")
    require(java is not None and VNU_JAR.is_file(), f"the Nu checker needs java and {VNU_JAR} (make test installs it)")
    pages = [fixture_site.output / page for page in PAGES]
    assert all(page.is_file() for page in pages)
    command = [java, "-jar", str(VNU_JAR), "--errors-only", "--format", "text", *map(str, pages)]
    result = subprocess.run(command, capture_output=True, text=True, timeout=300, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
