"""Every UI string key a template asks for exists in the one strings file, and no other."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest
from jinja2 import Environment, FileSystemLoader

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = ROOT / "theme" / "templates"
T_CALL = re.compile(r"""\bt\(\s*["']([^"']+)["']\s*\)""")


def strings() -> dict[str, str]:
    """The STRINGS dict of macros/i18n.html, evaluated by Jinja itself (no regex on a dict literal)."""
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=True)
    return env.get_template("macros/i18n.html").module.STRINGS


def used_keys() -> dict[str, set[str]]:
    """Each t("key") in the templates, with the files that use it."""
    found: dict[str, set[str]] = {}
    for path in TEMPLATES.rglob("*.html"):
        if path.name == "i18n.html":  # the definition (its comment shows t("key") as an example)
            continue
        for key in T_CALL.findall(path.read_text(encoding="utf-8")):
            found.setdefault(key, set()).add(str(path.relative_to(TEMPLATES)))
    return found


def test_every_key_used_in_templates_is_defined() -> None:
    missing = {key: files for key, files in used_keys().items() if key not in strings()}
    assert not missing, f"t() keys missing from macros/i18n.html: {missing}"


def test_the_theme_uses_its_strings_file() -> None:
    assert len(used_keys()) >= 20  # guards the regex: a broken pattern would find nothing and pass the test above


@pytest.mark.parametrize("key", sorted(strings()))
def test_strings_are_nonempty_vietnamese_nfc(key: str) -> None:
    value = strings()[key]
    assert value.strip(), key
    assert unicodedata.is_normalized("NFC", value), key


def test_unknown_key_renders_nothing_rather_than_a_key() -> None:
    """A typo must not slip through as visible English: the test above is the guard, and this
    documents why — Jinja renders an undefined dict entry as an empty string."""
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=True)
    rendered = env.from_string('{% from "macros/i18n.html" import t %}[{{ t("no-such-key") }}]').render()
    assert rendered == "[]"
