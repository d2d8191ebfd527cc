"""A byte-level Server-Sent Events decoder that survives what relays send.

Lines split on CR, LF or CRLF only, at the byte level, so U+2028/U+2029/U+0085 inside JSON strings
stay intact (``httpx.Response.aiter_lines`` splits on them and corrupts the payload). Comments
(``: ping``) are skipped; ``data:`` works with or without the space; several ``data:`` lines join
with ``\\n``; a blank line dispatches.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class SSEMessage:
    event: str
    data: str


class SSEDecoder:
    __slots__ = ("_buffer", "_data", "_event", "_skip_lf")

    def __init__(self) -> None:
        self._buffer = b""
        self._data: list[str] = []
        self._event = ""
        self._skip_lf = False  # the previous chunk ended in CR; a leading LF belongs to it

    def feed(self, chunk: bytes) -> list[SSEMessage]:
        if self._skip_lf and chunk[:1] == b"\n":
            chunk = chunk[1:]
        self._skip_lf = chunk[-1:] == b"\r"
        buffer = self._buffer + chunk if self._buffer else chunk
        # bytes.splitlines splits on \r, \n and \r\n only (unlike str.splitlines).
        lines = buffer.splitlines(keepends=True)
        if lines and not lines[-1].endswith((b"\n", b"\r")):
            self._buffer = lines.pop()
        else:
            self._buffer = b""
        messages: list[SSEMessage] = []
        for raw in lines:
            message = self._line(raw.rstrip(b"\r\n"))
            if message is not None:
                messages.append(message)
        return messages

    def close(self) -> list[SSEMessage]:
        """End of body: a final event without its blank line still counts."""
        messages: list[SSEMessage] = []
        if self._buffer:
            line, self._buffer = self._buffer, b""
            message = self._line(line)
            if message is not None:
                messages.append(message)
        message = self._line(b"")
        if message is not None:
            messages.append(message)
        return messages

    def _line(self, line: bytes) -> SSEMessage | None:
        if not line:
            if not self._data:
                self._event = ""
                return None
            message = SSEMessage(self._event, "\n".join(self._data))
            self._data = []
            self._event = ""
            return message
        if line[0] == 0x3A:  # ":" starts a comment (keep-alive)
            return None
        name, sep, value = line.partition(b":")
        if sep and value[:1] == b" ":
            value = value[1:]
        if name == b"data":
            self._data.append(value.decode("utf-8", errors="replace"))
        elif name == b"event":
            self._event = value.decode("utf-8", errors="replace")
        return None
