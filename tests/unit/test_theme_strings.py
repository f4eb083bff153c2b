"""Every UI string key a template asks for exists in the one strings file, and no other."""

from __future__ import annotations

import functools
import re
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from jinja2 import ChoiceLoader, DictLoader, Environment, FileSystemLoader

from plugins.common.theme_strings import ThemeStringMissing, add_theme_string_check

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


def strings_env() -> Environment:
    """The theme's templates with the project's Jinja options and the missing-string check the build installs."""
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=True, trim_blocks=True, lstrip_blocks=True)
    add_theme_string_check(env)
    return env


def test_known_keys_render_their_text() -> None:
    page = strings_env().from_string('{% from "macros/i18n.html" import t %}[{{ t("home") }}|{{ t("contact", "en") }}]')
    assert page.render() == "[Trang chủ|Contact]"


@given(key=st.text(min_size=1, max_size=30).filter(lambda k: k not in by_lang()["vi"]))
def test_an_unknown_key_stops_rendering_naming_key_and_template(key: str) -> None:
    """Not empty text (what Jinja gives for a missing dict entry): an error with the key and the call's place."""
    loader = DictLoader({"partials/broken.html": '{% from "macros/i18n.html" import t %}\n<p>{{ t(key) }}</p>'})
    env = strings_env()
    env.loader = ChoiceLoader([env.loader, loader])
    with pytest.raises(ThemeStringMissing) as raised:
        env.get_template("partials/broken.html").render(key=key)
    assert str(raised.value).startswith(f"theme/templates/partials/broken.html:2: t({key!r}, 'vi') has no text")
    assert "STRINGS in theme/templates/macros/i18n.html" in str(raised.value)


@pytest.mark.parametrize(("call", "names"), [('t("home", "en")', "STRINGS_EN"), ('t("home", "fr")', "'fr' dict")])
def test_a_key_missing_in_a_language_names_that_language(call: str, names: str) -> None:
    page = strings_env().from_string('{% from "macros/i18n.html" import t %}{{ ' + call + " }}")
    with pytest.raises(ThemeStringMissing, match=names):
        page.render()
