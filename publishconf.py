"""Production settings for `make publish`: everything from pelicanconf.py, plus what changes."""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from pelicanconf import *

# The real address comes from CI (SITEURL=…); example.org marks an unset one plainly.
SITEURL = os.environ.get("SITEURL", "https://example.org").rstrip("/")
RELATIVE_URLS = False

FEED_DOMAIN = SITEURL
FEED_ALL_ATOM = "feeds/all.atom.xml"
CATEGORY_FEED_ATOM = "feeds/{slug}.atom.xml"

# Future-dated articles are not published until their time comes; drafts are
# never written anywhere in production output.
WITH_FUTURE_DATES = False
DRAFT_URL = ""
DRAFT_SAVE_AS = ""
DRAFT_PAGE_URL = ""
DRAFT_PAGE_SAVE_AS = ""
DELETE_OUTPUT_DIRECTORY = True
