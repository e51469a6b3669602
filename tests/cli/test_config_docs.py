"""scripts/gen_config_docs.py: the ``[[categories]]`` table comes from the schema itself."""

from __future__ import annotations

import importlib
import sys
from types import ModuleType

import pytest

from app.core import schema
from tests.conftest import ROOT


def _generator() -> ModuleType:
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        return importlib.import_module("gen_config_docs")
    finally:
        sys.path.remove(str(ROOT / "scripts"))


def _category_rows(text: str) -> dict[str, list[str]]:
    table = text.split("### `[[categories]]`", 1)[1].split("```toml", 1)[0]
    rows = [line.split(" | ") for line in table.splitlines() if line.startswith("| `")]
    return {cells[0].strip("| `"): [c.strip(" |") for c in cells[1:]] for cells in rows}


def test_every_category_key_of_the_schema_is_documented() -> None:
    gen = _generator()
    rows = _category_rows(gen.render())
    assert list(rows) == list(schema._CATEGORY)  # logs included, in declaration order
    assert rows["logs"][0] == "list of files or globs"
    assert rows["logs"][2] == schema.CATEGORY_DOCS["logs"]
    assert {key for key, cells in rows.items() if cells[1] == "yes"} == {"id", "label"}
    assert _category_rows((ROOT / "docs" / "config.md").read_text("utf-8")) == rows


def test_a_category_key_without_a_doc_stops_the_generator(monkeypatch: pytest.MonkeyPatch) -> None:
    gen = _generator()
    monkeypatch.setitem(gen._CATEGORY, "owner", schema.STRING)
    with pytest.raises(SystemExit, match="no line for owner"):
        gen.render()
