"""Everything Helpline writes about people's problems is readable by them only.

A full run in a subprocess with a permissive umask (0002, as on some
shared desktops): file a request with an attachment (outbox, spool, the
local helpdesk's store and files, the remembered identity), keep one
waiting, save a draft, write a crash log and the email adapter's record
of sent mail (its receipts). Then every file under the data, config and
cache folders must be 0600 and every folder 0700. SQLite's -wal and -shm
companions count too.
"""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.slow

FULL_RUN = r"""
import sys
from pathlib import Path
from app.backends.smtp import SmtpBackend
from app.core import crashlog, paths
from app.core.config import load
from app.core.form import RequestForm
from app.core.model import Requester
from app.core.attachments import EvidenceFile
from app.services.filing import Submission

note = Path(sys.argv[1])
config = load()
submission = Submission(config)
me = Requester(name="Ann Example", email="ann@example.org")
form = RequestForm(requester=me, category="computer", summary="Outlook closes",
                   happened="Calendar", files=[str(note)])
submission.drafts.save(form)
evidence = [EvidenceFile("system-info.txt", b"Debian", "text/plain", "system-info")]
item = submission.enqueue(submission.prepare(form, evidence))
assert submission.deliver(item.client_ref).state.value == "sent"
waiting = RequestForm(requester=me, category="computer", summary="Still waiting")
submission.outbox.add_ticket(submission.prepare(waiting).ticket)  # stays queued, spool kept
submission.drafts.save(RequestForm(requester=me, summary="A draft in progress"))
try:
    raise RuntimeError("boom")
except RuntimeError as err:
    crashlog.write(type(err), err, err.__traceback__)
SmtpBackend("127.0.0.1", "help@example.org").record.list_mine()  # creates its record store
paths.cache_dir()
print("ok")
"""


def _walk(root: Path) -> list[Path]:
    return [root, *sorted(root.rglob("*"))]


#: The local backend's attachment store (app/backends/local.py, not this suite's to change)
#: makes its parent folders with mkdir(parents=True) and copies files with the umask's bits.
LOCAL_FILES = "helpline/local-attachments"


@pytest.fixture(scope="module")
def modes(tmp_path_factory: pytest.TempPathFactory) -> dict[str, int]:
    """Run once; the relative path of everything written -> its permission bits."""
    home = tmp_path_factory.mktemp("modes")
    dirs = {key: home / key for key in ("config", "data", "cache", "site")}
    for folder in dirs.values():
        folder.mkdir()
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "QT_QPA_PLATFORM": "offscreen",
        "XDG_CONFIG_HOME": str(dirs["config"]),
        "XDG_DATA_HOME": str(dirs["data"]),
        "XDG_CACHE_HOME": str(dirs["cache"]),
        "XDG_CONFIG_DIRS": str(dirs["site"]),
    }
    note = home / "steps.txt"
    note.write_text("1. open Outlook\n")
    done = subprocess.run(
        [sys.executable, "-c", FULL_RUN, str(note)],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        preexec_fn=lambda: os.umask(0o002),
    )
    assert done.returncode == 0 and done.stdout.strip() == "ok", done.stderr
    seen: dict[str, int] = {}
    for key in ("data", "config", "cache"):
        base = dirs[key] / "helpline"
        if base.exists():
            for path in _walk(base):
                seen[str(path.relative_to(dirs[key]))] = stat.S_IMODE(path.lstat().st_mode) | (
                    0o40000 if path.is_dir() else 0
                )
    return seen


def _wrong(modes: dict[str, int], inside: bool) -> list[str]:
    out = []
    for name, bits in modes.items():
        if name.startswith(LOCAL_FILES) != inside:
            continue
        want = 0o40700 if bits & 0o40000 else 0o600
        if bits != want:
            out.append(f"{name}: {oct(bits & 0o777)}")
    return out


def test_every_file_is_private_after_a_full_run(modes: dict[str, int]) -> None:
    assert not _wrong(modes, inside=False)
    names = " ".join(modes)
    for expected in (
        "outbox.sqlite3",
        "outbox-files",
        "local-tickets.sqlite3",
        "draft.json",
        "requester.json",
        "crash-logs",
        "sent-by-email",
        "evidence",
    ):
        assert expected in names, (expected, sorted(modes))


def test_the_local_helpdesks_attachments_are_private(modes: dict[str, int]) -> None:
    assert any(name.startswith(LOCAL_FILES) for name in modes)
    assert not _wrong(modes, inside=True)
