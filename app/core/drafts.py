"""The wizard's state saved as the user types, so a crash or a closed window loses nothing."""

from __future__ import annotations

import json
import os
from pathlib import Path

from app.core import paths
from app.core.form import RequestForm


class DraftStore:
    def __init__(self, root: Path | None = None) -> None:
        self.path = (root or paths.data_dir()) / "draft.json"

    def save(self, form: RequestForm) -> None:
        """Write atomically: a crash mid-write leaves the previous draft, never half of one."""
        if form.is_blank():
            self.clear()
            return
        tmp = paths.private_file(self.path.with_suffix(".tmp"))
        with tmp.open("w", encoding="utf-8") as handle:
            json.dump(form.to_dict(), handle, ensure_ascii=False)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, self.path)

    def load(self) -> RequestForm | None:
        try:
            data = json.loads(self.path.read_text("utf-8"))
            return RequestForm.from_dict(data)
        except (OSError, ValueError, TypeError, KeyError):
            return None

    def clear(self) -> None:
        self.path.unlink(missing_ok=True)
