"""Read files shipped under ``resources/`` (translations, icons, samples) with importlib.resources.

In a wheel the folder is the package ``visiondesk.resources``; in a source checkout without an
install mapping it is ``<repo>/resources``. Names with ``..`` or absolute paths are refused, as in
qutebrowser's ``utils/resources.py``.
"""

from __future__ import annotations

import importlib.util
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from importlib.abc import Traversable

_REPO_RESOURCES = Path(__file__).resolve().parents[3] / "resources"


@cache
def resource_root() -> Traversable:
    """The resources folder, from the installed package or else the source checkout.

    A package folder on disk (an install, a checkout) is found from its import spec, without
    loading importlib.resources (~4 ms of the window's start-up); a zipped install goes through
    importlib.resources."""
    try:
        spec = importlib.util.find_spec("visiondesk.resources")
    except (ModuleNotFoundError, ValueError):
        spec = None
    for location in (spec.submodule_search_locations or []) if spec is not None else []:
        folder = Path(location)
        if (folder / "translations").is_dir():
            return folder
    from importlib.resources import files

    try:
        root = files("visiondesk.resources")
    except (ModuleNotFoundError, TypeError):
        return _REPO_RESOURCES
    if root.joinpath("translations").is_dir():
        return root
    return _REPO_RESOURCES


def resource(name: str) -> Traversable:
    """One resource by its ``/``-separated name, e.g. ``translations/visiondesk_zh_CN.qm``."""
    parts = name.split("/")
    if name.startswith("/") or any(part in ("", ".", "..") for part in parts):
        raise ValueError(f"Refusing resource name {name!r}")
    node = resource_root()
    for part in parts:
        node = node.joinpath(part)
    return node


def read_resource(name: str) -> bytes | None:
    """The bytes of a resource, or None when it is not there."""
    node = resource(name)
    try:
        return node.read_bytes() if node.is_file() else None
    except OSError:
        return None
