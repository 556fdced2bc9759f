"""The pool: :class:`MailTransport` sends envelopes over persistent connections to one relay.

Worker threads run the SMTP conversations (one :class:`~dispatch.mail.smtp.client.SmtpClient`
each), paced by :class:`~dispatch.mail.smtp.pacing.Pace`; :meth:`MailTransport.send` runs in the
caller's thread and yields the results there.
"""

from __future__ import annotations

import collections
import logging
import queue
import ssl
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from dispatch.mail.message import Envelope
from dispatch.mail.smtp.client import ConnectionLost, ServiceClosing, SmtpClient, subject_of
from dispatch.mail.smtp.pacing import SLOW_DOWN_CODES, Pace
from dispatch.mail.smtp.results import (
    AuthenticationError,
    ConnectionReport,
    MailTransportError,
    Outcome,
    RecipientResult,
    RelayUnavailableError,
    SendProgress,
    TlsError,
)
from dispatch.mail.smtp.settings import DomainPolicy, SmtpSettings, tls_context

log = logging.getLogger(__name__)


@dataclass
class _Work:
    envelope: Envelope
    #: The recipients' carrier group: its name keys the pace and a session's counts.
    group: DomainPolicy


class _Run:
    """The state shared by the caller's thread and the workers during one send()."""

    def __init__(self, transport: MailTransport, stop: threading.Event | None) -> None:
        self.transport = transport
        self.pace = transport._pace
        self.lock = transport._lock
        self.wake = threading.Condition(self.lock)
        self.pending: dict[str, collections.deque[_Work]] = {}
        self.queued = 0
        #: Recipients of the queued envelopes: what ``read_ahead`` bounds.
        self.queued_recipients = 0
        self.input_done = False
        self.stopping = False
        self.external_stop = stop
        self.error: MailTransportError | None = None
        self.results: queue.SimpleQueue[list[RecipientResult]] = queue.SimpleQueue()

    def add(self, envelope: Envelope) -> None:
        group = self.transport.settings.policy_for(envelope.recipients[0])
        work = _Work(envelope, group)
        with self.wake:
            self.pending.setdefault(group.name, collections.deque()).append(work)
            self.queued += 1
            self.queued_recipients += len(envelope.recipients)
            self.wake.notify()

    def finish_input(self) -> None:
        with self.wake:
            self.input_done = True
            self.wake.notify_all()

    def top_up(self, source: Iterator[Envelope], read_ahead: int) -> None:
        """Queue envelopes from ``source`` until ``read_ahead`` recipients wait or the source
        ends. Counted in recipients, not envelopes: 2,000 batch envelopes of 50 would be the
        whole of a 100,000-recipient dispatch claimed before the first reply is recorded.

        Replies waiting go to the caller first, once this call has queued an envelope for
        each connection: reading 2,000 individual messages ahead at the start of a dispatch
        is ten claims from the store, and the first residents' replies would wait for them
        all (0.2 s). Each call still queues that many, so the read-ahead keeps growing while
        replies come in."""
        added = 0
        while not self.input_done and self.queued_recipients < read_ahead:
            if added >= self.transport.settings.connections and not self.results.empty():
                return
            envelope = next(source, None)
            if envelope is None:
                self.finish_input()
            elif envelope.recipients:
                self.add(envelope)
                added += 1

    def stop(self, error: MailTransportError | None = None) -> None:
        with self.wake:
            if error is not None and self.error is None:
                self.error = error
            self.stopping = True
            self.wake.notify_all()

    def halted(self) -> bool:
        return self.stopping or (self.external_stop is not None and self.external_stop.is_set())

    def take(self, *, wait: bool = True) -> _Work | None:
        """The next envelope whose domain (and the overall pace) allows it now; waits for
        one unless ``wait`` is false."""
        clock = self.pace.clock
        with self.wake:
            while True:
                if self.halted():
                    return None
                if not self.queued:
                    if self.input_done or not wait:
                        return None
                    self.wake.wait(0.5)
                    continue
                now = clock()
                best: str | None = None
                best_at = float("inf")
                for policy, works in self.pending.items():
                    if works:
                        at = self.pace.ready_at(policy, now)
                        if at < best_at:
                            best, best_at = policy, at
                assert best is not None
                if best_at <= now:
                    work = self.pending[best].popleft()
                    self.queued -= 1
                    self.queued_recipients -= len(work.envelope.recipients)
                    self.pace.take(best, len(work.envelope.recipients), now)
                    return work
                if not wait:
                    return None
                self.wake.wait(min(best_at - now, 0.5))

    def done(self, results: list[RecipientResult]) -> None:
        self.results.put(results)

    def pause(self, seconds: float) -> None:
        """Sleep, but wake at once when the run stops."""
        deadline = time.monotonic() + seconds
        with self.wake:
            while not self.stopping and (remaining := deadline - time.monotonic()) > 0:
                self.wake.wait(remaining)


class MailTransport:
    """Sends envelopes over a pool of verified-TLS connections to one relay.

    One instance per relay, reused across dispatches (connections stay open between them).
    ``send`` is not re-entrant: one dispatch at a time per transport.
    """

    def __init__(
        self, settings: SmtpSettings, *, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.settings = settings
        self._context = tls_context(settings.cafile)
        self._lock = threading.Lock()
        self._pace = Pace(settings, clock)
        self._idle: list[SmtpClient] = []
        # Set by close(): a connection a worker finishes with afterwards is closed, not kept
        # idle (nobody would ever close it).
        self._closed = False
        self._sending = threading.Lock()

    # -- public ---------------------------------------------------------------------------

    @property
    def slowdowns(self) -> int:
        """How often the relay answered 421 and the pace was lowered (for the GUI)."""
        return self._pace.slowdowns

    def group_rates(self) -> dict[str, float | None]:
        """Each carrier group's pace now, recipients a second (None: no limit): lower than
        configured while the group is backing off."""
        with self._lock:
            return self._pace.group_rates()

    def group_backoffs(self) -> dict[str, int]:
        """How often each carrier group was slowed down (groups never slowed left out)."""
        with self._lock:
            return self._pace.group_backoffs()

    @property
    def overall_rate_limit(self) -> float | None:
        """Messages per second the transport currently allows overall (None: no limit)."""
        return self._pace.overall_rate

    def check_connection(self) -> ConnectionReport:
        """Connect, verify TLS, authenticate, and leave: ``kishomail smtp test``."""
        client = SmtpClient(self.settings, self._context)
        client.open()
        try:
            sock = client.sock
            assert isinstance(sock, ssl.SSLSocket)
            subject = subject_of(sock.getpeercert() or {})
            cipher = sock.cipher()
            return ConnectionReport(
                host=self.settings.host,
                port=self.settings.port,
                security=self.settings.security,
                tls_version=sock.version() or "",
                cipher=cipher[0] if cipher else "",
                certificate_subject=subject,
                authenticated=self.settings.username is not None,
                pipelining=client.has_extn("pipelining"),
                extensions=tuple(sorted(client.esmtp_features)),
            )
        finally:
            client.quit_quietly()

    def send(
        self,
        envelopes: Iterable[Envelope],
        *,
        on_progress: Callable[[SendProgress], None] | None = None,
        progress_interval: float = 0.5,
        stop: threading.Event | None = None,
    ) -> Iterator[RecipientResult]:
        """Send ``envelopes``; yield one :class:`RecipientResult` per recipient as soon as
        it is known, in the caller's thread.

        ``envelopes`` is read lazily, in this thread. Setting ``stop`` ends the run after the
        envelopes in flight; their results are still yielded. An envelope that yields no
        result was not attempted: keep it queued. (Breaking out of the loop instead also
        waits for the envelopes in flight, but their results are lost: treat every envelope
        without a result as possibly sent, i.e. resend and count duplicates.)

        Raises :class:`TlsError`, :class:`AuthenticationError` or
        :class:`RelayUnavailableError` once the results of the envelopes in flight have been
        yielded.
        """
        if not self._sending.acquire(blocking=False):
            raise RuntimeError("MailTransport.send() is already running")
        with self._lock:
            self._closed = False  # a transport closed between dispatches pools again
        try:
            yield from self._send(envelopes, on_progress, progress_interval, stop)
        finally:
            self._sending.release()

    def close(self) -> None:
        """Say QUIT on every idle connection."""
        with self._lock:
            idle, self._idle = self._idle, []
            self._closed = True
        for client in idle:
            client.quit_quietly()

    def __enter__(self) -> MailTransport:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- the run --------------------------------------------------------------------------

    def _send(
        self,
        envelopes: Iterable[Envelope],
        on_progress: Callable[[SendProgress], None] | None,
        progress_interval: float,
        stop: threading.Event | None,
    ) -> Iterator[RecipientResult]:
        run = _Run(self, stop)
        started = time.monotonic()
        counts: collections.Counter[Outcome] = collections.Counter()
        envelopes_done = 0
        last_report = started

        def progress() -> SendProgress:
            return SendProgress(
                envelopes_done,
                counts[Outcome.ACCEPTED],
                counts[Outcome.DEFERRED],
                counts[Outcome.FAILED],
                counts[Outcome.IN_DOUBT],
                time.monotonic() - started,
            )

        workers = [
            threading.Thread(target=self._work, args=(run,), name=f"smtp-{n}", daemon=True)
            for n in range(self.settings.connections)
        ]
        for worker in workers:
            worker.start()
        source = iter(envelopes)
        try:
            while True:
                run.top_up(source, self.settings.read_ahead)
                try:
                    batch = run.results.get(timeout=0.05)
                except queue.Empty:
                    if not any(w.is_alive() for w in workers) and run.results.empty():
                        break
                    continue
                envelopes_done += 1
                for result in batch:
                    counts[result.outcome] += 1
                    yield result
                now = time.monotonic()
                if on_progress is not None and now - last_report >= progress_interval:
                    last_report = now
                    on_progress(progress())
        finally:
            run.stop()
            for worker in workers:
                worker.join(self.settings.data_timeout + 5)
        # Results that arrived while the workers were ending.
        while not run.results.empty():
            batch = run.results.get_nowait()
            envelopes_done += 1
            for result in batch:
                counts[result.outcome] += 1
                yield result
        final = progress()
        if on_progress is not None:
            on_progress(final)
        log.info(
            "send finished: %d envelopes, %d accepted, %d deferred, %d failed, %d in doubt, "
            "%.1f s, %d slow-downs",
            final.envelopes_done,
            final.accepted,
            final.deferred,
            final.failed,
            final.in_doubt,
            final.elapsed,
            self._pace.slowdowns,
        )
        if run.error is not None:
            raise run.error

    def _work(self, run: _Run) -> None:
        client = self._checkout()
        try:
            work = run.take()
            while work is not None:
                # The envelope after this one, if one is ready now: its commands can follow
                # this message's data in the same write (SmtpClient.transact's ``then``).
                pipelined = client is None or client.has_extn("pipelining")
                following = run.take(wait=False) if self.settings.pipelining and pipelined else None
                try:
                    results, client = self._deliver(run, work, client, following)
                except MailTransportError as error:
                    run.stop(error)
                    client = None
                    break
                run.done(results)
                # A following envelope taken but not sent when the run stops is left
                # without a result, as the queued ones are: the caller puts it back.
                work = run.take() if following is None or run.halted() else following
        except BaseException as error:  # pragma: no cover - a bug; don't hang the caller
            log.exception("SMTP worker crashed")
            run.stop(MailTransportError(f"internal error in the SMTP worker: {error!r}"))
        finally:
            if client is not None and client.announced is not None:
                client.close()  # mid-transaction: hang up, nothing of it is delivered
            if client is not None and client.sock is not None:
                with self._lock:
                    keep = not self._closed
                    if keep:
                        self._idle.append(client)
                if not keep:
                    client.quit_quietly()

    def _checkout(self) -> SmtpClient | None:
        with self._lock:
            return self._idle.pop() if self._idle else None

    def _connect(self) -> SmtpClient:
        client = SmtpClient(self.settings, self._context)
        client.open()
        return client

    def _needs_renewal(self, client: SmtpClient, work: _Work, before: _Work | None = None) -> bool:
        """Whether ``work`` needs a new session: this one reached the relay's message limit
        or its group's recipients per session. ``before``: an envelope still to go first on
        this session."""
        limit = self._pace.session_limit
        messages = client.messages + (before is not None)
        if limit is not None and messages >= limit:
            return True
        cap = work.group.max_recipients_per_session
        used = client.recipients_by_policy[work.group.name]
        if before is not None and before.group.name == work.group.name:
            used += len(before.envelope.recipients)
        return cap is not None and used > 0 and used + len(work.envelope.recipients) > cap

    def _deliver(
        self, run: _Run, work: _Work, client: SmtpClient | None, following: _Work | None = None
    ) -> tuple[list[RecipientResult], SmtpClient | None]:
        """``work`` on ``client`` (or a new connection), retried as the settings say.
        ``following``: the envelope this worker sends next; its commands may go out behind
        this message's data when the session can take it too."""
        envelope = work.envelope
        settings = self.settings
        last_code: int | None = None
        last_reply = "not attempted"
        for attempt in range(settings.retries + 1):
            if attempt:
                run.pause(settings.retry_pause * 2 ** (attempt - 1))
                if run.stopping and run.error is not None:
                    break
            if client is not None and (self._needs_renewal(client, work) or not client.alive()):
                client.quit_quietly()
                client = None
            if client is None:
                client = self._connect_with_retries(run)
            then = None
            if following is not None and not self._needs_renewal(client, following, work):
                then = following.envelope
            try:
                results = client.transact(envelope, then)
            except ServiceClosing as closing:
                with self._lock:
                    if closing.at_mail:  # the session's limit or the relay's load
                        log.warning(
                            "relay answered %d after %d messages on a connection (%s); "
                            "slowing down",
                            closing.code,
                            client.messages,
                            work.group.name,
                        )
                        self._pace.relay_said_slow_down(client.messages)
                    else:  # to this group's recipients or message
                        self._slow_group(work.group.name, f"the relay answered {closing.code}")
                client.close()
                client = None
                last_code, last_reply = closing.code, closing.reply
                continue
            except ConnectionLost as lost:
                log.warning("connection lost before the data of %s: %s", envelope.message_id, lost)
                with self._lock:
                    self._slow_group(work.group.name, "a connection was dropped")
                client.close()
                client = None
                last_code, last_reply = None, f"{lost} (before the message was sent)"
                continue
            client.recipients_by_policy[work.group.name] += len(envelope.recipients)
            self._watch_for_slow_down(work.group.name, results)
            if any(r.outcome is Outcome.IN_DOUBT for r in results):
                log.warning("message %s is in doubt (reply lost)", envelope.message_id)
                client = None
            return results, client
        deferred = [
            RecipientResult(envelope.message_id, r, Outcome.DEFERRED, last_code, last_reply)
            for r in envelope.recipients
        ]
        return deferred, client

    def _watch_for_slow_down(self, policy: str, results: list[RecipientResult]) -> None:
        """A 4xx that asks for patience (450/451/452 …), or a connection dropped after the
        data, slows down this envelope's group."""
        codes = {r.code for r in results if r.outcome is Outcome.DEFERRED}
        slow = sorted(c for c in codes if c in SLOW_DOWN_CODES)
        dropped = any(r.outcome is Outcome.IN_DOUBT for r in results)
        if slow or dropped:
            with self._lock:
                reason = f"the relay answered {slow[0]}" if slow else "a connection was dropped"
                self._slow_group(policy, reason)

    def _slow_group(self, policy: str, reason: str) -> None:
        """Halve ``policy``'s pace (caller holds the lock)."""
        rate = self._pace.group_said_slow_down(policy)
        if rate is not None:
            log.warning("%s for carrier group %s: its pace is now %.1f/s", reason, policy, rate)

    def _connect_with_retries(self, run: _Run) -> SmtpClient:
        settings = self.settings
        for attempt in range(settings.retries + 1):
            try:
                return self._connect()
            except (TlsError, AuthenticationError):
                raise  # configuration or attack: retrying will not help
            except RelayUnavailableError:
                if attempt == settings.retries or run.stopping:
                    raise
                run.pause(settings.retry_pause * 2**attempt)
        raise AssertionError("unreachable")  # pragma: no cover
