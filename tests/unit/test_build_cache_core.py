"""The build_cache plugin's plain helper: the fingerprint of the code behind a cache."""

from __future__ import annotations

import importlib.metadata

from plugins.build_cache import core


def test_fingerprint_is_stable_and_sensitive_to_every_part() -> None:
    base = core.fingerprint([b"plugin source", b"Markdown==3.11.3"])
    assert base == core.fingerprint([b"plugin source", b"Markdown==3.11.3"])
    assert base != core.fingerprint([b"plugin source!", b"Markdown==3.11.3"])
    assert core.fingerprint([b"ab", b"c"]) != core.fingerprint([b"a", b"bc"])


def test_pinned_names_the_installed_version_or_its_absence() -> None:
    assert core.pinned("Jinja2") == f"Jinja2=={importlib.metadata.version('Jinja2')}"
    assert core.pinned("khong-co-goi-nay") == "khong-co-goi-nay==absent"
