"""Asset fields: the kept system-info sections' host, serial, user, OS build and IP go to
the helpdesk as ``asset.*`` ticket fields; a section switched off takes its fields with it."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QWidget

from app.backends.local import LocalBackend
from app.ui.context import WizardContext
from tests.ui.test_pages_last import (
    SYSTEM_INFO,
    _finish_background_work,  # noqa: F401  (autouse fixture)
    data_root,  # noqa: F401  (fixture)
    evidence_page,
    make_context,
    send_through_page,
)

INFO: dict[str, Any] = copy.deepcopy(SYSTEM_INFO)
INFO["sections"]["machine"]["serial"] = "5CG1234XYZ"
INFO["sections"]["os"]["build"] = "bookworm"
INFO["sections"]["user"] = {"name": "ada", "domain": "ENGINES"}
INFO["sections"]["network"] = {
    "interfaces": [{"name": "eth0", "up": True, "ipv4": ["10.20.30.40"]}],
    "default_gateways": [{"address": "10.20.30.1", "interface": "eth0"}],
}


def _stored_fields(qtbot: Any, ctx: WizardContext) -> dict[str, str]:
    item = send_through_page(qtbot, ctx)
    fields: dict[str, str] = LocalBackend(ctx.submission.root).details(item.ticket_id)["fields"]
    return fields


def _context(root: Path) -> WizardContext:
    ctx = make_context(root)
    ctx.set_system_info(copy.deepcopy(INFO))
    return ctx


def test_the_stored_ticket_carries_the_asset_fields(qtbot: Any, data_root: Path) -> None:
    ctx = _context(data_root)
    evidence_page(qtbot, ctx)
    fields = _stored_fields(qtbot, ctx)
    assert {k: v for k, v in fields.items() if k.startswith("asset.")} == {
        "asset.host": "ws-042",
        "asset.serial": "5CG1234XYZ",
        "asset.user": "ENGINES\\ada",
        "asset.os_build": "Debian 12, build bookworm, kernel 6.1.0-18",
        "asset.ip": "10.20.30.40",
    }
    assert fields["doing"] == "Printing the monthly report from Excel"  # the others remain


def test_a_section_switched_off_takes_its_asset_fields_with_it(qtbot: Any, data_root: Path) -> None:
    ctx = _context(data_root)
    page = evidence_page(qtbot, ctx)
    page.details_button.click()
    page.findChild(QWidget, "section_machine").click()
    page.findChild(QWidget, "section_network").click()
    assert "machine" not in ctx.sections
    fields = _stored_fields(qtbot, ctx)
    assets = {k for k in fields if k.startswith("asset.")}
    assert assets == {"asset.user", "asset.os_build"}


def test_no_system_information_means_no_asset_fields(qtbot: Any, data_root: Path) -> None:
    ctx = _context(data_root)
    page = evidence_page(qtbot, ctx)
    assert ctx.form.asset["host_name"] == "ws-042"
    page.include_system_info.click()
    assert not ctx.form.include_system_info
    fields = _stored_fields(qtbot, ctx)
    assert not [k for k in fields if k.startswith("asset.")]


def test_the_review_page_shows_the_asset_fields_that_go_as_fields(qtbot: Any) -> None:
    """What travels as structured fields is on the Review page, not only in the file."""
    from app.core.config import load
    from app.core.model import Requester
    from app.services.filing import Submission
    from app.ui.context import WizardContext
    from app.ui.pages.review import ReviewPage
    from app.ui.tasks import InlineRunner

    config = load(env={})
    ctx = WizardContext(config, Submission(config), InlineRunner())
    ctx.form.requester = Requester(name="Ada", email="ada@example.org")
    ctx.form.category, ctx.form.summary = "other", "VPN drops"
    ctx.form.asset = {"host_name": "ws-0427", "ip_address": "10.1.2.3"}
    ctx.system_info = {"sections": {}}
    page = ReviewPage(ctx)
    qtbot.addWidget(page)
    page.initializePage()
    shown = page.values["asset"]
    qtbot.waitUntil(lambda: "ws-0427" in shown.text())
    assert "10.1.2.3" in shown.text()
    assert page.fields.isRowVisible(shown)
