"""SIGKILL while sending to the real RT, at the worst moment, then start again.

The child process files a request the way the wizard does (Submission:
enqueue, then deliver) and kills itself with SIGKILL the instant RT's create
has returned, before the outbox could record the ticket. That moment is made
deterministic by wrapping the adapter's ``create`` inside the child script, so
the product carries no test hook. ``helpline outbox retry`` then runs as a
fresh process: it must find the ticket by its client reference and never
create a second one.
"""

from __future__ import annotations

import signal
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from tests.backends.rt_server import RTServer
from tests.cli.helpers import run, run_json
from tests.conftest import ROOT

pytestmark = pytest.mark.slow

CHILD = """
import os, signal, sys
from app.core.config import load
from app.core.form import RequestForm
from app.core.model import Requester
from app.services.filing import Submission

submission = Submission(load())
form = RequestForm(requester=Requester(name="Casey Customer", email="customer@example.org"),
                   category="computer", summary=sys.argv[1],
                   happened="Outlook closes when I open the calendar.",
                   files=[sys.argv[2]])
item = submission.enqueue(submission.prepare(form))
print(item.client_ref, flush=True)
backend = submission.backend
create = backend.create

def create_then_die(ticket):
    made = create(ticket)           # RT has the ticket now...
    print(made.id, flush=True)
    os.kill(os.getpid(), signal.SIGKILL)  # ...and the outbox never hears of it

backend.create = create_then_die
submission.deliver(item.client_ref)
print("not reached", flush=True)
"""


def test_killed_after_rt_created_the_ticket_is_delivered_once(
    rt_server: RTServer,
    helpline_env: dict[str, str],
    isolated_dirs: dict[str, Path],
    tmp_path: Path,
) -> None:
    config = isolated_dirs["config"] / "helpline" / "config.toml"
    config.parent.mkdir(parents=True)
    config.write_text(
        f'[backend]\ntype = "rt"\nurl = "{rt_server.url}"\n'
        f'username = "{rt_server.customer_user}"\npassword_env = "HELPLINE_KILL_RT_PW"\n'
        f'queue = "{rt_server.queue}"\n\n[attachments]\nscreenshot = false\n'
        "system_info = false\n",
        "utf-8",
    )
    env = {**helpline_env, "HELPLINE_KILL_RT_PW": rt_server.customer_password}
    note = tmp_path / "calendar.txt"
    note.write_text("Event ID 1000\n", "utf-8")
    tag = uuid.uuid4().hex[:10]
    child = subprocess.run(
        [sys.executable, "-c", CHILD, f"Outlook crashes {tag}", str(note)],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert child.returncode == -signal.SIGKILL, child.stderr
    client_ref, ticket_id = child.stdout.split()
    assert rt_server.agent_search(f"Subject LIKE '{tag}'") == [ticket_id]

    (waiting,) = run_json(env, "outbox")
    assert (waiting["client_ref"], waiting["state"], waiting["ticket_id"]) == (
        client_ref,
        "sending",
        "",
    )
    retry = run(env, "outbox", "retry")
    assert retry.returncode == 0, retry.stderr
    assert retry.stdout.strip() == f"Outlook crashes {tag}: Sent as #{ticket_id}."
    assert rt_server.agent_search(f"Subject LIKE '{tag}'") == [ticket_id]  # exactly one
    again = run(env, "outbox", "retry")
    assert again.stdout.strip() == "Nothing is waiting in the outbox."
    assert rt_server.agent_search(f"Subject LIKE '{tag}'") == [ticket_id]
    assert rt_server.agent_ticket(ticket_id)["Subject"] == f"Outlook crashes {tag}"
