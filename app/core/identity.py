"""Who is asking, prefilled so nobody types their name twice.

The last request's identity wins; on the first run the OS account gives the
full name and the machine's domain a likely organisation.
"""

from __future__ import annotations

import getpass
import json
import os
import socket
from pathlib import Path

from app.core import paths
from app.core.model import Requester


def os_account() -> Requester:
    """Full name and domain from the operating system, where it knows them."""
    name = ""
    try:
        import pwd

        gecos = pwd.getpwuid(os.getuid()).pw_gecos
        name = gecos.split(",")[0].strip()
    except (ImportError, KeyError, AttributeError):
        name = os.environ.get("USERNAME", "")
    if not name:
        try:
            name = getpass.getuser()
        except (KeyError, OSError):
            name = ""
    domain = os.environ.get("USERDNSDOMAIN") or os.environ.get("USERDOMAIN") or ""
    if not domain:
        fqdn = socket.getfqdn()
        domain = fqdn.split(".", 1)[1] if "." in fqdn and not fqdn.endswith(".localdomain") else ""
    return Requester(name=name, organization=domain)


def _last_file(root: Path | None) -> Path:
    return (root or paths.data_dir()) / "requester.json"


def last_used(root: Path | None = None) -> Requester | None:
    try:
        return Requester.from_dict(json.loads(_last_file(root).read_text("utf-8")))
    except (OSError, ValueError, TypeError):
        return None


def remember(requester: Requester, root: Path | None = None) -> None:
    target = _last_file(root)
    tmp = paths.private_file(target.with_suffix(".tmp"))
    tmp.write_text(json.dumps(requester.to_dict(), ensure_ascii=False), "utf-8")
    os.replace(tmp, target)


def prefill(remember_last: bool = True, root: Path | None = None) -> Requester:
    last = last_used(root) if remember_last else None
    return last if last is not None and last.name else os_account()
