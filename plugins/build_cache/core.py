"""Fingerprints of the code behind a cache; no Pelican import.

(The forked map that reads articles on every core is shared with other plugins: plugins/common/processes.py.)
"""

from __future__ import annotations

import hashlib
import importlib.metadata
from collections.abc import Iterable
from pathlib import Path
from types import ModuleType


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
