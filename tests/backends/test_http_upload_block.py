"""Request bodies are read in large blocks: urllib3's 16 KiB made uploads 0.7 x curl.

See app.backends.http.UPLOAD_BLOCK and docs/performance.md (the upload figure).
"""

from __future__ import annotations

from pathlib import Path

from app.backends import http


def test_every_scheme_reads_request_bodies_in_large_blocks() -> None:
    session = http.make_session()
    for url in ("http://127.0.0.1/", "https://helpdesk.example/"):
        adapter = session.get_adapter(url)
        assert adapter.poolmanager.connection_pool_kw["blocksize"] == http.UPLOAD_BLOCK


def test_a_ca_bundle_keeps_the_large_blocks(tmp_path: Path) -> None:
    bundle = tmp_path / "ca.pem"
    bundle.write_text("")
    session = http.make_session({"backend.ca_bundle": str(bundle)})
    adapter = session.get_adapter("https://helpdesk.example/")
    assert adapter.poolmanager.connection_pool_kw["blocksize"] == http.UPLOAD_BLOCK
    assert http.UPLOAD_BLOCK >= 256 * 1024
