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
  it, so MAIL, every RCPT and DATA share one round trip, and a message's text carries the
  next message's MAIL, RCPTs and DATA (RFC 2920 §3.1) — on a relay 5 ms away that is one
  round trip per message instead of 3 + recipients. Per-destination-domain pacing
  (:class:`DomainPolicy`: recipients per second and per SMTP session, e.g. docomo) keeps the
  carriers from treating an alert burst as spam; a group whose mail gets 4xx replies or
  dropped connections halves its own pace and recovers slowly (the others keep theirs), and a
  relay's ``421`` to ``MAIL`` halves the overall pace, reconnects and carries on instead of
  failing the dispatch.
* **Nothing hangs.** Every socket operation has a timeout; a stalled server costs one
  timeout, not a worker.

Threads: :meth:`MailTransport.send` runs in the caller's thread and yields results there (so
the outbox can write them with its own store connection); only the SMTP conversations run in
worker threads.

The package is split by role: :mod:`.settings` (how to reach the relay), :mod:`.results`
(outcomes, progress, errors, retry delays), :mod:`.client` (one connection), :mod:`.pacing`
(per-carrier pacing) and :mod:`.transport` (the pool). The public names are re-exported here,
so ``from dispatch.mail.smtp import MailTransport`` keeps working; import from here.
"""

from __future__ import annotations

from dispatch.mail.smtp.pacing import group_for_batches
from dispatch.mail.smtp.results import (
    AuthenticationError,
    CertificateError,
    ConnectionReport,
    MailTransportError,
    Outcome,
    RecipientResult,
    RelayUnavailableError,
    SendProgress,
    StartTlsMissingError,
    TlsError,
    retry_delay,
    summarize,
)
from dispatch.mail.smtp.settings import (
    DEFAULT_DOMAIN_POLICIES,
    OTHER_DOMAINS,
    CarrierGroups,
    DomainPolicy,
    Security,
    SmtpSettings,
    policies_from_json,
    policies_to_json,
    tls_context,
)
from dispatch.mail.smtp.transport import MailTransport

__all__ = [
    "DEFAULT_DOMAIN_POLICIES",
    "OTHER_DOMAINS",
    "AuthenticationError",
    "CarrierGroups",
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
    "policies_from_json",
    "policies_to_json",
    "retry_delay",
    "summarize",
    "tls_context",
]
