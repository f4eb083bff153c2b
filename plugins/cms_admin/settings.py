"""Defaults of the cms_admin plugin (override any ``CMS_ADMIN_*`` in pelicanconf.py).

Repository, branch and on/off are site data (the ``[cms]`` table of
content/data/site.toml), not settings: the people who launch the site fill them in.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar, Literal

from plugins.common.settings import PluginSettings


@dataclass(frozen=True)
class Settings(PluginSettings):
    """Every CMS_ADMIN_* setting, with its type and default (see plugins/common/settings.py)."""

    PREFIX: ClassVar[str] = "CMS_ADMIN_"

    CMS_ADMIN_ENABLED: bool = True
    # Output folder of the editor, relative to OUTPUT_PATH.
    CMS_ADMIN_SAVE_DIR: str = "admin"
    # The content folder as the editor sees it: relative to the git repository root.
    CMS_ADMIN_CONTENT_FOLDER: str = "content"
    # "sveltia": the live editor (GitHub sign-in with a personal access token, no OAuth service).
    # "decap": `make cms`, offline editing of this checkout through decap-server.
    CMS_ADMIN_APP: Literal["sveltia", "decap"] = "sveltia"
    # The pinned npm packages (`make node` runs `npm ci`).
    CMS_ADMIN_NODE_MODULES: str = str(Path(__file__).resolve().parents[2] / "node_modules")
    # Offline editing through `decap-server` (Decap only; used when /admin/ is opened on localhost).
    CMS_ADMIN_LOCAL_BACKEND_URL: str = "http://localhost:8081/api/v1"
    # A [cms] table that would leave the live editor unusable (empty repo…): "warning" while
    # previewing, "error" in publishconf.py, so `make publish` stops.
    CMS_ADMIN_SITE_DATA_PROBLEM: Literal["warning", "error"] = "warning"
