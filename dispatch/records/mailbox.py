"""The local mailbox: what the embedded sink received while no relay was set, kept in the store.

The messages are addressed to residents, so they live in the SQLCipher store under the data key
(table ``mailbox``), like the subscribers themselves: readable only through an unlocked store
(staff in the GUI's mailbox view and ``kishomail mailbox``), re-encrypted by a rekey, in the
backups, purged after ``retention.delivery_days``, cleared of an erased resident's address
(:func:`forget_addresses`) and emptied by ``erase-all``.

:class:`StoreKeeper` is the sink's keeper (the sink itself knows nothing of the store). An older
version kept plain ``.eml``/``.json`` files; :func:`adopt_plaintext_mailbox` moves them in and
removes them the first time the mailbox is opened.
"""

from __future__ import annotations

import json
import logging
import queue
import threading
from collections.abc import Sequence
from concurrent.futures import Future
from datetime import datetime
from pathlib import Path
from typing import Any

from dispatch.base.clock import from_iso, to_iso
from dispatch.mail.sink import (
    KeptMessage,
    MailboxEntry,
    destroy_file,
    is_unreadable,
    plaintext_messages,
)
from dispatch.store.database import Connection, Store, transaction

log = logging.getLogger(__name__)

#: Where older versions kept the mailbox as plain files, inside the data folder.
PLAINTEXT_FOLDER = Path("mailsink") / "mailbox"

_COLUMNS = "id, received_at, sender, recipients, subject, message_id, size"
#: At most this many messages in one transaction of the sink's keeper.
_GROUP = 64


def _entry(row: Sequence[Any]) -> MailboxEntry:
    return MailboxEntry(
        id=str(row[0]),
        received_at=from_iso(str(row[1])),
        sender=str(row[2]),
        recipients=tuple(json.loads(row[3])),
        subject=str(row[4]),
        message_id=str(row[5]),
        size=int(row[6]),
    )


def keep_message(connection: Connection, message: KeptMessage) -> None:
    """Keep one message (caller's transaction); a message kept before is left as it is."""
    entry = message.entry
    connection.execute(
        f"INSERT OR IGNORE INTO mailbox ({_COLUMNS}, message) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (
            entry.id,
            to_iso(entry.received_at),
            entry.sender,
            json.dumps(list(entry.recipients), ensure_ascii=False),
            entry.subject,
            entry.message_id,
            entry.size,
            message.raw,
        ),
    )


def list_messages(connection: Connection) -> list[MailboxEntry]:
    """Everything the sink kept, newest first."""
    rows = connection.execute(
        f"SELECT {_COLUMNS} FROM mailbox ORDER BY received_at DESC, id DESC"
    ).fetchall()
    return [_entry(row) for row in rows]


def read_message(connection: Connection, entry_id: str) -> bytes | None:
    """The stored message (with its "not sent" header), ``None`` when there is no such one."""
    row = connection.execute("SELECT message FROM mailbox WHERE id = ?", (entry_id,)).fetchone()
    return bytes(row[0]) if row else None


def count_messages(connection: Connection) -> int:
    return int(connection.execute("SELECT count(*) FROM mailbox").fetchone()[0])


def clear_mailbox(connection: Connection) -> int:
    """Delete every message (caller's transaction); returns how many there were."""
    return int(connection.execute("DELETE FROM mailbox").rowcount)


def purge_messages(connection: Connection, before: datetime) -> int:
    """Delete messages received before ``before`` (caller's transaction); returns how many."""
    return int(
        connection.execute("DELETE FROM mailbox WHERE received_at < ?", (to_iso(before),)).rowcount
    )


def forget_addresses(connection: Connection, addresses: set[str]) -> int:
    """Erase what the mailbox keeps of these (normalised) addresses (caller's transaction): a
    message to one of them alone is deleted; in a message to several (batch mode, the others in
    its envelope only) the address is taken out of the envelope record. Returns how many
    messages were deleted."""
    if not addresses:
        return 0
    deleted = 0
    for entry_id, recipients_json in connection.execute(
        "SELECT id, recipients FROM mailbox"
    ).fetchall():
        recipients = [str(r) for r in json.loads(recipients_json)]
        kept = [r for r in recipients if r.lower() not in addresses]
        if len(kept) == len(recipients):
            continue
        if kept:
            connection.execute(
                "UPDATE mailbox SET recipients = ? WHERE id = ?",
                (json.dumps(kept, ensure_ascii=False), entry_id),
            )
        else:
            connection.execute("DELETE FROM mailbox WHERE id = ?", (entry_id,))
            deleted += 1
    return deleted


def adopt_plaintext_mailbox(connection: Connection, data_dir: Path) -> int:
    """Move a mailbox an older version kept as plain files into the store, then overwrite and
    delete the files (after the commit: a crash in between leaves them to be moved again,
    never lost). Returns how many messages were moved."""
    folder = data_dir / PLAINTEXT_FOLDER
    if not folder.is_dir():
        return 0
    found = list(plaintext_messages(folder))
    if not found:
        return 0
    with transaction(connection):
        for message, _files in found:
            if not is_unreadable(message):
                keep_message(connection, message)
    for _message, files in found:
        for path in files:
            destroy_file(path)
    if not any(folder.iterdir()):
        folder.rmdir()
    moved = sum(1 for message, _ in found if not is_unreadable(message))
    log.info("moved %d messages of the local mailbox into the encrypted store", moved)
    return moved


class StoreKeeper:
    """The sink's keeper: messages in the store. One writer thread keeps whatever has arrived
    meanwhile in one transaction (a group commit: one disk sync for the messages of several
    connections), and each ``keep`` returns once its message is committed, so the sink's
    "kept" reply is true. The writer uses its own connection, closed by ``close``."""

    def __init__(self, store: Store) -> None:
        self._store = store
        self._pending: queue.SimpleQueue[tuple[KeptMessage, Future[None]] | None] = (
            queue.SimpleQueue()
        )
        self._lock = threading.Lock()
        self._writer: threading.Thread | None = None

    def keep(self, message: KeptMessage) -> None:
        done: Future[None] = Future()
        with self._lock:
            if self._writer is None:
                self._writer = threading.Thread(
                    target=self._write, name="kishomail-mailbox-writer", daemon=True
                )
                self._writer.start()
            self._pending.put((message, done))
        done.result()  # the writer's error, if any, is raised here (the sink answers 451)

    def _write(self) -> None:
        try:
            while True:
                item = self._pending.get()
                if item is None:
                    return
                batch = [item]
                while not self._pending.empty() and len(batch) < _GROUP:
                    more = self._pending.get()
                    if more is None:
                        self._pending.put(None)  # stop after this batch
                        break
                    batch.append(more)
                self._commit(batch)
        finally:
            self._store.close_thread_connection()

    def _commit(self, batch: list[tuple[KeptMessage, Future[None]]]) -> None:
        try:
            with transaction(self._store.connection()) as connection:
                for message, _ in batch:
                    keep_message(connection, message)
        except Exception as error:
            for _, done in batch:
                done.set_exception(error)
        else:
            for _, done in batch:
                done.set_result(None)

    def close(self) -> None:
        """Stop the writer once what was given to it is kept."""
        with self._lock:
            writer, self._writer = self._writer, None
            if writer is not None:
                self._pending.put(None)
        if writer is not None:
            writer.join()
