"""The follow-up service: reply, reopen and resolve under one set of rules for every face.

*My requests*, ``helpline reply/reopen/resolve`` and the wizard's "add to this request"
all go ``prepare_reply → OutgoingReply → enqueue_reply → deliver``, so a reply is
scanned for secrets, checked against what the helpdesk allows and kept in the outbox
the same way wherever it was written. What the outbox keeps is always computed here
from the text as typed and a fresh scan: a reply nobody prepared, or one whose findings
do not match that scan, goes masked in full. Problems are data (codes and facts), never
sentences; each face says them in its own words.

Qt-free: plain data in and out.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from app.core.attachments import AttachmentProblem, check_file, check_total, distinct_names
from app.core.closure import Feedback
from app.core.config import Config
from app.core.helpdesk import Backend, BackendError, Capabilities, NotFound
from app.core.hidden_text import strip_hidden
from app.core.model import Attachment, NewTicket, Requester, Ticket
from app.core.outbox import Item, Outbox, State

if TYPE_CHECKING:  # the scanner is imported when first used: filing imports this module
    from app.collectors.secrets import Finding, Scanner
    from app.services.filing import Submission

#: The message that carries files added to a reopening (a reopening carries text only).
FILES_TEXT = "Files for my message above."

#: Problem codes (facts in brackets): the text is blank; the helpdesk does not let this
#: user reply, reopen, resolve or attach files here (``limits``: its ``limits_code``, and
#: ``note``: its own ``limits_note``; either may be ""); the helpdesk says it has no such
#: request (``ticket``: the number asked for); the number names a request that still waits
#: in this computer's outbox, so no helpdesk has it yet (``ticket``, ``summary``).
EMPTY_TEXT = "empty_text"
NO_SUCH_REQUEST = "no_such_request"
NOT_SENT_YET = "not_sent_yet"
#: The outbox shows an item by the start of its reference (``helpline outbox``'s REF).
REF_LENGTH = 8
CANNOT_REPLY = "cannot_reply"
CANNOT_REOPEN = "cannot_reopen"
CANNOT_RESOLVE = "cannot_resolve"
CANNOT_ATTACH = "cannot_attach"
CANNOT_PLUS_ONE = "cannot_plus_one"
#: What support reads where a "me too" is a message (RT): English, like the reference line,
#: since the desk counts these across everyone's languages.
PLUS_ONE_TEXT = 'Me too: this problem affects me as well. (Sent by Helpline\'s "Me too".)'


@dataclass(frozen=True)
class FollowUpProblem:
    """Why a follow-up cannot go, as a code and facts; see the codes above."""

    code: str
    facts: Mapping[str, str | int] = field(default_factory=dict)


#: What a face may be told: a follow-up problem, or a file that cannot go (``kind``, ``facts``).
Problem = FollowUpProblem | AttachmentProblem


class FollowUpRefused(Exception):
    """Raised instead of queueing or asking the helpdesk; ``problems`` says why, first first."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = tuple(problems)
        super().__init__(", ".join(_code(p) for p in self.problems))


def _code(problem: Problem) -> str:
    return problem.code if isinstance(problem, FollowUpProblem) else problem.kind


@dataclass(frozen=True)
class OutgoingReply:
    """A reply (or reopening) as it will be sent, made by :meth:`FollowUps.prepare_reply`.

    ``typed`` stays in memory for highlights and unmasking; :attr:`text` is what leaves.
    """

    ticket_id: str
    typed: str
    findings: tuple[Finding, ...] = ()
    #: Indices of findings the user chose to send clear after seeing them.
    kept: frozenset[int] = frozenset()
    attachments: tuple[Attachment, ...] = ()
    problems: tuple[Problem, ...] = ()
    reopen: bool = False
    #: Set for a rendered form (the wizard's): their own details are not scrubbed.
    requester: Requester | None = None

    @property
    def text(self) -> str:
        """Exactly what the outbox keeps and the helpdesk gets."""
        from app.collectors.secrets import mask

        return mask(self.typed, list(self.findings), self.kept)

    @property
    def masked(self) -> int:
        """How many findings go masked."""
        return len(self.findings) - len(self.kept)

    @property
    def ok(self) -> bool:
        return not self.problems

    def with_kept(self, index: int, kept: bool = True) -> OutgoingReply:
        """The same reply with finding ``index`` sent clear (``kept``) or masked again."""
        if not 0 <= index < len(self.findings):
            raise IndexError(index)
        return replace(self, kept=(self.kept | {index}) if kept else (self.kept - {index}))


class FollowUps:
    """Reply, reopen, resolve: the rules, the scrubbing and the outbox rows in one place.

    ``backend`` is called when the helpdesk is needed (on a worker); ``capabilities``
    defaults to asking that backend, and may answer None (unknown) to never ask it.
    Capabilities that cannot be fetched count as unknown, and unknown allows: delivery
    then says what the helpdesk answered.
    """

    def __init__(
        self,
        config: Config,
        outbox: Outbox,
        backend: Callable[[], Backend],
        capabilities: Callable[[], Capabilities | None] | None = None,
    ) -> None:
        self.config = config
        self.outbox = outbox
        self._backend = backend
        self._capabilities = capabilities or (lambda: backend().capabilities())
        self._scanner: Scanner | None = None

    @classmethod
    def for_submission(cls, submission: Submission) -> FollowUps:
        """Sharing the submission's backend, outbox and capabilities (asked once for both)."""
        return cls(
            submission.config,
            submission.outbox,
            lambda: submission.backend,
            submission.capabilities,
        )

    @property
    def scanner(self) -> Scanner:
        if self._scanner is None:
            from app.collectors.outgoing import scanner_for

            self._scanner = scanner_for(self.config)
        return self._scanner

    def capabilities(self) -> Capabilities | None:
        try:
            return self._capabilities()
        except BackendError:
            return None

    # -- the rules --------------------------------------------------------------

    def refusals(
        self, action: str, files: bool = False, caps: Capabilities | None = None
    ) -> tuple[FollowUpProblem, ...]:
        """What the helpdesk does not allow for ``action`` (``reply``, ``reopen`` or
        ``resolve``), with files or not; empty when allowed or unknown."""
        caps = caps if caps is not None else self.capabilities()
        if caps is None:
            return ()
        note = {"limits": caps.limits_code, "note": caps.limits_note}
        allowed = {"reply": caps.reply, "reopen": caps.reopen, "resolve": caps.resolve}
        out = []
        if not allowed[action]:
            out.append(FollowUpProblem(f"cannot_{action}", note))
        if files and action != "resolve" and not caps.attachments:
            out.append(FollowUpProblem(CANNOT_ATTACH, note))
        return tuple(out)

    def request_id(self, given: str) -> str:
        """The helpdesk's id of the request the person named, as a person names it: the
        number the helpdesk shows ("HL-1", "#42", "PROJ-7"), its id, or the REF the
        outbox showed while it waited (once sent, that REF leads to its ticket).

        Raises :class:`FollowUpRefused` (:data:`NOT_SENT_YET`) for a request that still
        waits in the outbox: no helpdesk has it yet, so nothing can be added to it, and a
        follow-up kept for it could never be delivered. Reads the outbox and may ask the
        helpdesk for the person's requests (offline, the text is taken as the id): call it
        on a worker."""
        bare = given.strip().lstrip("#").strip()
        if len(bare) >= REF_LENGTH and all(c in "0123456789abcdefABCDEF-" for c in bare):
            for item in self.outbox.items(include_sent=True):
                if item.kind != "ticket" or not item.client_ref.startswith(bare.lower()):
                    continue
                if item.state is State.SENT and item.ticket_id:
                    return item.ticket_id
                if item.state is not State.SENT:
                    facts = {"ticket": bare, "summary": item.summary}
                    raise FollowUpRefused((FollowUpProblem(NOT_SENT_YET, facts),))
        try:
            tickets = self._backend().list_mine()
        except BackendError:
            return bare
        if any(t.id == bare for t in tickets):
            return bare
        wanted = bare.casefold()
        for ticket in tickets:
            if ticket.ref and ticket.ref.lstrip("#").strip().casefold() == wanted:
                return ticket.id
        return bare

    def missing(self, ticket_id: str) -> tuple[FollowUpProblem, ...]:
        """:data:`NO_SUCH_REQUEST` when the helpdesk says it has no such request; empty
        when it has it, or cannot say now (offline, no sign-in): the outbox then keeps the
        follow-up and delivery reports what the helpdesk answers."""
        try:
            self._backend().get(str(ticket_id))
        except NotFound as err:
            if err.code == "not_found":
                return (FollowUpProblem(NO_SUCH_REQUEST, {"ticket": str(ticket_id)}),)
        except BackendError:
            pass
        return ()

    def _limit(self, caps: Capabilities | None) -> int:
        limit = self.config.max_attachment_bytes
        if caps is not None and caps.max_attachment_bytes:
            limit = min(limit, caps.max_attachment_bytes)
        return limit

    def _findings(self, text: str, requester: Requester | None) -> tuple[Finding, ...]:
        from app.collectors.outgoing import body_findings

        if requester is None:
            return tuple(self.scanner.find(text))
        return body_findings(text, requester, self.scanner)

    # -- replies and reopenings -------------------------------------------------

    def prepare_reply(
        self,
        ticket_id: str,
        text: str,
        files: Sequence[str | Attachment] = (),
        *,
        reopen: bool = False,
        requester: Requester | None = None,
        caps: Capabilities | None = None,
        check_request: bool = True,
    ) -> OutgoingReply:
        """The reply as it will be sent, and every reason it cannot go yet (as data).

        ``files`` are paths, or attachments already made (the wizard's evidence). Runs
        the scanner and reads the files' sizes, and may ask the helpdesk what it allows
        (unless ``caps`` is given) and whether it has the request (unless not
        ``check_request``, as for a preview): call it on a worker.
        """
        typed = strip_hidden(text).strip()  # what is sent is what was seen
        caps = caps if caps is not None else self.capabilities()
        problems: list[Problem] = []
        if not typed:
            problems.append(FollowUpProblem(EMPTY_TEXT))
        problems += self.refusals("reopen" if reopen else "reply", bool(files), caps)
        if check_request and not problems:
            problems += self.missing(str(ticket_id))
        attachments = []
        for given in files:
            path = given.path if isinstance(given, Attachment) else given
            try:
                if path:
                    check_file(path)
                attachments.append(
                    given if isinstance(given, Attachment) else Attachment.from_path(given)
                )
            except AttachmentProblem as problem:
                problems.append(problem)
        named = distinct_names(tuple(attachments))
        try:
            check_total(named, self._limit(caps))
        except AttachmentProblem as problem:
            problems.append(problem)
        return OutgoingReply(
            str(ticket_id),
            typed,
            self._findings(typed, requester),
            attachments=named,
            problems=tuple(problems),
            reopen=reopen,
            requester=requester,
        )

    def enqueue_reply(self, outgoing: OutgoingReply, client_ref: str | None = None) -> Item:
        """Keep the reply safe in the outbox; after this, nothing typed can be lost.

        The text kept is scanned again here: only findings that scan finds too can be
        kept clear, so a reply that was never prepared goes masked in full. A reopening
        with files queues the files as a reply right after it (:data:`FILES_TEXT`).
        """
        return self._enqueue(outgoing, client_ref)[0]

    def _enqueue(self, outgoing: OutgoingReply, client_ref: str | None) -> tuple[Item, ...]:
        problems = outgoing.problems
        if not problems:  # made by hand, not prepared: the same rules still apply
            blank = () if outgoing.typed.strip() else (FollowUpProblem(EMPTY_TEXT),)
            problems = blank + self.refusals(
                "reopen" if outgoing.reopen else "reply", bool(outgoing.attachments)
            )
        if problems:
            raise FollowUpRefused(problems)
        text = self._scrubbed(outgoing)
        if outgoing.reopen and outgoing.attachments:
            first = self.outbox.add_reply(
                outgoing.ticket_id, text, client_ref=client_ref, reopen=True
            )
            files = self.outbox.add_reply(outgoing.ticket_id, FILES_TEXT, outgoing.attachments)
            return first, files
        return (
            self.outbox.add_reply(
                outgoing.ticket_id,
                text,
                outgoing.attachments,
                client_ref=client_ref,
                reopen=outgoing.reopen,
            ),
        )

    def _scrubbed(self, outgoing: OutgoingReply) -> str:
        """The text to keep: only what this scan finds too, and what policy lets go clear
        (``privacy.allow_unmask``), may be left unmasked."""
        from app.collectors.secrets import mask

        fresh = self._findings(outgoing.typed, outgoing.requester)
        keep = {
            i
            for i in outgoing.kept
            if i < len(fresh) and i < len(outgoing.findings) and fresh[i] == outgoing.findings[i]
        }
        if not self.config["privacy.allow_unmask"]:
            keep = set()
        return mask(outgoing.typed, list(fresh), keep)

    def enqueue_form_reply(
        self, ticket_id: str, ticket: NewTicket, clear: Iterable[str], client_ref: str
    ) -> Item:
        """The wizard's "add to this request": its prepared ticket kept as a reply.

        ``ticket`` is the one Review showed (:meth:`Submission.prepare`), ``clear`` the
        values the user unmasked there (``Outgoing.description.clear_values()``). The body
        is scanned again: a finding goes clear only if its value is one of those, so a
        body nobody reviewed goes masked in full. The requester's own details in it are
        not scrubbed. A file that cannot go is raised as its :class:`AttachmentProblem`,
        as filing does.
        """
        outgoing = self.prepare_reply(
            ticket_id,
            ticket.body,
            ticket.attachments,
            requester=ticket.requester,
            check_request=False,  # chosen from the list; enqueueing never asks the helpdesk
        )
        values = frozenset(clear)
        outgoing = replace(
            outgoing,
            kept=frozenset(
                i
                for i, f in enumerate(outgoing.findings)
                if outgoing.typed[f.start : f.end] in values
            ),
        )
        try:
            return self.enqueue_reply(outgoing, client_ref)
        except FollowUpRefused as refused:
            first = refused.problems[0]
            if isinstance(first, AttachmentProblem):
                raise first from None
            raise

    def reopen(
        self,
        ticket_id: str,
        text: str,
        files: Sequence[str | Attachment] = (),
        client_ref: str | None = None,
    ) -> Item:
        """Keep a reopening safe in the outbox, its text masked in full; raises
        :class:`FollowUpRefused` when it cannot go."""
        outgoing = self.prepare_reply(ticket_id, text, files, reopen=True)
        return self.enqueue_reply(outgoing, client_ref)

    def deliver(self, item: Item) -> Item:
        """Try to send one queued follow-up now; its new state (failures are recorded)."""
        return self.outbox.deliver(item.client_ref, self._backend(), force=True) or item

    def send(self, outgoing: OutgoingReply, client_ref: str | None = None) -> Item:
        """Enqueue, then try to send now: the first item that did not go, else the last."""
        items = [self.deliver(item) for item in self._enqueue(outgoing, client_ref)]
        return next((item for item in items if item.state is not State.SENT), items[-1])

    # -- "me too" on a known problem -------------------------------------------

    def plus_one(self, target: str, note: str = PLUS_ONE_TEXT) -> Item:
        """Keep a "this affects me too" on the published problem ``target`` in the outbox,
        to be delivered like any follow-up (so it survives being offline and is never sent
        twice); raises :class:`FollowUpRefused` (``cannot_plus_one``) where the helpdesk
        has no way for a requester to add one."""
        caps = self.capabilities()
        if caps is not None and not caps.plus_one:
            note_facts = {"limits": caps.limits_code, "note": caps.limits_note}
            raise FollowUpRefused((FollowUpProblem(CANNOT_PLUS_ONE, note_facts),))
        return self.outbox.add_reply(str(target), note, plus_one=True)

    # -- closure ----------------------------------------------------------------

    def send_feedback(self, ticket_id: str, feedback: Feedback, text: str) -> Item:
        """ "Yes, it is solved", with a 👍/👎 and comment: kept in the outbox, then sent
        now if the helpdesk answers, like any reply. ``text`` is the same feedback as the
        face words it for a marked public comment; secrets in it and in the comment go
        masked (nothing was reviewed)."""
        from app.collectors.secrets import mask

        comment = mask(feedback.comment, list(self._findings(feedback.comment, None)), set())
        marked = mask(text, list(self._findings(text, None)), set())
        item = self.outbox.add_feedback(str(ticket_id), feedback.rating, comment, marked)
        return self.deliver(item)

    # -- resolving --------------------------------------------------------------

    def resolve(self, ticket_id: str) -> Ticket:
        """Mark the ticket solved, straight at the helpdesk (its answer is the point);
        raises :class:`FollowUpRefused` when the helpdesk does not allow it."""
        problems = self.refusals("resolve")
        if problems:
            raise FollowUpRefused(problems)
        return self._backend().set_resolved(str(ticket_id))
