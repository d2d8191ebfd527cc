"""Names the window shows for the built-in providers, in the window's language.

The presets' names ("Local OCR (offline)", "Ollama (local)") are stored in English in the
configuration, where they stay: the translation is for display only, looked up each time a name
is shown so a language switch applies. Names people give their own providers are shown as typed.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def _tr(text: str) -> str:
    return QCoreApplication.translate("DisplayNames", text)


def provider_name(name: str) -> str:
    """``name`` as the window shows it: the built-ins' names translated, others unchanged."""
    names = {
        "Local OCR (offline)": _tr("Local OCR (offline)"),
        "Ollama (local)": _tr("Ollama (local)"),
    }
    return names.get(name, name)
