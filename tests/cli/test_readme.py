"""README.md's command table and configuration paragraph keep up with the code."""

from __future__ import annotations

import argparse

from app import cli
from tests.conftest import ROOT


def _commands() -> list[str]:
    parser = cli.build_parser()
    (sub,) = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return list(sub.choices)


def test_every_command_has_a_row_in_the_readme() -> None:
    table = (ROOT / "README.md").read_text("utf-8").split("## Command line", 1)[1]
    table = table.split("\n## ", 1)[0]
    for command in _commands():
        assert f"`helpline {command}" in table or f"/ `helpline {command}" in table, command
    assert "`helpline list [--status S]" in table


def test_the_readme_gives_the_layers_in_order_with_branding() -> None:
    text = (ROOT / "README.md").read_text("utf-8").split("## Configuration", 1)[1]
    layers = [
        "built-in defaults",
        "branding",
        "system policy",
        "your file",
        "--config FILE",
        "command-line flags",
    ]
    where = [text.index(layer) for layer in layers]
    assert where == sorted(where)
    assert "locks" in text and "above all" in text
