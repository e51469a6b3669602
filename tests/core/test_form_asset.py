"""compose offers the asset fields the UI or CLI handed in, only with system information."""

from __future__ import annotations

from app.core.form import ASSET_FIELDS, RequestForm, compose

ASSET = {
    "host_name": "ws-042",
    "serial": "5CG1",
    "user": "CORP\\ada",
    "os_build": "Windows 11, build 22631",
    "ip_address": "10.1.2.3",
    "unknown": "not a field",
    "empty": "",
}


def test_asset_fields_become_ticket_fields_under_their_names() -> None:
    ticket = compose(RequestForm(summary="x", asset=dict(ASSET)), "Other", {})
    assert {k: v for k, v in ticket.fields.items() if k.startswith("asset.")} == {
        "asset.host": "ws-042",
        "asset.serial": "5CG1",
        "asset.user": "CORP\\ada",
        "asset.os_build": "Windows 11, build 22631",
        "asset.ip": "10.1.2.3",
    }
    assert set(ASSET_FIELDS.values()) <= set(ticket.fields)


def test_without_system_information_no_asset_field_is_sent() -> None:
    form = RequestForm(summary="x", asset=dict(ASSET), include_system_info=False)
    assert not [k for k in compose(form, "Other", {}).fields if k.startswith("asset.")]


def test_a_draft_keeps_the_asset_as_text() -> None:
    form = RequestForm.from_dict({**RequestForm(asset={"serial": "5CG1"}).to_dict()})
    assert form.asset == {"serial": "5CG1"}
    assert RequestForm.from_dict({"summary": "old draft"}).asset == {}
