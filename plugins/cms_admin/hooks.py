"""Write ``/admin/`` into the output at the end of every build."""

from __future__ import annotations

import logging
import os
import shutil
from pathlib import Path
from typing import Any

import yaml

from plugins.cms_admin import core
from plugins.cms_admin.settings import DEFAULTS
from plugins.common.settings import merged
from plugins.content_checks.settings import DEFAULTS as CHECK_DEFAULTS
from plugins.content_model.hooks import load_site_data

logger = logging.getLogger(__name__)


def write_admin(pelican: Any) -> None:
    """``finalized``: the admin page, its config and the vendored Decap bundle."""
    settings = pelican.settings
    ours = merged(DEFAULTS, settings, "CMS_ADMIN_")
    if not ours["CMS_ADMIN_ENABLED"]:
        return
    dist = Path(ours["CMS_ADMIN_DIST"])
    if not (dist / core.BUNDLE).is_file():
        logger.warning(
            "Không có Decap CMS tại %s nên trang /admin/ không được tạo:"
            " chạy `make node` (npm ci) trước. [cms-missing]",
            dist,
        )
        return
    target = Path(settings["OUTPUT_PATH"]) / ours["CMS_ADMIN_SAVE_DIR"]
    target.mkdir(parents=True, exist_ok=True)
    admin = core.AdminSettings(
        content_folder=ours["CMS_ADMIN_CONTENT_FOLDER"],
        categories=tuple(c.name for c in load_site_data(settings).categories),
        github_repo=ours["CMS_ADMIN_GITHUB_REPO"],
        branch=ours["CMS_ADMIN_BRANCH"],
        auth_base_url=ours["CMS_ADMIN_AUTH_BASE_URL"],
        local_backend_url=ours["CMS_ADMIN_LOCAL_BACKEND_URL"],
        site_url=settings.get("SITEURL", "") if not settings.get("RELATIVE_URLS") else "",
        max_upload_bytes=merged(CHECK_DEFAULTS, settings, "CONTENT_CHECKS_")["CONTENT_CHECKS_MAX_PHOTO_BYTES"],
    )
    config = yaml.safe_dump(core.cms_config(admin), allow_unicode=True, sort_keys=False, width=1000)
    (target / "config.yml").write_text(config, encoding="utf-8")
    (target / "index.html").write_text(core.admin_page(settings["SITENAME"]), encoding="utf-8")
    for source in [*core.bundle_files(dist), core.PORTAL_SCRIPT]:
        vendor(source, target / source.name)


def vendor(source: Path, destination: Path) -> None:
    """Hard-link ``source`` into the output (6 MB per build costs nothing), copying across filesystems."""
    if destination.exists():
        if destination.samefile(source):
            return
        destination.unlink()
    try:
        os.link(source, destination)
    except OSError:
        shutil.copy2(source, destination)
