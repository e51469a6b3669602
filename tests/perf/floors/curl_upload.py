"""Floor: ``curl --data-binary @file`` to the same loopback receiver as Helpline.

curl is what people compare an uploader with. ``--data-binary @file`` reads the
whole file into memory before sending (so its RSS is not the memory floor; the
memory baseline is Python with Helpline's http adapter loaded but idle), and
``%{time_total}`` gives the transfer time from curl's own clock. The benchmark
runs :func:`command` directly, so the peak RSS it reads is curl's alone.
"""

from __future__ import annotations

import shutil
from pathlib import Path

#: curl prints this as its last line: one JSON object, like every other probe.
WRITE_OUT = '\n{"seconds": %{time_total}, "bytes": %{size_upload}}\n'


def curl() -> str | None:
    return shutil.which("curl")


def command(url: str, path: Path) -> list[str]:
    """curl POSTs ``path`` as the body and prints ``{"seconds": S, "bytes": N}``."""
    binary = curl()
    if binary is None:
        raise FileNotFoundError("curl is not installed (Debian: apt-get install curl)")
    return [
        binary,
        "--silent",
        "--show-error",
        "--fail",
        "--output",
        "/dev/null",
        "--noproxy",
        "*",
        "-H",
        "Content-Type: application/octet-stream",
        "--write-out",
        WRITE_OUT,
        "--data-binary",
        f"@{path}",
        f"{url}/v1/tickets",
    ]
