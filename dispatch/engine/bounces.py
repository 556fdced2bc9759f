"""Reading the bounce mailbox: IMAP over verified TLS, a job of the running service.

Each poll reads every mail not yet read (``UNDELETED UNKEYWORD $KishomailSkipped``, at most
:data:`MAX_MESSAGE_BYTES` each) and gives what :func:`dispatch.mail.bounces.read_bounce`
makes of it to :class:`dispatch.records.bounces.BounceBook`. **It never deletes what it does
not own**: only a mail it read as a bounce of one of our deliveries (counted hard or soft, or
sent again) is removed, by UID. Everything else — mail that is not a bounce, a bounce without
a token of ours, a forged one — is left where it is, marked with the ``$KishomailSkipped``
keyword so that it is not read again; the office can still read it in its own mail program.
"""

from __future__ import annotations

import collections
import imaplib
import logging
import re

from dispatch.base.clock import Clock
from dispatch.mail.bounces import read_bounce
from dispatch.mail.imap import ImapSettings, connect, forget, open_folder, skip
from dispatch.records.bounces import BounceBook, bounce_mailbox, bounce_rules
from dispatch.records.settings import get_setting
from dispatch.store.database import Store, transaction

log = logging.getLogger(__name__)

MAX_MESSAGE_BYTES = 512 * 1024
_SIZE = re.compile(rb"RFC822\.SIZE (\d+)")
#: Outcomes after which the mail is ours and removed.
_OWNED = ("hard", "soft", "retry")


class BouncePoller:
    def __init__(self, settings: ImapSettings, store: Store, clock: Clock) -> None:
        self.settings = settings
        self.store = store
        self.clock = clock

    def poll_once(self) -> collections.Counter[str]:
        """Read the mailbox once; how many mails had each outcome (``hard``, ``soft``,
        ``retry``, ``forged``, ``not a bounce``, ``too large``)."""
        seen: collections.Counter[str] = collections.Counter()
        client = connect(self.settings)
        try:
            for uid in open_folder(client, self.settings):
                try:
                    outcome = self._handle(client, uid)
                except (OSError, imaplib.IMAP4.error):
                    raise  # the mailbox is gone: the next poll starts again
                except Exception:  # this mail only: left as it is, tried at the next poll
                    log.exception("bounce mailbox: a mail could not be handled; kept")
                    seen["kept"] += 1
                    continue
                seen[outcome] += 1
                # At once, mail by mail: a bounce counted is never read (and counted) again.
                if outcome in _OWNED:
                    if not forget(client, [uid]):
                        log.warning("bounce mailbox: no UIDPLUS; a handled bounce only flagged")
                else:
                    skip(client, [uid])
            client.close()
        finally:
            try:
                client.logout()
            except (OSError, imaplib.IMAP4.error):
                client.shutdown()
        if seen:
            log.info("bounce mailbox read: %s", dict(seen))
        return seen

    def _handle(self, client: imaplib.IMAP4, uid: str) -> str:
        _, size_data = client.uid("FETCH", uid, "(RFC822.SIZE)")
        match = _SIZE.search(b" ".join(x for x in size_data if isinstance(x, bytes)))
        if match is None or int(match.group(1)) > MAX_MESSAGE_BYTES:
            return "too large"
        _, fetched = client.uid("FETCH", uid, "(BODY.PEEK[])")
        raw = next((part[1] for part in fetched if isinstance(part, tuple)), b"")
        connection = self.store.connection()
        local_part = str(get_setting(connection, "bounces.local_part"))
        bounce = read_bounce(raw, local_part)
        if bounce is None:
            return "not a bounce"
        if not bounce.tokens and not bounce.too_many:
            return "not ours"  # a bounce of other mail (the office's own): leave it be
        with transaction(connection):
            taken = BounceBook(connection, self.clock).take(bounce, bounce_rules(connection))
        return taken.outcome


def read_bounce_mailbox(store: Store, clock: Clock) -> collections.Counter[str] | None:
    """One poll of the bounce mailbox (service job); ``None`` while none is configured."""
    settings = bounce_mailbox(store.connection())
    if settings is None:
        return None
    try:
        return BouncePoller(settings, store, clock).poll_once()
    except (OSError, imaplib.IMAP4.error, ValueError) as error:
        log.warning("bounce mailbox could not be read: %s", error)
        return None
