"""One configuration file (a layer), read and checked against the schema.

Separate from :mod:`app.core.config` so that the branding (:mod:`app.core.branding`) can read
its files with the same checks while the config reads the branding as its lowest layer,
without the two modules importing each other.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from app.core.schema import BY_NAME, KEYS, PATH, SECTIONS, SchemaError


class ConfigError(Exception):
    """A config value is wrong. The message names the file, the key and what is expected.

    Without a key the file as a whole is wrong, and ``expected`` says what is wrong with it
    as the rest of a sentence that starts with the file's name ("was not found").
    """

    def __init__(self, source: str, key: str, expected: str, found: Any = None) -> None:
        self.source, self.key, self.expected = source, key, expected
        text = f"{source}: '{key}' must be {expected}" if key else f"{source} {expected}"
        if found is not None:
            text += f" (found {_as_written(found)})"
        super().__init__(text + ".")


def _as_written(value: Any) -> str:
    """A value roughly as it looks in the TOML file, not as Python prints it.

    Only error messages need this; json and datetime are imported here so that reading the
    config before the first paint does not load them.
    """
    import json
    from datetime import date, time

    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, date | time):  # datetime is a date too
        return value.isoformat()
    if isinstance(value, list):
        return "[" + ", ".join(_as_written(v) for v in value) + "]"
    if isinstance(value, dict):
        return "a table"
    return repr(value)


def not_toml(err: Exception) -> str:
    """The parser's complaint as the rest of a sentence: "is not valid TOML: illegal …"."""
    detail = str(err)
    return f"is not valid TOML: {detail[:1].lower()}{detail[1:]}"


def flatten(document: dict[str, Any], source: str) -> dict[str, Any]:
    """Turn a parsed TOML document into dotted keys, rejecting unknown ones."""
    flat: dict[str, Any] = {}
    for section, body in document.items():
        if section not in SECTIONS:
            known = ", ".join(SECTIONS)
            raise ConfigError(source, section, f"a known section ({known})")
        if section == "categories":
            flat["categories"] = body
            continue
        if not isinstance(body, dict):
            raise ConfigError(source, section, f"a table: write [{section}] above its keys")
        for key, value in body.items():
            name = f"{section}.{key}"
            if name not in BY_NAME:
                known = ", ".join(k.name for k in KEYS if k.section == section)
                raise ConfigError(source, name, f"a known key (this section has {known})")
            flat[name] = value
    return flat


def check(flat: dict[str, Any], source: str, base: Path | None) -> dict[str, Any]:
    """Validate each value against its declaration; resolve paths against ``base``."""
    checked: dict[str, Any] = {}
    for name, raw in flat.items():
        key = BY_NAME[name]
        try:
            value = key.kind.check(raw)
        except SchemaError as err:
            found = raw if not err.where else None
            raise ConfigError(source, name + err.where, err.expected, found) from None
        if key.kind is PATH and value:
            path = Path(os.path.expandvars(os.path.expanduser(value)))
            if base is not None and not path.is_absolute():
                path = base / path
            if not path.is_file():
                raise ConfigError(source, name, "a file that exists", str(path))
            value = str(path)
        checked[name] = value
    return checked


def read_file(path: Path) -> dict[str, Any]:
    """Read and validate one TOML file into dotted keys.

    ``tomllib`` is imported here: with no file to read (the embedded default), the parser
    is never loaded on the way to the first paint.
    """
    import tomllib

    source = str(path)
    try:
        with path.open("rb") as handle:
            document = tomllib.load(handle)
    except FileNotFoundError:
        raise ConfigError(source, "", "was not found") from None
    except PermissionError:
        raise ConfigError(source, "", "cannot be read: permission was denied") from None
    except tomllib.TOMLDecodeError as err:
        raise ConfigError(source, "", not_toml(err)) from None
    except UnicodeDecodeError:
        raise ConfigError(source, "", "is not text in UTF-8") from None
    return check(flatten(document, source), source, path.parent)
