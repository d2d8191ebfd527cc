"""Regenerate the Chinese catalogue from the sources and compile it.

    .venv/bin/python -m tools.translations          # update the .ts, merge pending-*.tsv, compile
    .venv/bin/python -m tools.translations --check  # exit 1 if a source string is untranslated

Steps: ``pyside6-lupdate`` scans ``src/visiondesk/gui/**.py`` and ``tools/docs_demo.py`` into
``resources/translations/visiondesk_zh_CN.ts`` keeping obsolete entries; a string whose
translation context moved (a class renamed or split) comes back untranslated under its new
context while the old entry turns obsolete, so its translation is carried over to the identical
source text. Lines of ``pending-*.tsv`` (``context<TAB>English<TAB>中文``, written by whoever
added the strings) are merged in. Obsolete entries are then dropped, lupdate normalises the file
once more, and ``pyside6-lrelease`` compiles the ``.qm`` the app loads. Prints what is still
untranslated and which pending lines matched nothing.
"""

from __future__ import annotations

import argparse
import logging
import os
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

from tools.tr_extract import Found, scan

log = logging.getLogger("translations")

ROOT = Path(__file__).resolve().parents[1]
TRANSLATIONS = ROOT / "resources" / "translations"
TS = TRANSLATIONS / "visiondesk_zh_CN.ts"
QM = TRANSLATIONS / "visiondesk_zh_CN.qm"
BIN = Path(sys.executable).parent
HEADER = '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n'
GONE = {"obsolete", "vanished"}


def sources() -> list[Path]:
    gui = ROOT / "src" / "visiondesk" / "gui"
    return [*sorted(gui.rglob("*.py")), ROOT / "tools" / "docs_demo.py"]


def lupdate(ts: Path = TS) -> None:
    files = [str(p.relative_to(ROOT)) for p in sources()]
    subprocess.run([str(BIN / "pyside6-lupdate"), "-silent", *files, "-ts", str(ts)],
                   cwd=ROOT, check=True)


def lrelease() -> None:
    subprocess.run([str(BIN / "pyside6-lrelease"), "-silent", str(TS), "-qm", str(QM)],
                   cwd=ROOT, check=True)


@dataclass
class Report:
    carried: int = 0
    pending: int = 0
    unmatched: list[str] = field(default_factory=list)
    untranslated: list[str] = field(default_factory=list)


def _messages(root: ET.Element) -> list[tuple[str, ET.Element]]:
    return [(ctx.findtext("name") or "", msg)
            for ctx in root.iter("context") for msg in ctx.iter("message")]


def _translation(msg: ET.Element) -> ET.Element:
    element = msg.find("translation")
    if element is None:
        element = ET.SubElement(msg, "translation")
    return element


def _set(msg: ET.Element, text: str) -> None:
    element = _translation(msg)
    element.text = text
    element.attrib.pop("type", None)  # finished


def add_found(root: ET.Element, found: list[Found], misread: set[tuple[str, str]]) -> None:
    """Put the strings only tools/tr_extract.py sees into the tree; drop lupdate's misreadings."""
    contexts: dict[str, ET.Element] = {
        ctx.findtext("name") or "": ctx for ctx in root.iter("context")}
    for context in contexts.values():
        for wrong in list(context.findall("message")):
            if (wrong.findtext("source") or "", wrong.findtext("comment") or "") in misread:
                context.remove(wrong)
    for item in found:
        if item.context not in contexts:
            contexts[item.context] = ET.SubElement(root, "context")
            ET.SubElement(contexts[item.context], "name").text = item.context
        ctx = contexts[item.context]
        msg = next((m for m in ctx.findall("message")
                    if m.findtext("source") == item.source
                    and (m.findtext("comment") or "") == item.comment
                    and _translation(m).get("type") not in GONE), None)
        if msg is None:
            msg = ET.SubElement(ctx, "message")
            ET.SubElement(msg, "source").text = item.source
            if item.comment:
                ET.SubElement(msg, "comment").text = item.comment
            ET.SubElement(msg, "translation", type="unfinished")
        location = ET.Element("location", filename=os.path.relpath(item.path, TRANSLATIONS),
                              line=str(item.line))
        msg.insert(len(msg.findall("location")), location)


def _escape(text: str) -> str:
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;").replace("'", "&apos;"))


def serialise(root: ET.Element) -> str:
    """The tree in lupdate's own layout (contexts sorted), so diffs show only real changes."""
    attributes = "".join(f' {k}="{_escape(v)}"' for k, v in root.attrib.items())
    lines = [HEADER.rstrip("\n"), f"<TS{attributes}>"]
    for ctx in sorted(root.findall("context"), key=lambda c: c.findtext("name") or ""):
        lines += ["<context>", f"    <name>{_escape(ctx.findtext('name') or '')}</name>"]
        for msg in ctx.findall("message"):
            extra = "".join(f' {k}="{_escape(v)}"' for k, v in msg.attrib.items())
            lines.append(f"    <message{extra}>")
            for child in msg:
                attrs = "".join(f' {k}="{_escape(v)}"' for k, v in child.attrib.items())
                if child.tag == "location":
                    lines.append(f"        <location{attrs}/>")
                else:
                    text = _escape(child.text or "")
                    lines.append(f"        <{child.tag}{attrs}>{text}</{child.tag}>")
            lines.append("    </message>")
        lines.append("</context>")
    lines.append("</TS>")
    return "\n".join(lines) + "\n"


def read_pending(paths: list[Path]) -> dict[tuple[str, str], str]:
    pending: dict[tuple[str, str], str] = {}
    for path in paths:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            parts = line.split("\t")
            if len(parts) != 3:
                log.warning("%s:%d: expected context<TAB>English<TAB>中文", path.name, number)
                continue
            context, english, chinese = parts
            # A translator writes "\n" for a line break inside one TSV line.
            pending[(context, english.replace("\\n", "\n"))] = chinese.replace("\\n", "\n")
    return pending


def merge(root: ET.Element, pending: dict[tuple[str, str], str]) -> Report:
    report = Report()
    live: list[tuple[str, ET.Element]] = []
    by_context: dict[tuple[str, str], str] = {}
    by_source: dict[str, str] = {}
    for context, msg in _messages(root):
        source = msg.findtext("source") or ""
        element = msg.find("translation")
        text = element.text if element is not None else None
        kind = element.get("type") if element is not None else None
        if (kind in GONE or kind is None) and text:
            by_context.setdefault((context, source), text)
            by_source.setdefault(source, text)
        if kind not in GONE:
            live.append((context, msg))
    used: set[tuple[str, str]] = set()
    for context, msg in live:
        source = msg.findtext("source") or ""
        if (context, source) in pending:
            _set(msg, pending[(context, source)])
            used.add((context, source))
            report.pending += 1
            continue
        element = _translation(msg)
        if element.get("type") == "unfinished":
            kept = by_context.get((context, source))  # e.g. a _tr() string lupdate dropped
            carried = kept or by_source.get(source)
            if carried:
                _set(msg, carried)
                report.carried += kept is None  # count only strings that changed context
            else:
                report.untranslated.append(f"{context}: {source!r}")
    report.unmatched = [f"{c}: {s!r}" for (c, s) in pending if (c, s) not in used]
    for ctx in list(root.iter("context")):
        for msg in list(ctx.findall("message")):
            element = msg.find("translation")
            if element is not None and element.get("type") in GONE:
                ctx.remove(msg)
        if ctx.find("message") is None:
            root.remove(ctx)
    return report


def regenerate(ts: Path = TS) -> Report:
    """Bring ``ts`` up to date with the sources and the pending files (see the module doc)."""
    lupdate(ts)
    tree = ET.parse(ts)
    found: list[Found] = []
    misread: set[tuple[str, str]] = set()
    for path in sources():
        more, wrong = scan(path)
        found += more
        misread.update(wrong)
    add_found(tree.getroot(), found, misread)
    report = merge(tree.getroot(), read_pending(pending_files()))
    ts.write_text(serialise(tree.getroot()), encoding="utf-8")
    return report


def pending_files() -> list[Path]:
    return sorted(TRANSLATIONS.glob("pending-*.tsv"))


def untranslated() -> list[str]:
    """What a regeneration would leave untranslated, worked out on a copy (nothing changes).
    Locations in a copy elsewhere would differ, so the copy sits next to the real file."""
    with tempfile.NamedTemporaryFile(suffix=".ts", dir=TRANSLATIONS, delete=False) as copy:
        path = Path(copy.name)
    try:
        shutil.copyfile(TS, path)
        return regenerate(path).untranslated
    finally:
        path.unlink(missing_ok=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true",
                        help="change nothing; exit 1 when a string in the sources has no "
                             "translation (in the .ts or a pending file)")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    if args.check:
        missing = untranslated()
        for line in missing:
            log.info("untranslated  %s", line)
        return 1 if missing else 0
    report = regenerate()
    lrelease()
    log.info("carried over %d moved translations; merged %d pending lines from %s",
             report.carried, report.pending, ", ".join(p.name for p in pending_files()) or "none")
    for line in report.unmatched:
        log.info("pending line matches no string in the sources  %s", line)
    for line in report.untranslated:
        log.info("untranslated  %s", line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
