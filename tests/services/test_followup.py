"""One follow-up path: a reply, a reopening and their files follow the same rules from the
service, from ``helpline reply/reopen`` and from *My requests*, secrets masked alike."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from app.backends.local import LocalBackend
from app.collectors.secrets import Finding
from app.core.config import Config, load
from app.core.helpdesk import Capabilities, TemporaryError
from app.core.model import NewTicket, Priority, Requester, Status
from app.core.outbox import Outbox, State
from app.services.followup import (
    FILES_TEXT,
    FollowUpProblem,
    FollowUpRefused,
    FollowUps,
    OutgoingReply,
)
from tests.cli.helpers import one_sentence, run, run_json
from tests.collectors.secret_corpus import AWS_ID, SECRETS, M

ADA = Requester(name="Ada Lovelace", email="ada@example.org")
# Two lines of the scrubbing corpus, with exactly what the helpdesk must receive.
PASSWORD, PASSWORD_SENT = SECRETS[0]
AWS, AWS_SENT = next(pair for pair in SECRETS if pair[0].endswith(f"= {AWS_ID}"))
TYPED = f"It still fails with my settings:\n{PASSWORD}\n{AWS}"
SENT = f"It still fails with my settings:\n{PASSWORD_SENT}\n{AWS_SENT}"

#: What My requests says of a reply kept by the local store (nothing left the computer).
LOCAL_REPLY = (
    "Your reply was added to the request on this computer. No helpdesk is connected, so "
    "nobody at support sees it yet."
)


class NoFiles(LocalBackend):
    def capabilities(self) -> Capabilities:
        return Capabilities(attachments=False, limits_note="This helpdesk takes no files.")


@pytest.fixture
def root(isolated_dirs: dict[str, Path]) -> Path:
    path = isolated_dirs["data"] / "helpline"
    path.mkdir(exist_ok=True)
    return path


@pytest.fixture
def small_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A 1 KB attachment limit for every face (HELPLINE_CONFIG reaches the CLI too)."""
    path = tmp_path / "small.toml"
    path.write_text("[attachments]\nmax_size_mb = 0.001\n", "utf-8")
    monkeypatch.setenv("HELPLINE_CONFIG", str(path))
    return path


@pytest.fixture
def config() -> Config:
    return load()


def ticket(backend: LocalBackend, resolved: bool = False) -> str:
    made = backend.create(
        NewTicket(
            subject="VPN drops",
            body="Every hour.",
            requester=ADA,
            client_ref="ref-1",
            category="other",
            priority=Priority.NORMAL,
        )
    )
    if resolved:
        backend.set_resolved(made.id)
    return made.id


def service(config: Config, root: Path, backend: LocalBackend) -> FollowUps:
    return FollowUps(config, Outbox(root), lambda: backend)


def files(folder: Path) -> list[str]:
    """Two files both called log.txt, from different folders."""
    out = []
    for name in ("a", "b"):
        (folder / name).mkdir()
        path = folder / name / "log.txt"
        path.write_text(f"log {name}\n", "utf-8")
        out.append(str(path))
    return out


# -- the service --------------------------------------------------------------------


def test_the_service_masks_a_reply_exactly_as_it_is_sent(config: Config, root: Path) -> None:
    backend = LocalBackend(root)
    followups = service(config, root, backend)
    ticket_id = ticket(backend)
    outgoing = followups.prepare_reply(ticket_id, TYPED)
    assert outgoing.ok and outgoing.text == SENT and outgoing.masked == 2
    assert [f.kind for f in outgoing.findings] == ["password", "aws-access-key"]
    assert TYPED[outgoing.findings[0].start : outgoing.findings[0].end] == "hunter2"
    item = followups.enqueue_reply(outgoing)
    assert item.payload["text"] == SENT and "hunter2" not in str(item.payload)
    assert followups.deliver(item).state is State.SENT
    assert backend.messages(ticket_id)[-1].body == SENT


def test_a_reply_loses_its_hidden_characters_before_the_scan(config: Config, root: Path) -> None:
    """A zero-width space splitting "password" hid the secret from the scanner; a bidi
    override reordered what support reads (issue 17, "And:")."""
    backend = LocalBackend(root)
    outgoing = service(config, root, backend).prepare_reply(
        ticket(backend), "Still broken \u202eexe.jpg, pass\u200bword=hunter2\x9b"
    )
    assert "hunter2" not in outgoing.text and outgoing.masked == 1
    assert outgoing.text.startswith("Still broken exe.jpg, password=")
    assert not any(c in outgoing.text for c in "\u202e\u200b\x9b")


def test_only_a_finding_the_user_unmasked_goes_clear(config: Config, root: Path) -> None:
    backend = LocalBackend(root)
    followups = service(config, root, backend)
    outgoing = followups.prepare_reply(ticket(backend), TYPED).with_kept(0)
    expected = SENT.replace(PASSWORD_SENT, PASSWORD)
    assert outgoing.text == expected and outgoing.masked == 1
    assert followups.enqueue_reply(outgoing).payload["text"] == expected
    assert outgoing.with_kept(0, kept=False).text == SENT


def test_policy_can_forbid_unmasking(config: Config, root: Path) -> None:
    config.values["privacy.allow_unmask"] = False
    backend = LocalBackend(root)
    followups = service(config, root, backend)
    outgoing = followups.prepare_reply(ticket(backend), TYPED).with_kept(0)
    assert followups.enqueue_reply(outgoing).payload["text"] == SENT


def test_a_reply_that_was_never_prepared_is_masked_in_full(config: Config, root: Path) -> None:
    followups = service(config, root, LocalBackend(root))
    bare = OutgoingReply("1", TYPED)  # no findings: nothing was scanned
    assert followups.enqueue_reply(bare).payload["text"] == SENT
    forged = OutgoingReply(
        "1", TYPED, findings=(Finding(0, 2, "custom", M),), kept=frozenset({0})
    )  # "keeps" a finding the scan never made
    assert followups.enqueue_reply(forged).payload["text"] == SENT


def test_reopening_text_is_masked_too(config: Config, root: Path) -> None:
    backend = LocalBackend(root)
    followups = service(config, root, backend)
    ticket_id = ticket(backend, resolved=True)
    item = followups.reopen(ticket_id, TYPED)
    assert item.payload == {"text": SENT, "attachments": [], "reopen": True}
    assert followups.deliver(item).state is State.SENT
    assert backend.get(ticket_id).status is Status.OPEN
    assert backend.messages(ticket_id)[-1].body == SENT


def test_problems_are_codes_and_facts_not_sentences(
    config: Config, root: Path, tmp_path: Path
) -> None:
    followups = service(config, root, NoFiles(root))
    outgoing = followups.prepare_reply("1", "  ", [str(tmp_path / "gone.txt")])
    assert [getattr(p, "code", None) or getattr(p, "kind", None) for p in outgoing.problems] == [
        "empty_text",
        "cannot_attach",
        "missing",
    ]
    assert outgoing.problems[1] == FollowUpProblem(
        "cannot_attach", {"limits": "", "note": "This helpdesk takes no files."}
    )
    with pytest.raises(FollowUpRefused) as refused:
        followups.enqueue_reply(outgoing)
    assert refused.value.problems == outgoing.problems
    assert Outbox(root).items(include_sent=True) == []  # nothing queued that cannot go


class NoClosing(LocalBackend):
    def capabilities(self) -> Capabilities:
        return Capabilities(resolve=False, reopen=False)


def test_what_the_helpdesk_does_not_allow_is_refused_in_one_place(
    config: Config, root: Path
) -> None:
    backend = NoClosing(root)
    followups = service(config, root, backend)
    ticket_id = ticket(backend)
    with pytest.raises(FollowUpRefused) as refused:
        followups.resolve(ticket_id)
    assert refused.value.problems == (
        FollowUpProblem("cannot_resolve", {"limits": "", "note": ""}),
    )
    with pytest.raises(FollowUpRefused):
        followups.reopen(ticket_id, "Still broken")
    bare = OutgoingReply(ticket_id, "Still broken", reopen=True)  # not prepared: same rule
    with pytest.raises(FollowUpRefused):
        followups.enqueue_reply(bare)
    assert backend.get(ticket_id).status is not Status.RESOLVED


# -- the CLI -------------------------------------------------------------------------


def _cli_ticket(env: dict[str, str]) -> str:
    result = run_json(
        env,
        "submit",
        "--summary",
        "VPN drops",
        "--description",
        "It fails.",
        "--name",
        ADA.name,
        "--email",
        ADA.email,
        "--no-screenshot",
        "--no-system-info",
    )
    return str(result["id"])


def test_the_cli_masks_replies_and_reopenings_like_the_service(
    helpline_env: dict[str, str],
) -> None:
    ticket_id = _cli_ticket(helpline_env)
    replied = run_json(helpline_env, "reply", ticket_id, "--message", TYPED)
    assert replied["sent"] is True and replied["masked"] == 2
    assert run_json(helpline_env, "show", ticket_id)["messages"][-1]["body"] == SENT
    plain = run(helpline_env, "reply", ticket_id, "-m", PASSWORD)
    assert plain.returncode == 0, plain.stderr
    assert "One password, key or token found in your message was masked." in plain.stdout
    assert run_json(helpline_env, "show", ticket_id)["messages"][-1]["body"] == PASSWORD_SENT
    run_json(helpline_env, "resolve", ticket_id)
    reopened = run(helpline_env, "reopen", ticket_id, "--message", TYPED)
    assert reopened.returncode == 0, reopened.stderr
    assert run_json(helpline_env, "show", ticket_id)["messages"][-1]["body"] == SENT


def test_the_cli_applies_the_same_file_rules(
    helpline_env: dict[str, str], small_limit: Path, tmp_path: Path
) -> None:
    helpline_env["HELPLINE_CONFIG"] = str(small_limit)
    ticket_id = _cli_ticket(helpline_env)
    first, second = files(tmp_path)
    replied = run_json(
        helpline_env, "reply", ticket_id, "-m", "Both logs", "--attach", first, "--attach", second
    )
    assert replied["sent"] is True
    sent = run_json(helpline_env, "show", ticket_id)["messages"][-1]["attachments"]
    assert [a["filename"] for a in sent] == ["log.txt", "log (2).txt"]
    big = tmp_path / "big.bin"
    big.write_bytes(bytes(2000))
    too_big = run(helpline_env, "reply", ticket_id, "-m", "Big one", "--attach", str(big))
    assert too_big.returncode == 2
    assert "more than the 1.0 kB the helpdesk accepts. Please leave out big.bin" in one_sentence(
        too_big.stderr
    )


# -- My requests --------------------------------------------------------------------


@pytest.fixture
def window_work(qapp: Any) -> Iterator[None]:
    """The window's background jobs end within the test (as in test_requests_window)."""
    from PySide6.QtCore import QCoreApplication, QThreadPool

    yield
    QThreadPool.globalInstance().waitForDone(10000)
    QCoreApplication.processEvents()


def requests_window(
    qtbot: Any, config: Config, root: Path, backend: LocalBackend, ticket_id: str
) -> Any:
    from app.services.filing import Submission
    from app.ui.requests.window import RequestsWindow
    from app.ui.tasks import InlineRunner

    submission = Submission(config, root=root, backend_factory=lambda _c: backend)
    win = RequestsWindow(config, InlineRunner(), submission, select_ticket=ticket_id)
    qtbot.addWidget(win)
    win.show()
    return win


@pytest.mark.usefixtures("window_work")
def test_my_requests_masks_replies_and_reopenings_like_the_service(
    qtbot: Any, config: Config, root: Path
) -> None:
    from PySide6.QtCore import QTimer

    backend = LocalBackend(root)
    ticket_id = ticket(backend)
    win = requests_window(qtbot, config, root, backend, ticket_id)
    box = win.reply_box
    assert not box.masked_note.isVisible()
    box.edit.setPlainText(TYPED)  # after a pause in typing, the box says what will go
    qtbot.waitUntil(box.masked_note.isVisible)
    assert box.masked_note.text() == (
        "Helpline will hide 2 passwords, keys or tokens "
        f"as ••••••••. This is what will be sent:\n{SENT}"
    )
    box.send_button.click()
    assert box.state.text() == LOCAL_REPLY
    assert backend.messages(ticket_id)[-1].body == SENT
    [item] = win.submission.outbox.items(include_sent=True)
    assert item.payload["text"] == SENT
    assert box.masked_note.isVisible()
    assert box.masked_note.text() == (
        f"Helpline hid 2 passwords, keys or tokens as ••••••••. This is what was sent:\n{SENT}"
    )
    timer = box.findChild(QTimer, "replyPreviewTimer")
    assert not timer.isActive()  # emptying the box is no new text: the note stays
    assert box.masked_note.isVisible() and "what was sent" in box.masked_note.text()
    box.edit.setPlainText("No secrets here")
    qtbot.waitUntil(lambda: not box.masked_note.isVisible())
    box.solved_button.click()
    assert backend.get(ticket_id).status is Status.RESOLVED
    box.edit.setPlainText(TYPED)
    box.reopen_button.click()
    assert backend.get(ticket_id).status is Status.OPEN
    assert backend.messages(ticket_id)[-1].body == SENT
    assert "hunter2" not in str([i.payload for i in win.submission.outbox.items(True)])


@pytest.mark.usefixtures("window_work")
def test_my_requests_applies_the_same_file_rules(
    qtbot: Any, small_limit: Path, root: Path, tmp_path: Path
) -> None:
    config = load()
    backend = LocalBackend(root)
    ticket_id = ticket(backend)
    win = requests_window(qtbot, config, root, backend, ticket_id)
    box = win.reply_box
    box.add_files(files(tmp_path))
    box.edit.setPlainText("Both logs")
    box.send_button.click()
    assert [a.filename for a in backend.messages(ticket_id)[-1].attachments] == [
        "log.txt",
        "log (2).txt",
    ]
    big = tmp_path / "big.bin"
    big.write_bytes(bytes(2000))
    box.add_files([str(big)])
    box.edit.setPlainText("Big one")
    box.send_button.click()
    # The same rule in the window's words (sizes as the locale writes them).
    assert "more than the 1.0 kB the helpdesk accepts. Please leave out big.bin" in box.state.text()
    assert len(win.submission.outbox.items(include_sent=True)) == 1  # the big one: not kept
    assert box.files == [str(big)]  # still there to take out


@pytest.mark.usefixtures("window_work")
def test_my_requests_refuses_files_a_helpdesk_does_not_take(
    qtbot: Any, config: Config, root: Path, tmp_path: Path
) -> None:
    backend = NoFiles(root)
    ticket_id = ticket(backend)
    win = requests_window(qtbot, config, root, backend, ticket_id)
    box = win.reply_box
    assert not box.attach_button.isVisible()
    shot = tmp_path / "shot.png"  # e.g. a screenshot added before the capabilities came
    shot.write_bytes(b"\x89PNG\r\n\x1a\n")
    box.add_files([str(shot)])
    box.edit.setPlainText("See the picture")
    box.send_button.click()
    assert box.state.text() == (
        "This helpdesk takes no files. Please remove the files and send your message without them."
    )
    assert win.submission.outbox.items(include_sent=True) == []


def test_the_files_of_a_reopening_follow_as_a_reply(
    config: Config, root: Path, tmp_path: Path
) -> None:
    backend = LocalBackend(root)
    followups = service(config, root, backend)
    ticket_id = ticket(backend, resolved=True)
    outgoing = followups.prepare_reply(ticket_id, TYPED, files(tmp_path)[:1], reopen=True)
    assert followups.send(outgoing).state is State.SENT
    *_, comment, attached = backend.messages(ticket_id)
    assert comment.body == SENT and attached.body == FILES_TEXT
    assert [a.filename for a in attached.attachments] == ["log.txt"]


# -- the wizard's "add to this request" ------------------------------------------------


def _form_reply(config: Config, root: Path) -> tuple[Any, Any, str]:
    from app.core.form import RequestForm
    from app.services.filing import Submission

    backend = LocalBackend(root)
    ticket_id = ticket(backend)
    submission = Submission(config, root=root, backend_factory=lambda _c: backend)
    form = RequestForm(
        requester=ADA, category="other", summary="VPN drops", happened=TYPED, reply_to=ticket_id
    )
    return submission, form, ticket_id


def test_adding_to_a_request_is_masked_like_any_reply(config: Config, root: Path) -> None:
    submission, form, ticket_id = _form_reply(config, root)
    item = submission.enqueue(submission.prepare(form))  # nothing unmasked on Review
    text = item.payload["text"]
    assert item.kind == "reply" and item.target == ticket_id
    assert SENT in text and "hunter2" not in text
    assert "Requested by Ada Lovelace <ada@example.org>" in text  # their own details stay


def test_adding_to_a_request_keeps_what_review_left_clear(config: Config, root: Path) -> None:
    from app.services.filing import Choices

    submission, form, _ticket_id = _form_reply(config, root)
    request = submission.prepare(form, choices=Choices(clear=frozenset({"hunter2"})))
    text = submission.enqueue(request).payload["text"]
    assert SENT.replace(PASSWORD_SENT, PASSWORD) in text


def test_adding_to_a_request_made_by_hand_is_still_scrubbed(config: Config, root: Path) -> None:
    """An Outgoing whose body skipped the masking (made by hand, not by prepare)."""
    submission, form, _ticket_id = _form_reply(config, root)
    request = submission.prepare(form)
    raw = replace(request, ticket=replace(request.ticket, body=request.description.text))
    assert "hunter2" in raw.ticket.body
    text = submission.enqueue(raw).payload["text"]
    assert SENT in text and "hunter2" not in text


def test_a_reply_to_a_request_the_helpdesk_does_not_have_is_refused_before_the_outbox(
    config: Config, root: Path
) -> None:
    backend = LocalBackend(root)
    ticket(backend)
    followups = service(config, root, backend)
    outgoing = followups.prepare_reply("999", "Anyone there?")
    assert outgoing.problems == (FollowUpProblem("no_such_request", {"ticket": "999"}),)
    with pytest.raises(FollowUpRefused):
        followups.enqueue_reply(outgoing)
    assert followups.outbox.items() == []
    assert followups.prepare_reply("1", "Anyone there?").ok  # it exists: it may go


def test_a_helpdesk_that_cannot_say_now_leaves_the_reply_to_the_outbox(
    config: Config, root: Path
) -> None:
    class Offline(LocalBackend):
        def get(self, ticket_id: str) -> Any:
            raise TemporaryError("offline")

    followups = service(config, root, Offline(root))
    assert followups.prepare_reply("7", "Still down.").ok


def test_helpline_reply_to_no_such_request_says_so_and_keeps_nothing(
    helpline_env: dict[str, str],
) -> None:
    proc = run(helpline_env, "reply", "#999", "-m", "Anyone there?")
    assert proc.returncode == 1
    assert one_sentence(proc.stderr) == (
        "helpline: The helpdesk has no request 999; nothing was kept in the outbox. "
        "Please check the number with: helpline list"
    )
    assert run_json(helpline_env, "outbox") == []
