"""What ``/admin/`` is made of, as plain Python: Decap's config, its HTML page, the files to vendor.

Why Decap CMS (3.x) and not Sveltia CMS: Sveltia ignores ``local_backend``
(no ``decap-server``), so offline editing needs the browser's File System
Access API, which a test cannot drive and Firefox lacks; Sveltia is still
0.x with near-daily releases. Decap ships a Vietnamese locale and a
single-file build that runs without any CDN.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from plugins.content_model.core import STATUSES

BUNDLE = "decap-cms.js"
PORTAL_SCRIPT = Path(__file__).with_name("static") / "portal.js"
DATE_FORMAT = "YYYY-MM-DD HH:mm"  # dayjs tokens; what content_model.core.parse_datetime reads first
STATUS_LABELS = {"published": "Đăng", "draft": "Bản nháp (chưa đăng)", "hidden": "Ẩn (không hiện trong danh sách)"}


@dataclass(frozen=True)
class AdminSettings:
    """The plugin's settings as plain values."""

    content_folder: str  # the content folder, relative to the git repository root
    categories: tuple[str, ...]
    github_repo: str = ""
    branch: str = "main"
    auth_base_url: str = ""
    local_backend_url: str = "http://localhost:8081/api/v1"
    site_url: str = ""
    max_upload_bytes: int = 8 * 1024 * 1024  # the same limit as `make check` (CONTENT_CHECKS_MAX_PHOTO_BYTES)


def cms_config(settings: AdminSettings) -> dict[str, Any]:
    """Decap's ``config.yml`` for our content model.

    One folder per article, ``{{year}}/{{slug}}/index.md``, photos beside it
    (``media_folder: ""``, relative to the entry). Files are read and written
    in the hand-written ``Key: value`` header (format "pelican", registered by
    ``static/portal.js``), so the editor opens existing articles too.
    """
    backend: dict[str, Any] = {"name": "github", "repo": settings.github_repo, "branch": settings.branch}
    if settings.auth_base_url:
        backend["base_url"] = settings.auth_base_url
    config: dict[str, Any] = {
        "locale": "vi",
        "backend": backend,
        "publish_mode": "editorial_workflow",
        "local_backend": {"url": settings.local_backend_url},
        "media_folder": f"{settings.content_folder}/images",
        "public_folder": "/images",
        "show_preview_links": False,
        "slug": {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"},
        "collections": [article_collection(settings)],
    }
    if settings.site_url:
        config["site_url"] = config["display_url"] = settings.site_url
    return config


def article_collection(settings: AdminSettings) -> dict[str, Any]:
    """The "Bài viết" collection: our metadata fields, in the order of the editor guide."""
    return {
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
        "sortable_fields": [
            {"field": "date", "label": "Ngày đăng", "default_sort": "desc"},  # newest first, as on the site
            {"field": "title", "label": "Tiêu đề"},
            {"field": "category", "label": "Chuyên mục"},
        ],
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


def upload_limit(settings: AdminSettings) -> dict[str, Any]:
    """A field's ``media_library``: refuse a too-heavy photo in the browser, with the limit `make check` applies."""
    return {"config": {"max_file_size": settings.max_upload_bytes}}


def admin_page(site_name: str) -> str:
    """``admin/index.html``: loads only the vendored bundle and our figure component, never a CDN."""
    return f"""<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>Quản trị nội dung – {site_name}</title>
<link href="config.yml" type="text/yaml" rel="cms-config-url">
</head>
<body>
<script src="{BUNDLE}"></script>
<script src="portal.js"></script>
</body>
</html>
"""


def bundle_files(dist: Path) -> Iterator[Path]:
    """The files of Decap's ``decap-cms.js`` build: entry, lazy chunks, WebAssembly, licence (no source maps)."""
    patterns: Iterable[str] = (BUNDLE, f"*.{BUNDLE}", "*.wasm", f"{BUNDLE}.LICENSE.txt")
    for pattern in patterns:
        yield from sorted(dist.glob(pattern))
