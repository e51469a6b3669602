"""Where Helpline keeps its files, from platformdirs for the app name ``helpline``.

On Linux the XDG variables move every one of these (the user's own files), which is also
how tests isolate themselves. The system policy is the exception: it sits at one fixed
path per platform (:data:`POLICY_FILE`), because an environment variable must not decide
where the administrator's locks live. Directories are created readable by the user only,
because the outbox and drafts hold what people wrote about their problems.
"""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path

import platformdirs

from app import APP_NAME


def _private_dir(path: str) -> Path:
    return private_dir(Path(path))


def private_dir(path: Path) -> Path:
    """Create ``path`` and every missing parent readable by the user only.

    ``Path.mkdir(mode=..., parents=True)`` applies the mode to the last folder
    only; the parents would get the umask's 0755.
    """
    missing = []
    probe = path
    while not probe.exists():
        missing.append(probe)
        probe = probe.parent
    for folder in reversed(missing):
        with contextlib.suppress(FileExistsError):
            folder.mkdir(mode=0o700)
    return path


def config_dir() -> Path:
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


def user_config_file() -> Path:
    return config_dir() / "config.toml"


def _program_data() -> Path:
    """Windows' ProgramData folder from the shell's known folder, not from ``%ProgramData%``.

    platformdirs would honour ``WIN_PD_OVERRIDE_COMMON_APPDATA`` and, without ctypes, the
    environment; both are the user's to set.
    """
    import ctypes
    from ctypes import wintypes

    class _Guid(ctypes.Structure):
        _fields_ = [
            ("data1", wintypes.DWORD),
            ("data2", wintypes.WORD),
            ("data3", wintypes.WORD),
            ("data4", ctypes.c_ubyte * 8),
        ]

    # FOLDERID_ProgramData {62AB5D82-FDC1-4DC3-A9DD-070D1D495D97}
    folder_id = _Guid(
        0x62AB5D82,
        0xFDC1,
        0x4DC3,
        (ctypes.c_ubyte * 8)(0xA9, 0xDD, 0x07, 0x0D, 0x1D, 0x49, 0x5D, 0x97),
    )
    found = ctypes.c_wchar_p()
    shell32 = ctypes.windll.shell32  # type: ignore[attr-defined]
    if shell32.SHGetKnownFolderPath(ctypes.byref(folder_id), 0, None, ctypes.byref(found)):
        return Path("C:/ProgramData")  # the shell failed: Windows' own default
    try:
        return Path(str(found.value))
    finally:
        ctypes.windll.ole32.CoTaskMemFree(found)  # type: ignore[attr-defined]


def system_policy_file() -> Path:
    """Where the installers put IT's policy on this platform (see docs/deployment.md).

    Linux: ``/etc/xdg/helpline/policy.toml`` (the .deb's conffile, packaging/deb.py), read
    there whatever ``XDG_CONFIG_DIRS`` says: Ubuntu's GNOME session puts
    ``/etc/xdg/xdg-ubuntu`` first, and a user could put a folder of their own first.
    """
    if sys.platform == "win32":
        return _program_data() / APP_NAME / "policy.toml"
    if sys.platform == "darwin":
        return Path("/Library/Application Support") / APP_NAME / "policy.toml"
    return Path("/etc/xdg") / APP_NAME / "policy.toml"


#: The policy file in use. Tests replace this constant (tests/conftest.py); nothing a
#: user can set at run time moves it. None: :func:`system_policy_file`, found on first use.
POLICY_FILE: Path | None = None


def policy_file() -> Path:
    """The system policy file IT deploys, at its fixed place."""
    return POLICY_FILE if POLICY_FILE is not None else system_policy_file()


def data_dir() -> Path:
    return _private_dir(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def cache_dir() -> Path:
    return _private_dir(platformdirs.user_cache_dir(APP_NAME, appauthor=False))


def private_file(path: Path) -> Path:
    """Create ``path`` (if missing) readable and writable by the user only."""
    if not path.exists():
        fd = os.open(path, os.O_CREAT | os.O_WRONLY, 0o600)
        os.close(fd)
    else:
        os.chmod(path, 0o600)
    return path
