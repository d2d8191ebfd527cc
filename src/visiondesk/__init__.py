"""VisionDesk: analyse images with vision language models over any OpenAI-compatible API.

The package is split into rooms with one job each (see README "Layout"): ``core`` holds plain
data and pure functions, ``api`` talks HTTP, ``config`` holds providers and keys, ``store`` the
history, ``ocr`` the offline engine, and only ``gui`` imports Qt.
"""

__version__ = "0.1.0"
