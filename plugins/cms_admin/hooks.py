"""Check the ``[cms]`` site data when a build starts; write ``/admin/`` into the output at its end."""

from __future__ import annotations

import logging
import os
import shutil
from pathlib import Path
from typing import Any

import yaml

from plugins.cms_admin import core
from plugins.cms_admin.settings import Settings
from plugins.content_model.core import load_site_data
from plugins.content_model.settings import Settings as ModelSettings
from plugins.figures.settings import Settings as FiguresSettings

logger = logging.getLogger(__name__)


def site_data_file(settings: dict[str, Any]) -> Path:
    """content/data/site.toml, or whatever ``CONTENT_MODEL_DATA_FILE`` names under ``PATH``."""
    return Path(settings["PATH"]) / ModelSettings.of(settings).CONTENT_MODEL_DATA_FILE


def cms_data(settings: dict[str, Any]) -> core.CmsData | None:
    """The ``[cms]`` table; None for a missing or broken data file, which is content_model's to report."""
    try:
        return core.read_cms_data(site_data_file(settings).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def check_site_data(pelican: Any) -> None:
    """``initialized``: report a [cms] table the live editor cannot use, before any work is done.

    An error under ``make publish`` (``--fatal warnings`` stops the build), a warning while previewing.
    """
    ours = Settings.of(pelican.settings)
    if not ours.CMS_ADMIN_ENABLED or ours.CMS_ADMIN_APP != "sveltia":
        return  # no live editor in this build (make cms edits the checkout through decap-server)
    level = logging.ERROR if ours.CMS_ADMIN_SITE_DATA_PROBLEM == "error" else logging.WARNING
    data = cms_data(pelican.settings)
    for error in core.check_cms_data(data, site_data_file(pelican.settings)) if data else []:
        logger.log(level, "%s", error)


def write_admin(pelican: Any) -> None:
    """``finalized``: the admin page, its config and the vendored editor (nothing when [cms] turns it off)."""
    settings = pelican.settings
    ours = Settings.of(settings)
    data = cms_data(settings)
    if not ours.CMS_ADMIN_ENABLED or data is None or data.enabled is False:
        return
    app = ours.CMS_ADMIN_APP
    if app not in core.APPS:
        raise ValueError(f"CMS_ADMIN_APP = {app!r}; known: {', '.join(core.APPS)}")
    node_modules = Path(ours.CMS_ADMIN_NODE_MODULES)
    files = list(app_files(node_modules, app))
    missing = [source for source, _ in files if not source.is_file()]
    if not files or missing:
        logger.warning(
            "Thiếu %s nên trang /admin/ không được tạo: chạy `make node` (npm ci) trước. [cms-missing]",
            missing[0] if missing else node_modules / "decap-cms" / "dist",
        )
        return
    target = Path(settings["OUTPUT_PATH"]) / ours.CMS_ADMIN_SAVE_DIR
    target.mkdir(parents=True, exist_ok=True)
    admin = core.AdminSettings(
        content_folder=ours.CMS_ADMIN_CONTENT_FOLDER,
        categories=tuple(c.name for c in load_site_data(site_data_file(settings)).categories),
        github_repo=data.repo.strip() if isinstance(data.repo, str) else "",
        branch=data.branch.strip() if isinstance(data.branch, str) else "main",
        app=app,
        local_backend_url=ours.CMS_ADMIN_LOCAL_BACKEND_URL,
        site_url=settings.get("SITEURL", "") if not settings.get("RELATIVE_URLS") else "",
        max_upload_bytes=FiguresSettings.of(settings).FIGURES_MAX_PHOTO_BYTES,
    )
    config = yaml.safe_dump(core.cms_config(admin), allow_unicode=True, sort_keys=False, width=1000)
    (target / "config.yml").write_text(config, encoding="utf-8")
    (target / "index.html").write_text(core.admin_page(settings["SITENAME"], app), encoding="utf-8")
    for source, relative in [*files, (core.PORTAL_SCRIPT, core.PORTAL_SCRIPT.name)]:
        vendor(source, target / relative)
    if app == "sveltia":
        write_if_changed(
            target / core.SVELTIA_BUNDLE, core.sveltia_bundle(sveltia_source(node_modules).read_text("utf-8"))
        )


def sveltia_source(node_modules: Path) -> Path:
    """The pinned Sveltia bundle (a classic script, not the .mjs module build)."""
    return node_modules / core.SVELTIA_PACKAGE / "dist" / core.SVELTIA_BUNDLE


def app_files(node_modules: Path, app: str) -> list[tuple[Path, str]]:
    """Every file the app needs copied as is, as (source, path under /admin/)."""
    if app == "decap":
        return list(core.decap_files(node_modules / "decap-cms" / "dist"))
    if not sveltia_source(node_modules).is_file():
        return [(sveltia_source(node_modules), core.SVELTIA_BUNDLE)]
    return list(core.sveltia_files(node_modules))


def write_if_changed(path: Path, text: str) -> None:
    """Write ``text`` unless the file already holds it (a 2 MB bundle, rewritten on every build otherwise)."""
    data = text.encode("utf-8")
    if path.is_file() and path.stat().st_size == len(data) and path.read_bytes() == data:
        return
    path.unlink(missing_ok=True)
    path.write_bytes(data)


def vendor(source: Path, destination: Path) -> None:
    """Hard-link ``source`` into the output (megabytes per build cost nothing), copying across filesystems."""
    destination.parent.mkdir(parents=True, exist_ok=True)
    if destination.exists():
        if destination.samefile(source):
            return
        destination.unlink()
    try:
        os.link(source, destination)
    except OSError:
        shutil.copy2(source, destination)
