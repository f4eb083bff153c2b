"""Every use of Pelican beyond its documented plugin API, in one place.

The portal reaches into Pelican where the documented signals and settings do
not give what a fast, strict build needs: the reader cache, the Markdown
reader's metadata step, the writer's file bookkeeping, the HTML a content
object holds. Each such use is a name here, and each has a contract test in
tests/contract/test_pelican_api.py that fails when Pelican changes it (or when
a workaround is no longer needed). Plugins call these names, never a private
Pelican attribute: an upgrade of Pelican is checked by running that one test file.

Tested against ``PELICAN_VERSION`` (requirements.txt pins it).
"""

from __future__ import annotations

import inspect
from typing import Any

from markdown import Markdown
from pelican.readers import _filter_discardable_metadata
from pelican.writers import Writer

PELICAN_VERSION = "4.12.0"
META_STEP_PRIORITY = 27  # where Python-Markdown's meta extension registers its preprocessor

# Generator attributes holding content objects that Pelican may write (drafts only when DRAFT_SAVE_AS is set;
# future-dated articles are drafts when WITH_FUTURE_DATES is False). Public attributes, but nowhere documented.
WRITTEN_LISTS = (
    "articles",
    "translations",
    "hidden_articles",
    "hidden_translations",
    "drafts",
    "drafts_translations",
    "pages",
    "hidden_pages",
    "draft_pages",
)
HIDDEN_ARTICLE_LISTS = ("hidden_articles", "hidden_translations")


# --- content objects: the HTML Pelican keeps before adding links and the summary -------------------------------


def body_html(content: Any) -> str:
    """The body as read, before Pelican replaces ``{filename}`` links (``content.content`` does that on each access)."""
    return getattr(content, "_content", None) or ""


def shared_context(content: Any) -> dict[str, Any] | None:
    """The context Pelican shares among a build's contents (our per-build state lives there); None outside a build."""
    return getattr(content, "_context", None)


def set_body_html(content: Any, html: str) -> None:
    """Replace the body as read (Pelican has no setter; ``content.content`` is computed from this)."""
    content._content = html


def set_summary_html(content: Any, html: str) -> None:
    """Replace the summary (Pelican caches the one it derived in ``_summary``)."""
    content._summary = html


def output_location_referenced(static: Any) -> bool:
    """Whether some page already used this static file's URL (after which ``attach_to`` refuses to move it)."""
    return bool(getattr(static, "_output_location_referenced", False))


# --- readers ------------------------------------------------------------------------------------------------


def remember_parsed(readers: Any, path: str, parsed: tuple[str, dict[str, Any]]) -> None:
    """Put a parsed file where ``Readers.read_file`` looks first, as Pelican's own cache does.

    ``FileStampDataCacher.cache_data`` would drop the entry when ``CACHE_CONTENT``
    is off; parallel reading must help cold builds too.
    """
    readers._cache[path] = (readers._get_file_stamp(path), parsed)


def without_discardable_metadata(metadata: dict[str, Any]) -> dict[str, Any]:
    """The metadata as Pelican stores it in its cache (minus values marked to be discarded)."""
    return _filter_discardable_metadata(metadata)


def parse_markdown_metadata(reader: Any, markdown: Markdown, meta: dict[str, list[str]]) -> dict[str, Any]:
    """``MarkdownReader``'s own metadata conversion (dates, tags, formatted fields), for a reused Markdown instance.

    Pelican's step converts formatted fields with the instance in ``reader._md``
    and deregisters its ``meta`` preprocessor for good (so that those fields hold
    no metadata), since Pelican makes a new instance per file; the step is
    registered again here so that the same instance reads the next file's header.
    """
    reader._md = markdown
    meta_step = markdown.preprocessors["meta"]
    try:
        return reader._parse_metadata(meta)
    finally:
        if "meta" not in markdown.preprocessors:
            markdown.preprocessors.register(meta_step, "meta", META_STEP_PRIORITY)


# --- the writer ---------------------------------------------------------------------------------------------

_WRITE_FILE = inspect.signature(Writer.write_file)


def override_requested(args: tuple[Any, ...], kwargs: dict[str, Any]) -> bool:
    """Whether a ``write_file(name, template, context, *args, **kwargs)`` call asks to override an earlier file."""
    bound = _WRITE_FILE.bind_partial(None, None, None, None, *args, **kwargs)
    return bool(bound.arguments.get("override_output"))


class OpenHookWriter(Writer):
    """Pelican's writer with its file-opening step and its bookkeeping under public names."""

    def _open_w(self, filename: str, encoding: str, override: bool = False) -> Any:
        return self.open_output(filename, encoding, override)

    def open_output(self, filename: str, encoding: str, override: bool = False) -> Any:
        """Open ``filename`` for writing; Pelican raises if it was written before (unless ``override``)."""
        return super()._open_w(filename, encoding, override)

    def already_written(self, path: str) -> bool:
        """Whether this build wrote (or overrode) ``path`` already."""
        return path in self._written_files or path in self._overridden_files

    def mark_written(self, path: str) -> None:
        """Count ``path`` as written, as Pelican does after writing it (a second write then fails)."""
        self._written_files.add(path)
