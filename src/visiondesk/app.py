"""``visiondesk`` with no subcommand: open the desktop window (or render it to a PNG).

Parsing and the no-display check happen before Qt is imported, so a headless machine gets a
plain explanation instead of a Qt abort, and ``--screenshot`` can force the offscreen platform.
"""

from __future__ import annotations

import argparse
import os
import sys

NO_DISPLAY_HELP = """\
VisionDesk cannot open its window: there is no display (DISPLAY and WAYLAND_DISPLAY are unset).

  * Render the window to an image instead:
        visiondesk --screenshot window.png [IMAGE...] [--model M]
  * Or analyse images from the command line:
        visiondesk analyze IMAGE --prompt "What does this say?"
  * Or start it under a virtual display: xvfb-run visiondesk
"""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="visiondesk",
        description="Open the VisionDesk window with these images loaded and these models checked.")
    parser.add_argument("sources", nargs="*", metavar="SOURCE",
                        help="image files or http(s) URLs to load")
    parser.add_argument("--provider", metavar="NAME", help="provider name or id to select")
    parser.add_argument("--model", "-m", action="append", default=[], metavar="M",
                        help="model to check (repeat to compare several)")
    parser.add_argument("--screenshot", metavar="PATH",
                        help="render the window offscreen after loading, save a PNG and exit")
    parser.add_argument("--lang", choices=["en", "zh_CN"],
                        help="interface language (default: settings, else the system locale)")
    parser.add_argument("--size", default="1360x840", metavar="WxH",
                        help="window size for --screenshot (default 1360x840)")
    parser.add_argument("--run", action="store_true",
                        help="with --screenshot: run the checked models before the picture is "
                             "taken (Local OCR needs no network)")
    return parser


# Libraries Qt's X11 (xcb) platform plugin needs that minimal Linux installs lack; without them
# Qt aborts with a core dump, so we look first and say what to install.
_XCB_LIBRARIES = {
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
}


def missing_x11_packages() -> list[str]:
    """Debian package names of the X11 libraries Qt will need but cannot load, if Qt will use X11."""
    uses_xcb = os.environ.get("QT_QPA_PLATFORM", "xcb") == "xcb" and not os.environ.get("WAYLAND_DISPLAY")
    if not (sys.platform.startswith("linux") and os.environ.get("DISPLAY") and uses_xcb):
        return []
    import ctypes

    missing = []
    for library, package in _XCB_LIBRARIES.items():
        try:
            ctypes.CDLL(library)
        except OSError:
            missing.append(package)
    return missing


def has_display() -> bool:
    if os.environ.get("QT_QPA_PLATFORM"):
        return True
    if not sys.platform.startswith("linux"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(sys.argv[1:] if argv is None else argv)
    if args.screenshot:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    elif not has_display():
        print(NO_DISPLAY_HELP, file=sys.stderr)
        return 2
    elif missing := missing_x11_packages():
        print("VisionDesk cannot open its window: Qt needs X11 libraries that are not installed.\n"
              f"  On Debian or Ubuntu: sudo apt install {' '.join(missing)}\n"
              "  (Or use the command line: visiondesk analyze IMAGE)", file=sys.stderr)
        return 2
    # asyncio before Qt: once PySide6 is imported, its __feature__ import hook reads the source
    # file of every module imported after it, and asyncio brings some thirty (~6 ms of start-up).
    import asyncio  # noqa: F401

    from visiondesk.gui.application import run_window

    return run_window(args)


if __name__ == "__main__":
    raise SystemExit(main())
