"""No credential survives into a log line (app/core/logsafe.py)."""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator

import pytest

from app.core import logsafe

TOKEN = "tok-0123456789-known"
MASK = logsafe.MASK


@pytest.fixture
def stream() -> Iterator[io.StringIO]:
    """A handler on a child logger's path, added after install(), as a crash log would be."""
    logsafe.install()
    logsafe.register(TOKEN)
    out = io.StringIO()
    handler = logging.StreamHandler(out)
    handler.setFormatter(logging.Formatter("%(levelname)s %(message)s"))
    logging.getLogger().addHandler(handler)
    yield out
    logging.getLogger().removeHandler(handler)


def test_known_token_in_the_message(stream):
    logging.getLogger("app.some.module").warning(f"calling with {TOKEN} now")
    assert TOKEN not in stream.getvalue()
    assert f"calling with {MASK} now" in stream.getvalue()


def test_known_token_in_the_arguments(stream):
    logging.getLogger("app.x").warning("user %s token %r", "alice", {"t": TOKEN})
    text = stream.getvalue()
    assert TOKEN not in text and "alice" in text and MASK in text


def test_known_token_in_exception_text(stream):
    try:
        raise RuntimeError(f"server said: bad token {TOKEN}")
    except RuntimeError:
        logging.getLogger("app.y").exception("delivery failed")
    text = stream.getvalue()
    assert TOKEN not in text
    assert "RuntimeError: server said: bad token" in text and "Traceback" in text


def test_credential_patterns_are_masked_even_when_unknown(stream):
    log = logging.getLogger("urllib3.example")
    log.warning("headers {'Authorization': 'Bearer never-registered-1'}")
    log.warning("GET /api?private_token=never-registered-2&page=2")
    log.warning("login password = never-registered-3")
    log.warning("Authorization: token 1-14-never-registered-4")
    text = stream.getvalue()
    for n in range(1, 5):
        assert f"never-registered-{n}" not in text, text
    assert "page=2" in text and text.count(MASK) == 4


def test_ordinary_text_is_left_alone(stream):
    logging.getLogger("app.z").info("nothing secret here: 3 tickets, tokens are fine")
    logging.getLogger("app.z").warning("Sent request #42 to https://rt.example.org/REST/2.0")
    assert stream.getvalue().splitlines() == [
        "WARNING Sent request #42 to https://rt.example.org/REST/2.0"
    ]


def test_mask_is_idempotent_and_prefers_the_longest_secret():
    logsafe.register("abcd")
    logsafe.register("abcdefgh")
    assert logsafe.mask("x abcdefgh y") == f"x {MASK} y"
    assert logsafe.mask(logsafe.mask("token=abc")) == f"token={MASK}"


def test_short_values_are_not_registered():
    logsafe.register("ab")
    assert logsafe.mask("a b ab c") == "a b ab c"


def test_install_twice_masks_once(stream):
    logsafe.install()
    logging.getLogger("app.w").warning("once %s", TOKEN)
    assert stream.getvalue().strip() == f"WARNING once {MASK}"
