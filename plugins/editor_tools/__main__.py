"""Entry point for ``python -m plugins.editor_tools``."""

from plugins.editor_tools.cli import main

raise SystemExit(main())
