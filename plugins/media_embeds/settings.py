"""Defaults of the media_embeds plugin (override any ``MEDIA_EMBEDS_*`` in pelicanconf.py)."""

DEFAULTS = {
    # Local video formats an editor may put beside an article (browsers play MP4/H.264 everywhere).
    "MEDIA_EMBEDS_LOCAL_FORMATS": ("mp4",),
    # A news clip of a few minutes at 720p is 20-60 MB; beyond this, upload to the unit's YouTube channel.
    "MEDIA_EMBEDS_MAX_LOCAL_BYTES": 150 * 1024 * 1024,
}
