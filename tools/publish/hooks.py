"""Run Pelican in this process and record what it read and what it actually wrote.

The difference between the two is what must not appear in the output
(drafts, hidden and future-dated articles, samples when they are off, and
anything a plugin leaves out): ``publish_checks`` greps the build for those
titles and slugs. Signals are connected only for the duration of the build,
and before Pelican registers the plugins: Pelican calls receivers in
connection order, so the article lists are read before content_model drops
the samples. Lists rather than ``content_object_init``: the build_cache plugin
reads articles in worker processes, where that signal never reaches us.
"""

from __future__ import annotations

import logging
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pelican import Pelican, signals
from pelican.contents import Article, Content, Page
from pelican.log import init as init_logging
from pelican.settings import read_settings

from plugins.publish_checks.core import Withheld, plain_text
from tools.search_index.pagefind import cache_folder, index_site

_ARTICLE_LISTS = ("articles", "translations", "drafts", "drafts_translations", "hidden_articles", "hidden_translations")
_PAGE_LISTS = ("pages", "translations", "hidden_pages", "hidden_translations", "draft_pages", "draft_translations")


@dataclass
class BuildRecord:
    """Settings of the build, every article/page read, and the ones written to the output."""

    settings: dict[str, Any]
    read: list[Content] = field(default_factory=list)
    written: dict[int, Content] = field(default_factory=dict)
    rendered: set[str] = field(default_factory=set)

    def saw_articles(self, generator: Any) -> None:
        """``article_generator_pretaxonomy``: every article, whatever its status, before any is dropped."""
        for attr in _ARTICLE_LISTS:
            self.read.extend(getattr(generator, attr, []))

    def saw_pages(self, generator: Any) -> None:
        """``page_generator_finalized``: every page, whatever its status."""
        for attr in _PAGE_LISTS:
            self.read.extend(getattr(generator, attr, []))

    def wrote(self, path: str, context: dict[str, Any]) -> None:
        """``content_written``: every page the theme rendered; an article or page is published when its own was."""
        content = context.get("article") or context.get("page")
        relative = os.path.relpath(path, self.settings["OUTPUT_PATH"]).replace(os.sep, "/")
        self.rendered.add(relative)
        if isinstance(content, Article | Page) and content.save_as == relative:
            self.written[id(content)] = content

    def withheld(self) -> list[Withheld]:
        """Articles and pages read but not written."""
        root = Path(self.settings["PATH"])
        return [
            Withheld(plain_text(c.title), c.slug, os.path.relpath(c.source_path, root.parent))
            for c in self.read
            if id(c) not in self.written
        ]

    def published_names(self) -> set[str]:
        """Names and slugs the published site legitimately shows (a withheld title equal to one is no leak)."""
        names = {self.settings["SITENAME"]}
        for content in self.written.values():
            names |= {plain_text(content.title), content.slug}
            taxa = [getattr(content, "category", None), *getattr(content, "tags", []), *getattr(content, "authors", [])]
            names |= {name for taxon in taxa if taxon is not None for name in (str(taxon), taxon.slug)}
        return names


def build(settings_file: Path, content: Path, output: Path) -> BuildRecord:
    """Build ``content`` into ``output`` with ``settings_file``; any warning raises (``--fatal warnings``)."""
    init_logging(level=logging.WARNING, fatal="warnings", handler=_plain_handler())
    settings = read_settings(
        str(settings_file), override={"PATH": str(content.resolve()), "OUTPUT_PATH": str(output.resolve())}
    )
    record = BuildRecord(settings)
    with (
        signals.article_generator_pretaxonomy.connected_to(record.saw_articles),
        signals.page_generator_finalized.connected_to(record.saw_pages),
        signals.content_written.connected_to(record.wrote),
    ):
        Pelican(settings).run()
    index_for_search(output, settings, cache_folder(settings["CACHE_PATH"], settings_file))
    return record


def index_for_search(output: Path, settings: dict[str, Any], cache: Path) -> None:
    """The post-Pelican step of ``make html``: the search index must be built, checked and swapped in too.

    ``cache`` keeps prepared pages between builds: each build goes to a new folder, but
    most of its article pages are the previous build's, byte for byte.
    """
    summary = index_site(output, {k: v for k, v in settings.items() if k.startswith("SEARCH_INDEX_")}, cache)
    print(f"Tìm kiếm: đã lập chỉ mục {summary.pages} bài viết ({summary.reused} dùng lại).", file=sys.stderr)


def _plain_handler() -> logging.Handler:
    """One line per message (CI logs and editors' terminals; no wrapping that splits file paths)."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)s: %(message)s"))
    return handler
