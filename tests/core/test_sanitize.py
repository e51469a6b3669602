"""Hostile server HTML comes out harmless; attachment names cannot leave their folder."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from app.core.sanitize import clean_html, message_html, plain_to_html, safe_name, save_target


@pytest.mark.parametrize(
    "hostile, forbidden",
    [
        ("<p>Hi<script>alert('x')</script></p>", ["<script", "alert"]),
        ('<img src="x" onerror="alert(1)">', ["onerror", "<img", "alert"]),
        ('<p><img src="https://tracker.example/pixel.gif">seen</p>', ["tracker.example", "<img"]),
        (
            '<p style="background: url(https://evil.example/x.png)">css</p>',
            ["evil.example", "style", "url("],
        ),
        (
            "<style>body { background: url(https://evil.example/y) }</style><p>ok</p>",
            ["evil.example", "<style", "background"],
        ),
        (
            '<link rel="stylesheet" href="https://evil.example/s.css"><p>ok</p>',
            ["evil.example", "<link"],
        ),
        ('<a href="javascript:alert(1)">click</a>', ["javascript", "alert"]),
        ('<a href="JaVaScRiPt:alert(1)">click</a>', ["javascript", "alert"]),
        ('<a href="data:text/html;base64,PHNjcmlwdD4=">x</a>', ["data:"]),
        ('<iframe src="https://evil.example"></iframe><p>ok</p>', ["<iframe", "evil.example"]),
        ('<svg onload="alert(1)"><p>ok</p></svg>', ["onload", "<svg"]),
        ('<form action="https://evil.example"><input name="p"></form>', ["<form", "<input"]),
        (
            '<p onclick="steal()" onmouseover="steal()">hover</p>',
            ["onclick", "onmouseover", "steal"],
        ),
    ],
)
def test_hostile_html_is_cleaned(hostile: str, forbidden: list[str]) -> None:
    cleaned = message_html(hostile).lower()
    for word in forbidden:
        assert word.lower() not in cleaned, (hostile, cleaned)


def test_harmless_formatting_and_web_links_stay() -> None:
    cleaned = clean_html(
        '<p>Please <b>restart</b> and read <a href="https://kb.example/1">'
        "the article</a>.</p><ul><li>one</li></ul>"
    )
    assert "<b>restart</b>" in cleaned
    assert 'href="https://kb.example/1"' in cleaned
    assert "<li>one</li>" in cleaned


def test_plain_text_is_escaped_and_links_become_clickable() -> None:
    text = "Try https://kb.example/a?b=1. Then <script>x</script> & reboot\nthanks"
    out = plain_to_html(text)
    assert "<script>" not in out and "&lt;script&gt;" in out
    assert '<a href="https://kb.example/a?b=1">' in out  # the full stop is not part of it
    assert "&amp; reboot<br/>thanks" in out
    assert message_html("Plain <3 text") == "Plain &lt;3 text"


@pytest.mark.parametrize(
    "name, expected",
    [
        ("../../etc/passwd", "passwd"),
        ("..\\..\\Windows\\system.ini", "system.ini"),
        ("/absolute/report.pdf", "report.pdf"),
        ("..", "attachment"),
        ("", "attachment"),
        (".bashrc", "bashrc"),
        ("a\x00b\nc.txt", "a_b_c.txt"),
        ("Rapport été (1).pdf", "Rapport été (1).pdf"),
    ],
)
def test_safe_name_removes_folders_and_control_characters(name: str, expected: str) -> None:
    assert safe_name(name) == expected


def test_save_target_stays_in_the_folder_and_never_overwrites(tmp_path: Path) -> None:
    folder = tmp_path / "saved"
    folder.mkdir()
    target = save_target(folder, "../../outside.txt")
    assert target == folder.resolve() / "outside.txt"
    target.write_text("first")
    again = save_target(folder, "outside.txt")
    assert again.name == "outside (2).txt"
    assert not (tmp_path / "outside.txt").exists()


def test_save_target_refuses_a_symlink_that_points_outside(tmp_path: Path) -> None:
    folder = tmp_path / "saved"
    folder.mkdir()
    os.symlink(tmp_path / "elsewhere.txt", folder / "report.txt")
    target = save_target(folder, "report.txt")  # the link is taken as "exists": a new name
    assert target.name == "report (2).txt" and target.parent == folder.resolve()


def test_plain_text_with_angle_brackets_keeps_its_lines() -> None:
    out = message_html("Traceback:\nImportError: <module> not found\nMail <a@b.org>")
    assert out.count("<br/>") == 2 and "&lt;module&gt;" in out and "&lt;a@b.org&gt;" in out
