"""SQLite opened the same way everywhere: private file, WAL, one connection per use.

Connections are short-lived and never shared between threads, which keeps the
outbox and the local backend safe to use from workers and from a second
process (the CLI) at the same time.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from app.core.paths import private_file


@contextmanager
def connect(path: Path, schema: str) -> Iterator[sqlite3.Connection]:
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    private_file(path)
    conn = sqlite3.connect(path, timeout=10.0, isolation_level=None)
    try:
        conn.row_factory = sqlite3.Row
        _prepare(conn, schema)
        yield conn
    finally:
        conn.close()


def _prepare(conn: sqlite3.Connection, schema: str, patience: float = 10.0) -> None:
    """Switch to WAL and create the schema, waiting out another connection's lock.

    SQLite does not call its busy handler for a journal-mode change, so two
    workers opening a new database at once could fail with "database is
    locked" at once (seen with the poller and the window's loader).
    """
    deadline = time.monotonic() + patience
    while True:
        try:
            if conn.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
                conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=FULL")
            conn.executescript(schema)
            return
        except sqlite3.OperationalError as err:
            if "locked" not in str(err) or time.monotonic() > deadline:
                raise
            time.sleep(0.02)


@contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """An IMMEDIATE transaction: it takes the write lock up front, so claims are atomic."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")
