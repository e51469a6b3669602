"""The pieces the adapters share (app/backends/common.py), on their own."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

from app.backends import http
from app.backends.base import PermanentError, TemporaryError
from app.backends.common import check_scheme


@pytest.mark.parametrize("url", ["https://desk.example.org", "http://127.0.0.1:8080",
                                 "http://localhost/rt", "http://[::1]:3000"])
def test_https_and_loopback_are_accepted(url: str) -> None:
    check_scheme(url, allow_insecure_http=False)


def test_plain_http_elsewhere_is_refused_unless_it_allows_it() -> None:
    with pytest.raises(PermanentError, match="unencrypted"):
        check_scheme("http://desk.example.org", allow_insecure_http=False)
    check_scheme("http://desk.example.org", allow_insecure_http=True)


def test_an_address_without_a_web_scheme_is_refused() -> None:
    with pytest.raises(PermanentError, match="must start with https://"):
        check_scheme("ftp://desk.example.org", allow_insecure_http=False)


class _BrokenDownload:
    """A streamed answer that delivers one block, then loses the connection."""

    def __init__(self) -> None:
        self.closed = False

    def iter_content(self, size: int) -> Iterator[bytes]:
        yield b"first block"
        raise requests.exceptions.ChunkedEncodingError("connection lost")

    def close(self) -> None:
        self.closed = True


def test_a_download_cut_short_leaves_no_half_file(tmp_path: Path) -> None:
    """http.save_response, which every adapter's download ends in."""
    response = _BrokenDownload()
    target = tmp_path / "log.txt"
    with pytest.raises(TemporaryError):
        http.save_response(response, target)  # type: ignore[arg-type]
    assert not target.exists()
    assert response.closed
