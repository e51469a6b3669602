"""Every adapter against a server that answers nonsense: never a crash, always a typed error.

A real loopback server answers each request with what hypothesis draws: a
JSON value built from the keys the adapter itself reads (harvested from its
source, so "items", "Status" or "issues" come up often enough to get past
the first ``.get``), random statuses and headers, or raw bytes. Each example
builds a fresh adapter and calls every contract method. Anything but a
result or an :class:`app.core.helpdesk.BackendError` fails the test, and
hypothesis shrinks it to the smallest reply that does it.

Examples are derandomized, so CI and a laptop run the same ones; set
``HELPLINE_FUZZ_EXAMPLES`` to run more (docs/reliability.md quotes runs of
300 per adapter), and ``HELPLINE_FUZZ_TOP=object`` to draw only JSON objects
at the top, which gets past an adapter's first "this is not an object" bug
to the ones behind it.
"""

from __future__ import annotations

import json
import os
import re
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, Phase, example, given, settings
from hypothesis import strategies as st

from app.backends import REGISTRY, create_backend
from app.core.config import load
from app.core.helpdesk import Backend, BackendError
from app.core.model import Attachment, NewTicket, Requester
from tests.backends.fake_base import FakeServer, Reply, Request

EXAMPLES = int(os.environ.get("HELPLINE_FUZZ_EXAMPLES", "25"))
ROOT = Path(__file__).resolve().parents[2]
ADAPTERS = [name for name in REGISTRY if name not in ("local", "email")]
#: Per adapter: config keys its constructor needs to get as far as the network.
EXTRA: dict[str, dict[str, str]] = {
    "rt": {"backend.username": "casey", "backend.password": "pw-fuzz-1234"},
    "zendesk": {"backend.username": "casey@example.org", "backend.password": "pw-fuzz-1234"},
    "jira": {
        "backend.username": "casey@example.org",
        "backend.token": "tok-fuzz-1234",
        "backend.service_desk_id": "1",
        "backend.request_type_id": "2",
    },
    "zammad": {"backend.token": "tok-fuzz-1234", "backend.group": "Users"},
    "http": {"backend.token": "tok-fuzz-1234"},
    "redmine": {"backend.token": "tok-fuzz-1234", "backend.project": "helpdesk"},
    "gitlab": {"backend.token": "tok-fuzz-1234", "backend.project": "it/helpdesk"},
    "github": {"backend.token": "tok-fuzz-1234", "backend.project": "it/helpdesk"},
    "glpi": {"backend.token": "tok-fuzz-1234", "backend.app_token": "app-fuzz-1234"},
}
#: Shrinking a failure to its smallest form takes a minute per adapter: only when asked.
EXPLORE = os.environ.get("HELPLINE_FUZZ_TOP") == "object"
PHASES = (
    ([] if EXPLORE else [Phase.explicit])
    + [Phase.reuse, Phase.generate]
    + ([Phase.shrink] if os.environ.get("HELPLINE_FUZZ_SHRINK") == "1" else [])
)
#: Inputs found by this test in adapters this suite may not change, reported to their owners.
#: adapter -> reason; the test is xfail (strict) there until the adapter is fixed.
KNOWN: dict[str, str] = {}


def _vocabulary(adapter: str) -> list[str]:
    module = REGISTRY[adapter].split(":")[0]
    source = (ROOT / (module.replace(".", "/") + ".py")).read_text("utf-8")
    keys = set(re.findall(r"""(?:\.get\(|\[)["']([A-Za-z_][\w.-]{0,40})["']""", source))
    return sorted(keys | {"id", "items", "data", "error", "message"})


def reply(status: int, ctype: str, headers: dict[str, str], body: bytes) -> Reply:
    return Reply(status, body, {**headers, **({"Content-Type": ctype} if ctype else {})})


def replies(adapter: str) -> st.SearchStrategy[list[Reply]]:
    words = _vocabulary(adapter)
    scalars = (
        st.none()
        | st.booleans()
        | st.integers(-2, 10**12)
        | st.floats(allow_nan=False, allow_infinity=False)
        | st.sampled_from(
            ["", "1", "new", "open", "2026-01-01T00:00:00Z", "null", "../x", "aGVsbG8=", "@", "😀"]
        )
        | st.text(max_size=12)
    )
    values = st.recursive(
        scalars,
        lambda inner: (
            st.lists(inner, max_size=4)
            | st.dictionaries(st.sampled_from(words) | st.text(max_size=6), inner, max_size=6)
        ),
        max_leaves=20,
    )
    if EXPLORE:  # look past the "not an object" bugs: only objects at the top
        values = st.dictionaries(st.sampled_from(words), values, min_size=1, max_size=8)
    json_body = values.map(lambda v: json.dumps(v).encode())
    raw_body = st.binary(max_size=64) | st.just(b'{"id": 1, "subject": "cut')
    status = st.sampled_from([200, 200, 200, 201, 204, 400, 401, 403, 404, 409, 422, 429, 500])
    ctype = st.sampled_from(
        [
            "application/json",
            "application/json; charset=utf-8",
            "text/html",
            "application/octet-stream",
            "",
        ]
    )
    headers = st.fixed_dictionaries(
        {},
        optional={
            "Retry-After": st.sampled_from(["5", "-1", "soon", "Wed, 21 Oct 2015 07:28:00 GMT"]),
            "Link": st.sampled_from(['<http://127.0.0.1:1/x?page=2>; rel="next"', "garbage"]),
            "X-Total-Pages": st.sampled_from(["2", "x"]),
            "Location": st.sampled_from(["/x/1", "http://127.0.0.1:1/y"]),
        },
    )
    one = st.builds(reply, status, ctype, headers, json_body | raw_body)
    return st.lists(one, min_size=1, max_size=4)


NULL = reply(200, "application/json", {}, b"null")


class FuzzServer(FakeServer):
    """Answers with the replies given, in order; then 500 so paging loops end."""

    def __init__(self) -> None:
        super().__init__()
        self.replies: list[Reply] = []

    def handle(self, request: Request) -> Reply:
        if self.replies:
            return self.replies.pop(0)
        return Reply(500, {"error": "no more fuzz"})


def _calls(folder: Path) -> list[tuple[str, Callable[[Backend], Any]]]:
    ref = str(uuid.uuid4())
    ticket = NewTicket(
        subject="Fuzz", body="Body", requester=Requester("Casey", "c@example.org"), client_ref=ref
    )
    attachment = Attachment(filename="../../escape.txt", size=3, backend_id="1")
    return [
        ("capabilities", lambda b: b.capabilities()),
        ("whoami", lambda b: b.whoami()),
        ("create", lambda b: b.create(ticket)),
        ("find_by_client_ref", lambda b: b.find_by_client_ref(ref)),
        ("list_mine", lambda b: b.list_mine()),
        ("get", lambda b: b.get("1")),
        ("messages", lambda b: b.messages("1")),
        ("reply", lambda b: b.reply("1", "More detail")),
        ("set_resolved", lambda b: b.set_resolved("1")),
        ("reopen", lambda b: b.reopen("1", "Again")),
        ("download", lambda b: b.download(attachment, folder / "out")),
    ]


def _check_adapter(adapter: str, tmp_path: Path) -> None:
    server = FuzzServer()
    flags = {"backend.type": adapter, "backend.url": server.url, **EXTRA[adapter]}
    config = load(flags=flags, env={})
    calls = _calls(tmp_path)

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        derandomize=True,
        database=None,
        phases=PHASES,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(st.sampled_from([name for name, _ in calls]), replies(adapter))
    @example("whoami", [NULL])  # the smallest nonsense, tried first in every run
    @example("list_mine", [NULL, NULL])
    @example("get", [reply(200, "application/json", {}, b"[]")] * 2)
    def one(method: str, answers: list[Reply]) -> None:
        server.replies = list(answers)
        backend = create_backend(config)
        try:
            dict(calls)[method](backend)
        except BackendError:
            pass
        finally:
            backend.close()
        out = tmp_path / "out"
        if out.exists():  # a hostile name never leaves the chosen folder
            assert not (tmp_path / "escape.txt").exists()

    with server:
        one()


@pytest.mark.parametrize("adapter", ADAPTERS)
def test_nonsense_replies_give_typed_errors(
    adapter: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    if adapter in KNOWN and not EXPLORE:
        request.applymarker(pytest.mark.xfail(reason=KNOWN[adapter], strict=True))
    _check_adapter(adapter, tmp_path)
