"""The numbers the CLI shows are the numbers it takes (issue 15: no dead ends).

Against the http protocol's reference server on 127.0.0.1 (tests/backends/
helpline_http_server.py), whose tickets have an id ("1") and a number people see
("HL-1"), as Jira ("10001" / "PROJ-7") and others do. A new user types what
``helpline list`` shows; before, every follow-up command refused it and told them to
check the number with ``helpline list``. And a reply to a request that still waits in
the outbox was kept and promised delivery it could never get: no helpdesk had that
request, so once it was sent the reply failed as "could not find this request".
"""

from __future__ import annotations

import socket
from pathlib import Path

from tests.backends.helpline_http_server import HelplineServer
from tests.cli.helpers import run, run_json

ANN = {"name": "Ann Example", "email": "ann@example.org"}


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _desk(helpline_env: dict[str, str], tmp_path: Path, port: int) -> list[str]:
    config = tmp_path / "helpline.toml"
    config.write_text(
        f'[backend]\ntype = "http"\nurl = "http://127.0.0.1:{port}"\ntoken = "tok-ann"\n',
        "utf-8",
    )
    return ["--config", str(config)]


def _submit(env: dict[str, str], args: list[str], summary: str) -> dict:
    return run_json(  # type: ignore[no-any-return]
        env,
        *args,
        "submit",
        "--summary",
        summary,
        "--description",
        "Every page.",
        "--name",
        ANN["name"],
        "--email",
        ANN["email"],
        "--no-screenshot",
        "--no-system-info",
    )


def test_follow_ups_take_the_number_list_shows(
    helpline_env: dict[str, str], tmp_path: Path
) -> None:
    server = HelplineServer({"tok-ann": ANN}).start()
    try:
        args = _desk(helpline_env, tmp_path, int(server.url.rsplit(":", 1)[1]))
        _submit(helpline_env, args, "Printer jams")
        listed = run(helpline_env, *args, "list")
        assert "HL-1" in listed.stdout
        for number in ("HL-1", "#1", "hl-1"):
            shown = run(helpline_env, *args, "show", number)
            assert shown.returncode == 0, shown.stderr
            assert "Printer jams" in shown.stdout
        replied = run(helpline_env, *args, "reply", "HL-1", "--message", "Also on floor 3")
        assert replied.returncode == 0, replied.stderr
        assert "Your message was added to request" in replied.stdout
        assert any("Also on floor 3" in str(m) for m in server.messages["1"])
        solved = run(helpline_env, *args, "resolve", "HL-1")
        assert solved.returncode == 0, solved.stderr
        assert server.tickets["1"]["status"] == "resolved"
    finally:
        server.stop()


def test_a_reply_to_a_request_still_in_the_outbox_is_refused_and_its_ref_works_once_sent(
    helpline_env: dict[str, str], tmp_path: Path
) -> None:
    port = _free_port()  # nothing listens yet: the helpdesk is down
    args = _desk(helpline_env, tmp_path, port)
    filed = _submit(helpline_env, args, "VPN drops")
    assert filed["queued"] is True
    ref = filed["client_ref"][:8]  # what `helpline outbox` shows under REF
    assert ref in run(helpline_env, *args, "outbox").stdout

    early = run(helpline_env, *args, "reply", ref, "--message", "Any news?")
    assert early.returncode == 1
    assert "has not reached the helpdesk yet" in early.stderr
    assert "Nothing was kept" in early.stderr
    assert [i["kind"] for i in run_json(helpline_env, *args, "outbox")] == ["ticket"]

    server = HelplineServer({"tok-ann": ANN}, port=port).start()
    try:
        retried = run(helpline_env, *args, "outbox", "retry")
        assert retried.returncode == 0, retried.stderr
        late = run(helpline_env, *args, "reply", ref, "--message", "Any news?")
        assert late.returncode == 0, late.stderr  # the REF now leads to its ticket
        [ticket_id] = server.tickets
        assert any("Any news?" in str(m) for m in server.messages[ticket_id])
    finally:
        server.stop()
