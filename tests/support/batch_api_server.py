"""A loopback server speaking OpenAI's Batch API (files + batches), for end-to-end tests.

Stdlib only, in the style of ``fault_server.py``: :class:`http.server.ThreadingHTTPServer` on
127.0.0.1 in a daemon thread.

Endpoints: ``POST /v1/files`` (multipart, ``purpose`` + ``file``), ``GET /v1/files/{id}/content``,
``POST /v1/batches``, ``GET /v1/batches/{id}``, ``GET /v1/batches`` (list), plus
``POST /v1/chat/completions`` answering like a batch line would, as whole JSON (for live runs:
:func:`batch_answer`; a ``flaky-json...`` model answers prose to its first request; a
``no-json-schema...`` model answers 400 naming ``response_format`` to a ``json_schema`` request). With
``has_batch_api=False`` every ``/v1/batches`` and ``/v1/files`` path answers 404 ``Invalid URL``;
with ``echo_key_401=True`` every request gets a 401 that repeats the key it was sent.

A batch answers ``validating`` on its first poll, ``in_progress`` until it has been polled
``polls_to_finish`` times, then ``final_status`` (``completed`` by default). When it finishes,
every input line is answered, in *reverse* order (order is not guaranteed by OpenAI, so clients
must map by ``custom_id``):

* model containing ``fail``: an error-file line, ``status_code`` 400 with an OpenAI error envelope
  ``"Invalid image for <custom_id>"``;
* otherwise an output-file line with a ``chat.completion`` (or a ``response`` object for
  ``/v1/responses``) whose text is :func:`batch_answer` of the request, usage included;
* ``final_status="expired"``: only the first half of the lines is answered; the rest go to the
  error file with ``code: batch_expired``, as OpenAI does.

Every request is recorded in :attr:`BatchApiServer.requests` as ``(method, path)``; created
batches in :attr:`BatchApiServer.batches`; uploaded inputs in :attr:`BatchApiServer.files`.
"""

from __future__ import annotations

import email.parser
import email.policy
import json
import re
import threading
import uuid
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any, Self
from urllib.parse import urlsplit


def batch_answer(body: dict[str, Any]) -> str:
    """The answer for one request: the prompt echoed, or JSON when the request asks for it
    (``response_format`` / ``text.format``). Models named ``json-misfit...`` answer JSON that
    fits no receipt schema (``total`` is a string); ``prose...`` models answer prose around
    fenced JSON, as relays without json_schema do."""
    prompt = _prompt_of(body)
    model = str(body.get("model"))
    wants_json = "response_format" in body or "text" in body
    if wants_json and model.startswith("json-misfit"):
        return json.dumps({"merchant": "华联超市", "total": "十二元"}, ensure_ascii=False)
    if wants_json:
        data = json.dumps({"merchant": f"华联超市 {model}", "total": 42.5}, ensure_ascii=False)
        if model.startswith("prose"):
            return f"Here is what I read:\n```json\n{data}\n```\nAnything else?"
        return data
    return f"Batch answer to: {prompt}"


def _prompt_of(body: dict[str, Any]) -> str:
    for message in reversed(body.get("messages") or body.get("input") or []):
        content = message.get("content") if isinstance(message, dict) else None
        if isinstance(content, str):
            return content
        if isinstance(content, list):
            return " ".join(str(p.get("text")) for p in content
                            if isinstance(p, dict) and p.get("type") in ("text", "input_text"))
    return ""


class BatchApiServer:
    def __init__(self, *, has_batch_api: bool = True, polls_to_finish: int = 3, echo_key_401: bool = False,
                 final_status: str = "completed",
                 answer: Callable[[dict[str, Any]], str] = batch_answer) -> None:
        self.has_batch_api = has_batch_api
        self.echo_key_401 = echo_key_401
        self.polls_to_finish = polls_to_finish
        self.final_status = final_status
        self.answer = answer
        self.requests: list[tuple[str, str]] = []
        self.files: dict[str, bytes] = {}
        self.batches: dict[str, dict[str, Any]] = {}
        self.errors: list[str] = []
        self.live_requests: list[dict[str, Any]] = []
        self.live_counts: dict[str, int] = {}
        self._lock = threading.Lock()
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self._httpd.server_address[1]}/v1"

    def __enter__(self) -> Self:
        self._thread.start()
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()

    # ---------------------------------------------------------------------- behaviour

    def handle(self, method: str, path: str, headers: Any, body: bytes) -> tuple[int, Any]:
        with self._lock:
            self.requests.append((method, path))
            if self.echo_key_401:  # as OpenAI does: "Incorrect API key provided: sk-..."
                key = str(headers.get("authorization") or "").removeprefix("Bearer ")
                return 401, _error(f"Incorrect API key provided: {key}.", "invalid_request_error")
            if path.startswith(("/v1/batches", "/v1/files")) and not self.has_batch_api:
                return 404, _error(f"Invalid URL ({method} {path})", "invalid_request_error")
            if method == "POST" and path == "/v1/files":
                return self._upload(headers, body)
            if method == "GET" and (m := re.fullmatch(r"/v1/files/([\w.-]+)/content", path)):
                data = self.files.get(m.group(1))
                return (200, data) if data is not None else (404, _error("No such file"))
            if method == "POST" and path == "/v1/batches":
                return self._create(json.loads(body))
            if method == "GET" and path == "/v1/batches":
                return 200, {"object": "list", "data": list(self.batches.values())[-1:],
                             "has_more": False}
            if method == "GET" and (m := re.fullmatch(r"/v1/batches/([\w.-]+)", path)):
                batch = self.batches.get(m.group(1))
                return (200, self._poll(batch)) if batch else (404, _error("No such batch"))
            if method == "POST" and path == "/v1/chat/completions":
                request = json.loads(body)
                self.live_requests.append(request)
                model = str(request.get("model"))
                wanted = (request.get("response_format") or {}).get("type")
                if model.startswith("no-json-schema") and wanted == "json_schema":  # an older relay
                    return 400, {"error": {
                        "message": "Invalid parameter: 'response_format' of type 'json_schema' is not "
                                   "supported with this model.", "type": "invalid_request_error",
                        "param": "response_format", "code": "unsupported_parameter"}}
                if model.startswith("flaky-json"):  # prose the first time, then fitting JSON
                    self.live_counts[model] = self.live_counts.get(model, 0) + 1
                    if self.live_counts[model] == 1:
                        return 200, _chat_completion(request, lambda _b: "I think it is a receipt.")
                return 200, _chat_completion(request, self.answer)
            return 404, _error(f"Invalid URL ({method} {path})", "invalid_request_error")

    def _upload(self, headers: Any, body: bytes) -> tuple[int, Any]:
        raw = b"Content-Type: " + headers["content-type"].encode() + b"\r\n\r\n" + body
        message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(raw)
        fields: dict[str, bytes] = {}
        for part in message.iter_parts():
            name = part.get_param("name", header="content-disposition")
            fields[str(name)] = part.get_payload(decode=True) or b""
        if fields.get("purpose") != b"batch" or "file" not in fields:
            return 400, _error("purpose must be batch and a file is required")
        file_id = f"file-{uuid.uuid4().hex[:12]}"
        self.files[file_id] = fields["file"]
        return 200, {"id": file_id, "object": "file", "bytes": len(fields["file"]), "purpose": "batch"}

    def _create(self, body: dict[str, Any]) -> tuple[int, Any]:
        if body.get("input_file_id") not in self.files:
            return 400, _error("input_file_id not found")
        if body.get("endpoint") not in ("/v1/chat/completions", "/v1/responses"):
            return 400, _error("unsupported endpoint")
        batch_id = f"batch_{uuid.uuid4().hex[:12]}"
        lines = self.files[body["input_file_id"]].splitlines()
        self.batches[batch_id] = {
            "id": batch_id, "object": "batch", "endpoint": body["endpoint"], "status": "validating",
            "input_file_id": body["input_file_id"], "output_file_id": None, "error_file_id": None,
            "completion_window": body.get("completion_window"), "errors": None,
            "request_counts": {"total": len(lines), "completed": 0, "failed": 0}, "_polls": 0}
        return 200, _public(self.batches[batch_id])

    def _poll(self, batch: dict[str, Any]) -> dict[str, Any]:
        batch["_polls"] += 1
        if batch["status"] in ("completed", "failed", "expired", "cancelled"):
            return _public(batch)
        if batch["_polls"] >= self.polls_to_finish:
            self._finish(batch)
        elif batch["_polls"] > 1:
            batch["status"] = "in_progress"
        return _public(batch)

    def _finish(self, batch: dict[str, Any]) -> None:
        lines = [json.loads(line) for line in self.files[batch["input_file_id"]].splitlines()]
        answered = lines if self.final_status != "expired" else lines[: len(lines) // 2]
        out: list[str] = []
        err: list[str] = []
        for item in lines:
            custom_id, body = item["custom_id"], item["body"]
            if item not in answered:
                err.append(json.dumps({"id": f"req_{custom_id}", "custom_id": custom_id, "response": None,
                                       "error": {"code": "batch_expired",
                                                 "message": "This request could not be executed before the completion window expired."}}))
            elif "fail" in str(body.get("model")):
                err.append(json.dumps({"id": f"req_{custom_id}", "custom_id": custom_id, "error": None,
                                       "response": {"status_code": 400, "request_id": "r",
                                                    "body": _error(f"Invalid image for {custom_id}")}}))
            else:
                payload = (_response_object(body, self.answer) if item["url"] == "/v1/responses"
                           else _chat_completion(body, self.answer))
                out.append(json.dumps({"id": f"req_{custom_id}", "custom_id": custom_id, "error": None,
                                       "response": {"status_code": 200, "request_id": "r",
                                                    "body": payload}}, ensure_ascii=False))
        for name, rows in (("output_file_id", out), ("error_file_id", err)):
            if rows:
                file_id = f"file-{uuid.uuid4().hex[:12]}"
                self.files[file_id] = ("\n".join(reversed(rows)) + "\n").encode()
                batch[name] = file_id
        batch["status"] = self.final_status
        batch["request_counts"] = {"total": len(lines), "completed": len(out), "failed": len(err)}


def _public(batch: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in batch.items() if not k.startswith("_")}


def _usage(text: str) -> dict[str, int]:
    words = len(text.split())
    return {"prompt_tokens": 185, "completion_tokens": words, "total_tokens": 185 + words}


def _chat_completion(body: dict[str, Any], answer: Callable[[dict[str, Any]], str]) -> dict[str, Any]:
    text = answer(body)
    return {"id": f"chatcmpl-{uuid.uuid4().hex[:8]}", "object": "chat.completion",
            "model": body.get("model"), "usage": _usage(text),
            "choices": [{"index": 0, "finish_reason": "stop",
                         "message": {"role": "assistant", "content": text}}]}


def _response_object(body: dict[str, Any], answer: Callable[[dict[str, Any]], str]) -> dict[str, Any]:
    text = answer(body)
    usage = _usage(text)
    return {"id": f"resp_{uuid.uuid4().hex[:8]}", "object": "response", "status": "completed",
            "model": body.get("model"), "error": None,
            "output": [{"type": "message", "role": "assistant",
                        "content": [{"type": "output_text", "text": text, "annotations": []}]}],
            "usage": {"input_tokens": usage["prompt_tokens"], "output_tokens": usage["completion_tokens"],
                      "total_tokens": usage["total_tokens"]}}


def _error(message: str, kind: str = "invalid_request_error") -> dict[str, Any]:
    return {"error": {"message": message, "type": kind, "param": None, "code": None}}


def _handler(server: BatchApiServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: Any) -> None:  # quiet
            pass

        def _serve(self) -> None:
            length = int(self.headers.get("content-length") or 0)
            body = self.rfile.read(length) if length else b""
            try:
                status, payload = server.handle(self.command, urlsplit(self.path).path, self.headers, body)
            except Exception as exc:
                server.errors.append(repr(exc))
                status, payload = 500, _error(f"server bug: {exc!r}", "server_error")
            data = payload if isinstance(payload, bytes) else json.dumps(payload, ensure_ascii=False).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/octet-stream" if isinstance(payload, bytes)
                             else "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        do_GET = _serve
        do_POST = _serve

    return Handler
