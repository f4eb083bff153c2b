"""Defaults of the cms_admin plugin (override any ``CMS_ADMIN_*`` in pelicanconf.py).

Repository, branch and on/off are site data (the ``[cms]`` table of
content/data/site.toml), not settings: the people who launch the site fill them in.
"""

from pathlib import Path

DEFAULTS = {
    "CMS_ADMIN_ENABLED": True,
    # Output folder of the editor, relative to OUTPUT_PATH.
    "CMS_ADMIN_SAVE_DIR": "admin",
    # The content folder as the editor sees it: relative to the git repository root.
    "CMS_ADMIN_CONTENT_FOLDER": "content",
    # "sveltia": the live editor (GitHub sign-in with a personal access token, no OAuth service).
    # "decap": `make cms`, offline editing of this checkout through decap-server.
    "CMS_ADMIN_APP": "sveltia",
    # The pinned npm packages (`make node` runs `npm ci`).
    "CMS_ADMIN_NODE_MODULES": str(Path(__file__).resolve().parents[2] / "node_modules"),
    # Offline editing through `decap-server` (Decap only; used when /admin/ is opened on localhost).
    "CMS_ADMIN_LOCAL_BACKEND_URL": "http://localhost:8081/api/v1",
    # A [cms] table that would leave the live editor unusable (empty repo…): "warning" while
    # previewing, "error" in publishconf.py, so `make publish` stops.
    "CMS_ADMIN_SITE_DATA_PROBLEM": "warning",
}
