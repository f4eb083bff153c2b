"""Path containment shared by every plugin that reads or copies editors' files."""

from __future__ import annotations

import functools
import os
from pathlib import Path

# content/ and output/ are resolved once per process, not once per link of every article.
_real_root = functools.lru_cache(maxsize=32)(os.path.realpath)


def is_inside(path: str | Path, root: str | Path) -> bool:
    """True when ``path``, with every symlink and ``..`` resolved, lies within ``root``.

    Lexical checks alone miss a symlink that sits inside content/ but points
    elsewhere, so both sides are resolved on the real filesystem.
    """
    return resolved_inside(path, root) is not None


def resolved_inside(path: str | Path, root: str | Path) -> str | None:
    """``path`` with every symlink and ``..`` resolved, when that lies within ``root``; else None."""
    real, real_root = os.path.realpath(path), _real_root(os.fspath(root))
    return real if real == real_root or real.startswith(real_root.rstrip(os.sep) + os.sep) else None
