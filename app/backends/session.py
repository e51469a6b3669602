"""The session every adapter talks through: timeouts, checked redirects, bounded bodies.

Kept apart from :mod:`app.backends.http` (which builds it in :func:`~app.backends.http.
make_session` and maps its answers to typed errors) so each module stays readable.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urljoin

import requests
from requests.utils import requote_uri

from app.backends import bodies, origin
from app.core import deadline, logsafe
from app.core.helpdesk import PermanentError

#: Redirects followed in one call, each hop checked.
MAX_REDIRECTS = 5
#: The statuses that are success whatever the body says (304: a conditional list).
STANDARD = frozenset({200, 201, 202, 204, 304})


class GuardedSession(requests.Session):
    """A session that never waits forever and sends the sign-in only to the helpdesk.

    Every call gets the default timeout; every body is read within limits
    (:mod:`app.backends.bodies`); redirects are followed here, hop by hop, so that
    each hop is checked (:mod:`app.backends.origin`): credential headers go only to
    ``home``'s origin (or, with no ``home``, the call's first address), https never
    becomes http, and the body of a redirect is read within :data:`bodies.ERROR_LIMIT`.
    ``credential_headers`` names the headers stripped off-origin; an adapter with another
    one adds it. ``json_limit`` bounds what a call without ``stream=True`` reads.
    """

    def __init__(self, timeout: float | tuple[float, float], home: str = "") -> None:
        super().__init__()
        self.default_timeout = timeout
        self.home = home
        self.credential_headers: set[str] = set(origin.CREDENTIAL_HEADERS)
        self.json_limit = bodies.JSON_LIMIT
        self.max_redirects = MAX_REDIRECTS

    def request(  # type: ignore[override]
        self,
        method: str,
        url: str,
        *args: Any,
        **kwargs: Any,
    ) -> requests.Response:
        if args:  # requests' positional order: params, data, headers
            kwargs.update(zip(("params", "data", "headers"), args, strict=False))
        timeout = within_deadline(kwargs.pop("timeout", None) or self.default_timeout)
        if isinstance(self.verify, str):
            # requests lets REQUESTS_CA_BUNDLE / CURL_CA_BUNDLE replace Session.verify
            # (psf/requests#3829), which would silently drop backend.ca_bundle.
            kwargs.setdefault("verify", self.verify)
        stream = bool(kwargs.pop("stream", False))
        follow = kwargs.pop("allow_redirects", True)
        settings: dict[str, Any] = {
            k: kwargs.pop(k) for k in ("proxies", "verify", "cert") if k in kwargs
        }
        request = requests.Request(method=method.upper(), url=url, **kwargs)
        trusted = origin.origin(self.home or url)
        for _hop in range(self.max_redirects + 1):
            response = self._send_once(request, trusted, timeout, settings)
            if not (follow and response.is_redirect):
                break
            bodies.read(response, bodies.ERROR_LIMIT)
            request = self._next_hop(request, response)
        else:
            raise PermanentError(f"over {self.max_redirects} redirects", code="bad_answer")
        if not stream or response.status_code not in STANDARD:
            # A streamed answer with an odd status is read now (bounded), so that deciding
            # whether it is a refusal never reads an unbounded body.
            success = response.status_code < 300
            bodies.keep(response, self.json_limit if success else bodies.ERROR_LIMIT)
        return response

    def _send_once(
        self,
        request: requests.Request,
        trusted: origin.Origin,
        timeout: Any,
        settings: dict[str, Any],
    ) -> requests.Response:
        """One hop: credentials only on the trusted origin, never from https to http."""
        prepared = self.prepare_request(request)
        target = prepared.url or ""
        origin.refuse_downgrade(target, trusted)
        if origin.origin(target) == trusted:
            for secret in origin.credential_values(prepared.headers, self.credential_headers):
                logsafe.register(secret)  # a server echoing it back must not show it
        else:
            origin.strip_credentials(prepared.headers, self.credential_headers)
        merged = self.merge_environment_settings(
            target,
            settings.get("proxies") or {},
            True,
            settings.get("verify"),
            settings.get("cert"),
        )
        response = self.send(prepared, timeout=timeout, allow_redirects=False, **merged)
        read_timeout = timeout[1] if isinstance(timeout, tuple) else timeout
        bodies.clock(response, float(read_timeout or 30.0))
        return response

    @staticmethod
    def _next_hop(request: requests.Request, response: requests.Response) -> requests.Request:
        """The request a redirect asks for, as browsers and ``requests`` rewrite it.

        A 303 (and a 301/302 after a POST) becomes a GET without the body; a redirect
        that would send a body again (307/308) is refused: a streamed file cannot be
        read twice, and a helpdesk's API does not redirect its writes.
        """
        location = response.headers["Location"]
        target = urljoin(response.url, requote_uri(location))
        method = request.method or "GET"
        code = response.status_code
        if (code == 303 and method != "HEAD") or (code in (301, 302) and method == "POST"):
            method = "GET"
        has_body = request.data or request.json is not None or request.files
        if has_body and method != "GET":
            raise PermanentError(f"redirect {code} of a {method} refused", code="bad_answer")
        headers = {
            k: v
            for k, v in (request.headers or {}).items()
            if k.lower() not in ("content-type", "content-length")
        }
        return requests.Request(
            method=method,
            url=target,
            headers=headers,
            auth=request.auth,
            cookies=request.cookies,
            hooks=request.hooks,
        )


def within_deadline(
    timeout: float | tuple[float, float] | None,
) -> float | tuple[float, float] | None:
    """The call's timeout, shortened to what is left of the work's overall deadline.

    Raises ``Timeout`` (which every adapter maps to the ``timeout`` code) when nothing is
    left: a delivery attempt must end before another process could think it dead (see
    :mod:`app.core.deadline`, :data:`app.core.claims.SEND_DEADLINE_SECONDS`).
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
