"""Characters nobody sees but every program obeys: removed from typed and linked text.

Bidi overrides (U+202E turns "gpj.exe" into "exe.jpg"), zero-width spaces and C1
controls let a link or a pasted text say one thing on screen and another to support,
to the secret scanner and to the helpdesk: "pass\\u200bword=…" slips past a pattern,
and an override reorders what the reviewer reads. :func:`strip_hidden` is applied in
:func:`app.core.form.clean`, the one cleaning every typed field and every deep-link
value passes through, and by :mod:`app.core.links` to the links in replies.

Zero-width joiner and non-joiner are writing, not tricks, between two letters of a
script that uses them (Persian, the Indic scripts, emoji sequences); they are kept only
there, and removed next to ASCII, where they can only hide something.
"""

from __future__ import annotations

import re

#: Bidi embeddings, overrides, isolates and marks (Unicode's "Bidi_Control" property).
BIDI = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
#: Invisible separators and format characters with no business in a support request.
ZERO_WIDTH = "\u200b\u2060\u2061\u2062\u2063\u2064\ufeff\u180e\u00ad"
#: Joiners kept between two non-ASCII characters (see the module's docstring).
JOINERS = "\u200c\u200d"
#: C0 controls except tab and newlines, DEL, and the C1 range (U+0080–U+009F).
CONTROLS = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"

_ALWAYS = re.compile(f"[{CONTROLS}{BIDI}{ZERO_WIDTH}]")
#: A joiner with an ASCII character (or the text's edge) on either side.
_LONE_JOINER = re.compile(f"(?:(?<=[\\x00-\\x7f])|^)[{JOINERS}]|[{JOINERS}](?=[\\x00-\\x7f]|$)")


def strip_hidden(text: str) -> str:
    """``text`` without bidi controls, C0/C1 controls (tab and newlines stay) or zero-width
    characters; zero-width joiners stay only between two non-ASCII characters."""
    return _LONE_JOINER.sub("", _ALWAYS.sub("", text))


def has_hidden(text: str) -> bool:
    """True when :func:`strip_hidden` would change ``text``."""
    return strip_hidden(text) != text
