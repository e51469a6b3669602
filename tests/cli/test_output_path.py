"""Every line the CLI prints goes through cli_output (issue 17 item 4): one place shows
control and bidi characters instead of passing them to the terminal."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from app.cli_output import print_json, visible
from tests.conftest import ROOT


def _direct_writes(path: Path) -> list[int]:
    """Lines calling print() or sys.stdout/stderr.write() directly."""
    lines = []
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        printed = isinstance(func, ast.Name) and func.id == "print"
        written = (
            isinstance(func, ast.Attribute)
            and func.attr == "write"
            and isinstance(func.value, ast.Attribute)
            and func.value.attr in ("stdout", "stderr")
        )
        if printed or written:
            lines.append(node.lineno)
    return lines


@pytest.mark.parametrize(
    "path",
    [p for p in sorted((ROOT / "app").glob("cli*.py")) if p.name != "cli_output.py"],
    ids=lambda p: p.name,
)
def test_commands_print_only_through_cli_output(path):
    assert _direct_writes(path) == [], f"{path.name}: use cli_output.out/say/print_json"


def test_visible_writes_controls_out_and_keeps_layout():
    assert visible("a\tb\nc\r\nd") == "a\tb\nc\nd"
    assert visible("\x1b[2J\x07\x7f\x9b\r") == "\\x1b[2J\\x07\\x7f\\x9b\\x0d"
    assert visible("\u202eabc\u2066\u200f\u061c") == "<U+202E>abc<U+2066><U+200F><U+061C>"
    assert visible("Grüße ✓ 日本") == "Grüße ✓ 日本"


def test_json_escapes_c1_and_bidi_but_keeps_the_value(capsys):
    import json

    value = {"s": "\x1b[2J\u009b\u202eé"}
    print_json(value)
    out = capsys.readouterr().out
    assert "\\u001b" in out and "\\u009b" in out and "\\u202e" in out and "é" in out
    assert json.loads(out) == value
