"""Glue: a Pelican generator that reads the documents folder, checks it and writes the section."""

from __future__ import annotations

import dataclasses
import logging
import os
from pathlib import Path
from typing import Any

from markdown import Markdown
from pelican.generators import Generator

from plugins.common.errors import ContentError
from plugins.common.settings import merged
from plugins.content_model.settings import DEFAULTS as MODEL_DEFAULTS
from plugins.documents import core
from plugins.documents.settings import DEFAULTS
from plugins.html_policy import core as html_policy

logger = logging.getLogger(__name__)


def plugin_settings(settings: dict[str, Any]) -> dict[str, Any]:
    return merged(DEFAULTS, settings, "DOCUMENTS_")


def data_file(settings: dict[str, Any]) -> Path:
    """The site data file (content_model's setting): document types live beside the categories."""
    return Path(settings["PATH"]) / merged(MODEL_DEFAULTS, settings, "CONTENT_MODEL_")["CONTENT_MODEL_DATA_FILE"]


def get_generators(_pelican: Any) -> type[Generator]:
    """``get_generators``: add the documents section to the build."""
    return DocumentsGenerator


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
        if not merged(MODEL_DEFAULTS, self.settings, "CONTENT_MODEL_")["CONTENT_MODEL_INCLUDE_SAMPLES"]:
            documents = [d for d in documents if not d.sample]
        self.documents = core.newest_first(documents)
        _register_link_targets(self.context, self.documents, Path(self.settings["PATH"]))
        # The section exists from the first day (pages such as "Tiếp cận thông tin" link to it);
        # with no document yet, its page says so.
        self.context["PORTAL_DOCUMENTS_URL"] = cfg["DOCUMENTS_INDEX_URL"]
        self.context["PORTAL_LATEST_DOCUMENTS"] = self.documents[: cfg["DOCUMENTS_HOME_COUNT"]]

    def _read_all(self) -> list[core.Document]:
        folder = Path(self.settings["PATH"]) / self.cfg["DOCUMENTS_PATH"]
        cleaner = html_policy.make_cleaner()
        markdown_settings = self.settings["MARKDOWN"]

        def render(body: str) -> str:
            return html_policy.clean(Markdown(**markdown_settings).convert(body), cleaner)

        found = []
        for source in core.document_sources(folder):
            document, errors = core.read_document(
                source,
                self.types,
                formats=tuple(self.cfg["DOCUMENTS_FORMATS"]),
                max_bytes=self.cfg["DOCUMENTS_MAX_BYTES"],
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
            url=self.cfg["DOCUMENTS_URL"].format(slug=document.slug),
            file_url=self.cfg["DOCUMENTS_FILES_URL"] + name,
        )

    def generate_output(self, writer: Any) -> None:
        type_links = [
            (t, self.cfg["DOCUMENTS_TYPE_URL"].format(slug=t.slug), docs)
            for t, docs in core.by_type(self.documents, self.types)
        ]
        year_links = [
            (year, self.cfg["DOCUMENTS_YEAR_URL"].format(year=year), docs)
            for year, docs in core.by_year(self.documents)
        ]
        filters = {"document_type_links": type_links, "document_year_links": year_links}
        self._write_list(writer, self.cfg["DOCUMENTS_INDEX_URL"], self.documents, filters, active=None)
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
            documents_index_url=self.cfg["DOCUMENTS_INDEX_URL"],
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
            documents_index_url=self.cfg["DOCUMENTS_INDEX_URL"],
            document_type_url=self.cfg["DOCUMENTS_TYPE_URL"].format(slug=document.type.slug),
        )
