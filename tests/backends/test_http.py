"""The shared HTTP layer against a real HTTP server on 127.0.0.1 (no mocks of requests)."""

from __future__ import annotations

import email.utils
import hashlib
import json
import socket
import threading
import time
import tracemalloc
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
import requests

from app import __version__
from app.backends import http
from app.core.helpdesk import (
    AuthenticationError,
    NotFound,
    PermanentError,
    PermissionDenied,
    RateLimited,
    TemporaryError,
)

Route = tuple[int, dict[str, str], bytes]


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _Server

    def log_message(self, format: str, *args: Any) -> None:  # keep test output clean
        pass

    def _answer(self) -> None:
        self.server.hits.append((self.command, self.path, dict(self.headers)))
        if self.path.startswith("/upload"):
            self._upload()
            return
        queue = self.server.routes.get(self.path) or [(200, {}, b"{}")]
        code, headers, body = queue.pop(0) if len(queue) > 1 else queue[0]
        length = int(self.headers.get("Content-Length") or 0)
        if length:
            self.rfile.read(length)
        self.send_response(code)
        for name, value in {"Content-Type": "application/json", **headers}.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _upload(self) -> None:
        """Read the body in blocks and answer with its size and digest, never holding it whole."""
        remaining = int(self.headers["Content-Length"])
        digest, size = hashlib.sha256(), 0
        while remaining:
            block = self.rfile.read(min(remaining, 64 * 1024))
            if not block:
                break
            digest.update(block)
            size += len(block)
            remaining -= len(block)
        body = json.dumps(
            {"size": size, "sha256": digest.hexdigest(), "type": self.headers.get("Content-Type")}
        ).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = do_PUT = do_DELETE = _answer


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.routes: dict[str, list[Route]] = {}
        self.hits: list[tuple[str, str, dict[str, str]]] = []

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    def route(self, path: str, *answers: Route) -> str:
        self.routes[path] = list(answers)
        return self.url + path


@pytest.fixture
def server() -> Iterator[_Server]:
    srv = _Server()
    thread = threading.Thread(target=srv.serve_forever, args=(0.02,), daemon=True)
    thread.start()
    yield srv
    srv.shutdown()
    srv.server_close()
    thread.join(5)


@pytest.fixture
def session() -> Iterator[requests.Session]:
    s = http.make_session({"backend.timeout_seconds": 5}, backoff=0.01)
    yield s
    s.close()


def _json(data: Any) -> bytes:
    return json.dumps(data).encode()


# -- the session ---------------------------------------------------------------------------


def test_user_agent_names_helpline_and_version(server: _Server, session: requests.Session) -> None:
    http.send(session, "GET", server.route("/ok", (200, {}, b"{}")))
    agent = server.hits[-1][2]["User-Agent"]
    assert agent.startswith(f"Helpline/{__version__} ")
    assert "Mozilla" not in agent  # RT answers browsers with a login redirect instead of 401


def test_every_call_gets_the_configured_timeout() -> None:
    s = http.make_session({"backend.timeout_seconds": 4})
    assert s.default_timeout == (4.0, 4.0)  # type: ignore[attr-defined]
    assert http.make_session().default_timeout == (10.0, 30.0)  # type: ignore[attr-defined]


def test_ca_bundle_from_config_is_used_for_verification(tmp_path: Path) -> None:
    bundle = tmp_path / "corp-ca.pem"
    bundle.write_text("-----BEGIN CERTIFICATE-----\n")
    assert http.make_session({"backend.ca_bundle": str(bundle)}).verify == str(bundle)
    assert http.make_session({}).verify is True


def test_proxy_comes_from_the_environment(
    server: _Server, session: requests.Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HTTP_PROXY", server.url)
    monkeypatch.delenv("NO_PROXY", raising=False)
    monkeypatch.delenv("no_proxy", raising=False)
    server.route("http://helpdesk.invalid/REST/2.0/queues/all", (200, {}, b'{"via":"proxy"}'))
    answer = http.read_json(
        http.send(session, "GET", "http://helpdesk.invalid/REST/2.0/queues/all")
    )
    assert answer == {"via": "proxy"}
    assert server.hits[-1][1] == "http://helpdesk.invalid/REST/2.0/queues/all"


def test_idempotent_calls_are_retried_on_503(server: _Server, session: requests.Session) -> None:
    url = server.route("/flaky", (503, {}, b"{}"), (503, {}, b"{}"), (200, {}, b'{"ok":1}'))
    assert http.read_json(http.send(session, "GET", url)) == {"ok": 1}
    assert [h[0] for h in server.hits] == ["GET", "GET", "GET"]


def test_post_is_never_retried(server: _Server, session: requests.Session) -> None:
    url = server.route("/create", (503, {}, b"{}"), (200, {}, b'{"id":1}'))
    with pytest.raises(TemporaryError):
        http.send(session, "POST", url, json={"Subject": "x"})
    assert [h[0] for h in server.hits] == ["POST"]


# -- status codes --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "error"),
    [
        (401, AuthenticationError),
        (403, PermissionDenied),
        (404, NotFound),
        (410, NotFound),
        (500, TemporaryError),
        (502, TemporaryError),
        (504, TemporaryError),
        (408, TemporaryError),
    ],
)
def test_status_codes_map_to_typed_errors(
    server: _Server, code: int, error: type, session: requests.Session
) -> None:
    url = server.route(f"/s{code}", (code, {}, _json({"message": f"said {code}"})))
    with pytest.raises(error) as caught:
        http.send(session, "POST", url)
    assert f"said {code}" in str(caught.value)


def test_other_4xx_is_permanent_with_the_servers_message(
    server: _Server, session: requests.Session
) -> None:
    url = server.route("/bad", (400, {}, _json({"message": "Queue 'Nope' not found"})))
    with pytest.raises(PermanentError) as caught:
        http.send(session, "POST", url)
    assert (caught.value.code, caught.value.detail) == ("refused", "Queue 'Nope' not found")
    url = server.route("/plain", (422, {"Content-Type": "text/plain"}, b"Subject is required"))
    with pytest.raises(PermanentError, match="Subject is required"):
        http.send(session, "POST", url)


def test_429_with_retry_after_seconds(server: _Server, session: requests.Session) -> None:
    url = server.route("/slow", (429, {"Retry-After": "7"}, b"{}"))
    with pytest.raises(RateLimited) as caught:
        http.send(session, "GET", url)
    assert caught.value.wait_seconds == 7.0
    assert len(server.hits) == 1  # the caller decides when to come back


def test_429_with_retry_after_http_date(server: _Server, session: requests.Session) -> None:
    when = email.utils.formatdate(time.time() + 120, usegmt=True)
    url = server.route("/slow", (429, {"Retry-After": when}, b"{}"))
    with pytest.raises(RateLimited) as caught:
        http.send(session, "GET", url)
    assert 110 <= caught.value.wait_seconds <= 121


def test_429_with_reset_headers(server: _Server, session: requests.Session) -> None:
    url = server.route("/epoch", (429, {"X-RateLimit-Reset": str(int(time.time()) + 30)}, b"{}"))
    with pytest.raises(RateLimited) as caught:
        http.send(session, "GET", url)
    assert 25 <= caught.value.wait_seconds <= 31
    url = server.route("/secs", (429, {"RateLimit-Reset": "12"}, b"{}"))
    with pytest.raises(RateLimited) as caught:
        http.send(session, "GET", url)
    assert caught.value.wait_seconds == 12.0
    url = server.route("/none", (429, {}, b"{}"))
    with pytest.raises(RateLimited) as caught:
        http.send(session, "GET", url)
    assert caught.value.wait_seconds == http.DEFAULT_RATE_WAIT


def test_403_rate_limit_is_rate_limited_not_permission(
    server: _Server, session: requests.Session
) -> None:
    url = server.route(
        "/gh",
        (
            403,
            {"X-RateLimit-Remaining": "0", "Retry-After": "3"},
            _json({"message": "API rate limit exceeded"}),
        ),
    )
    with pytest.raises(RateLimited) as caught:
        http.send(session, "GET", url)
    assert caught.value.wait_seconds == 3.0


def test_iso_reset_header() -> None:
    now = 1_800_000_000.0
    stamp = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(now + 45))
    assert http.retry_wait({"X-RateLimit-Reset": stamp}, now=now) == 45.0
    assert http.retry_wait({"Retry-After": "not a date"}, now=now) is None


# -- bodies that are not what they claim ---------------------------------------------------


def test_html_instead_of_json_is_permanent_and_names_the_url_key(
    server: _Server, session: requests.Session
) -> None:
    url = server.route("/login", (200, {"Content-Type": "text/html"}, b"<html>Login</html>"))
    with pytest.raises(PermanentError, match=r"^web_page \(content_type=text/html\)$"):
        http.read_json(http.send(session, "GET", url))


def test_garbled_json_is_permanent_not_retried(server: _Server, session: requests.Session) -> None:
    """A whole body that does not parse will not mend itself: no automatic retry (issue 16).

    A transfer really cut short fails inside requests and is mapped as temporary.
    """
    url = server.route("/cut", (200, {}, b'{"items": [1, 2'))
    with pytest.raises(http.MalformedReply, match=r"^answer_garbled$") as info:
        http.read_json(http.send(session, "GET", url))
    assert not info.value.retry


@pytest.mark.parametrize(
    "ctype",
    ["text/plain; charset=utf-8", "", "application/octet-stream", "text/html; charset=utf-8"],
)
def test_json_body_is_read_whatever_its_label(
    server: _Server, session: requests.Session, ctype: str
) -> None:
    """Zendesk answers POST /api/v2/uploads.json with JSON labelled text/plain (recorded in
    tests/backends/recorded/zendesk/); the body decides, not the header."""
    body = '{"upload": {"token": "tok", "name": "Tom & Jerry – ü"}}'.encode()
    url = server.route("/labelled", (201, {"Content-Type": ctype}, body))
    answer = http.read_json(http.send(session, "POST", url), json_only=True)
    assert answer == {"upload": {"token": "tok", "name": "Tom & Jerry – ü"}}


def test_charset_is_honoured_and_utf8_is_the_default(
    server: _Server, session: requests.Session
) -> None:
    latin = server.route(
        "/latin",
        (
            200,
            {"Content-Type": "application/json; charset=iso-8859-1"},
            '{"name": "Müller"}'.encode("latin-1"),
        ),
    )
    plain = server.route(
        "/plain", (200, {"Content-Type": "text/plain"}, b'\xef\xbb\xbf{"name": "M\xc3\xbcller"}')
    )
    assert http.read_json(http.send(session, "GET", latin)) == {"name": "Müller"}
    assert http.read_json(http.send(session, "GET", plain)) == {"name": "Müller"}


@pytest.mark.parametrize("code", [201, 204])
def test_empty_success_is_none(server: _Server, session: requests.Session, code: int) -> None:
    url = server.route(f"/empty{code}", (code, {"Content-Type": "text/html"}, b""))
    assert http.read_json(http.send(session, "PUT", url)) is None
    with pytest.raises(http.MalformedReply):
        http.expect_dict(None, "the answer")


@pytest.mark.parametrize(
    "ctype,body",
    [
        ("text/html", b"<!DOCTYPE html><title>Sign in to the network</title>"),
        ("", b"  <html><body>Proxy login</body></html>"),
        ("application/json", b"<html>proxy rewrote the type</html>"),
    ],
    ids=["labelled", "unlabelled", "mislabelled"],
)
def test_a_web_page_is_named_as_one(
    server: _Server, session: requests.Session, ctype: str, body: bytes
) -> None:
    url = server.route("/portal", (200, {"Content-Type": ctype} if ctype else {}, body))
    with pytest.raises(http.UnexpectedReply, match=r"^web_page "):
        http.read_json(http.send(session, "GET", url), json_only=True)


@pytest.mark.parametrize(
    "ctype,body",
    [
        ("application/octet-stream", b"1"),
        ("text/plain", b"OK"),
    ],
)
def test_a_scalar_or_text_is_not_data_where_data_is_promised(
    server: _Server, session: requests.Session, ctype: str, body: bytes
) -> None:
    url = server.route("/scalar", (201, {"Content-Type": ctype}, body))
    with pytest.raises(http.MalformedReply) as info:
        http.read_json(http.send(session, "POST", url), json_only=True)
    assert not info.value.retry


def test_gzip_answers_are_decoded(server: _Server, session: requests.Session) -> None:
    """Zammad sends gzip-encoded JSON (recorded in tests/backends/recorded/zammad/)."""
    import gzip

    url = server.route("/gz", (200, {"Content-Encoding": "gzip"}, gzip.compress(b'[{"id": 1}]')))
    assert http.read_json(http.send(session, "GET", url)) == [{"id": 1}]


# -- the network failing -------------------------------------------------------------------


@pytest.fixture
def silent_port() -> Iterator[int]:
    """A port that accepts connections (the kernel does) and never answers."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(8)
    yield sock.getsockname()[1]
    sock.close()


def test_a_server_that_never_answers_times_out(silent_port: int) -> None:
    s = http.make_session({"backend.timeout_seconds": 0.3}, retries=0)
    started = time.monotonic()
    with pytest.raises(TemporaryError, match=r"^timeout \(server=helpdesk\)$"):
        http.send(s, "POST", f"http://127.0.0.1:{silent_port}/ticket", json={})
    assert time.monotonic() - started < 3


def test_get_timeouts_are_retried_then_reported(silent_port: int) -> None:
    s = http.make_session({"backend.timeout_seconds": 0.2}, retries=2, backoff=0.01)
    started = time.monotonic()
    with pytest.raises(TemporaryError):
        http.send(s, "GET", f"http://127.0.0.1:{silent_port}/tickets")
    assert 0.5 < time.monotonic() - started < 5  # three tries of 0.2 s each


def test_connection_refused_is_temporary(session: requests.Session) -> None:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()  # nothing listens here now
    with pytest.raises(TemporaryError, match=r"^unreachable \(server=helpdesk\)$"):
        http.send(session, "POST", f"http://127.0.0.1:{port}/")


def test_map_exception_covers_tls_urls_and_files() -> None:
    assert isinstance(http.map_exception(requests.exceptions.SSLError("bad cert")), PermanentError)
    assert http.map_exception(requests.exceptions.SSLError("x")).code == "certificate"
    assert http.map_exception(requests.exceptions.MissingSchema("x")).code == "address_invalid"
    unreadable = http.map_exception(FileNotFoundError(2, "No such file"))
    assert (unreadable.code, unreadable.detail) == ("file_unreadable", "No such file")
    assert isinstance(http.map_exception(requests.exceptions.MissingSchema("x")), PermanentError)
    assert isinstance(http.map_exception(FileNotFoundError(2, "No such file")), PermanentError)
    already = NotFound("gone")
    assert http.map_exception(already) is already


# -- streamed uploads ----------------------------------------------------------------------


def test_multipart_upload_streams_a_20_mb_file(
    server: _Server, session: requests.Session, tmp_path: Path
) -> None:
    big = tmp_path / "screen recording.bin"
    chunk = bytes(range(256)) * 4096  # 1 MiB
    with big.open("wb") as handle:
        for _ in range(20):
            handle.write(chunk)
    size = big.stat().st_size
    parts = (
        [("JSON", '{"Subject": "big"}', "application/json")],
        [("Attachments", big.name, str(big), "application/octet-stream")],
    )
    expected = hashlib.sha256()
    copy = http.MultipartStream(*parts, boundary="fixed")
    for block in iter(lambda: copy.read(1 << 20), b""):
        expected.update(block)
    body = http.MultipartStream(*parts, boundary="fixed")
    tracemalloc.start()
    try:
        answer = http.read_json(
            http.send(
                session,
                "POST",
                server.url + "/upload",
                data=body,
                headers={"Content-Type": body.content_type},
            )
        )
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
        body.close()
    assert peak < size / 10, f"peak {peak} bytes for a {size}-byte file"
    assert answer["size"] == len(body) > size
    assert answer["sha256"] == expected.hexdigest()
    assert answer["type"].startswith("multipart/form-data; boundary=")


def test_multipart_body_is_well_formed(tmp_path: Path) -> None:
    first = tmp_path / "a.txt"
    first.write_bytes(b"hello")
    body = http.MultipartStream(
        [("JSON", "{}", "application/json")],
        [("Attachments", 'we"ird.txt', str(first), "text/plain")],
    )
    data = b"".join(iter(lambda: body.read(7), b""))
    assert len(data) == len(body)
    text = data.decode()
    assert f"--{body.boundary}--\r\n" in text
    assert 'name="JSON"' in text and 'filename="we%22ird.txt"' in text
    assert "\r\n\r\nhello\r\n" in text


def test_multipart_file_names_are_escaped_as_rfc_7578_says(tmp_path: Path) -> None:
    """Only ", CR and LF are percent-encoded (RFC 7578 §4.2); a backslash is sent as it is."""
    file = tmp_path / "a.txt"
    file.write_bytes(b"x")
    name = 'C:\\Users\\ann\\"odd"\r\nContent-Type: text/evil.txt'
    body = http.MultipartStream([], [("file", name, str(file), "text/plain")])
    head = body.read(len(body)).decode().split("\r\n\r\n", 1)[0]
    body.close()
    disposition = next(
        line for line in head.split("\r\n") if line.startswith("Content-Disposition:")
    )
    assert disposition.endswith(
        'filename="C:\\Users\\ann\\%22odd%22%0D%0AContent-Type: text/evil.txt"'
    )
    assert "\\\\" not in disposition  # not doubled
    assert [line for line in head.split("\r\n") if line.startswith("Content-Type:")] == [
        "Content-Type: text/plain"
    ]  # the name could not add a header
