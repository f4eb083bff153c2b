"""Every rule of ``make check``, as plain functions over the content folder (no Pelican import).

Why a checker beside the build: Pelican stops reading a file at its first
error and reports cross-file problems (duplicate slugs, dead links) late or
never, so an editor would fix one problem per build. Here every file is read
once with the same schema as the build (``content_model.core``) and every
problem of every file is returned together.
"""

from __future__ import annotations

import fnmatch
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from markdown import Markdown

from plugins.cms_admin import core as cms
from plugins.common.errors import ContentError, ContentErrors
from plugins.common.paths import on_disk, outside_content
from plugins.content_model import core as model
from plugins.content_model.body import BodyLimits, Renderer, body_problems, markdown_options, raw_html_problem
from plugins.documents import core as documents_core
from plugins.figures import core as figures
from plugins.media_embeds import core as media
from plugins.organisation import core as organisation
from plugins.publish_checks.core import active_content_files, escaping_references, references, references_to_unpublished
from plugins.vi_text.core import fold, is_slug, nfc, slugify

# As Python-Markdown reads an image: the address may hold spaces, bare or in <…>, then an optional "title".
_IMAGE = re.compile(r"!\[(?P<alt>[^\]]*)\]\(\s*(?:<(?P<bracketed>[^>\n]*)>|(?P<url>[^)\n]*?))(?:\s+\"[^\"]*\")?\s*\)")
_LINK = re.compile(r"(?<!!)\[[^\]]*\]\((?P<url>[^)\s]+)(?:\s+\"[^\"]*\")?\)")
_PLACEHOLDER = re.compile(r"^\{(static|attach|filename)\}")
_CAPTION_OPEN = re.compile(r"^///\s*caption\s*$")
_FENCE = re.compile(r"^\s*(```|~~~)")


@dataclass(frozen=True)
class CheckConfig:
    """What the checker needs from the site's settings, as plain values."""

    content: Path
    article_paths: tuple[str, ...] = ("articles",)
    page_paths: tuple[str, ...] = ("pages",)
    static_paths: tuple[str, ...] = ("images",)
    ignore_files: tuple[str, ...] = ()
    path_metadata: str = ""
    data_file: str = "data/site.toml"
    article_url: str = "bai-viet/{slug}/"
    category_url: str = "chuyen-muc/{slug}/"
    max_photo_bytes: int = 8 * 1024 * 1024
    photo_settings: figures.EncoderSettings = field(default_factory=figures.EncoderSettings)
    documents_path: str = "van-ban"  # the "Văn bản" folder (plugins/documents, DOCUMENTS_PATH)
    # The "Giới thiệu" data file (plugins/organisation) and its rules (bodies, unit kinds, photo limits).
    organisation_file: str = "data/to-chuc.toml"
    organisation_rules: organisation.Rules = field(default_factory=organisation.Rules)
    # Files linked with {attach}/{static} go through the documents' sanitiser, up to this size (DOCUMENTS_MAX_BYTES).
    max_attachment_bytes: int = 20 * 1024 * 1024
    # The reader's body limits and Markdown options (CONTENT_MODEL_*, MARKDOWN): the body is rendered as the build does.
    body_limits: BodyLimits = field(default_factory=BodyLimits)
    markdown: dict = field(default_factory=lambda: markdown_options({}))
    # Slugs pages and categories may not take (content_model.core.reserved_slugs, from the settings).
    reserved_page_slugs: dict[str, str] = field(default_factory=dict)
    reserved_category_slugs: dict[str, str] = field(default_factory=dict)
    theme_ids: model.ThemeIds = field(default_factory=lambda: model.ThemeIds(frozenset()))  # model.theme_ids
    # What the build leaves unpublished (publishconf.py): future-dated articles, hidden ones, samples.
    with_future_dates: bool = True
    withhold_hidden: bool = False
    include_samples: bool = True
    timezone: str = "Asia/Ho_Chi_Minh"


@dataclass
class Document:
    """One Markdown file as the checker sees it."""

    path: Path
    is_page: bool
    original: str = ""  # decoded, before NFC: the NFC rule needs what the editor saved
    meta: dict[str, str] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)
    body_start: int = 1  # 1-based line where the body begins in the original file
    slug: str = ""
    text: str = ""  # decoded and in NFC, as the reader sees it
    markdown_text: str = ""  # the same with its header in Pelican's form: what the reader gives Markdown
    body_refused: bool = False  # too large, too deep or too slow for Markdown: its lines are not scanned
    folder_slug: str | None = None  # the slug PATH_METADATA takes from an article's folder


def check_content(config: CheckConfig) -> list[ContentError]:
    """Every problem in the content folder, sorted by file and line."""
    errors: list[ContentError] = []
    try:
        site = model.load_site_data(config.content / config.data_file)
    except ContentError as exc:
        return [exc]
    except ContentErrors as exc:  # several categories at fault (duplicate slugs or names)
        return exc.errors
    errors += check_site_data(config.content / config.data_file)
    errors += model.category_slug_errors(site, config.reserved_category_slugs)
    errors += site.identity_errors()  # the build's own rule and words (content_model.identity)
    documents = []
    renderer = Renderer(config.markdown)
    for path, is_page in markdown_files(config):
        document, problems = read_document(path, is_page, config)
        errors += problems
        if document is not None:
            documents.append(document)
            errors += check_body_rules(document, config, renderer)
            errors += check_document(document, site, config)
    errors += documents_core.check_folder(
        config.content / config.documents_path, config.content / config.data_file, content_root=config.content
    )
    errors += organisation.check_file(config.content / config.organisation_file, config.organisation_rules)
    errors += active_content_files(config.content, (*config.article_paths, *config.page_paths, *config.static_paths))
    errors += check_duplicate_slugs(documents)
    errors += check_cross_references(documents, site, config)
    errors += check_linked_files(documents, config)
    return sorted(errors, key=lambda e: (str(e.source), e.line or 0, e.key))


def check_site_data(path: Path) -> list[ContentError]:
    """Problems in site.toml beyond categories: the web editor's [cms] table, as the build reports them."""
    return cms.check_cms_data(cms.read_cms_data(path.read_text(encoding="utf-8")), path)


def markdown_files(config: CheckConfig) -> Iterator[tuple[Path, bool]]:
    """The Markdown files Pelican would read: under the article and page paths, minus IGNORE_FILES."""
    for roots, is_page in ((config.article_paths, False), (config.page_paths, True)):
        for root in roots:
            for path in sorted((config.content / root).rglob("*.md")):
                if not any(fnmatch.fnmatch(path.name, pattern) for pattern in config.ignore_files):
                    yield path, is_page


def read_document(path: Path, is_page: bool, config: CheckConfig) -> tuple[Document | None, list[ContentError]]:
    """Decode and split one file exactly as the reader does; None when it cannot be read at all."""
    if outside := outside_content(path, config.content):
        return None, [outside]  # never opened: a foreign file's text must not reach the report
    raw = path.read_bytes()
    try:
        text = model.read_source_text(raw, path)
        header, lines = model.as_pelican_header(text, path)
    except ContentError as exc:
        return None, [exc]
    original = raw.decode("utf-8").removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    meta = raw_metadata(header)
    document = Document(
        path, is_page, original, meta, lines, model.body_start_line(text), text=text, markdown_text=header
    )
    document.folder_slug = folder_slug(document, config)
    document.slug = document_slug(document, config)
    return document, []


def check_body_rules(document: Document, config: CheckConfig, renderer: Renderer) -> list[ContentError]:
    """The reader's body rules through its own functions: size, nesting, slow shapes, the time budget, raw HTML.

    The body is rendered as the build renders it, so a file that overflows
    Markdown's recursion or its time budget is refused here with the same words.
    """
    problems = body_problems(document.markdown_text, document.path, config.body_limits)
    if not problems:
        try:
            renderer.convert(document.markdown_text, document.path, config.body_limits.seconds)
        except ContentError as exc:
            problems = [exc]
    if problems:
        document.body_refused = True
        return problems
    raw_html = raw_html_problem(document.markdown_text, document.path)
    return [raw_html] if raw_html else []


def raw_metadata(header_text: str) -> dict[str, str]:
    """Lower-case keys to string values, read by the same Markdown meta extension as the build.

    Only the header block is converted: the meta extension stops at the first
    blank line, and the body is rendered once, within its limits (``check_body_rules``).
    """
    md = Markdown(extensions=["markdown.extensions.meta"])
    md.convert(header_text.partition("\n\n")[0])
    return {key.lower(): "\n".join(values) for key, values in getattr(md, "Meta", {}).items()}


def folder_slug(document: Document, config: CheckConfig) -> str | None:
    """The slug PATH_METADATA takes from an article's folder, as the reader works it out."""
    relative = document.path.relative_to(config.content).as_posix()
    match = re.match(config.path_metadata, relative) if config.path_metadata and not document.is_page else None
    return match.groupdict().get("slug") if match else None


def document_slug(document: Document, config: CheckConfig) -> str:
    """The slug Pelican gives the file: ``Slug:``, else the folder (PATH_METADATA), else the title."""
    if document.meta.get("slug", "").strip():
        return document.meta["slug"].strip()
    return document.folder_slug or slugify(document.meta.get("title", ""))


def check_document(document: Document, site: model.SiteData, config: CheckConfig) -> list[ContentError]:
    """The rules that need only this one file (and the photos beside it).

    ``model.check_file`` holds the rules the reader applies too (header,
    schema, folder name); ``escaping_references`` is the build's own link guard.
    """
    errors = model.check_file(
        document.text,
        document.meta,
        document.lines,
        document.path,
        is_page=document.is_page,
        folder_slug=document.folder_slug,
    )
    errors += check_values(document, site)
    errors += model.text_form_notices(document.original, document.path, document.body_start)
    errors += check_photos(document, config)
    errors += model.editor_id_errors(document.original, config.theme_ids, document.path)
    if document.is_page:
        errors += model.page_slug_errors(document.meta, document.lines, document.path, config.reserved_page_slugs)
    errors += escaping_references(document.text, document.path, config.content)
    if not document.is_page:
        errors += media.media_errors(document.meta, document.path.parent, document.path, document.lines)
    return errors


def check_values(document: Document, site: model.SiteData) -> list[ContentError]:
    """Dates and the category parse the way the reader parses them; an article needs a body."""
    errors = []
    for key in ("date", "modified"):
        if document.meta.get(key, "").strip():
            try:
                model.parse_datetime(document.meta[key])
            except ValueError as exc:
                errors.append(ContentError(f"bad-{key}", str(exc), document.path, document.lines.get(key)))
    if document.is_page:
        return errors
    if document.meta.get("category", "").strip():
        try:
            site.category_named(document.meta["category"].strip(), document.path, document.lines.get("category"))
        except ContentError as exc:
            errors.append(exc)
    body = "\n".join(document.original.split("\n")[document.body_start - 1 :])
    if not body.strip():
        errors.append(
            ContentError("empty-body", "Bài viết chưa có nội dung (phần sau dòng trống đầu tiên).", document.path)
        )
    return errors


def body_lines(document: Document) -> Iterator[tuple[int, str]]:
    """Numbered body lines, skipping fenced code and HTML comments (examples there are not content).

    In NFC, as the reader hands the text to the build: a photo or link written
    decomposed is named in messages exactly as the build names it.
    """
    if document.body_refused:
        return
    in_fence = in_comment = False
    lines = document.original.split("\n")
    for number, line in enumerate(lines[document.body_start - 1 :], start=document.body_start):
        if _FENCE.match(line):
            in_fence = not in_fence
            continue
        visible = line
        if in_comment or "<!--" in line:
            in_comment, visible = _strip_comments(line, in_comment)
        if not in_fence:
            yield number, nfc(visible)


def _strip_comments(line: str, in_comment: bool) -> tuple[bool, str]:
    """The part of ``line`` outside HTML comments, and whether a comment is still open after it."""
    kept, rest = [], line
    while rest:
        if in_comment:
            end = rest.find("-->")
            if end < 0:
                return True, "".join(kept)
            rest, in_comment = rest[end + 3 :], False
        else:
            start = rest.find("<!--")
            if start < 0:
                kept.append(rest)
                break
            kept.append(rest[:start])
            rest, in_comment = rest[start + 4 :], True
    return in_comment, "".join(kept)


def resolve_local(url: str, document: Document, content: Path) -> Path | None:
    """The file a local link names, or None for an external or site-URL link.

    ``{static}``, ``{attach}`` and ``{filename}`` paths are relative to the
    file, or to the content folder when they start with ``/``, as in Pelican.
    """
    target = _PLACEHOLDER.sub("", url).split("#")[0].split("?")[0]
    if not _PLACEHOLDER.match(url) and (re.match(r"^[a-z][a-z0-9+.-]*:", url) or url.startswith(("/", "#"))):
        return None
    if not target:
        return None
    return (content / target.lstrip("/")) if target.startswith("/") else (document.path.parent / target)


def check_photos(document: Document, config: CheckConfig) -> list[ContentError]:
    """Every photo has a caption (or at least alt text) and passes the build's own photo checks."""
    errors = []
    lines = list(body_lines(document))
    for index, (number, line) in enumerate(lines):
        for match in _IMAGE.finditer(line):
            captioned = _caption_follows(lines[index + 1 :])
            if not captioned:
                errors.append(
                    ContentError(
                        "photo-without-caption",
                        "Ảnh chưa có chú thích. Ngay dưới dòng ảnh hãy viết: /// caption, dòng chú thích, rồi ///.",
                        document.path,
                        number,
                    )
                )
            if not captioned and not match["alt"].strip():
                # With a caption the build uses it as the alt text (plugins/figures).
                errors.append(
                    ContentError(
                        "photo-without-alt",
                        "Ảnh thiếu cả chú thích lẫn mô tả (chữ trong ngoặc vuông ![mô tả](…))"
                        " cho người khiếm thị và máy tìm kiếm.",
                        document.path,
                        number,
                    )
                )
            reference = match["url"] if match["bracketed"] is None else match["bracketed"]
            errors += check_photo_file(reference, number, document, config)
    cover = document.meta.get("cover", "").strip()
    if cover:
        errors += check_photo_file(cover, document.lines.get("cover"), document, config)
    return errors


def check_photo_file(reference: str, line: int | None, document: Document, config: CheckConfig) -> list[ContentError]:
    """The photo file passes the figures plugin's checks (place, existence, format, pixels, bytes).

    The figures plugin's own functions are called, so ``make check`` and the
    build agree on every photo and say it with the same words and keys.
    """
    try:
        path = figures.resolve_photo(reference, document.path.parent, config.content)
        figures.probe(path, reference, config.photo_settings, max_bytes=config.max_photo_bytes)
    except ContentError as exc:
        return [ContentError(exc.key, exc.message, document.path, line)]
    return []


def _caption_follows(following: list[tuple[int, str]]) -> bool:
    """True when the next non-blank line opens a ``/// caption`` block with some text before ``///``."""
    rest = [line.strip() for _, line in following]
    start = next((i for i, line in enumerate(rest) if line), None)
    if start is None or not _CAPTION_OPEN.match(rest[start]):
        return False
    caption = []
    for line in rest[start + 1 :]:
        if line == "///":
            break
        caption.append(line)
    return any(caption)


def check_duplicate_slugs(documents: list[Document]) -> list[ContentError]:
    """Two articles (or two pages) whose slugs are equal, or equal once diacritics are folded.

    Both would be written to the same URL and one would silently replace the other.
    """
    errors = []
    for is_page in (False, True):
        seen: dict[str, Document] = {}
        for document in (d for d in documents if d.is_page == is_page and d.slug):
            first = seen.setdefault(fold(document.slug), document)
            if first is document:
                continue
            how = "trùng" if first.slug == document.slug else "chỉ khác ở dấu so"
            errors.append(
                ContentError(
                    "duplicate-slug",
                    f'Đường dẫn "{document.slug}" {how} với đường dẫn "{first.slug}" của {first.path};'
                    " hai bài sẽ ghi đè nhau. Hãy đổi tên thư mục (hoặc dòng Slug:) của một bài.",
                    document.path,
                    document.lines.get("slug"),
                )
            )
    return errors


def _url_pattern(url_template: str) -> re.Pattern[str]:
    """A regex capturing ``slug`` from a site-absolute or site-relative URL built by ``url_template``."""
    prefix = url_template.split("{slug}")[0]
    return re.compile(r"^(?:\{siteurl\}|\{SITEURL\})?/?" + re.escape(prefix) + r"(?P<slug>[^/?#]+)")


def check_cross_references(documents: list[Document], site: model.SiteData, config: CheckConfig) -> list[ContentError]:
    """``Related:`` slugs and internal links point at something that exists."""
    article_slugs = {d.slug for d in documents if not d.is_page}
    # A draft is not published in production: a link to it would break there
    # (Related: may name one; the build drops it until it is published).
    published = {d.slug for d in documents if not d.is_page and d.meta.get("status", "").strip().lower() != "draft"}
    category_slugs = {c.slug for c in site.categories}
    targets = ((_url_pattern(config.article_url), published), (_url_pattern(config.category_url), category_slugs))
    errors = []
    unpublished = {d.path.resolve() for d in documents if not is_published(d, config)}
    if not config.include_samples:  # the "Văn bản" samples too: their pages are not written
        unpublished |= documents_core.sample_sources(config.content / config.documents_path)
    for document in documents:
        if unpublished and is_published(document, config):  # the build's rule, on what it writes
            errors += references_to_unpublished(document.text, document.path, config.content, unpublished)
        for slug in model.split_list(document.meta.get("related", "")):
            if is_slug(slug) and slug not in article_slugs:
                errors.append(
                    ContentError(
                        "unknown-related-slug",
                        f'Tin liên quan "{slug}" không trỏ tới bài viết nào'
                        ' (kiểm tra đường dẫn trong dòng "Related:").',
                        document.path,
                        document.lines.get("related"),
                    )
                )
        for number, line in body_lines(document):
            for match in _LINK.finditer(line):
                problem = broken_link_problem(match["url"], document, config.content, targets)
                if problem and any(f"/{slug}/" in match["url"] for slug in article_slugs - published):
                    problem += " Bài đó đang là bản nháp (Status: draft) nên chưa được đăng."
                if problem:
                    errors.append(ContentError("broken-internal-link", problem, document.path, number))
    return errors


def is_published(document: Document, config: CheckConfig, now: datetime | None = None) -> bool:
    """Whether the build with ``config``'s settings writes this file (as Pelican and content_model decide).

    Drafts never; hidden articles not when withheld (production); future-dated
    articles not without WITH_FUTURE_DATES (Pelican makes them drafts); samples
    not when left out. Hidden pages are written (only left out of menus).
    """
    status = document.meta.get("status", "").strip().lower()
    if document.is_page:
        return status != "draft"
    try:
        sample = model.parse_boolean(document.meta.get("sample", "no"))
    except ValueError:
        sample = False  # reported as bad-sample
    withheld = (
        status == "draft" or (status == "hidden" and config.withhold_hidden) or (sample and not config.include_samples)
    )
    return not withheld and (config.with_future_dates or not _in_future(document, config, now))


def _in_future(document: Document, config: CheckConfig, now: datetime | None) -> bool:
    try:
        date = model.parse_datetime(document.meta.get("date", "")).replace(tzinfo=ZoneInfo(config.timezone))
    except ValueError:
        return False  # reported as bad-date
    return date > (now or datetime.now(UTC))


def broken_link_problem(
    url: str, document: Document, content: Path, targets: tuple[tuple[re.Pattern[str], set[str]], ...]
) -> str | None:
    """Why an internal link leads nowhere (in Vietnamese), or None when it is fine or external."""
    for pattern, slugs in targets:
        match = pattern.match(url)
        if match:
            return None if match["slug"] in slugs else f'Liên kết "{url}" trỏ tới trang không tồn tại.'
    if not _PLACEHOLDER.match(url):
        return None
    path = resolve_local(url, document, content)
    if path is not None:  # spelt in another Unicode form than on disk is the same file (as for photos)
        path = on_disk(path, content) or path
    return None if path is None or path.is_file() else f'Liên kết "{url}" trỏ tới tệp không tồn tại ({path.name}).'


def check_linked_files(documents: list[Document], config: CheckConfig) -> list[ContentError]:
    """PDF/DOCX (and refused formats, photos) that published pages link to pass the sanitiser.

    The build's own rule (``documents.core.linked_file_error``, called by
    ``documents.hooks.LinkedFilesGenerator``) at the same link lines; drafts are
    left out, as ``make publish`` leaves their files out, and so are files no page
    links (publish_checks leaves them out of the output). Missing and escaping
    targets are other rules' (broken-internal-link, path-outside-content).
    """
    handled = {f".{s}" for s in documents_core.LINKED_HANDLED}
    photos = {f".{s}" for s in documents_core.LINKED_PHOTOS}
    errors, linked = [], set()
    for document in documents:
        if document.meta.get("status", "").strip().lower() == "draft":
            continue
        # A photo shown with ![…](…) (or as the cover) is the figures plugin's; only a plain link publishes the file.
        plain_links = {m["url"] for _, line in body_lines(document) for m in _LINK.finditer(line)}
        for link, target, line in references(document.original, document.path, config.content):
            path = on_disk(target, config.content) or target
            if link.startswith(("{filename}", "|filename|")) or path.suffix.lower() not in handled:
                continue
            if path.suffix.lower() in photos and link not in plain_links:
                continue
            if not path.is_file() or outside_content(path, config.content):
                continue
            linked.add(path)
            if error := documents_core.linked_file_error(path, config.max_attachment_bytes, document.path, line):
                errors.append(error)
    return errors
