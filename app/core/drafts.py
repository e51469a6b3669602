"""The wizard's state saved as the user types, so a crash or a closed window loses nothing."""

from __future__ import annotations

import contextlib
import dataclasses
import json
import logging
import os
from pathlib import Path
from typing import Any

from app.core import paths
from app.core.form import RequestForm
from app.core.model import Requester
from app.core.setaside import set_aside

log = logging.getLogger(__name__)


class DraftStore:
    def __init__(self, root: Path | None = None) -> None:
        self.path = (root or paths.data_dir()) / "draft.json"
        self._failing = False  # warned already; quiet until a save works again
        #: Where :meth:`load` put a draft it could not read (None: it did not). A fact for
        #: the face, which says so (app/ui/wizard_start.py).
        self.set_aside: Path | None = None

    def save(self, form: RequestForm) -> bool:
        """Write atomically: a crash mid-write leaves the previous draft, never half of one.

        Runs from the GUI's draft timer after each edit, so a full or read-only disk must
        not raise there: the form stays in memory, the next save tries again, and the
        log gets one warning per run of failures rather than one per keystroke. Returns
        whether the draft is on disk (or, for a blank form, gone from it).
        """
        tmp = self.path.with_suffix(".tmp")
        try:
            if form.is_blank():
                self.clear()
            else:
                tmp = paths.private_file(tmp)
                with tmp.open("w", encoding="utf-8") as handle:
                    json.dump(form.to_dict(), handle, ensure_ascii=False)
                    handle.flush()
                    os.fsync(handle.fileno())
                os.replace(tmp, self.path)
        except OSError as err:
            self._discard(tmp)
            if not self._failing:
                log.warning(
                    "The draft could not be saved to %s (%s); it is kept in memory "
                    "and saving is tried again after the next change.",
                    self.path.parent,
                    err.strerror or err,
                )
            self._failing = True
            return False
        if self._failing:
            log.info("The draft is saved again.")
        self._failing = False
        return True

    def load(self) -> RequestForm | None:
        """The saved draft, or None. A draft that is not a form (broken JSON, or JSON of
        the wrong shape) is set aside as ``draft.json.bad-<time>`` rather than failing at
        every start; :attr:`set_aside` says where it went."""
        try:
            raw = self.path.read_bytes()
        except OSError:
            return None
        try:
            return _form(json.loads(raw.decode("utf-8")))
        except (ValueError, TypeError, KeyError, AttributeError, RecursionError) as err:
            self.set_aside = set_aside(self.path)
            log.warning(
                "The saved draft could not be read (%s); it was set aside as %s.",
                type(err).__name__,
                self.set_aside,
            )
            return None

    def clear(self) -> None:
        self.path.unlink(missing_ok=True)

    @staticmethod
    def _discard(tmp: Path) -> None:
        """Remove a half-written temporary file; on a broken disk that may fail too."""
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)


def _form(data: Any) -> RequestForm:
    """A form from a draft's JSON, or ValueError when it is not one: every text a text,
    every list a list (the wizard's pages would fail later, at every start, on a number
    where a summary belongs)."""
    if not isinstance(data, dict):
        raise ValueError("not an object")
    form = RequestForm.from_dict(data)
    for record in (form, form.requester):
        for field in dataclasses.fields(record):
            value = getattr(record, field.name)
            kind = {"str": str, "bool": bool}.get(str(field.type))
            if kind is not None and not isinstance(value, kind):
                raise ValueError(f"{field.name} is not {field.type}")
    if not isinstance(form.requester, Requester):
        raise ValueError("requester")
    return form
