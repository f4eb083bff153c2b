"""Turn Pelican's generators into the pre-write guards of ``core``.

Runs at ``all_generators_finalized``: every content object and static file is
known and nothing has been written yet.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from pelican.contents import Content, Static
from pelican.generators import ArticlesGenerator

from plugins.common import pelican_api
from plugins.common.errors import ContentErrors, raise_if_any
from plugins.common.paths import RealPaths, is_inside, outside_content
from plugins.common.written import DROPPED_SOURCES, contents_to_write, listed_contents
from plugins.publish_checks import core
from plugins.publish_checks.settings import withholds_hidden

logger = logging.getLogger(__name__)


def guard_before_writing(generators: list[Any]) -> None:
    """``all_generators_finalized``: withhold, refuse paths outside content/, then refuse duplicate outputs."""
    settings = generators[0].settings
    content_root = Path(settings["PATH"])
    # The last user of the build's folder memo: taken out of the context that templates see.
    real = generators[0].context.pop(RealPaths.CONTEXT_KEY, None) or RealPaths()
    # Resolved once per file: realpath is the cost of this check at thousands of articles.
    resolved = {id(c): Path(real.realpath(c.source_path)) for c in listed_contents(generators)}
    withhold_hidden = withholds_hidden(settings)
    written_as = contents_to_write(generators, withhold_hidden=withhold_hidden)
    if withhold_hidden:
        _withhold_hidden(generators)
    written = [content for content, _ in written_as]
    # Articles first: their messages name the file and line that holds the bad link.
    _report_paths_outside(written, content_root, real)
    unpublished = set(resolved.values()) - {resolved[id(c)] for c in written}
    unpublished |= {Path(real.realpath(p)) for p in generators[0].context.get(DROPPED_SOURCES, ())}
    _report_links_to_unpublished(written, unpublished, content_root)
    linked = _linked_files(written, content_root)
    for generator in generators:
        if hasattr(generator, "staticfiles"):
            _drop_unpublishable_static(generator.staticfiles, written, linked, content_root, real)
    raise_if_any(core.duplicate_outputs(_claims(generators, written_as, content_root)))


def refuse_active_content(pelican: Any) -> None:
    """``initialized``: HTML, SVG, XML and script files in editors' folders stop the build, all named at once.

    Before anything is read: Pelican would otherwise try an ``.htm`` as an article,
    or the figures plugin fail on an SVG photo, and stop (``--fatal``) with another
    message first. One log record lists every file, so one build names them all.
    """
    settings = pelican.settings
    folders = (*settings["ARTICLE_PATHS"], *settings["PAGE_PATHS"], *settings["STATIC_PATHS"])
    errors = core.active_content_files(Path(settings["PATH"]), folders)
    if errors:
        logger.error("%s", ContentErrors(errors))


def _withhold_hidden(generators: list[Any]) -> None:
    """Empty the hidden lists in place (the context holds the same list objects)."""
    for generator in generators:
        if isinstance(generator, ArticlesGenerator):
            generator.hidden_articles.clear()
            generator.hidden_translations.clear()


def _report_links_to_unpublished(written: list[Content], unpublished: set[Path], content_root: Path) -> None:
    """Log links from published content to drafts and withheld content (they would point elsewhere)."""
    if not unpublished:
        return
    for content in written:
        text = Path(content.source_path).read_text(encoding="utf-8", errors="replace")
        for problem in core.references_to_unpublished(text, content.source_path, content_root, unpublished):
            logger.error("%s", problem)


def _linked_files(written: Iterable[Content], content_root: Path) -> set[Path]:
    """Every file a written page links with ``{static}``/``{attach}``/``{filename}`` (normalised paths)."""
    return {
        Path(os.path.normpath(target))
        for content in written
        for _, target, _ in core.references(pelican_api.body_html(content), content.source_path, content_root)
    }


def _drop_unpublishable_static(
    staticfiles: list[Static], written: list[Content], linked: set[Path], content_root: Path, real: RealPaths
) -> None:
    """Keep photos of unpublished articles, unlinked files and files from outside content/ out of the output.

    A photo beside a draft (or a sample when samples are off) would otherwise
    be copied and publish the unpublished article's folder name. A file under
    STATIC_PATHS (content/images/) goes out only when a written page links it:
    an unlinked phone photo there would be copied with its owner's name and
    GPS position (a photo shown with ``![…](…)`` is published as the figures
    plugin's stripped variants, never as this copy).
    """
    published_folders = {Path(c.source_path).parent for c in written}
    kept = []
    for static in staticfiles:
        error = outside_content(static.source_path, content_root, real.realpath)
        if error:
            logger.error("%s", error)
            continue
        if Path(static.source_path).suffix.lower() in core.ACTIVE_SUFFIXES:
            continue  # reported by core.active_content_files when in an editor's folder; never copied
        folder = core.bundle_dir(static.source_path, content_root)
        if folder in published_folders or (folder is None and Path(os.path.normpath(static.source_path)) in linked):
            kept.append(static)
    staticfiles[:] = kept


def _report_paths_outside(written: Iterable[Content], content_root: Path, real: RealPaths) -> None:
    """Log each source that lives outside content/ (a symlinked article or page)."""
    for content in written:
        error = outside_content(content.source_path, content_root, real.realpath)
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
    realpath = RealPaths.of(pelican_api.shared_context(content)).realpath
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
