"""How much of a message body is laid out as rich text: bounded, so no reply freezes the window.

Qt lays a text document out on the GUI thread, and some shapes cost far more than their
size: each nested table is measured twice per level (330 bytes of tables nested 22 deep
did not finish in 150 s here), nested lists grow with the square of their depth (240 KB took
three minutes, and nh3's own parser half a minute of that), and one long unbroken line
grows with its square too (32,000 characters without a space: 0.8 s). A cached reply
would hang the window again on every open.

So before anything is cleaned or laid out, :func:`shown_body` checks the body's shape
with linear scans: HTML larger than :data:`MAX_HTML`, or nested deeper than
:data:`MAX_DEPTH` allows, is shown as its plain text (escaped, so nothing in it is
markup); HTML with a run of more than :data:`MAX_RUN` characters without a space is
shown as text too, where such runs are broken into lines of that length; and no body
shows more than :data:`MAX_TEXT` characters of text. A thread shows its newest messages
up to :data:`MAX_THREAD` characters (the view says older ones are left out). The figures
keep the worst body within these bounds to a fraction of a second (docs/privacy.md;
tests/hostile/test_item_05_render.py measures it in the conversation view).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from app.core.sanitize import DROPPED_WITH_CONTENT, clean_html, looks_html, plain_to_html

#: Characters of HTML that may be laid out as HTML; a larger body is shown as its text.
MAX_HTML = 32_768
#: Characters of text shown of one body; the rest is left out, with a note.
MAX_TEXT = 40_000
#: Characters without a space laid out as one word; longer runs become lines this long.
MAX_RUN = 2_000
#: Characters of shown HTML in one thread; older messages beyond it are left out.
MAX_THREAD = 200_000
#: How deep each kind of container may nest (``ul`` and ``ol`` count together); the view's
#: own message box is one more table around these.
MAX_DEPTH = {"table": 3, "list": 8, "blockquote": 8}
#: How deep any elements may nest, and how many tables one body may hold.
MAX_NESTING = 64
MAX_TABLES = 64

_KIND = {"table": "table", "ul": "list", "ol": "list", "blockquote": "blockquote"}
#: Closed implicitly by their next sibling, so an unclosed one is no deeper nesting.
_SELF_CLOSING = frozenset(
    {"p", "li", "td", "th", "tr", "dt", "dd", "option", "thead", "tbody", "tfoot", "colgroup"}
)
_VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
)
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)[^<>]*?(/?)>")
_CODE_OPEN = re.compile(r"<(" + "|".join(sorted(DROPPED_WITH_CONTENT)) + r")\b", re.IGNORECASE)
_BREAK = re.compile(
    r"<\s*/?\s*(?:br|p|div|li|tr|h[1-6]|blockquote|pre|table|ul|ol|hr)\b[^<>]*>", re.IGNORECASE
)
_ANY_TAG = re.compile(r"<[/!?a-zA-Z][^<>]*>")
_BLANK_LINES = re.compile(r"\n\s*\n(\s*\n)+")
# Whole runs, each consumed at once: linear, where "[^\s]{2000}" would retry from every
# character of a 1,999-character run.
_HTML_RUN = re.compile(r"[^\s<>]+")
_TEXT_RUN = re.compile(r"\S+")


@dataclass(frozen=True)
class ShownBody:
    """A body ready for the text browser, and what was done to keep it light."""

    html: str
    #: HTML too large or too deeply nested to lay out: shown as its plain text.
    as_text: bool = False
    #: More than :data:`MAX_TEXT` characters: the end is not shown.
    cut: bool = False


def shown_body(body: str) -> ShownBody:
    """``body`` as safe HTML within the bounds above, whether the helpdesk sent text or HTML."""
    if not looks_html(body):
        text, cut = _cut(body)
        return ShownBody(plain_to_html(_break_runs(text)), cut=cut)
    if len(body) <= MAX_HTML and not _has_long_run(body) and within_bounds(body):
        return ShownBody(clean_html(body))
    text, cut = _cut(html_text(body))
    return ShownBody(plain_to_html(_break_runs(text)), as_text=True, cut=cut)


def within_bounds(fragment: str) -> bool:
    """Whether no container nests deeper than :data:`MAX_DEPTH`, no element deeper than
    :data:`MAX_NESTING`, and there are at most :data:`MAX_TABLES` tables.

    Counted on the raw HTML, before nh3 parses it (deep nesting is slow to parse too).
    Unclosed containers count as still open, so a sloppy body errs towards plain text.
    """
    depth = dict.fromkeys(MAX_DEPTH, 0)
    nesting = tables = 0
    for match in _TAG.finditer(fragment):
        closing, name, slash = match.group(1), match.group(2).lower(), match.group(3)
        if name in _VOID or name in _SELF_CLOSING or slash:
            continue
        kind = _KIND.get(name)
        step = -1 if closing else 1
        nesting = max(0, nesting + step)
        if kind is not None:
            depth[kind] = max(0, depth[kind] + step)
            if depth[kind] > MAX_DEPTH[kind]:
                return False
        if name == "table" and not closing:
            tables += 1
        if nesting > MAX_NESTING or tables > MAX_TABLES:
            return False
    return True


def html_text(fragment: str) -> str:
    """The readable text of an HTML fragment, in linear time: code dropped with its content,
    block ends as line breaks, other tags removed, entities decoded. The result is text,
    to be escaped like any other (:func:`~app.core.sanitize.plain_to_html`)."""
    text = _BREAK.sub("\n", _drop_code(fragment))
    text = html.unescape(_ANY_TAG.sub("", text))
    return _BLANK_LINES.sub("\n\n", text).strip()


def _drop_code(fragment: str) -> str:
    """``fragment`` without script, style and the like, content included (an unclosed one
    takes the rest with it). Each search starts where the last ended: linear."""
    kept, pos = [], 0
    while (opened := _CODE_OPEN.search(fragment, pos)) is not None:
        kept.append(fragment[pos : opened.start()])
        closing = re.compile(rf"</\s*{opened.group(1)}\s*>", re.IGNORECASE)
        closed = closing.search(fragment, opened.end())
        if closed is None:
            return "".join(kept)
        pos = closed.end()
    kept.append(fragment[pos:])
    return "".join(kept)


def _has_long_run(fragment: str) -> bool:
    return any(m.end() - m.start() > MAX_RUN for m in _HTML_RUN.finditer(fragment))


def _break_runs(text: str) -> str:
    """``text`` with every run of more than :data:`MAX_RUN` characters without a space
    broken into lines (a visible break, not a hidden character that a copy would keep)."""

    def lines(m: re.Match[str]) -> str:
        run = m.group()
        return "\n".join(run[i : i + MAX_RUN] for i in range(0, len(run), MAX_RUN))

    return _TEXT_RUN.sub(lambda m: lines(m) if len(m.group()) > MAX_RUN else m.group(), text)


def _cut(text: str) -> tuple[str, bool]:
    if len(text) <= MAX_TEXT:
        return text, False
    return text[:MAX_TEXT].rstrip() + "\n…", True
