"""The static check for catastrophic regular expressions (app/core/regex_safety.py)."""

from __future__ import annotations

import pytest

from app.core.regex_safety import nested_repeat


@pytest.mark.parametrize(
    "pattern",
    ["(a+)+$", "(a*)*", r"(\w+\s?)*", "(a+a)+", "(?i)(x[a-z]+)+", "(?=(a+)+)", "(x|(a+)+)"],
)
def test_a_repeat_in_a_repeat_is_named(pattern: str) -> None:
    assert nested_repeat(pattern) == pattern


@pytest.mark.parametrize(
    "pattern",
    [
        r"password\s*=\s*(\S+)",
        "(?P<secret>[A-Z0-9]{20})",
        "(ab){2,5}",
        "(a?){3}",
        "ACME-[0-9]+(-[0-9]+)*",
        r"(\s*,\s*\w+)*",
        "(?:x(?:y+))*z",
        "a++",
        "(?>a+)+",
    ],
)
def test_patterns_that_split_text_one_way_pass(pattern: str) -> None:
    assert nested_repeat(pattern) == ""
