"""Vietnamese text: NFC, ASCII slugs, diacritic folding and Vietnamese dates.

Registers Jinja filters (``vi_datetime``, ``vi_date``, ``vi_month``, ``fold``)
for every generator's template environment.
"""

from pelican import signals

from plugins.vi_text import hooks
from plugins.vi_text.settings import Settings


def register() -> None:
    signals.initialized.connect(Settings.check)  # a bad or misspelt setting stops the build at start
    signals.generator_init.connect(hooks.add_jinja_filters)
