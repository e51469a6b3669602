"""Each adapter's page says what it has been seen working against (issue 16)."""

from __future__ import annotations

from pathlib import Path

import pytest

DOCS = Path(__file__).resolve().parents[2] / "docs" / "backends"


@pytest.mark.parametrize("page", sorted(DOCS.glob("*.md")), ids=lambda p: p.stem)
def test_every_backend_page_says_what_it_was_verified_against(page: Path) -> None:
    text = page.read_text("utf-8")
    assert "**Verified against:**" in text
    recorded = Path(__file__).parent / "recorded" / page.stem
    if recorded.is_dir():  # a page that claims recordings names where they are
        assert f"tests/backends/recorded/{page.stem}/" in text
        assert (recorded / "SOURCE").is_file()
