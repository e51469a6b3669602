"""One configuration file (a layer), read and checked against the schema.

Separate from :mod:`app.core.config` so that the branding (:mod:`app.core.branding`) can read
its files with the same checks while the config reads the branding as its lowest layer,
without the two modules importing each other.
"""

from __future__ import annotations

import os
import stat
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


#: A settings file is a few kilobytes; anything past this is not one (issue 17, item 15).
MAX_BYTES = 1_000_000


def _read_bytes(path: Path, missing: str) -> bytes:
    """The file's bytes, refusing what is not a regular file before reading from it.

    Opened without blocking and checked with ``fstat`` (not ``is_file()`` first, which a
    swap could outrun): a FIFO named as the config would otherwise wait for a writer
    forever, and ``/dev/zero`` would never end.
    """
    source = str(path)
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except FileNotFoundError:
        raise ConfigError(source, "", missing) from None
    except PermissionError:
        if path.is_dir():  # Windows refuses to open a folder
            raise ConfigError(source, "", "is a folder; name a .toml file") from None
        raise ConfigError(source, "", "cannot be read: permission was denied") from None
    except OSError as err:
        raise ConfigError(source, "", f"cannot be read ({err.strerror or err})") from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise ConfigError(source, "", "is a folder; name a .toml file")
        if not stat.S_ISREG(info.st_mode):
            raise ConfigError(source, "", "is not a regular file, so it cannot hold settings")
        chunks, size = [], 0
        while size <= MAX_BYTES and (chunk := os.read(fd, 65536)):
            chunks.append(chunk)
            size += len(chunk)
        if size > MAX_BYTES:
            raise ConfigError(source, "", f"is larger than {MAX_BYTES // 1000} KB")
        return b"".join(chunks)
    except OSError as err:
        raise ConfigError(source, "", f"cannot be read ({err.strerror or err})") from None
    finally:
        os.close(fd)


def load_toml(path: Path, missing: str = "was not found") -> dict[str, Any]:
    """Parse one TOML file; every way it can be wrong is a :class:`ConfigError` sentence.

    ``tomllib`` is imported here: with no file to read (the embedded default), the parser
    is never loaded on the way to the first paint.
    """
    import tomllib

    source = str(path)
    data = _read_bytes(path, missing)
    try:
        return tomllib.loads(data.decode("utf-8"))
    except tomllib.TOMLDecodeError as err:
        raise ConfigError(source, "", not_toml(err)) from None
    except UnicodeDecodeError:
        raise ConfigError(source, "", "is not text in UTF-8") from None
    except RecursionError:  # tomllib recurses once per nested array or inline table
        raise ConfigError(source, "", "nests arrays or tables too deeply to be read") from None


def read_file(path: Path) -> dict[str, Any]:
    """Read and validate one TOML file into dotted keys."""
    source = str(path)
    return check(flatten(load_toml(path), source), source, path.parent)
