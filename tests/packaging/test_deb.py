"""The .deb layout on a fake bundle (fast), packed and unpacked with the real dpkg tools."""

from __future__ import annotations

import configparser
import shutil
import subprocess
from pathlib import Path

import pytest

from app.core import branding
from tests.packaging.loader import PACKAGING, script

deb = script("deb")
build = script("build")
ACME = PACKAGING / "examples" / "acme"


@pytest.fixture
def bundle(tmp_path: Path) -> Path:
    folder = tmp_path / "dist" / "acme-helpdesk"
    (folder / "_internal").mkdir(parents=True)
    exe = folder / "acme-helpdesk"
    exe.write_text("#!/bin/sh\necho frozen\n")
    exe.chmod(0o700)
    (folder / "_internal" / "libQt6Core.so.6").write_bytes(b"\x7fELF" + b"\0" * 100)
    return folder


def test_layout(bundle: Path, tmp_path: Path) -> None:
    brand = branding.load(ACME)
    root = deb.layout(bundle, brand, "0.1.0+acme1", "amd64", tmp_path / "root")
    assert (root / "opt/acme-helpdesk/acme-helpdesk").stat().st_mode & 0o777 == 0o755
    assert (root / "opt/acme-helpdesk/_internal/libQt6Core.so.6").stat().st_mode & 0o777 == 0o644
    link = root / "usr/bin/acme-helpdesk"
    assert link.is_symlink() and str(link.readlink()) == "/opt/acme-helpdesk/acme-helpdesk"
    assert (root / "usr/share/icons/hicolor/scalable/apps/acme-helpdesk.svg").read_bytes() == (
        ACME / "icon.svg"
    ).read_bytes()
    assert (root / "etc/xdg/helpline/policy.toml").read_text() == (ACME / "policy.toml").read_text()
    assert (root / "DEBIAN/conffiles").read_text() == "/etc/xdg/helpline/policy.toml\n"
    desktop = configparser.ConfigParser(interpolation=None)
    desktop.optionxform = str  # type: ignore[assignment,method-assign]
    desktop.read(root / "usr/share/applications/acme-helpdesk.desktop")
    entry = desktop["Desktop Entry"]
    assert entry["Name"] == "Acme IT Service Desk"
    assert entry["MimeType"] == "x-scheme-handler/acme-helpdesk;"
    assert entry["Exec"] == "/usr/bin/acme-helpdesk open-url %u"
    assert entry["Icon"] == "acme-helpdesk"
    control = (root / "DEBIAN/control").read_text()
    assert "Package: acme-helpdesk\nVersion: 0.1.0+acme1\nArchitecture: amd64\n" in control
    assert "Maintainer: Acme Corporation IT <servicedesk@acme.example>" in control
    assert "@" not in control.replace("servicedesk@acme", "")


def test_empty_values_drop_their_line(tmp_path: Path) -> None:
    template = tmp_path / "t.in"
    template.write_text("A: @A@\nHomepage: @HOME@\nB: @B@\n")
    assert deb.fill(template, {"A": "1", "HOME": "", "B": "2"}) == "A: 1\nB: 2\n"
    with pytest.raises(ValueError, match="@B@"):
        deb.fill(template, {"A": "1", "HOME": "x"})


@pytest.mark.skipif(shutil.which("dpkg-deb") is None, reason="dpkg-deb is not installed")
def test_a_real_package_unpacks_where_it_should(bundle: Path, tmp_path: Path) -> None:
    package = deb.build(bundle, branding.load(ACME), "0.1.0+acme1", tmp_path / "out")
    assert package.name == f"acme-helpdesk_0.1.0+acme1_{deb.architecture()}.deb"
    info = subprocess.run(
        ["dpkg-deb", "--field", str(package), "Package", "Version"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert info.split() == ["Package:", "acme-helpdesk", "Version:", "0.1.0+acme1"]
    listing = subprocess.run(
        ["dpkg-deb", "--contents", str(package)], capture_output=True, text=True, check=True
    ).stdout
    assert "root/root" in listing and " 0/0 " not in listing.replace("root/root", "")
    scratch = tmp_path / "scratch"
    subprocess.run(["dpkg-deb", "-x", str(package), str(scratch)], check=True)
    for path in (
        "opt/acme-helpdesk/acme-helpdesk",
        "usr/share/applications/acme-helpdesk.desktop",
        "etc/xdg/helpline/policy.toml",
        "usr/bin/acme-helpdesk",
    ):
        assert (scratch / path).exists() or (scratch / path).is_symlink(), path
    assert not (tmp_path / "out" / "deb-root").exists()


def test_missing_xcb_libraries_are_errors(tmp_path: Path) -> None:
    bundle = tmp_path / "b"
    (bundle / "_internal/PySide6/Qt/plugins/platforms").mkdir(parents=True)
    (bundle / "_internal/PySide6/Qt/plugins/platforms/libqxcb.so").write_bytes(b"")
    log = (
        "WARNING: Library not found: could not resolve 'libxcb-icccm.so.4', dependency of "
        "'/x/PySide6/Qt/plugins/platforms/libqxcb.so'.\n"
        "WARNING: Library not found: could not resolve 'libgtk-3.so.0', dependency of "
        "'/x/PySide6/Qt/plugins/platformthemes/libqgtk3.so'.\n"
        "WARNING: Library not found: could not resolve 'libxcb-keysyms.so.1', dependency of "
        "'/x/PySide6/Qt/lib/libQt6XcbQpa.so.6'.\n"
    )
    problems = build.missing_libraries(log, bundle)
    assert problems == [
        "libxcb-icccm.so.4, needed by libqxcb.so (Debian: apt-get install libxcb-icccm4)",
        "libxcb-keysyms.so.1, needed by libQt6XcbQpa.so.6 (Debian: apt-get install "
        "libxcb-keysyms1)",
    ]  # the gtk3 theme plugin is not shipped, so its gap does not count


def test_a_bad_branding_folder_stops_the_build_before_pyinstaller(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    folder = tmp_path / "brand"
    shutil.copytree(ACME, folder)
    (folder / "icon.svg").unlink()
    assert build.main(["--branding", str(folder), "--output", str(tmp_path / "dist")]) == 2
    err = capsys.readouterr().err
    assert "branding.toml" in err and "package.icon" in err
    assert not (tmp_path / "dist").exists()


def test_recipes_are_filled_for_the_brand(tmp_path: Path) -> None:
    made = build.recipes(branding.load(ACME), "0.1.0+acme1", tmp_path)
    names = sorted(p.name for p in made)
    assert names == ["Info.plist", "acme-helpdesk.iss", "policy.toml"]
    iss = (tmp_path / "recipes/acme-helpdesk.iss").read_text()
    assert "AppName=Acme IT Service Desk" in iss and "@" not in iss.replace("%1", "")
    assert 'Subkey: "Software\\Classes\\acme-helpdesk\\shell\\open\\command"' in iss
    assert "{commonappdata}\\helpline" in iss
    plist = (tmp_path / "recipes/Info.plist").read_text()
    assert "<string>acme-helpdesk</string>" in plist and "@" not in plist
