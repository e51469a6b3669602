"""Outbox durability across process deaths, seen through ``helpline outbox``.

Each scenario kills a real process with SIGKILL at the worst moment and
then lets the CLI pick up the pieces: the request is delivered later, once.
"""

from __future__ import annotations

import json
import signal
from pathlib import Path

from tests.cli.helpers import run, run_json, script

ENQUEUE = """
import os, signal
from app.core.config import load
from app.core.form import RequestForm
from app.core.model import Requester
from app.services.filing import Submission

submission = Submission(load())
form = RequestForm(requester=Requester(name="Ann", email="ann@example.org"),
                   category="computer", summary="Killed before delivery",
                   happened="Outlook closes when I open the calendar",
                   files=[{attachment!r}])
item = submission.enqueue(submission.prepare(form))
print(item.client_ref, flush=True)
{after}
os.kill(os.getpid(), signal.SIGKILL)
"""

CREATE_THEN_DIE = """
from app.core.model import NewTicket
claimed = submission.outbox.claim(item.client_ref)
assert claimed is not None
ticket = submission.backend.create(NewTicket.from_dict(claimed.payload))
print(ticket.id, flush=True)
"""


def kill_after(helpline_env: dict[str, str], tmp_path: Path, after: str) -> list[str]:
    note = tmp_path / "note.txt"
    note.write_text("kept in the spool\n", "utf-8")
    proc = script(helpline_env, ENQUEUE.format(attachment=str(note), after=after))
    assert proc.returncode == -signal.SIGKILL, proc.stderr
    note.unlink()  # the user tidies up; the outbox has its own copy
    return proc.stdout.split()


def test_killed_before_delivery_is_delivered_once(
    helpline_env: dict[str, str], tmp_path: Path
) -> None:
    (client_ref,) = kill_after(helpline_env, tmp_path, after="")
    (waiting,) = run_json(helpline_env, "outbox")
    assert (waiting["client_ref"], waiting["state"], waiting["attempts"]) == (
        client_ref,
        "queued",
        0,
    )
    human = run(helpline_env, "outbox")
    assert "Killed before delivery" in human.stdout and "queued" in human.stdout
    assert run_json(helpline_env, "list") == []
    listing = run(helpline_env, "list").stdout
    assert "You have no requests yet." in listing
    assert "Not sent yet: 1 request; see 'helpline outbox'." in listing

    retry = run(helpline_env, "outbox", "retry")
    assert retry.returncode == 0, retry.stderr
    assert retry.stdout.strip() == "Killed before delivery: Sent as #1."
    again = run(helpline_env, "outbox", "retry")
    assert (again.returncode, again.stdout.strip()) == (0, "Nothing is waiting in the outbox.")

    (ticket,) = run_json(helpline_env, "list")
    assert ticket["client_ref"] == client_ref
    (message,) = run_json(helpline_env, "show", ticket["id"])["messages"]
    (note,) = message["attachments"]
    assert note["filename"] == "note.txt"
    assert Path(note["path"]).read_text("utf-8") == "kept in the spool\n"
    assert run_json(helpline_env, "outbox") == []


def test_killed_after_the_backend_created_it(helpline_env: dict[str, str], tmp_path: Path) -> None:
    client_ref, ticket_id = kill_after(helpline_env, tmp_path, after=CREATE_THEN_DIE)
    (waiting,) = run_json(helpline_env, "outbox")
    assert waiting["state"] == "sending" and waiting["attempts"] == 1
    assert waiting["ticket_id"] == ""  # the outbox never heard back

    retry = run(helpline_env, "outbox", "retry")
    assert retry.returncode == 0, retry.stderr
    assert f"Sent as #{ticket_id}." in retry.stdout
    (ticket,) = run_json(helpline_env, "list")
    assert (ticket["id"], ticket["client_ref"]) == (ticket_id, client_ref)
    assert len(run_json(helpline_env, "show", ticket_id)["messages"]) == 1
    assert run(helpline_env, "outbox", "retry").stdout.strip() == (
        "Nothing is waiting in the outbox."
    )
    assert len(run_json(helpline_env, "list")) == 1


def test_retry_that_fails_exits_1(
    helpline_env: dict[str, str], tmp_path: Path, isolated_dirs: dict[str, Path]
) -> None:
    kill_after(helpline_env, tmp_path, after="")
    store = isolated_dirs["data"] / "helpline" / "local-tickets.sqlite3"
    store.mkdir()
    as_json = run(helpline_env, "outbox", "retry", "--json")
    assert as_json.returncode == 1
    (result,) = json.loads(as_json.stdout)
    assert result["state"] == "failed" and result["attempts"] == 1
    retry = run(helpline_env, "outbox", "retry")
    assert retry.returncode == 1
    assert "Killed before delivery: Not sent yet: The requests kept on this computer" in (
        retry.stdout
    )
    (waiting,) = run_json(helpline_env, "outbox")
    assert waiting["state"] == "failed" and waiting["error_code"] == "store_unavailable"
    assert waiting["error_facts"]["detail"]  # SQLite's own words, as data
    assert waiting["error"].startswith("The requests kept on this computer cannot be opened")
    assert waiting["description"].startswith("Not sent yet: The requests kept on this")
    human = run(helpline_env, "outbox").stdout.splitlines()
    assert human[0].split() == ["REF", "SUMMARY", "STATE", "TRIES", "NOTE"]
    assert "failed" in human[1] and "will try again" in human[1]


def test_empty_outbox(helpline_env: dict[str, str]) -> None:
    proc = run(helpline_env, "outbox")
    assert proc.stdout.strip() == "The outbox is empty: nothing waits to be sent."
    assert run_json(helpline_env, "outbox") == []


def test_outbox_discard_forgets_one_waiting_item(helpline_env: dict[str, str]) -> None:
    made = script(
        helpline_env,
        "from app.core.outbox import Outbox\n"
        "print(Outbox().add_reply('404', 'Hello, anyone?').client_ref)\n"
        "print(Outbox().add_reply('405', 'Keep me').client_ref)",
    )
    gone_ref, kept_ref = made.stdout.split()
    proc = run(helpline_env, "outbox", "discard", gone_ref[:8])
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "Discarded from the outbox: Hello, anyone?"
    assert [i["client_ref"] for i in run_json(helpline_env, "outbox")] == [kept_ref]
    again = run(helpline_env, "outbox", "discard", gone_ref[:8])
    assert again.returncode == 2
    assert again.stderr.strip() == (
        f"helpline: No waiting item has the REF {gone_ref[:8]}; see 'helpline outbox'."
    )
