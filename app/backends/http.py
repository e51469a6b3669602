"""The one HTTP layer every HTTP adapter shares.

Every adapter gets its session from :func:`make_session` and turns answers into
typed errors with :func:`raise_for`, :func:`read_json` and :func:`map_exception`,
so a timeout, a refused sign-in or a rate limit means the same thing whichever
helpdesk sent it. ``requests`` is imported here and in adapters only: the
wizard must not pay for it before its first paint.
"""

from __future__ import annotations

import email.utils
import json
import os
import re
import time
import uuid
from collections.abc import Iterator, Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

import requests
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

from app import __version__
from app.core import deadline, logsafe
from app.core.helpdesk import (
    AuthenticationError,
    BackendError,
    NotFound,
    PermanentError,
    PermissionDenied,
    RateLimited,
    TemporaryError,
)

#: Seconds to wait for a connection and for each read, unless config says otherwise.
DEFAULT_TIMEOUT = 30.0
CONNECT_TIMEOUT = 10.0
#: Methods that are safe to send twice. POST never is: see the outbox's client_ref check.
IDEMPOTENT = frozenset({"GET", "HEAD", "OPTIONS", "PUT", "DELETE"})
#: Used when a 429 names no wait at all.
DEFAULT_RATE_WAIT = 60.0
USER_AGENT = f"Helpline/{__version__} python-requests/{requests.__version__}"
#: Bytes urllib3 reads from a request body per call. Its default, 16 KiB, costs a Python call
#: per 16 KiB of a MultipartStream: a 100 MB upload ran at 0.7 x curl on loopback. 256 KiB
#: reaches curl's speed (larger gains nothing) and keeps at most ~0.5 MB of the body in
#: memory (tests/perf/bench.py, docs/performance.md).
UPLOAD_BLOCK = 256 * 1024


class _Adapter(HTTPAdapter):
    """requests' adapter with large body reads (see UPLOAD_BLOCK)."""

    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("blocksize", UPLOAD_BLOCK)
        super().init_poolmanager(*args, **kwargs)


class _TimeoutSession(requests.Session):
    """A session that never waits forever: every call gets the default timeout."""

    def __init__(self, timeout: float | tuple[float, float]) -> None:
        super().__init__()
        self.default_timeout = timeout

    def request(  # type: ignore[override]
        self,
        method: str,
        url: str,
        *args: Any,
        **kwargs: Any,
    ) -> requests.Response:
        kwargs["timeout"] = _within_deadline(kwargs.get("timeout", self.default_timeout))
        if isinstance(self.verify, str):
            # requests lets REQUESTS_CA_BUNDLE / CURL_CA_BUNDLE replace Session.verify
            # (psf/requests#3829), which would silently drop backend.ca_bundle.
            kwargs.setdefault("verify", self.verify)
        return super().request(method, url, *args, **kwargs)


def _within_deadline(
    timeout: float | tuple[float, float] | None,
) -> float | tuple[float, float] | None:
    """The call's timeout, shortened to what is left of the work's overall deadline.

    Raises ``Timeout`` (which every adapter maps to the ``timeout`` code) when nothing is
    left: see :mod:`app.core.deadline`.
    """
    left = deadline.remaining()
    if left is None:
        return timeout
    if left <= 0:
        raise requests.exceptions.Timeout("the overall deadline has passed")
    if timeout is None:
        return left
    if isinstance(timeout, tuple):
        return (min(timeout[0], left), min(timeout[1], left))
    return min(timeout, left)


def _setting(config: Any, key: str, default: Any) -> Any:
    """Read ``key`` from a Config or a plain mapping, falling back to ``default``."""
    if config is None:
        return default
    try:
        value = config[key]
    except (KeyError, TypeError):
        return default
    return default if value in (None, "") else value


def make_session(config: Any = None, *, retries: int = 3, backoff: float = 0.5) -> requests.Session:
    """A session with timeouts, safe retries, proxies from the environment and TLS checks on.

    ``config`` is an :class:`app.core.config.Config` or a mapping with the
    ``backend.timeout_seconds`` and ``backend.ca_bundle`` keys. Retries with
    backoff apply to idempotent methods on connection errors and 502/503/504
    only; a 429 is raised as :class:`RateLimited` so the caller decides when.
    """
    read_timeout = float(_setting(config, "backend.timeout_seconds", DEFAULT_TIMEOUT))
    session = _TimeoutSession((min(CONNECT_TIMEOUT, read_timeout), read_timeout))
    session.headers["User-Agent"] = USER_AGENT
    session.trust_env = True  # HTTP(S)_PROXY, NO_PROXY and the system's proxy settings
    ca_bundle = _setting(config, "backend.ca_bundle", "")
    if ca_bundle:
        session.verify = os.path.expanduser(str(ca_bundle))
    policy = Retry(
        total=retries,
        connect=retries,
        read=retries,
        status=retries,
        other=0,
        backoff_factor=backoff,
        backoff_max=10.0,
        status_forcelist=(502, 503, 504),
        allowed_methods=IDEMPOTENT,
        respect_retry_after_header=False,
        raise_on_status=False,
    )
    adapter = _trust_store_adapter(policy) if not ca_bundle else None
    adapter = adapter or _Adapter(max_retries=policy)
    session.mount("https://", adapter)
    session.mount("http://", _Adapter(max_retries=policy))
    return session


def _trust_store_adapter(policy: Retry) -> HTTPAdapter | None:
    """Verify against the OS trust store when the optional ``truststore`` package is present."""
    try:
        import truststore
    except ImportError:
        return None
    import ssl

    context = truststore.SSLContext(ssl.PROTOCOL_TLS_CLIENT)

    class _TrustStoreAdapter(_Adapter):
        def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
            kwargs["ssl_context"] = context
            super().init_poolmanager(*args, **kwargs)

    return _TrustStoreAdapter(max_retries=policy)


# -- errors ---------------------------------------------------------------------------------


def server_message(response: requests.Response) -> str:
    """The helpdesk's own words about a failure, short enough for one sentence."""
    try:
        data = response.json()
    except ValueError:
        data = None
    if isinstance(data, dict):
        for key in ("message", "error", "errors", "description", "detail", "error_description"):
            value = data.get(key)
            if value:
                text = value if isinstance(value, str) else "; ".join(map(str, _flat(value)))
                return text.strip()[:300]
    if isinstance(data, list) and data:
        return "; ".join(map(str, _flat(data)))[:300]
    text = (response.text or "").strip()
    if text and "html" not in response.headers.get("Content-Type", ""):
        return text[:300]
    return response.reason or f"HTTP {response.status_code}"


def _flat(value: Any) -> Iterator[Any]:
    if isinstance(value, dict):
        for item in value.values():
            yield from _flat(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _flat(item)
    else:
        yield value


def retry_wait(headers: Mapping[str, str], now: float | None = None) -> float | None:
    """Seconds to wait, from Retry-After (seconds or HTTP date) or a rate-limit reset header."""
    now = time.time() if now is None else now
    value = (headers.get("Retry-After") or "").strip()
    if value:
        if value.replace(".", "", 1).isdigit():
            return float(value)
        try:
            stamp = email.utils.parsedate_to_datetime(value)
        except (TypeError, ValueError):
            stamp = None
        if stamp is not None:
            if stamp.tzinfo is None:
                stamp = stamp.replace(tzinfo=UTC)
            return max(0.0, stamp.timestamp() - now)
    for name in ("X-RateLimit-Reset", "RateLimit-Reset", "X-Rate-Limit-Reset"):
        reset = (headers.get(name) or "").strip()
        if not reset:
            continue
        try:
            number = float(reset)
        except ValueError:
            try:  # Atlassian sends an ISO 8601 time
                stamp = datetime.fromisoformat(reset.replace("Z", "+00:00"))
            except ValueError:
                continue
            return max(0.0, stamp.timestamp() - now)
        # Large numbers are a UNIX time (GitHub, ServiceNow); small ones are seconds (GitLab).
        return max(0.0, number - now) if number > 1_000_000_000 else number
    return None


def raise_for(response: requests.Response) -> requests.Response:
    """Return a successful response; raise the matching :class:`BackendError` otherwise."""
    code = response.status_code
    if code < 400:
        return response
    # Some servers quote the token they refused; exceptions end up in dialogs and logs.
    message = logsafe.mask(server_message(response))
    limited = code == 429 or (
        code == 403
        and (
            response.headers.get("X-RateLimit-Remaining") == "0" or "rate limit" in message.lower()
        )
    )
    if limited:
        wait = retry_wait(response.headers)
        raise RateLimited(message, DEFAULT_RATE_WAIT if wait is None else wait)
    if code == 401:
        raise AuthenticationError(message)
    if code == 403:
        raise PermissionDenied(message)
    if code in (404, 410):
        raise NotFound(message)
    if code == 408 or code >= 500:
        raise TemporaryError(message, code="server_error", status=code)
    raise PermanentError(message)


def read_json(response: requests.Response, json_only: bool = False) -> Any:
    """The JSON body of a successful response; a clear error when it is something else.

    What the body is decides, not only its label: real helpdesks send JSON as
    ``text/plain`` (Zendesk's uploads, recorded 2023-2024) or with no type at all, so
    a body that opens like a JSON object or list is read as one whatever the header
    says. A web page (a proxy's sign-in, an error page) is named as such and may be
    tried again later (:class:`UnexpectedReply`); anything else that does not parse
    is :class:`MalformedReply`, which waiting will not mend, so the outbox does not
    send the request (and its files) again and again. A transfer really cut short
    fails earlier, in ``requests``, as a temporary error. An empty body (a 204, or a
    201 with nothing in it) is ``None``, which :func:`expect_dict` refuses by name.
    ``json_only``: the endpoint promises data, so a bare scalar sent under another
    type (one byte as octet-stream parses as a number) is not taken for it.
    """
    raise_for(response)
    kind = response.headers.get("Content-Type", "").split(";")[0].strip().lower()
    content = response.content or b""
    head = content.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
    if not head:
        return None
    if head == b"<" or (
        kind in ("text/html", "application/xhtml+xml") and head not in (b"{", b"[")
    ):
        shown = kind or "no content type"
        raise UnexpectedReply(code="web_page", content_type=shown)  # a proxy, a sign-in page
    labelled = "json" in kind or (not json_only and kind in ("", "text/plain"))
    if head not in (b"{", b"[") and not labelled:
        raise MalformedReply(code="not_data", content_type=kind or "no content type")
    try:
        return json.loads(content.decode(_charset(response)).lstrip("\ufeff"))
    except (ValueError, LookupError):
        raise MalformedReply(code="answer_garbled") from None


def _charset(response: requests.Response) -> str:
    """The declared charset; JSON without one is UTF-8 (RFC 8259 §8.1), never Latin-1."""
    match = re.search(r"charset=\"?([\w.:-]+)", response.headers.get("Content-Type", ""), re.I)
    return match.group(1) if match else "utf-8"


def expect_dict(value: Any, what: str) -> dict[str, Any]:
    """``value`` when it is a JSON object; a plain refusal when the helpdesk sent another shape.

    Adapters index what the server sent (``data["id"]``); on a proxy's ``null`` or a
    list that would be an AttributeError or a KeyError deep in a worker. ``what`` names
    the thing for IT in the error's detail ("the user record").
    """
    if not isinstance(value, dict):
        raise MalformedReply(f"{what}: {_kind(value)} instead of an object")
    return value


def expect_list(value: Any, what: str) -> list[dict[str, Any]]:
    """``value`` when it is a JSON list of objects (``None`` counts as empty); else a refusal."""
    if value is None:
        return []
    if not isinstance(value, list):
        raise MalformedReply(f"{what}: {_kind(value)} instead of a list")
    return [expect_dict(item, f"an entry of {what}") for item in value]


def expect_field(data: dict[str, Any], key: str, what: str) -> Any:
    """``data[key]`` when present and not null; a refusal naming ``what`` otherwise."""
    value = data.get(key)
    if value is None or value == "" or isinstance(value, dict | list):
        raise MalformedReply(f"{what} without its {key}")
    return value


def _kind(value: Any) -> str:
    if value is None:
        return "nothing (null)"
    return {
        str: "text",
        bool: "a yes/no value",
        int: "a number",
        float: "a number",
        list: "a list",
        dict: "an object",
    }.get(type(value), type(value).__name__)


class MalformedReply(PermanentError):
    """A successful answer whose data has the wrong shape: a bug or a proxy, not a refusal.

    Its ``detail`` says for IT which part had which shape, in technical terms.
    """

    code = "bad_answer"


class UnexpectedReply(PermanentError):
    """A successful answer that is not data: a captive portal, a proxy's sign-in page.

    Still a PermanentError for callers, but the outbox keeps trying with backoff: the
    hotel Wi-Fi page goes away, and a request must not sit unsent because of it.
    Facts: ``content_type``, what came instead of data.
    """

    retry = True
    code = "not_data"


def map_exception(exc: BaseException) -> BackendError:
    """Turn a ``requests`` failure into the typed error the outbox and the UI understand."""
    if isinstance(exc, BackendError):
        return exc
    if isinstance(exc, requests.exceptions.SSLError):
        return PermanentError(code="certificate", server="helpdesk")
    if isinstance(exc, requests.exceptions.Timeout) or "timed out" in str(exc).lower():
        return TemporaryError(code="timeout", server="helpdesk")
    if isinstance(exc, requests.exceptions.ConnectionError):
        return TemporaryError(code="unreachable", server="helpdesk")
    if isinstance(
        exc,
        requests.exceptions.InvalidURL
        | requests.exceptions.MissingSchema
        | requests.exceptions.InvalidSchema,
    ):
        return PermanentError(code="address_invalid")
    if isinstance(exc, requests.exceptions.RequestException):
        return TemporaryError(code="unreachable", server="helpdesk", error=type(exc).__name__)
    if isinstance(exc, OSError):
        return PermanentError(str(exc.strerror or exc), code="file_unreadable", name="")
    return PermanentError(code="unexpected", error=type(exc).__name__)


def send(session: requests.Session, method: str, url: str, **kwargs: Any) -> requests.Response:
    """One call with every failure mapped: the adapters' only way to reach the network."""
    try:
        response = session.request(method, url, **kwargs)
    except (requests.exceptions.RequestException, OSError) as exc:
        raise map_exception(exc) from exc
    return raise_for(response)


def save_response(response: requests.Response, target: Path) -> Path:
    """Write a streamed download to ``target`` block by block; no half file is left behind."""
    try:
        with open(target, "wb") as out:
            for block in response.iter_content(64 * 1024):
                out.write(block)
    except requests.RequestException as exc:
        target.unlink(missing_ok=True)
        raise map_exception(exc) from exc
    finally:
        response.close()
    return target


# -- streamed multipart bodies --------------------------------------------------------------


class MultipartStream:
    """A multipart/form-data body read part by part, straight from the files on disk.

    requests' own ``files=`` builds the whole body in memory; this object has a
    length (so the request carries Content-Length, which RT's server needs) and
    a ``read`` that hands out the next block, so a 20 MB screenshot never sits
    in memory whole.
    """

    CHUNK = 64 * 1024

    def __init__(
        self,
        fields: Sequence[tuple[str, str, str]],
        files: Sequence[tuple[str, str, str, str]],
        boundary: str = "",
    ) -> None:
        """``fields``: (name, value, content type); ``files``: (name, filename, path, type)."""
        self.boundary = boundary or uuid.uuid4().hex
        self.content_type = f"multipart/form-data; boundary={self.boundary}"
        self._parts: list[bytes | str] = []  # bytes are literal, str is a path to stream
        for name, value, ctype in fields:
            self._parts.append(self._head(name, None, ctype) + value.encode() + b"\r\n")
        for name, filename, path, ctype in files:
            self._parts += [self._head(name, filename, ctype), path, b"\r\n"]
        self._parts.append(f"--{self.boundary}--\r\n".encode())
        self._length = sum(
            len(p) if isinstance(p, bytes) else os.path.getsize(p) for p in self._parts
        )
        self._index = 0
        self._buffer = b""
        self._open: IO[bytes] | None = None

    def _head(self, name: str, filename: str | None, ctype: str) -> bytes:
        disposition = f'form-data; name="{_quote(name)}"'
        if filename is not None:
            disposition += f'; filename="{_quote(filename)}"'
        return (
            f"--{self.boundary}\r\nContent-Disposition: {disposition}\r\n"
            f"Content-Type: {ctype}\r\n\r\n"
        ).encode()

    def __len__(self) -> int:
        return self._length

    def read(self, size: int = -1) -> bytes:
        size = self.CHUNK if size is None or size < 0 else size
        while len(self._buffer) < size and self._index < len(self._parts):
            part = self._parts[self._index]
            if isinstance(part, bytes):
                self._buffer += part
                self._index += 1
                continue
            if self._open is None:
                self._open = open(part, "rb")  # noqa: SIM115 - closed when exhausted
            block = self._open.read(size - len(self._buffer))
            if block:
                self._buffer += block
            else:
                self._open.close()
                self._open = None
                self._index += 1
        out, self._buffer = self._buffer[:size], self._buffer[size:]
        return out

    def close(self) -> None:
        if self._open is not None:
            self._open.close()
            self._open = None


def _quote(text: str) -> str:
    """A name for a quoted Content-Disposition parameter, as RFC 7578 §4.2 and browsers do it.

    Only ``"``, CR and LF are percent-encoded; a backslash is not an escape there, so it
    stays as it is (doubling it turned ``a\\b.txt`` into ``a\\\\b.txt`` at the helpdesk).
    """
    return text.replace('"', "%22").replace("\r", "%0D").replace("\n", "%0A")
