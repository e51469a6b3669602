"""Config layering, policy locks and the wording of every kind of config error."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from app.core import config as cfg
from app.core.config import BUILTIN, FLAGS, ConfigError, load
from app.core.schema import KEYS, PATH, Key, SchemaError


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, "utf-8")
    return path


@pytest.fixture
def policy(isolated_dirs: dict[str, Path]) -> Path:
    return isolated_dirs["site"] / "helpline" / "policy.toml"


@pytest.fixture
def user(isolated_dirs: dict[str, Path]) -> Path:
    return isolated_dirs["config"] / "helpline" / "config.toml"


def test_defaults_come_from_the_schema() -> None:
    config = load(env={})
    for key in KEYS:
        assert config[key.name] == key.default
        assert config.source(key.name) == BUILTIN
    assert config.notices == []
    assert config.categories()[0].id == "computer"


def test_each_layer_overrides_the_one_before(policy: Path, user: Path, tmp_path: Path) -> None:
    write(
        policy,
        '[branding]\nname = "P"\nsupport_phone = "1"\nsupport_email = "p@x.org"\n'
        'support_hours = "policy hours"\n',
    )
    write(user, '[branding]\nname = "U"\nsupport_phone = "2"\nsupport_email = "u@x.org"\n')
    explicit = write(tmp_path / "explicit.toml", '[branding]\nname = "E"\nsupport_phone = "3"\n')
    config = load(config_file=explicit, flags={"branding.name": "F"}, env={})
    assert (config["branding.name"], config.source("branding.name")) == ("F", FLAGS)
    assert (config["branding.support_phone"], config.source("branding.support_phone")) == (
        "3",
        str(explicit),
    )
    assert (config["branding.support_email"], config.source("branding.support_email")) == (
        "u@x.org",
        str(user),
    )
    assert (config["branding.support_hours"], config.source("branding.support_hours")) == (
        "policy hours",
        str(policy),
    )
    assert config.source("branding.support_url") == BUILTIN


def test_helpline_config_variable_is_the_explicit_layer(user: Path, tmp_path: Path) -> None:
    write(user, '[branding]\nname = "U"\n')
    explicit = write(tmp_path / "env.toml", '[branding]\nname = "From env"\n')
    config = load(env={"HELPLINE_CONFIG": str(explicit)})
    assert config["branding.name"] == "From env"
    assert config.source("branding.name") == str(explicit)
    # --config wins over the variable: both name the same layer.
    other = write(tmp_path / "flag.toml", '[branding]\nname = "From flag"\n')
    assert (
        load(config_file=other, env={"HELPLINE_CONFIG": str(explicit)})["branding.name"]
        == "From flag"
    )


def test_locked_keys_keep_the_policy_value_and_say_so(
    policy: Path, user: Path, tmp_path: Path
) -> None:
    write(
        policy, '[attachments]\nmax_size_mb = 5\n[policy]\nlocked = ["attachments.max_size_mb"]\n'
    )
    write(user, "[attachments]\nmax_size_mb = 100\nscreenshot = false\n")
    explicit = write(tmp_path / "x.toml", "[attachments]\nmax_size_mb = 200\n")
    config = load(config_file=explicit, flags={"attachments.max_size_mb": 300}, env={})
    assert config["attachments.max_size_mb"] == 5.0
    assert config.source("attachments.max_size_mb") == str(policy)
    assert config["attachments.screenshot"] is False  # unlocked keys still apply
    assert config.locked == frozenset({"attachments.max_size_mb"})
    assert len(config.notices) == 3
    for notice, source in zip(config.notices, (str(user), str(explicit), FLAGS), strict=True):
        assert "'attachments.max_size_mb'" in notice
        assert str(policy) in notice and source in notice


def test_only_the_policy_file_can_lock(user: Path) -> None:
    write(user, '[policy]\nlocked = ["branding.name"]\n[branding]\nname = "Mine"\n')
    config = load(env={})
    assert config.locked == frozenset()
    assert config["branding.name"] == "Mine"
    assert config["policy.locked"] == []
    assert any("policy.locked" in n and str(user) in n for n in config.notices)


def test_policy_cannot_lock_an_unknown_key(policy: Path) -> None:
    write(policy, '[policy]\nlocked = ["branding.nmae"]\n')
    with pytest.raises(ConfigError) as err:
        load(env={})
    assert str(policy) in str(err.value) and "policy.locked" in str(err.value)
    assert "branding.nmae" in str(err.value)


def assert_names(err: ConfigError, path: Path, key: str, expected: str) -> None:
    text = str(err)
    assert str(path) in text, text
    assert key in text, text
    assert expected in text, text


@pytest.mark.parametrize(
    ("body", "key", "expected"),
    [
        ("[branding]\nname = 3\n", "branding.name", "a text string"),
        ('[branding]\naccent_color = "blue"\n', "branding.accent_color", "#rrggbb"),
        ('[branding]\nsupport_url = "www.example.org"\n', "branding.support_url", "https://"),
        ('[requester]\nremember = "yes"\n', "requester.remember", "true or false"),
        ('[requester]\nrequired = ["name", "shoe_size"]\n', "requester.required", '"customer_id"'),
        ('[requester]\nrequired = "name"\n', "requester.required", "a list of text strings"),
        ("[attachments]\nmax_size_mb = 0\n", "attachments.max_size_mb", "a number greater than 0"),
        ('[attachments]\nmax_size_mb = "big"\n', "attachments.max_size_mb", "greater than 0"),
        ("[drafts]\nsave_delay_ms = 1.5\n", "drafts.save_delay_ms", "a whole number"),
        ('[backend]\ntype = "jira-cloud"\n', "backend.type", '"local"'),
        ("[policy]\nlocked = [1, 2]\n", "policy.locked", "a list of text strings"),
        ('[[categories]]\nlabel = "No id"\n', "categories[0].id", "'id'"),
        ('[[categories]]\nid = "Bad Id"\nlabel = "x"\n', "categories[0].id", "lower-case"),
        (
            '[[categories]]\nid = "a"\nlabel = "A"\n[[categories]]\nid = "a"\nlabel = "B"\n',
            "categories[1].id",
            "used twice",
        ),
        (
            '[[categories]]\nid = "a"\nlabel = "A"\ncolour = "red"\n',
            "categories[0].colour",
            "known keys are",
        ),
        (
            '[[categories]]\nid = "a"\nlabel = "A"\nquestions = [{ id = "q" }]\n',
            "categories[0].questions[0].label",
            "'label'",
        ),
        (
            '[[categories]]\nid = "a"\nlabel = "A"\nhelp = [{ label = "x", url = "ftp://x" }]\n',
            "categories[0].help[0].url",
            "https://",
        ),
        ("categories = []\n", "categories", "at least one category"),
    ],
)
def test_wrong_types_name_file_key_and_expectation(
    tmp_path: Path, body: str, key: str, expected: str
) -> None:
    path = write(tmp_path / "bad.toml", body)
    with pytest.raises(ConfigError) as err:
        load(config_file=path, env={})
    assert_names(err.value, path, key, expected)


def test_the_wrong_value_is_quoted(tmp_path: Path) -> None:
    path = write(tmp_path / "bad.toml", '[branding]\naccent_color = "blue"\n')
    with pytest.raises(ConfigError, match='found "blue"'):
        load(config_file=path, env={})


def test_unknown_section(user: Path) -> None:
    write(user, '[brandig]\nname = "x"\n')
    with pytest.raises(ConfigError) as err:
        load(env={})
    assert_names(err.value, user, "brandig", "a known section (branding, requester")


def test_unknown_key_lists_the_known_ones(user: Path) -> None:
    write(user, '[branding]\ncolour = "#ffffff"\n')
    with pytest.raises(ConfigError) as err:
        load(env={})
    assert_names(err.value, user, "branding.colour", "accent_color")


def test_a_section_that_is_not_a_table(user: Path) -> None:
    write(user, 'branding = "x"\n')
    with pytest.raises(ConfigError) as err:
        load(env={})
    assert_names(err.value, user, "branding", "[branding]")


def test_broken_toml_names_file_and_line(user: Path) -> None:
    write(user, '[branding]\nname = "unterminated\n')
    with pytest.raises(ConfigError) as err:
        load(env={})
    assert_names(err.value, user, "", "valid TOML")
    assert "line 2" in str(err.value)


def test_missing_explicit_file(tmp_path: Path) -> None:
    missing = tmp_path / "nope.toml"
    with pytest.raises(ConfigError) as err:
        load(config_file=missing, env={})
    assert_names(err.value, missing, "", "not found")


def test_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "latin1.toml"
    path.write_bytes('[branding]\nname = "Zürich"\n'.encode("latin-1"))
    with pytest.raises(ConfigError) as err:
        load(config_file=path, env={})
    assert_names(err.value, path, "", "UTF-8")


def test_missing_logo_names_the_resolved_path(tmp_path: Path) -> None:
    path = write(tmp_path / "conf" / "brand.toml", '[branding]\nlogo = "logo.svg"\n')
    with pytest.raises(ConfigError) as err:
        load(config_file=path, env={})
    assert_names(err.value, path, "branding.logo", "a file that exists")
    assert str(tmp_path / "conf" / "logo.svg") in str(err.value)


def test_logo_is_resolved_against_the_file_that_sets_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "brand"
    write(folder / "logo.svg", "<svg xmlns='http://www.w3.org/2000/svg'/>")
    path = write(folder / "brand.toml", '[branding]\nlogo = "logo.svg"\n')
    monkeypatch.chdir(tmp_path)
    assert load(config_file=path, env={})["branding.logo"] == str(folder / "logo.svg")


def test_flags_are_checked_too() -> None:
    with pytest.raises(ConfigError) as err:
        load(flags={"outbox.retry_seconds": -1}, env={})
    assert FLAGS in str(err.value) and "outbox.retry_seconds" in str(err.value)


def test_categories_become_typed_objects(tmp_path: Path) -> None:
    path = write(
        tmp_path / "c.toml",
        """
[[categories]]
id = "building"
label = "Building"
not_handled = "Facilities handles this."
not_handled_link = "https://facilities.example.org"

[[categories]]
id = "printer"
label = "Printer"
questions = [{ id = "where", label = "Which printer?", required = true }]
help = [{ label = "Jams", url = "https://intranet.example.org/jam" }]
""",
    )
    config = load(config_file=path, env={})
    building, printer = config.categories()
    assert not building.handled and building.not_handled_link.startswith("https://")
    assert printer.handled
    assert printer.questions[0].required and printer.questions[0].label == "Which printer?"
    assert printer.help[0].url == "https://intranet.example.org/jam"
    assert config.category("printer") == printer and config.category("nope") is None


def test_max_attachment_bytes() -> None:
    assert load(flags={"attachments.max_size_mb": 2}, env={}).max_attachment_bytes == 2_000_000


def test_read_file_is_the_single_file_reader(tmp_path: Path) -> None:
    path = write(tmp_path / "one.toml", '[branding]\nname = "One"\n')
    assert cfg.read_file(path) == {"branding.name": "One"}


@pytest.mark.parametrize(
    "key", [k for k in KEYS if k.section != "categories"], ids=lambda k: k.name
)
def test_every_key_rejects_a_value_of_the_wrong_kind(tmp_path: Path, key: Key) -> None:
    """A TOML date fits no kind, so every declared key (new ones too) must refuse it."""
    table, name = key.name.rsplit(".", 1)
    path = write(tmp_path / "wrong.toml", f"[{table}]\n{name} = 1979-05-27\n")
    if key.kind is PATH:  # a path is text; the date is refused as text
        expected = "a text string"
    else:
        with pytest.raises(SchemaError) as declared:
            key.kind.check(datetime.date(1979, 5, 27))
        expected = declared.value.expected
    with pytest.raises(ConfigError) as err:
        load(config_file=path, env={})
    assert_names(err.value, path, key.name, expected)
    assert "1979-05-27" in str(err.value)  # the wrong value is quoted back


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ('"yes"', '"yes"'),
        ("true", "true"),
        ("[1, 2]", "[1, 2]"),
        ("1979-05-27T07:32:00Z", "1979-05-27T07:32:00+00:00"),
        ("{ a = 1 }", "a table"),
        ("-3", "-3"),
    ],
)
def test_the_wrong_value_is_shown_as_written(tmp_path: Path, raw: str, shown: str) -> None:
    path = write(tmp_path / "w.toml", f"[branding]\naccent_color = {raw}\n")
    with pytest.raises(ConfigError) as err:
        load(config_file=path, env={})
    assert str(err.value).endswith(f"(found {shown}).")
