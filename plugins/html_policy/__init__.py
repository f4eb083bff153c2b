"""The body-HTML policy: what markup an article may publish.

Editors write Markdown; Markdown lets raw HTML through. Everything an article
publishes (body and summary) is cleaned with nh3 (the maintained Rust
``ammonia`` sanitiser) against an allowlist: text formatting, links, lists,
tables, quotes, figures and responsive pictures. Scripts, event handlers,
``javascript:`` URLs, iframes, forms and inline styles are removed. Titles are
turned into plain text (typogrify makes them HTML); titles, tags, authors and
other metadata are escaped by Jinja's autoescape in the templates, so no
template may use ``|safe`` on them.

Cleaning runs on every build, also for articles Pelican's content cache
serves, so cleaned HTML is remembered in ``CACHE_PATH`` under a digest of the
input and of the policy (``hooks.BuildPolicy``).
"""

from pelican import signals

from plugins.html_policy import hooks
from plugins.html_policy.settings import Settings


def register() -> None:
    signals.initialized.connect(Settings.check)  # a bad or misspelt setting stops the build at start
    signals.content_object_init.connect(hooks.clean_content)
    signals.all_generators_finalized.connect(hooks.save_memo)
