"""The bounds on what the conversation view lays out (app/core/body_bounds.py, issue 17 item 5)."""

from __future__ import annotations

import time

import pytest

from app.core.body_bounds import MAX_HTML, MAX_TEXT, html_text, shown_body, within_bounds


def test_ordinary_html_stays_html_and_is_cleaned():
    body = (
        "<div><p>Hello <b>Ada</b>,</p><ul><li>one<ul><li>nested</li></ul></li></ul>"
        "<table><tr><td><table><tr><td>cell</td></tr></table></td></tr></table>"
        "<blockquote><blockquote>quoted</blockquote></blockquote><script>x()</script></div>"
    )
    shown = shown_body(body)
    assert not shown.as_text and not shown.cut
    assert "<ul>" in shown.html and "<table>" in shown.html and "script" not in shown.html


@pytest.mark.parametrize(
    "body",
    [
        "<table><tr><td>" * 4 + "x",  # one level deeper than allowed
        "<ul><li>" * 5 + "<ol><li>" * 4 + "x",  # lists count together
        "<blockquote>" * 9 + "x",
        "<span>" * 65 + "x",
        "<table><tr><td>x</td></tr></table>" * 65,
    ],
)
def test_deep_or_many_containers_are_shown_as_text(body):
    assert not within_bounds(body)
    shown = shown_body(body)
    assert shown.as_text and "<table" not in shown.html and "<ul" not in shown.html
    assert "x" in shown.html


def test_closed_and_implicitly_closed_siblings_are_no_nesting():
    assert within_bounds("<table><tr><td>a</td></tr></table>" * 64)
    assert within_bounds("<p>a<p>b<li>c<li>d<td>e<br><hr>" * 500)
    assert within_bounds("<ul><li>a</li></ul>" * 1000)


def test_large_html_is_shown_as_its_text_without_code():
    body = "<p>Line &amp; more</p><script>alert(1)</script><style>p{}</style>" * 2000
    assert len(body) > MAX_HTML
    shown = shown_body(body)
    assert shown.as_text
    assert "Line &amp; more<br/>" in shown.html  # decoded, then escaped again as text
    assert "alert" not in shown.html and "p{}" not in shown.html and "<p>" not in shown.html


def test_an_unclosed_script_takes_the_rest_with_it():
    assert html_text("<p>kept</p><script>gone <p>also gone") == "kept"


def test_text_is_cut_with_a_flag():
    shown = shown_body("word " * 20_000)
    assert shown.cut and not shown.as_text
    assert len(shown.html) < MAX_TEXT + 10


def test_text_in_angle_brackets_is_kept():
    assert html_text("<p>x < 3 and y > 2</p>") == "x < 3 and y > 2"


@pytest.mark.parametrize(
    "body",
    [
        "<ul><li>" * 30_000,  # 240 KB: nh3 alone took 28 s on it
        "<p " * 200_000,  # no tag ever closes: every scan must stop at the next "<"
        "<script>" * 100_000,
        "<b>" * 10_000,
        "<" * 500_000,
    ],
    ids=["nested-lists", "unclosed-attrs", "scripts", "bold", "brackets"],
)
def test_hostile_shapes_are_bounded_in_linear_time(body):
    start = time.monotonic()
    shown_body(body)
    assert time.monotonic() - start < 1.0


def test_a_long_run_without_spaces_is_broken_into_lines():
    shown = shown_body("a " + "x" * 4_500 + " b")
    assert not shown.as_text
    assert [len(line) for line in shown.html.split("<br/>")] == [2_002, 2_000, 502]


def test_html_with_a_long_run_is_shown_as_text_and_broken():
    shown = shown_body("<p>" + "y" * 3_000 + "</p>")
    assert shown.as_text and "<br/>" in shown.html
    assert not shown_body('<p><a href="https://x.example/' + "q" * 1_500 + '">link</a></p>').as_text


def test_runs_just_below_the_limit_are_scanned_in_linear_time():
    start = time.monotonic()
    shown_body(("x" * 1_999 + " ") * 20)
    shown_body("<p>" + ("x" * 1_999 + " ") * 16)
    assert time.monotonic() - start < 0.5
