"""Turn Pelican's generators into the pre-write guards of ``core``.

Runs at ``all_generators_finalized``: every content object and static file is
known and nothing has been written yet.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from pelican.contents import Content, Static
from pelican.generators import ArticlesGenerator

from plugins.common.errors import raise_if_any
from plugins.common.paths import RealPaths, is_inside
from plugins.common.settings import merged
from plugins.publish_checks import core
from plugins.publish_checks.settings import DEFAULTS

logger = logging.getLogger(__name__)

# Generator attributes holding content objects that Pelican writes (drafts only when DRAFT_SAVE_AS is set).
_WRITTEN_LISTS = (
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


def guard_before_writing(generators: list[Any]) -> None:
    """``all_generators_finalized``: withhold, refuse paths outside content/, then refuse duplicate outputs."""
    settings = generators[0].settings
    content_root = Path(settings["PATH"])
    # The last user of the build's folder memo: taken out of the context that templates see.
    real = generators[0].context.pop(RealPaths.CONTEXT_KEY, None) or RealPaths()
    # Resolved once per file: realpath is the cost of this check at thousands of articles.
    resolved = {id(c): Path(real.realpath(c.source_path)) for c in _listed_contents(generators)}
    if merged(DEFAULTS, settings, "PUBLISH_CHECKS_")["PUBLISH_CHECKS_WITHHOLD_HIDDEN"]:
        _withhold_hidden(generators)
    written_as = _written_contents(generators)
    written = [content for content, _ in written_as]
    # Articles first: their messages name the file and line that holds the bad link.
    _report_paths_outside(written, content_root, real)
    unpublished = set(resolved.values()) - {resolved[id(c)] for c in written}
    _report_links_to_unpublished(written, unpublished, content_root)
    for generator in generators:
        if hasattr(generator, "staticfiles"):
            _drop_unpublishable_static(generator.staticfiles, written, content_root, real)
    raise_if_any(core.duplicate_outputs(_claims(generators, written_as, content_root)))


def _withhold_hidden(generators: list[Any]) -> None:
    """Empty the hidden lists in place (the context holds the same list objects)."""
    for generator in generators:
        if isinstance(generator, ArticlesGenerator):
            generator.hidden_articles.clear()
            generator.hidden_translations.clear()


def _listed_contents(generators: list[Any]) -> Iterator[Content]:
    """Every article and page the generators hold, published or not."""
    for generator in generators:
        for attr in _WRITTEN_LISTS:
            yield from getattr(generator, attr, ())


def _written_contents(generators: list[Any]) -> list[tuple[Content, str]]:
    """Articles and pages that will be written, and where (a draft only when its SAVE_AS is not empty).

    Pelican works ``save_as`` out from the URL settings on every access: here, once per article.
    """
    found = ((content, content.save_as) for content in _listed_contents(generators))
    return [(content, save_as) for content, save_as in found if save_as]


def _report_links_to_unpublished(written: list[Content], unpublished: set[Path], content_root: Path) -> None:
    """Log links from published content to drafts and withheld content (they would point elsewhere)."""
    if not unpublished:
        return
    for content in written:
        text = Path(content.source_path).read_text(encoding="utf-8", errors="replace")
        for problem in core.references_to_unpublished(text, content.source_path, content_root, unpublished):
            logger.error("%s", problem)


def _drop_unpublishable_static(
    staticfiles: list[Static], written: list[Content], content_root: Path, real: RealPaths
) -> None:
    """Keep photos of unpublished articles and files from outside content/ out of the output.

    A photo beside a draft (or a sample when samples are off) would otherwise
    be copied and publish the unpublished article's folder name.
    """
    published_folders = {Path(c.source_path).parent for c in written}
    kept = []
    for static in staticfiles:
        error = core.outside_content(static.source_path, content_root, real.realpath)
        if error:
            logger.error("%s", error)
            continue
        folder = core.bundle_dir(static.source_path, content_root)
        if folder is None or folder in published_folders:
            kept.append(static)
    staticfiles[:] = kept


def _report_paths_outside(written: Iterable[Content], content_root: Path, real: RealPaths) -> None:
    """Log each source that lives outside content/ (a symlinked article or page)."""
    for content in written:
        error = core.outside_content(content.source_path, content_root, real.realpath)
        if error:
            logger.error("%s", error)


def refuse_escaping_references(content: Content) -> None:
    """``content_object_init``: log links that leave content/, naming the file and line.

    Runs as each file is read, before Pelican's static generator touches the
    link's target (which would otherwise fail first, without naming the article).
    Runs on every build, cached article or not: paths are resolved through the
    build's ``RealPaths``, so each link costs one ``lstat``, not one per folder.
    """
    root = content.settings["PATH"]
    realpath = RealPaths.of(getattr(content, "_context", None)).realpath
    if not content.source_path or not is_inside(content.source_path, root, realpath):
        return
    text = Path(content.source_path).read_text(encoding="utf-8", errors="replace")
    for problem in core.escaping_references(text, content.source_path, root, realpath):
        logger.error("%s", problem)


def _claims(
    generators: list[Any], written_as: list[tuple[Content, str]], content_root: Path
) -> Iterator[core.OutputClaim]:
    """Every output path with the file that asks for it, as the editor knows it (relative to content/)."""
    for content, save_as in written_as:
        yield core.OutputClaim(save_as, _relative(content.source_path, content_root))
    for generator in generators:
        for static in getattr(generator, "staticfiles", ()):
            yield core.OutputClaim(static.save_as, _relative(static.source_path, content_root))
        if isinstance(generator, ArticlesGenerator):
            yield from _generated_pages(generator)
        # A plugin's own generator names the pages it will write: (save_as, description), e.g. organisation.
        for save_as, description in getattr(generator, "claimed_outputs", ()):
            yield core.OutputClaim(save_as, description, generated=True)


def _generated_pages(generator: ArticlesGenerator) -> Iterator[core.OutputClaim]:
    """Section, tag, author and site pages: a page called "Lưu trữ" or "Tìm kiếm" must not replace them."""
    for category, _ in generator.categories:
        yield core.OutputClaim(category.save_as, f"trang chuyên mục “{category}”", generated=True)
    for tag in generator.tags:
        yield core.OutputClaim(tag.save_as, f"trang từ khóa “{tag}”", generated=True)
    for author, _ in generator.authors:
        yield core.OutputClaim(author.save_as, f"trang tác giả “{author}”", generated=True)
    for name in generator.settings["DIRECT_TEMPLATES"]:
        save_as = generator.settings.get(f"{name.upper()}_SAVE_AS", f"{name}.html")
        if save_as:
            yield core.OutputClaim(save_as, f"trang “{name}” của giao diện", generated=True)


def _relative(source: str, content_root: Path) -> str:
    try:  # one relative path rather than a walk up the parents (thousands of articles)
        inner = Path(source).relative_to(content_root)
    except ValueError:
        return source
    return str(Path(content_root.name, inner)) if inner.parts else source
