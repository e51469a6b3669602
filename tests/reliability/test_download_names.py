"""A file the helpdesk sends back can never be written outside the folder the user chose.

The helpdesk decides attachment names, and a hostile or broken one
("../../x", "/etc/passwd", "..\\x", a NUL, 500 characters) must land inside
the chosen folder under a harmless name. Three layers of proof:

* round trips through real servers: the http reference server and the real
  RT store the hostile names as uploaded, and the adapters download them;
* every adapter's ``download`` builds its target with ``safe_filename``
  (checked in the source, so a new adapter cannot skip it), and the fuzz
  test calls each ``download`` with "../../escape.txt" under nonsense replies;
* ``safe_filename`` itself, fuzzed with hypothesis.
"""

from __future__ import annotations

import ast
import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.backends import REGISTRY
from app.backends.helpline_http import HelplineHttpBackend
from app.backends.local import safe_filename
from app.core.model import Attachment, NewTicket, Requester
from tests.backends.helpline_http_server import HelplineServer
from tests.backends.rt_server import RTServer
from tests.reliability.conftest import ALICE, TOKEN

ROOT = Path(__file__).resolve().parents[2]
HOSTILE = [
    "../../x.txt",
    "/etc/passwd",
    "..\\..\\win.ini",
    "a\x00b.txt",
    "..",
    ".",
    "x" * 500 + ".txt",
    "~/.bashrc",
    "C:\\Windows\\evil.dll",
    "sub/dir/name.txt",
]


def _inside(dest: Path, saved: Path) -> bool:
    return saved.resolve().parent == dest.resolve()


def _upload(folder: Path) -> list[Attachment]:
    out = []
    for index, name in enumerate(HOSTILE):
        source = folder / f"source-{index}.bin"
        source.write_bytes(f"content {index}\n".encode())
        out.append(Attachment(filename=name, size=source.stat().st_size, path=str(source)))
    return out


def test_http_adapter_round_trip(helpline: HelplineServer, tmp_path: Path) -> None:
    backend = HelplineHttpBackend(helpline.url, TOKEN)
    created = backend.create(
        NewTicket(
            subject="Names",
            body="b",
            requester=Requester(**ALICE),
            client_ref="hostile-names",
            attachments=tuple(_upload(tmp_path)),
        )
    )
    (message,) = backend.messages(created.id)
    assert len(message.attachments) == len(HOSTILE)
    assert "../../x.txt" in {a.filename for a in message.attachments}  # stored as sent
    for index, att in enumerate(message.attachments):
        dest = tmp_path / f"chosen-{index}"
        saved = backend.download(att, dest)
        assert _inside(dest, saved) and saved.read_bytes().startswith(b"content "), saved
    assert not (tmp_path / "x.txt").exists() and not list(tmp_path.glob("*passwd*"))


@pytest.mark.slow
def test_rt_round_trip(rt_server: RTServer, tmp_path: Path) -> None:
    backend = rt_server.customer()
    try:
        created = backend.create(
            NewTicket(
                subject=f"Hostile names {os.getpid()}",
                body="b",
                requester=Requester("Casey", "customer@example.org"),
                client_ref=f"names-{os.getpid()}",
                attachments=tuple(a for a in _upload(tmp_path) if "\x00" not in a.filename),
            )
        )
        (message,) = backend.messages(created.id)
        saved = [
            (tmp_path / f"chosen-{i}", backend.download(att, tmp_path / f"chosen-{i}"))
            for i, att in enumerate(message.attachments)
        ]
    finally:
        backend.close()
    assert len(saved) == len(HOSTILE) - 1
    assert all(_inside(dest, path) for dest, path in saved), saved


def _joins_and_targets(module: str) -> tuple[list[ast.expr], list[ast.Call]]:
    """Every ``dest / x`` (or ``folder / x``) and every ``download_target(...)`` in a module."""
    tree = ast.parse((ROOT / (module.replace(".", "/") + ".py")).read_text("utf-8"))
    joins: list[ast.expr] = []
    targets: list[ast.Call] = []
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.BinOp)
            and isinstance(node.op, ast.Div)
            and isinstance(node.left, ast.Name)
            and node.left.id in ("dest", "folder")
        ):
            joins.append(node.right)
        if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "download_target":
            targets.append(node)
    return joins, targets


def _only_safe(adapter: str, joins: list[ast.expr]) -> None:
    for right in joins:
        assert isinstance(right, ast.Call) and getattr(right.func, "id", "") == "safe_filename", (
            f"{adapter}: line {right.lineno} joins the folder with {ast.unparse(right)}"
        )


#: github has no file API at all (download raises Unsupported); email keeps no files.
@pytest.mark.parametrize("adapter", [n for n in REGISTRY if n not in ("email", "github")])
def test_every_download_joins_the_folder_only_with_safe_filename(adapter: str) -> None:
    joins, targets = _joins_and_targets(REGISTRY[adapter].split(":")[0])
    assert joins or targets, f"{adapter}: no download target found"
    _only_safe(adapter, joins)
    if targets:  # the shared helper must itself join only a safe name
        shared, _ = _joins_and_targets("app.backends.common")
        assert shared
        _only_safe("common.download_target", shared)


@settings(max_examples=300, deadline=None, derandomize=True, database=None)
@given(st.text(max_size=300) | st.sampled_from(HOSTILE))
def test_safe_filename_never_leaves_the_folder(name: str) -> None:
    safe = safe_filename(name)
    assert safe and len(safe) <= 120
    assert "/" not in safe and "\\" not in safe and "\x00" not in safe
    assert safe not in (".", "..")
    assert (Path("/chosen") / safe).parent == Path("/chosen")


def test_the_save_target_the_ui_uses(tmp_path: Path) -> None:
    """My requests saves through app.core.sanitize.save_target: never out, never over."""
    sanitize = pytest.importorskip("app.core.sanitize")
    folder = tmp_path / "Downloads"
    folder.mkdir()
    (folder / "report.pdf").write_text("mine")
    (tmp_path / "outside.txt").write_text("outside")
    (folder / "link.txt").symlink_to(tmp_path / "outside.txt")
    for name in [*HOSTILE, "report.pdf", "link.txt"]:
        target = sanitize.save_target(folder, name)
        assert target.parent == folder.resolve() and not target.exists(), (name, target)
    assert (folder / "report.pdf").read_text() == "mine"
