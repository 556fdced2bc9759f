"""``doctor``'s look at the bounce mailbox: set at all, reachable over verified TLS, login.

Kept apart from :mod:`dispatch.checks.doctor` (which wraps the answer in its ``Check``): the
answer is (level, what was found, what to do), worded without the password.
"""

from __future__ import annotations

import imaplib
import ssl

from dispatch.engine.relay import relay_settings
from dispatch.mail.imap import SKIPPED, connect
from dispatch.records.bounces import bounce_mailbox
from dispatch.store.database import Connection


def probe_bounce_mailbox(connection: Connection) -> tuple[str, str, str] | None:
    """``None`` while mail goes to the embedded sink (nothing can bounce); else the level
    (``OK``, ``WARN``, ``FAIL``), what was found and what to do."""
    if relay_settings(connection) is None:
        return None
    settings = bounce_mailbox(connection)
    if settings is None:
        return (
            "WARN",
            "no bounce mailbox: carriers' bounces are not read, so a dead address is suspended "
            "only when the relay refuses it at once",
            "Set bounces.imap_host, bounces.imap_user and bounces.imap_password (see "
            "docs/admin/mail-relay.md §7).",
        )
    where = f"{settings.host}:{settings.port} ({settings.security})"
    try:
        client = connect(settings)
    except ssl.SSLCertVerificationError as error:
        return (
            "FAIL",
            f"{where}: the certificate is not trusted ({error.verify_message})",
            "Set bounces.imap_cafile to the mail server's CA (PEM); check bounces.imap_host "
            "is the name in its certificate.",
        )
    except (OSError, imaplib.IMAP4.error) as error:
        return (
            "FAIL",
            f"{where}: not reachable over TLS ({error})",
            "Check bounces.imap_host, bounces.imap_port and bounces.imap_security.",
        )
    try:
        client.login(settings.user, settings.password)
        client.select(settings.folder, readonly=True)
        _, data = client.uid("SEARCH", "UNDELETED", "UNKEYWORD", SKIPPED)
        waiting = len((data[0] or b"").split())
    except imaplib.IMAP4.error:
        return (
            "FAIL",
            f"{where}: login or folder {settings.folder!r} refused",
            "Set the right bounces.imap_user, bounces.imap_password and bounces.imap_folder.",
        )
    finally:
        try:
            client.logout()
        except (OSError, imaplib.IMAP4.error):
            client.shutdown()
    return ("OK", f"{where}: {waiting} mail(s) not read yet", "")
