"""The language of the windows: Helpline's German, Qt's own texts, IT's overrides, pseudo.

``install`` is called once from ``create_application``, before any window
exists. It picks the language (``ui.language``, else the system locale),
installs Helpline's compiled translation and Qt's (``qtbase_de.qm``: the
texts of standard buttons and context menus), then IT's overrides from the
branding folder, queried first. Qt asks the translator installed last first,
and an empty answer passes the question on, so an override table only needs
the texts IT wants to change.

``ui.language = "pseudo"`` swaps the translation for :class:`PseudoTranslator`:
every Helpline text comes out about 40 % longer and inside ``[!! … !!]``, so a
text that is not marked was never passed through ``tr()``, and a label that
cuts the longer text off shows where a translation would be clipped.
"""

from __future__ import annotations

import logging
import math
import os
import re
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import (
    QCoreApplication,
    QDateTime,
    QLibraryInfo,
    QLocale,
    QObject,
    QTranslator,
)

from app import resources
from app.core import branding
from app.core.config import Config
from app.core.schema import BY_NAME

log = logging.getLogger(__name__)

#: Languages Helpline ships; English is the source language and needs no file.
LANGUAGES = ("en", "de")
PSEUDO = "pseudo"
#: The file in the branding folder where IT overrides texts, one table per language.
TEXTS_FILE = "texts.toml"
_TAG = "helplineTranslator"
#: Placeholders and mnemonics pseudo-translation must leave as they are.
_KEEP = re.compile(r"(%L?\d+|%n|\{[^{}]*\}|&&|&|<[^<>]+>|\\n|\n)")
_ACCENTED = str.maketrans("aceinorsuyACEINORSUY", "áçéîñöŕšüýÁÇÉÎÑÖŔŠÜÝ")


def pseudo(text: str) -> str:
    """``text`` accented, lengthened by about 40 % and wrapped in ``[!! … !!]``.

    Placeholders (``%1``, ``{name}``), mnemonics (``&``) and tags keep working;
    the padding is split into short words so wrapping labels can still wrap.
    """
    if not text.strip():
        return text
    parts = _KEEP.split(text)
    body = "".join(p if i % 2 else p.translate(_ACCENTED) for i, p in enumerate(parts))
    extra = max(0, math.ceil(len(text) * 1.4) - len(text) - 8)
    padding = " ".join("~" * min(5, extra - i) for i in range(0, extra, 6)) if extra else ""
    return f"[!! {body}{' ' + padding if padding else ''} !!]"


def _is_qt_context(context: str) -> bool:
    """Qt's own classes (QShortcut, QWizard, …): their texts are not Helpline's to mark;
    pseudo names for key names would even break shortcuts."""
    return len(context) > 1 and context[0] == "Q" and context[1].isupper()


class PseudoTranslator(QTranslator):
    """Every Helpline text, pseudo-translated; no .qm file needed.

    :attr:`asked` collects every (context, source) asked for, so a test can find
    texts that reach ``tr()`` only at run time and so never reach a .ts file.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.asked: set[tuple[str, str]] = set()

    def translate(
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str | None:
        if not source or _is_qt_context(context or ""):
            return None  # a null QString: ask the next translator (b"" would be an answer)
        self.asked.add((context, source))
        return pseudo(source)

    def isEmpty(self) -> bool:
        return False


class OverrideTranslator(QTranslator):
    """IT's texts for one language, keyed by the English source text (with or without ``&``)."""

    def __init__(self, table: dict[str, str], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.table = dict(table)
        for source, text in table.items():
            self.table.setdefault(source.replace("&", ""), text)

    def translate(
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str | None:
        if not source:
            return None
        text = self.table.get(source)
        if text is None and "&" in source:
            text = self.table.get(source.replace("&", ""))
        return text or None  # None: not overridden, the next translator answers

    def isEmpty(self) -> bool:
        return not self.table


def program_name() -> str:
    """The name people know the program by, for sentences that name it: the brand's
    (``branding.name``, which ``create_application`` makes the display name), else Helpline."""
    from PySide6.QtGui import QGuiApplication  # not at import: the sender loads no QtGui

    return QGuiApplication.applicationDisplayName() or BY_NAME["branding.name"].default


def date_time(moment: QDateTime) -> str:
    """A time in the locale's short form; under the C locale (LANG=C, no locale set up),
    whose short form is "7 12 2026 08:00", the same ISO-like form the CLI prints."""
    locale = QLocale()
    if locale.language() == QLocale.Language.C:
        return moment.toString("yyyy-MM-dd HH:mm")
    return locale.toString(moment, QLocale.FormatType.ShortFormat)


def file_size(size: int) -> str:
    """A size as people read it in the current locale ("2.7 kB", "2,7 kB"), in the same
    decimal units as core's Qt-free ``human_size`` (the same text in English)."""
    return QLocale().formattedDataSize(
        size, 1 if size >= 1000 else 0, QLocale.DataSizeFormat.DataSizeSIFormat
    )


def choose_language(setting: str, system: QLocale | None = None) -> str:
    """``ui.language`` when set, else the first shipped language among the user's
    preferred ones (``LANGUAGE=fr:de`` gives German), else English."""
    if setting:
        return setting
    system = system or QLocale.system()
    for name in system.uiLanguages():
        code = name.replace("_", "-").split("-")[0].lower()
        if code in LANGUAGES:
            return code
    return "en"


def texts_path(env: dict[str, str] | None = None) -> Path | None:
    """``texts.toml`` in the active branding folder (``HELPLINE_BRANDING`` or embedded)."""
    env = dict(os.environ) if env is None else env
    folder = Path(env[branding.ENV]) if env.get(branding.ENV) else branding.embedded_folder()
    path = folder / TEXTS_FILE if folder is not None else None
    return path if path is not None and path.is_file() else None


def read_overrides(path: Path, language: str) -> dict[str, str]:
    """The ``[texts.<language>]`` table: English source text -> the text to show instead.

    A broken file is logged and ignored: wrong wording must not stop anyone from
    asking for help.
    """
    import tomllib  # only with a texts.toml

    try:
        with path.open("rb") as handle:
            document: dict[str, Any] = tomllib.load(handle)
    except (OSError, tomllib.TOMLDecodeError) as err:
        log.warning("%s: ignored, it could not be read: %s", path, err)
        return {}
    table = document.get("texts", {}).get(language, {})
    if not isinstance(table, dict):
        log.warning('%s: [texts.%s] must be a table of "source" = "text"', path, language)
        return {}
    return {k: v for k, v in table.items() if isinstance(k, str) and isinstance(v, str) and v}


def _load_helpline(translator: QTranslator, language: str) -> bool:
    target = resources.path("translations", f"helpline_{language}.qm")
    if not target.is_file():
        log.warning("No translation for %r in this installation.", language)
        return False
    return translator.load(str(target))


#: What :func:`install` installed, so :func:`uninstall` need not search the application's
#: children by type (costly before the first paint: docs/performance.md).
_INSTALLED: list[QTranslator] = []


def _install(app: QCoreApplication, translator: QTranslator, name: str) -> None:
    translator.setObjectName(f"{_TAG}_{name}")
    translator.setParent(app)
    app.installTranslator(translator)
    _INSTALLED.append(translator)


def uninstall(app: QCoreApplication) -> None:
    """Remove what :func:`install` installed (tests switch languages in one process)."""
    while _INSTALLED:
        translator = _INSTALLED.pop()
        if shiboken6.isValid(translator):
            app.removeTranslator(translator)
            translator.setParent(None)
            translator.deleteLater()


def install(app: QCoreApplication, config: Config, env: dict[str, str] | None = None) -> str:
    """Install the translators for the configured or system language; returns the language."""
    uninstall(app)
    setting = str(config["ui.language"])
    language = choose_language(setting)
    if language == PSEUDO:
        _install(app, PseudoTranslator(), "pseudo")
    elif language != "en":
        if setting == "de" and QLocale.system().language() != QLocale.Language.German:
            # German chosen in config on another locale: dates and numbers in German too.
            # (Chosen from the user's language list, the system's formats stay.)
            QLocale.setDefault(QLocale(QLocale.Language.German, QLocale.Country.Germany))
        qt = QTranslator()
        if qt.load(
            f"qtbase_{language}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        ):
            _install(app, qt, "qtbase")
        own = QTranslator()
        if _load_helpline(own, language):
            _install(app, own, "helpline")
    path = texts_path(env)
    table = read_overrides(path, language) if path is not None else {}
    if table:
        _install(app, OverrideTranslator(table), "overrides")
    return language
