"""The branding folder: what a valid one gives, and how a wrong one is named."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from app.core import branding
from app.core.config import ConfigError, load

ACME = Path(__file__).resolve().parents[2] / "packaging" / "examples" / "acme"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    target = tmp_path / "brand"
    shutil.copytree(ACME, target)
    return target


def edit(folder: Path, old: str, new: str) -> None:
    path = folder / "branding.toml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_the_example_is_valid_and_complete(folder: Path) -> None:
    brand = branding.load(folder)
    assert brand.name == "Acme IT Service Desk"
    assert (brand.app_id, brand.url_scheme) == ("acme-helpdesk", "acme-helpdesk")
    assert brand.version("0.1.0") == "0.1.0+acme1"
    assert brand.icon == folder / "icon.svg"
    assert brand.policy == folder / "policy.toml"
    sources = [source for source, _ in brand.layers]
    assert sources == [str(folder / "branding.toml"), str(folder / "config.toml")]
    assert brand.layers[0][1]["branding.logo"] == str(folder / "logo.svg")


def test_branding_is_the_layer_above_built_in(folder: Path, isolated_dirs: dict) -> None:
    config = load(env={branding.ENV: str(folder)})
    assert config["branding.name"] == "Acme IT Service Desk"
    assert config.source("branding.accent_color") == str(folder / "branding.toml")
    assert config.categories()[0].id == "computer"
    assert config.source("categories") == str(folder / "config.toml")
    user = isolated_dirs["config"] / "helpline" / "config.toml"
    user.parent.mkdir(parents=True)
    user.write_text('[branding]\naccent_color = "#123456"\n', encoding="utf-8")
    config = load(env={branding.ENV: str(folder)})
    assert config["branding.accent_color"] == "#123456"  # not locked: the user wins
    assert config.source("branding.name") == str(folder / "branding.toml")


def test_plain_helpline_has_no_branding() -> None:
    assert branding.active({}) is None
    assert branding.url_schemes(None) == ("helpline",)
    assert load(env={}).source("branding.name") == "built-in default"


@pytest.mark.parametrize(
    ("old", "new", "key"),
    [
        ('app_id = "acme-helpdesk"', 'app_id = "Acme Desk"', "package.app_id"),
        ('app_id = "acme-helpdesk"', "", "package.app_id"),
        ('publisher = "Acme Corporation IT"', "", "package.publisher"),
        ('icon = "icon.svg"', 'icon = "missing.svg"', "package.icon"),
        ('icon = "icon.svg"', 'icon = "branding.toml"', "package.icon"),
        ('version_suffix = "acme1"', 'version_suffix = "-x y"', "package.version_suffix"),
        ('url_scheme = "acme-helpdesk"', 'url_scheme = "http:"', "package.url_scheme"),
        ("\n[package]\n", '\n[package]\ncolour = "red"\n', "package.colour"),
        ('logo = "logo.svg"', 'logo = "nope.svg"', "branding.logo"),
        ('accent_color = "#b3261e"', 'accent_color = "red"', "branding.accent_color"),
        ('name = "Acme IT Service Desk"', 'name = ""', "branding.name"),
        ("\n[branding]\n", '\n[backend]\ntype = "rt"\n[branding]\n', "backend"),
    ],
)
def test_a_wrong_folder_names_the_file_and_key(folder: Path, old: str, new: str, key: str) -> None:
    edit(folder, old, new)
    with pytest.raises(ConfigError) as err:
        branding.load(folder)
    assert err.value.key == key
    assert str(folder / "branding.toml") in str(err.value)


def test_missing_branding_toml_says_what_a_folder_needs(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"needs branding\.toml"):
        branding.load(tmp_path)


def test_config_toml_may_not_lock(folder: Path) -> None:
    with (folder / "config.toml").open("a", encoding="utf-8") as handle:
        handle.write('\n[policy]\nlocked = ["backend.type"]\n')
    with pytest.raises(ConfigError) as err:
        branding.load(folder)
    assert err.value.key == "policy.locked" and str(folder / "config.toml") in str(err.value)


def test_a_broken_policy_fails_at_build_time(folder: Path) -> None:
    (folder / "policy.toml").write_text('[policy]\nlocked = "backend.type"\n', encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        branding.load(folder)
    assert str(folder / "policy.toml") in str(err.value)


def test_the_brand_scheme_comes_first(folder: Path) -> None:
    assert branding.url_schemes(branding.load(folder)) == ("acme-helpdesk", "helpline")
