"""Fingerprints of the code behind a cache; no Pelican import.

(The forked map that reads articles on every core is shared with other plugins: plugins/common/processes.py.)
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
from collections.abc import Iterable
from pathlib import Path
from types import ModuleType
from typing import Any

import plugins


def fingerprint(parts: Iterable[bytes]) -> str:
    """A short stable hash of everything that decides what a cached entry contains."""
    digest = hashlib.sha256()
    for part in parts:
        digest.update(len(part).to_bytes(8, "big"))
        digest.update(part)
    return digest.hexdigest()[:32]


def code_fingerprint_of(
    modules: Iterable[ModuleType], packages: Iterable[str] = (), extra: Iterable[bytes] = ()
) -> str:
    """``fingerprint`` of the modules' source files, the installed packages' versions and ``extra``.

    What a cache of one plugin's output depends on besides its input: a change to
    that code, an upgrade of those libraries or another ``extra`` setting invalidates it.
    """
    sources = [Path(module.__file__).read_bytes() for module in modules if module.__file__]
    versions = [pinned(name).encode() for name in packages]
    return fingerprint([*sources, *versions, *extra])


def pinned(package: str) -> str:
    """``name==version`` of an installed package (``name==absent`` when it is not installed)."""
    try:
        return f"{package}=={importlib.metadata.version(package)}"
    except importlib.metadata.PackageNotFoundError:
        return f"{package}==absent"


# Libraries whose version changes what a parsed article looks like.
LIBRARIES = ("pelican", "Markdown", "pymdown-extensions", "typogrify", "smartypants", "nh3", "babel")


def _plain(value: Any) -> str:
    """Objects (functions, compiled patterns) by type only: their repr holds addresses that change every run."""
    return type(value).__name__


def code_fingerprint(settings: dict[str, Any]) -> str:
    """What a cached article depends on besides its own file.

    Our plugins' source, the libraries' versions, every plain-data setting
    (a cached category or tag carries the settings it was made with, URL
    patterns included) and the site data files (category names and slugs).
    """
    plugin_sources = sorted(Path(plugins.__file__).parent.rglob("*.py"))
    data_files = sorted(p for p in (Path(settings["PATH"]) / "data").rglob("*") if p.is_file())
    parts = [p.read_bytes() for p in (*plugin_sources, *data_files)]
    parts += [pinned(name).encode() for name in LIBRARIES]
    # Settings keep their (deterministic) definition order; keys JSON cannot hold are skipped, never fatal.
    parts.append(json.dumps(settings, skipkeys=True, default=_plain).encode())
    return fingerprint(parts)
