"""Editors' command line helpers: ``make new TITLE="…"`` scaffolds an article.

A command, not a Pelican plugin (no ``register()``): run as
``python -m tools.editor_tools new "Tiêu đề"``. The scaffold is plain text
built in ``core``; ``cli`` reads the site's settings and writes the file.
"""
