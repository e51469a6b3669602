"""The .deb: a frozen onedir bundle laid out under /opt with menu entry, URL scheme and policy.

Separate from ``build.py`` so the layout can be tested quickly on a fake bundle;
only ``dpkg-deb`` is needed, not root (``--root-owner-group``).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

from app.core.branding import Branding

HERE = Path(__file__).resolve().parent
POLICY = Path("etc/xdg/helpline/policy.toml")


def fill(template: Path, values: dict[str, str]) -> str:
    """The template with every ``@KEY@`` replaced; a line whose value is empty is left out."""
    lines = []
    for line in template.read_text(encoding="utf-8").splitlines():
        keys = [k for k in values if f"@{k}@" in line]
        if any(not values[k] for k in keys):
            continue
        for key in keys:
            line = line.replace(f"@{key}@", values[key])
        lines.append(line)
    text = "\n".join(lines) + "\n"
    left = re.search(r"@[A-Z_]+@", text)
    if left:
        raise ValueError(f"{template}: no value for the placeholder {left.group()}")
    return text


def _size_kb(root: Path) -> int:
    return sum(p.lstat().st_size for p in root.rglob("*") if not p.is_dir()) // 1024 + 1


def layout(bundle: Path, brand: Branding, version: str, arch: str, root: Path) -> Path:
    """Write the package tree into ``root`` (fresh) and return it."""
    if root.exists():
        shutil.rmtree(root)
    app_id = brand.app_id
    opt = root / "opt" / app_id
    shutil.copytree(bundle, opt, symlinks=True)
    (root / "usr/bin").mkdir(parents=True)
    (root / "usr/bin" / app_id).symlink_to(f"/opt/{app_id}/{app_id}")
    branding_values = dict(brand.layers[0][1])
    comment = brand.description or f"Ask {brand.name} for help"
    values = {
        "NAME": brand.name,
        "APP_ID": app_id,
        "SCHEME": brand.url_scheme,
        "COMMENT": comment,
        "VERSION": version,
        "BASE_VERSION": version.split("+")[0],
        "ARCH": arch,
        "PUBLISHER": brand.publisher,
        "EMAIL": branding_values.get("branding.support_email") or f"it@{app_id}.invalid",
        "HOMEPAGE": branding_values.get("branding.support_url", ""),
        "SIZE_KB": "0",
    }
    apps = root / "usr/share/applications"
    apps.mkdir(parents=True)
    (apps / f"{app_id}.desktop").write_text(
        fill(HERE / "linux/helpline.desktop.in", values), encoding="utf-8"
    )
    kind = "scalable" if brand.icon.suffix == ".svg" else "256x256"
    icons = root / "usr/share/icons/hicolor" / kind / "apps"
    icons.mkdir(parents=True)
    shutil.copy(brand.icon, icons / f"{app_id}{brand.icon.suffix}")
    conffiles = []
    if brand.policy is not None:
        target = root / POLICY
        target.parent.mkdir(parents=True)
        shutil.copy(brand.policy, target)
        target.chmod(0o644)
        conffiles.append("/" + str(POLICY))
    values["SIZE_KB"] = str(_size_kb(root))
    debian = root / "DEBIAN"
    debian.mkdir()
    (debian / "control").write_text(fill(HERE / "linux/control.in", values), encoding="utf-8")
    if conffiles:
        (debian / "conffiles").write_text("\n".join(conffiles) + "\n", encoding="utf-8")
    for path in [root, *root.rglob("*")]:
        if not path.is_symlink():
            mode = path.stat().st_mode
            path.chmod(0o755 if path.is_dir() or mode & 0o111 else 0o644)
    return root


def architecture() -> str:
    try:
        return subprocess.run(
            ["dpkg", "--print-architecture"], capture_output=True, text=True, check=True
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return {"x86_64": "amd64", "aarch64": "arm64"}.get(os.uname().machine, "amd64")


def build(
    bundle: Path, brand: Branding, version: str, output: Path, compression: str = "zstd"
) -> Path:
    """Lay out and pack ``<app-id>_<version>_<arch>.deb`` in ``output``."""
    if shutil.which("dpkg-deb") is None:
        raise RuntimeError(
            "dpkg-deb is not installed (Debian: apt-get install dpkg), so no "
            ".deb was made; the bundle itself is ready."
        )
    arch = architecture()
    root = layout(bundle, brand, version, arch, output / "deb-root")
    deb = output / f"{brand.app_id}_{version}_{arch}.deb"
    subprocess.run(
        ["dpkg-deb", "--root-owner-group", f"-Z{compression}", "--build", str(root), str(deb)],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    shutil.rmtree(root)
    return deb
