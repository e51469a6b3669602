"""The wizard's state saved as the user types, so a crash or a closed window loses nothing."""

from __future__ import annotations

import contextlib
import json
import logging
import os
from pathlib import Path

from app.core import paths
from app.core.form import RequestForm

log = logging.getLogger(__name__)


class DraftStore:
    def __init__(self, root: Path | None = None) -> None:
        self.path = (root or paths.data_dir()) / "draft.json"
        self._failing = False  # warned already; quiet until a save works again

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
        try:
            data = json.loads(self.path.read_text("utf-8"))
            return RequestForm.from_dict(data)
        except (OSError, ValueError, TypeError, KeyError):
            return None

    def clear(self) -> None:
        self.path.unlink(missing_ok=True)

    @staticmethod
    def _discard(tmp: Path) -> None:
        """Remove a half-written temporary file; on a broken disk that may fail too."""
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)
