"""Reading a mailbox over IMAP with verified TLS: :class:`ImapSettings` and :func:`connect`.

Used by the registration mailbox (empty-mail registration) and the bounce mailbox. Implicit
TLS (993) or STARTTLS (143), the certificate chain and host name verified
(:func:`dispatch.mail.smtp.tls_context`); there is no plain-text mode. The password is never
shown by ``repr(settings)``.

:func:`forget` removes only the messages given, by UID (UIDPLUS ``UID EXPUNGE``): a plain
``EXPUNGE`` would also remove whatever someone else marked deleted in a shared mailbox.
"""

from __future__ import annotations

import imaplib
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from dispatch.mail.smtp import tls_context


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

    def __post_init__(self) -> None:
        if self.security not in ("implicit", "starttls"):
            raise ValueError("IMAP security must be implicit or starttls; never plain text")


def connect(settings: ImapSettings) -> imaplib.IMAP4:
    context = tls_context(settings.cafile)
    client: imaplib.IMAP4
    if settings.security == "implicit":
        client = imaplib.IMAP4_SSL(
            settings.host, settings.port, ssl_context=context, timeout=settings.timeout
        )
    else:
        client = imaplib.IMAP4(settings.host, settings.port, timeout=settings.timeout)
        try:
            client.starttls(ssl_context=context)  # refuses if the server does not offer it
        except BaseException:
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
