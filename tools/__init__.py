"""The portal's commands, one package each, run as ``python -m tools.<name>`` (the Makefile's targets).

Not Pelican plugins: none has ``register()``. They use the plugins' rules
(``plugins.*.core``) and settings (``plugins.*.settings``); no plugin imports a tool.

- ``content_checks``: ``make check``, every content rule without building.
- ``editor_tools``: ``make new``, ``make remove-samples``.
- ``publish``: ``make publish`` / ``make rollback``, the atomic build, check and swap.
- ``search_index``: the Pagefind index after Pelican (``make html``, ``make publish``).
"""
