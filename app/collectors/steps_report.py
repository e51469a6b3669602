"""The steps as one self-contained HTML page: the attachment a recording travels as.

Help desks store attachments and agents open them in whatever browser they have, often
offline and often inside a ticket system that distrusts HTML. So the page:

* embeds every picture as a ``data:`` URI (one file, nothing to fetch);
* has no scripts, no forms, no links to anywhere, and says so to the browser with a
  Content-Security-Policy that allows only inline styles and ``data:`` images;
* escapes every piece of text, and runs window titles, programs, captions and notes
  through the secret scanner like all text that is sent.

Qt-free: the pictures arrive encoded. The words around the user's own come in a
:class:`ReportWords`, English by default, translated by the face that builds it.
"""

from __future__ import annotations

import base64
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from html import escape

from app.collectors.steps import Kind, Step

#: No scripts, no remote loads: only this page's own style and its embedded pictures.
CSP = (
    "default-src 'none'; img-src data:; style-src 'unsafe-inline'; "
    "base-uri 'none'; form-action 'none'"
)

_STYLE = """
body{font-family:sans-serif;margin:2em auto;max-width:1000px;padding:0 1em;color:#1d1d1d}
h1{font-size:1.5em}h2{font-size:1.1em;margin:2em 0 .3em}
p.meta{color:#555;margin:.2em 0 .6em}
img{max-width:100%;height:auto;border:1px solid #bbb}
ol{padding-left:1.4em}
"""


@dataclass(frozen=True)
class ReportWords:
    """The report's own words; ``{n}``, ``{title}`` and so on are filled in per step."""

    title: str = "Steps recorded"
    intro: str = (
        "Each click is a picture of the screen it was on; the red ring marks where the "
        "click was. Typing is counted, never recorded."
    )
    step: str = "Step {n}: {caption}"
    window: str = "Window: {title}"
    program: str = "Program: {program}"
    time: str = "Time: {time}"
    picture: str = "Screen at step {n}"
    summary: str = "{count} steps, recorded {start} to {end}"
    summary_one: str = "One step, recorded at {start}"


ENGLISH = ReportWords()


def _data_uri(step: Step) -> str:
    return f"data:{step.mime};base64," + base64.b64encode(step.picture or b"").decode("ascii")


def build(
    steps: Sequence[Step],
    scrub: Callable[[str], str] = lambda text: text,
    words: ReportWords = ENGLISH,
) -> bytes:
    """The UTF-8 HTML of ``steps`` in order, each numbered from 1.

    ``scrub`` is the secret scanner's ``scrub`` (the request's own), applied to every
    piece of text before it is escaped.
    """

    def text(value: str) -> str:
        return escape(scrub(value), quote=True)

    out = [
        "<!DOCTYPE html>",
        '<html><head><meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{escape(CSP)}">',
        '<meta name="referrer" content="no-referrer">',
        f"<title>{text(words.title)}</title>",
        f"<style>{_STYLE}</style>",
        "</head><body>",
        f"<h1>{text(words.title)}</h1>",
        f"<p>{text(words.intro)}</p>",
    ]
    if steps:
        out.append(
            "<p class=meta>"
            + text(
                (words.summary_one if len(steps) == 1 else words.summary).format(
                    count=len(steps),
                    start=steps[0].at.strftime("%H:%M:%S"),
                    end=steps[-1].at.strftime("%H:%M:%S"),
                )
            )
            + "</p>"
        )
    out.append("<ol>")
    for step in steps:
        out.append(f"<li>{text(step.caption)}</li>")
    out.append("</ol>")
    for n, step in enumerate(steps, 1):
        out.append(
            f'<section id="step-{n}"><h2>{text(words.step.format(n=n, caption=step.caption))}</h2>'
        )
        meta = [words.time.format(time=step.at.strftime("%H:%M:%S"))]
        if step.title:
            meta.append(words.window.format(title=step.title))
        if step.program:
            meta.append(words.program.format(program=step.program))
        out.append("<p class=meta>" + " · ".join(text(m) for m in meta) + "</p>")
        if step.kind is Kind.NOTE and step.note:
            out.append(f"<blockquote>{text(step.note)}</blockquote>")
        if step.picture and step.mime.startswith("image/"):
            alt = text(words.picture.format(n=n))
            size = f' width="{step.width}" height="{step.height}"' if step.width else ""
            out.append(f'<img src="{_data_uri(step)}" alt="{alt}"{size}>')
        out.append("</section>")
    out.append("</body></html>")
    return "\n".join(out).encode("utf-8")
