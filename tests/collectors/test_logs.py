"""Log collection: tails at line boundaries, expansion, globs, and honest reasons for gaps."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from app.collectors import logs
from app.collectors.logs import collect_logs


def write_lines(path: Path, count: int, width: int = 20) -> bytes:
    data = b"".join(f"line {i:05d} ".ljust(width - 1, "x").encode() + b"\n" for i in range(count))
    path.write_bytes(data)
    return data


def test_small_file_is_read_whole(tmp_path: Path) -> None:
    log = tmp_path / "app.log"
    data = write_lines(log, 10)
    [got] = collect_logs([str(log)], max_bytes=10_000)
    assert got.ok
    assert got.text == data.decode()
    assert not got.truncated
    assert got.size_on_disk == len(data)
    assert got.name == "app.log"
    assert got.path == str(log)


def test_tail_is_limited_and_starts_at_a_line(tmp_path: Path) -> None:
    log = tmp_path / "big.log"
    data = write_lines(log, 1000)  # 20 bytes a line
    [got] = collect_logs([str(log)], max_bytes=1010)
    assert got.truncated
    assert got.size_on_disk == len(data)
    assert len(got.text.encode()) <= 1010
    assert got.text.startswith("line ")
    assert data.decode().endswith(got.text)
    assert got.text.count("\n") == 50  # 1010 bytes hold 50 whole lines and a partial one


def test_cut_exactly_on_a_line_start_keeps_that_line(tmp_path: Path) -> None:
    log = tmp_path / "even.log"
    data = write_lines(log, 100)
    [got] = collect_logs([str(log)], max_bytes=200)
    assert got.text == data[-200:].decode()
    assert got.text.startswith("line 00090")


def test_tail_does_not_read_the_whole_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    log = tmp_path / "huge.log"
    write_lines(log, 50_000)  # about 1 MB
    sizes: list[int] = []
    real_open = open

    def spy_open(path: Any, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        handle: Any = real_open(path, mode, *args, **kwargs)
        real_read = handle.read

        def read(n: int = -1) -> bytes:
            sizes.append(n)
            return real_read(n)

        handle.read = read
        return handle

    monkeypatch.setattr("builtins.open", spy_open)
    [got] = collect_logs([str(log)], max_bytes=4096)
    assert got.truncated
    assert sizes == [4097]


def test_home_and_environment_variables_are_expanded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / "home"
    (home / ".app").mkdir(parents=True)
    (home / ".app" / "client.log").write_text("from home\n")
    (tmp_path / "var").mkdir()
    (tmp_path / "var" / "svc.log").write_text("from var\n")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("LOGROOT", str(tmp_path / "var"))
    got = collect_logs(["~/.app/client.log", "$LOGROOT/svc.log"], max_bytes=1000)
    assert [g.text for g in got] == ["from home\n", "from var\n"]
    assert got[0].path == str(home / ".app" / "client.log")


def test_globs_match_files_in_order_and_skip_folders(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("b.log", "a.log", "c.txt"):
        (tmp_path / name).write_text(name)
    (tmp_path / "d.log").mkdir()
    (tmp_path / "d.log" / "inner.log").write_text("never read")
    monkeypatch.setenv("LOGS", str(tmp_path))
    got = collect_logs(["${LOGS}/*.log"], max_bytes=1000)
    assert [(g.name, g.text) for g in got if g.ok] == [("a.log", "a.log"), ("b.log", "b.log")]
    [folder] = [g for g in got if not g.ok]
    assert folder.name == "d.log"
    assert "folder" in folder.error
    assert all("never read" not in g.text for g in got)


def test_a_folder_named_directly_is_refused(tmp_path: Path) -> None:
    [got] = collect_logs([str(tmp_path)], max_bytes=1000)
    assert not got.ok
    assert got.text == ""
    assert "folder" in got.error


def test_missing_file_and_empty_glob_are_reported(tmp_path: Path) -> None:
    got = collect_logs([str(tmp_path / "gone.log"), str(tmp_path / "*.nothing")], max_bytes=100)
    assert [g.ok for g in got] == [False, False]
    assert got[0].error == "The file is not on this computer."
    assert "No file" in got[1].error


def test_unset_variable_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("HELPLINE_NO_SUCH_VAR", raising=False)
    [got] = collect_logs(["$HELPLINE_NO_SUCH_VAR/app.log"], max_bytes=100)
    assert "HELPLINE_NO_SUCH_VAR" in got.error


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_unreadable_file_is_skipped_with_a_reason(tmp_path: Path) -> None:
    log = tmp_path / "secret.log"
    log.write_text("private\n")
    log.chmod(0)
    try:
        [got] = collect_logs([str(log)], max_bytes=100)
    finally:
        log.chmod(0o600)
    assert got.error == "Helpline is not allowed to read it."
    assert got.text == ""


def test_permission_refusal_is_reported_even_as_root(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    log = tmp_path / "secret.log"
    log.write_text("private\n")

    def refuse(path: str, max_bytes: int) -> tuple[bytes, int, bool]:
        raise PermissionError(13, "Permission denied", path)

    monkeypatch.setattr(logs, "_read_tail", refuse)
    [got] = collect_logs([str(log)], max_bytes=100)
    assert got.error == "Helpline is not allowed to read it."
    assert got.size_on_disk == len("private\n")


def test_symlink_is_read_and_its_target_reported(tmp_path: Path) -> None:
    target = tmp_path / "real.log"
    target.write_text("real content\n")
    link = tmp_path / "current.log"
    link.symlink_to(target)
    broken = tmp_path / "broken.log"
    broken.symlink_to(tmp_path / "nowhere.log")
    got = collect_logs([str(link), str(broken)], max_bytes=100)
    assert got[0].text == "real content\n"
    assert got[0].link_target == str(target)
    assert got[0].path == str(link)
    assert "link" in got[1].error
    assert got[1].link_target == str(tmp_path / "nowhere.log")


def test_same_file_twice_is_collected_once_and_names_stay_unique(tmp_path: Path) -> None:
    (tmp_path / "one").mkdir()
    (tmp_path / "two").mkdir()
    (tmp_path / "one" / "app.log").write_text("one")
    (tmp_path / "two" / "app.log").write_text("two")
    got = collect_logs(
        [str(tmp_path / "one" / "app.log"), str(tmp_path / "*" / "app.log")], max_bytes=100
    )
    assert [(g.name, g.text) for g in got] == [("app.log", "one"), ("app-2.log", "two")]


def test_invalid_bytes_do_not_stop_collection(tmp_path: Path) -> None:
    log = tmp_path / "binary.log"
    log.write_bytes(b"ok \xff\xfe end\n")
    [got] = collect_logs([str(log)], max_bytes=100)
    assert got.text == "ok \ufffd\ufffd end\n"


def test_max_bytes_must_be_positive(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="max_bytes"):
        collect_logs([str(tmp_path)], max_bytes=0)
