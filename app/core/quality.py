"""A gentle hint when a description is too thin for support to act on.

"Nothing works!" costs a round trip of questions before anyone can help. The
hint names what is missing; it never blocks sending, because a vague request
is still better than none.
"""

from __future__ import annotations

import re

from app.core.form import RequestForm, clean

_VAGUE = re.compile(
    r"\b(does(n'?t| not) work|not working|nothing works|broken|kaputt|error|problem|"
    r"issue|help|fix it|geht nicht)\b",
    re.IGNORECASE,
)


def _words(text: str) -> int:
    return len(re.findall(r"\w+", text))


def missing_details(form: RequestForm) -> list[str]:
    """What would make this request actionable, most useful first."""
    missing: list[str] = []
    happened = clean(form.happened)
    detail = _words(happened) + _words(clean(form.error_text))
    vague = bool(_VAGUE.search(happened)) and _words(happened) < 12
    if detail < 6 or vague:
        missing.append("what exactly happens on the screen")
    if not clean(form.error_text) and re.search(r"error|fehler|message|meldung", happened, re.I):
        missing.append("the exact error message")
    if not clean(form.where):
        missing.append("which program or web address")
    if not clean(form.doing):
        missing.append("what you were doing just before")
    if not clean(form.since):
        missing.append("since when it happens")
    return missing


def hint(form: RequestForm) -> str:
    """One polite sentence, or "" when the description is good enough."""
    missing = missing_details(form)
    if len(missing) < 2 and "what exactly happens on the screen" not in missing:
        return ""
    listed = missing[0] if len(missing) == 1 else ", ".join(missing[:-1]) + " and " + missing[-1]
    return f"Support can help much faster if you add {listed}. You can still send as it is."
