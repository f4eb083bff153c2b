"""Defaults of the cms_admin plugin (override any ``CMS_ADMIN_*`` in pelicanconf.py)."""

import os
from pathlib import Path

DEFAULTS = {
    "CMS_ADMIN_ENABLED": True,
    # Output folder of the editor, relative to OUTPUT_PATH.
    "CMS_ADMIN_SAVE_DIR": "admin",
    # The content folder as Decap sees it: relative to the git repository root.
    "CMS_ADMIN_CONTENT_FOLDER": "content",
    # The built Decap CMS of the pinned npm package (`make node` runs `npm ci`).
    "CMS_ADMIN_DIST": str(Path(__file__).resolve().parents[2] / "node_modules" / "decap-cms" / "dist"),
    # Production backend: GitHub, editorial workflow (each article is a pull request CI checks).
    # GitHub Actions sets GITHUB_REPOSITORY; elsewhere set it in pelicanconf.py.
    "CMS_ADMIN_GITHUB_REPO": os.environ.get("GITHUB_REPOSITORY", ""),
    "CMS_ADMIN_BRANCH": "main",
    # OAuth proxy for GitHub login when the site is not hosted on Netlify (empty: Netlify's).
    "CMS_ADMIN_AUTH_BASE_URL": "",
    # Offline editing through `decap-server` (used only when /admin/ is opened on localhost).
    "CMS_ADMIN_LOCAL_BACKEND_URL": "http://localhost:8081/api/v1",
}
