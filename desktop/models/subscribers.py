"""The subscriber table: 100,000 rows, read lazily by one dedicated reader thread.

Decision (written down in docs/architecture.md's terms): the subscriber view reads through a
connection owned by ONE reader thread, never on the GUI thread. A page read goes through
``Session.list_subscribers`` (permission check and the audit entry "who saw which rows"),
and that audit append is a write which may wait behind a dispatch's write transaction
(``busy_timeout``); on the GUI thread that wait would freeze the window. The reader thread
takes the wait instead, and the model simply receives the page a little later.

Requests carry a generation number: when the filter changes, pages of the old filter still
queued are skipped, and late answers are dropped by the model.
"""

from __future__ import annotations

import logging
import queue
import threading
from dataclasses import dataclass, replace
from typing import Any

from PySide6.QtCore import QObject, Signal

from desktop.models.table import Column, RecordTableModel
from dispatch.operations import subscribers as subscriber_ops
from dispatch.operations.dispatches import subscriber_bounces
from dispatch.operations.session import Session
from dispatch.records.subscriber_queries import SubscriberQuery
from dispatch.records.subscribers import Subscriber

log = logging.getLogger(__name__)

PAGE_SIZE = 200


@dataclass(frozen=True)
class _Request:
    generation: int
    kind: str  # page | count
    query: SubscriberQuery
    offset: int = 0


class SubscriberReader(QObject):
    """One thread, one connection, a queue of page and count requests."""

    pageReady = Signal(int, int, object, bool)  # generation, offset, rows, more
    countReady = Signal(int, int)  # generation, count
    failed = Signal(int, object)  # generation, exception
    #: The days counted and {subscriber id: (hard, soft) bounces} of a page's subscribers.
    bouncesReady = Signal(int, object)

    def __init__(self, session: Session, page_size: int | None = None) -> None:
        super().__init__()
        self.session = session
        self.page_size = page_size or PAGE_SIZE
        self._queue: queue.Queue[_Request | None] = queue.Queue()
        self._latest = 0
        self._warm = False
        self._thread = threading.Thread(target=self._run, name="subscriber-reader", daemon=True)
        self._thread.start()

    def request_page(self, generation: int, query: SubscriberQuery, offset: int) -> None:
        self._latest = max(self._latest, generation)
        self._queue.put(_Request(generation, "page", query, offset))

    def request_count(self, generation: int, query: SubscriberQuery) -> None:
        self._latest = max(self._latest, generation)
        self._queue.put(_Request(generation, "count", query))

    def stop(self) -> None:
        self._queue.put(None)
        self._thread.join(timeout=30)

    def _run(self) -> None:
        try:
            while True:
                request = self._queue.get()
                if request is None:
                    return
                if request.generation < self._latest:
                    continue  # the filter changed since: nobody waits for this any more
                for attempt in range(1, 4):
                    try:
                        self._serve(request)
                        break
                    except Exception as error:
                        # "database is locked": the audit entry of a page waited longer than
                        # busy_timeout behind a dispatch's writes. Try again, then give up.
                        if "locked" in str(error) and attempt < 3:
                            log.info("subscriber read waited on the lock; again (%d)", attempt)
                            continue
                        log.warning("subscriber read failed: %s", error)
                        self.failed.emit(request.generation, error)
                        break
                if request.kind == "count" and not self._warm and self._queue.empty():
                    self._warm_cache()
        finally:
            self.session.store.close_thread_connection()

    def _warm_cache(self) -> None:
        """Read the table once on this thread's connection, so that SQLCipher's page cache
        holds it decrypted: a later filter by address fragment scans memory (~0.1 s on
        100,000 rows) instead of decrypting the file (~0.4 s)."""
        self._warm = True
        subscriber_ops.warm_subscriber_cache(self.session)

    def _serve(self, request: _Request) -> None:
        if request.kind == "count":
            count = subscriber_ops.count_subscribers(self.session, request.query)
            self.countReady.emit(request.generation, count)
            return
        query = replace(request.query, limit=self.page_size + 1, offset=request.offset)
        rows = subscriber_ops.list_subscribers(self.session, query)
        more = len(rows) > self.page_size
        days, counts = subscriber_bounces(self.session, [s.id for s in rows[: self.page_size]])
        self.bouncesReady.emit(days, counts)
        self.pageReady.emit(request.generation, request.offset, rows[: self.page_size], more)


class SubscriberTableModel(RecordTableModel):
    """Rows arrive a page at a time; :meth:`set_query` starts over with a new filter."""

    #: The number of subscribers matching the filter (arrives after the first page).
    countChanged = Signal(int)
    #: A read failed (exception), e.g. a permission or lock problem.
    readFailed = Signal(object)

    def __init__(
        self, reader: SubscriberReader, columns: list[Column], parent: QObject | None = None
    ) -> None:
        super().__init__(columns, parent)
        self.reader = reader
        self.query = SubscriberQuery()
        self.total: int | None = None
        self._generation = 0
        self.fetcher = self._fetch_next
        self.orderer = self._order
        #: Bounces of the loaded subscribers: (hard, soft) by id, over ``bounce_days`` days.
        self.bounces: dict[int, tuple[int, int]] = {}
        self.bounce_days = 30
        reader.bouncesReady.connect(self._bounces_ready)
        reader.pageReady.connect(self._page_ready)
        reader.countReady.connect(self._count_ready)
        reader.failed.connect(self._failed)

    def set_query(self, query: SubscriberQuery) -> None:
        self._generation += 1
        self.query = query
        self.total = None
        self.replace([], more=False)
        self.reader.request_page(self._generation, query, 0)
        self.reader.request_count(self._generation, query)
        self._mark_pending()

    def _order(self, column: str, descending: bool) -> None:
        """A header click: the whole filtered set, read again in the core in that order."""
        self.set_query(replace(self.query, sort=column, descending=descending))

    def refresh(self) -> None:
        self.set_query(self.query)

    def _mark_pending(self) -> None:
        self._pending = True

    def _fetch_next(self, model: RecordTableModel) -> None:
        self.reader.request_page(self._generation, self.query, len(self.rows))

    def _page_ready(self, generation: int, offset: int, rows: list[Subscriber], more: bool) -> None:
        if generation != self._generation or offset != len(self.rows):
            return
        self.append(rows, more=more)

    def _bounces_ready(self, days: int, counts: dict[int, tuple[int, int]]) -> None:
        self.bounce_days = days
        self.bounces.update(counts)

    def _count_ready(self, generation: int, count: int) -> None:
        if generation == self._generation:
            self.total = count
            self.countChanged.emit(count)

    def _failed(self, generation: int, error: Any) -> None:
        if generation == self._generation:
            self.fetch_failed()
            self.readFailed.emit(error)

    def row_of(self, subscriber_id: int) -> int | None:
        for row, record in enumerate(self.rows):
            if record.id == subscriber_id:
                return row
        return None
