"""The registration service's two threads: one owns the store connection, one sends the mail.

Every store access runs on :class:`StoreWorker`, which owns its SQLCipher connection; the web
app and the mailbox poller hand work to it. Mails go out from :class:`Mailer`, so a page answers
in the same time whether or not a mail was sent.
"""

from __future__ import annotations

import concurrent.futures
import logging
import queue
import threading
from collections.abc import Callable
from typing import TypeVar

from dispatch.mail.message import Envelope
from dispatch.mail.smtp import MailTransport, SmtpSettings
from dispatch.store.database import Store

log = logging.getLogger(__name__)

T = TypeVar("T")


class StoreWorker:
    """One thread that owns a store connection; :meth:`call` runs a function on it."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._executor = concurrent.futures.ThreadPoolExecutor(
            max_workers=1, thread_name_prefix="registration-store"
        )

    def submit(self, work: Callable[[], T]) -> concurrent.futures.Future[T]:
        return self._executor.submit(work)

    def call(self, work: Callable[[], T], timeout: float = 60.0) -> T:
        return self.submit(work).result(timeout)

    def close(self) -> None:
        try:
            self._executor.submit(self.store.close_thread_connection).result(30)
        finally:
            self._executor.shutdown(wait=True)


class Mailer:
    """Sends registration mails one by one from a thread of its own."""

    def __init__(self, relay: SmtpSettings) -> None:
        self._transport = MailTransport(relay)
        self._queue: queue.Queue[Envelope | None] = queue.Queue()
        self._idle = threading.Condition()
        self._pending = 0
        self.sent = 0
        self.failed = 0
        self._thread = threading.Thread(target=self._run, name="registration-mail", daemon=True)
        self._thread.start()

    def submit(self, envelope: Envelope) -> None:
        with self._idle:
            self._pending += 1
        self._queue.put(envelope)

    def wait_idle(self, timeout: float = 30.0) -> bool:
        with self._idle:
            return self._idle.wait_for(lambda: self._pending == 0, timeout)

    def close(self) -> None:
        self._queue.put(None)
        self._thread.join(60)
        self._transport.close()

    def _run(self) -> None:
        while True:
            envelope = self._queue.get()
            if envelope is None:
                return
            try:
                results = list(self._transport.send([envelope]))
                accepted = bool(results) and all(r.outcome == "accepted" for r in results)
                if accepted:
                    self.sent += 1
                else:
                    self.failed += 1
                    log.warning(
                        "registration mail %s not accepted: %s",
                        envelope.message_id,
                        [(r.outcome, r.code) for r in results],
                    )
            except Exception as error:  # the relay is down: the person may try again
                self.failed += 1
                log.warning("registration mail %s not sent: %s", envelope.message_id, error)
            finally:
                with self._idle:
                    self._pending -= 1
                    self._idle.notify_all()
