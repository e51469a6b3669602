"""A static check for regular expressions that can backtrack for hours: a repeat in a repeat.

IT's ``privacy.patterns`` run on everything Helpline sends. Python's ``re`` backtracks, so
``(a+)+$`` on thirty ``a`` and a ``!`` takes longer than anyone waits (issue 17, item 15).
Running each pattern against a pathological input in a subprocess with a timeout would catch
more shapes but costs a process per pattern at every start; instead the parsed pattern is
walked once, and a greedy or lazy unbounded-ish repeat that contains another such repeat is
refused: the classic catastrophic shape (``(a+)+``, ``(a*)*``, ``(\\w+\\s?)*``, ``(a+a)+``).
An outer repeat whose body has a required character the inner repeats cannot match
(``ACME-[0-9]+(-[0-9]+)*``, ``(\\s*,\\s*\\w+)*``) splits the text one way only and passes.
Not caught: overlapping alternatives under one repeat (``(a|a)+``); the length cap in the
schema bounds the rest. Possessive repeats and atomic groups (``a++``, ``(?>a+)+``) never
backtrack into, so they are allowed.
"""

from __future__ import annotations

import re._compiler as sre_compile
import re._parser as sre_parse  # the parser ``re`` itself uses; stable within a Python version
from typing import Any

_REPEATS = (sre_parse.MAX_REPEAT, sre_parse.MIN_REPEAT)
#: A repeat of at most this many is spelled out by the engine's cost, not exponential.
_SMALL = 1


def nested_repeat(pattern: str) -> str:
    """The part of ``pattern`` that is repeated and holds a repeat itself, or "" if none."""
    found = _walk(sre_parse.parse(pattern), inside=False)
    return pattern if found else ""


def _walk(items: Any, inside: bool) -> bool:
    """True when a repeat sits inside a repeat (``inside``: we are in one already)."""
    for op, arg in items:
        if op in _REPEATS and arg[1] > _SMALL:
            body = arg[2]
            if inside or (_walk(body, inside=True) and not _separated(body)):
                return True
        elif any(_walk(part, inside) for part in _parts(op, arg)):
            return True
    return False


def _parts(op: Any, arg: Any) -> list[Any]:
    """The sub-patterns an element holds. ATOMIC_GROUP and POSSESSIVE_REPEAT are left out:
    the engine never backtracks into them."""
    if op in _REPEATS:
        return [arg[2]]
    if op is sre_parse.SUBPATTERN:
        return [arg[-1]]
    if op is sre_parse.BRANCH:
        return list(arg[1])
    if op in (sre_parse.ASSERT, sre_parse.ASSERT_NOT):
        return [arg[1]]
    if op is sre_parse.GROUPREF_EXISTS:
        return [part for part in arg[1:] if part is not None]
    return []


def _flat(items: Any) -> list[tuple[Any, Any]]:
    """The body's elements in order, with plain groups opened up."""
    out = []
    for op, arg in items:
        if op is sre_parse.SUBPATTERN:
            out.extend(_flat(arg[-1]))
        else:
            out.append((op, arg))
    return out


def _separated(body: Any) -> bool:
    """True when the body has a required literal character no repeat inside it can match:
    every round of the outer repeat then starts or ends at that character, one way only."""
    elements = _flat(body)
    literals = [chr(arg) for op, arg in elements if op is sre_parse.LITERAL]
    repeats = [arg[2] for op, arg in elements if op in _REPEATS and arg[1] > _SMALL]
    if not literals or len(repeats) != sum(1 for op, _ in elements if op in _REPEATS):
        return False  # no separator, or a repeat hidden deeper (in a branch, ...)
    matchers = []
    for inner in repeats:
        sub = sre_parse.SubPattern(body.state, list(inner))
        matchers.append(sre_compile.compile(sub, body.state.flags))
    return any(all(not m.match(ch) for m in matchers) for ch in literals)
