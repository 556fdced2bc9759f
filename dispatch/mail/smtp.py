"""SMTP submission to the office's relay: verified TLS, a pool of connections, pacing.

What the outbox calls::

    transport = MailTransport(SmtpSettings(host="relay.city.example.jp", cafile=...))
    for result in transport.send(envelopes, on_progress=report):
        outbox.record(result.message_id, result.recipient, result.outcome, result.reply)
    transport.close()

Guarantees, and why:

* **TLS always, verified.** Implicit TLS (465) or STARTTLS (587) with
  ``ssl.create_default_context()`` — certificate chain and host name checked against the
  system store or, when ``cafile`` is set, against that file only (an office CA or a pinned
  relay certificate). A TLS failure raises :class:`TlsError`; there is no plaintext fallback
  and no "ignore certificate" switch. A relay that does not offer STARTTLS is refused before
  any credential or mail is sent. AUTH happens only on the encrypted channel, and the
  password is never logged, put in an exception, or shown by ``repr(settings)``.
* **Every recipient gets one outcome** (:class:`Outcome`): ``accepted`` (2xx after the
  message), ``deferred`` (4xx: retry later, see :func:`retry_delay`), ``failed`` (5xx, the
  reply is kept) or ``in_doubt``: the connection broke after the message was handed over but
  before the server's final reply (RFC 1047). The server may or may not have accepted it; the
  caller resends and counts a possible duplicate. Mail is never resent here once its data
  went out, so nothing is duplicated silently; failures *before* the data (connection lost,
  421) are retried here on a fresh connection because they cannot have delivered anything.
* **Fast without being rude.** ``connections`` persistent connections (1–32) worked by as
  many threads (TLS and sockets release the GIL); PIPELINING (RFC 2920) when the relay offers
  it, so MAIL, every RCPT and DATA share one round trip — on a relay 5 ms away that is 2
  round trips per message instead of 3 + recipients. Per-destination-domain pacing
  (:class:`DomainPolicy`: recipients per second and per SMTP session, e.g. docomo) keeps the
  carriers from treating an alert burst as spam, and a relay's ``421`` halves the overall
  pace, reconnects and carries on instead of failing the dispatch.
* **Nothing hangs.** Every socket operation has a timeout; a stalled server costs one
  timeout, not a worker.

Threads: :meth:`MailTransport.send` runs in the caller's thread and yields results there (so
the outbox can write them with its own store connection); only the SMTP conversations run in
worker threads.
"""

from __future__ import annotations

import collections
import contextlib
import enum
import logging
import queue
import random
import re
import smtplib
import socket
import ssl
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dispatch.base.errors import KishomailError
from dispatch.mail.message import Envelope

__all__ = [
    "DEFAULT_DOMAIN_POLICIES",
    "OTHER_DOMAINS",
    "AuthenticationError",
    "CertificateError",
    "ConnectionReport",
    "DomainPolicy",
    "MailTransport",
    "MailTransportError",
    "Outcome",
    "RecipientResult",
    "RelayUnavailableError",
    "Security",
    "SendProgress",
    "SmtpSettings",
    "StartTlsMissingError",
    "TlsError",
    "group_for_batches",
    "retry_delay",
    "summarize",
    "tls_context",
]

log = logging.getLogger(__name__)


# -- errors -----------------------------------------------------------------------------------


class MailTransportError(KishomailError):
    """Base of the errors that stop sending; ``code`` is stable for the GUI and CLI. Messages
    name the relay and the reason, never a password or a subscriber's address."""

    code = "smtp"


class TlsError(MailTransportError):
    """The TLS handshake failed (protocol, cipher, garbage instead of TLS). Nothing was sent."""

    code = "smtp.tls"


class CertificateError(TlsError):
    """The relay's certificate is not trusted or not valid for its host name."""

    code = "smtp.tls.certificate"


class StartTlsMissingError(TlsError):
    """The relay does not offer STARTTLS: refused before any credential or mail was sent."""

    code = "smtp.tls.missing"


class AuthenticationError(MailTransportError):
    code = "smtp.auth"


class RelayUnavailableError(MailTransportError):
    """The relay could not be reached or refused the session; try again later."""

    code = "smtp.unavailable"


# -- settings ---------------------------------------------------------------------------------


class Security(enum.StrEnum):
    STARTTLS = "starttls"  # port 587: plain connect, then STARTTLS is required
    IMPLICIT = "implicit"  # port 465: TLS from the first byte


@dataclass(frozen=True, slots=True)
class DomainPolicy:
    """How fast mail to a group of destination domains may go.

    ``rate``: recipients per second toward these domains over all connections (None: no
    limit). ``max_recipients_per_session``: recipients of these domains in one SMTP session
    (and so in one envelope) before the connection is renewed.
    """

    name: str
    domains: tuple[str, ...]
    rate: float | None
    max_recipients_per_session: int | None = 100

    def matches(self, domain: str) -> bool:
        return any(domain == d or domain.endswith("." + d) for d in self.domains)


#: Starting points, to be tuned with the relay's operator. Carrier servers accept about 100
#: recipients per session, and bursts to them were treated as spam in the July 2018 Okayama
#: alert (64,000 registrants, mail 21 minutes to 2 hours late). 30/s still puts 10,000 docomo
#: subscribers through in under 6 minutes.
DEFAULT_DOMAIN_POLICIES: tuple[DomainPolicy, ...] = (
    DomainPolicy("docomo", ("docomo.ne.jp",), rate=30.0),
    DomainPolicy("au", ("ezweb.ne.jp", "au.com"), rate=30.0),
    DomainPolicy(
        "softbank", ("softbank.ne.jp", "i.softbank.jp", "vodafone.ne.jp", "disney.ne.jp"), 30.0
    ),
    DomainPolicy("rakuten", ("rakumail.jp",), rate=20.0),
    DomainPolicy("gmail", ("gmail.com", "googlemail.com"), rate=50.0),
    DomainPolicy("yahoo-japan", ("yahoo.co.jp", "ymail.ne.jp"), rate=30.0),
    DomainPolicy("icloud", ("icloud.com", "me.com", "mac.com"), rate=30.0),
)
#: Every other domain: no rate of its own (the overall limit still applies).
OTHER_DOMAINS = DomainPolicy("other", (), rate=None, max_recipients_per_session=None)


@dataclass(frozen=True)
class SmtpSettings:
    host: str
    port: int = 587
    security: Security = Security.STARTTLS
    username: str | None = None
    password: str | None = field(default=None, repr=False)
    #: PEM file of the CA (or the relay's own certificate) to trust *instead of* the system
    #: store: for an office CA or a pinned LGWAN relay certificate.
    cafile: Path | None = None
    #: Name given in EHLO; the machine's host name when not set (no DNS lookup).
    helo_name: str | None = None
    connections: int = 8
    connect_timeout: float = 30.0
    command_timeout: float = 60.0
    #: Wait for the reply to the end of the message (servers may scan it first).
    data_timeout: float = 120.0
    pipelining: bool = True
    #: Overall messages per second (None: as fast as the relay answers). A 421 lowers it.
    max_rate: float | None = None
    max_messages_per_connection: int | None = None
    domain_policies: tuple[DomainPolicy, ...] = DEFAULT_DOMAIN_POLICIES
    other_domains: DomainPolicy = OTHER_DOMAINS
    #: Fresh-connection retries of one envelope after a 421 or a connection lost before its
    #: data was sent; then the recipients are reported ``deferred``.
    retries: int = 4
    #: First pause after a 421 or a lost connection (doubles per retry of the envelope).
    retry_pause: float = 1.0
    #: Envelopes read ahead from the caller, so that one slow domain does not hold the rest.
    read_ahead: int = 2000

    def __post_init__(self) -> None:
        if not 1 <= self.connections <= 32:
            raise ValueError("connections must be between 1 and 32")
        if self.security is Security.STARTTLS and self.port == 465:
            raise ValueError("port 465 is implicit TLS; use security=implicit")
        if (self.username is None) != (self.password is None):
            raise ValueError("give both a user name and a password, or neither")
        for name in ("connect_timeout", "command_timeout", "data_timeout"):
            if getattr(self, name) <= 0:
                raise ValueError(f"{name} must be positive")

    def policy_for(self, recipient: str) -> DomainPolicy:
        domain = recipient.rpartition("@")[2].lower()
        for policy in self.domain_policies:
            if policy.matches(domain):
                return policy
        return self.other_domains


def tls_context(cafile: Path | None = None) -> ssl.SSLContext:
    """The client TLS context: chain and host name verified, TLS 1.2 or newer."""
    context = ssl.create_default_context(cafile=str(cafile) if cafile else None)
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    return context


def group_for_batches(
    recipients: Iterable[str], settings: SmtpSettings, batch_size: int = 50
) -> list[tuple[str, ...]]:
    """Batch mode: recipients grouped by destination policy, in envelopes of at most
    ``batch_size`` and at most the policy's recipients per session."""
    groups: dict[str, list[str]] = {}
    limits: dict[str, int] = {}
    for recipient in recipients:
        policy = settings.policy_for(recipient)
        groups.setdefault(policy.name, []).append(recipient)
        limits[policy.name] = min(batch_size, policy.max_recipients_per_session or batch_size)
    batches: list[tuple[str, ...]] = []
    for name, members in groups.items():
        size = limits[name]
        batches.extend(tuple(members[i : i + size]) for i in range(0, len(members), size))
    return batches


def retry_delay(
    attempt: int,
    *,
    base: float = 60.0,
    factor: float = 2.0,
    cap: float = 1800.0,
    jitter: float = 0.2,
    rng: random.Random | None = None,
) -> float:
    """Seconds to wait before retry number ``attempt`` (1, 2, …) of a deferred delivery.

    60 s, 2 min, 4 min … up to 30 min, each ±20 % so that thousands of deferred recipients
    do not come back in one burst (the retry storm that clogged Okayama's queue in 2018).
    Greylisting relays typically want 1–5 minutes.
    """
    if attempt < 1:
        raise ValueError("attempt counts from 1")
    delay = min(cap, base * factor ** (attempt - 1))
    spread = (rng or random).uniform(-jitter, jitter)
    return max(0.0, delay * (1.0 + spread))


# -- results ----------------------------------------------------------------------------------


class Outcome(enum.StrEnum):
    ACCEPTED = "accepted"
    DEFERRED = "deferred"
    FAILED = "failed"
    IN_DOUBT = "in_doubt"


@dataclass(frozen=True, slots=True)
class RecipientResult:
    """What happened to one recipient of one envelope. ``reply`` is the server's reply (it
    may contain the address: store it with the delivery, do not log it)."""

    message_id: str
    recipient: str
    outcome: Outcome
    code: int | None
    reply: str


@dataclass(frozen=True, slots=True)
class SendProgress:
    envelopes_done: int
    accepted: int
    deferred: int
    failed: int
    in_doubt: int
    elapsed: float

    @property
    def recipients_done(self) -> int:
        return self.accepted + self.deferred + self.failed + self.in_doubt

    @property
    def rate(self) -> float:
        """Recipients per second so far."""
        return self.recipients_done / self.elapsed if self.elapsed > 0 else 0.0


@dataclass(frozen=True, slots=True)
class ConnectionReport:
    """What ``kishomail smtp test`` shows: the relay was reached over verified TLS."""

    host: str
    port: int
    security: Security
    tls_version: str
    cipher: str
    certificate_subject: str
    authenticated: bool
    pipelining: bool
    extensions: tuple[str, ...]


# -- one connection ---------------------------------------------------------------------------


class _ServiceClosing(Exception):
    """The relay answered 421: it is closing this connection; nothing was delivered."""

    def __init__(self, code: int, reply: str) -> None:
        super().__init__(reply)
        self.code = code
        self.reply = reply


class _ConnectionLost(Exception):
    """The connection broke before the message data was sent: nothing was delivered."""


def _text(reply: bytes | str) -> str:
    if isinstance(reply, bytes):
        return reply.decode("utf-8", "replace")
    return reply


def _lost_reason(error: BaseException, timeout: float) -> str:
    chain: BaseException | None = error
    while chain is not None:
        if isinstance(chain, TimeoutError):
            return f"no reply within {timeout:g} s (timeout)"
        chain = chain.__cause__ or chain.__context__
    return "connection lost"


def _classify(code: int) -> Outcome:
    if 200 <= code < 300:
        return Outcome.ACCEPTED
    if 400 <= code < 500:
        return Outcome.DEFERRED
    return Outcome.FAILED


_LEADING_DOT = re.compile(rb"^\.", re.MULTILINE)


class _Client(smtplib.SMTP):
    """smtplib's connection handling, verified TLS, and a (pipelined) transaction."""

    def __init__(self, settings: SmtpSettings, context: ssl.SSLContext) -> None:
        super().__init__(
            local_hostname=settings.helo_name or socket.gethostname() or "localhost",
            timeout=settings.connect_timeout,
        )
        self.settings = settings
        self.tls_context = context
        self.messages = 0
        self.recipients_by_policy: collections.Counter[str] = collections.Counter()
        self.last_used = time.monotonic()

    def _get_socket(self, host: str, port: int, timeout: float) -> socket.socket:
        sock = socket.create_connection((host, port), timeout)
        if self.settings.security is not Security.IMPLICIT:
            return sock
        try:
            return _handshake(self.tls_context, sock, host)
        except BaseException:
            sock.close()
            raise

    def open(self) -> None:
        settings = self.settings
        try:
            self.connect(settings.host, settings.port)
        except smtplib.SMTPConnectError as error:
            raise RelayUnavailableError(
                f"The relay {settings.host}:{settings.port} refused the session "
                f"({error.smtp_code})."
            ) from None
        except TlsError:
            raise
        except (smtplib.SMTPException, OSError) as error:
            raise RelayUnavailableError(
                f"Cannot reach the relay {settings.host}:{settings.port}: "
                f"{_lost_reason(error, settings.connect_timeout)}."
            ) from error
        try:
            self.ehlo_or_helo_if_needed()
            if settings.security is Security.STARTTLS:
                self._starttls()
            self.ehlo()
        except (smtplib.SMTPException, OSError) as error:
            self.close()
            if isinstance(error, MailTransportError):
                raise
            raise RelayUnavailableError(
                f"The relay {settings.host}:{settings.port} ended the session during set-up: "
                f"{_lost_reason(error, settings.connect_timeout)}."
            ) from error
        if not isinstance(self.sock, ssl.SSLSocket):  # pragma: no cover - guard
            self.close()
            raise TlsError("The connection is not encrypted; refusing to go on.")
        if settings.username is not None:
            self._authenticate(settings.username, settings.password or "")
        assert self.sock is not None
        self.sock.settimeout(settings.command_timeout)
        self.last_used = time.monotonic()

    def _starttls(self) -> None:
        if not self.has_extn("starttls"):
            self.close()
            raise StartTlsMissingError(
                f"The relay {self.settings.host}:{self.settings.port} does not offer STARTTLS. "
                "kishomail only sends over TLS: nothing was sent, no password was given."
            )
        code, _ = self.docmd("STARTTLS")
        if code != 220:
            self.close()
            raise TlsError(
                f"The relay {self.settings.host} refused STARTTLS ({code}); nothing was sent."
            )
        assert self.sock is not None
        try:
            self.sock = _handshake(self.tls_context, self.sock, self.settings.host)
        except BaseException:
            self.close()
            raise
        self.file = None
        # RFC 3207: forget what the server said before TLS.
        self.helo_resp = self.ehlo_resp = None
        self.esmtp_features = {}
        self.does_esmtp = False

    def _authenticate(self, username: str, password: str) -> None:
        if not isinstance(self.sock, ssl.SSLSocket):  # pragma: no cover - guard
            raise TlsError("Refusing to authenticate without TLS.")
        if not self.has_extn("auth"):
            self.close()
            raise AuthenticationError(
                f"The relay {self.settings.host} offers no authentication over TLS."
            )
        try:
            self.login(username, password)
        except smtplib.SMTPAuthenticationError as error:
            self.close()
            # The reply is the server's text: it does not hold the password.
            raise AuthenticationError(
                f"The relay {self.settings.host} refused the user name or password "
                f"({error.smtp_code})."
            ) from None
        except (smtplib.SMTPException, OSError) as error:
            self.close()
            raise AuthenticationError(
                f"Authentication with {self.settings.host} failed: "
                f"{_lost_reason(error, self.settings.command_timeout)}."
            ) from None

    def alive(self) -> bool:
        """NOOP on a connection idle for a while (servers drop idle sessions)."""
        if time.monotonic() - self.last_used < 10.0:
            return self.sock is not None
        try:
            return self.noop()[0] == 250
        except (smtplib.SMTPException, OSError):
            return False

    def quit_quietly(self) -> None:
        with contextlib.suppress(smtplib.SMTPException, OSError):
            if self.sock is not None:
                self.sock.settimeout(2.0)
                self.quit()
        self.close()

    def _reply(self) -> tuple[int, str]:
        code, text = self.getreply()
        if code == 421:
            self.close()
            raise _ServiceClosing(code, _text(text))
        return code, _text(text)

    def transact(self, envelope: Envelope) -> list[RecipientResult]:
        """One SMTP transaction. Raises :class:`_ServiceClosing` or :class:`_ConnectionLost`
        when nothing can have been delivered; returns ``in_doubt`` results when the
        connection broke after the message data went out."""
        mid = envelope.message_id
        recipients = envelope.recipients
        commands = [f"MAIL FROM:<{envelope.sender}>\r\n".encode("ascii")]
        commands += [f"RCPT TO:<{r}>\r\n".encode("ascii") for r in recipients]
        commands.append(b"DATA\r\n")
        results: dict[str, RecipientResult] = {}
        accepted: list[str] = []
        replies = self._command_replies(commands)
        mail_code, mail_text = replies[0]
        if mail_code >= 300:
            for r in recipients:
                results[r] = RecipientResult(mid, r, _classify(mail_code), mail_code, mail_text)
            self._reset_after_pipeline(replies, len(commands))
            return [results[r] for r in recipients]
        for r, (code, text) in zip(recipients, replies[1:], strict=False):
            if 200 <= code < 300:
                accepted.append(r)
            else:
                results[r] = RecipientResult(mid, r, _classify(code), code, text)
        data_reply = replies[len(commands) - 1] if len(replies) == len(commands) else None
        if not accepted or data_reply is None or data_reply[0] != 354:
            if data_reply is not None and data_reply[0] == 354:
                self._abort_data()
            elif data_reply is not None:
                for r in accepted:
                    results[r] = RecipientResult(
                        mid, r, _classify(data_reply[0]), data_reply[0], data_reply[1]
                    )
            self._rset()
            return [results[r] for r in recipients]

        self._send_data(envelope, accepted, results)
        return [results[r] for r in recipients]

    def _send_data(
        self, envelope: Envelope, accepted: list[str], results: dict[str, RecipientResult]
    ) -> None:
        """The message data, after DATA was answered 354: each accepted recipient's result."""
        mid = envelope.message_id
        # From here on the server may end up with the message: a broken connection is
        # "in doubt", never silently retried.
        try:
            payload = _LEADING_DOT.sub(b"..", envelope.data)
            if not payload.endswith(b"\r\n"):
                payload += b"\r\n"
            self.send(payload + b".\r\n")
            assert self.sock is not None
            self.sock.settimeout(self.settings.data_timeout)
            try:
                code, text = self._reply()
            finally:
                if self.sock is not None:
                    self.sock.settimeout(self.settings.command_timeout)
        except _ServiceClosing:
            raise  # a definite "not accepted"
        except (smtplib.SMTPException, OSError) as error:
            self.close()
            reason = _lost_reason(error, self.settings.data_timeout)
            text = f"in doubt: {reason} after the message was sent (RFC 1047)"
            for r in accepted:
                results[r] = RecipientResult(mid, r, Outcome.IN_DOUBT, None, text)
            return
        for r in accepted:
            results[r] = RecipientResult(mid, r, _classify(code), code, text)
        if code >= 300:
            self._rset()
        self.messages += 1
        self.last_used = time.monotonic()

    def _command_replies(self, commands: list[bytes]) -> list[tuple[int, str]]:
        """Send MAIL, the RCPTs and DATA; their replies in order (fewer when it stopped early
        because MAIL or every RCPT was refused). Raises :class:`_ConnectionLost`."""
        pipelined = self.settings.pipelining and self.has_extn("pipelining")
        try:
            if pipelined:
                # RFC 2920: MAIL, every RCPT and DATA in one write, then the replies in order.
                self.send(b"".join(commands))
                return [self._reply() for _ in commands]
            replies: list[tuple[int, str]] = []
            for command in commands:
                self.send(command)
                replies.append(self._reply())
                if replies[-1][0] >= 400 and command.startswith(b"MAIL"):
                    break
                if command.startswith(b"RCPT") and len(replies) == len(commands) - 1:
                    if not any(200 <= c < 300 for c, _ in replies[1:]):
                        break  # no recipient took: DATA would only be refused
            return replies
        except smtplib.SMTPServerDisconnected as error:
            raise _ConnectionLost(_lost_reason(error, self.settings.command_timeout)) from None
        except OSError as error:
            raise _ConnectionLost(_lost_reason(error, self.settings.command_timeout)) from None

    def _reset_after_pipeline(self, replies: list[tuple[int, str]], expected: int) -> None:
        if len(replies) == expected and replies[-1][0] == 354:
            self._abort_data()

    def _abort_data(self) -> None:
        # The server wants data although no recipient took (or MAIL failed): end it empty.
        with contextlib.suppress(smtplib.SMTPException, OSError):
            self.send(b".\r\n")
            self._reply()
        self._rset()

    def _rset(self) -> None:
        try:
            self.send(b"RSET\r\n")
            self._reply()
        except (smtplib.SMTPException, OSError):
            self.close()


def _subject_of(cert: Mapping[str, Any]) -> str:
    rdns = cert.get("subject", ())
    return ", ".join(f"{pair[0]}={pair[1]}" for rdn in rdns for pair in rdn)


def _handshake(context: ssl.SSLContext, sock: socket.socket, host: str) -> ssl.SSLSocket:
    try:
        return context.wrap_socket(sock, server_hostname=host)
    except ssl.SSLCertVerificationError as error:
        raise CertificateError(
            f"The certificate of {host} was refused: {error.verify_message}. Nothing was sent. "
            "If the relay uses an office CA, set its CA file in the mail settings."
        ) from None
    except (ssl.SSLError, OSError) as error:
        reason = getattr(error, "reason", None) or type(error).__name__
        raise TlsError(
            f"The TLS handshake with {host} failed ({reason}); nothing was sent. "
            "kishomail never falls back to an unencrypted connection."
        ) from None


# -- pacing -----------------------------------------------------------------------------------


class _Bucket:
    """Token bucket allowing debt: a 50-recipient envelope may go at once, and then the
    bucket pays it back at ``rate``. None: unlimited."""

    def __init__(self, rate: float | None, now: float) -> None:
        self.rate = rate
        self.tokens = rate or 0.0
        self.stamp = now

    def ready_at(self, now: float) -> float:
        if self.rate is None:
            return now
        self._refill(now)
        return now if self.tokens > 0 else now + (-self.tokens + 1e-9) / self.rate

    def take(self, amount: int, now: float) -> None:
        if self.rate is not None:
            self._refill(now)
            self.tokens -= amount

    def _refill(self, now: float) -> None:
        assert self.rate is not None
        self.tokens = min(self.rate, self.tokens + (now - self.stamp) * self.rate)
        self.stamp = now


class _Pace:
    """Per-domain buckets and the overall one that a relay's 421 turns down (AIMD)."""

    def __init__(self, settings: SmtpSettings, clock: Callable[[], float]) -> None:
        self.settings = settings
        self.clock = clock
        now = clock()
        self.domains = {
            p.name: _Bucket(p.rate, now)
            for p in (*settings.domain_policies, settings.other_domains)
        }
        self.overall = _Bucket(settings.max_rate, now)
        self.recent: collections.deque[float] = collections.deque(maxlen=512)
        self.slowed_at: float | None = None
        #: Messages per session after which the relay said 421, learned (None: unknown).
        self.session_limit: int | None = settings.max_messages_per_connection
        self.slowdowns = 0

    def ready_at(self, policy: str, now: float) -> float:
        self._maybe_recover(now)
        return max(self.domains[policy].ready_at(now), self.overall.ready_at(now))

    def take(self, policy: str, recipients: int, now: float) -> None:
        self.domains[policy].take(recipients, now)
        self.overall.take(1, now)
        self.recent.append(now)

    def relay_said_slow_down(self, messages_in_session: int) -> None:
        now = self.clock()
        # Several connections usually hear the same 421 together: one slow-down per second.
        if self.slowed_at is None or now - self.slowed_at >= 1.0:
            window = [t for t in self.recent if t > now - 5.0]
            span = max(now - window[0], 0.2) if window else 1.0
            observed = max(len(window) / span, 1.0)
            current = self.overall.rate if self.overall.rate is not None else observed
            self.overall = _Bucket(max(0.5, min(current, observed) / 2), now)
            self.slowed_at = now
            self.slowdowns += 1
        if messages_in_session >= 1:
            limit = self.session_limit
            self.session_limit = (
                messages_in_session if limit is None else min(limit, messages_in_session)
            )

    def _maybe_recover(self, now: float) -> None:
        # Every 10 s without a 421, a quarter faster; back to the configured limit at last.
        if self.slowed_at is None or now - self.slowed_at < 10.0:
            return
        assert self.overall.rate is not None
        faster = self.overall.rate * 1.25
        ceiling = self.settings.max_rate
        if ceiling is not None and faster >= ceiling:
            self.overall, self.slowed_at = _Bucket(ceiling, now), None
        elif ceiling is None and faster > 2000:
            self.overall, self.slowed_at = _Bucket(None, now), None
        else:
            self.overall = _Bucket(faster, now)
            self.slowed_at = now

    @property
    def overall_rate(self) -> float | None:
        return self.overall.rate


# -- one send() -------------------------------------------------------------------------------


@dataclass
class _Work:
    envelope: Envelope
    policy: str


class _Run:
    """The state shared by the caller's thread and the workers during one send()."""

    def __init__(self, transport: MailTransport, stop: threading.Event | None) -> None:
        self.transport = transport
        self.pace = transport._pace
        self.lock = transport._lock
        self.wake = threading.Condition(self.lock)
        self.pending: dict[str, collections.deque[_Work]] = {}
        self.queued = 0
        self.input_done = False
        self.stopping = False
        self.external_stop = stop
        self.error: MailTransportError | None = None
        self.results: queue.Queue[list[RecipientResult]] = queue.Queue()

    def add(self, envelope: Envelope) -> None:
        policy = self.transport.settings.policy_for(envelope.recipients[0]).name
        with self.wake:
            self.pending.setdefault(policy, collections.deque()).append(_Work(envelope, policy))
            self.queued += 1
            self.wake.notify()

    def finish_input(self) -> None:
        with self.wake:
            self.input_done = True
            self.wake.notify_all()

    def top_up(self, source: Iterator[Envelope], read_ahead: int) -> None:
        """Queue envelopes from ``source`` until ``read_ahead`` wait or the source ends."""
        while not self.input_done and self.queued < read_ahead:
            envelope = next(source, None)
            if envelope is None:
                self.finish_input()
            elif envelope.recipients:
                self.add(envelope)

    def stop(self, error: MailTransportError | None = None) -> None:
        with self.wake:
            if error is not None and self.error is None:
                self.error = error
            self.stopping = True
            self.wake.notify_all()

    def take(self) -> _Work | None:
        """The next envelope whose domain (and the overall pace) allows it now; waits."""
        clock = self.pace.clock
        with self.wake:
            while True:
                if self.stopping or (self.external_stop and self.external_stop.is_set()):
                    return None
                if not self.queued:
                    if self.input_done:
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
                    self.pace.take(best, len(work.envelope.recipients), now)
                    return work
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
        self._pace = _Pace(settings, clock)
        self._idle: list[_Client] = []
        # Set by close(): a connection a worker finishes with afterwards is closed, not kept
        # idle (nobody would ever close it).
        self._closed = False
        self._sending = threading.Lock()

    # -- public ---------------------------------------------------------------------------

    @property
    def slowdowns(self) -> int:
        """How often the relay answered 421 and the pace was lowered (for the GUI)."""
        return self._pace.slowdowns

    @property
    def overall_rate_limit(self) -> float | None:
        """Messages per second the transport currently allows overall (None: no limit)."""
        return self._pace.overall_rate

    def check_connection(self) -> ConnectionReport:
        """Connect, verify TLS, authenticate, and leave: ``kishomail smtp test``."""
        client = _Client(self.settings, self._context)
        client.open()
        try:
            sock = client.sock
            assert isinstance(sock, ssl.SSLSocket)
            subject = _subject_of(sock.getpeercert() or {})
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
            while (work := run.take()) is not None:
                try:
                    results, client = self._deliver(run, work, client)
                except MailTransportError as error:
                    run.stop(error)
                    client = None
                    break
                run.done(results)
        except BaseException as error:  # pragma: no cover - a bug; don't hang the caller
            log.exception("SMTP worker crashed")
            run.stop(MailTransportError(f"internal error in the SMTP worker: {error!r}"))
        finally:
            if client is not None and client.sock is not None:
                with self._lock:
                    keep = not self._closed
                    if keep:
                        self._idle.append(client)
                if not keep:
                    client.quit_quietly()

    def _checkout(self) -> _Client | None:
        with self._lock:
            return self._idle.pop() if self._idle else None

    def _connect(self) -> _Client:
        client = _Client(self.settings, self._context)
        client.open()
        return client

    def _needs_renewal(self, client: _Client, work: _Work) -> bool:
        limit = self._pace.session_limit
        if limit is not None and client.messages >= limit:
            return True
        policy = next(
            (p for p in self.settings.domain_policies if p.name == work.policy),
            self.settings.other_domains,
        )
        cap = policy.max_recipients_per_session
        used = client.recipients_by_policy[work.policy]
        return cap is not None and used > 0 and used + len(work.envelope.recipients) > cap

    def _deliver(
        self, run: _Run, work: _Work, client: _Client | None
    ) -> tuple[list[RecipientResult], _Client | None]:
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
            try:
                results = client.transact(envelope)
            except _ServiceClosing as closing:
                log.warning(
                    "relay answered %d after %d messages on a connection (%s); slowing down",
                    closing.code,
                    client.messages,
                    work.policy,
                )
                with self._lock:
                    self._pace.relay_said_slow_down(client.messages)
                client.close()
                client = None
                last_code, last_reply = closing.code, closing.reply
                continue
            except _ConnectionLost as lost:
                log.warning("connection lost before the data of %s: %s", envelope.message_id, lost)
                client.close()
                client = None
                last_code, last_reply = None, f"{lost} (before the message was sent)"
                continue
            client.recipients_by_policy[work.policy] += len(envelope.recipients)
            if any(r.outcome is Outcome.IN_DOUBT for r in results):
                log.warning("message %s is in doubt (reply lost)", envelope.message_id)
                client = None
            return results, client
        deferred = [
            RecipientResult(envelope.message_id, r, Outcome.DEFERRED, last_code, last_reply)
            for r in envelope.recipients
        ]
        return deferred, client

    def _connect_with_retries(self, run: _Run) -> _Client:
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


def summarize(results: Sequence[RecipientResult]) -> dict[Outcome, int]:
    """Counts per outcome (for logs and the dispatch record)."""
    counts = collections.Counter(r.outcome for r in results)
    return {outcome: counts[outcome] for outcome in Outcome}
