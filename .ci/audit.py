"""`make audit`: check a production build the way readers and crawlers meet it.

Serves the built folder on a loopback port (the build's SITEURL must point there)
and runs, in order:

- axe-core (axe-playwright-python, in Debian's Chromium) on every page type;
- the Nu HTML checker (vnu-jar from package.json; needs Java) over every page;
- linkinator, crawling from the home page, internal links and #anchors only;
- Lighthouse 12 (mobile, the default form factor) on the home page and the seed article;
- the seed article's transfer size (HTML + CSS + JS + fonts, gzip, before images).

Prints one line per figure and exits non-zero when a target is missed: 0 serious or
critical axe violations, 0 Nu errors, 0 broken links, Lighthouse accessibility, best
practices and SEO 100, performance >= 95, transfer size <= 30 KB. Lighthouse JSON
reports go to test-artifacts/ for a closer look.

Why a script rather than pytest: the tools are Node and Java programs run against a
served production build, and the lead wants the figures printed, not only pass/fail.
The same axe and link checks also run in `make test` (tests/browser/test_theme.py,
tests/site/test_theme.py) on the development build.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import json
import os
import subprocess
import sys
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.browser.fixtures import CHROMIUM, CHROMIUM_ARGS, PHONE  # noqa: E402
from tests.browser.test_theme import BLOCKING, PAGE_TYPES  # noqa: E402
from tests.conftest import SEED_SLUG, Build  # noqa: E402
from tests.site.test_theme import transfer_size  # noqa: E402

NODE_BIN = ROOT / "node_modules" / ".bin"
VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
ARTIFACTS = ROOT / "test-artifacts"
LIGHTHOUSE_PAGES = {"home": "", "seed-article": f"bai-viet/{SEED_SLUG}/"}
LIGHTHOUSE_TARGETS = {"accessibility": 100, "best-practices": 100, "seo": 100, "performance": 95}
TRANSFER_BUDGET = 30 * 1024


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


def serve(directory: Path, port: int) -> tuple[http.server.ThreadingHTTPServer, str]:
    """Serve the build on the fixed loopback port its SITEURL names (absolute links must resolve)."""
    handler = functools.partial(QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{port}"


def axe_violations(base: str) -> dict[str, dict[str, int]]:
    """Violations per page type, counted by impact, on a phone-sized window."""
    from axe_playwright_python.sync_playwright import Axe
    from playwright.sync_api import sync_playwright

    axe, counts = Axe(), {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport=PHONE)
        for name, path in PAGE_TYPES.items():
            page.goto(f"{base}/{path}")
            by_impact: dict[str, int] = {}
            for violation in axe.run(page).response["violations"]:
                by_impact[violation["impact"]] = by_impact.get(violation["impact"], 0) + len(violation["nodes"])
                if violation["impact"] in BLOCKING:
                    print(f"    axe {name}: {violation['id']} – {violation['help']}")
            counts[name] = by_impact
        browser.close()
    return counts


def nu_errors(output: Path) -> list[str]:
    """Every error the Nu HTML checker reports, as `file: message`."""
    done = subprocess.run(
        ["java", "-jar", str(VNU_JAR), "--skip-non-html", "--errors-only", "--format", "json", str(output)],
        capture_output=True,
        text=True,
        check=False,
    )
    messages = json.loads(done.stderr or '{"messages": []}')["messages"]
    return [f"{m.get('url', '?').split(str(output))[-1]}: {m['message']}" for m in messages if m["type"] == "error"]


def broken_links(base: str) -> tuple[int, list[str]]:
    """(links checked, broken ones) from linkinator crawling the served site; other hosts are skipped."""
    done = subprocess.run(
        [
            str(NODE_BIN / "linkinator"),
            f"{base}/",
            "--recurse",
            "--check-fragments",
            "--format",
            "json",
            "--skip",
            f"^(?!{base.replace('.', '[.]')})",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    links = json.loads(done.stdout)["links"]
    broken = [f"{link['parent']} → {link['url']} ({link['status']})" for link in links if link["state"] == "BROKEN"]
    return sum(link["state"] == "OK" for link in links), broken


def lighthouse(base: str, name: str, path: str) -> dict[str, int]:
    """Lighthouse category scores (0–100) for one page, mobile emulation and throttling."""
    report = ARTIFACTS / f"lighthouse-{name}.json"
    subprocess.run(
        [
            str(NODE_BIN / "lighthouse"),
            f"{base}/{path}",
            "--chrome-flags=--headless=new --no-sandbox",
            "--output=json",
            f"--output-path={report}",
            "--quiet",
        ],
        env={**os.environ, "CHROME_PATH": CHROMIUM},
        check=True,
    )
    categories = json.loads(report.read_text(encoding="utf-8"))["categories"]
    return {key: round(value["score"] * 100) for key, value in categories.items()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("output", type=Path, help="a production build whose SITEURL is http://127.0.0.1:PORT")
    parser.add_argument("--port", type=int, required=True)
    args = parser.parse_args()
    ARTIFACTS.mkdir(exist_ok=True)
    server, base = serve(args.output, args.port)
    failures: list[str] = []
    try:
        print("axe-core (390 px window), violations by impact:")
        for name, counts in axe_violations(base).items():
            print(f"  {name:14} {counts or 'none'}")
            if BLOCKING & counts.keys():
                failures.append(f"axe: {name}")

        errors = nu_errors(args.output)
        pages = sum(1 for _ in args.output.rglob("*.html"))
        print(f"Nu HTML checker: {len(errors)} errors in {pages} pages")
        for error in errors[:20]:
            print(f"    {error}")
        if errors:
            failures.append("Nu HTML checker")

        checked, broken = broken_links(base)
        print(f"linkinator: {checked} internal links and anchors OK, {len(broken)} broken")
        for link in broken[:20]:
            print(f"    {link}")
        if broken:
            failures.append("links")

        for name, path in LIGHTHOUSE_PAGES.items():
            scores = lighthouse(base, name, path)
            print(f"Lighthouse 12 mobile, {name}: " + ", ".join(f"{k} {v}" for k, v in scores.items()))
            failures += [
                f"Lighthouse {name} {k} {scores[k]} < {t}" for k, t in LIGHTHOUSE_TARGETS.items() if scores[k] < t
            ]

        sizes = transfer_size(Build(args.output, ROOT / "content"), f"bai-viet/{SEED_SLUG}/index.html")
        total = sum(sizes.values())
        print(f"Seed article transfer size (gzip -6, before images): {total / 1024:.1f} KB = {sizes}")
        if total > TRANSFER_BUDGET:
            failures.append("transfer size")
    finally:
        server.shutdown()
    print("AUDIT " + ("FAILED: " + "; ".join(failures) if failures else "PASSED"))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
