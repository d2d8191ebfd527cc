"""``python -m visiondesk``: the same entry point as the ``visiondesk`` command."""

from visiondesk.cli import main

raise SystemExit(main())
