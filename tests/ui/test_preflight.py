"""Without a display or Qt's system libraries, ``helpline`` says which in one sentence."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from app.ui import preflight
from tests.cli.helpers import one_sentence, run, script
from tests.conftest import ROOT


def _free_display() -> str:
    number = next(n for n in range(97, 200) if not Path(f"/tmp/.X11-unix/X{n}").exists())
    return f":{number}"


def test_without_display_one_sentence_suggests_submit(helpline_env: dict[str, str]) -> None:
    env = {**helpline_env, "QT_QPA_PLATFORM": "xcb"}
    env.pop("DISPLAY", None)
    env.pop("WAYLAND_DISPLAY", None)
    proc = run(env, timeout=60)
    assert proc.returncode == 1, proc.stderr  # not 134, Qt's abort
    line = one_sentence(proc.stderr)
    assert "DISPLAY is not set" in line and "helpline submit" in line
    assert "xcb-cursor" not in line


def test_a_display_nobody_answers_on_is_named(helpline_env: dict[str, str]) -> None:
    display = _free_display()
    env = {**helpline_env, "QT_QPA_PLATFORM": "", "DISPLAY": display}
    env.pop("WAYLAND_DISPLAY", None)
    proc = run(env, "requests", timeout=60)
    assert proc.returncode == 1, proc.stderr
    line = one_sentence(proc.stderr)
    assert f"the display {display} (DISPLAY) cannot be reached" in line


def test_a_missing_library_names_its_package(
    helpline_env: dict[str, str], xvfb_display: str
) -> None:
    """A real display, and libxcb-cursor made unloadable for the check (the machine has it)."""
    env = {**helpline_env, "QT_QPA_PLATFORM": "xcb", "DISPLAY": xvfb_display}
    env["HELPLINE_QUIT_AFTER_PAINT"] = "1"  # the code before the check opened the wizard
    code = (
        "import ctypes, sys\n"
        "real = ctypes.CDLL\n"
        "def fake(name, *a, **k):\n"
        "    if name == 'libxcb-cursor.so.0':\n"
        "        raise OSError(name + ': cannot open shared object file')\n"
        "    return real(name, *a, **k)\n"
        "ctypes.CDLL = fake\n"
        "from app.launch import main\n"
        "sys.exit(main())\n"
    )
    proc = script(env, code)
    assert proc.returncode == 1, proc.stderr
    line = one_sentence(proc.stderr)
    assert "(libxcb-cursor.so.0)" in line
    assert "'sudo apt-get install libxcb-cursor0'" in line


def test_check_leaves_other_platforms_alone() -> None:
    assert preflight.check({"QT_QPA_PLATFORM": "offscreen"}, loads=lambda _: False) is None
    assert preflight.check({}, platform="win32", loads=lambda _: False) is None


def _needed(library: Path) -> set[str]:
    out = subprocess.run(
        ["readelf", "-d", str(library)], capture_output=True, text=True, check=True
    ).stdout
    return set(re.findall(r"\(NEEDED\)\s+Shared library: \[([^\]]+)\]", out))


def test_the_list_names_every_system_library_the_xcb_plugin_needs() -> None:
    if shutil.which("readelf") is None:
        pytest.skip("readelf (binutils) is not installed")
    import PySide6

    qt = Path(PySide6.__file__).parent / "Qt"
    if not (qt / "plugins" / "platforms" / "libqxcb.so").is_file():
        pytest.skip("this PySide6 has no xcb platform plugin")
    needed: set[str] = set()
    for library in (
        qt / "plugins" / "platforms" / "libqxcb.so",
        *(qt / "lib").glob("libQt6XcbQpa.so.*"),
        *(qt / "lib").glob("libQt6Gui.so.*"),
        *(qt / "lib").glob("libQt6Widgets.so.*"),
    ):
        needed |= _needed(library)
    bundled = {p.name for p in (qt / "lib").iterdir()}
    base = {"libc.so.6", "libm.so.6", "libstdc++.so.6", "libgcc_s.so.1", "ld-linux-x86-64.so.2"}
    system = {n for n in needed if n not in bundled and n not in base and "Qt6" not in n}
    system -= {"libz.so.1", "libzstd.so.1"}  # in every Debian and Ubuntu base system
    assert system <= set(preflight.LIBRARIES), sorted(system - set(preflight.LIBRARIES))


def test_readme_first_command_installs_the_packages_where_pip_is_refused() -> None:
    text = (ROOT / "README.md").read_text("utf-8")
    first = text.split("```bash", 1)[1].split("```", 1)[0]
    for package in set(preflight.LIBRARIES.values()):
        assert re.search(rf"(?<![\w.-]){re.escape(package)}(?![\w.-])", first), package
    assert "python3 -m venv" in first or "pipx" in first  # Debian 12 refuses pip system-wide
    assert "python3 -m pip install ." not in first
    assert first.rstrip().endswith("helpline")


def test_a_library_bundled_beside_qt_counts_as_there() -> None:
    """Qt finds its bundled libraries through its RPATH; the check must too."""
    import PySide6

    bundled = [
        p.name
        for p in (Path(PySide6.__file__).parent / "Qt" / "lib").glob("lib*.so*")
        if "Qt6" not in p.name
    ]
    if not bundled:
        pytest.skip("this PySide6 bundles no library of its own")
    assert preflight._loads(bundled[0])
    assert not preflight._loads("libhelpline-no-such-library.so.0")
