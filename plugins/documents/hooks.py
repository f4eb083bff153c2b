"""Glue: a Pelican generator that reads the documents folder, checks it and writes the section."""

from __future__ import annotations

import dataclasses
import logging
import os
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from markdown import Markdown
from pelican.generators import Generator

from plugins.common import pelican_api
from plugins.common.errors import ContentError
from plugins.common.paths import on_disk, outside_content
from plugins.common.pelican_api import WRITTEN_LISTS
from plugins.common.written import DROPPED_SOURCES, contents_to_write
from plugins.content_model.settings import Settings as ModelSettings
from plugins.documents import core
from plugins.documents.settings import Settings
from plugins.html_policy import core as html_policy
from plugins.publish_checks import core as publish_core
from plugins.publish_checks.settings import withholds_hidden

logger = logging.getLogger(__name__)


def plugin_settings(settings: dict[str, Any]) -> Settings:
    return Settings.of(settings)


def data_file(settings: dict[str, Any]) -> Path:
    """The site data file (content_model's setting): document types live beside the categories."""
    return Path(settings["PATH"]) / ModelSettings.of(settings).CONTENT_MODEL_DATA_FILE


def get_generators(_pelican: Any) -> tuple[type[Generator], ...]:
    """``get_generators``: add the documents section, and the writer of linked attachments, to the build."""
    return DocumentsGenerator, LinkedFilesGenerator


def _register_link_targets(context: dict[str, Any], documents: list[core.Document], content_root: Path) -> None:
    """Let ``[…]({filename}/van-ban/…/index.md)`` in an article link to the document's page.

    Editors link to another article that way, so they link to a document the
    same way; Pelican resolves ``{filename}`` through ``generated_content``
    (source path relative to PATH → an object with ``.url``), filled by its own
    generators only. Links are replaced when pages are written, after every
    generator's ``generate_context``. A document left out (a sample in
    production) is not registered: the link stays unresolved and the build stops.
    """
    targets = context.setdefault("generated_content", {})
    for document in documents:
        targets.setdefault(os.path.relpath(document.source, content_root), document)


class DocumentsGenerator(Generator):
    """Reads ``DOCUMENTS_PATH`` in ``generate_context`` (so the home page can list the newest),
    writes list, filter and detail pages and the attachments in ``generate_output``."""

    def generate_context(self) -> None:
        cfg = plugin_settings(self.settings)
        self.cfg = cfg
        try:
            self.types = core.load_document_types(data_file(self.settings))
        except ContentError as err:
            logger.error("%s", err)
            self.types = ()
        documents = [self._with_urls(d) for d in self._read_all()]
        if not ModelSettings.of(self.settings).CONTENT_MODEL_INCLUDE_SAMPLES:
            # A link to a dropped sample is named at its line by publish_checks, as for sample articles.
            self.context.setdefault(DROPPED_SOURCES, set()).update(str(d.source) for d in documents if d.sample)
            documents = [d for d in documents if not d.sample]
        self.documents = core.newest_first(documents)
        _register_link_targets(self.context, self.documents, Path(self.settings["PATH"]))
        # The section exists from the first day (pages such as "Tiếp cận thông tin" link to it);
        # with no document yet, its page says so.
        self.context["PORTAL_DOCUMENTS_URL"] = cfg.DOCUMENTS_INDEX_URL
        self.context["PORTAL_LATEST_DOCUMENTS"] = self.documents[: cfg.DOCUMENTS_HOME_COUNT]

    def _read_all(self) -> list[core.Document]:
        folder = Path(self.settings["PATH"]) / self.cfg.DOCUMENTS_PATH
        cleaner = html_policy.make_cleaner()
        markdown_settings = self.settings["MARKDOWN"]

        def render(body: str) -> str:
            return html_policy.clean(Markdown(**markdown_settings).convert(body), cleaner)

        found = []
        for source in core.document_sources(folder):
            document, errors = core.read_document(
                source,
                self.types,
                formats=tuple(self.cfg.DOCUMENTS_FORMATS),
                max_bytes=self.cfg.DOCUMENTS_MAX_BYTES,
                render=render,
                content_root=Path(self.settings["PATH"]),
            )
            for err in errors:
                logger.error("%s", err)
            if document:
                found.append(document)
        for err in core.duplicate_numbers(found):
            logger.error("%s", err)
        return found

    def _with_urls(self, document: core.Document) -> core.Document:
        name = document.attachment.published_name(document.slug)
        return dataclasses.replace(
            document,
            url=self.cfg.DOCUMENTS_URL.format(slug=document.slug),
            file_url=self.cfg.DOCUMENTS_FILES_URL + name,
        )

    def generate_output(self, writer: Any) -> None:
        type_links = [
            (t, self.cfg.DOCUMENTS_TYPE_URL.format(slug=t.slug), docs)
            for t, docs in core.by_type(self.documents, self.types)
        ]
        year_links = [
            (year, self.cfg.DOCUMENTS_YEAR_URL.format(year=year), docs) for year, docs in core.by_year(self.documents)
        ]
        filters = {"document_type_links": type_links, "document_year_links": year_links}
        self._write_list(writer, self.cfg.DOCUMENTS_INDEX_URL, self.documents, filters, active=None)
        for doc_type, url, docs in type_links:
            self._write_list(writer, url, docs, filters, active=doc_type)
        for year, url, docs in year_links:
            self._write_list(writer, url, docs, filters, active=year)
        for document in self.documents:
            self._write_detail(writer, document)

    def _write_list(self, writer: Any, url: str, documents: list, filters: dict, active: Any) -> None:
        """One list page (paginated like category pages); ``active`` is the type or year filtered on."""
        writer.write_file(
            url + "index.html",
            self.get_template("documents"),
            self.context,
            relative_urls=self.settings["RELATIVE_URLS"],
            paginated={"articles": documents},
            template_name="documents",
            url=url,
            documents_filter=active,
            documents_index_url=self.cfg.DOCUMENTS_INDEX_URL,
            **filters,
        )

    def _write_detail(self, writer: Any, document: core.Document) -> None:
        target = Path(self.output_path) / document.file_url
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(document.attachment.data)
        writer.write_file(
            document.url + "index.html",
            self.get_template("document"),
            self.context,
            relative_urls=self.settings["RELATIVE_URLS"],
            url=document.url,
            document=document,
            documents_index_url=self.cfg.DOCUMENTS_INDEX_URL,
            document_type_url=self.cfg.DOCUMENTS_TYPE_URL.format(slug=document.type.slug),
        )


# --- files linked from articles and pages ({attach}/{static}) --------------------------------------------------


SPELLINGS_KEY = "documents_link_spellings"  # context: linked path as written → as spelt on disk


def spell_links_as_on_disk(generator: Any) -> None:
    """``article_generator_finalized``/``page_generator_finalized``: a link spelt NFC to a file named NFD is that file.

    Pelican reads every ``{static}``/``{attach}`` target by the path written in the
    page; a name that macOS stored decomposed would be "not found" (and a warning
    stops ``make publish``). Each such path is replaced by its spelling on disk
    (``plugins.common.paths.on_disk``, the photos' rule) before the static generator
    reads them; ``relocate_attachments`` then lets the written spelling find it too.
    """
    content_root = Path(generator.settings["PATH"])
    links = generator.context.get("static_links")
    if not links:
        return
    spellings = generator.context.setdefault(SPELLINGS_KEY, {})
    for written in list(links):
        found = on_disk(content_root / written, content_root)
        if found is not None and found != content_root / written:
            links.discard(written)
            links.add(found.relative_to(content_root).as_posix())
            spellings[written] = found.relative_to(content_root).as_posix()


def relocate_attachments(generator: Any) -> None:
    """``static_generator_finalized``: move each ``{attach}`` target beside the page that links it, now.

    Pelican does it lazily, when the page's HTML is rendered; but publish_checks reads
    every static file's ``save_as`` before anything is written (duplicate outputs), after
    which Pelican refuses to move it ("cannot relocate … already referenced", a warning
    that stops ``make publish``), and pages rendered in worker processes (page_writer)
    would move it in the worker only. Done here for the pages that are written, in
    Pelican's own way (``Static.attach_to``), its later call then changes nothing.
    """
    content_root = Path(generator.settings["PATH"])
    static_content = generator.context.get("static_content", {})
    for written, spelt in generator.context.pop(SPELLINGS_KEY, {}).items():
        if spelt in static_content:
            static_content.setdefault(written, static_content[spelt])
    by_source = {Path(s.source_path): s for s in generator.staticfiles}
    for content in _written_contents(generator.context, generator.settings):
        text = pelican_api.body_html(content) or ""
        for link, target, _line in publish_core.references(text, content.source_path, content_root):
            if not link.startswith(("{attach}", "|attach|")):
                continue
            static = by_source.get(Path(on_disk(target, content_root) or target))
            if static is not None and not pelican_api.output_location_referenced(static):
                static.attach_to(content)


def _written_contents(context: dict[str, Any], settings: dict[str, Any]) -> list[Any]:
    """The articles and pages this build writes, from the shared context (the static generator has no others)."""
    lists = SimpleNamespace(**{name: context.get(name) for name in WRITTEN_LISTS})
    return [content for content, _ in contents_to_write([lists], withhold_hidden=withholds_hidden(settings))]


class LinkedFilesGenerator(Generator):
    """Writes PDF/DOCX files that pages link to (``{attach}``/``{static}``) sanitised, never as they are.

    Runs after every generator's context is ready and ``all_generators_finalized``
    (so publish_checks has already left out the files of unpublished pages and of
    paths outside content/) and before the static generator's output, which Pelican
    always runs last: each such file is taken out of the static files, so Pelican
    never copies the original, and written from ``core.linked_file_bytes`` (the
    document sanitiser: metadata, scripts, people, comments, macros; size and
    inflation capped). A refused file is logged naming the page and line that link it.
    """

    def generate_context(self) -> None:
        self.cfg = plugin_settings(self.settings)

    def generate_output(self, writer: Any) -> None:
        staticfiles = self.context.get("staticfiles", [])
        content_root = Path(self.settings["PATH"])
        handled = core.LINKED_HANDLED
        for static in [s for s in staticfiles if Path(s.source_path).suffix.lower().lstrip(".") in handled]:
            staticfiles.remove(static)
            source = Path(static.source_path)
            if outside := outside_content(source, content_root):
                logger.error("%s", outside)
                continue
            try:  # bytes for every suffix handled here: a refused one raises
                data = core.linked_file_bytes(source, self.cfg.DOCUMENTS_MAX_BYTES) or b""
            except (ValueError, FileNotFoundError):
                for error in self._errors_at_links(source, content_root):
                    logger.error("%s", error)
                continue
            target = Path(self.output_path) / static.save_as
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)

    def _errors_at_links(self, source: Path, content_root: Path) -> list[ContentError]:
        """The refusal of ``source`` at every written page's link to it (at the file itself when none links it)."""
        errors = []
        for content in _written_contents(self.context, self.settings):
            text = Path(content.source_path).read_text(encoding="utf-8", errors="replace")
            for _link, target, line in publish_core.references(text, content.source_path, content_root):
                if Path(on_disk(target, content_root) or target) == source:
                    found = core.linked_file_error(source, self.cfg.DOCUMENTS_MAX_BYTES, content.source_path, line)
                    errors += [found] if found else []
        if not errors and (alone := core.linked_file_error(source, self.cfg.DOCUMENTS_MAX_BYTES, source, None)):
            errors.append(alone)  # in STATIC_PATHS, linked from nowhere
        return errors
