"""A reply's link: opened, asked about, or refused (issue 17, item 11)."""

from __future__ import annotations

import pytest

from app.core.links import (
    BAD_SCHEME,
    CONFIRM,
    HIDDEN_CHARACTERS,
    MAILTO_KEYS_DROPPED,
    OPEN,
    PUNYCODE,
    REFUSE,
    TEXT_DIFFERS,
    USERINFO,
    classify,
)


@pytest.mark.parametrize(
    ("href", "text"),
    [
        ("https://kb.example/vpn", "this article"),
        ("https://kb.example/vpn", "https://kb.example/vpn"),
        ("https://www.kb.example/vpn", "kb.example"),
        ("https://kb.example/", "www.kb.example/help"),
        ("HTTPS://KB.example/A", "kb.example"),
        ("mailto:it@corp.example", "it@corp.example"),
        ("https://kb.example", ""),
    ],
)
def test_an_honest_link_opens_at_once(href: str, text: str) -> None:
    verdict = classify(href, text)
    assert verdict.action == OPEN and verdict.reasons == ()


@pytest.mark.parametrize(
    ("href", "text", "reason"),
    [
        ("https://evil.example/login", "https://bank.example/login", TEXT_DIFFERS),
        ("https://evil.example/login", "bank.example", TEXT_DIFFERS),
        ("https://xn--pypal-4ve.com/", "Sign in", PUNYCODE),
        ("https://p\u0430ypal.com/", "Sign in", PUNYCODE),  # Cyrillic "а"
        ("https://bank.example@evil.example/", "Sign in", USERINFO),
        ("mailto:attacker@evil.example", "it@corp.example", TEXT_DIFFERS),
    ],
)
def test_a_link_that_looks_wrong_asks_first(href: str, text: str, reason: str) -> None:
    verdict = classify(href, text)
    assert verdict.action == CONFIRM and reason in verdict.reasons


def test_punycode_is_shown_as_written_not_as_the_letters_it_imitates() -> None:
    assert classify("https://p\u0430ypal.com/x", "x").host == "xn--pypal-4ve.com"


@pytest.mark.parametrize(
    "href", ["javascript:alert(1)", "file:///etc/passwd", "smb://host/share", "data:text/html,x"]
)
def test_other_schemes_are_refused(href: str) -> None:
    verdict = classify(href, "click")
    assert verdict.action == REFUSE and BAD_SCHEME in verdict.reasons


def test_mailto_keeps_only_subject_body_and_cc() -> None:
    verdict = classify(
        "mailto:it@corp.example?subject=VPN&attach=/home/ada/.ssh/id_rsa"
        "&Attachment=~/x&bcc=spy@evil.example&body=hi%20there&cc=boss@corp.example",
        "it@corp.example",
    )
    assert verdict.action == OPEN and MAILTO_KEYS_DROPPED in verdict.reasons
    assert verdict.target == (
        "mailto:it@corp.example?subject=VPN&body=hi%20there&cc=boss%40corp.example"
    )
    assert "attach" not in verdict.target.lower() and "bcc" not in verdict.target


def test_bidi_and_zero_width_characters_are_stripped_from_the_target() -> None:
    verdict = classify("https://kb.exa\u202emple/\u200bvpn", "this article")
    assert verdict.target == "https://kb.example/vpn"
    assert HIDDEN_CHARACTERS in verdict.reasons and verdict.action == OPEN


def test_hidden_characters_in_the_text_cannot_hide_a_different_address() -> None:
    verdict = classify("https://evil.example/", "https://bank\u200b.example/")
    assert verdict.action == CONFIRM and TEXT_DIFFERS in verdict.reasons
