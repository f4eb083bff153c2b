"""Folder bookkeeping of an atomic publish, as plain filesystem operations (no Pelican).

Why rename-based and not rsync/copy: copying into output/ leaves a half-new,
half-old site while it runs and after a crash; a rename of a finished
folder is all-or-nothing. On Linux both folders are exchanged with one
``renameat2(RENAME_EXCHANGE)`` call, so output/ never stops existing, not
even for a moment, for a web server reading it; elsewhere three renames are
used (output/ is missing for microseconds).
"""

from __future__ import annotations

import ctypes
import errno
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


class PublishError(Exception):
    """A publish or rollback that cannot go ahead; the message says why, in Vietnamese."""


@dataclass(frozen=True)
class Layout:
    """The live folder and its siblings: ``output``, ``output.prev``, ``output.failed``, stagings."""

    output: Path

    @property
    def previous(self) -> Path:
        return self.output.with_name(f"{self.output.name}.prev")

    @property
    def failed(self) -> Path:
        return self.output.with_name(f"{self.output.name}.failed")

    def new_staging(self) -> Path:
        """A fresh empty folder next to output/ (same filesystem), readable by a web server."""
        self.output.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f"{self.output.name}.staging-", dir=self.output.parent))
        staging.chmod(0o755)  # mkdtemp makes it owner-only; the published folder must be world-readable
        return staging

    def promote(self, staging: Path) -> None:
        """Make ``staging`` the live folder; the old live folder becomes ``previous``."""
        if not self.output.exists():
            staging.rename(self.output)
            return
        exchange(staging, self.output)
        _replace_dir(staging, self.previous)

    def reject(self, staging: Path) -> None:
        """Keep a failed build as ``failed`` for inspection; the live folder is not touched."""
        if staging.exists():
            _replace_dir(staging, self.failed)

    def rollback(self) -> None:
        """Swap ``previous`` and the live folder (a second rollback rolls forward again)."""
        if not self.previous.is_dir():
            raise PublishError(f"Không có bản dựng trước ({self.previous}) để quay lại.")
        if self.output.exists():
            exchange(self.previous, self.output)
        else:
            self.previous.rename(self.output)


def exchange(a: Path, b: Path) -> None:
    """Swap two existing folders' names, atomically where the kernel allows it."""
    if _renameat2_exchange(a, b):
        return
    parking = b.with_name(f"{b.name}.swap-{os.getpid()}")
    b.rename(parking)
    a.rename(b)
    parking.rename(a)


def _renameat2_exchange(a: Path, b: Path) -> bool:
    """``renameat2(…, RENAME_EXCHANGE)``; False where libc or the filesystem lacks it."""
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (AttributeError, OSError):
        return False
    if renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP):
        return False
    raise OSError(code, os.strerror(code), str(a), None, str(b))


def _replace_dir(source: Path, target: Path) -> None:
    """Move ``source`` to ``target``, discarding whatever ``target`` held."""
    if target.exists():
        shutil.rmtree(target)
    source.rename(target)
