"""Video and photo stories on article pages.

``Video:`` takes a YouTube or Facebook address or an MP4 beside the article
(``Captions:`` a WebVTT file for it, ``Transcript:`` the spoken text). The page
shows a local poster and loads the provider's player only when the reader
clicks (theme/static/js/video.js), so opening the page makes no third-party
request. ``Kind: photo-story`` makes an article a photo story: its captioned
photos (figures plugin) open in an accessible lightbox (theme/static/js/lightbox.js).
"""

from pelican import signals

from plugins.media_embeds import hooks
from plugins.media_embeds.settings import Settings


def register() -> None:
    signals.initialized.connect(Settings.check)  # a bad or misspelt setting stops the build at start
    signals.generator_init.connect(hooks.add_template_filters)
    signals.content_object_init.connect(hooks.add_media)
