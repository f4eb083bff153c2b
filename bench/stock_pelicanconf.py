"""Stock Pelican 4.12 for the benchmark's baseline: default theme, no plugins, default settings.

Only what it takes to read the same corpus is set: where articles live, the
photos beside them (static files), and the slug from the folder name so both
builds write the same number of article pages.
"""

SITENAME = "Đảng ủy Khối các cơ quan tỉnh Lạng Sơn"
TIMEZONE = "Asia/Ho_Chi_Minh"
DEFAULT_LANG = "vi"
PLUGINS = []
ARTICLE_PATHS = ["articles"]
PAGE_PATHS = ["pages"]
STATIC_PATHS = ["articles"]
PATH_METADATA = r"articles/(?P<year>\d{4})/(?P<slug>[^/]+)/index\.md"
