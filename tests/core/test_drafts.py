"""Drafts: what the user typed survives a crash; a blank form leaves nothing behind."""

from __future__ import annotations

import errno
import logging
import os
import stat
from pathlib import Path

import platformdirs
import pytest

from app.core.drafts import DraftStore
from app.core.form import RequestForm
from app.core.model import Level, Requester


def filled() -> RequestForm:
    return RequestForm(
        requester=Requester(name="Ann", email="ann@example.org"),
        category="printer",
        summary="Jam",
        happened="Paper jam on page 2",
        impact=Level.HIGH,
        urgency=Level.LOW,
        answers={"printer_name": "P4"},
        files=["/tmp/x.log"],
    )


def test_save_and_load_round_trip(tmp_path: Path) -> None:
    store = DraftStore(tmp_path)
    form = filled()
    store.save(form)
    assert store.load() == form
    assert stat.S_IMODE(store.path.stat().st_mode) == 0o600
    assert not store.path.with_suffix(".tmp").exists()


def test_clear_and_missing(tmp_path: Path) -> None:
    store = DraftStore(tmp_path)
    assert store.load() is None
    store.save(filled())
    store.clear()
    assert store.load() is None
    store.clear()  # clearing twice is fine


def test_a_blank_form_clears_the_draft(tmp_path: Path) -> None:
    store = DraftStore(tmp_path)
    store.save(filled())
    store.save(RequestForm(requester=Requester(name="Only a name")))
    assert not store.path.exists()


def test_write_is_atomic(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = DraftStore(tmp_path)
    first = filled()
    store.save(first)

    def crash(src: object, dst: object) -> None:
        raise OSError("power cut")

    monkeypatch.setattr(os, "replace", crash)
    second = filled()
    second.summary = "A newer summary"
    assert store.save(second) is False  # reported, not raised: the GUI keeps the form
    assert store.load() == first  # the old draft is intact, never half of the new one


def test_damaged_draft_is_ignored(tmp_path: Path) -> None:
    store = DraftStore(tmp_path)
    store.path.write_text('{"summary": ', "utf-8")
    assert store.load() is None


@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EROFS])
def test_a_full_or_read_only_disk_warns_once_and_returns_false(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture, code: int
) -> None:
    """The draft timer must not raise: the form stays in memory and the next save retries."""
    store = DraftStore(tmp_path)
    first = filled()
    assert store.save(first) is True
    real_fsync = os.fsync

    def full(fd: int) -> None:
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr("app.core.drafts.os.fsync", full)
    changed = RequestForm.from_dict({**first.to_dict(), "summary": "Jam again"})
    with caplog.at_level(logging.INFO, logger="app.core.drafts"):
        assert store.save(changed) is False
        assert store.save(changed) is False  # every edit tries again, quietly
        warnings = [r for r in caplog.records if r.levelno == logging.WARNING]
        assert len(warnings) == 1 and str(tmp_path) in warnings[0].getMessage()
        assert store.load() == first  # the previous draft is untouched
        assert not store.path.with_suffix(".tmp").exists()
        monkeypatch.setattr("app.core.drafts.os.fsync", real_fsync)
        assert store.save(changed) is True  # space freed: the next save works
    assert store.load() == changed


def test_a_read_only_folder_is_not_an_exception(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = DraftStore(tmp_path / "missing" / "folder")  # cannot be created: ENOENT
    assert store.save(filled()) is False
    assert store.save(RequestForm()) is True  # a blank form: nothing to remove


@pytest.mark.parametrize(
    ("code", "words"),
    [
        (errno.ENOSPC, "There is no space left on the disk where Helpline keeps its files"),
        (errno.EROFS, "is read-only. Ask IT to make it writable"),
    ],
)
def test_the_cli_reports_a_full_disk_in_a_plain_sentence(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    code: int,
    words: str,
) -> None:
    """A full disk used to read "something went wrong: OSError: [Errno 28] ..."."""
    from app import cli

    target = tmp_path / "outbox" / "item.json"

    def full(*args: object, **kwargs: object) -> int:
        raise OSError(code, os.strerror(code), str(target))

    monkeypatch.setattr(cli, "_list", full)
    assert cli.main(["list"]) == cli.FAILED
    err = capsys.readouterr().err
    folder = platformdirs.user_data_dir("helpline", appauthor=False)
    assert words in err and f"({folder}; the system says: {os.strerror(code)})" in err
    assert "nothing you typed was sent or lost" in err and len(err.strip().splitlines()) == 1
    assert "something went wrong" not in err and "Errno" not in err
