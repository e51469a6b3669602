"""The schema is the single source of truth: consistent, and the generated docs follow it."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from app.core.config import read_file
from app.core.schema import BY_NAME, KEYS, SECTIONS, Key
from tests.conftest import ROOT

DOCS = ROOT / "docs" / "config.md"


@pytest.mark.parametrize("key", KEYS, ids=lambda k: k.name)
def test_every_default_passes_its_own_check(key: Key) -> None:
    assert key.doc.strip().endswith((".", ")")), key.name
    if key.kind.label == "file path":
        assert key.default == ""  # a default file would have to exist everywhere
    else:
        key.kind.check(key.default)


def test_names_are_unique_and_sectioned() -> None:
    assert len(BY_NAME) == len(KEYS)
    assert set(SECTIONS) == {k.section for k in KEYS}
    assert not BY_NAME["policy.locked"].lockable


def test_generated_reference_is_current() -> None:
    proc = subprocess.run(
        [sys.executable, "scripts/gen_config_docs.py", "--check"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr + "\nRun: python scripts/gen_config_docs.py"


def test_reference_covers_every_key() -> None:
    text = DOCS.read_text("utf-8")
    for key in KEYS:
        if key.section == "categories":
            assert "### `[[categories]]`" in text
            continue
        short = key.name.split(".", 1)[1]
        section = text.split(f"### `[{key.section}]`", 1)[1].split("###", 1)[0]
        assert f"| `{short}` |" in section, key.name
    for field in ("questions", "help", "not_handled", "not_handled_link"):
        assert f"| `{field}` |" in text


def test_the_full_example_is_a_valid_config(tmp_path: Path) -> None:
    blocks = re.findall(r"```toml\n(.*?)```", DOCS.read_text("utf-8"), re.S)
    full = max(blocks, key=len)
    path = tmp_path / "example.toml"
    path.write_text(full, "utf-8")
    values = read_file(path)
    for key in KEYS:
        if key.section not in ("categories", "policy"):
            assert values[key.name] == key.kind.check(key.default), key.name
    ids = [c["id"] for c in values["categories"]]
    assert ids == ["computer", "printer", "building"]
    for block in blocks:
        tomllib.loads(block)  # every snippet in the reference parses


def test_check_fails_when_stale(tmp_path: Path) -> None:
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import gen_config_docs
    finally:
        sys.path.remove(str(ROOT / "scripts"))
    stale = tmp_path / "config.md"
    stale.write_text("# old\n", "utf-8")
    original = gen_config_docs.TARGET
    gen_config_docs.TARGET = stale
    try:
        assert gen_config_docs.main(["--check"]) == 1
        assert gen_config_docs.main([]) == 0
        assert gen_config_docs.main(["--check"]) == 0
    finally:
        gen_config_docs.TARGET = original
    assert stale.read_text("utf-8") == DOCS.read_text("utf-8")
