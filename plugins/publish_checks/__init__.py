"""Guards that keep a bad commit from reaching the live site.

Before anything is read (``initialized``): HTML, SVG, XML and script files in
the editors' folders are refused (stored XSS on the portal's origin; see
``core.active_content_files`` for the rule).

Before anything is written (``all_generators_finalized``): two contents
claiming one output path (also when the paths differ only by diacritics or
case) stop the build naming both files; content or links reaching outside
content/ are refused naming the file and line; articles that are not being
published (drafts, hidden ones in production, samples when they are off,
future-dated ones) do not get their photos copied either.

After the build, ``core.check_output`` inspects the finished output folder
(links, leaks, HTML sanity); ``python -m tools.publish build`` runs it
before swapping the new build in.
"""

from pelican import signals

from plugins.publish_checks import hooks
from plugins.publish_checks.settings import Settings


def register() -> None:
    signals.initialized.connect(Settings.check)  # a bad or misspelt setting stops the build at start
    signals.initialized.connect(hooks.refuse_active_content)
    signals.content_object_init.connect(hooks.refuse_escaping_references)
    signals.all_generators_finalized.connect(hooks.guard_before_writing)
