"""Where VisionDesk keeps its files: platform directories, or one folder when VISIONDESK_HOME is set.

VISIONDESK_HOME exists for tests and portable installs; it keeps every file the app writes in
one place so a test can check that none of them holds a key.
"""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "visiondesk"


def _home_override() -> Path | None:
    home = os.environ.get("VISIONDESK_HOME")
    return Path(home) if home else None


def config_dir() -> Path:
    home = _home_override()
    if home:
        return home / "config"
    import platformdirs

    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


def data_dir() -> Path:
    home = _home_override()
    if home:
        return home / "data"
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def state_dir() -> Path:
    home = _home_override()
    if home:
        return home / "state"
    import platformdirs

    return Path(platformdirs.user_state_dir(APP_NAME, appauthor=False))
