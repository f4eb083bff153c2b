"""What ``/admin/`` is made of, as plain Python: the editor's config, its HTML page, the files to vendor.

Why Sveltia CMS on the live site: it reads Decap's ``config.yml`` and our
``portal.js`` (custom format, editor component), and signs in to GitHub with a
fine-grained personal access token typed into the page, so GitHub Pages needs
no OAuth service. Decap's GitHub backend cannot sign in without one (Netlify's
or a proxy someone runs, holding the OAuth app's secret). Sveltia is still 0.x,
so it is pinned exactly and its CDN addresses are rewritten at vendoring time
(``sveltia_bundle``): a new version whose addresses moved fails the build
instead of loading code from unpkg or jsDelivr.

Why Decap CMS for ``make cms`` (offline): Sveltia ignores ``local_backend``;
its own local mode needs the File System Access API (Chromium only, a folder
picker no test can drive), while Decap + ``decap-server`` writes to the
checkout and is tested end to end (tests/browser/test_cms.py).
"""

from __future__ import annotations

import json
import re
import tomllib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from plugins.common.errors import ContentError
from plugins.common.toml_lines import KeyPath, key_lines, line_of
from plugins.content_model.core import STATUSES

PORTAL_SCRIPT = Path(__file__).with_name("static") / "portal.js"
DATE_FORMAT = "YYYY-MM-DD HH:mm"  # dayjs tokens; what content_model.core.parse_datetime reads first
STATUS_LABELS = {"published": "Đăng", "draft": "Bản nháp (chưa đăng)", "hidden": "Ẩn (không hiện trong danh sách)"}
APPS = ("sveltia", "decap")
DECAP_BUNDLE = "decap-cms.js"
SVELTIA_BUNDLE = "sveltia-cms.js"
SVELTIA_PACKAGE = "@sveltia/cms"
# Where Sveltia's runtime downloads go, relative to /admin/ (see sveltia_bundle).
SVELTIA_SELF = "sveltia"
SVELTIA_FONTS = {  # CDN address in the bundle -> (npm file under node_modules, name under admin/fonts/)
    "https://cdn.jsdelivr.net/fontsource/fonts/source-sans-3:vf@5.3.0/latin-wght-normal.woff2": (
        "@fontsource-variable/source-sans-3/files/source-sans-3-latin-wght-normal.woff2"
    ),
    "https://cdn.jsdelivr.net/fontsource/fonts/noto-mono@5.3.0/latin-400-normal.woff2": (
        "@fontsource/noto-mono/files/noto-mono-latin-400-normal.woff2"
    ),
    "https://cdn.jsdelivr.net/fontsource/fonts/material-symbols-outlined:vf@5.3.7/latin-wght-normal.woff2": (
        "@fontsource-variable/material-symbols-outlined/files/material-symbols-outlined-latin-wght-normal.woff2"
    ),
}
# The admin page may talk to its own origin and GitHub's API, nothing else: Sveltia's remaining
# optional downloads (code highlighter, map tiles, githubstatus.com) are refused by the browser.
ADMIN_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: blob: https://avatars.githubusercontent.com; "
    "connect-src 'self' blob: data: https://api.github.com; font-src 'self'; media-src 'self' blob: data:; "
    "worker-src 'self' blob:; frame-src 'self' blob:; object-src 'none'; base-uri 'self'; form-action 'none'"
)
_OWNER_REPO = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})/(?!\.\.?$)[A-Za-z0-9._-]{1,100}$")
_BAD_BRANCH = re.compile(r"^[-/.]|[\s~^:?*\[\\\x00-\x1f\x7f]|\.\.|//|@\{|/\.|\.lock$|[/.]$")


@dataclass(frozen=True)
class AdminSettings:
    """The plugin's settings as plain values."""

    content_folder: str  # the content folder, relative to the git repository root
    categories: tuple[str, ...]
    github_repo: str = ""
    branch: str = "main"
    app: str = "sveltia"
    local_backend_url: str = "http://localhost:8081/api/v1"
    site_url: str = ""
    max_upload_bytes: int = 8 * 1024 * 1024  # the same limit as the build and `make check` (FIGURES_MAX_PHOTO_BYTES)


@dataclass(frozen=True)
class CmsData:
    """The ``[cms]`` table of site.toml, with the line of each key for messages (``toml_lines.key_lines``)."""

    enabled: Any = True
    repo: Any = ""
    branch: Any = "main"
    lines: dict[KeyPath, int] = field(default_factory=dict)


def read_cms_data(text: str) -> CmsData:
    """The ``[cms]`` table of the site data (already checked for TOML syntax by content_model)."""
    table = tomllib.loads(text).get("cms", {})
    return CmsData(table.get("enabled", True), table.get("repo", ""), table.get("branch", "main"), key_lines(text))


def check_cms_data(data: CmsData, source: str | Path) -> list[ContentError]:
    """Problems that would leave the live web editor unable to sign in or save; none when it is off.

    The same function serves the build (a warning in development, an error in
    `make publish`) and `make check`, so both print the same line.
    """

    def where(key: str) -> int | None:
        return line_of(data.lines, ("cms", key))  # else the line of [cms]

    if not isinstance(data.enabled, bool):
        return [
            ContentError(
                "cms-enabled-invalid",
                "enabled trong bảng [cms] phải là true (bật trình soạn thảo web) hoặc false (tắt), không có ngoặc kép.",
                source,
                where("enabled"),
            )
        ]
    if not data.enabled:
        return []
    errors = []
    repo = data.repo.strip() if isinstance(data.repo, str) else data.repo
    if repo == "":
        errors.append(
            ContentError(
                "cms-repo-missing",
                'Trình soạn thảo web đang bật nhưng chưa ghi kho GitHub: điền repo = "tên-tài-khoản/tên-kho"'
                ' (ví dụ "dangukhoi-langson/cong-thong-tin") trong bảng [cms], hoặc tắt bằng enabled = false.',
                source,
                where("repo"),
            )
        )
    elif not isinstance(repo, str) or not _OWNER_REPO.match(repo):
        errors.append(
            ContentError(
                "cms-repo-invalid",
                f'repo = {repo!r} không đúng dạng "tên-tài-khoản/tên-kho" của GitHub'
                ' (ví dụ "dangukhoi-langson/cong-thong-tin"; không ghi https://github.com/).',
                source,
                where("repo"),
            )
        )
    if not isinstance(data.branch, str) or not data.branch.strip() or _BAD_BRANCH.search(data.branch.strip()):
        errors.append(
            ContentError(
                "cms-branch-invalid",
                f'branch = {data.branch!r} không phải tên nhánh git hợp lệ (thường là "main").',
                source,
                where("branch"),
            )
        )
    return errors


def cms_config(settings: AdminSettings) -> dict[str, Any]:
    """The editor's ``config.yml`` for our content model, in the dialect of ``settings.app``.

    One folder per article, ``{{year}}/{{slug}}/index.md``, photos beside it
    (``media_folder: ""``, relative to the entry). Files are read and written
    in the hand-written ``Key: value`` header (format "pelican", registered by
    ``static/portal.js``), so the editor opens existing articles too.
    """
    config: dict[str, Any] = {
        "backend": {"name": "github", "repo": settings.github_repo, "branch": settings.branch},
        "publish_mode": "editorial_workflow",
        "media_folder": f"{settings.content_folder}/images",
        "public_folder": "/images",
        "show_preview_links": False,
        "slug": {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"},
        "collections": [article_collection(settings)],
    }
    if settings.app == "decap":
        # Sveltia follows the browser's language and has no local backend: both keys only warn there.
        config = {"locale": "vi", **config, "local_backend": {"url": settings.local_backend_url}}
    else:
        config["media_libraries"] = {"default": upload_limit(settings)}  # Sveltia's one place for the limit
    if settings.site_url:
        config["site_url"] = config["display_url"] = settings.site_url
    return config


def article_collection(settings: AdminSettings) -> dict[str, Any]:
    """The "Bài viết" collection: our metadata fields, in the order of the editor guide."""
    collection = {
        "name": "articles",
        "label": "Bài viết",
        "label_singular": "bài viết",
        "description": "Tin, bài của Đảng ủy Khối. Mỗi bài là một thư mục, ảnh đặt cùng thư mục.",
        "folder": f"{settings.content_folder}/articles",
        "path": "{{year}}/{{slug}}/index",
        "media_folder": "",
        "public_folder": "",
        "extension": "md",
        "format": "pelican",  # registered by static/portal.js: the hand-written header
        "create": True,
        "slug": "{{slug}}",
        "summary": "{{title}} — {{category}}",
        "sortable_fields": sortable_fields(settings.app),
        "view_groups": [{"label": "Năm", "field": "date", "pattern": r"\d{4}"}],
        "fields": [
            {"label": "Tiêu đề", "name": "title", "widget": "string"},
            {
                "label": "Ngày giờ đăng",
                "name": "date",
                "widget": "datetime",
                "format": DATE_FORMAT,
                "date_format": "DD-MM-YYYY",
                "time_format": "HH:mm",
                "default": "{{now}}",
            },
            {"label": "Chuyên mục", "name": "category", "widget": "select", "options": list(settings.categories)},
            {
                "label": "Từ khóa",
                "name": "tags",
                "widget": "list",
                "required": False,
                "hint": "Mỗi từ khóa một ô (hoặc cách nhau bằng dấu phẩy), viết có dấu.",
            },
            {"label": "Tác giả", "name": "author", "widget": "string"},
            {"label": "Đơn vị", "name": "unit", "widget": "string", "required": False},
            {
                "label": "Tóm tắt",
                "name": "summary",
                "widget": "text",
                "required": False,
                "hint": "Một, hai câu hiện ở trang chủ và khi chia sẻ bài; bỏ trống thì lấy đoạn đầu bài.",
            },
            {
                "label": "Ảnh đại diện",
                "name": "cover",
                "widget": "image",
                "required": False,
                "media_library": upload_limit(settings),
            },
            {
                "label": "Tin liên quan",
                "name": "related",
                "widget": "list",
                "required": False,
                "hint": "Đường dẫn của bài liên quan: phần sau /bai-viet/ trong địa chỉ bài, ví dụ hoi-nghi-tong-ket.",
            },
            {"label": "Tin nổi bật", "name": "featured", "widget": "boolean", "required": False, "default": False},
            {
                "label": "Trạng thái",
                "name": "status",
                "widget": "select",
                "options": [{"label": STATUS_LABELS[s], "value": s} for s in STATUSES],
                "default": "published",
                "required": False,  # absent means published, as in a hand-written file
            },
            {
                "label": "Nội dung",
                "name": "body",
                "widget": "markdown",
                "modes": ["rich_text", "raw"],
                "media_library": upload_limit(settings),  # Decap merges it into the photo component's image field
                "buttons": [
                    "bold",
                    "italic",
                    "link",
                    "heading-two",
                    "heading-three",
                    "quote",
                    "bulleted-list",
                    "numbered-list",
                ],
                "hint": "Chèn ảnh bằng nút “+” → “Ảnh có chú thích”: ảnh được lưu cùng thư mục bài.",
            },
        ],
    }
    if settings.app == "sveltia":
        # Sveltia refuses "md" with a format that is not front matter; the extension comes from
        # portal.js's registerCustomFormat("pelican", "md", …) instead.
        del collection["extension"]
        for field_ in collection["fields"]:
            if field_["widget"] == "markdown":
                del field_["media_library"]  # not a Markdown option there: the global media_libraries applies
    return collection


def sortable_fields(app: str) -> Any:
    """Newest first, as on the site; Decap and Sveltia spell the default sort differently."""
    if app == "sveltia":
        return {"fields": ["date", "title", "category"], "default": {"field": "date", "direction": "descending"}}
    return [
        {"field": "date", "label": "Ngày đăng", "default_sort": "desc"},
        {"field": "title", "label": "Tiêu đề"},
        {"field": "category", "label": "Chuyên mục"},
    ]


def upload_limit(settings: AdminSettings) -> dict[str, Any]:
    """A field's ``media_library``: refuse a too-heavy photo in the browser, with the limit `make check` applies."""
    return {"config": {"max_file_size": settings.max_upload_bytes}}


def admin_page(site_name: str, app: str) -> str:
    """``admin/index.html``: loads only the vendored bundle and our figure component, never a CDN.

    The live editor (Sveltia) gets a Content-Security-Policy that allows this
    origin and GitHub's API only; Decap runs on localhost with ``decap-server``.
    """
    bundle = SVELTIA_BUNDLE if app == "sveltia" else DECAP_BUNDLE
    csp = f'<meta http-equiv="Content-Security-Policy" content="{ADMIN_CSP}">\n' if app == "sveltia" else ""
    return f"""<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
{csp}<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>Quản trị nội dung – {site_name}</title>
<link href="config.yml" type="text/yaml" rel="cms-config-url">
</head>
<body>
<script src="{bundle}"></script>
<script src="portal.js"></script>
</body>
</html>
"""


def decap_files(dist: Path) -> Iterator[tuple[Path, str]]:
    """Decap's ``decap-cms.js`` build: entry, lazy chunks, WebAssembly, licence (no source maps)."""
    patterns: Iterable[str] = (DECAP_BUNDLE, f"*.{DECAP_BUNDLE}", "*.wasm", f"{DECAP_BUNDLE}.LICENSE.txt")
    for pattern in patterns:
        for path in sorted(dist.glob(pattern)):
            yield path, path.name


def sveltia_files(node_modules: Path) -> Iterator[tuple[Path, str]]:
    """What Sveltia fetches at runtime, as (npm file, path under /admin/); the bundle itself is rewritten.

    Lazy chunks load relative to the bundle; translations, the version check and
    fonts load from the addresses ``sveltia_bundle`` points at this folder.
    """
    package = node_modules / SVELTIA_PACKAGE
    version = sveltia_version(node_modules)
    for path in sorted((package / "dist" / "chunks").glob("*.js")):
        yield path, f"chunks/{path.name}"
    for path in sorted((package / "locales").glob("*.json")):
        yield path, f"{SVELTIA_SELF}@{version}/locales/{path.name}"
    yield package / "package.json", f"{SVELTIA_SELF}/package.json"
    yield package / "LICENSE.txt", f"{SVELTIA_SELF}/LICENSE.txt"
    for font in SVELTIA_FONTS.values():
        yield node_modules / font, f"fonts/{Path(font).name}"


def sveltia_version(node_modules: Path) -> str:
    """The installed Sveltia's version: its translations are fetched from a folder named after it."""
    return json.loads((node_modules / SVELTIA_PACKAGE / "package.json").read_text(encoding="utf-8"))["version"]


def sveltia_bundle(text: str) -> str:
    """Sveltia's bundle with its CDN addresses pointing into /admin/ (translations, version check, fonts).

    Each address must occur exactly once: an upgrade that moves one fails here,
    loudly, rather than loading code or fonts from a CDN the site's policy refuses.
    """
    rewrites = {f"https://unpkg.com/{SVELTIA_PACKAGE}": SVELTIA_SELF}
    rewrites |= {url: f"fonts/{Path(font).name}" for url, font in SVELTIA_FONTS.items()}
    for url, local in rewrites.items():
        count = text.count(url)
        if count != 1:
            raise ValueError(
                f"Sveltia CMS: {url} occurs {count} times in the bundle (expected once): check the upgrade"
            )
        text = text.replace(url, local)
    return text
