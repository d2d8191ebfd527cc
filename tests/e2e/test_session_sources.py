"""Sources through the session's one resolve path (CLI and window alike): URLs sent as they are
or downloaded with the provider's client (redirects followed, failures said as such), paths and
file:// URLs read as files."""

from __future__ import annotations

import asyncio
import io
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from PIL import Image

from visiondesk.config.providers import ProviderConfig
from visiondesk.core.errors import AnalysisError, ErrorFact
from visiondesk.core.inputs import PreparedImage, RemoteImage
from visiondesk.session.backends import Backends
from visiondesk.session.downloads import download
from visiondesk.session.workspace import ResolvedInput, Workspace

RELAY = ProviderConfig(id="relay", name="Relay", base_url="https://relay.example/v1")


def _png(width: int, height: int) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), "white").save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture
def image_server(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    for var in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"):
        monkeypatch.delenv(var, raising=False)
    body = _png(300, 200)

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            if self.path == "/pics/shot.png":
                self.send_response(200)
                self.send_header("Content-Type", "image/png")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
            elif self.path == "/old":
                self.send_response(302)
                self.send_header("Location", "/pics/shot.png")
                self.send_header("Content-Length", "0")
                self.end_headers()
            else:
                self.send_error(404)

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def _resolve(text: str, *, inline: bool) -> list[ResolvedInput]:
    async def scenario() -> list[ResolvedInput]:
        backends = Backends()
        workspace = Workspace(downloader=lambda url, provider: download(url, provider, backends))
        try:
            source = workspace.add_text(text)
            return await workspace.resolve(source.id, max_side=2048, provider=RELAY, inline_urls=inline)
        finally:
            await backends.aclose()

    return asyncio.run(scenario())


def test_a_url_is_sent_as_is_unless_inlined() -> None:
    [resolved] = _resolve("https://example.com/a.png", inline=False)
    assert resolved.input == RemoteImage("https://example.com/a.png")


def test_an_inlined_url_is_downloaded_following_redirects(image_server: str) -> None:
    [resolved] = _resolve(f"{image_server}/old", inline=True)
    assert isinstance(resolved.input, PreparedImage)
    assert (resolved.input.width, resolved.input.height) == (300, 200)


def test_a_url_that_cannot_be_downloaded_says_so(image_server: str) -> None:
    with pytest.raises(AnalysisError) as info:
        _resolve(f"{image_server}/pics/gone.png", inline=True)
    error = info.value
    assert error.has(ErrorFact.SOURCE_UNREACHABLE) and "404" in error.message
    assert error.subject == "127.0.0.1"


def test_paths_and_file_urls_are_files(tmp_path: Path) -> None:
    path = tmp_path / "local file.png"
    path.write_bytes(_png(200, 100))
    for text in (str(path), path.as_uri()):
        [resolved] = _resolve(text, inline=True)
        assert isinstance(resolved.input, PreparedImage)
        assert (resolved.input.width, resolved.input.height) == (200, 100)
