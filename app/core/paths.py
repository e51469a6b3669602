"""Where Helpline keeps its files, from platformdirs for the app name ``helpline``.

On Linux the XDG variables move every one of these, which is also how tests
isolate themselves. Directories are created readable by the user only,
because the outbox and drafts hold what people wrote about their problems.
"""

from __future__ import annotations

import contextlib
import os
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


def policy_file() -> Path:
    """The system policy file IT deploys; the .deb installs it here."""
    return Path(platformdirs.site_config_dir(APP_NAME, appauthor=False)) / "policy.toml"


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
