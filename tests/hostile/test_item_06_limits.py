"""Issue 17, item 6: what a server sends is bounded in size after decoding, and in time.

Limits live in app/backends/bodies.py (JSON_LIMIT, the announced size of a download,
MIN_RATE after the timeout); these scenarios send a gzip bomb, an endless body, a file
far larger than announced, and a body that drips one byte at a time.
"""

from __future__ import annotations

import time
import zlib
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest

from app.backends import http
from app.backends.helpline_http import HelplineHttpBackend
from app.core.helpdesk import PermanentError, TemporaryError
from app.core.model import Attachment
from tests.hostile.server import HostileServer, reply

MB = 1024 * 1024


@pytest.fixture
def server() -> Iterator[HostileServer]:
    with HostileServer() as hostile:
        yield hostile


def _chunked(handler: BaseHTTPRequestHandler, pieces: Iterator[bytes], **headers: str) -> None:
    """Send ``pieces`` as a chunked body until they end or the client goes away."""
    handler.send_response(200)
    handler.send_header("Content-Type", "application/json")
    handler.send_header("Transfer-Encoding", "chunked")
    for name, value in headers.items():
        handler.send_header(name.replace("_", "-"), value)
    handler.end_headers()
    try:
        for piece in pieces:
            if piece:
                handler.wfile.write(b"%x\r\n%s\r\n" % (len(piece), piece))
                handler.wfile.flush()
        handler.wfile.write(b"0\r\n\r\n")
    except OSError:
        pass
    handler.close_connection = True


def _bomb() -> Iterator[bytes]:
    """A JSON text of 64 MB (spaces in a string), gzip-compressed to about 64 KB."""
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)
    yield packer.compress(b'{"a": "')
    for _ in range(64):
        yield packer.compress(b" " * MB)
    yield packer.compress(b'"}') + packer.flush()


def test_a_gzip_bomb_stops_at_the_json_limit(server: HostileServer) -> None:
    server.on("GET", "/bomb", lambda h: _chunked(h, _bomb(), Content_Encoding="gzip"))
    session = http.make_session(retries=0)
    with pytest.raises(PermanentError) as info:
        http.read_json(http.send(session, "GET", server.url + "/bomb"))
    assert info.value.code == "bad_answer"
    assert "larger than" in info.value.detail  # bodies.JSON_LIMIT, not a parse error


def test_an_endless_body_stops_at_the_limit(server: HostileServer) -> None:
    def endless() -> Iterator[bytes]:
        yield b"["
        for _ in range(4096):  # 64 MB, as long as the client keeps reading
            yield b"1," * 8192

    server.on("GET", "/endless", lambda h: _chunked(h, endless()))
    session = http.make_session(retries=0)
    session.json_limit = MB  # type: ignore[attr-defined]
    with pytest.raises(PermanentError) as info:
        http.send(session, "GET", server.url + "/endless")
    assert info.value.code == "bad_answer" and "larger than" in info.value.detail


def test_a_file_announced_as_10_bytes_writes_no_more(server: HostileServer, tmp_path: Path) -> None:
    """The helpdesk said 10 bytes; it sent 8 MB without a length. Nothing is kept."""
    server.on("GET", "/v1/attachments/a1", lambda h: _chunked(h, iter([b"x" * MB] * 8)))
    backend = HelplineHttpBackend(server.url, "tok-alice", retries=0)
    announced = Attachment("notes.txt", 10, backend_id="a1")
    with pytest.raises(PermanentError) as info:
        backend.download(announced, tmp_path / "saved")
    assert info.value.code == "file_damaged"
    assert list((tmp_path / "saved").iterdir()) == []


def test_one_byte_every_so_often_does_not_defeat_the_timeout(server: HostileServer) -> None:
    def drip(handler: BaseHTTPRequestHandler) -> None:
        body = b" " * 27 + b"[1]"
        handler.send_response(200)
        handler.send_header("Content-Type", "application/json")
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        try:
            for byte in body:
                handler.wfile.write(bytes([byte]))
                handler.wfile.flush()
                time.sleep(0.3)  # well inside the 1 s read timeout, every time
        except OSError:
            pass

    server.on("GET", "/drip", drip)
    session = http.make_session({"backend.timeout_seconds": 1}, retries=0)
    started = time.monotonic()
    with pytest.raises(TemporaryError) as info:
        http.send(session, "GET", server.url + "/drip")
    assert info.value.code == "timeout"
    assert time.monotonic() - started < 4  # 2 x the timeout; the drip alone takes 9 s


@pytest.mark.timeout(30)
def test_a_retried_503_with_an_endless_body_is_not_read(server: HostileServer) -> None:
    """urllib3 read a retried answer's whole body first (drain_conn): for ever, here."""
    written: list[int] = []

    def endless(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(503)
        handler.send_header("Transfer-Encoding", "chunked")
        handler.end_headers()
        piece = b"x" * 65536
        try:
            while sum(written) < 512 * MB:
                handler.wfile.write(b"%x\r\n%s\r\n" % (len(piece), piece))
                written.append(len(piece))
        except OSError:
            pass
        handler.close_connection = True

    calls = iter([endless, lambda h: reply(h, 200, b"{}")])
    server.on("GET", "/flaky", lambda h: next(calls)(h))
    session = http.make_session(retries=1, backoff=0.01)
    assert http.read_json(http.send(session, "GET", server.url + "/flaky")) == {}
    assert sum(written) < 64 * MB
