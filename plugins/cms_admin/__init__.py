"""The web editor at ``/admin/``: Sveltia CMS (live site) or Decap CMS (`make cms`), from pinned npm packages.

Why Sveltia on the live site: editors sign in to GitHub with a fine-grained
personal access token, so GitHub Pages needs no OAuth service, ours or anyone
else's; it reads the same ``config.yml`` and ``portal.js`` as Decap. Decap
stays for offline editing (``decap-server`` writes into the checkout), which
Sveltia does not support. See docs/architecture.md, "Web editor".

Every build writes ``admin/index.html``, ``admin/config.yml`` (categories from
content/data/site.toml, repository and branch from its ``[cms]`` table) and the
editor's files from ``node_modules`` (no CDN at runtime), plus ``portal.js``,
which teaches either editor our file format and photo-with-caption syntax.
"""

from pelican import signals

from plugins.cms_admin import hooks
from plugins.cms_admin.settings import Settings


def register() -> None:
    signals.initialized.connect(Settings.check)  # a bad or misspelt setting stops the build at start
    signals.initialized.connect(hooks.check_site_data)
    signals.finalized.connect(hooks.write_admin)
