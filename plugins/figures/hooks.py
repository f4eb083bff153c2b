"""Glue between Pelican and the photo pipeline in ``core``.

Order within one build:

1. ``content_object_init`` (each article/page as it is read): every ``<img>`` the
   Markdown produced is checked (path, header) and replaced by ``<picture>`` markup
   whose variant URLs are already known; the cover is chosen and planned. Problems
   are logged as ``ContentError`` naming the article file, line and reference; the
   broken ``<img>`` is dropped so Pelican never follows its ``{static}`` link.
   Settings and the photo facts cache are shared by every article (``SitePhotos``),
   so an unchanged photo is not opened or hashed again.
2. ``static_generator_finalized``: photo files in article and page folders are taken
   out of the static files, so originals (with their EXIF/GPS) are never published.
3. ``all_generators_finalized`` (after every file is read, after Pelican has
   emptied the output folder): every missing variant
   of a page that is written (``plugins.common.written``: not a production draft,
   a withheld hidden article or a dropped sample) is encoded into the cache, once
   per distinct photo and rendering, in parallel, and copied into the output;
   then the photo facts are saved, without those of photos that failed to encode.
"""

from __future__ import annotations

import html
import logging
import os
import re
from pathlib import Path, PurePosixPath
from typing import Any

from markupsafe import Markup
from pelican.contents import Static
from pelican.utils import get_relative_path

from plugins.common import pelican_api
from plugins.common.errors import ContentError
from plugins.common.paths import RealPaths
from plugins.common.processes import available_cpus, worker_count
from plugins.common.written import contents_to_write
from plugins.figures import core
from plugins.figures.settings import Settings
from plugins.figures.site import SitePhotos
from plugins.publish_checks.settings import withholds_hidden

logger = logging.getLogger(__name__)

IMAGE_SUFFIXES = {".jpg", ".jpeg", ".jpe", ".png", ".webp", ".gif", ".avif", ".heic", ".heif", ".tif", ".tiff", ".bmp"}


def plugin_settings(settings: dict[str, Any]) -> Settings:
    return Settings.of(settings)


def add_picture_global(generator: Any) -> None:
    """``generator_init``: the theme's ``partials/picture.html`` writes covers and portraits with ``core``."""
    generator.env.globals["picture"] = theme_picture


def theme_picture(image: core.Picture | None, sizes: str, eager: bool, siteurl: str) -> Markup:
    """``picture(image, sizes, eager, SITEURL)`` in a template: the markup body photos get, one element a line."""
    if not image:
        return Markup("")
    return Markup(core.picture_html(image, str(siteurl), str(sizes), eager=bool(eager), one_per_line=True))


def url_prefix(instance: Any) -> str:
    """What Pelican itself puts before ``{static}`` links on this page: relative or the site URL.

    Body HTML is only rendered on the content's own page (cards show summaries),
    so a prefix computed from the page's own ``save_as`` is the one Pelican would use.
    """
    if instance.settings.get("RELATIVE_URLS"):
        return get_relative_path(instance.save_as)
    return instance.settings.get("SITEURL", "").rstrip("/")


class ArticlePhotos:
    """The photos of one article or page while it is being read."""

    def __init__(self, instance: Any) -> None:
        self.instance = instance
        context = pelican_api.shared_context(instance)
        self.site = SitePhotos.of(context, instance.settings)
        self.realpath = RealPaths.of(context).realpath  # one lstat per photo once its folder is known
        self.source = Path(instance.source_path)
        self.content_root = Path(instance.settings["PATH"])
        self.prefix = url_prefix(instance)
        self.paths: dict[str, Path] = {}
        self.stems: dict[Path, str] = {}
        self.plans: dict[Path, core.PhotoPlan] = {}
        self.body_alts: dict[Path, str] = {}
        self._text: str | None = None

    def error(self, err: ContentError, needle: str) -> ContentError:
        """``err`` with the article file and the line where ``needle`` is written."""
        if self._text is None:
            self._text = self.source.read_text(encoding="utf-8", errors="replace")
        return ContentError(err.key, err.message, self.source, core.line_of(self._text, needle))

    def plan(self, reference: str) -> tuple[core.PhotoPlan, str]:
        """Check one reference and return its plan (shared by body and cover) and a file stem.

        ``Cover:`` usually names a body photo again; its path is resolved and its stem made once.
        """
        written = core.strip_link_prefix(reference).strip()  # all that resolve_photo's result depends on
        if written not in self.paths:
            self.paths[written] = core.resolve_photo(reference, self.source.parent, self.content_root, self.realpath)
        path = self.paths[written]
        if path not in self.plans:
            self.plans[path] = core.PhotoPlan(
                core.probe(path, reference, self.site.encoder, self.site.facts, max_bytes=self.site.max_bytes)
            )
            self.stems[path] = core.file_stem(path)
        plan = self.plans[path]
        plan.references.append((str(self.source), reference))
        return plan, self.stems[path]

    def replace(self, tag: str, attrs: dict[str, str]) -> str:
        """One body ``<img>`` → ``<picture>``; the first photo loads eagerly, the rest lazily."""
        reference = attrs.get("src", "")
        if reference.startswith("data:"):
            return tag
        try:
            plan, stem = self.plan(reference)
        except ContentError as err:
            logger.error("%s", self.error(err, reference))
            return ""
        alt = attrs.get("alt", "").strip()
        if not alt:
            self.report_missing_caption(reference)
        eager = not self.body_alts
        self.body_alts.setdefault(plan.source.path, alt)
        picture = self.site.planner.body_picture(plan, stem, alt)
        prefix = self.prefix or None  # no site URL: the URLs stay as Pelican would write them
        return core.picture_html(picture, prefix, self.site.values.FIGURES_SIZES, eager=eager)

    def report_missing_caption(self, reference: str) -> None:
        err = ContentError(
            "image-no-caption",
            f'Ảnh "{reference}" chưa có chú thích và chưa có mô tả (alt). Hãy viết chú thích trong khối '
            "/// caption … /// ngay dưới dòng ảnh.",
        )
        level = logging.ERROR if self.site.values.FIGURES_MISSING_CAPTION == "error" else logging.WARNING
        logger.log(level, "%s", self.error(err, reference))

    def cover(self) -> core.Picture | None:
        """``Cover:`` when given, else the first body photo; None for an article without photos."""
        reference = self.instance.metadata.get("cover")
        if isinstance(reference, str) and reference.strip():
            try:
                plan, stem = self.plan(reference.strip())
            except ContentError as err:
                logger.error("%s", self.error(err, "Cover:"))
                return None
        elif self.body_alts:
            plan = self.plans[next(iter(self.body_alts))]
            stem = self.stems[plan.source.path]
        else:
            return None
        alt = self.body_alts.get(plan.source.path) or plain_text(self.instance.title)
        return self.site.planner.cover_picture(plan, stem, alt)


def plain_text(markup: str) -> str:
    """A title as text: typogrify may have added tags and entities, and alt text is escaped again later."""
    return html.unescape(re.sub(r"<[^>]+>", "", markup))


def rewrite_photos(instance: Any) -> None:
    """``content_object_init``: body ``<img>`` → ``<picture>``, ``instance.cover``, plans for the encoder."""
    if isinstance(instance, Static) or not getattr(instance, "source_path", None):
        return
    photos = ArticlePhotos(instance)
    if body := pelican_api.body_html(instance):
        pelican_api.set_body_html(instance, core.replace_images(body, photos.replace))
    instance.cover = photos.cover()
    instance.figure_plans = list(photos.plans.values())


def unpublish_originals(generator: Any) -> None:
    """``static_generator_finalized``: photo files in article/page folders are not copied as they are."""
    folders = [PurePosixPath(p) for p in (*generator.settings["ARTICLE_PATHS"], *generator.settings["PAGE_PATHS"])]

    def is_content_photo(relative: str) -> bool:
        path = PurePosixPath(relative.replace(os.sep, "/"))
        return path.suffix.lower() in IMAGE_SUFFIXES and any(path.is_relative_to(f) for f in folders)

    dropped = {
        s.get_relative_source_path() for s in generator.staticfiles if is_content_photo(s.get_relative_source_path())
    }
    generator.staticfiles[:] = [s for s in generator.staticfiles if s.get_relative_source_path() not in dropped]
    static_content = generator.context.get("static_content", {})
    for relative in dropped:
        static_content.pop(relative, None)


def encode_and_publish(generators: list[Any]) -> core.EncodeStats:
    """``all_generators_finalized``: encode what the cache lacks (in parallel), copy variants to the output."""
    settings = generators[0].settings
    site = generators[0].context.pop(SitePhotos.CONTEXT_KEY, None) or SitePhotos(settings)
    plans = _plans_of_written(generators, settings)
    if site.values.FIGURES_STANDIN_PHOTOS == "error":
        report_standins(plans)
    report_ignored_profiles(plans, site.values.FIGURES_IGNORED_PROFILE)
    work = core.tasks_by_photo(plans, site.encoder, site.cache)
    tasks = [task for task, _ in work]
    stats = core.encode_photos(tasks, worker_count(site.values.FIGURES_WORKERS, available_cpus()))
    plans_of = {task.source: served for task, served in work}
    failed = {source for source, _ in stats.failures}
    site.facts.forget(failed)
    site.facts.save()
    for source, reason in stats.failures:
        for article, reference in sorted({r for plan in plans_of[source] for r in plan.references}):
            logger.error("%s", error_at(article, reference, "image-corrupt", f'Ảnh "{reference}": {reason}.'))
    files = [v.file for t in tasks if t.source not in failed for v in t.variants]
    core.publish_variants(files, site.cache, Path(settings["OUTPUT_PATH"]) / site.values.FIGURES_OUTPUT_DIR)
    logger.info(
        "Ảnh: %d tệp ảnh đọc mới, %d ảnh giải mã, %d tệp mã hóa mới, %d tệp chép từ ảnh trùng, "
        "%d tệp lấy từ bộ nhớ đệm",
        site.facts.files_read,
        stats.photos_decoded,
        stats.files_encoded,
        stats.files_copied,
        stats.files_reused,
        extra={"figures_stats": stats, "figures_photos_read": site.facts.files_read},
    )
    return stats


def report_standins(plans: list[core.PhotoPlan]) -> None:
    """Production: a stand-in photo (core.STANDIN_MARKER) on a page about to be published is an error.

    Checked on the plans of the pages this build writes (``_plans_of_written``), so
    the photos of samples dropped from a production build do not count.
    """
    for article, reference in sorted({r for plan in plans if plan.source.standin for r in plan.references}):
        message = (
            f'Ảnh "{reference}" là ảnh thay thế tạm thời (ảnh giữ chỗ), chưa phải ảnh thật của bài. '
            "Hãy chép ảnh thật đè lên tệp này (giữ nguyên tên tệp) rồi đăng lại."
        )
        logger.error("%s", error_at(article, reference, "image-standin", message))


def report_ignored_profiles(plans: list[core.PhotoPlan], level_name: str) -> None:
    """Tell the editor that a photo's damaged colour profile was left out (``core.srgb_transform``).

    The photo is published, converted as if it were sRGB (what browsers show for
    such a file), so nothing is wrong on the site and the build must not stop:
    production runs with ``--fatal warnings``, where a WARNING would refuse a good
    photo, so publishconf.py asks for ``"info"`` (in the log of ``make publish -v``
    and of CI's verbose runs). While writing (``make html``, ``make devserver``)
    it is a WARNING, which Pelican prints: the editor sees it on the preview they
    are checking, when re-exporting the photo is still easy. Said on every build
    (from the photo facts, not the encoder), so a warm rebuild says it too.
    """
    level = logging.INFO if level_name == "info" else logging.WARNING
    for article, reference in sorted({r for plan in plans if plan.source.profile_ignored for r in plan.references}):
        message = (
            f'Ảnh "{reference}" có hồ sơ màu (ICC) bị hỏng; ảnh vẫn được đăng, màu đọc theo sRGB như trình duyệt'
            " vẫn làm. Nếu màu trông sai, hãy xuất lại ảnh (JPEG, hồ sơ sRGB) rồi chép đè lên tệp này."
        )
        logger.log(level, "%s", error_at(article, reference, "image-profile-ignored", message))


def error_at(article: str, reference: str, key: str, message: str) -> ContentError:
    """``message`` about ``reference``, naming the article file and the line where the reference is written."""
    text = Path(article).read_text(encoding="utf-8", errors="replace")
    return ContentError(key, message, article, core.line_of(text, reference))


def _plans_of_written(generators: list[Any], settings: dict[str, Any]) -> list[core.PhotoPlan]:
    """The photo plans of the pages this build writes, and a generator's own (``figure_plans``: leaders' portraits).

    A draft in production (``DRAFT_SAVE_AS = ""``, future-dated articles too), a
    hidden article when production withholds it, and a sample dropped by
    content_model are read (and planned) but not written: publishing their variants
    in ``anh/`` would publish the unpublished article's photos. In development a
    draft is written to ``ban-nhap/``, so its photos are published there.
    """
    written = contents_to_write(generators, withhold_hidden=withholds_hidden(settings))
    own = [plan for generator in generators for plan in getattr(generator, "figure_plans", [])]
    return [plan for content, _ in written for plan in getattr(content, "figure_plans", [])] + own


class _DropPelicanEmptyAlt(logging.Filter):
    """Drop Pelican's English "Empty alt attribute" warning: ``report_missing_caption`` says it in Vietnamese.

    Pelican's reader checks alt text before the figures plugin sees the article;
    under ``--fatal warnings`` its warning would stop the build before the editor
    learns which line to fix and how. Dropping a record in a filter is the one
    way Pelican's fatal logger lets pass without raising.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith("Empty alt attribute for image")


def replace_pelican_alt_warning(_pelican: Any) -> None:
    """``initialized``: install the filter once per process (builds in tests repeat)."""
    reader_logger = logging.getLogger("pelican.readers")
    if not any(isinstance(f, _DropPelicanEmptyAlt) for f in reader_logger.filters):
        reader_logger.addFilter(_DropPelicanEmptyAlt())
