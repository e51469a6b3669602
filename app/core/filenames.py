"""One rule for the names of files Helpline saves: attachments downloaded in My requests, the
local helpdesk's store, receipts' zip entries (issue 17, item 12).

A name a helpdesk sends is the sender's choice, so it is made harmless before it touches
the disk: no folders, no control or invisible characters, no Windows device names (``CON``,
``NUL.txt``, ``COM1`` open a device, not a file), and at most :data:`MAX_NAME_BYTES` bytes
in UTF-8 (file systems allow 255 bytes, not characters: 100 Chinese letters are 300 bytes),
cut so that the extension stays. Qt-free and free of any backend, so every save path uses it.
"""

from __future__ import annotations

import re
import unicodedata

#: Characters no file name may hold on Windows, plus the path separators everywhere.
_INVALID = re.compile(r'[<>:"/\\|?*]')
#: Control and invisible format characters (a right-to-left override can make
#: "gpj.exe" read as "exe.jpg"), lone surrogates and line separators.
_HIDDEN = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})
#: Invisible but part of the writing: Persian and Indic words, emoji sequences.
_JOINERS = frozenset({"\u200c", "\u200d"})
#: Names Windows keeps for devices, with any extension ("nul.txt" opens the null device).
_DEVICE = re.compile(
    r"(?i)^(CON|PRN|AUX|NUL|CONIN\$|CONOUT\$|COM[1-9\u00b9\u00b2\u00b3]"
    r"|LPT[1-9\u00b9\u00b2\u00b3])[ .]*(\.|$)"
)
#: Characters; the Windows shell and many tools handle longer names badly.
MAX_NAME = 120
#: Most file systems allow 255 bytes per name; an accented name takes two per letter.
#: Below 255 so that a " (99)" for a name already taken still fits.
MAX_NAME_BYTES = 240
#: Longer "extensions" are part of the name and may be cut.
MAX_EXTENSION = 16


def safe_filename(name: str) -> str:
    """A file name that stays inside the folder it is joined to and opens on every system.

    Letters of every language stay ("Überweisung März.pdf" is kept as it is); only
    path separators, control characters and what Windows refuses (``<>:"/\\|?*``)
    become "_". A Windows device name gets a "_" in front, trailing dots and spaces
    go (Windows drops them silently), and a long name is cut keeping its extension.
    """
    base = unicodedata.normalize("NFC", name.replace("\\", "/").rsplit("/", 1)[-1])
    cleaned = "".join(
        "_" if unicodedata.category(c) in _HIDDEN and c not in _JOINERS else c
        for c in _INVALID.sub("_", base)
    ).strip(" .")
    if not cleaned:
        return "attachment"
    if _DEVICE.match(cleaned):
        cleaned = "_" + cleaned
    return _shorten(cleaned)


def _shorten(name: str, suffix: str = "") -> str:
    """``name`` + ``suffix`` within MAX_NAME characters and MAX_NAME_BYTES bytes, keeping
    ``suffix`` and ``name``'s extension (when it has a short one and no suffix is given)."""
    whole = name + suffix
    if len(whole) <= MAX_NAME and len(whole.encode("utf-8")) <= MAX_NAME_BYTES:
        return whole
    stem, tail = name, suffix
    if not suffix:
        before, dot, ext = name.rpartition(".")
        if dot and before and len(ext) <= MAX_EXTENSION:
            stem, tail = before, f".{ext}"
    room_chars = MAX_NAME - len(tail)
    room_bytes = MAX_NAME_BYTES - len(tail.encode("utf-8"))
    stem = stem[:room_chars]
    while len(stem.encode("utf-8")) > room_bytes:
        stem = stem[:-1]
    return (stem.rstrip(" .") or "attachment") + tail


def numbered(name: str, number: int) -> str:
    """``name`` (already safe) as its ``number``-th copy, "log (2).txt", within the limits:
    the stem is cut, never the number or the extension."""
    stem, dot, ext = name.rpartition(".")
    if not dot or not stem or len(ext) > MAX_EXTENSION:
        stem, ext = name, ""
    return _shorten(f"{stem}", suffix=f" ({number})" + (f".{ext}" if ext else ""))
