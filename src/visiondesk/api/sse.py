"""A byte-level Server-Sent Events decoder that survives what relays send, and what hostile
servers send.

Lines split on CR, LF or CRLF only, at the byte level, so U+2028/U+2029/U+0085 inside JSON strings
stay intact (``httpx.Response.aiter_lines`` splits on them and corrupts the payload). Comments
(``: ping``) are skipped; ``data:`` works with or without the space; several ``data:`` lines join
with ``\\n``; a blank line dispatches.

The work is linear in the input: only new bytes are scanned for line ends, and an unfinished line
grows in place (a 40 MB line costs one pass, not one re-join per chunk). A line longer than
``max_line`` or an event larger than ``max_event`` raises :class:`SSELimitError`, which carries the
messages decoded before the limit so the caller can keep the partial answer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from visiondesk.core.limits import MAX_SSE_EVENT_BYTES, MAX_SSE_LINE_BYTES

_LINE_END = re.compile(rb"\r\n?|\n")


@dataclass(frozen=True, slots=True)
class SSEMessage:
    event: str
    data: str


class SSELimitError(Exception):
    """A stream line or event passed its size limit.

    ``what`` is ``"line"`` or ``"event"``; ``limit`` the bound in bytes; ``messages`` the complete
    messages decoded from the same chunk before the limit was hit (earlier chunks' messages were
    already returned).
    """

    def __init__(self, what: str, limit: int, messages: list[SSEMessage]) -> None:
        super().__init__(f"the server sent a stream {what} longer than {limit:,} bytes")
        self.what = what
        self.limit = limit
        self.messages = messages


class SSEDecoder:
    __slots__ = ("_buffer", "_data", "_data_bytes", "_event", "_skip_lf", "max_event", "max_line")

    def __init__(self, *, max_line: int = MAX_SSE_LINE_BYTES,
                 max_event: int = MAX_SSE_EVENT_BYTES) -> None:
        self._buffer = bytearray()  # the unfinished last line
        self._data: list[str] = []
        self._data_bytes = 0
        self._event = ""
        self._skip_lf = False  # the previous chunk ended in CR; a leading LF belongs to it
        self.max_line = max_line
        self.max_event = max_event

    def feed(self, chunk: bytes) -> list[SSEMessage]:
        if not chunk:
            return []  # an empty chunk must not forget that the last one ended in CR
        if self._skip_lf and chunk[:1] == b"\n":
            chunk = chunk[1:]
        self._skip_lf = chunk[-1:] == b"\r"
        if b"\n" not in chunk and b"\r" not in chunk:
            # The middle of a long line: no scan needed (the common case for a huge line).
            self._check_line(len(self._buffer) + len(chunk))
            self._buffer += chunk
            return []
        messages: list[SSEMessage] = []
        start = 0
        try:
            for match in _LINE_END.finditer(chunk):
                if self._buffer:
                    self._buffer += chunk[start:match.start()]
                    line = bytes(self._buffer)
                    self._buffer.clear()
                else:
                    line = chunk[start:match.start()]
                start = match.end()
                self._check_line(len(line))
                message = self._line(line)
                if message is not None:
                    messages.append(message)
            if start < len(chunk):
                self._check_line(len(self._buffer) + len(chunk) - start)
                self._buffer += chunk[start:]
        except SSELimitError as exc:
            exc.messages = messages
            raise
        return messages

    def close(self) -> list[SSEMessage]:
        """End of body: a final event without its blank line still counts."""
        messages: list[SSEMessage] = []
        if self._buffer:
            line = bytes(self._buffer)
            self._buffer.clear()
            message = self._line(line)
            if message is not None:
                messages.append(message)
        message = self._line(b"")
        if message is not None:
            messages.append(message)
        return messages

    def _check_line(self, size: int) -> None:
        if size > self.max_line:
            self._buffer.clear()
            raise SSELimitError("line", self.max_line, [])

    def _line(self, line: bytes) -> SSEMessage | None:
        if not line:
            if not self._data:
                self._event = ""
                return None
            message = SSEMessage(self._event, "\n".join(self._data))
            self._data = []
            self._data_bytes = 0
            self._event = ""
            return message
        if line[0] == 0x3A:  # ":" starts a comment (keep-alive)
            return None
        name, sep, value = line.partition(b":")
        if sep and value[:1] == b" ":
            value = value[1:]
        if name == b"data":
            self._data_bytes += len(value) + 1
            if self._data_bytes > self.max_event:
                self._data, self._data_bytes = [], 0
                raise SSELimitError("event", self.max_event, [])
            self._data.append(value.decode("utf-8", errors="replace"))
        elif name == b"event":
            self._event = value.decode("utf-8", errors="replace")
        return None
