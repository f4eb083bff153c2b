"""Path containment shared by every plugin that reads or copies editors' files."""

from __future__ import annotations

import functools
import os
import unicodedata
from collections.abc import Callable, MutableMapping
from pathlib import Path
from typing import Any

from plugins.common.build_context import of_build
from plugins.common.errors import ContentError

# content/ and output/ are resolved once per process, not once per link of every article.
_real_root = functools.lru_cache(maxsize=32)(os.path.realpath)

RealPath = Callable[[str | Path], str]


def is_inside(path: str | Path, root: str | Path, realpath: RealPath = os.path.realpath) -> bool:
    """True when ``path``, with every symlink and ``..`` resolved, lies within ``root``.

    Lexical checks alone miss a symlink that sits inside content/ but points
    elsewhere, so both sides are resolved on the real filesystem.
    """
    return resolved_inside(path, root, realpath) is not None


def resolved_inside(path: str | Path, root: str | Path, realpath: RealPath = os.path.realpath) -> str | None:
    """``path`` with every symlink and ``..`` resolved, when that lies within ``root``; else None.

    ``realpath`` may be a build's ``RealPaths.realpath`` (same answers, fewer system calls).
    """
    real, real_root = realpath(path), _real_root(os.fspath(root))
    return real if real == real_root or real.startswith(real_root.rstrip(os.sep) + os.sep) else None


class RealPaths:
    """``os.path.realpath`` for one build, remembering the real path of every folder it went through.

    ``os.path.realpath`` checks every component of a path (one ``lstat`` each,
    in Python): at thousands of articles, each with its photos and links, that
    was seconds of every build. The real path of ``folder/name`` is the real
    path of ``folder`` joined with ``name`` unless ``name`` is a symlink (or
    ``..``), so once a folder is known each file costs one ``lstat``, and the
    answer is the one ``os.path.realpath`` gives. Folders are remembered for one
    build only (an instance lives in the build's context, see ``of``):
    a folder replaced by a symlink between two builds is seen by the next one.
    """

    CONTEXT_KEY = "common_real_paths"

    def __init__(self) -> None:
        self._folders: dict[str, str] = {}

    @classmethod
    def of(cls, context: MutableMapping[str, Any] | None) -> RealPaths:
        """The build's instance (made on first use); without a build context, a fresh one."""
        return of_build(context, cls.CONTEXT_KEY, cls)

    def realpath(self, path: str | Path) -> str:
        """What ``os.path.realpath(path)`` returns."""
        path = os.fspath(path)
        folder, name = os.path.split(path)
        if name in ("", ".", "..") or not os.path.isabs(path):
            return os.path.realpath(path)  # the rare shapes, and relative paths (they depend on the cwd)
        real_folder = self._folders.get(folder)
        if real_folder is None:
            real_folder = self._folders[folder] = self.realpath(folder)
        candidate = os.path.join(real_folder, name)
        return os.path.realpath(candidate) if os.path.islink(candidate) else candidate


def on_disk(path: str | Path, known: str | Path) -> Path | None:
    """The file or folder ``path`` names as it is spelt on disk, whatever Unicode form either uses; None when absent.

    macOS writes file names decomposed (NFD: "ả" as "a" + two marks) while editors
    type and the reader stores text composed (NFC), or the other way round after a
    copy through another system; on Linux the two spellings are different names, so
    ``ảnh-hội-nghị.jpg`` was "not found" beside a file that looks the same. Every
    component below ``known`` (an existing folder ``path`` starts with, e.g. the
    article folder) is taken as spelt when it exists, else matched to the one entry
    of its folder with the same NFC form (the lowest, should a folder hold both
    spellings). Case is kept: ``Anh.JPG`` is not ``anh.jpg``, as on the server.
    One ``stat`` when the name is spelt as on disk; a folder listing per component only when not.
    Used by the photo lookup of the build and ``make check`` and by the attachment lookup alike.
    """
    path, known = Path(path), Path(known)
    if os.path.lexists(path):
        return path
    try:
        rest = path.relative_to(known).parts
    except ValueError:
        return None
    if ".." in rest:
        return None  # never list folders above ``known``: a path that climbs is spelt exactly or not found
    found = known
    for part in rest:
        exact = found / part
        if os.path.lexists(exact):
            found = exact
            continue
        wanted = unicodedata.normalize("NFC", part)
        try:
            matches = sorted(e for e in os.listdir(found) if unicodedata.normalize("NFC", e) == wanted)
        except (FileNotFoundError, NotADirectoryError, PermissionError):
            return None
        if not matches:
            return None
        found = found / matches[0]
    return found


def outside_content(
    source: str | Path, content_root: str | Path, realpath: RealPath = os.path.realpath
) -> ContentError | None:
    """An error when a content, static or attached file really lives outside ``content_root`` (symlink, ``..``).

    Checked before the file is opened, by the reader, the documents section, the
    static-file guard and ``make check`` alike: a file outside the repository
    (``/etc/passwd`` behind a symlink) is neither read, published, nor quoted in
    a message, since build logs are public on many CI hosts. The message names
    where the link leads (that is in the repository already), never what is there.
    """
    if is_inside(source, content_root, realpath):
        return None
    return ContentError(
        "path-outside-content",
        f"Tệp này nằm ngoài thư mục content/ (liên kết tượng trưng hoặc đường dẫn “..” tới "
        f"{os.path.realpath(source)}); tệp không được đọc hay xuất bản.",
        source,
    )
