"""Pages rendered on every core, and only the pages whose inputs changed.

* Pelican's writer renders each page the moment a generator asks for it. Ours
  collects the requests and, once every generator has asked (``finalized``,
  before the sitemap and admin plugins run), renders them in forked processes,
  one per core. Nothing is written before then, so a build that fails while
  generating leaves the output folder as it was.
* Each page gets a signature of everything its templates can read
  (``core.Digester``); a page whose signature and file are those the previous
  build recorded is not rendered again, and pages the previous build wrote but
  this one does not (an article withdrawn) are deleted. A warm build's output is
  the cold build's, byte for byte (tests/site/test_warm_build.py).
* Jinja's compiled templates are kept in CACHE_PATH (Jinja's own bytecode cache).
* The theme's ``{% memo %}`` tag (``fragments``) renders a fragment shown on many
  pages, such as a story's card, once per build.
"""

from pelican import signals

from plugins.page_writer import hooks
from plugins.page_writer.settings import Settings


def register() -> None:
    signals.initialized.connect(Settings.check)  # a bad or misspelt setting stops the build at start
    signals.generator_init.connect(hooks.keep_compiled_templates)
    signals.generator_init.connect(hooks.add_fragment_memo)
    signals.get_writer.connect(hooks.provide_writer)
    signals.finalized.connect(hooks.write_pending_pages)
