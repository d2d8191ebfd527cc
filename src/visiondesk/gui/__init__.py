"""The desktop window: everything that imports PySide6 or qasync lives in this package.

Modules have one job each: ``main_window`` assembles the widgets, ``controller`` is the only
place that starts asyncio tasks, ``result_pane`` shows one model's answer, ``i18n`` loads the
translations. Engine modules (httpx, keyring, SQLite) are imported lazily, after the window is
shown, to keep start-up fast.
"""
