"""The web editor at ``/admin/``: Decap CMS from the pinned npm package, configured for our content model.

Every build writes ``admin/index.html``, ``admin/config.yml`` (categories from
content/data/site.toml) and the Decap bundle from ``node_modules`` (no CDN at
runtime), plus ``portal.js``, which teaches Decap our photo-with-caption syntax.
"""

from pelican import signals

from plugins.cms_admin import hooks


def register() -> None:
    signals.finalized.connect(hooks.write_admin)
