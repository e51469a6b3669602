"""Pieces the helpdesk adapters share that are not about HTTP itself.

Each of these was written out again in several adapters; keeping one copy means
a fix to the scheme check or to the shape of the reference footer reaches every
helpdesk at once. What is HTTP-specific lives in :mod:`app.backends.http`.
"""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit

from app.backends.base import PermanentError


def check_scheme(url: str, allow_insecure_http: bool) -> None:
    """Refuse to send a password in clear text anywhere but this computer, unless IT says so."""
    parts = urlsplit(url)
    if parts.scheme == "https" or allow_insecure_http:
        return
    if parts.scheme != "http":
        raise PermanentError("The helpdesk address (backend.url) must start with https://.")
    host = parts.hostname or ""
    try:
        loopback = host == "localhost" or ipaddress.ip_address(host).is_loopback
    except ValueError:
        loopback = False
    if not loopback:
        raise PermanentError("The helpdesk address uses plain http://, which would send your "
                             "password unencrypted; use https:// or ask IT to set "
                             "backend.allow_insecure_http.")
