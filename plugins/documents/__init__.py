"""Documents ("Văn bản"): resolutions, directives and plans with their attached PDF/DOCX.

An editor adds ``content/van-ban/YYYY/<slug>/index.md`` (number/symbol, type,
issuing body, issue and effective dates, summary) with the attachment beside it.
The build checks the metadata (number format, dates in order, the attachment
exists), strips personal metadata from the attachment, publishes it under a
content-hash name, and writes ``/van-ban/`` with one static page per type and
per year, a detail page per document, and the newest ones for the home page.

Files that articles and pages link with ``{attach}``/``{static}`` (PDF, DOCX) go
through the same sanitiser on their way out (``hooks.LinkedFilesGenerator``);
Office files it cannot clean, archives and programs are refused
(``core.linked_file_bytes``, also called by ``make check``).
"""

from pelican import signals

from plugins.documents import hooks
from plugins.documents.settings import Settings


def register() -> None:
    signals.initialized.connect(Settings.check)  # a bad or misspelt setting stops the build at start
    signals.get_generators.connect(hooks.get_generators)
    signals.article_generator_finalized.connect(hooks.spell_links_as_on_disk)
    signals.page_generator_finalized.connect(hooks.spell_links_as_on_disk)
    signals.static_generator_finalized.connect(hooks.relocate_attachments)
