"""Production settings for `make publish`: everything from pelicanconf.py, plus what changes."""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from pelicanconf import *

# The real address comes from CI (SITEURL=…); example.org marks an unset one plainly.
SITEURL = os.environ.get("SITEURL", "https://example.org").rstrip("/")
RELATIVE_URLS = False

# PLUGINS come from pelicanconf.py, where they are listed explicitly (nothing is auto-discovered).

# Feeds: the whole site as Atom and RSS, one Atom feed per category; absolute
# links (FEED_DOMAIN) and dates with +07:00 (TIMEZONE). No tag/author/translation feeds.
FEED_DOMAIN = SITEURL
FEED_ALL_ATOM = "feeds/all.atom.xml"
FEED_ALL_RSS = "feeds/all.rss.xml"
CATEGORY_FEED_ATOM = "feeds/{slug}.atom.xml"
CATEGORY_FEED_RSS = None
TAG_FEED_ATOM = None
TAG_FEED_RSS = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
TRANSLATION_FEED_ATOM = None
TRANSLATION_FEED_RSS = None
FEED_MAX_ITEMS = 20

# robots.txt: the editors' admin app (plugins/cms_admin) is not for search engines.
SEO_FEEDS_ROBOTS_DISALLOW = ["/admin/"]

# Demo material stays out of production: articles and documents marked `Sample: yes` are
# dropped, and a stand-in photo (a placeholder while the real one is missing) stops the build,
# naming the article and the photo. A demo deployment says so explicitly:
# `make publish DEMO=yes` (or PORTAL_DEMO=yes in the environment).
PORTAL_DEMO = os.environ.get("PORTAL_DEMO", "").strip().lower() in {"1", "yes", "true"}
CONTENT_MODEL_INCLUDE_SAMPLES = PORTAL_DEMO
FIGURES_STANDIN_PHOTOS = "allow" if PORTAL_DEMO else "error"

# Future-dated articles are not published until their time comes; drafts are
# never written anywhere in production output.
WITH_FUTURE_DATES = False
DRAFT_URL = ""
DRAFT_SAVE_AS = ""
DRAFT_PAGE_URL = ""
DRAFT_PAGE_SAVE_AS = ""
# Pelican writes `Status: hidden` articles (it only leaves them out of lists); production does not.
PUBLISH_CHECKS_WITHHOLD_HIDDEN = True
# `make publish` always builds into a fresh folder and swaps it in only after the checks
# (tools/publish). Pelican deletes the output folder *before* reading content, so True
# here would only wipe a live folder when someone runs pelican by hand and the build fails.
DELETE_OUTPUT_DIRECTORY = False

# The live web editor needs its GitHub repository in content/data/site.toml ([cms] repo):
# an empty or malformed one stops the build (plugins/cms_admin).
CMS_ADMIN_SITE_DATA_PROBLEM = "error"

# A published photo must say what it shows: no caption and no alt text fails the build.
FIGURES_MISSING_CAPTION = "error"
# A damaged colour profile is ignored (the photo is published as sRGB): a notice, not a stop.
FIGURES_IGNORED_PROFILE = "info"
