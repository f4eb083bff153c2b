"""Entry point for ``python -m tools.editor_tools``."""

from tools.editor_tools.cli import main

raise SystemExit(main())
