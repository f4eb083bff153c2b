"""Glue between Pelican and the content model in ``core``."""

from __future__ import annotations

import logging
import os
import re
import sys
from pathlib import Path
from typing import Any

from pelican.readers import MarkdownReader
from pelican.urlwrappers import Category as PelicanCategory

from plugins.common import pelican_api
from plugins.common.errors import ContentError, ContentErrors, raise_if_any
from plugins.common.paths import outside_content
from plugins.common.settings import SettingsError
from plugins.common.theme_tokens import read_tokens
from plugins.common.written import DROPPED_SOURCES
from plugins.content_model import body, core, identity
from plugins.content_model.settings import Settings

logger = logging.getLogger(__name__)


def plugin_settings(settings: dict[str, Any]) -> Settings:
    return Settings.of(settings)


def load_site_data(settings: dict[str, Any]) -> core.SiteData:
    """The site data file named by ``CONTENT_MODEL_DATA_FILE``, relative to ``PATH``.

    A category whose slug would write over a fixed file of this build (``all``: the
    site's feed) stops the build here, as ``make check`` reports it.
    """
    site = core.load_site_data(Path(settings["PATH"]) / plugin_settings(settings).CONTENT_MODEL_DATA_FILE)
    raise_if_any(core.category_slug_errors(site, core.reserved_slugs(settings, "CATEGORY")))
    return site


_PARSERS = {
    "date": core.parse_datetime,
    "modified": core.parse_datetime,
    "featured": core.parse_boolean,
    "sample": core.parse_boolean,
    "related": core.split_list,
    "status": lambda value: value.strip().lower(),
}


class PortalMarkdownReader(MarkdownReader):
    """Pelican's Markdown reader with the portal's decoding, schema and messages."""

    def __init__(self, settings: dict[str, Any]) -> None:
        super().__init__(settings)
        self.site_data = load_site_data(settings)
        self._reserved_page_slugs = core.reserved_slugs(settings, "PAGE")  # sections a page may not take
        self._theme_ids = core.theme_ids(Path(settings["THEME"]) / "templates")  # ids an editor may not give
        self._lines: dict[str, int] = {}
        self._typogrify = _typographer(settings)
        self._renderer = body.Renderer(self.settings["MARKDOWN"])  # completed by Pelican's __init__ above

    def read(self, source_path: str) -> tuple[str, dict[str, Any]]:
        self._source_path = source_path
        if outside := outside_content(source_path, self.settings["PATH"]):
            raise outside  # before opening it: nothing of a foreign file may reach the (public) build log
        raw_bytes = Path(source_path).read_bytes()
        original = core.read_source_text(raw_bytes, source_path)
        text, self._lines = core.as_pelican_header(original, source_path)
        limits = body.BodyLimits.from_settings(plugin_settings(self.settings))
        raise_if_any(body.body_problems(text, source_path, limits))
        content, markdown = self._renderer.convert(text, source_path, limits.seconds)
        raw = {key.lower(): "\n".join(values) for key, values in getattr(markdown, "Meta", {}).items()}
        is_page = self._is_page(source_path)
        errors = core.check_file(
            original, raw, self._lines, source_path, is_page=is_page, folder_slug=self._folder_slug(source_path)
        )
        if is_page:
            errors += core.page_slug_errors(raw, self._lines, source_path, self._reserved_page_slugs)
        errors += core.editor_id_errors(original, self._theme_ids, source_path)
        _log_notices(raw_bytes, original, source_path)
        if not is_page and not content.strip():
            errors.append(
                ContentError("empty-body", "Bài viết chưa có nội dung (phần sau dòng trống đầu tiên).", source_path)
            )
        raise_if_any(errors)
        # After the errors: with --fatal warnings this warning stops the build, and the errors
        # (an id="main" in pasted HTML, say) must be named first, as make check names them.
        _warn_about_raw_html(text, source_path)
        # An empty "Summary:" or "Cover:" (left by `make new` or the web editor) means
        # the field is absent, not an empty summary that blanks the description.
        filled = {key: values for key, values in markdown.Meta.items() if "".join(values).strip()}
        metadata = pelican_api.parse_markdown_metadata(self, markdown, filled)
        if self._typogrify is not None:
            content = self._typogrify(content)
            for key in ("title", "summary"):  # the fields Pelican's TYPOGRIFY covers
                if key in metadata:
                    metadata[key] = self._typogrify(metadata[key])
        return content, metadata

    def process_metadata(self, name: str, value: Any) -> Any:
        """Parse one metadata value; a bad value becomes an error naming file and line."""
        try:
            return self._process(name, value)
        except ValueError as exc:
            raise ContentError(f"bad-{name}", str(exc), self._source_path, self._lines.get(name)) from None

    def _process(self, name: str, value: Any) -> Any:
        if name == "category":
            return self._category(value)
        parser = _PARSERS.get(name)
        return parser(value) if parser else super().process_metadata(name, value)

    def _category(self, value: str) -> PelicanCategory:
        if value == self.settings["DEFAULT_CATEGORY"]:
            # Pelican processes its default before reading the file; the
            # schema check in read() refuses an article that keeps it.
            return super().process_metadata("category", value)
        found = self.site_data.category_named(value.strip(), self._source_path, self._lines.get("category"))
        category = PelicanCategory(found.name, self.settings)
        category.slug = found.slug  # the data file's slug, not one re-derived from the name
        return category

    def _folder_slug(self, source_path: str) -> str | None:
        """The slug PATH_METADATA takes from an article's folder (None for a page or another layout)."""
        if self._is_page(source_path) or not self.settings.get("PATH_METADATA"):
            return None
        relative = Path(os.path.relpath(source_path, self.settings["PATH"])).as_posix()
        match = re.match(self.settings["PATH_METADATA"], relative)
        return match.groupdict().get("slug") if match else None

    def _is_page(self, source_path: str) -> bool:
        relative = os.path.relpath(source_path, self.settings["PATH"])
        return any(relative == p or relative.startswith(p.rstrip("/") + os.sep) for p in self.settings["PAGE_PATHS"])


def _typographer(settings: dict[str, Any]) -> Any:
    """typogrify when our setting asks for it and Pelican's own is off (never twice)."""
    if not plugin_settings(settings).CONTENT_MODEL_TYPOGRIFY or settings["TYPOGRIFY"]:
        return None
    return core.typographer(
        settings["TYPOGRIFY_IGNORE_TAGS"], settings["TYPOGRIFY_OMIT_FILTERS"], settings["TYPOGRIFY_DASHES"]
    )


def _log_notices(raw: bytes, text: str, source_path: str) -> None:
    """``make check``'s notices (NFD text, trailing spaces), logged as information: the build repairs them."""
    original = raw.decode("utf-8").removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    for notice in core.text_form_notices(original, source_path, core.body_start_line(text)):
        logger.info("%s", notice)


def _warn_about_raw_html(text: str, source_path: str) -> None:
    """Tell the editor about raw HTML (cleaned anyway; a production build refuses it)."""
    if problem := body.raw_html_problem(text, source_path):
        logger.warning("%s", problem)


def install_reader(readers: Any) -> None:
    """``readers_init``: read every Markdown extension with the portal's reader.

    Pelican instantiates the classes right after this signal.
    """
    for extension in PortalMarkdownReader.file_extensions:
        readers.reader_classes[extension] = PortalMarkdownReader


def expose_site_data(generator: Any) -> None:
    """``generator_init``: templates get the ordered categories, the site block, the theme's tokens and ``tel_uri``."""
    data = load_site_data(generator.settings)
    generator.context["PORTAL_CATEGORIES"] = data.categories
    generator.context["PORTAL_SITE"] = data.site
    generator.context["THEME_TOKENS"] = read_tokens(generator.settings["THEME"])  # e.g. theme-color in base.html
    generator.env.filters["tel_uri"] = identity.tel_uri


def report_incomplete_identity(generators: list[Any]) -> None:
    """``all_generators_finalized``: the identity's problems as ONE warning, every line in it.

    One record, because ``make publish`` runs with ``--fatal warnings`` and stops at
    the first warning: the editor gets the whole list of what to fill in, not one item
    per build. A development build logs the same text and goes on. Checked once per
    build (not per generator), and again on every rebuild of ``make devserver``.
    """
    if not generators:
        return
    try:
        problems = load_site_data(generators[0].settings).identity_errors()
    except (ContentError, ContentErrors):
        return  # a file that cannot be read was reported by the reader already
    if problems:
        lines = "\n".join(str(problem) for problem in problems)
        logger.warning("Thông tin cơ quan và liên hệ chưa đủ hoặc chưa đúng (%s):\n%s", identity.LAW, lines)


def drop_samples_if_disabled(generator: Any) -> None:
    """``article_generator_pretaxonomy``: remove ``Sample: yes`` articles everywhere."""
    if plugin_settings(generator.settings).CONTENT_MODEL_INCLUDE_SAMPLES:
        return
    dropped = generator.context.setdefault(DROPPED_SOURCES, set())
    for attr in ("articles", "translations", "drafts", "drafts_translations", "hidden_articles", "hidden_translations"):
        articles = getattr(generator, attr, [])
        dropped.update(a.source_path for a in articles if a.metadata.get("sample"))
        setattr(generator, attr, [a for a in articles if not a.metadata.get("sample")])


class _PlainContentErrors(logging.Filter):
    """Replace Pelican's bare "Could not process <file>" with our message.

    Pelican logs that line from inside its ``except`` block and attaches the
    exception only in DEBUG mode, so the active exception is read from
    ``sys.exc_info()``: the filter runs synchronously inside that block.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        exc = record.exc_info[1] if record.exc_info else sys.exc_info()[1]
        if isinstance(exc, ContentError | ContentErrors | SettingsError):
            record.msg, record.args = "%s", (str(exc),)
            record.exc_info, record.exc_text = None, None
        return True


def report_content_errors_plainly() -> None:
    """At ``register``: install the filter once per process (builds in tests repeat).

    On Pelican's reader logger ("Could not process") and on the logger of its
    ``main``, which logs any exception that stops the build with its traceback
    (a misspelt setting is refused at ``initialized``, before any reading).
    """
    for name in ("pelican.generators", "pelican"):
        logger = logging.getLogger(name)
        if not any(isinstance(f, _PlainContentErrors) for f in logger.filters):
            logger.addFilter(_PlainContentErrors())
