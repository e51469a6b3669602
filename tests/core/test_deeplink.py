"""Deep links and ``helpline new``: checked like typed input, then the wizard starts from them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from app import cli, cli_text
from app.core import branding
from app.core.config import Config, load
from app.core.deeplink import DeepLinkError, from_url, from_values, looks_like_link
from app.core.form import RequestForm
from app.core.model import Level

SCHEMES = ("acme-helpdesk", "helpline")
ACME = Path(__file__).resolve().parents[2] / "packaging" / "examples" / "acme"


@pytest.fixture
def config() -> Config:
    return load(env={})


def test_a_link_fills_the_problem(config: Config) -> None:
    url = (
        "acme-helpdesk://new?category=printer&summary=Printer%20on%20floor%202%20jams"
        "&description=Line%201%0ALine%202&impact=high&urgency=low&where=Room+2.14"
    )
    prefill = from_url(url, config, SCHEMES)
    form = prefill.form
    assert (form.category, form.summary) == ("printer", "Printer on floor 2 jams")
    assert form.happened == "Line 1\nLine 2"  # descriptions keep their lines
    assert (form.impact, form.urgency) == (Level.HIGH, Level.LOW)
    assert form.where == "Room 2.14"
    assert prefill.ignored == ()
    assert form.files == [] and form.requester.name == ""


@pytest.mark.parametrize(
    "url", ["helpline:new?summary=x", "HELPLINE://new/?summary=x", "helpline:///new?summary=x"]
)
def test_spellings_of_new(config: Config, url: str) -> None:
    assert from_url(url, config, SCHEMES).form.summary == "x"


def test_control_characters_are_stripped_and_the_summary_is_one_line(config: Config) -> None:
    url = "helpline://new?summary=Hello%00%1b[31m%0Aworld%07&error_text=a%09b%0Dc"
    form = from_url(url, config, SCHEMES).form
    assert form.summary == "Hello[31m world"
    assert form.error_text == "a\tb\rc"  # error text keeps its tabs and line ends


@pytest.mark.parametrize(
    ("url", "words"),
    [
        ("helpline://new?category=nope", "There is no category 'nope'; please use one of computer"),
        ("helpline://new?summary=" + "x" * 201, "at most 200 fit"),
        ("helpline://new?description=" + "x" * 4001, "at most 4000 fit"),
        ("helpline://new?impact=huge", "must be one of low, medium, high"),
        ("helpline://new?summary=a&summary=b", "more than once"),
        ("helpline://delete?id=1", "can only start a new request"),
        ("https://example.org/new?summary=x", "Links must start with acme-helpdesk:// or"),
        ("other://new?summary=x", "Links must start with"),
        ("helpline://new?" + "&".join(f"p{i}=1" for i in range(60)), "too many parameters"),
        ("helpline://new?summary=" + "x" * 9000, "at most 8192 are read"),
    ],
)
def test_bad_links_get_a_clear_message(config: Config, url: str, words: str) -> None:
    with pytest.raises(DeepLinkError) as err:
        from_url(url, config, SCHEMES)
    assert words in cli_text.deeplink_error(err.value)


def test_unknown_parameters_are_reported_not_used(config: Config) -> None:
    prefill = from_url(
        "helpline://new?summary=x&utm_source=kb&files=/etc/passwd&name=Eve", config, SCHEMES
    )
    assert prefill.ignored == ("files", "name", "utm_source")
    assert prefill.form.files == [] and prefill.form.requester.name == ""


def test_values_follow_the_configured_categories(tmp_path: Path) -> None:
    config = load(env={branding.ENV: str(ACME)})
    assert from_values({"category": "facilities"}, config).category == "facilities"
    with pytest.raises(DeepLinkError) as err:
        from_values({"category": "email"}, config)
    assert err.value.code == "unknown_category"
    assert err.value.facts["choices"] == "computer, account, printer, facilities"


def test_blank_values_leave_the_defaults(config: Config) -> None:
    form = from_values({"summary": "  ", "impact": ""}, config)
    assert form.summary == "" and form.impact == Level.LOW


@pytest.mark.parametrize(
    ("text", "link"),
    [
        ("acme-helpdesk://new?x=1", True),
        ("helpline://new", True),
        ("https://a.example", False),
        ("file:///etc/passwd", False),
        ("gui", False),
        ("--version", False),
    ],
)
def test_looks_like_link(text: str, link: bool) -> None:
    assert looks_like_link(text) is link


# -- the command line opens the wizard with the form --------------------------------------


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    calls: list[dict[str, Any]] = []

    def fake_main(config: Config, **kwargs: Any) -> int:
        calls.append(kwargs)
        return 0

    monkeypatch.setattr("app.ui.app.main", fake_main)
    return calls


def test_new_opens_the_wizard_prefilled(opened: list[dict[str, Any]]) -> None:
    assert (
        cli.main(
            [
                "new",
                "--category",
                "printer",
                "--summary",
                "Jams\x1b",
                "--error-text",
                "E42",
                "--urgency",
                "high",
            ]
        )
        == 0
    )
    form = opened[0]["prefill"]
    assert isinstance(form, RequestForm)
    assert (form.category, form.summary, form.error_text, form.urgency) == (
        "printer",
        "Jams",
        "E42",
        Level.HIGH,
    )


def test_new_refuses_an_unknown_category(opened: list, capsys: pytest.CaptureFixture) -> None:
    assert cli.main(["new", "--category", "coffee"]) == cli.USAGE
    assert "There is no category 'coffee'" in capsys.readouterr().err
    assert opened == []


def test_open_url_and_a_bare_link(
    opened: list[dict[str, Any]], capsys: pytest.CaptureFixture
) -> None:
    assert cli.main(["open-url", "helpline://new?summary=From%20the%20KB&ref=kb12"]) == 0
    assert opened[0]["prefill"].summary == "From the KB"
    assert "ref was not understood" in capsys.readouterr().err
    assert cli.main(["helpline://new?summary=Bare"]) == 0  # macOS argv emulation
    assert opened[1]["prefill"].summary == "Bare"
    assert cli.main(["open-url"]) == 0 and "prefill" not in opened[2]
    assert cli.main(["open-url", "evil://new"]) == cli.USAGE


def test_the_brand_scheme_is_accepted(opened: list, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(branding.ENV, str(ACME))
    assert cli.main(["open-url", "acme-helpdesk://new?category=printer"]) == 0
    assert opened[0]["prefill"].category == "printer"


def test_the_wizard_starts_from_the_prefill(config: Config) -> None:
    from app.core import identity
    from app.services.filing import Submission
    from app.ui.wizard_start import restored_form

    prefill = from_values({"summary": "From a link", "category": "email"}, config)
    form = restored_form(Submission(config).drafts, config, prefill)
    assert form is prefill and form.summary == "From a link"
    assert form.requester == identity.prefill(True)  # never the link's


def test_the_problem_page_shows_the_prefill(qtbot: Any, config: Config) -> None:
    """The end of a link's path: the wizard's problem page holds what the link said."""
    pytest.importorskip("PySide6")
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QComboBox, QLineEdit

    from app.services.filing import Submission
    from app.ui.context import WizardContext
    from app.ui.tasks import TaskRunner
    from app.ui.wizard import HelpWizard
    from app.ui.wizard_start import restored_form

    submission = Submission(config)
    form = restored_form(
        submission.drafts,
        config,
        from_url("helpline://new?category=printer&summary=Jams%20on%20p.2", config, SCHEMES).form,
    )
    runner = TaskRunner(QCoreApplication.instance())
    wizard = HelpWizard(WizardContext(config, submission, runner, form=form))
    qtbot.addWidget(wizard)
    summary = wizard.findChild(QLineEdit, "summaryEdit")
    assert summary is not None and summary.text() == "Jams on p.2"
    category = next(box for box in wizard.findChildren(QComboBox) if box.findData("printer") >= 0)
    assert category.currentData() == "printer"
    runner.wait(5000)


def test_levels_are_the_models_levels() -> None:
    """deeplink names the levels itself (it is loaded before the first paint, the model
    after it); the two must never drift apart."""
    from app.core.deeplink import LEVELS

    assert tuple(level.value for level in Level) == LEVELS
