"""``make check``: validate all content without building the site.

Run as ``python -m tools.content_checks [content_dir]``. This package is a
command, not a Pelican plugin, so it has no ``register()``: the build already
reports per-file problems through the content_model reader, while this
command adds the cross-file rules (duplicate slugs, dead links, unknown
``Related:``) and the photo rules, and prints every problem at once.
The rules live in ``core`` (no Pelican import); ``cli`` reads the site's
settings and prints.
"""
