"""Helpline side of the upload figure: one request with a big file through the http adapter.

Modes (first argument):

* ``baseline URL``: Python with Helpline's http adapter imported and a backend
  built, nothing sent. Its peak RSS is the memory baseline an upload is judged by.
* ``send URL FILE``: the same, then ``backend.create`` with FILE attached, on this
  thread; prints the transfer time (create called -> ticket returned).
* ``gui URL FILE``: a QApplication with a 5 ms QTimer heartbeat while the same
  create runs on Helpline's TaskRunner, as the Sending page does; prints the
  longest gap between heartbeats beyond their interval (the GUI stall).
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[3]))

from app.backends.helpline_http import HelplineHttpBackend
from app.core.model import Attachment, NewTicket, Requester


def backend(url: str) -> HelplineHttpBackend:
    return HelplineHttpBackend(url, "bench-token", retries=0)


def create(target: HelplineHttpBackend, path: Path) -> dict[str, float]:
    ticket = NewTicket(
        subject="Benchmark upload",
        body="A big attachment.",
        requester=Requester(name="Bench", email="bench@example.org"),
        client_ref="bench-upload",
        attachments=(
            Attachment(
                filename=path.name,
                size=path.stat().st_size,
                content_type="application/zip",
                path=str(path),
            ),
        ),
    )
    started = time.perf_counter()
    created = target.create(ticket)
    elapsed = (time.perf_counter() - started) * 1000
    assert created.id == "1", created
    return {"ms": round(elapsed, 2), "bytes": path.stat().st_size}


def gui(url: str, path: Path) -> dict[str, float]:
    from heartbeat import Heartbeat
    from PySide6.QtWidgets import QApplication

    from app.ui.tasks import TaskRunner

    app = QApplication(sys.argv[:1])
    runner = TaskRunner(app)
    beat = Heartbeat(app)
    result: dict[str, float] = {}

    def done(value: dict[str, float]) -> None:
        result.update(value)
        app.quit()

    def failed(error: BaseException) -> None:
        result["error"] = str(error)  # type: ignore[assignment]
        app.quit()

    target = backend(url)
    beat.start()
    runner.run(create, target, path, on_done=done, on_error=failed)
    app.exec()
    beat.stop()
    runner.wait(10000)
    return {**result, "max_stall_ms": round(beat.max_stall_ms, 2)}


def main(argv: list[str]) -> int:
    mode, url = argv[0], argv[1]
    if mode == "baseline":
        backend(url)
        print(json.dumps({"ms": 0}))
    elif mode == "send":
        print(json.dumps(create(backend(url), Path(argv[2]))))
    else:
        print(json.dumps(gui(url, Path(argv[2]))))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
