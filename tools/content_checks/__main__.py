"""Entry point for ``python -m tools.content_checks``."""

from tools.content_checks.cli import main

raise SystemExit(main())
