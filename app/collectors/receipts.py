"""Receipts: a zip of exactly what a request sent, kept for a while, found by its reference.

Written right after the request is safe in the outbox, from the outbox's own copy (the
ticket as kept and the spooled attachments), so the receipt holds the bytes the helpdesk
will get and not a second rendering of them. The zip is an ordinary diagnostic bundle
(``app.collectors.bundle``): a ``manifest.json`` lists every part with its SHA-256, and
:func:`~app.collectors.bundle.verify_bundle` proves it intact. Receipts older than
``receipts.keep_days`` are removed by :func:`prune`, which the wizard runs on a worker.

This lives beside the bundle writer rather than in ``app.core`` because the core does
not import collectors.
"""

from __future__ import annotations

import json
import logging
import re
import time
from pathlib import Path
from typing import Any

from app.collectors.bundle import BundlePart, Manifest, write_bundle
from app.core import paths
from app.core.filenames import safe_filename
from app.core.outbox import Item

log = logging.getLogger(__name__)

FOLDER = "receipts"
_REF = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$")


def receipts_dir(root: Path | None = None) -> Path:
    return (root or paths.data_dir()) / FOLDER


def receipt_path(client_ref: str, root: Path | None = None) -> Path | None:
    """The receipt of the request with this Helpline reference, or None if none is kept."""
    if not _REF.match(client_ref):
        return None
    path = receipts_dir(root) / f"{client_ref}.zip"
    return path if path.is_file() else None


def _safe(name: str) -> str:
    """The attachment's name as a zip entry: the one rule for saved names, since a receipt
    is unpacked on whatever system IT uses (app.core.filenames)."""
    return safe_filename(name)


def _parts(item: Item) -> list[BundlePart]:
    """The request as it waits in the outbox: its text, its details, its attachments."""
    payload: dict[str, Any] = item.payload
    if item.kind == "reply":
        body = str(payload.get("text", ""))
        details = {"client_ref": item.client_ref, "reply_to": item.target}
    else:
        body = str(payload.get("body", ""))
        details = {k: v for k, v in payload.items() if k not in ("body", "attachments")}
    parts = [
        BundlePart(
            "request.json",
            (json.dumps(details, indent=2, ensure_ascii=False) + "\n").encode("utf-8"),
            "request",
            "application/json",
        ),
        BundlePart("description.txt", body.encode("utf-8"), "description", "text/plain"),
    ]
    for att in payload.get("attachments") or []:
        path = att.get("path")
        if not path:
            continue
        parts.append(
            BundlePart(
                f"attachments/{_safe(str(att['filename']))}",
                Path(path).read_bytes(),
                str(att.get("kind") or "file"),
                str(att.get("content_type") or "application/octet-stream"),
            )
        )
    return parts


def write_receipt(item: Item, root: Path | None = None) -> tuple[Path, Manifest]:
    """Keep the receipt of ``item`` (just enqueued) as ``receipts/<client_ref>.zip``."""
    if not _REF.match(item.client_ref):
        raise ValueError(f"{item.client_ref!r} cannot name a receipt")
    folder = receipts_dir(root)
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    target = folder / f"{item.client_ref}.zip"
    note = (
        f"Helpline receipt for request {item.client_ref}: exactly what was handed to the helpdesk."
    )
    return target, write_bundle(target, _parts(item), note=note)


def keep_receipt(item: Item, root: Path | None = None) -> Path | None:
    """:func:`write_receipt` for an enqueue hook: a failed receipt never fails a request."""
    try:
        return write_receipt(item, root)[0]
    except (OSError, ValueError) as err:
        log.warning("no receipt was kept for %s: %s", item.client_ref, err)
        return None


def prune(keep_days: int, root: Path | None = None, now: float | None = None) -> int:
    """Remove receipts older than ``keep_days``; returns how many were removed."""
    folder = receipts_dir(root)
    if not folder.is_dir():
        return 0
    cutoff = (time.time() if now is None else now) - keep_days * 86400
    removed = 0
    for path in folder.glob("*.zip"):
        try:
            if path.stat().st_mtime < cutoff:
                path.unlink()
                removed += 1
        except FileNotFoundError:
            continue
    return removed
