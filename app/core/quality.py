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


#: What a thin request lacks, as a code the windows translate, with the English the
#: CLI shows. Most useful first.
DETAILS: dict[str, str] = {
    "screen": "what exactly happens on the screen",
    "error_text": "the exact error message",
    "where": "which program or web address",
    "doing": "what you were doing just before",
    "since": "since when it happens",
}


def missing_codes(form: RequestForm) -> list[str]:
    """What would make this request actionable, as :data:`DETAILS` codes, most useful first."""
    missing: list[str] = []
    happened = clean(form.happened)
    detail = _words(happened) + _words(clean(form.error_text))
    vague = bool(_VAGUE.search(happened)) and _words(happened) < 12
    if detail < 6 or vague:
        missing.append("screen")
    if not clean(form.error_text) and re.search(r"error|fehler|message|meldung", happened, re.I):
        missing.append("error_text")
    if not clean(form.where):
        missing.append("where")
    if not clean(form.doing):
        missing.append("doing")
    if not clean(form.since):
        missing.append("since")
    return missing


def missing_details(form: RequestForm) -> list[str]:
    """What would make this request actionable, in English, most useful first."""
    return [DETAILS[code] for code in missing_codes(form)]


def worth_a_hint(codes: list[str]) -> bool:
    """Whether to interrupt at all: a thin description, or two details missing."""
    return len(codes) >= 2 or "screen" in codes


def hint(form: RequestForm) -> str:
    """One polite English sentence, or "" when the description is good enough."""
    missing = missing_details(form)
    if not worth_a_hint(missing_codes(form)):
        return ""
    listed = missing[0] if len(missing) == 1 else ", ".join(missing[:-1]) + " and " + missing[-1]
    return f"Support can help much faster if you add {listed}. You can still send as it is."
