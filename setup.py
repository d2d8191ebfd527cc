"""Package discovery for setuptools; all other metadata lives in pyproject.toml.

Every package under ``src/`` is found (so a new package ships without anyone listing it), and the
top-level ``resources/`` folder ships as ``visiondesk.resources``, its data folders
(``translations``, ``samples``, ``icons``) as namespace packages so setuptools includes their files
without warnings. ``package-dir`` in pyproject.toml maps ``visiondesk.resources`` to ``resources/``.
"""

from setuptools import find_namespace_packages, find_packages, setup

CODE = find_packages("src", include=["visiondesk", "visiondesk.*"])
RESOURCES = ["visiondesk.resources"] + [
    f"visiondesk.resources.{name}"
    for name in find_namespace_packages("resources", exclude=["*__pycache__*"])
]

setup(packages=CODE + RESOURCES)
