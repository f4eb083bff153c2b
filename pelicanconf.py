"""Development settings: `make html`, `make site`, `make devserver`.

Production (`make publish`) imports everything here and overrides only what
changes in publishconf.py. Site data an editor may change (categories, contact
block) lives in content/data/site.toml, not here.
"""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
if str(ROOT) not in sys.path:  # plugins are imported as `plugins.<name>`
    sys.path.insert(0, str(ROOT))

from plugins.common.ordering import newest_first

SITENAME = "Đảng ủy Khối các cơ quan tỉnh Lạng Sơn"
SITESUBTITLE = "Trang thông tin điện tử"
SITEURL = ""
RELATIVE_URLS = True

PATH = "content"
THEME = "theme"
# Vietnam's legal time, constant UTC+7 (POSIX sign: Etc/GMT-7 is seven hours *ahead* of UTC). Not
# Asia/Ho_Chi_Minh: that zone is Saigon's history, +08:00 in 1943-45, 1947-55 and 1959-75 and +07:06:30
# before 1906, so a date of those years would show an offset Lạng Sơn never used (content_model.core.PORTAL_TZ).
TIMEZONE = "Etc/GMT-7"
DEFAULT_LANG = "vi"
DEFAULT_DATE_FORMAT = "%d-%m-%Y %H:%M"

# Plugins are listed explicitly: an unset PLUGINS would load every installed
# namespace plugin (pelican-sitemap, image-process…) without asking.
PLUGINS = [
    "plugins.vi_text",
    "plugins.content_model",
    "plugins.build_cache",  # reads articles on every core; drops a content cache made by other code
    "plugins.linear_lists",  # Pelican's tag and author pages in linear time
    "plugins.page_writer",  # renders pages on every core, only those whose inputs changed; before seo_feeds, cms_admin
    "plugins.html_policy",
    "plugins.figures",  # after html_policy: its <picture> markup is generated, not editor input
    "plugins.related",
    "plugins.portal_pages",
    "plugins.documents",  # "Văn bản": content/van-ban/ → /van-ban/ lists, filters, detail pages, attachments
    # "Giới thiệu": content/data/to-chuc.toml → /gioi-thieu/ (4 pages, menu link); after figures (portraits)
    "plugins.organisation",
    "plugins.media_embeds",  # video (click-to-load) and photo stories (lightbox) on article pages
    "plugins.seo_feeds",
    "plugins.cms_admin",  # the web editor at /admin/ (Sveltia CMS; Decap for make cms; from node_modules)
    "plugins.publish_checks",  # last: sees every other plugin's content before anything is written
]

# Content model: content/articles/YYYY/<slug>/index.md with photos beside it.
ARTICLE_PATHS = ["articles"]
PAGE_PATHS = ["pages"]
# Article and page folders are not scanned as static files: photos beside an article
# are published only as the figures plugin's stripped variants (never the originals
# with their GPS/EXIF), and any other file there only when an article links it with
# {attach} or {static}. Scanning them would also make Pelican read (md5) whatever a
# symlink in content/ points to.
STATIC_PATHS = ["images"]
STATIC_EXCLUDES = []
IGNORE_FILES = [".#*", "README.md", "*.py", "__pycache__"]
PATH_METADATA = r"articles/(?P<year>\d{4})/(?P<slug>[^/]+)/index\.md"
SLUGIFY_SOURCE = "title"
USE_FOLDER_AS_CATEGORY = False
SLUGIFY_USE_UNICODE = False

# URLs: ASCII Vietnamese words, one folder per page ("pretty" URLs).
ARTICLE_URL = "bai-viet/{slug}/"
ARTICLE_SAVE_AS = "bai-viet/{slug}/index.html"
PAGE_URL = "{slug}/"
PAGE_SAVE_AS = "{slug}/index.html"
CATEGORY_URL = "chuyen-muc/{slug}/"
CATEGORY_SAVE_AS = "chuyen-muc/{slug}/index.html"
CATEGORIES_URL = "chuyen-muc/"
CATEGORIES_SAVE_AS = "chuyen-muc/index.html"
TAG_URL = "the/{slug}/"
TAG_SAVE_AS = "the/{slug}/index.html"
TAGS_URL = "the/"
TAGS_SAVE_AS = "the/index.html"
AUTHOR_URL = "tac-gia/{slug}/"
AUTHOR_SAVE_AS = "tac-gia/{slug}/index.html"
AUTHORS_URL = "tac-gia/"
AUTHORS_SAVE_AS = "tac-gia/index.html"
ARCHIVES_URL = "luu-tru/"
ARCHIVES_SAVE_AS = "luu-tru/index.html"
DRAFT_URL = "ban-nhap/{slug}/"
DRAFT_SAVE_AS = "ban-nhap/{slug}/index.html"
DRAFT_PAGE_URL = "ban-nhap/trang/{slug}/"
DRAFT_PAGE_SAVE_AS = "ban-nhap/trang/{slug}/index.html"

# One article order on every machine (reproducible builds); see plugins/common/ordering.py.
ARTICLE_ORDER_BY = newest_first

DEFAULT_PAGINATION = 12
# The home page is not paginated (featured story, latest list and one block per
# category come from plugins/portal_pages); section, tag and author lists are.
PAGINATED_TEMPLATES = {"category": None, "tag": None, "author": None, "documents": None}
# Archives by year and month (theme/templates/period_archives.html), indexed at luu-tru/.
YEAR_ARCHIVE_URL = "luu-tru/{date:%Y}/"
YEAR_ARCHIVE_SAVE_AS = "luu-tru/{date:%Y}/index.html"
MONTH_ARCHIVE_URL = "luu-tru/{date:%Y}/{date:%m}/"
MONTH_ARCHIVE_SAVE_AS = "luu-tru/{date:%Y}/{date:%m}/index.html"
PAGINATION_PATTERNS = (
    (1, "{url}", "{save_as}"),
    (2, "{base_name}/trang/{number}/", "{base_name}/trang/{number}/index.html"),
)

# Feeds are off while developing; publishconf.py turns them on with absolute URLs.
FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None

MARKDOWN = {
    "extension_configs": {
        "markdown.extensions.meta": {},
        "markdown.extensions.extra": {},
        "pymdownx.blocks.caption": {},
        "plugins.figures.markdown_ext": {},  # tidy <figure>, alt from caption, photo credit
        "pymdownx.tilde": {},
    },
    "output_format": "html5",
}

# typogrify on, but without `widont` (puts &nbsp; into og:title and <title>)
# and `caps` (wraps only ASCII capitals: UBND but not HĐND). Our reader applies
# it (CONTENT_MODEL_TYPOGRIFY), so the result is cached with each article;
# Pelican's TYPOGRIFY would redo it on every build (plugins/content_model/core.py).
TYPOGRIFY = False
CONTENT_MODEL_TYPOGRIFY = True
TYPOGRIFY_OMIT_FILTERS = ["widont", "caps"]

JINJA_ENVIRONMENT = {"autoescape": True, "trim_blocks": True, "lstrip_blocks": True}
CHECK_MODIFIED_METHOD = "md5"
DELETE_OUTPUT_DIRECTORY = False

READERS = {"rst": None, "html": None}  # Markdown only: one syntax for editors, one reader to check

# "Tin liên quan" / "Tin cùng chuyên mục" (plugins/related/settings.py holds every
# RELATED_* default and why; the scoring weights are measured by bench/related_eval.py).
RELATED_COUNT = 5  # explicit Related: slugs first, then computed items up to this many
RELATED_RECIPROCAL = True  # A lists B in Related: → B lists A too
RELATED_SAME_CATEGORY_COUNT = 5

DIRECT_TEMPLATES = ["index", "categories", "tags", "authors", "archives", "404", "search", "en"]
# Site search (theme/templates/search.html); its index is built after Pelican by
# `python -m tools.search_index output` (Makefile `html`/`publish`).
SEARCH_URL = "tim-kiem/"
SEARCH_SAVE_AS = "tim-kiem/index.html"
globals()["404_SAVE_AS"] = "404.html"  # a Python name cannot start with a digit
# The English information page (theme/templates/en.html; Nghị định 42/2022/NĐ-CP, Điều 7), from
# [site.en] in content/data/site.toml. /en/: the language code is the address English readers and
# crawlers expect, it reads the same in both languages, and more English pages can live under it.
EN_URL = "en/"
EN_SAVE_AS = "en/index.html"
# The publish checks want lang="vi" on every page, except these (output path → language).
PUBLISH_CHECKS_PAGE_LANGS = {EN_SAVE_AS: "en"}
