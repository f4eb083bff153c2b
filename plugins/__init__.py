"""The portal's Pelican plugins: one package per responsibility.

Each package follows the same shape (see docs/architecture.md):
``__init__.py`` (``register()`` only connects signals), ``settings.py`` (prefixed
defaults), ``core.py`` (plain Python, no Pelican import, unit-tested) and
``hooks.py`` (turns Pelican objects into core calls and back).
"""
