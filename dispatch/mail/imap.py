"""Reading a mailbox over IMAP with verified TLS: :class:`ImapSettings` and :func:`connect`.

Used by the registration mailbox (empty-mail registration) and the bounce mailbox. Implicit
TLS (993) or STARTTLS (143), the certificate chain and host name verified
(:func:`dispatch.mail.smtp.tls_context`); there is no plain-text mode. The password is never
shown by ``repr(settings)``.

:func:`forget` removes only the messages given, by UID (UIDPLUS ``UID EXPUNGE``): a plain
``EXPUNGE`` would also remove whatever someone else marked deleted in a shared mailbox.
"""

from __future__ import annotations

import contextlib
import imaplib
import socket
import ssl
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from dispatch.mail.smtp import tls_context
from dispatch.mail.smtp.settings import TLS_HANDSHAKE_TIMEOUT


@dataclass(frozen=True)
class ImapSettings:
    host: str
    port: int = 993
    security: str = "implicit"  # or "starttls"
    user: str = ""
    password: str = field(default="", repr=False)
    cafile: Path | None = None
    folder: str = "INBOX"
    timeout: float = 30.0
    #: The whole TLS handshake (see dispatch.mail.smtp.settings.TLS_HANDSHAKE_TIMEOUT).
    handshake_timeout: float = TLS_HANDSHAKE_TIMEOUT

    def __post_init__(self) -> None:
        if self.security not in ("implicit", "starttls"):
            raise ValueError("IMAP security must be implicit or starttls; never plain text")


class HandshakeTimeout(TimeoutError):
    """The mail server took the connection but did not complete the TLS handshake in time.
    A ``TimeoutError`` (so an ``OSError``): every reader already treats it as "not reachable
    now, try at the next poll"; its text says what happened."""


def _too_slow(settings: ImapSettings) -> HandshakeTimeout:
    return HandshakeTimeout(
        f"the mail server {settings.host}:{settings.port} did not complete the TLS handshake "
        f"within {settings.handshake_timeout:g} s (check its host, port and implicit/starttls)"
    )


class _BoundedIMAP4_SSL(imaplib.IMAP4_SSL):
    """``IMAP4_SSL`` whose handshake has a bound of its own, apart from the ``timeout`` that
    imaplib gives the TCP connect and every read."""

    def __init__(self, settings: ImapSettings, context: ssl.SSLContext) -> None:
        self.settings = settings
        self.context = context
        super().__init__(
            settings.host, settings.port, ssl_context=context, timeout=settings.timeout
        )

    def _create_socket(self, timeout: float | None) -> socket.socket:
        sock = socket.create_connection((self.settings.host, self.settings.port), timeout)
        # One deadline over the whole handshake (CPython's), not a wait per record.
        sock.settimeout(self.settings.handshake_timeout)
        try:
            wrapped = self.context.wrap_socket(sock, server_hostname=self.settings.host)
        except TimeoutError:
            sock.close()
            raise _too_slow(self.settings) from None
        except BaseException:
            sock.close()
            raise
        wrapped.settimeout(timeout)
        return wrapped


def connect(settings: ImapSettings) -> imaplib.IMAP4:
    """A connection with TLS verified; the handshake bounded by ``settings.handshake_timeout``
    (a server that takes the connection and never speaks TLS: :class:`HandshakeTimeout`)."""
    context = tls_context(settings.cafile)
    if settings.security == "implicit":
        return _BoundedIMAP4_SSL(settings, context)
    client = imaplib.IMAP4(settings.host, settings.port, timeout=settings.timeout)
    try:
        client.sock.settimeout(settings.handshake_timeout)  # STARTTLS, its reply, the handshake
        try:
            client.starttls(ssl_context=context)  # refuses if the server does not offer it
        except TimeoutError:
            raise _too_slow(settings) from None
        client.sock.settimeout(settings.timeout)
    except BaseException:
        with contextlib.suppress(OSError):  # a failed handshake has already let go of it
            client.shutdown()
        raise
    return client


def forget(client: imaplib.IMAP4, uids: Sequence[str]) -> bool:
    """Delete exactly the messages ``uids`` (selected folder). Without UIDPLUS they are only
    flagged ``\\Deleted`` and left for the mailbox's owner; returns whether they were removed."""
    if not uids:
        return True
    joined = ",".join(uids)
    client.uid("STORE", joined, "+FLAGS", "(\\Deleted)")
    _, data = client.capability()  # after login: servers announce UIDPLUS only then
    announced = b" ".join(d for d in data if isinstance(d, bytes)).upper().split()
    if b"UIDPLUS" not in announced:
        return False
    client.uid("EXPUNGE", joined)
    return True


#: The keyword set on a message that was read and left alone (not ours): it is not read again.
SKIPPED = "$KishomailSkipped"


def skip(client: imaplib.IMAP4, uids: Sequence[str]) -> None:
    """Mark ``uids`` as read-and-left (:data:`SKIPPED`); nothing else about them changes."""
    if uids:
        client.uid("STORE", ",".join(uids), "+FLAGS", f"({SKIPPED})")


def open_folder(client: imaplib.IMAP4, settings: ImapSettings) -> list[str]:
    """Log in, select the folder and list the UIDs not yet handled (neither deleted nor
    marked :data:`SKIPPED`)."""
    client.login(settings.user, settings.password)
    client.select(settings.folder)
    _, data = client.uid("SEARCH", "UNDELETED", "UNKEYWORD", SKIPPED)
    return (data[0] or b"").decode("ascii").split()
