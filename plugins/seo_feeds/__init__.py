"""What search engines, feed readers and social networks read: SEO meta, JSON-LD, robots.txt, sitemap.xml.

Templates get filters for the canonical address, the Open Graph image and a
schema.org ``NewsArticle`` (theme/templates/partials/seo_meta.html renders
them with a Content-Security-Policy that allows no third-party origin); after
the build, robots.txt and, with an absolute SITEURL, sitemap.xml are written.
Feeds themselves are Pelican's (FEED_* in publishconf.py).

Why not pelican-seo 1.4.0: it refuses to build with an empty SITEURL (every
development build), crashes on an article without an author (upstream issue
seo#60) and writes seo_report.html into the working directory. Why not
pelican-sitemap 1.2.2: it stamps every index page's <lastmod> with the build
time (``datetime.now()``, naive, printed as "-00:00"), so two builds of one
commit differ; it also keeps its state in a module-level singleton. Our
sitemap lists every page that declares a canonical address, with the
article's own modification date.
"""

from pelican import signals

from plugins.seo_feeds import hooks
from plugins.seo_feeds.settings import Settings


def register() -> None:
    signals.initialized.connect(Settings.check)  # a bad or misspelt setting stops the build at start
    signals.generator_init.connect(hooks.add_template_helpers)
    signals.finalized.connect(hooks.write_robots_and_sitemap)
