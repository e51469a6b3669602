"""Configuration: layered TOML files checked against the schema.

Later layers win: built-in defaults < branding (the folder a branded build
embeds, see :mod:`app.core.branding`) < system policy < user file <
``--config FILE`` or ``HELPLINE_CONFIG`` < command-line flags. Keys the
policy lists in ``[policy] locked`` stay at the policy's (or branding's) value
whatever a later layer says, and each ignored attempt becomes a notice the UI
and CLI show.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, NamedTuple

from app.core import paths
from app.core.schema import BY_NAME, KEYS, PATH, SECTIONS, SchemaError

BUILTIN = "built-in default"
FLAGS = "command line"


class ConfigError(Exception):
    """A config value is wrong. The message names the file, the key and what is expected."""

    def __init__(self, source: str, key: str, expected: str, found: Any = None) -> None:
        self.source, self.key, self.expected = source, key, expected
        text = f"{source}: '{key}' must be {expected}" if key else f"{source}: {expected}"
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


# Records are NamedTuples and Config a plain class, not dataclasses: the config is read
# before the wizard's first paint, and importing dataclasses costs about 5 ms of the 45 ms
# Helpline may spend of its own before it (docs/performance.md).


class Question(NamedTuple):
    id: str
    label: str
    required: bool = False
    placeholder: str = ""


class Link(NamedTuple):
    label: str
    url: str


class Category(NamedTuple):
    id: str
    label: str
    description: str = ""
    questions: tuple[Question, ...] = ()
    not_handled: str = ""
    not_handled_link: str = ""
    help: tuple[Link, ...] = ()

    @property
    def handled(self) -> bool:
        return not self.not_handled

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Category:
        return cls(
            id=data["id"],
            label=data["label"],
            description=data.get("description", ""),
            questions=tuple(Question(**q) for q in data.get("questions", ())),
            not_handled=data.get("not_handled", ""),
            not_handled_link=data.get("not_handled_link", ""),
            help=tuple(Link(**h) for h in data.get("help", ())),
        )


class Config:
    """The effective configuration, with where each value came from."""

    __slots__ = ("locked", "notices", "sources", "values")

    def __init__(self, values: dict[str, Any], sources: dict[str, str],
                 locked: frozenset[str] = frozenset(), notices: list[str] | None = None
                 ) -> None:
        self.values = values
        self.sources = sources
        self.locked = locked
        self.notices: list[str] = [] if notices is None else notices

    def replace(self, **changes: Any) -> Config:
        """A copy with some attributes changed (``values``, ``sources``, ...)."""
        fields = {name: getattr(self, name) for name in self.__slots__}
        return Config(**{**fields, **changes})

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Config) and all(
            getattr(self, name) == getattr(other, name) for name in self.__slots__)

    __hash__ = None  # type: ignore[assignment]  # mutable, like the dataclass it was

    def __repr__(self) -> str:
        return f"Config({len(self.values)} values, locked={sorted(self.locked)})"

    def __getitem__(self, key: str) -> Any:
        return self.values[key]

    def source(self, key: str) -> str:
        return self.sources[key]

    def categories(self) -> list[Category]:
        return [Category.from_dict(c) for c in self.values["categories"]]

    def category(self, category_id: str) -> Category | None:
        return next((c for c in self.categories() if c.id == category_id), None)

    @property
    def max_attachment_bytes(self) -> int:
        return int(self.values["attachments.max_size_mb"] * 1024 * 1024)


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
        raise ConfigError(source, "", "a file that exists; it was not found") from None
    except PermissionError:
        raise ConfigError(source, "", "readable; permission was denied") from None
    except tomllib.TOMLDecodeError as err:
        raise ConfigError(source, "", f"valid TOML; {err}") from None
    except UnicodeDecodeError:
        raise ConfigError(source, "", "text in UTF-8") from None
    return check(flatten(document, source), source, path.parent)


def load(
    config_file: Path | None = None,
    flags: dict[str, Any] | None = None,
    env: dict[str, str] | None = None,
) -> Config:
    """Resolve every layer into one :class:`Config`; raise :class:`ConfigError` on bad input."""
    from app.core import branding  # it reads files with this module's checks

    env = dict(os.environ) if env is None else env
    values = {k.name: k.default for k in KEYS}
    sources = dict.fromkeys(values, BUILTIN)
    notices: list[str] = []
    locked: frozenset[str] = frozenset()

    policy = paths.policy_file()
    brand = branding.active(env)
    layers: list[tuple[str, dict[str, Any]]] = list(brand.layers) if brand else []
    #: IT's own layers, below the policy: a lock keeps their value, it does not refuse it.
    trusted = {source for source, _ in layers} | {str(policy)}
    if policy.is_file():
        policy_values = read_file(policy)
        for name in policy_values.get("policy.locked", []):
            if name not in BY_NAME or not BY_NAME[name].lockable:
                raise ConfigError(str(policy), "policy.locked", "a list of lockable key names",
                                  name)
        locked = frozenset(policy_values.get("policy.locked", []))
        layers.append((str(policy), policy_values))
    user = paths.user_config_file()
    if user.is_file():
        layers.append((str(user), read_file(user)))
    explicit = config_file or (Path(env["HELPLINE_CONFIG"]) if env.get("HELPLINE_CONFIG") else None)
    if explicit is not None:
        layers.append((str(explicit), read_file(explicit)))
    if flags:
        layers.append((FLAGS, check(dict(flags), FLAGS, None)))

    for source, layer in layers:
        for name, value in layer.items():
            if name == "policy.locked" and source not in trusted:
                notices.append(f"'policy.locked' in {source} was ignored: only the system policy "
                               "file can lock settings.")
                continue
            if name in locked and source not in trusted:
                notices.append(f"'{name}' is set by your organisation ({policy}) and cannot be "
                               f"changed; the value from {source} was ignored.")
                continue
            values[name] = value
            sources[name] = source
    return Config(values=values, sources=sources, locked=locked, notices=notices)
