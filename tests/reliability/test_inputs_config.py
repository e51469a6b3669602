"""Broken configuration: each message names the file, the key and what is expected.

tests/core/test_config.py already covers one wrong value per key (a TOML
date), unknown sections and keys, broken TOML, non-UTF-8 files and a missing
logo. This file adds what is not there: every key tried with every TOML type
that its declaration refuses (generated from the schema, so a new key is
covered the day it is declared), every path key pointing nowhere, the
policy file's own errors, and the message as the CLI prints it.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from app.core.config import ConfigError, load
from app.core.schema import KEYS, PATH, Key, SchemaError
from tests.cli.helpers import one_sentence, run

#: One value of each TOML type, as written in a file.
SAMPLES = (
    '"text"',
    '""',
    "true",
    "0",
    "3",
    "-1",
    "2.5",
    "[1, 2]",
    '["a"]',
    "{ a = 1 }",
    "1979-05-27",
    "07:32:00",
)


def _refusal(key: Key, raw: str) -> str | None:
    """What the schema says about this value, or None if it accepts it."""
    value = tomllib.loads(f"v = {raw}")["v"]
    try:
        key.kind.check(value)
    except SchemaError as err:
        return err.expected
    return None


@pytest.mark.parametrize(
    "key", [k for k in KEYS if k.section != "categories"], ids=lambda k: k.name
)
def test_every_refused_type_names_file_key_and_expectation(tmp_path: Path, key: Key) -> None:
    table, name = key.name.rsplit(".", 1)
    refused = 0
    for raw in SAMPLES:
        expected = _refusal(key, raw)
        if expected is None:
            continue
        refused += 1
        path = tmp_path / "helpline.toml"
        path.write_text(f"[{table}]\n{name} = {raw}\n", "utf-8")
        with pytest.raises(ConfigError) as err:
            load(config_file=path, env={})
        text = str(err.value)
        assert text.startswith(f"{path}: '{key.name}' must be {expected}"), (raw, text)
        assert "(found " in text, (raw, text)
    assert refused >= 5  # every kind refuses most of the samples


@pytest.mark.parametrize("key", [k for k in KEYS if k.kind is PATH], ids=lambda k: k.name)
def test_every_path_key_pointing_nowhere(tmp_path: Path, key: Key) -> None:
    table, name = key.name.rsplit(".", 1)
    path = tmp_path / "helpline.toml"
    path.write_text(f'[{table}]\n{name} = "missing/file.pem"\n', "utf-8")
    with pytest.raises(ConfigError) as err:
        load(config_file=path, env={})
    assert str(err.value) == (
        f"{path}: '{key.name}' must be a file that exists (found "
        f'"{tmp_path / "missing" / "file.pem"}").'
    )


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ('[branding]\nname = "A"\nname = "B"\n', "valid TOML"),  # a key twice
        ('[branding]\nname = "unterminated\n', "valid TOML"),
        ("[branding\n", "valid TOML"),
        ("\x00\x01\x02", "valid TOML"),
        ("[backend]\nurl = https://example.org\n", "valid TOML"),  # quotes forgotten
    ],
)
def test_broken_toml_names_the_file_and_the_line(tmp_path: Path, body: str, expected: str) -> None:
    path = tmp_path / "broken.toml"
    path.write_text(body, "utf-8")
    with pytest.raises(ConfigError) as err:
        load(config_file=path, env={})
    assert str(err.value).startswith(f"{path} is not {expected}: ")
    assert "line 1" in str(err.value) or "line 2" in str(err.value) or "line 3" in str(err.value)


def test_a_wrong_policy_file_is_named(isolated_dirs: dict[str, Path]) -> None:
    policy = isolated_dirs["site"] / "helpline" / "policy.toml"
    policy.parent.mkdir(parents=True)
    policy.write_text('[policy]\nlocked = ["backend.token"]\n', "utf-8")
    with pytest.raises(ConfigError) as err:
        load(env={})
    assert str(err.value) == (
        f"{policy}: 'policy.locked' must be a list of lockable key names (found \"backend.token\")."
    )


@pytest.mark.slow
def test_the_cli_prints_the_same_sentence(helpline_env: dict[str, str], tmp_path: Path) -> None:
    path = tmp_path / "helpline.toml"
    path.write_text('[outbox]\nretry_seconds = "soon"\n', "utf-8")
    proc = run(helpline_env, "--config", str(path), "config", "check")
    assert proc.returncode == 2
    assert one_sentence(proc.stderr) == (
        f"helpline: {path}: 'outbox.retry_seconds' must be a number greater than 0 "
        'and at most 1000000000 (found "soon").'
    )
