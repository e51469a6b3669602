"""Known secret values appear nowhere after a run full of failures: not in exceptions either.

tests/cli/test_login.py scans files, logs and the terminal after a CLI run.
This run is harder: the server is hostile and echoes the token back in its
error messages (some do, in "invalid token 'abc'"), every log record goes
to a DEBUG file, urllib3 included, and a crash log is written for an
exception whose text holds the token. Afterwards the token must be absent
from every caught exception (str, repr, the CLI's sentence, its causes), the
outbox's rows and descriptions, the crash log, the log file and every
file Helpline wrote.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from app import cli_text
from app.backends import create_backend
from app.core import crashlog, logsafe, paths
from app.core.config import load
from app.core.form import RequestForm
from app.core.helpdesk import BackendError
from app.core.model import Requester
from app.core.outbox import State
from app.services.filing import Submission
from tests.backends.helpline_http_server import HelplineServer
from tests.reliability.conftest import ALICE
from tests.reliability.fault_server import FaultProxy

TOKEN = "tok-SECRET-9f8e7d6c5b4a"


@pytest.fixture
def debug_log(tmp_path: Path) -> Iterator[Path]:
    logsafe.install()
    target = tmp_path / "debug.log"
    handler = logging.FileHandler(target, encoding="utf-8")
    root = logging.getLogger()
    old = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    yield target
    root.removeHandler(handler)
    root.setLevel(old)
    handler.close()


def _texts(err: BaseException) -> list[str]:
    out = []
    seen: BaseException | None = err
    while seen is not None:
        out += [str(seen), repr(seen)]
        if isinstance(seen, BackendError):
            out += [seen.detail, *map(str, seen.facts.values()), cli_text.error(seen)]
        seen = seen.__cause__ or seen.__context__
    return out


def test_a_hostile_server_cannot_make_helpline_repeat_the_token(
    tmp_path: Path, debug_log: Path, isolated_dirs: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    server = HelplineServer({TOKEN: ALICE}).start()
    proxy = FaultProxy(server.url)
    monkeypatch.setenv("HELPLINE_SECRET_TOKEN", TOKEN)
    caught: list[BaseException] = []
    with proxy:
        config = load(
            flags={
                "backend.type": "http",
                "backend.url": proxy.url,
                "backend.token_env": "HELPLINE_SECRET_TOKEN",
            },
            env={},
        )
        submission = Submission(config, root=paths.data_dir())
        echo = {
            "error": {
                "code": "bad",
                "message": f"invalid token '{TOKEN}' (Authorization: Bearer {TOKEN})",
            }
        }
        proxy.fail_next("POST", "^/v1/tickets$", 401, echo)
        proxy.fail_next("GET", "^/v1/tickets/", 500, echo)
        proxy.fail_next("GET", "^/v1/me$", 400, {"message": f"token={TOKEN} refused"})
        form = RequestForm(
            requester=Requester(**ALICE),
            category="computer",
            summary="Outlook closes",
            happened="Calendar",
        )
        item = submission.enqueue(submission.prepare(form))
        failed = submission.deliver(item.client_ref)
        assert failed.state is State.FAILED
        logging.getLogger("test").warning(
            "delivery said: %s %s", failed.error_code, failed.error_facts
        )
        backend = create_backend(config)
        for call in (lambda: backend.get("1"), backend.whoami):
            try:
                call()
            except BackendError as err:
                caught.append(err)
                logging.getLogger("test").exception("the helpdesk refused")
        assert len(caught) == 2
        sent = submission.deliver(item.client_ref)
        assert sent.state is State.SENT
    server.stop()
    try:
        raise RuntimeError(f"headers were {{'Authorization': 'Bearer {TOKEN}'}}")
    except RuntimeError:
        crash = crashlog.write(*sys.exc_info(), root=paths.data_dir())  # type: ignore[misc]

    texts = {
        f"exception {i}.{j}": t for i, err in enumerate(caught) for j, t in enumerate(_texts(err))
    }
    texts.update(
        {
            f"outbox {i.client_ref}": f"{i.to_dict()}"
            for i in submission.outbox.items(include_sent=True)
        }
    )
    leaks = [where for where, text in texts.items() if TOKEN in text]
    files = [
        crash,
        debug_log,
        *(
            p
            for key in ("data", "config", "cache")
            for p in (isolated_dirs[key]).rglob("*")
            if p.is_file()
        ),
    ]
    leaks += [str(p) for p in files if TOKEN.encode() in p.read_bytes()]
    assert not leaks, (leaks, texts)
    assert "invalid token" in debug_log.read_text("utf-8")  # the records were written
    assert logsafe.MASK in crash.read_text("utf-8")
