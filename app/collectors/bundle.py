"""The diagnostic bundle: a zip of exactly what is sent, with a manifest of hashes.

The same bundle serves three purposes: ``helpline collect`` for phone support and
air-gapped machines, the receipt kept after a request is sent, and proof for the user of
what left the machine. ``manifest.json`` lists every part with its size and SHA-256 and
nothing about the host beyond what the parts themselves carry (no absolute paths), so
:func:`verify_bundle` can show that a bundle is intact wherever it was copied to.

Scrubbing is the caller's job (the parts come already scrubbed) so the bundle holds what the
user reviewed, not a second, different scrub of it.
"""

from __future__ import annotations

import hashlib
import json
import os
import zipfile
from dataclasses import asdict, dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from app import __version__
from app.core.model import format_time, now_utc

MANIFEST = "manifest.json"
FORMAT = 1


@dataclass(frozen=True)
class BundlePart:
    """One file of the bundle; ``name`` is a relative POSIX path such as ``logs/app.log``."""

    name: str
    data: bytes
    kind: str  # system-info | screenshot | log | description | file
    content_type: str = "application/octet-stream"


@dataclass(frozen=True)
class ManifestEntry:
    name: str
    size: int
    sha256: str
    kind: str


@dataclass(frozen=True)
class Manifest:
    app_version: str
    created_at: str
    files: list[ManifestEntry] = field(default_factory=list)
    note: str = ""
    format: int = FORMAT

    def to_json(self) -> bytes:
        return (json.dumps(asdict(self), indent=2, ensure_ascii=False) + "\n").encode()

    @classmethod
    def from_json(cls, data: bytes) -> Manifest:
        raw: dict[str, Any] = json.loads(data)
        files = [
            ManifestEntry(
                name=str(f["name"]),
                size=int(f["size"]),
                sha256=str(f["sha256"]),
                kind=str(f.get("kind", "file")),
            )
            for f in raw.get("files", [])
        ]
        return cls(
            app_version=str(raw.get("app_version", "")),
            created_at=str(raw.get("created_at", "")),
            files=files,
            note=str(raw.get("note", "")),
            format=int(raw.get("format", FORMAT)),
        )


def _check_name(name: str) -> None:
    path = PurePosixPath(name)
    if (
        not name
        or path.is_absolute()
        or ".." in path.parts
        or "\\" in name
        or name == MANIFEST
        or str(path) != name
    ):
        raise ValueError(
            f"{name!r} cannot be a file in a bundle: use a plain relative name "
            f"other than {MANIFEST}"
        )


def write_bundle(output: Path, parts: list[BundlePart], note: str = "") -> Manifest:
    """Write ``output`` (readable by the user only) and return its manifest.

    The zip is written beside ``output`` and renamed into place, so a reader never sees
    half a bundle and a failed write leaves no partial file behind.
    """
    names = [p.name for p in parts]
    for name in names:
        _check_name(name)
    duplicates = sorted({n for n in names if names.count(n) > 1})
    if duplicates:
        raise ValueError(f"A bundle cannot hold two files named {duplicates[0]}")
    created = now_utc()
    manifest = Manifest(
        app_version=__version__,
        created_at=format_time(created),
        note=note,
        files=[
            ManifestEntry(p.name, len(p.data), hashlib.sha256(p.data).hexdigest(), p.kind)
            for p in parts
        ],
    )
    stamp = created.timetuple()[:6]
    temp = output.with_name(f".{output.name}.partial")
    fd = os.open(temp, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o600)
    try:
        os.fchmod(fd, 0o600)  # also when the file was there already, whatever the umask
        with os.fdopen(fd, "wb") as handle, zipfile.ZipFile(handle, "w") as archive:
            for name, data in [(MANIFEST, manifest.to_json())] + [(p.name, p.data) for p in parts]:
                info = zipfile.ZipInfo(name, date_time=stamp)
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = 0o600 << 16
                archive.writestr(info, data)
        os.replace(temp, output)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    return manifest


def verify_bundle(path: Path) -> Manifest:
    """Re-read a bundle and check every part against the manifest.

    Raises ValueError naming the first file that is missing, unlisted, or whose size or
    hash differs: a receipt that no longer matches must not be trusted as one.
    """
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise ValueError(f"{path.name} is not a readable bundle: {exc}") from None
    with archive:
        if MANIFEST not in archive.namelist():
            raise ValueError(f"{path.name} has no {MANIFEST}")
        try:
            manifest = Manifest.from_json(archive.read(MANIFEST))
        except (ValueError, KeyError, TypeError) as exc:
            raise ValueError(f"The {MANIFEST} in {path.name} cannot be read: {exc}") from None
        listed = {entry.name for entry in manifest.files}
        for name in archive.namelist():
            if name != MANIFEST and name not in listed:
                raise ValueError(f"{name} is in the bundle but not in its manifest")
        for entry in manifest.files:
            try:
                data = archive.read(entry.name)
            except KeyError:
                raise ValueError(f"{entry.name} is listed in the manifest but missing") from None
            if len(data) != entry.size or hashlib.sha256(data).hexdigest() != entry.sha256:
                raise ValueError(
                    f"{entry.name} does not match its manifest entry: it was "
                    "changed after the bundle was written"
                )
    return manifest
