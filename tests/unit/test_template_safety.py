"""Templates mark as safe only the HTML that html_policy has cleaned (bodies, summaries, the Giới thiệu texts)."""

import re
from pathlib import Path

TEMPLATES = Path(__file__).resolve().parents[2] / "theme" / "templates"
# content and summary are cleaned by plugins/html_policy, and so are organisation_texts (the
# Markdown fields of content/data/to-chuc.toml, plugins/organisation/hooks.py); everything else is text.
CLEANED = re.compile(r"\b(content|summary|organisation_texts\[key\])\s*\|\s*safe\b")


def test_only_cleaned_html_is_marked_safe():
    offenders = []
    for template in sorted(TEMPLATES.rglob("*.html")):
        for number, line in enumerate(template.read_text(encoding="utf-8").splitlines(), start=1):
            for match in re.finditer(r"[\w.\[\]'\"]+\s*\|\s*safe\b", line):
                if not CLEANED.search(match.group(0)):
                    offenders.append(f"{template.relative_to(TEMPLATES)}:{number}: {match.group(0)}")
    assert offenders == []
