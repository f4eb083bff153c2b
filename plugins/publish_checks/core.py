"""Publishing checks as plain functions over paths, texts and a finished output folder.

No Pelican import: ``hooks.py`` feeds the pre-write guards from Pelican's
generators, and ``python -m tools.publish`` runs ``check_output`` on a
staging folder before it replaces the live one. Every problem is a
``ContentError`` naming the file (and line) to look at.

Why our own link checker rather than linkinator/LinkChecker: they are separate
tools (npm, or a PyPI package with its own HTTP stack) run after the fact; this
one runs inside the publish step on the staging folder without a server,
also checks ``#anchors``, ``srcset`` and the links inside feeds and the
sitemap, and reports in the editors' language. It is ~100 lines over lxml,
which the project already pins.
"""

from __future__ import annotations

import gzip
import html
import json
import os
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urljoin, urlsplit

import lxml.etree
import lxml.html
from markupsafe import Markup

from plugins.common.errors import ContentError
from plugins.common.paths import RealPath, is_inside
from plugins.vi_text.core import fold

# Pelican's intra-site link syntax, new ({static}) and old (|static|) forms.
_REFERENCE = re.compile(r"[{|](?P<what>static|filename|attach)[}|](?P<target>[^\s\"'()<>\[\]]+)")
_LEFTOVERS = ("{static}", "{filename}", "{attach}", "|static|", "|filename|", "|attach|")
# Scripts and styles are copied from the theme and vendored packages, never
# rendered from content: their words ("Bản nháp" in the CMS bundle) are not leaks.
_CODE_SUFFIXES = {".js", ".css"}
_TEXT_SUFFIXES = {".html", ".htm", ".xml", ".json", ".txt", ".js", ".css", ".svg", ".webmanifest"}
_NON_PAGE_SCHEMES = {"mailto", "tel", "sms", "data", "javascript", "geo"}
_DATA_SCRIPT_TYPES = {"application/ld+json", "application/json", "speculationrules"}
_FAKE_ORIGIN = "http://site.invalid"


# --- before writing --------------------------------------------------------------------------


@dataclass(frozen=True)
class OutputClaim:
    """One file the build is about to write: where, and which source asks for it."""

    save_as: str
    source: str
    generated: bool = False  # a section/tag/site page, described in ``source`` rather than a file


def duplicate_outputs(claims: Iterable[OutputClaim]) -> list[ContentError]:
    """Two sources writing one output path, also when the paths differ only by diacritics or case.

    Such paths are one file on the Windows and macOS disks editors use, and
    one address to a reader who types without accents; Pelican itself would
    silently let the later file overwrite the earlier one.
    """
    errors: list[ContentError] = []
    first_by_key: dict[str, OutputClaim] = {}
    # Generated pages sort first, so the error is attached to the editor's file that collides with them.
    keyed = [(_path_key(c.save_as), c) for c in set(claims)]
    keyed.sort(key=lambda item: (item[0], not item[1].generated, item[1].source))
    for key, claim in keyed:
        first = first_by_key.setdefault(key, claim)
        if first is claim or first.source == claim.source:
            continue
        same = first.save_as == claim.save_as
        where = f'"{claim.save_as}"' if same else f'"{first.save_as}" và "{claim.save_as}" (chỉ khác dấu hoặc chữ hoa)'
        errors.append(
            ContentError(
                "duplicate-output-path",
                f"Tệp này và {_describe(first)} cùng ghi ra {where}: bài sau sẽ đè mất bài trước. "
                "Hãy đổi đường dẫn (dòng “Slug:” hoặc tên thư mục) của một trong hai bài.",
                claim.source,
            )
        )
    return errors


def _describe(claim: OutputClaim) -> str:
    return claim.source if claim.generated else f'tệp "{claim.source}"'


def _path_key(save_as: str) -> str:
    path = str(PurePosixPath(save_as.replace(os.sep, "/")))
    return path.lower() if path.isascii() else fold(path)  # ASCII has nothing to fold: most paths are slugs


def _references(text: str, source: str | Path, content_root: str | Path) -> Iterator[tuple[str, Path, int]]:
    """Each ``{static}``/``{filename}``/``{attach}`` link as (link text, target path, line).

    Targets are resolved as Pelican does: a leading ``/`` is the content root,
    anything else is relative to the source file's folder.
    """
    source_dir = Path(source).parent
    for match in _REFERENCE.finditer(text):  # one scan of the text: a link never spans lines (no \s in it)
        target = unquote(urlsplit(match["target"]).path)
        if target:
            base = Path(content_root) if target.startswith("/") else source_dir
            yield match[0], base / target.lstrip("/"), text.count("\n", 0, match.start()) + 1


def references(text: str, source: str | Path, content_root: str | Path) -> Iterator[tuple[str, Path, int]]:
    """Each ``{static}``/``{filename}``/``{attach}`` link of ``text`` as (link text, target path, line)."""
    return _references(text, source, content_root)


def escaping_references(
    text: str, source: str | Path, content_root: str | Path, realpath: RealPath = os.path.realpath
) -> list[ContentError]:
    """Links in ``text`` that point outside ``content_root``.

    Pelican reads such a target and copies it next to (or above) the output
    folder, so ``{static}/../../secret`` would publish a file from outside the
    content folder. ``realpath``: see ``plugins.common.paths.resolved_inside``.
    """
    return [
        ContentError(
            "path-outside-content",
            f'Liên kết "{link}" trỏ ra ngoài thư mục content/. '
            "Chỉ được dẫn tới tệp nằm trong content/ (ảnh đặt cạnh bài viết).",
            source,
            line,
        )
        for link, target, line in _references(text, source, content_root)
        if not is_inside(target, content_root, realpath)
    ]


def references_to_unpublished(
    text: str, source: str | Path, content_root: str | Path, unpublished: set[Path]
) -> list[ContentError]:
    """Links in ``text`` to articles or pages that this build does not publish (drafts, withheld).

    Pelican resolves a link to a draft to the draft's empty URL, which is the
    home page: the link silently goes somewhere else.
    """
    return [
        ContentError(
            "link-to-unpublished",
            f'Liên kết "{link}" trỏ tới bài chưa được xuất bản (bản nháp, bài ẩn hoặc hẹn giờ). '
            "Hãy bỏ liên kết hoặc xuất bản bài đó trước.",
            source,
            line,
        )
        for link, target, line in _references(text, source, content_root)
        if target.resolve() in unpublished
    ]


def bundle_dir(path: str | Path, content_root: str | Path, marker: str = "index.md") -> Path | None:
    """The article folder (one holding ``marker``) that ``path`` belongs to, if any."""
    root = Path(content_root)
    for folder in Path(path).parents:
        if folder == root or root not in folder.parents:
            return None
        if (folder / marker).is_file():
            return folder
    return None


# --- after the build -------------------------------------------------------------------------


@dataclass(frozen=True)
class Withheld:
    """A content item the build must not publish: its visible title and its address slug."""

    title: str
    slug: str
    source: str


@dataclass
class _Page:
    """One parsed HTML or XML file of the output."""

    path: str
    ids: set[str] = field(default_factory=set)
    references: list[tuple[str, int]] = field(default_factory=list)


def plain_text(markup: str) -> str:
    """Text of a title as a reader sees it: tags dropped, entities (typogrify's quotes) decoded."""
    return Markup(markup).striptags()


def check_output(
    output: str | Path,
    *,
    siteurl: str = "",
    lang: str = "vi",
    page_langs: Mapping[str, str] | None = None,
    withheld: Iterable[Withheld] = (),
    published_names: Iterable[str] = (),
    rendered: Iterable[str] | None = None,
) -> list[ContentError]:
    """Every problem in a finished build: HTML sanity, broken links and anchors, leaks.

    ``rendered`` lists the pages the theme produced (output-relative); only
    those must have one <h1>, ``lang`` (or their own in ``page_langs``, output path →
    language) and a title. HTML copied as a static
    file (an attachment, the CMS admin app) is checked for links only.
    ``None`` treats every HTML file as rendered.
    """
    root = Path(output)
    files = sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())
    themed = set(files if rendered is None else rendered)
    texts = {rel: _read_text(root / rel) for rel in files}
    pages: dict[str, _Page] = {}
    errors: list[ContentError] = []
    for rel in files:
        text = texts[rel]
        if text is None or not rel.endswith((".html", ".htm", ".xml")):
            continue
        errors += _leftovers(root / rel, text)
        if rel.endswith(".xml"):
            pages[rel] = _parse_xml(rel, text)
            continue
        page, problems = _parse_html(root / rel, rel, text, (page_langs or {}).get(rel, lang))
        pages[rel] = page
        errors += problems if rel in themed else []
    errors += _broken_links(root, set(files), pages, siteurl)
    errors += _leaks(root, texts, list(withheld), set(published_names))
    return errors


def _read_text(path: Path) -> str | None:
    """A text file's content; gzip-compressed files (search index fragments) are opened too."""
    data = path.read_bytes()
    if data[:2] == b"\x1f\x8b":
        try:
            data = gzip.decompress(data)
        except OSError:
            return None
    elif path.suffix.lower() not in _TEXT_SUFFIXES:
        return None
    return data.decode("utf-8", errors="replace")


def _leftovers(path: Path, text: str) -> list[ContentError]:
    found = [marker for marker in _LEFTOVERS if marker in text]
    if not found:
        return []
    line = text[: text.index(found[0])].count("\n") + 1
    return [
        ContentError(
            "unresolved-link",
            f"Còn cú pháp liên kết chưa được thay ({', '.join(found)}): tệp được dẫn tới không tồn tại "
            "hoặc viết sai tên.",
            path,
            line,
        )
    ]


def _parse_html(path: Path, rel: str, text: str, lang: str) -> tuple[_Page, list[ContentError]]:
    page = _Page(rel)
    errors: list[ContentError] = []

    def problem(key: str, message: str, line: int | None = None) -> None:
        errors.append(ContentError(key, message, path, line))

    if not text.lstrip().lower().startswith("<!doctype html"):
        problem("no-doctype", "Trang thiếu <!DOCTYPE html> ở đầu.")
    try:
        tree = lxml.html.document_fromstring(text)
    except (lxml.etree.ParserError, ValueError) as exc:
        problem("unparsable-html", f"Không đọc được HTML: {exc}")
        return page, errors
    if tree.get("lang") != lang:
        problem("wrong-lang", f'Thẻ <html> phải có lang="{lang}" (đang là "{tree.get("lang")}").')
    headings = tree.findall(".//h1")
    if len(headings) != 1:
        problem("h1-count", f"Trang phải có đúng một tiêu đề <h1> (đang có {len(headings)}).")
    title = tree.find(".//title")
    if title is None or not (title.text or "").strip():
        problem("no-title", "Trang thiếu thẻ <title>.")
    for element in tree.iter(lxml.etree.Element):
        page.ids.update(v for v in (element.get("id"), element.get("name") if element.tag == "a" else None) if v)
        page.references += [(url, element.sourceline or 0) for url in _urls_of(element)]
        if element.tag == "script" and not element.get("src") and element.get("type") not in _DATA_SCRIPT_TYPES:
            message = "Mã <script> viết thẳng trong trang bị CSP chặn; hãy đặt vào tệp .js."
            problem("inline-script", message, element.sourceline)
        if element.get("style") is not None:
            problem("inline-style", "Thuộc tính style=… bị CSP chặn; hãy dùng lớp CSS.", element.sourceline)
    return page, errors


def _urls_of(element: lxml.etree._Element) -> Iterator[str]:
    for attribute in ("href", "src", "poster", "action"):
        if element.get(attribute) is not None:
            yield element.get(attribute)
    for attribute in ("srcset", "imagesrcset"):
        for candidate in (element.get(attribute) or "").split(","):
            if candidate.strip():
                yield candidate.split()[0]
    if element.tag == "meta" and (element.get("property") or element.get("name")) in (
        "og:image",
        "og:url",
        "twitter:image",
    ):
        yield element.get("content") or ""


def _parse_xml(rel: str, text: str) -> _Page:
    """Links of a feed or sitemap: ``href`` attributes and ``<link>``/``<loc>`` texts."""
    page = _Page(rel)
    parser = lxml.etree.XMLParser(resolve_entities=False, no_network=True)
    try:
        tree = lxml.etree.fromstring(text.encode("utf-8"), parser)
    except lxml.etree.XMLSyntaxError:
        return page  # a malformed feed is caught by the feed tests, not as a link problem
    for element in tree.iter(lxml.etree.Element):
        if element.get("href"):
            page.references.append((element.get("href"), element.sourceline or 0))
        if lxml.etree.QName(element).localname in ("link", "loc") and (element.text or "").strip():
            page.references.append((element.text.strip(), element.sourceline or 0))
    return page


def _broken_links(root: Path, files: set[str], pages: dict[str, _Page], siteurl: str) -> list[ContentError]:
    origin = siteurl.rstrip("/") if siteurl.startswith(("http://", "https://")) else _FAKE_ORIGIN
    base_path = urlsplit(origin).path.rstrip("/")
    errors = []
    for page in pages.values():
        page_url = f"{origin}/{page.path}"
        for url, line in page.references:
            target = _internal_target(url, page_url, origin, base_path)
            if target is None:
                continue
            path, fragment = target
            resolved = _existing_file(path, files)
            if resolved is None:
                message = f'Liên kết "{url}" trỏ tới trang hoặc tệp không có trong bản dựng.'
            elif fragment and resolved in pages and fragment not in pages[resolved].ids and resolved.endswith("html"):
                message = f'Liên kết "{url}" trỏ tới mục #{fragment} không có trong trang {resolved}.'
            else:
                continue
            errors.append(ContentError("broken-link", message, root / page.path, line))
    return errors


def _internal_target(url: str, page_url: str, origin: str, base_path: str) -> tuple[str, str] | None:
    """(output-relative path, fragment) for a link into this site; ``None`` for other sites and schemes."""
    url = url.strip()
    if not url or url == "#" or urlsplit(url).scheme in _NON_PAGE_SCHEMES:
        return None
    absolute = urlsplit(urljoin(page_url, url))
    site = urlsplit(origin)
    if (absolute.scheme, absolute.netloc) != (site.scheme, site.netloc):
        return None
    path = unquote(absolute.path)
    if base_path and not (path + "/").startswith(base_path + "/"):
        return None
    return path[len(base_path) :].lstrip("/"), unquote(absolute.fragment)


def _existing_file(path: str, files: set[str]) -> str | None:
    for candidate in (path, f"{path.rstrip('/')}/index.html".lstrip("/")):
        if candidate in files:
            return candidate
    return None


def _leaks(
    root: Path, texts: dict[str, str | None], withheld: list[Withheld], published: set[str]
) -> list[ContentError]:
    """Titles and slugs of withheld content found in any output file's name or text."""
    owner: dict[str, Withheld] = {}
    published_folded = [fold(name) for name in published]
    for item in withheld:
        if item.title and not any(fold(item.title) in name for name in published_folded):
            owner.update({form: item for form in _title_forms(item.title)})
        if item.slug and item.slug not in published:
            owner[item.slug] = item
    if not owner:
        return []
    pattern = re.compile(
        r"(?<![\w-])(?:" + "|".join(re.escape(f) for f in sorted(owner, key=len, reverse=True)) + r")(?![\w-])"
    )
    errors, reported = [], set()
    for rel, text in texts.items():
        if Path(rel).suffix.lower() in _CODE_SUFFIXES:
            continue
        for match in pattern.finditer(f"{rel}\n{text or ''}"):
            item = owner[match[0]]
            if (rel, item) in reported:
                continue
            reported.add((rel, item))
            in_name = match.start() < len(rel)
            line = None if in_name else match.string.count("\n", 0, match.start())
            errors.append(
                ContentError(
                    "withheld-content-leaked",
                    f'Bài không được xuất bản ("{item.title}", {item.source}) vẫn lộ ra trong bản dựng: '
                    f'tìm thấy "{match[0]}".',
                    root / rel,
                    line,
                )
            )
    return errors


def _title_forms(title: str) -> set[str]:
    """The spellings a title takes in HTML, XML and JSON output."""
    plain = plain_text(title)
    forms = {plain, html.escape(plain), html.escape(plain, quote=False)}
    forms |= {json.dumps(plain)[1:-1], json.dumps(plain, ensure_ascii=False)[1:-1]}
    return {f for f in forms if f.strip()}


# Files a browser runs as active content when the site's own origin serves them: HTML (scripts),
# SVG (scripts and event handlers, also when opened directly), XML with an XSLT stylesheet,
# and JavaScript (the site's CSP allows scripts from 'self', so one uploaded .js would run).
ACTIVE_SUFFIXES = frozenset(
    {".html", ".htm", ".xhtml", ".xht", ".shtml", ".svg", ".svgz", ".xml", ".xsl", ".xslt", ".js", ".mjs", ".swf"}
)


def active_content_files(content_root: Path, folders: Iterable[str]) -> list[ContentError]:
    """Every HTML, SVG, XML or script file in the editors' folders (articles, pages, static paths), refused.

    The rule (issue #23, stored XSS): content/ never publishes a file that the
    browser would run from the portal's own origin. Such files are refused, not
    published as inert downloads: a Party portal has no reason to host HTML or
    SVG written outside the theme, an editor who attached one wants a PDF or a
    photo, and no header trick (Content-Disposition, a sandbox CSP) can be set
    from a static site on every host it may be served from. Every file in the
    folders counts, linked or not, so ``make check`` (which sees no links being
    resolved) and the build report the same files. An SVG photo never reaches
    the figures pipeline either (``FIGURES_ACCEPTED_FORMATS`` has no SVG).
    """
    errors = []
    for folder in folders:
        top = content_root / folder
        for directory, subfolders, names in os.walk(top):
            subfolders.sort()
            for name in sorted(names):
                if PurePosixPath(name.lower()).suffix in ACTIVE_SUFFIXES:
                    errors.append(active_content_error(Path(directory) / name))
    return errors


def active_content_error(path: Path) -> ContentError:
    """The message for one refused file: why, and what to publish instead."""
    return ContentError(
        "active-content-file",
        f"Tệp “{path.name}” là trang web, ảnh SVG hoặc mã lệnh (HTML/SVG/XML/JS): trình duyệt sẽ chạy mã trong đó"
        " ngay trên tên miền của Cổng, nên tệp không được đăng từ thư mục nội dung. Ảnh hãy lưu JPEG/PNG/WebP;"
        " tài liệu hãy xuất PDF. Xóa tệp này khỏi thư mục.",
        path,
    )
