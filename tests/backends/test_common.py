"""The pieces the adapters share (app/backends/common.py), on their own."""

from __future__ import annotations

import pytest

from app.backends.base import PermanentError
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
