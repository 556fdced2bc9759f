"""Registration by empty mail (空メール登録): poll the registration mailbox over IMAP with TLS.

Each mail is classified (:func:`dispatch.registration.inbound.classify`) and then:

* an empty (or any ordinary) mail is answered with a link to the page, pre-filled with the
  sender's address and tokened — following it is the opt-in;
* ``stop``/``停止`` from an active subscriber is answered with the signed stop link: From can
  be forged, so a mail alone never stops anyone's alerts;
* a DSN counts a hard failure against the subscriber, only for a message we sent them;
* loops, auto-replies, lists and robots are dropped without an answer.

A handled mail (a registration, a stop request, a DSN counted for a message we sent) is
deleted from the mailbox (it holds an address: kept no longer than needed) — that mail only,
by UID. Everything else (auto-replies, the office's control copies, a DSN that is not ours,
mail too large) is left untouched, marked with a keyword so it is not read again: the mailbox
may be shared with the office. A mail whose handling failed stays and is tried again at the
next poll. TLS is always on:
implicit TLS (993) or STARTTLS (143), the certificate and host name verified.
"""

from __future__ import annotations

import collections
import imaplib
import logging
import re
import threading

from dispatch.mail.imap import ImapSettings as ImapSettings
from dispatch.mail.imap import connect, forget, open_folder, skip
from dispatch.records.settings import mailbox_settings
from dispatch.registration.inbound import Kind, classify
from dispatch.registration.service import Registrations
from dispatch.registration.threads import StoreWorker
from dispatch.store.database import Connection

log = logging.getLogger(__name__)

MAX_MESSAGE_BYTES = 512 * 1024
_SIZE = re.compile(rb"RFC822\.SIZE (\d+)")
#: What this poller owns and deletes once handled; every other mail is left in the mailbox.
_HANDLED = (str(Kind.REGISTER), str(Kind.STOP), str(Kind.BOUNCE))


def imap_settings(connection: Connection) -> ImapSettings | None:
    """The registration mailbox's IMAP settings; ``None`` while not configured."""
    return mailbox_settings(connection, "registration")


class MailboxPoller:
    def __init__(
        self,
        settings: ImapSettings,
        registrations: Registrations,
        worker: StoreWorker,
        own_addresses: tuple[str, ...] = (),
    ) -> None:
        self.settings = settings
        self.registrations = registrations
        self.worker = worker
        self.own_addresses = own_addresses

    def poll_once(self) -> collections.Counter[str]:
        """Handle every mail now in the folder; returns how many of each kind."""
        seen: collections.Counter[str] = collections.Counter()
        client = connect(self.settings)
        try:
            for uid in open_folder(client, self.settings):
                kind = self._handle(client, uid)
                seen[kind] += 1
                # At once, mail by mail: a poll cut short never handles a mail twice.
                if kind in _HANDLED:
                    forget(client, [uid])
                elif kind != "kept":
                    skip(client, [uid])
            client.close()
        finally:
            try:
                client.logout()
            except (OSError, imaplib.IMAP4.error):
                client.shutdown()
        return seen

    def _handle(self, client: imaplib.IMAP4, uid: str) -> str:
        _, size_data = client.uid("FETCH", uid, "(RFC822.SIZE)")
        match = _SIZE.search(b" ".join(x for x in size_data if isinstance(x, bytes)))
        if match is None or int(match.group(1)) > MAX_MESSAGE_BYTES:
            log.info("registration mailbox: a mail too large or without size, dropped")
            return "too large"
        _, fetched = client.uid("FETCH", uid, "(BODY.PEEK[])")
        raw = next((part[1] for part in fetched if isinstance(part, tuple)), b"")
        inbound = classify(raw, self.own_addresses)
        registrations = self.registrations
        try:
            if inbound.kind is Kind.REGISTER:
                self.worker.call(lambda: registrations.invite(inbound.sender))
            elif inbound.kind is Kind.STOP:
                self.worker.call(lambda: registrations.stop_requested(inbound.sender))
            elif inbound.kind is Kind.BOUNCE:
                if not self.worker.call(lambda: registrations.bounced(inbound)):
                    return "bounce not ours"
            else:
                log.info("registration mailbox: ignored a mail (%s)", inbound.reason)
        except Exception:
            log.exception("registration mailbox: could not handle a mail; kept for the next poll")
            return "kept"
        return str(inbound.kind)

    def run(self, stop: threading.Event, interval: float) -> None:
        """Poll until ``stop`` is set; a failed poll is logged and retried next time."""
        while not stop.is_set():
            try:
                self.poll_once()
            except Exception as error:
                log.warning("registration mailbox poll failed: %s", error)
            stop.wait(interval)
