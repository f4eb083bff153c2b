"""Every UI string key a template asks for exists in the one strings file, and no other."""

from __future__ import annotations

import functools
import re
import unicodedata
from pathlib import Path

import pytest
from jinja2 import Environment, FileSystemLoader

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = ROOT / "theme" / "templates"
# t("key"), t("key", "en") or t("key", some_variable).
T_CALL = re.compile(r"""\bt\(\s*["']([^"']+)["']\s*(?:,\s*([^)]*?)\s*)?\)""")


@functools.cache
def by_lang() -> dict[str, dict[str, str]]:
    """The per-language dicts of macros/i18n.html, evaluated by Jinja itself (no regex on a dict literal)."""
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=True)
    return dict(env.get_template("macros/i18n.html").module.STRINGS_BY_LANG)


def used_keys() -> dict[tuple[str, str], set[str]]:
    """Each t() call in the templates as (key, language), with the files that use it.

    A literal language ("en") names its dict; a variable may be any language, so
    the key must be in every dict ("*").
    """
    found: dict[tuple[str, str], set[str]] = {}
    for path in TEMPLATES.rglob("*.html"):
        if path.name == "i18n.html":  # the definition (its comment shows t("key") as an example)
            continue
        for key, lang in T_CALL.findall(path.read_text(encoding="utf-8")):
            literal = re.fullmatch(r"""["'](\w+)["']""", lang)
            code = literal[1] if literal else ("*" if lang else "vi")
            found.setdefault((key, code), set()).add(str(path.relative_to(TEMPLATES)))
    return found


def test_every_key_used_in_templates_is_defined() -> None:
    langs = by_lang()
    missing = {
        (key, code): files
        for (key, code), files in used_keys().items()
        if any(key not in langs[c] for c in (langs if code == "*" else [code]))
    }
    assert not missing, f"t() keys missing from macros/i18n.html: {missing}"


def test_the_english_page_has_its_own_labels() -> None:
    """Guards the regex for the lang argument: en.html's labels are found and exist in English."""
    english = {key for key, code in used_keys() if code in ("en", "*")}
    assert {"functions", "contact", "address", "phone", "email", "working_hours"} <= english
    assert english <= set(by_lang()["en"])


@pytest.mark.parametrize(("lang", "key"), [(lang, key) for lang, texts in by_lang().items() for key in texts])
def test_every_language_s_strings_are_nonempty_nfc(lang: str, key: str) -> None:
    value = by_lang()[lang][key]
    assert value.strip(), key
    assert unicodedata.is_normalized("NFC", value), key


def test_the_theme_uses_its_strings_file() -> None:
    assert len(used_keys()) >= 20  # guards the regex: a broken pattern would find nothing and pass the test above


def test_unknown_key_renders_nothing_rather_than_a_key() -> None:
    """A typo must not slip through as visible English: the test above is the guard, and this
    documents why — Jinja renders an undefined dict entry as an empty string."""
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=True)
    rendered = env.from_string('{% from "macros/i18n.html" import t %}[{{ t("no-such-key") }}]').render()
    assert rendered == "[]"
