"""Where credentials may go: the helpdesk's own origin (scheme, host, port) and nowhere else.

``requests`` strips only ``Authorization`` when a redirect leaves the host; GitLab's
``PRIVATE-TOKEN``, Redmine's ``X-Redmine-API-Key`` and GLPI's ``App-Token`` and
``Session-Token`` went on to any host, even over plain http (issue 17, item 2). The HTTP
layer (:mod:`app.backends.http`) follows redirects itself and asks this module, before
every hop, whether the hop may carry the credentials. The rules, the same for every
adapter:

- a request to another origin than ``backend.url``'s goes without any credential header
  (:data:`CREDENTIAL_HEADERS`, plus whatever an adapter declares) and without cookies;
- a hop from https to plain http is refused outright, credentials or not;
- a server-supplied link an adapter would *follow with its sign-in* (the next page of a
  list) must be on the helpdesk's origin: :func:`check_link` refuses it otherwise.
  Attachment links to another origin are fetched without credentials (Zendesk serves
  files from its own host whatever the helpdesk's address).

The parser is urllib3's, the one that connects: ``urlsplit`` and urllib3 disagree on
``http://evil.example\\@127.0.0.1/`` (issue 17, item 17).
"""

from __future__ import annotations

from collections.abc import Iterable, MutableMapping
from typing import Any

from urllib3.util import parse_url

from app.core.helpdesk import PermanentError

#: Headers that carry a sign-in in some adapter. An adapter with another one adds its name
#: to its session's ``credential_headers``.
CREDENTIAL_HEADERS = frozenset(
    {
        "authorization",
        "cookie",
        "private-token",  # GitLab
        "x-redmine-api-key",  # Redmine
        "app-token",  # GLPI
        "session-token",  # GLPI
    }
)
_PORTS = {"http": 80, "https": 443}

Origin = tuple[str, str, int]


def origin(url: str) -> Origin:
    """``(scheme, host, port)`` as urllib3 will connect; ``("", "", 0)`` for no address."""
    try:
        parts = parse_url(url)
    except ValueError:
        return ("", "", 0)
    scheme = (parts.scheme or "").lower()
    host = (parts.host or "").lower().rstrip(".")
    return (scheme, host, parts.port or _PORTS.get(scheme, 0))


def same_origin(url: str, home: str) -> bool:
    """True when ``url`` is on ``home``'s origin (and both are addresses)."""
    here = origin(home)
    return bool(here[1]) and origin(url) == here


def check_link(url: str, home: str, what: str = "a link") -> str:
    """``url`` when it is on the helpdesk's origin; a refusal (``bad_answer``) otherwise.

    For links the helpdesk hands back that Helpline then follows with the user's sign-in,
    such as the next page of a list. ``what`` names the link for IT in the error's detail.
    """
    if not same_origin(url, home):
        shown = "{}://{}:{}".format(*origin(url))
        raise PermanentError(f"{what} on another origin ({shown})", code="bad_answer")
    return url


def refuse_downgrade(url: str, trusted: Origin) -> None:
    """A hop from https to plain http is refused: nothing of the call may travel in clear."""
    if trusted[0] == "https" and origin(url)[0] != "https":
        raise PermanentError("redirect to plain http refused", code="bad_answer")


def strip_credentials(headers: MutableMapping[str, Any], names: Iterable[str]) -> None:
    """Remove every credential header (case-insensitively) from a prepared request's headers."""
    wanted = {name.lower() for name in names}
    for name in [key for key in headers if key.lower() in wanted]:
        del headers[name]


def credential_values(headers: MutableMapping[str, Any], names: Iterable[str]) -> list[str]:
    """The secret parts of the credential headers, as a server could echo them back.

    ``Authorization: Basic dXNlcjp0b2tlbg==`` yields the base64 form with and without its
    padding (issue 17, item 9); ``Bearer``/``token`` schemes yield the token; other
    headers their whole value.
    """
    wanted = {name.lower() for name in names} - {"cookie"}
    found: list[str] = []
    for key, value in headers.items():
        if key.lower() not in wanted or not value:
            continue
        value = value.decode("latin-1") if isinstance(value, bytes) else str(value)
        scheme, _, rest = value.partition(" ")
        secret = rest.strip() if rest and scheme.isalpha() else value
        for prefix in ("token=",):  # Zammad: "Token token=abc"
            secret = secret.removeprefix(prefix)
        found += [secret, secret.rstrip("=")]
    return [value for value in found if value]
