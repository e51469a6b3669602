"""Secret scrubbing: exact masks for the corpus, look-alikes untouched, and the mask contract."""

from __future__ import annotations

import itertools
import time
from collections.abc import Iterable
from functools import lru_cache

import pytest

from app.collectors.secrets import KINDS, MASK, Finding, Scanner, mask
from app.ui.finding_labels import LABELS
from tests.collectors.secret_corpus import FORMS, JWT, LOOK_ALIKES, SECRETS


@lru_cache(maxsize=8)
def _scanner(extra: tuple[str, ...], home: str | None, user: str | None) -> Scanner:
    return Scanner(extra, home, user)


def find_secrets(
    text: str, extra_patterns: Iterable[str] = (), home: str | None = None, user: str | None = None
) -> list[Finding]:
    """The findings in ``text`` (IT's ``privacy.patterns`` as ``extra_patterns``)."""
    return _scanner(tuple(extra_patterns), home, user).find(text)


def scrub(text: str, **kwargs: object) -> str:
    return mask(text, find_secrets(text, **kwargs))  # type: ignore[arg-type]


def test_corpus_is_big_enough() -> None:
    assert len(SECRETS) >= 30
    assert len(LOOK_ALIKES) >= 30
    assert len({text for text, _ in SECRETS}) == len(SECRETS)


@pytest.mark.parametrize(("text", "expected"), SECRETS, ids=range(len(SECRETS)))
def test_secret_is_masked_exactly(text: str, expected: str) -> None:
    assert scrub(text) == expected


@pytest.mark.parametrize(("text", "expected", "label"), FORMS, ids=range(len(FORMS)))
def test_issue_17_forms_are_masked_and_named(text: str, expected: str, label: str) -> None:
    """Command lines, netrc, LDAP, Wi-Fi, Azure, Slack, OpenAI, Google, Basic, other
    languages' words for password and PuTTY keys: one finding each, named for the review."""
    findings = find_secrets(text)
    assert mask(text, findings) == expected
    assert [LABELS[f.kind] for f in findings] == [label]


@pytest.mark.parametrize("text", LOOK_ALIKES, ids=range(len(LOOK_ALIKES)))
def test_look_alike_is_left_alone(text: str) -> None:
    assert find_secrets(text) == []
    assert scrub(text) == text


@pytest.mark.parametrize(("text", "expected"), SECRETS, ids=range(len(SECRETS)))
def test_masking_is_idempotent(text: str, expected: str) -> None:
    once = scrub(text)
    assert find_secrets(once) == []
    assert scrub(once) == once


def test_whole_corpus_in_one_text_keeps_every_expectation() -> None:
    text = "\n".join([t for t, _ in SECRETS] + LOOK_ALIKES)
    expected = "\n".join([e for _, e in SECRETS] + LOOK_ALIKES)
    assert scrub(text) == expected


def test_findings_are_ordered_and_do_not_overlap() -> None:
    text = "\n".join(t for t, _ in SECRETS)
    findings = find_secrets(text)
    assert len(findings) >= len(SECRETS)
    for before, after in itertools.pairwise(findings):
        assert before.end <= after.start
    for f in findings:
        assert f.start < f.end
        assert MASK in f.preview
        assert f.kind in KINDS  # and every kind has words for the review page


def test_finding_covers_only_the_secret() -> None:
    text = "https://alice:s3cret@example.com"
    [finding] = find_secrets(text)
    assert text[finding.start : finding.end] == "s3cret"
    assert finding.kind == "url-password"
    assert finding.preview == MASK


def test_keep_leaves_deliberately_unmasked_findings_as_they_are() -> None:
    text = "password=hunter2 token=abc123 https://bob:pw9@host"
    findings = find_secrets(text)
    assert [f.kind for f in findings] == ["password", "secret", "url-password"]
    assert mask(text, findings, keep={1}) == f"password={MASK} token=abc123 https://bob:{MASK}@host"
    assert mask(text, findings, keep={0, 1, 2}) == text
    assert mask(text, findings) == f"password={MASK} token={MASK} https://bob:{MASK}@host"


def test_keep_refers_to_the_callers_list_order() -> None:
    text = "password=a1 secret=b2"
    findings = list(reversed(find_secrets(text)))  # the secret first, then the password
    assert mask(text, findings, keep={0}) == f"password={MASK} secret=b2"


def test_extra_patterns_mask_a_group_or_the_whole_match() -> None:
    text = "employee EMP-123456, badge: 7788, room R12"
    patterns = [r"EMP-\d{6}", r"badge: (\d+)", r"room (?P<secret>R\d+)"]
    findings = find_secrets(text, extra_patterns=patterns)
    assert {f.kind for f in findings} == {"custom"}
    assert mask(text, findings) == f"employee {MASK}, badge: {MASK}, room {MASK}"


def test_invalid_extra_pattern_is_named_in_the_error() -> None:
    with pytest.raises(ValueError, match=r"'\(unclosed'"):
        find_secrets("text", extra_patterns=["ok\\d", "(unclosed"])


def test_home_and_user_are_scrubbed_like_apport() -> None:
    text = (
        "opened /home/alice/.config/app.toml as alice\n"
        "HOME=/home/alice; neighbour /home/alicex; mount /mnt/home/alice\n"
        "https://alice:pw1@host"
    )
    result = scrub(text, home="/home/alice/", user="alice")
    assert result == (
        "opened ~/.config/app.toml as <user>\n"
        "HOME=~; neighbour /home/alicex; mount /mnt/home/<user>\n"
        f"https://<user>:{MASK}@host"
    )
    assert scrub(result, home="/home/alice", user="alice") == result


def test_home_and_user_are_left_alone_unless_asked() -> None:
    text = "opened /home/alice/notes.txt as alice"
    assert scrub(text) == text


def test_user_called_user_stays_idempotent() -> None:
    once = scrub("login user from /home/user/x", home="/home/user", user="user")
    assert once == "login <user> from ~/x"
    assert scrub(once, home="/home/user", user="user") == once


def test_jwt_needs_a_json_header_with_alg() -> None:
    assert [f.kind for f in find_secrets(JWT)] == ["jwt"]
    header_without_alg = "eyJ0eXAiOiJKV1QifQ.eyJzdWIiOiIxIn0.c2lnbmF0dXJl"
    assert find_secrets(header_without_alg) == []


def test_private_key_armour_stays_and_body_goes() -> None:
    text = (
        "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7\n"
        "-----END PRIVATE KEY-----"
    )
    assert scrub(text) == f"-----BEGIN PRIVATE KEY-----\n{MASK}\n-----END PRIVATE KEY-----"


def test_scrubber_is_the_scrub_callable_for_bundles() -> None:
    scanner = Scanner(["EMP-\\d+"], home="/home/alice", user="alice")
    assert isinstance(scanner, Scanner)
    result = scanner.scrub("EMP-42 at /home/alice/x, password=pw")
    assert result == f"{MASK} at ~/x, password={MASK}"


def test_one_megabyte_is_scanned_quickly() -> None:
    line = (
        "2026-11-23 01:02:03 INFO worker[12]: processed job id=4711 status=ok user=alice "
        "elapsed=12ms path=/home/alice/data.db\n"
    )
    block = "\n".join(t for t, _ in SECRETS) + "\n" + "\n".join(LOOK_ALIKES) + "\n"
    text = ""
    while len(text) < 1_048_576:
        text += block + line * 200
    started = time.perf_counter()
    findings = find_secrets(text, extra_patterns=[r"EMP-\d{6}"], home="/home/alice", user="alice")
    elapsed = time.perf_counter() - started
    print(
        f"\nscanned {len(text) / 2**20:.2f} MiB in {elapsed * 1000:.0f} ms, "
        f"{len(findings)} findings"
    )
    assert len(findings) > 1000


def test_overlapping_candidates_merge_so_no_tail_leaks() -> None:
    # IT's pattern starts before the AWS key id and ends inside it.
    text = "ref id AKIAIOSFODNN7EXAMPLE done"
    findings = find_secrets(text, extra_patterns=[r"id AKIA\w{4}"])
    assert len(findings) == 1
    assert mask(text, findings) == f"ref {MASK} done"
    assert findings[0].kind == "aws-access-key"  # the more specific name wins


def test_scanner_is_callable_as_a_scrub_function() -> None:
    scanner = Scanner()
    assert scanner("token=abc123") == f"token={MASK}"
