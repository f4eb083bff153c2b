"""Vietnamese text: NFC, ASCII slugs, diacritic folding and Vietnamese dates.

Registers Jinja filters (``vi_datetime``, ``vi_date``, ``vi_month``, ``fold``)
for every generator's template environment, and the check that makes a UI string
missing from ``macros/i18n.html`` stop the build (``plugins/common/theme_strings.py``).
"""

from pelican import signals

from plugins.vi_text import hooks
from plugins.vi_text.settings import Settings


def register() -> None:
    signals.initialized.connect(Settings.check)  # a bad or misspelt setting stops the build at start
    signals.generator_init.connect(hooks.add_jinja_filters)
    signals.generator_init.connect(hooks.check_theme_strings)
    signals.all_generators_finalized.connect(hooks.stop_on_swallowed_theme_string)
