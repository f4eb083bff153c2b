"""Entry point for ``python -m plugins.content_checks``."""

from plugins.content_checks.cli import main

raise SystemExit(main())
