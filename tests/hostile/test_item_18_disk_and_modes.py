"""Issue 17, "And:": SQLite's "disk I/O error" on a full disk says the disk is full, and
icon cache files are 0600 under any umask.

On a full disk SQLite often reports a failed write of its WAL as SQLITE_IOERR ("disk I/O
error") rather than SQLITE_FULL; before the fix people read "the outbox could not be
written (disk I/O error)" instead of "There is no space left on the disk …".
"""

from __future__ import annotations

import errno
import os
import sqlite3
import stat
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from app.core import outbox as outbox_module
from tests.reliability.test_disk import _assert_nothing_half_written, _form, _submission


def _refuse_writes(monkeypatch: pytest.MonkeyPatch, message: str) -> None:
    """The outbox's write transaction fails as SQLite fails on a full disk. (No subclass of
    sqlite3.Connection: such connections, collected later on another thread, crashed a
    later test.)"""

    @contextmanager
    def refusing(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
        raise sqlite3.OperationalError(message)
        yield conn

    monkeypatch.setattr(outbox_module, "transaction", refusing)


@pytest.mark.parametrize(("free", "code"), [(4096, errno.ENOSPC), (10**10, errno.EIO)])
def test_disk_io_error_on_a_full_disk_is_disk_full(
    free: int, code: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    submission = _submission(tmp_path / "data")
    form = _form()
    submission.drafts.save(form)
    _refuse_writes(monkeypatch, "disk I/O error")
    usage = type("Usage", (), {"total": 10**11, "used": 10**11 - free, "free": free})
    monkeypatch.setattr(outbox_module.shutil, "disk_usage", lambda path: usage)
    with pytest.raises(OSError) as err:
        submission.enqueue(submission.prepare(form))
    assert err.value.errno == code  # with room to spare, an I/O error stays one
    _assert_nothing_half_written(submission, form)


#: The CLI in a process of its own (its submit leaves threads behind that a later test's
#: Qt objects must not meet), with the INSERT refused and the disk all but full.
CLI_ON_A_FULL_DISK = """
import sqlite3, sys
from collections import namedtuple
import app.core.outbox, app.core.store
real = sqlite3.Connection.execute
class Refusing(sqlite3.Connection):
    def execute(self, sql, *args):
        if sql.startswith("INSERT INTO outbox"):
            raise sqlite3.OperationalError("disk I/O error")
        return real(self, sql, *args)
original = sqlite3.connect
app.core.store.sqlite3 = type(sys)("sqlite3_refusing")
app.core.store.sqlite3.__dict__.update(sqlite3.__dict__)
app.core.store.sqlite3.connect = lambda *a, **k: original(*a, **k, factory=Refusing)
Usage = namedtuple("Usage", "total used free")
app.core.outbox.shutil.disk_usage = lambda path: Usage(10**11, 10**11, 0)
from app.cli import main
sys.exit(main(sys.argv[1:]))
"""


def test_the_cli_says_the_disk_is_full(helpline_env: dict[str, str]) -> None:
    proc = subprocess.run(
        [
            sys.executable,
            "-c",
            CLI_ON_A_FULL_DISK,
            "submit",
            "--summary",
            "Outlook closes",
            "--description",
            "It closes when I open the calendar.",
            "--name",
            "Ann",
            "--email",
            "ann@example.org",
            "--no-screenshot",
            "--no-system-info",
        ],
        env=helpline_env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert proc.returncode != 0, proc.stdout
    assert "There is no space left on the disk" in proc.stderr, proc.stderr


@pytest.mark.skipif(not hasattr(os, "umask"), reason="POSIX modes")
@pytest.mark.parametrize("umask", [0o000, 0o022, 0o277])
def test_icon_cache_files_are_0600_under_any_umask(umask: int, qapp) -> None:  # type: ignore[no-untyped-def]
    from app.core import paths
    from app.ui import style

    old = os.umask(umask)
    try:
        style._icon_file("icon-arrow-down.svg", "#123456")
        style.svg_pixmap("app-icon.svg", 24, ratio=1.0)
    finally:
        os.umask(old)
    files = [p for p in (paths.cache_dir() / "icons").iterdir()]
    assert {p.suffix for p in files} == {".svg", ".argb32"}
    for path in files:
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, (oct(umask), path.name)
