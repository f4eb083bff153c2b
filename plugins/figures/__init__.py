"""Photos with captions: Markdown figure syntax, responsive variants, privacy, clear errors.

Editor syntax (decided 2026-11, see docs/anh-va-chu-thich.md)::

    ![Mô tả ảnh](hoi-nghi-1.jpg)
    /// caption
    Các cộng tác viên thảo luận tại hội nghị. Ảnh: Trọng Hải
    ///

``pymdownx.blocks.caption`` was chosen after trying the alternatives on
Markdown 3.11: it emits a valid ``<figure>`` that keeps the alt text, the caption
may hold emphasis and several lines, and pymdown-extensions is maintained.
markdown-captions 2.1.2 (GPL-3, no release since 2022) nests ``<figure>`` inside
``<p>`` (invalid HTML) and turns the alt text into the caption, leaving the image
with no alt; ``attr_list`` + ``md_in_html`` would have editors type HTML.
``markdown_ext`` tidies what the caption block produces (see its docstring); the
photo path may be written plainly (``hoi-nghi-1.jpg``) or as ``{static}hoi-nghi-1.jpg``.

Image pipeline: written here rather than using pelican-image-process 3.4.0,
which was installed and read in a throwaway venv. It rewrites the *written*
HTML files (BeautifulSoup at run time), only touches ``<img class="image-process-…">``
(editors would have to add classes), needs the originals copied to the output,
caches by mtime (a fresh checkout re-encodes everything), does not apply EXIF
orientation or convert to sRGB, runs in one process, has no pixel limit of its
own, and only warns and skips on a missing or unreadable photo; EXIF copying
shells out to exiftool through a module-level singleton.

This plugin checks every photo from its header before decoding (path confined to
the article folder, size, format, ``FIGURES_MAX_PIXELS``), encodes AVIF + WebP +
JPEG variants in parallel into a content-hash cache (the same photo in many
folders is encoded once; a warm rebuild encodes nothing and does not re-read an
unchanged photo), strips all metadata, never publishes originals unless
``FIGURES_PUBLISH_ORIGINALS`` asks (then stripped too), and sets
``article.cover`` (a ``core.Picture`` with card crops and the 1200×630 Open Graph
JPEG) for the theme's ``partials/picture.html``, which writes it with the same
``core.picture_html`` as body photos (the ``picture`` template global).
"""

from pelican import signals

from plugins.figures import hooks
from plugins.figures.settings import Settings


def register() -> None:
    signals.initialized.connect(Settings.check)  # a bad or misspelt setting stops the build at start
    signals.initialized.connect(hooks.replace_pelican_alt_warning)
    signals.generator_init.connect(hooks.add_picture_global)
    signals.content_object_init.connect(hooks.rewrite_photos)
    signals.static_generator_finalized.connect(hooks.unpublish_originals)
    signals.all_generators_finalized.connect(hooks.encode_and_publish)
