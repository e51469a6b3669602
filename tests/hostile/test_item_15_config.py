"""Issue 17, item 15: every hostile config file gets the one-sentence error, never a traceback
or a hang: deep nesting, a folder, ``inf``/``nan``, a FIFO, catastrophic regular expressions."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import pytest

from app import cli
from app.core.config import load
from tests.cli.helpers import one_sentence, run


def _check(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    assert cli.main([*argv, "config", "check"]) == 2
    return one_sentence(capsys.readouterr().err)


def test_100000_nested_arrays_are_one_sentence(
    helpline_env: dict[str, str], tmp_path: Path
) -> None:
    path = tmp_path / "deep.toml"
    path.write_text("[privacy]\npatterns = " + "[" * 100_000 + "]" * 100_000 + "\n", "utf-8")
    proc = run(helpline_env, "--config", str(path), "config", "check")
    assert proc.returncode == 2
    assert one_sentence(proc.stderr) == (
        f"helpline: {path} nests arrays or tables too deeply to be read."
    )


def test_deep_nesting_in_a_set_flag_is_refused_by_the_schema(
    capsys: pytest.CaptureFixture[str],
) -> None:
    line = _check(capsys, "--set", "privacy.patterns=" + "[" * 50_000 + "]" * 50_000)
    assert "'privacy.patterns' must be" in line


def test_a_folder_as_config(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _check(capsys, "--config", str(tmp_path)) == (
        f"helpline: {tmp_path} is a folder; name a .toml file."
    )


@pytest.mark.parametrize("value", ["inf", "-inf", "nan", "+inf", "1e300"])
def test_infinite_and_huge_sizes_fail_config_check(
    value: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "c.toml"
    path.write_text(f"[attachments]\nmax_size_mb = {value}\n", "utf-8")
    line = _check(capsys, "--config", str(path))
    assert f"{path}: 'attachments.max_size_mb' must be a number greater than 0" in line


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are a POSIX thing")
def test_a_fifo_as_config_does_not_block(helpline_env: dict[str, str], tmp_path: Path) -> None:
    """In a subprocess: before the fix the read waited for a writer forever."""
    fifo = tmp_path / "config.toml"
    os.mkfifo(fifo)
    started = time.monotonic()
    proc = run(helpline_env, "--config", str(fifo), "config", "check", timeout=20)
    assert time.monotonic() - started < 15 and proc.returncode == 2
    assert one_sentence(proc.stderr) == (
        f"helpline: {fifo} is not a regular file, so it cannot hold settings."
    )


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="/dev/zero")
def test_an_endless_device_is_not_read(helpline_env: dict[str, str]) -> None:
    proc = run(helpline_env, "--config", "/dev/zero", "config", "check", timeout=20)
    assert "is not a regular file" in one_sentence(proc.stderr)


@pytest.mark.parametrize("pattern", ["(a+)+$", "(\\\\w+\\\\s?)*$", "(x*)*y", "(a+a)+b"])
def test_catastrophic_patterns_are_refused(
    pattern: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "c.toml"
    path.write_text(f'[privacy]\npatterns = ["{pattern}"]\n', "utf-8")
    line = _check(capsys, "--config", str(path))
    assert f"{path}: 'privacy.patterns' must be a list of regular expressions without" in line


def test_long_patterns_are_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "c.toml"
    path.write_text(f'[privacy]\npatterns = ["{"a" * 501}"]\n', "utf-8")
    assert "at most 500 characters" in _check(capsys, "--config", str(path))


@pytest.mark.parametrize(
    "pattern",
    [
        "ACME-[0-9]+(-[0-9]+)*",
        "(?P<secret>[A-Z0-9]{20})",
        "(\\\\s*,\\\\s*\\\\w+)*",
        "a++",
        "(?>a+)+",
    ],
)
def test_ordinary_patterns_still_pass(pattern: str, tmp_path: Path) -> None:
    path = tmp_path / "c.toml"
    path.write_text(f'[privacy]\npatterns = ["{pattern}"]\n', "utf-8")
    assert load(config_file=path, env={})["privacy.patterns"] == [pattern.replace("\\\\", "\\")]
