"""Drafts: what the user typed survives a crash; a blank form leaves nothing behind."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from app.core.drafts import DraftStore
from app.core.form import RequestForm
from app.core.model import Level, Requester


def filled() -> RequestForm:
    return RequestForm(requester=Requester(name="Ann", email="ann@example.org"),
                       category="printer", summary="Jam", happened="Paper jam on page 2",
                       impact=Level.HIGH, urgency=Level.LOW, answers={"printer_name": "P4"},
                       files=["/tmp/x.log"])


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
    with pytest.raises(OSError):
        store.save(second)
    assert store.load() == first  # the old draft is intact, never half of the new one


def test_damaged_draft_is_ignored(tmp_path: Path) -> None:
    store = DraftStore(tmp_path)
    store.path.write_text('{"summary": ', "utf-8")
    assert store.load() is None
