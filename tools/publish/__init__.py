"""Atomic publishing: ``python -m tools.publish build`` and ``python -m tools.publish rollback``.

``build`` runs Pelican with publishconf.py (warnings are fatal) into a fresh
folder beside output/ (same filesystem, so the final rename is atomic), runs
the post-build checks of ``plugins.publish_checks`` on it, and only then
swaps it in for output/, keeping the previous build as output.prev/.
A failed build or check leaves output/ exactly as it was; the rejected build
stays in output.failed/ for inspection. ``rollback`` swaps output.prev/ back.

This package is a command, not a Pelican plugin, so it has no ``register()``
and no settings of its own: paths come from the command line (see the
Makefile's ``publish`` and ``rollback`` targets).
"""
