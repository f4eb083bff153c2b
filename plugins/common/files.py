"""Writing a cache file so that no reader ever sees half of it; no Pelican import."""

from __future__ import annotations

import os
from pathlib import Path

TEMPORARY_SUFFIX = ".tmp"  # a file being written: cache cleaners leave these alone (another build may own it)


def write_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file beside it and a rename.

    A build that stops half-way, or another build reading at the same time, finds
    the old file or the new one, never a truncated one that could pass for valid.
    The temporary name carries the process id: forked workers write at once.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.{os.getpid()}{TEMPORARY_SUFFIX}")
    partial.write_bytes(data)
    os.replace(partial, path)
