"""``helpline --version`` names the brand's build: Helpline's version plus its suffix."""

from __future__ import annotations

from pathlib import Path

from app import __version__
from app.cli_parser import version_text
from app.core import branding
from tests.cli.helpers import run

ACME = Path(__file__).resolve().parents[2] / "packaging" / "examples" / "acme"


def test_a_branded_build_adds_the_suffix_through_a_real_process(
    helpline_env: dict[str, str],
) -> None:
    proc = run({**helpline_env, branding.ENV: str(ACME)}, "--version")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == f"helpline {__version__}+acme1"


def test_plain_helpline_has_no_suffix() -> None:
    assert version_text(env={}) == f"helpline {__version__}"


def test_a_brand_without_a_suffix_adds_nothing(tmp_path: Path) -> None:
    folder = tmp_path / "brand"
    folder.mkdir()
    for name in ("icon.svg", "logo.svg"):
        (folder / name).write_bytes((ACME / name).read_bytes())
    text = (ACME / "branding.toml").read_text("utf-8")
    (folder / "branding.toml").write_text(
        "\n".join(line for line in text.splitlines() if not line.startswith("version_suffix")),
        "utf-8",
    )
    assert version_text(env={branding.ENV: str(folder)}) == f"helpline {__version__}"


def test_a_broken_branding_folder_still_answers_with_the_version(tmp_path: Path) -> None:
    text = version_text(env={branding.ENV: str(tmp_path / "missing")})
    assert text.startswith(f"helpline {__version__} (the branding folder could not be read")
