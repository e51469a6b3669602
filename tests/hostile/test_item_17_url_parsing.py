"""Issue 17, item 17: the address checked is the address urllib3 connects to.

``urlsplit`` reads ``http://evil.example\\@127.0.0.1/`` as this computer, so the "plain
http only to this computer" check passed, while urllib3 connects to ``evil.example`` with
the token. The check now parses with urllib3, and a backslash, a space or a control
character in backend.url is refused by the adapters and by the config check.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from app.backends.gitlab import GitLabBackend
from app.backends.helpline_http import HelplineHttpBackend
from app.core.config_file import ConfigError, read_file
from app.core.helpdesk import PermanentError
from tests.hostile.server import HostileServer

TRICKS = (
    "http://evil.invalid\\@{host}/",
    "http://{host}/\tx",
    "http://{host}/\x00",
    " http://{host}",
)


@pytest.mark.parametrize("trick", TRICKS)
def test_the_adapters_refuse_addresses_the_parsers_disagree_on(trick: str) -> None:
    with HostileServer() as server:
        url = trick.format(host=server.url.removeprefix("http://"))
        for make in (
            lambda: HelplineHttpBackend(url, "tok-secret"),
            lambda: GitLabBackend(url, project="it/help", token="glpat-secret"),
        ):
            with pytest.raises(PermanentError) as info:
                make()
            assert info.value.code == "address_invalid"
    assert not server.seen


def test_config_check_names_the_file_and_the_key(tmp_path: Path) -> None:
    path = tmp_path / "helpline.toml"
    path.write_text('[backend]\ntype = "gitlab"\nurl = "http://evil.invalid\\\\@127.0.0.1/"\n')
    with pytest.raises(ConfigError) as info:
        read_file(path)
    assert info.value.key == "backend.url"
    assert info.value.source == str(path)
    assert "backslashes" in info.value.expected
