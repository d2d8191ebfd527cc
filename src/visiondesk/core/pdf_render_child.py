"""The child side of :mod:`visiondesk.core.pdf_isolation`: run as
``python -m visiondesk.core.pdf_render_child``, it limits its own memory, reads one request (a
JSON line: path, pages, dpi, name, memory) from stdin and writes one frame per rendered page to
stdout (a JSON header line, then the PNG bytes), or one ``{"error": ...}`` line."""

from __future__ import annotations

import contextlib
import json
import sys
from typing import Any

from visiondesk.core.errors import AnalysisError


def _limit_memory(memory: int) -> None:
    try:
        import resource
    except ImportError:  # Windows: no rlimits; the parent's deadline still applies
        return
    for limit in ("RLIMIT_AS", "RLIMIT_DATA"):
        which = getattr(resource, limit, None)
        if which is not None:
            with contextlib.suppress(ValueError, OSError):
                resource.setrlimit(which, (memory, memory))


def _child_main() -> int:
    request: dict[str, Any] = json.loads(sys.stdin.buffer.readline())
    _limit_memory(int(request["memory"]))
    from visiondesk.core import documents  # after the limit, so its imports count too

    out = sys.stdout.buffer
    try:
        for page in documents.render_pages_in_process(
                request["path"], list(request["pages"]), float(request["dpi"]), name=request["name"]):
            header = {"page": page.page, "width": page.width, "height": page.height, "dpi": page.dpi,
                      "size": len(page.data)}
            out.write(json.dumps(header).encode() + b"\n")
            out.write(page.data)
            out.flush()
    except AnalysisError as exc:
        out.write(json.dumps({"error": {"kind": str(exc.kind), "message": exc.message}}).encode() + b"\n")
        out.flush()
    except MemoryError:
        return 3
    return 0


if __name__ == "__main__":
    sys.exit(_child_main())
