"""The portal's content model: reading, validating and normalising editors' files.

Replaces Pelican's Markdown reader with one that decodes strictly (UTF-8), NFC-normalises,
checks metadata against the schema in ``core`` and reports every problem as
``file:line: message`` in Vietnamese; loads the site data file (categories, identity:
an incomplete identity is a warning, fatal in production);
and drops sample articles when ``CONTENT_MODEL_INCLUDE_SAMPLES`` is off.
"""

from pelican import signals

from plugins.content_model import hooks
from plugins.content_model.settings import Settings


def register() -> None:
    hooks.report_content_errors_plainly()  # before any initialized receiver can refuse a setting
    signals.initialized.connect(Settings.check)  # a bad or misspelt setting stops the build at start
    signals.readers_init.connect(hooks.install_reader)
    signals.generator_init.connect(hooks.expose_site_data)
    signals.article_generator_pretaxonomy.connect(hooks.drop_samples_if_disabled)
    signals.all_generators_finalized.connect(hooks.report_incomplete_identity)
