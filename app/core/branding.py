"""The brand IT ships Helpline as: its name, identity, look and default configuration.

A branding folder holds ``branding.toml``, a logo, an icon and optionally
``config.toml`` (categories, backend) and ``policy.toml`` (locked keys; the
installer puts it in the system config dir, it is never read from here).
``packaging/build.py`` validates the folder with :func:`load` and embeds it as
``app/resources/branding/``; at run time :func:`active` finds it there (or in
``HELPLINE_BRANDING``), and its values become the config layer just above the
built-in defaults. Qt-free: the build script and the CLI use it too.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any, NamedTuple

from app import resources
from app.core.config_file import ConfigError, check, flatten, load_toml, read_file

FILE = "branding.toml"
ENV = "HELPLINE_BRANDING"
#: Where the build puts the folder inside the ``app.resources`` package.
EMBEDDED = "branding"
_APP_ID = re.compile(r"^[a-z][a-z0-9-]{1,38}[a-z0-9]$")
_SUFFIX = re.compile(r"^[a-z0-9][a-z0-9.]*$")
_PACKAGE_KEYS = {"app_id", "publisher", "version_suffix", "url_scheme", "icon", "description"}


class Branding(NamedTuple):
    """One validated branding folder."""

    folder: Path
    name: str
    app_id: str
    publisher: str
    version_suffix: str
    url_scheme: str
    icon: Path
    description: str
    #: Config layers in order, as (source, dotted keys): branding.toml, then config.toml.
    layers: tuple[tuple[str, dict[str, Any]], ...]

    def version(self, base: str) -> str:
        """The package version: Helpline's own, plus the brand's suffix if it has one."""
        return f"{base}+{self.version_suffix}" if self.version_suffix else base

    @property
    def policy(self) -> Path | None:
        path = self.folder / "policy.toml"
        return path if path.is_file() else None


def _text(table: dict[str, Any], key: str, source: str, required: bool = True) -> str:
    value = table.get(key, "")
    if not isinstance(value, str) or (required and not value.strip()):
        raise ConfigError(
            source,
            f"package.{key}",
            "a text string in quotes" if not required else "given, as a non-empty text string",
            value or None,
        )
    return value.strip()


def load(folder: Path) -> Branding:
    """Read and check a branding folder; :class:`ConfigError` names the file and the key."""
    folder = folder.absolute()
    path = folder / FILE
    source = str(path)
    document = load_toml(path, "was not found, and a branding folder needs branding.toml")
    package = document.pop("package", None)
    if not isinstance(package, dict):
        raise ConfigError(source, "package", "a table: write [package] with app_id and publisher")
    for key in package:
        if key not in _PACKAGE_KEYS:
            known = ", ".join(sorted(_PACKAGE_KEYS))
            raise ConfigError(source, f"package.{key}", f"a known key (known: {known})")
    if set(document) - {"branding"}:
        extra = sorted(set(document) - {"branding"})[0]
        raise ConfigError(
            source, extra, "[package] or [branding]; other settings belong in config.toml"
        )
    values = check(flatten(document, source), source, folder)
    if not str(values.get("branding.name", "")).strip():
        raise ConfigError(source, "branding.name", "given: the name people see in titles")
    app_id = _text(package, "app_id", source)
    if not _APP_ID.match(app_id):
        raise ConfigError(
            source,
            "package.app_id",
            "3-40 lower-case letters, digits and "
            '"-", starting with a letter (it names the package and /opt folder)',
            app_id,
        )
    scheme = _text(package, "url_scheme", source, required=False) or app_id
    if not _APP_ID.match(scheme):
        raise ConfigError(
            source,
            "package.url_scheme",
            'lower-case letters, digits and "-", starting with a letter',
            scheme,
        )
    suffix = _text(package, "version_suffix", source, required=False)
    if suffix and not _SUFFIX.match(suffix):
        raise ConfigError(
            source,
            "package.version_suffix",
            'lower-case letters, digits and ".", e.g. "acme1"',
            suffix,
        )
    icon_name = _text(package, "icon", source)
    icon = folder / icon_name
    if icon.suffix.lower() not in (".svg", ".png") or not icon.is_file():
        raise ConfigError(
            source, "package.icon", "an SVG or PNG file in the branding folder", str(icon)
        )
    layers: list[tuple[str, dict[str, Any]]] = [(source, values)]
    config_file = folder / "config.toml"
    if config_file.is_file():
        defaults = read_file(config_file)
        if "policy.locked" in defaults:
            raise ConfigError(
                str(config_file),
                "policy.locked",
                "in policy.toml; config.toml holds defaults users may change",
            )
        layers.append((str(config_file), defaults))
    policy = folder / "policy.toml"
    if policy.is_file():
        read_file(policy)  # checked now, so a typo fails the build and not 1000 desktops
    return Branding(
        folder=folder,
        name=values["branding.name"],
        app_id=app_id,
        publisher=_text(package, "publisher", source),
        version_suffix=suffix,
        url_scheme=scheme,
        icon=icon,
        description=_text(package, "description", source, required=False),
        layers=tuple(layers),
    )


def embedded_folder() -> Path | None:
    """The folder the build embedded, when this is a branded build (a real directory)."""
    target = resources.path(EMBEDDED)
    return target if (target / FILE).is_file() else None


def active(env: dict[str, str] | None = None) -> Branding | None:
    """``HELPLINE_BRANDING`` if set, else the embedded folder, else None (plain Helpline)."""
    env = dict(os.environ) if env is None else env
    folder = Path(env[ENV]) if env.get(ENV) else embedded_folder()
    return load(folder) if folder is not None else None


def url_schemes(brand: Branding | None) -> tuple[str, ...]:
    """Schemes a link may use: the brand's (what the installer registers) and ``helpline``."""
    return tuple(dict.fromkeys(([brand.url_scheme] if brand else []) + ["helpline"]))
