"""Configuration: layered TOML files checked against the schema.

Later layers win: built-in defaults < branding (the folder a branded build
embeds, see :mod:`app.core.branding`) < system policy < user file <
``--config FILE`` or ``HELPLINE_CONFIG`` < command-line flags. Keys the
policy lists in ``[policy] locked`` stay at the policy's (or the embedded branding's)
value whatever a later layer says, and each ignored attempt becomes a notice the UI
and CLI show. A locked key's value comes only from the system's own files: the policy
at its fixed path (:func:`app.core.paths.policy_file`) and the branding the build
embedded; a branding folder named in ``HELPLINE_BRANDING`` is the user's to choose, so
it is a layer like the user's file (issue 17, items 3 and 13).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, NamedTuple

from app.core import branding, paths
from app.core.config_file import ConfigError, check, read_file
from app.core.schema import BY_NAME, KEYS

BUILTIN = "built-in default"
FLAGS = "command line"


# Records are NamedTuples and Config a plain class, not dataclasses: the config is read
# before the first paint (why that matters: docs/performance.md, "Start-up tricks").


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


class Policy(NamedTuple):
    """Which system policy file was looked for, and whether one was found and read.

    Facts for the faces: ``config show`` and Settings say "policy: PATH" or "no policy
    file at PATH" (:func:`app.cli_text.policy_line`, :mod:`app.ui.settings_window`).
    """

    path: str
    found: bool


class Config:
    """The effective configuration, with where each value came from."""

    __slots__ = ("locked", "notices", "policy", "sources", "values")

    def __init__(
        self,
        values: dict[str, Any],
        sources: dict[str, str],
        locked: frozenset[str] = frozenset(),
        notices: list[str] | None = None,
        policy: Policy | None = None,
    ) -> None:
        self.values = values
        self.sources = sources
        self.locked = locked
        self.notices: list[str] = [] if notices is None else notices
        self.policy = policy

    def replace(self, **changes: Any) -> Config:
        """A copy with some attributes changed (``values``, ``sources``, ...)."""
        fields = {name: getattr(self, name) for name in self.__slots__}
        return Config(**{**fields, **changes})

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Config) and all(
            getattr(self, name) == getattr(other, name) for name in self.__slots__
        )

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
    def keeps_locally(self) -> bool:
        """No helpdesk is configured: the local store keeps every request on this computer
        and nothing leaves it, so no face may say that support was told (issue 15)."""
        return bool(self.values["backend.type"] == "local")

    @property
    def max_attachment_bytes(self) -> int:
        return int(self.values["attachments.max_size_mb"] * 1_000_000)  # MB as shown: decimal


def _may_set(name: str, current: Any, value: Any) -> bool:
    """Whether a layer that is not IT's may set ``name`` from ``current`` to ``value``:
    keys with a ceiling (remote help) can only be lowered there, or not set at all."""
    ceiling = BY_NAME[name].ceiling if name in BY_NAME else ""
    if ceiling == "it":
        return bool(value == current)
    if ceiling == "lower":
        return bool(value <= current)
    return True


def fallback(env: dict[str, str] | None = None) -> Config:
    """The built-in defaults under the branding, for when :func:`load` refused a file: the
    window that says so still speaks in the brand's name and language."""
    values = {k.name: k.default for k in KEYS}
    try:
        brand = branding.active(env)
    except ConfigError:
        brand = None
    for _source, layer in brand.layers if brand else ():
        values.update(layer)
    return Config(values=values, sources=dict.fromkeys(values, BUILTIN))


def load(
    config_file: Path | None = None,
    flags: dict[str, Any] | None = None,
    env: dict[str, str] | None = None,
) -> Config:
    """Resolve every layer into one :class:`Config`; raise :class:`ConfigError` on bad input."""
    env = dict(os.environ) if env is None else env
    values = {k.name: k.default for k in KEYS}
    sources = dict.fromkeys(values, BUILTIN)
    notices: list[str] = []
    locked: frozenset[str] = frozenset()

    policy = paths.policy_file()
    layers: list[tuple[str, dict[str, Any]]] = []
    embedded = branding.embedded_folder()
    if embedded is not None:
        layers.extend(branding.load(embedded).layers)
    #: IT's own layers, below the policy: a lock keeps their value, it does not refuse it.
    trusted = {source for source, _ in layers} | {str(policy)}
    if env.get(branding.ENV):  # the user's choice: above the embedded brand, below locks
        chosen = branding.load(Path(env[branding.ENV]))
        layers.extend(layer for layer in chosen.layers if layer[0] not in trusted)
    found = policy.is_file()
    if found:
        policy_values = read_file(policy)
        for name in policy_values.get("policy.locked", []):
            if name not in BY_NAME or not BY_NAME[name].lockable:
                raise ConfigError(
                    str(policy), "policy.locked", "a list of lockable key names", name
                )
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
                notices.append(
                    f"'policy.locked' in {source} was ignored: only the system policy "
                    "file can lock settings."
                )
                continue
            if name in locked and source not in trusted:
                notices.append(
                    f"'{name}' is set by your organisation ({policy}) and cannot be "
                    f"changed; the value from {source} was ignored."
                )
                continue
            if source not in trusted and not _may_set(name, values[name], value):
                notices.append(
                    f"'{name}' can only be set by your organisation"
                    + (" or lowered" if BY_NAME[name].ceiling == "lower" else "")
                    + f"; the value from {source} was ignored."
                )
                continue
            values[name] = value
            sources[name] = source
    return Config(
        values=values,
        sources=sources,
        locked=locked,
        notices=notices,
        policy=Policy(str(policy), found),
    )
