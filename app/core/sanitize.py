"""What a helpdesk sends is shown, never trusted: HTML cleaned, file names made harmless.

Support replies can carry HTML written by anyone who can mail the helpdesk.
:func:`message_html` keeps the formatting people read (paragraphs, lists,
emphasis, links) and drops everything that runs or loads: scripts, event
handlers, styles, images and any link that is not http, https or mailto.
The cleaning is done by nh3 (Rust's ammonia), a maintained sanitizer, rather
than by hand-written regular expressions. Links stay plain anchors; the
window opens them in the browser only when the user clicks one.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import nh3

from app.core.filenames import numbered, safe_filename

#: Formatting that reads the same everywhere and cannot fetch or run anything.
TAGS = frozenset(
    {
        "a",
        "b",
        "blockquote",
        "br",
        "code",
        "div",
        "em",
        "h1",
        "h2",
        "h3",
        "h4",
        "hr",
        "i",
        "li",
        "ol",
        "p",
        "pre",
        "span",
        "strong",
        "table",
        "tbody",
        "td",
        "th",
        "thead",
        "tr",
        "u",
        "ul",
    }
)
#: Tags dropped together with their content (the text inside is code or layout, not prose).
DROPPED_WITH_CONTENT = frozenset({"script", "style", "template", "noscript", "title", "head"})
ATTRIBUTES = {"a": {"href", "title"}, "td": {"colspan", "rowspan"}, "th": {"colspan", "rowspan"}}
URL_SCHEMES = frozenset({"http", "https", "mailto"})
#: A real HTML tag; "<a@b.org>", "x <3" and "<module> not found" stay plain text.
_LOOKS_HTML = re.compile(
    r"<\s*/?\s*(html|head|body|p|div|br|hr|a|b|i|u|em|strong|span|font|ul|ol|li|table|tr|td|"
    r"th|pre|code|blockquote|h[1-6]|img|script|style|iframe|object|embed|svg|form|input|link|"
    r"meta|base|video|audio|math)(\s[^<>]*)?/?>",  # [^<>]: linear on "<p <p <p …"
    re.IGNORECASE,
)
_URL = re.compile(r"\bhttps?://[^\s<>\"']+[^\s<>\"'.,;:!?)\]]")


def clean_html(fragment: str) -> str:
    """Server HTML with only :data:`TAGS`, no styles, no images, links limited to safe schemes."""
    return nh3.clean(
        fragment,
        tags=set(TAGS),
        clean_content_tags=set(DROPPED_WITH_CONTENT),
        attributes={k: set(v) for k, v in ATTRIBUTES.items()},
        url_schemes=set(URL_SCHEMES),
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )


def plain_to_html(text: str) -> str:
    """Plain text as HTML: escaped, line breaks kept, bare web addresses clickable."""
    escaped = html.escape(text)

    def link(match: re.Match[str]) -> str:
        url = match.group(0)
        return f'<a href="{url}">{url}</a>'

    return _URL.sub(link, escaped).replace("\n", "<br/>")


def looks_html(body: str) -> bool:
    """Whether ``body`` holds a real HTML tag (else it is plain text, however many ``<``)."""
    return _LOOKS_HTML.search(body) is not None


def message_html(body: str) -> str:
    """A message body ready for a text browser, whether the helpdesk sent text or HTML.

    Unbounded: the conversation view uses :func:`app.core.body_bounds.shown_body`."""
    if looks_html(body):
        return clean_html(body)
    return plain_to_html(body)


def safe_name(name: str) -> str:
    """A file name with no folders, no control characters, no device name, and room on
    every file system (:func:`app.core.filenames.safe_filename`)."""
    return safe_filename(name)


def save_target(folder: Path, name: str) -> Path:
    """Where an attachment called ``name`` goes inside ``folder``; never anywhere else.

    The name is cleaned first; an existing file is not overwritten ("log (2).txt").
    Raises ValueError if the result would still leave the folder (a symlink inside it).
    """
    root = folder.resolve()
    clean = safe_name(name)
    target, number = root / clean, 1
    while target.exists() or target.is_symlink():
        number += 1
        target = root / numbered(clean, number)
    if target.parent.resolve() != root:
        raise ValueError(f"{name!r} would be saved outside {folder}")
    return target
