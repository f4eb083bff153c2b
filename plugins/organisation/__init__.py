"""The organisation section ("Giới thiệu"): Giới thiệu chung, Lãnh đạo, Cơ cấu tổ chức, Đảng bộ, chi bộ trực thuộc.

An editor keeps ``content/data/to-chuc.toml`` (history, functions and tasks in
Markdown; leaders with optional portrait and phone; the organisation chart; the
member Party organisations) with portraits beside it. The build checks every
record (``core``: the same function ``make check`` calls), renders the texts through
the project's Markdown and HTML allowlist, has the figures plugin encode the
portraits (metadata stripped), and writes four pages under ``/gioi-thieu/``.
The member organisations, each with a stable ASCII slug, are the registry a
``Unit:`` taxonomy of articles can use (``core.Organisation.registry``).
"""

from pelican import signals

from plugins.organisation import hooks
from plugins.organisation.settings import Settings


def register() -> None:
    signals.initialized.connect(Settings.check)  # a bad or misspelt setting stops the build at start
    signals.get_generators.connect(hooks.get_generators)
