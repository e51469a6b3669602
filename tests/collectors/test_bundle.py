"""The diagnostic bundle: manifest matches content, tampering is caught, secrets stay out."""

from __future__ import annotations

import hashlib
import json
import stat
import zipfile
from pathlib import Path

import pytest

from app import __version__
from app.collectors.bundle import (
    MANIFEST,
    BundlePart,
    Manifest,
    verify_bundle,
    write_bundle,
)
from app.core.model import parse_time

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def parts() -> list[BundlePart]:
    return [
        BundlePart("system-info.json", b'{"os": "Debian"}\n', "system-info", "application/json"),
        BundlePart("screenshot.png", PNG, "screenshot", "image/png"),
        BundlePart("logs/app.log", b"started\nstopped\n", "log", "text/plain"),
    ]


def test_manifest_matches_the_zip_content(tmp_path: Path) -> None:
    out = tmp_path / "bundle.zip"
    manifest = write_bundle(out, parts(), note="phone support, ticket pending")
    with zipfile.ZipFile(out) as archive:
        assert archive.namelist() == [
            MANIFEST,
            "system-info.json",
            "screenshot.png",
            "logs/app.log",
        ]
        stored = json.loads(archive.read(MANIFEST))
        for entry in stored["files"]:
            data = archive.read(entry["name"])
            assert entry["size"] == len(data)
            assert entry["sha256"] == hashlib.sha256(data).hexdigest()
    assert stored["app_version"] == __version__
    assert stored["note"] == "phone support, ticket pending"
    assert [(e["name"], e["kind"]) for e in stored["files"]] == [
        ("system-info.json", "system-info"),
        ("screenshot.png", "screenshot"),
        ("logs/app.log", "log"),
    ]
    created = parse_time(stored["created_at"])
    assert created is not None and created.utcoffset() is not None
    assert created.utcoffset().total_seconds() == 0  # type: ignore[union-attr]
    assert Manifest.from_json(json.dumps(stored).encode()) == manifest
    assert str(tmp_path) not in json.dumps(stored)  # nothing about where it was written


def test_verify_returns_the_manifest_of_an_intact_bundle(tmp_path: Path) -> None:
    out = tmp_path / "bundle.zip"
    written = write_bundle(out, parts())
    assert verify_bundle(out) == written


def tamper(path: Path, name: str, data: bytes) -> None:
    """Rewrite the zip with one member's content replaced and the manifest kept."""
    with zipfile.ZipFile(path) as archive:
        members = {n: archive.read(n) for n in archive.namelist()}
    members[name] = data
    with zipfile.ZipFile(path, "w") as archive:
        for n, content in members.items():
            archive.writestr(n, content)


def test_verify_names_a_tampered_file(tmp_path: Path) -> None:
    out = tmp_path / "bundle.zip"
    write_bundle(out, parts())
    tamper(out, "logs/app.log", b"started\nsomething else\n")
    with pytest.raises(ValueError, match=r"logs/app\.log does not match"):
        verify_bundle(out)


def test_verify_names_an_unlisted_and_a_missing_file(tmp_path: Path) -> None:
    out = tmp_path / "bundle.zip"
    write_bundle(out, parts())
    tamper(out, "extra.txt", b"slipped in")
    with pytest.raises(ValueError, match=r"extra\.txt is in the bundle but not in its manifest"):
        verify_bundle(out)

    other = tmp_path / "other.zip"
    write_bundle(other, parts())
    with zipfile.ZipFile(other) as archive:
        kept = {n: archive.read(n) for n in archive.namelist() if n != "screenshot.png"}
    with zipfile.ZipFile(other, "w") as archive:
        for n, content in kept.items():
            archive.writestr(n, content)
    with pytest.raises(ValueError, match=r"screenshot\.png is listed in the manifest but missing"):
        verify_bundle(other)


def test_verify_rejects_what_is_not_a_bundle(tmp_path: Path) -> None:
    junk = tmp_path / "junk.zip"
    junk.write_bytes(b"not a zip")
    with pytest.raises(ValueError, match=r"junk\.zip is not a readable bundle"):
        verify_bundle(junk)
    bare = tmp_path / "bare.zip"
    with zipfile.ZipFile(bare, "w") as archive:
        archive.writestr("a.txt", "a")
    with pytest.raises(ValueError, match=r"has no manifest\.json"):
        verify_bundle(bare)


def test_bundle_is_private_even_when_replacing_a_readable_file(tmp_path: Path) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    out = folder / "bundle.zip"
    out.write_bytes(b"old")
    out.chmod(0o644)
    write_bundle(out, parts())
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert [p.name for p in folder.iterdir()] == ["bundle.zip"]  # no temporary left


@pytest.mark.parametrize(
    "name", ["", "/etc/passwd", "../up.txt", "logs/../x", MANIFEST, "a\\b.txt", "logs//a.log"]
)
def test_part_names_must_be_plain_relative_paths(tmp_path: Path, name: str) -> None:
    with pytest.raises(ValueError, match="cannot be a file in a bundle"):
        write_bundle(tmp_path / "b.zip", [BundlePart(name, b"x", "file")])
    assert not (tmp_path / "b.zip").exists()


def test_duplicate_part_names_are_refused(tmp_path: Path) -> None:
    twice = [BundlePart("a.txt", b"1", "file"), BundlePart("a.txt", b"2", "file")]
    with pytest.raises(ValueError, match=r"two files named a\.txt"):
        write_bundle(tmp_path / "b.zip", twice)
