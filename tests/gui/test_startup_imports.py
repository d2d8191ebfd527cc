"""The window paints before the engine loads: what the first paint may not import.

A person sees the window sooner when its first paint needs only the widgets; the session layer,
asyncio, SQLite, the PDF page chooser and the Markdown view load after it (or on first use).
Run in a fresh interpreter, the way ``visiondesk`` starts.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from visiondesk.gui.model_picker import ONE_REQUEST
from visiondesk.session.plan import RequestSplit

FIRST_PAINT = """
import json, sys
from visiondesk.cli import _window_sources_error
assert _window_sources_error(["--lang", "en"]) is None  # the path `visiondesk` takes
from visiondesk.app import build_parser
from visiondesk.gui.application import show_window
session = show_window(build_parser().parse_args(["--lang", "en"]))
print(json.dumps(sorted(sys.modules)))
"""

NOT_BEFORE_THE_FIRST_PAINT = (
    "asyncio", "sqlite3", "importlib.resources",
    "visiondesk.cli.common", "visiondesk.session", "visiondesk.api", "visiondesk.store",
    "visiondesk.core.request", "visiondesk.gui.controller", "visiondesk.gui.pdf_pages",
    "visiondesk.gui.answer_view", "visiondesk.gui.history_panel",
)


def test_the_first_paint_loads_no_engine_asyncio_sqlite_pdf_bar_or_markdown(tmp_path: Path) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", VISIONDESK_HOME=str(tmp_path))
    out = subprocess.run([sys.executable, "-c", FIRST_PAINT], env=env, capture_output=True, text=True,
                         timeout=60, check=True).stdout
    loaded = json.loads(out.strip().splitlines()[-1])
    assert "visiondesk.gui.main_window" in loaded  # the window was built
    early = [name for name in loaded
             if any(name == bad or name.startswith(bad + ".") for bad in NOT_BEFORE_THE_FIRST_PAINT)]
    assert early == []


def test_the_picker_restores_one_request_by_the_run_plans_value() -> None:
    assert ONE_REQUEST == RequestSplit.ONE_REQUEST
