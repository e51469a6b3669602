"""Build a branded Helpline from one command: bundle, .deb and installer recipes.

    python packaging/build.py --branding packaging/examples/acme [--output dist]

Checks the branding folder first (errors name the file and the key), freezes
Helpline with ``packaging/helpline.spec`` (onedir, lean), refuses a bundle whose
shipped Qt plugins lack a library on this machine (PyInstaller only warns, and
the xcb plugin then fails on every target), packs a .deb on Linux, fills the
Windows and macOS recipes, and prints the size against a bare QWizard frozen
with the same spec. Needs ``pip install '.[package]'``.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

from app import __version__  # noqa: E402
from app.core.branding import Branding, load  # noqa: E402
from app.core.config import ConfigError  # noqa: E402

#: PyInstaller's words when a shared library a collected binary needs is missing here.
MISSING = re.compile(r"Library not found: could not resolve '([^']+)', dependency of '([^']+)'")
#: Debian packages for the libraries Qt's xcb plugin needs that are often absent.
DEBIAN_PACKAGES = {
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxcb-xinerama.so.0": "libxcb-xinerama0",
}
FLOOR_GOAL = 1.3


class BuildError(Exception):
    """The build cannot go on; the message says why and what to do."""


def missing_libraries(log: str, bundle: Path) -> list[str]:
    """Libraries PyInstaller could not find for a binary the bundle really ships.

    A missing dependency of a plugin the spec drops (the gtk3 theme) does not
    matter; one of a shipped binary, or any xcb/xkb library, breaks the target.
    """
    shipped = {p.name for p in bundle.rglob("*") if p.is_file()}
    problems = []
    for library, parent in MISSING.findall(log):
        if Path(parent).name in shipped or library.startswith(("libxcb", "libxkbcommon")):
            package = DEBIAN_PACKAGES.get(library)
            hint = f" (Debian: apt-get install {package})" if package else ""
            problems.append(f"{library}, needed by {Path(parent).name}{hint}")
    return sorted(set(problems))


def sizes(folder: Path) -> tuple[int, int]:
    """(apparent bytes, bytes on disk) of a folder tree."""
    apparent = disk = 0
    for path in folder.rglob("*"):
        if path.is_file() and not path.is_symlink():
            stat = path.stat()
            apparent += stat.st_size
            disk += getattr(stat, "st_blocks", stat.st_size // 512) * 512  # none on Windows
    return apparent, disk


def freeze(
    entry: Path, name: str, output: Path, branding: Path | None = None, floor: bool = False
) -> tuple[Path, float]:
    """Run PyInstaller on the one spec; return the bundle folder and the seconds it took."""
    env = dict(
        os.environ,
        HELPLINE_SPEC_ENTRY=str(entry),
        HELPLINE_SPEC_NAME=name,
        HELPLINE_SPEC_BRANDING=str(branding or ""),
        HELPLINE_SPEC_FLOOR="1" if floor else "0",
    )
    env.setdefault("PYINSTALLER_CONFIG_DIR", str(output / "work" / "pyinstaller-config"))
    work = output / "work" / name
    log_path = output / "logs" / f"{name}.log"
    log_path.parent.mkdir(parents=True, exist_ok=True)
    command = [
        sys.executable,
        "-m",
        "PyInstaller",
        "--noconfirm",
        "--clean",
        "--log-level",
        "WARN",
        "--distpath",
        str(output),
        "--workpath",
        str(work),
        str(HERE / "helpline.spec"),
    ]
    started = time.monotonic()
    result = subprocess.run(command, env=env, cwd=ROOT, capture_output=True, text=True)
    seconds = time.monotonic() - started
    log_path.write_text(result.stdout + result.stderr, encoding="utf-8")
    if result.returncode != 0:
        tail = "\n".join((result.stdout + result.stderr).strip().splitlines()[-15:])
        raise BuildError(f"PyInstaller failed for {name} (full log: {log_path}):\n{tail}")
    bundle = output / name
    problems = missing_libraries(result.stdout + result.stderr, bundle)
    if problems:
        raise BuildError(
            "the bundle would not start on machines without these libraries, "
            "which are missing on this build machine: "
            + "; ".join(problems)
            + f". Install them and build again (log: {log_path})."
        )
    return bundle, seconds


def recipes(brand: Branding, version: str, output: Path) -> list[Path]:
    """The Windows and macOS recipes filled for this brand, to build on those systems."""
    from deb import fill

    values = {
        "NAME": brand.name,
        "APP_ID": brand.app_id,
        "SCHEME": brand.url_scheme,
        "PUBLISHER": brand.publisher,
        "VERSION": version,
        "BASE_VERSION": version.split("+")[0],
        "ICON": brand.icon.name,
        "HOMEPAGE": str(brand.layers[0][1].get("branding.support_url", "")),
    }
    folder = output / "recipes"
    folder.mkdir(parents=True, exist_ok=True)
    made = []
    for template, name in (
        (HERE / "windows/helpline.iss", f"{brand.app_id}.iss"),
        (HERE / "macos/Info.plist.in", "Info.plist"),
    ):
        target = folder / name
        target.write_text(fill(template, values), encoding="utf-8")
        made.append(target)
    if brand.policy is not None:  # the .iss installs it to %PROGRAMDATA%\helpline
        target = folder / "policy.toml"
        shutil.copy(brand.policy, target)
        made.append(target)
    return made


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--branding",
        type=Path,
        required=True,
        metavar="DIR",
        help="the branding folder (branding.toml, logo, icon, ...)",
    )
    parser.add_argument(
        "--output",
        type=Path,
        default=ROOT / "dist",
        metavar="DIST",
        help="where the bundle, .deb and recipes go (default: dist/)",
    )
    parser.add_argument(
        "--no-floor",
        action="store_true",
        help="skip the bare-QWizard build the size is compared with",
    )
    parser.add_argument("--no-deb", action="store_true", help="skip the .deb")
    parser.add_argument(
        "--deb-compression",
        default="zstd",
        choices=["zstd", "xz", "gzip"],
        help="dpkg-deb compression: zstd (default; 1 s, read by dpkg on "
        "every glibc >= 2.34 system the bundle runs on) or xz (25%% "
        "smaller, about 50 s)",
    )
    args = parser.parse_args(argv)
    try:
        brand = load(args.branding)
    except ConfigError as err:
        print(f"build.py: the branding folder is not valid: {err}", file=sys.stderr)
        return 2
    try:
        import PyInstaller  # noqa: F401
    except ImportError:
        print(
            "build.py: PyInstaller is not installed; run: pip install '.[package]'", file=sys.stderr
        )
        return 2
    output = args.output.absolute()
    version = brand.version(__version__)
    try:
        bundle, seconds = freeze(
            HERE / "helpline_main.py", brand.app_id, output, branding=brand.folder
        )
        apparent, disk = sizes(bundle)
        print(
            f"bundle   {bundle}  {apparent / 1e6:.1f} MB ({disk / 1e6:.1f} MB on disk), "
            f"built in {seconds:.1f} s"
        )
        if not args.no_floor:
            floor, floor_seconds = freeze(
                HERE / "floor_wizard.py", "floor-wizard", output, floor=True
            )
            floor_apparent, _ = sizes(floor)
            ratio = apparent / floor_apparent
            verdict = "within" if ratio <= FLOOR_GOAL else "OVER"
            print(
                f"floor    {floor}  {floor_apparent / 1e6:.1f} MB (bare QWizard, same spec, "
                f"{floor_seconds:.1f} s); Helpline is {ratio:.2f}x, {verdict} the "
                f"{FLOOR_GOAL}x goal"
            )
        if sys.platform.startswith("linux") and not args.no_deb:
            import deb

            package = deb.build(bundle, brand, version, output, args.deb_compression)
            print(f"deb      {package}  {package.stat().st_size / 1e6:.1f} MB")
        for recipe in recipes(brand, version, output):
            print(f"recipe   {recipe}")
    except (BuildError, RuntimeError, subprocess.CalledProcessError) as err:
        print(f"build.py: {err}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
