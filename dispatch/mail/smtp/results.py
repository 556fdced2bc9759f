"""What sending produced: one outcome per recipient, progress, the relay check, the errors.

Every recipient gets one :class:`Outcome` (accepted, deferred, failed, in doubt: see the
package docstring); :func:`retry_delay` says when a deferred one is tried again; the errors
(:class:`MailTransportError` and its kinds) are what stops a send, worded without passwords
or addresses.
"""

from __future__ import annotations

import collections
import enum
import random
from collections.abc import Sequence
from dataclasses import dataclass

from dispatch.base.errors import KishomailError
from dispatch.mail.smtp.settings import Security


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
    #: The reply refused this recipient's own ``RCPT TO`` (the address), not the message.
    at_rcpt: bool = False


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


def summarize(results: Sequence[RecipientResult]) -> dict[Outcome, int]:
    """Counts per outcome (for logs and the dispatch record)."""
    counts = collections.Counter(r.outcome for r in results)
    return {outcome: counts[outcome] for outcome in Outcome}
