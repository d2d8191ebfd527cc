"""What an installer sees: the wheel's contents, the icon, the desktop entry and the metainfo."""

from __future__ import annotations

import configparser
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from PIL import Image

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "packaging"
ICONS = ROOT / "resources" / "icons"
APP_ID = "io.github.visiondesk.VisionDesk"
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def test_every_icon_size_is_rendered_at_its_size() -> None:
    assert (ICONS / "visiondesk.svg").read_text(encoding="utf-8").lstrip().startswith("<?xml")
    for size in ICON_SIZES:
        with Image.open(ICONS / f"visiondesk-{size}.png") as image:
            assert image.size == (size, size)
            assert image.mode == "RGBA"  # rounded corners need transparency


def _desktop_entry() -> configparser.ConfigParser:
    entry = configparser.ConfigParser(interpolation=None, strict=True)
    entry.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    entry.read(PACKAGING / f"{APP_ID}.desktop", encoding="utf-8")
    return entry


def test_the_desktop_entry_opens_files_offers_capture_and_names_our_icon() -> None:
    entry = _desktop_entry()
    main = entry["Desktop Entry"]
    assert main["Exec"] == "visiondesk %F" and main["Icon"] == APP_ID
    assert main["Actions"].rstrip(";") == "capture"
    assert entry["Desktop Action capture"]["Name"] == "Capture text"
    assert entry["Desktop Action capture"]["Exec"] == "visiondesk capture"


@pytest.mark.skipif(shutil.which("desktop-file-validate") is None, reason="apt-get install desktop-file-utils")
def test_the_desktop_entry_validates() -> None:
    proc = subprocess.run(["desktop-file-validate", str(PACKAGING / f"{APP_ID}.desktop")],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0 and proc.stdout.strip() == "", proc.stdout + proc.stderr


@pytest.mark.skipif(shutil.which("appstreamcli") is None, reason="apt-get install appstream")
def test_the_metainfo_validates() -> None:
    proc = subprocess.run(["appstreamcli", "validate", "--no-net", str(PACKAGING / f"{APP_ID}.metainfo.xml")],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_the_metainfo_lists_exactly_the_current_screenshots() -> None:
    text = (PACKAGING / f"{APP_ID}.metainfo.xml").read_text(encoding="utf-8")
    listed = re.findall(r"<image>[^<]*/docs/([^<]+\.png)</image>", text)
    assert sorted(listed) == sorted(p.name for p in (ROOT / "docs").glob("*.png"))


def test_install_desktop_puts_entry_icons_and_metainfo_under_a_prefix(tmp_path: Path) -> None:
    proc = subprocess.run(["bash", str(PACKAGING / "install-desktop.sh"), str(tmp_path)],
                          capture_output=True, text=True, timeout=60,
                          env={"PATH": "/usr/bin:/bin", "VISIONDESK_EXEC": "/opt/vd/visiondesk"})
    assert proc.returncode == 0, proc.stderr
    entry = (tmp_path / "share/applications" / f"{APP_ID}.desktop").read_text(encoding="utf-8")
    assert "Exec=/opt/vd/visiondesk %F" in entry and "Exec=/opt/vd/visiondesk capture" in entry
    for size in ICON_SIZES:
        assert (tmp_path / f"share/icons/hicolor/{size}x{size}/apps/{APP_ID}.png").is_file()
    assert (tmp_path / f"share/icons/hicolor/scalable/apps/{APP_ID}.svg").is_file()
    assert (tmp_path / f"share/metainfo/{APP_ID}.metainfo.xml").is_file()


def test_the_wheel_ships_every_package_and_resource_without_setuptools_warnings(tmp_path: Path) -> None:
    # A real build, as `pip install .` does it (isolated: the build backend comes from PyPI), from
    # a copy so the build's own folders never land in the working tree.
    source = tmp_path / "source"
    ignore = shutil.ignore_patterns("__pycache__", "*.egg-info")
    for name in ("src", "resources"):  # copytree follows src/visiondesk/resources, the symlink
        shutil.copytree(ROOT / name, source / name, ignore=ignore)
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source / name)
    proc = subprocess.run([sys.executable, "-m", "pip", "wheel", "-v", "--no-deps", "-w", str(tmp_path), str(source)],
                          capture_output=True, text=True, timeout=600)
    if proc.returncode != 0 and "No matching distribution found for setuptools" in proc.stdout + proc.stderr:
        pytest.skip("no package index reachable for the build backend")
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    warnings = [line for line in (proc.stdout + proc.stderr).splitlines()
                if "Warning" in line and "byte-compiling is disabled" not in line]
    assert warnings == []
    wheel = next(tmp_path.glob("visiondesk-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    packages = {str(p.parent.relative_to(ROOT / "src")) for p in (ROOT / "src/visiondesk").rglob("__init__.py")}
    for package in packages:  # every package under src/, including ones nobody listed
        assert f"{package}/__init__.py" in names, package
    assert "visiondesk/resources/translations/visiondesk_zh_CN.qm" in names
    assert "visiondesk/resources/samples/receipt.png" in names
    assert "visiondesk/resources/icons/visiondesk.svg" in names
    for size in ICON_SIZES:
        assert f"visiondesk/resources/icons/visiondesk-{size}.png" in names


def test_an_editable_install_prints_no_setuptools_warning(tmp_path: Path) -> None:
    # `pip install -e .` as the README says, into a new environment (the package alone: --no-deps).
    subprocess.run([sys.executable, "-m", "venv", str(tmp_path / "venv")], check=True, timeout=120)
    pip = tmp_path / "venv" / "bin" / "pip"
    proc = subprocess.run([str(pip), "install", "-q", "--no-deps", "-e", str(ROOT)], capture_output=True,
                          text=True, timeout=600)
    if proc.returncode != 0 and "No matching distribution found for setuptools" in proc.stdout + proc.stderr:
        pytest.skip("no package index reachable for the build backend")
    assert proc.returncode == 0, proc.stderr[-3000:]
    output = proc.stdout + proc.stderr
    for sign in ("BuildBackendWarning", "SetuptoolsDeprecationWarning", "setuptools", "!!"):
        assert sign not in output, output[-3000:]
    check = subprocess.run([str(tmp_path / "venv" / "bin" / "python"), "-c",
                            "import importlib.resources as r;"
                            "print(r.files('visiondesk.resources').joinpath('icons/visiondesk-16.png').is_file())"],
                           capture_output=True, text=True, timeout=60)
    assert check.stdout.strip() == "True", check.stderr
