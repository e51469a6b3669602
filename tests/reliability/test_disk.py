"""Disk full and read-only data folder at the moment the user presses Send.

The real thing first: the data folder is a tiny tmpfs mounted for the test
(256 KB), filled up or remounted read-only, which stops root too (chmod does
not). Where mounting is not allowed (not root, no CAP_SYS_ADMIN) those tests
skip and the simulated ones below still run: they make the OS calls fail
with ENOSPC / EROFS in-process. Either way the promise is the same: a clear
OSError the Sending page and the CLI turn into a sentence, nothing half
written in the outbox, and the draft still there to try again.
"""

from __future__ import annotations

import errno
import os
import shutil
import sqlite3
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from app.core.config import load
from app.core.form import RequestForm
from app.core.model import Requester
from app.services.filing import Submission
from tests.cli.helpers import run


def _mount(target: Path, options: str) -> bool:
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(target)],
        capture_output=True,
        check=False,
    )
    return done.returncode == 0


@pytest.fixture
def tiny_disk() -> Iterator[Path]:
    """A 256 KB tmpfs, private to this test, unmounted afterwards."""
    target = Path(tempfile.mkdtemp(prefix="helpline-tiny-"))
    if (
        os.geteuid() != 0
        or shutil.which("mount") is None
        or not _mount(target, "size=256k,mode=0700")
    ):
        target.rmdir()
        pytest.skip(
            "cannot mount a tmpfs here (needs root and CAP_SYS_ADMIN); "
            "the simulated disk tests cover this case"
        )
    try:
        yield target
    finally:
        subprocess.run(["umount", "-l", str(target)], check=False)
        target.rmdir()


def _remount(target: Path, options: str) -> None:
    subprocess.run(["mount", "-o", f"remount,{options}", str(target)], check=True)


def _fill(folder: Path) -> Path:
    filler = folder / "filler"
    fd = os.open(filler, os.O_CREAT | os.O_WRONLY, 0o600)
    try:
        while True:
            os.write(fd, b"\0" * 4096)
    except OSError as err:
        assert err.errno == errno.ENOSPC
    finally:
        os.close(fd)
    return filler


def _form(files: list[str] | None = None) -> RequestForm:
    return RequestForm(
        requester=Requester(name="Ann Example", email="ann@example.org"),
        category="computer",
        summary="Outlook closes",
        happened="It closes when I open the calendar.",
        files=files or [],
    )


def _submission(root: Path) -> Submission:
    return Submission(load(env={}), root=root)


def _assert_nothing_half_written(submission: Submission, form: RequestForm) -> None:
    if submission.outbox.db_path.exists():
        assert submission.outbox.get(form.client_ref) is None
    assert not (submission.outbox.spool / form.client_ref).exists()
    kept = submission.drafts.load()
    assert kept is not None and kept.summary == form.summary  # the draft survives


def test_attachment_larger_than_the_free_space(tiny_disk: Path, tmp_path: Path) -> None:
    big = tmp_path / "trace.bin"
    big.write_bytes(os.urandom(400_000))
    submission = _submission(tiny_disk)
    form = _form([str(big)])
    submission.drafts.save(form)
    with pytest.raises(OSError) as err:
        submission.enqueue(submission.prepare(form))
    assert err.value.errno == errno.ENOSPC and err.value.strerror == "No space left on device"
    _assert_nothing_half_written(submission, form)
    _remount(tiny_disk, "size=2m")  # the user frees some space, then presses Try again
    item = submission.enqueue(submission.prepare(form))
    assert item.state.value == "queued" and submission.drafts.load() is None


def test_disk_full_when_the_outbox_row_is_written(tiny_disk: Path) -> None:
    submission = _submission(tiny_disk)
    form = _form()
    submission.drafts.save(form)
    filler = _fill(tiny_disk)
    with pytest.raises(OSError) as err:  # was sqlite3.OperationalError before the fix
        submission.enqueue(submission.prepare(form))
    assert err.value.errno == errno.ENOSPC
    filler.unlink()  # SQLite cannot even open the outbox on a full disk: look after freeing
    _assert_nothing_half_written(submission, form)
    assert submission.enqueue(submission.prepare(form)).state.value == "queued"


def test_read_only_data_folder(tiny_disk: Path) -> None:
    submission = _submission(tiny_disk)
    form = _form()
    submission.drafts.save(form)
    _remount(tiny_disk, "ro")
    with pytest.raises(OSError) as err:
        submission.enqueue(submission.prepare(form))
    assert err.value.errno == errno.EROFS
    assert submission.drafts.load() is not None
    _remount(tiny_disk, "rw")
    assert submission.enqueue(submission.prepare(form)).state.value == "queued"


def test_cli_says_the_disk_is_full_in_one_line(
    tiny_disk: Path, helpline_env: dict[str, str], tmp_path: Path
) -> None:
    big = tmp_path / "trace.bin"
    big.write_bytes(os.urandom(400_000))
    env = {**helpline_env, "XDG_DATA_HOME": str(tiny_disk)}
    proc = run(
        env,
        "submit",
        "--summary",
        "Outlook closes",
        "--description",
        "Calendar",
        "--name",
        "Ann",
        "--email",
        "ann@example.org",
        "--attach",
        str(big),
        "--no-screenshot",
        "--no-system-info",
    )
    assert proc.returncode == 1
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "No space left on device" in lines[0], proc.stderr
    assert "Traceback" not in proc.stderr


# -- simulated: the same promises where no tmpfs can be mounted -------------------------


def test_simulated_enospc_while_spooling(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    note = tmp_path / "note.txt"
    note.write_text("steps\n")
    submission = _submission(tmp_path / "data")
    form = _form([str(note)])
    submission.drafts.save(form)

    def full(*args: object, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr("app.core.outbox.shutil.copyfile", full)
    with pytest.raises(OSError) as err:
        submission.enqueue(submission.prepare(form))
    assert err.value.errno == errno.ENOSPC
    _assert_nothing_half_written(submission, form)


@pytest.mark.parametrize(
    ("message", "code"),
    [
        ("database or disk is full", errno.ENOSPC),
        ("attempt to write a readonly database", errno.EROFS),
    ],
)
def test_simulated_sqlite_refusals_become_oserrors(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, message: str, code: int
) -> None:
    submission = _submission(tmp_path / "data")
    form = _form()
    submission.drafts.save(form)
    real = sqlite3.Connection.execute

    class Refusing(sqlite3.Connection):
        def execute(self, sql: str, *args: Any) -> sqlite3.Cursor:
            if sql.startswith("INSERT INTO outbox"):
                raise sqlite3.OperationalError(message)
            return real(self, sql, *args)

    original = sqlite3.connect
    monkeypatch.setattr(
        "app.core.store.sqlite3.connect", lambda *a, **k: original(*a, **k, factory=Refusing)
    )
    with pytest.raises(OSError) as err:
        submission.enqueue(submission.prepare(form))
    assert err.value.errno == code and err.value.strerror
    _assert_nothing_half_written(submission, form)
