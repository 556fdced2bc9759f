"""Draining the outbox: claim due deliveries, send them, record every reply.

The drain's own thread only talks to the transport. Every write of a drain pass is made by
one other thread with its own store connection (:class:`_Writer`): the replies, handed over
in small groups (at most :data:`COMMIT_EVERY` results or :data:`COMMIT_INTERVAL` seconds), and
the next claim, made one claim ahead of the envelopes being sent. Each of its transactions
takes whatever has arrived meanwhile — replies and, when the drain has taken the previous
claim, the next claim — and commits them together (one fsync), so neither a claim's queries
nor a commit hold up the envelopes going out. A kill loses at most the replies of that
moment: those deliveries are still ``sending`` and go out again, in doubt, after the restart
— duplicates bounded by what was in flight, never a loss.
"""

from __future__ import annotations

import json
import logging
import queue
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace

from dispatch.base.clock import Clock
from dispatch.base.vocabulary import Charset
from dispatch.engine.events import SendingProgress
from dispatch.mail.bounces import new_token
from dispatch.mail.message import (
    Envelope,
    MessageContent,
    MessageTemplate,
    Mode,
    kishomail_message_id,
)
from dispatch.mail.smtp import MailTransport, MailTransportError, RecipientResult, retry_delay
from dispatch.records.audit_anchors import AUDIT_HEAD_HEADER, audit_head_header
from dispatch.records.bounces import BounceBook
from dispatch.records.delivery_queue import ClaimedDelivery, DeliveryResult
from dispatch.records.outbox import Outbox
from dispatch.store.database import Connection, Store, transaction

log = logging.getLogger(__name__)

COMMIT_EVERY = 20
COMMIT_INTERVAL = 0.02
#: Seconds between two progress events while sending (and one at the end of each pass): the
#: desktop reads each one on its GUI thread, and shows the figures twice a second.
PROGRESS_INTERVAL = 0.25
CLAIM_SIZE = 200

#: (dispatch id, language, charset) → what the mail says.
Renderer = Callable[[int, str, Charset], MessageContent]
#: subscriber id → that subscriber's personal unsubscribe URL.
LinkMaker = Callable[[int], str]


@dataclass(frozen=True)
class _Planned:
    """One envelope to send: its deliveries, batch Message-ID and bounce token."""

    dispatch_id: int
    language: str
    charset: str
    members: list[ClaimedDelivery]
    message_id: str
    token: str | None


@dataclass
class DrainReport:
    accepted: int = 0
    deferred: int = 0
    failed: int = 0
    in_doubt: int = 0
    control_copies: int = 0
    finished_dispatches: list[int] = field(default_factory=list)
    error: str | None = None

    @property
    def attempted(self) -> int:
        return self.accepted + self.deferred + self.failed + self.in_doubt


@dataclass
class _Claim:
    """One claim, planned and rendered by the writer, for the drain to send."""

    claimed: list[ClaimedDelivery]
    envelopes: list[Envelope]
    #: (Message-ID, recipient in lower case) → delivery id, to match the replies.
    by_key: dict[tuple[str, str], int]


#: Put by the drain in the writer's queue: it took a claim, the writer may make the next.
_NEXT_CLAIM = "next claim"


class _Writer:
    """The writes of one drain pass, in their own thread and connection: the replies handed
    over by :meth:`submit` and the claims taken by :meth:`take`, made one ahead (with the one
    being sent and the transport's read-ahead, what a kill can leave in doubt stays bounded).
    Each transaction holds whatever arrived while the previous one was being written."""

    def __init__(self, dispatcher: Dispatcher, stop: threading.Event | None) -> None:
        self._dispatcher = dispatcher
        self._stop = stop
        self._queue: queue.SimpleQueue[list[DeliveryResult] | str | None] = queue.SimpleQueue()
        self._ready: queue.SimpleQueue[_Claim | None] = queue.SimpleQueue()
        self.finished_dispatches: list[int] = []
        self.error: BaseException | None = None
        self._queue.put(_NEXT_CLAIM)  # the first claim at once
        self._thread = threading.Thread(target=self._run, name="outbox-writer", daemon=True)
        self._thread.start()

    def submit(self, results: list[DeliveryResult]) -> None:
        """Hand over replies to record; raises the writer's error (a full disk) at once."""
        if self.error is not None:
            raise self.error
        self._queue.put(results)

    def take(self) -> _Claim | None:
        """The next claim (waits for it); ``None`` when there is nothing more to send."""
        claim = self._ready.get()
        if claim is None:
            if self.error is not None:
                raise self.error
            return None
        self._queue.put(_NEXT_CLAIM)
        return claim

    def finish(self) -> list[_Claim]:
        """Wait until every reply handed over is committed; raise the writer's error; return
        the claims made and never taken (to release)."""
        self._queue.put(None)
        self._thread.join()
        left = []
        while not self._ready.empty():
            claim = self._ready.get_nowait()
            if claim is not None:
                left.append(claim)
        if self.error is not None:
            raise self.error
        return left

    def _run(self) -> None:
        store = self._dispatcher._store
        try:
            connection = store.connection()  # this thread's own connection
            outbox = self._dispatcher.outbox()
            finished = exhausted = claim_wanted = False
            while not finished:
                waiting = [self._queue.get()]
                while True:  # everything that arrived meanwhile goes into the same commit
                    try:
                        waiting.append(self._queue.get_nowait())
                    except queue.Empty:
                        break
                finished = None in waiting
                claim_wanted = (claim_wanted or _NEXT_CLAIM in waiting) and not exhausted
                if finished or self.error is not None or (self._stop and self._stop.is_set()):
                    claim_wanted = False
                    exhausted = True
                    self._ready.put(None)
                results = [r for group in waiting if isinstance(group, list) for r in group]
                if self.error is None and (results or claim_wanted):
                    try:
                        ended = self._write(connection, outbox, results, claim_wanted)
                        exhausted = exhausted or ended
                    except BaseException as error:  # reported to the drain, which stops
                        self.error = error
                        exhausted = True
                        self._ready.put(None)
                    claim_wanted = False
        finally:
            store.close_thread_connection()

    def _write(
        self, connection: Connection, outbox: Outbox, results: list[DeliveryResult], claim: bool
    ) -> bool:
        """One transaction: record ``results``, and make the next claim if ``claim``; returns
        whether a claim found nothing more to send."""
        dispatcher = self._dispatcher
        claimed: list[ClaimedDelivery] = []
        planned: list[_Planned] = []
        with transaction(connection):
            if results:
                outbox.record(results, retry_delay)
            if claim:
                self.finished_dispatches += outbox.finish_completed_dispatches()
                claimed = outbox.claim(
                    dispatcher._claim_size, with_tokens=dispatcher._mode is Mode.INDIVIDUAL
                )
                planned = dispatcher._plan(claimed, connection)
        if not claim:
            return False
        control = dispatcher._control_copies_due()
        if not claimed and not control:
            self._ready.put(None)
            return True
        by_key: dict[tuple[str, str], int] = {}
        envelopes = list(dispatcher._signed(dispatcher._control_envelopes(control)))
        envelopes += dispatcher._signed(dispatcher._envelopes(planned, by_key))
        self._ready.put(_Claim(claimed, envelopes, by_key))
        return False


class Dispatcher:
    def __init__(
        self,
        store: Store,
        transport: MailTransport,
        *,
        render: Renderer,
        unsubscribe_link: LinkMaker,
        office_address: str,
        message_domain: str,
        clock: Clock,
        mode: Mode = Mode.INDIVIDUAL,
        batch_size: int = 50,
        on_progress: Callable[[SendingProgress], None] | None = None,
        sign: Callable[[Envelope], Envelope] | None = None,
        bounce_address: Callable[[str], str] | None = None,
    ) -> None:
        self._store = store
        self._transport = transport
        self._render = render
        self._unsubscribe_link = unsubscribe_link
        self._office_address = office_address
        self._domain = message_domain
        self._clock = clock
        self._mode = mode
        self._batch_size = batch_size
        # Batch mode groups a claim by language and charset into envelopes of batch_size:
        # claim enough that the groups fill whole envelopes.
        self._claim_size = (
            CLAIM_SIZE if mode is Mode.INDIVIDUAL else max(CLAIM_SIZE, 20 * batch_size)
        )
        # A batch envelope's recipients are answered together: commit them together.
        self._commit_every = (
            COMMIT_EVERY if mode is Mode.INDIVIDUAL else max(COMMIT_EVERY, batch_size)
        )
        #: Called with a :class:`SendingProgress` event while sending (from the sending thread).
        self.on_progress = on_progress
        #: Applied to every envelope before it is sent, residents' and control copies alike
        #: (DKIM, :mod:`dispatch.mail.dkim`); ``None`` sends them as rendered.
        self._sign = sign
        #: Bounce token → that delivery's (or batch envelope's) ``MAIL FROM``; ``None``: the
        #: office address (:mod:`dispatch.mail.bounces`).
        self._bounce_address = bounce_address
        self._templates: dict[tuple[int, str, Charset], MessageTemplate] = {}
        self._control_tried: set[int] = set()

    def outbox(self) -> Outbox:
        return Outbox(self._store.connection(), self._clock, self._domain)

    def drain(self, stop: threading.Event | None = None) -> DrainReport:
        """Send everything that is due now; return when nothing due is left (or on stop).

        One ``send()`` runs for the whole drain: the transport pulls envelopes as its
        connections free up, and each pull may claim the next rows, so the connections never
        wait for a batch to finish before the next one starts."""
        report = DrainReport()
        while stop is None or not stop.is_set():
            in_doubt_before, attempted_before = report.in_doubt, report.attempted
            self._drain_pass(report, stop)
            # Replies lost in flight put deliveries back in the queue: send them again now.
            if report.error or report.in_doubt == in_doubt_before:
                break
            if report.attempted == attempted_before:
                break
        return report

    def _drain_pass(self, report: DrainReport, stop: threading.Event | None) -> None:
        connection = self._store.connection()
        outbox = self.outbox()
        by_key: dict[tuple[str, str], int] = {}
        unanswered: set[int] = set()
        dispatch_ids: set[int] = set()
        buffer: list[DeliveryResult] = []
        last_commit = time.monotonic()
        started = last_progress = time.monotonic()
        writer = _Writer(self, stop)

        def envelopes() -> Iterator[Envelope]:
            while stop is None or not stop.is_set():
                flush()  # the replies so far go to the writer before waiting for a claim
                claim = writer.take()
                if claim is None:
                    return
                by_key.update(claim.by_key)
                unanswered.update(c.id for c in claim.claimed)
                dispatch_ids.update(c.dispatch_id for c in claim.claimed)
                yield from claim.envelopes

        def flush() -> None:
            nonlocal last_commit
            if buffer:
                writer.submit(buffer.copy())
                buffer.clear()
            last_commit = time.monotonic()

        try:
            for result in self._transport.send(envelopes(), stop=stop):
                delivery_id = by_key.pop((result.message_id, result.recipient.lower()), None)
                if delivery_id is None:
                    self._control_copy_done(result, report)
                    continue
                unanswered.discard(delivery_id)
                buffer.append(
                    DeliveryResult(
                        delivery_id, str(result.outcome), result.code, result.reply, result.at_rcpt
                    )
                )
                self._count(result, report)
                due = len(buffer) >= self._commit_every
                now = time.monotonic()
                if due or now - last_commit > COMMIT_INTERVAL:
                    flush()
                    if now - last_progress >= PROGRESS_INTERVAL:
                        last_progress = now
                        self._progress(tuple(sorted(dispatch_ids)), report, started)
        except MailTransportError as error:
            report.error = str(error)
            log.error("sending stopped: %s", error)
        finally:
            try:
                flush()
            finally:
                # Every reply committed before the pass ends; claims never handed to the
                # transport go back to the queue with the others never attempted.
                for claim in writer.finish():
                    unanswered.update(c.id for c in claim.claimed)
                report.finished_dispatches += writer.finished_dispatches
            if unanswered:  # claimed, never attempted: back to the queue
                with transaction(connection):
                    outbox.release(unanswered)
            with transaction(connection):
                report.finished_dispatches += outbox.finish_completed_dispatches()
        self._progress(tuple(sorted(dispatch_ids)), report, started)

    def _signed(self, envelopes: Iterator[Envelope]) -> Iterator[Envelope]:
        if self._sign is None:
            return envelopes
        return map(self._sign, envelopes)

    def _plan(self, claimed: list[ClaimedDelivery], connection: Connection) -> list[_Planned]:
        """The envelopes for ``claimed``: one per delivery (with the bounce token its claim
        gave it), or in batch mode one per group of ``batch_size`` (at most the carrier
        group's recipients per session; one group per envelope) with a fresh bounce token
        stored on its members (claim's transaction), so that a bounce of the batch message
        finds the envelope's recipients.

        A batch delivery claimed before (sent in doubt, a crash while sending, deferred)
        keeps the token of the envelope it went out in: it goes out again with the members of
        that envelope that are due with it, so a bounce of the first send still matches."""
        if self._mode is Mode.INDIVIDUAL:  # each with its own token, made by the claim
            return [_Planned(c.dispatch_id, c.language, c.charset, [c], "", c.bounce_token)
                    for c in claimed]  # fmt: skip
        settings = self._transport.settings
        groups: dict[tuple[int, str, str, str | None, str], list[ClaimedDelivery]] = {}
        for c in claimed:
            # attempts counts this claim: above 1, the delivery's token is its envelope's.
            kept = c.bounce_token if c.attempts > 1 else None
            # One carrier group per envelope: it is paced (and backs off) as that group's.
            group = settings.policy_for(c.email).name
            groups.setdefault((c.dispatch_id, c.language, c.charset, kept, group), []).append(c)
        planned: list[_Planned] = []
        tokens: list[tuple[str, int]] = []
        caps = {p.name: p.max_recipients_per_session for p in settings.domain_policies}
        for (dispatch_id, language, charset, kept, group), members in groups.items():
            size = min(self._batch_size, caps.get(group) or self._batch_size)
            for start in range(0, len(members), size):
                chunk = members[start : start + size]
                message_id = kishomail_message_id(self._domain, dispatch_id, f"batch{chunk[0].id}")
                token = kept or new_token()
                if kept is None:
                    tokens += [(token, c.id) for c in chunk]
                planned.append(_Planned(dispatch_id, language, charset, chunk, message_id, token))
        BounceBook(connection, self._clock).issue_tokens(tokens)
        return planned

    def _envelopes(
        self, planned: list[_Planned], by_key: dict[tuple[str, str], int]
    ) -> Iterator[Envelope]:
        for plan in planned:
            template = self._template(plan.dispatch_id, plan.language, Charset(plan.charset))
            sender = (
                self._bounce_address(plan.token)
                if self._bounce_address is not None and plan.token
                else None
            )
            if self._mode is Mode.INDIVIDUAL:
                c = plan.members[0]
                by_key[(c.message_id, c.email)] = c.id
                link = self._unsubscribe_link(c.subscriber_id)
                yield template.individual(c.email, c.message_id, link, sender)
                continue
            for c in plan.members:
                by_key[(plan.message_id, c.email)] = c.id
            yield template.batch([c.email for c in plan.members], plan.message_id, sender)

    def _template(self, dispatch_id: int, language: str, charset: Charset) -> MessageTemplate:
        key = (dispatch_id, language, charset)
        template = self._templates.get(key)
        if template is None:
            template = MessageTemplate(self._render(dispatch_id, language, charset), self._mode)
            if template.replaced_characters:
                log.warning(
                    "dispatch %d (%s, %s): %d characters have no equivalent in the charset",
                    dispatch_id,
                    language,
                    charset,
                    template.replaced_characters,
                )
            self._templates[key] = template
        return template

    # ---- control copies (R3.5) -----------------------------------------------------------

    def _control_copies_due(self) -> list[int]:
        """Dispatches to residents whose copy to the office has not been accepted yet (it is
        tried once per service start, so a refused copy does not loop)."""
        rows = (
            self._store.connection()
            .execute(
                "SELECT id FROM dispatches WHERE control_copy_sent = 0 AND total > 0 "
                "AND status IN ('sending', 'done') AND id NOT IN (SELECT value FROM json_each(?)) "
                "ORDER BY id",
                (json.dumps(sorted(self._control_tried)),),
            )
            .fetchall()
        )
        due = [row[0] for row in rows]
        self._control_tried.update(due)
        return due

    def _control_envelopes(self, dispatch_ids: list[int]) -> Iterator[Envelope]:
        for dispatch_id in dispatch_ids:
            template = self._template(dispatch_id, "ja", Charset.UTF8)
            copy = template.control_copy(kishomail_message_id(self._domain, dispatch_id, "control"))
            # The office's mailbox keeps the audit log's head as it was (issue 18).
            header = audit_head_header(
                self._store.connection(), self._store.store_id, self._store.audit_signer
            )
            yield replace(copy, data=f"{AUDIT_HEAD_HEADER}: {header}\r\n".encode() + copy.data)

    def _control_copy_done(self, result: RecipientResult, report: DrainReport) -> None:
        if str(result.outcome) != "accepted":
            log.warning("the office's control copy was not accepted (%s)", result.code)
            return
        dispatch_id = int(result.message_id.split(".")[1])
        with transaction(self._store.connection()):
            self._store.connection().execute(
                "UPDATE dispatches SET control_copy_sent = 1 WHERE id = ?", (dispatch_id,)
            )
        report.control_copies += 1

    # ---- reporting -----------------------------------------------------------------------

    @staticmethod
    def _count(result: RecipientResult, report: DrainReport) -> None:
        outcome = str(result.outcome)
        if outcome == "accepted":
            report.accepted += 1
        elif outcome == "deferred":
            report.deferred += 1
        elif outcome == "failed":
            report.failed += 1
        else:
            report.in_doubt += 1

    def _progress(self, dispatch_ids: tuple[int, ...], report: DrainReport, started: float) -> None:
        if self.on_progress is None:
            return
        elapsed = max(time.monotonic() - started, 1e-6)
        self.on_progress(
            SendingProgress(
                dispatch_ids=dispatch_ids,
                accepted=report.accepted,
                failed=report.failed,
                deferred=report.deferred,
                in_doubt=report.in_doubt,
                rate=round(report.attempted / elapsed, 1),
            )
        )
