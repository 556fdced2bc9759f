"""Opening the SQLCipher database: the raw key, the checks, the pragmas, transactions.

**Connections and threads.** A connection belongs to the thread that opened it (sqlcipher3's
``check_same_thread`` enforces this). Code asks the :class:`Store` for
:meth:`Store.connection`, which gives each thread its own long-lived connection. WAL lets
readers go on while one writer writes; writers take the write lock up front with
``BEGIN IMMEDIATE`` (see :func:`transaction`) and wait up to ``busy_timeout`` for each other.
"""

from __future__ import annotations

import logging
import shutil
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Protocol

import sqlcipher3

from dispatch.base.errors import (
    NotAKishomailDatabase,
    StoreBusy,
    StoreError,
    StoreFull,
    StoreMissing,
    StoreTooNew,
)
from dispatch.store.files import DB_FILE, KEY_FILE
from dispatch.store.migrations import LATEST_VERSION, migrate
from dispatch.store.private import create_private_file, tighten
from dispatch.store.signing import AuditSigner

log = logging.getLogger(__name__)

#: ``PRAGMA application_id`` of every kishomail database ("KMAL").
APPLICATION_ID = 0x4B4D414C
_PLAIN_SQLITE_HEADER = b"SQLite format 3\x00"

#: The values a statement's ``?`` (or ``:name``) placeholders are bound to.
Parameters = Sequence[Any] | Mapping[str, Any]


class Cursor(Protocol):
    """What our code uses of a sqlcipher3 cursor (the ``sqlite3`` DB-API shape). A row is a
    tuple-like of column values whose types depend on the query, hence ``Any``."""

    # ``None`` on a cursor that has inserted nothing; we read it only after an INSERT.
    @property
    def lastrowid(self) -> int: ...

    @property
    def rowcount(self) -> int: ...

    def fetchone(self) -> Any: ...

    def fetchall(self) -> list[Any]: ...

    def fetchmany(self, size: int) -> list[Any]: ...

    def __iter__(self) -> Iterator[Any]: ...


class Connection(Protocol):
    """What our code uses of a sqlcipher3 connection. sqlcipher3 ships no type information;
    this names the methods it offers (as ``sqlite3.Connection`` does) so that mypy checks
    every call on a connection instead of letting ``Any`` through."""

    @property
    def in_transaction(self) -> bool: ...

    def execute(self, sql: str, parameters: Parameters = ..., /) -> Cursor: ...

    def executemany(self, sql: str, parameters: Iterable[Parameters], /) -> Cursor: ...

    def executescript(self, sql_script: str, /) -> Cursor: ...

    def commit(self) -> None: ...

    def rollback(self) -> None: ...

    def close(self) -> None: ...

    def set_trace_callback(self, callback: Callable[[str], object] | None, /) -> None: ...


def open_database(path: Path, data_key: bytes, *, create: bool = False) -> Connection:
    """Open (or with ``create`` make) the database, check it is ours, bring the schema up to
    date and set the pragmas. Nothing is written to a file that fails a check."""
    if not create and not path.exists():
        raise StoreMissing(
            f"There is no kishomail database at {path}. Run 'kishomail init' to create one, "
            "or point --data-dir at the folder that holds it."
        )
    if not create:
        _refuse_plain_sqlite(path)
    else:  # 0600 before SQLite first writes it; its WAL and SHM files then get the same mode
        create_private_file(path)
    connection: Connection = sqlcipher3.connect(
        str(path), isolation_level=None, check_same_thread=True
    )
    try:
        # SQLCipher would print decryption failures on stderr; we report them ourselves.
        connection.execute("PRAGMA cipher_log_level = NONE")
        # The key comes before any access; a raw hex key skips SQLCipher's PBKDF2.
        connection.execute(f"PRAGMA key = \"x'{data_key.hex()}'\"")
        _check_identity(connection, path, create=create)
        connection.execute("PRAGMA busy_timeout = 10000")
        connection.execute("PRAGMA journal_mode = WAL")
        connection.execute("PRAGMA synchronous = FULL")
        connection.execute("PRAGMA foreign_keys = ON")
        connection.execute("PRAGMA secure_delete = ON")
        connection.execute("PRAGMA cache_size = -65536")
        if create:
            connection.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        else:
            _copy_before_upgrade(connection, path)
        migrate(connection)
        tighten(path.parent)  # the folder 0700, every file in it 0600 (also an older store's)
    except sqlcipher3.DatabaseError as error:
        connection.close()
        explained = storage_error(error, path.parent)
        if explained is None:
            raise
        raise explained from None
    except BaseException:
        connection.close()
        raise
    return connection


def _refuse_plain_sqlite(path: Path) -> None:
    with open(path, "rb") as handle:
        header = handle.read(len(_PLAIN_SQLITE_HEADER))
    if header == _PLAIN_SQLITE_HEADER:
        raise NotAKishomailDatabase(
            f"{path} is a plain, unencrypted SQLite file, not a kishomail database. "
            "Point --data-dir at the folder of your kishomail store."
        )


#: What SQLite says when the disk (or the file-size limit) refuses a write.
_FULL = ("database or disk is full", "disk i/o error", "unable to open database file")

BUSY_MESSAGE = (
    "The store is busy: another kishomail program (the service, or a colleague's command) has "
    "held its write lock for more than 10 seconds. Nothing was changed. Try again in a minute; "
    "if it goes on, look for a kishomail program that hangs and stop it."
)
FULL_MESSAGE = (
    "The store's files cannot be written: the disk holding {folder} is full (or this account "
    "may not write there). Nothing was changed. Free space on that disk (old files, the "
    "backups folder) and try again."
)


def storage_error(error: Exception, folder: Path) -> StoreError | None:
    """The clear error for an SQLite failure that is about the disk or a lock, else None."""
    text = str(error).lower()
    if "database is locked" in text or "database is busy" in text:
        return StoreBusy(BUSY_MESSAGE)
    if any(marker in text for marker in _FULL):
        return StoreFull(FULL_MESSAGE.format(folder=folder))
    return None


def _check_identity(connection: Connection, path: Path, *, create: bool) -> None:
    try:
        application_id = connection.execute("PRAGMA application_id").fetchone()[0]
        version = connection.execute("PRAGMA user_version").fetchone()[0]
    except sqlcipher3.DatabaseError as error:
        explained = storage_error(error, path.parent)
        if explained is not None:  # a full disk is not "the key file belongs to another store"
            raise explained from None
        raise NotAKishomailDatabase(
            f"{path} cannot be opened with the key in the key file beside it: either it is "
            "not a kishomail database, or the key file belongs to another store. Check that "
            "the database and its key file come from the same folder or the same backup."
        ) from None
    if create:
        return
    if application_id != APPLICATION_ID:
        raise NotAKishomailDatabase(
            f"{path} is an encrypted database but not a kishomail store. "
            "Point --data-dir at the folder of your kishomail store."
        )
    if version > LATEST_VERSION:
        raise StoreTooNew(
            f"This store was written by a newer kishomail (schema {version}; this program "
            f"knows up to {LATEST_VERSION}). Install the newer kishomail; the store was not "
            "changed."
        )


def _copy_before_upgrade(connection: Connection, path: Path) -> None:
    """Before a store written by an older program is migrated, copy it as it is (database,
    its WAL, the key file) to ``backups/pre-upgrade-v{N}-{UTC time}/`` beside it, so that the
    older program can still be put back with its data. Nothing is migrated if the copy fails."""
    version = connection.execute("PRAGMA user_version").fetchone()[0]
    if not 0 < version < LATEST_VERSION:
        return
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    target = path.parent / "backups" / f"pre-upgrade-v{version}-{stamp}"
    sources = [path, path.with_name(path.name + "-wal"), path.parent / KEY_FILE]
    try:
        target.mkdir(parents=True, exist_ok=True, mode=0o700)
        for source in sources:
            if source.exists():
                shutil.copy2(source, target / source.name)
    except OSError as error:
        raise StoreError(
            f"The store needs an upgrade (schema {version} to {LATEST_VERSION}), but the copy "
            f"made first could not be written to {target} ({error.strerror or error}). Free "
            "space or fix the folder's permissions and start again; the store was not changed."
        ) from None
    log.warning(
        "store schema %d is older than %d: copied it to %s before upgrading",
        version,
        LATEST_VERSION,
        target,
    )


@contextmanager
def transaction(connection: Connection) -> Iterator[Connection]:
    """One write transaction: the write lock is taken at the start, so two writers never
    deadlock half-way, and everything inside commits or rolls back together."""
    begin_write(connection)
    try:
        yield connection
    except sqlcipher3.OperationalError as error:
        _rollback(connection)
        explained = storage_error(error, _folder_of(connection))
        if explained is None:
            raise
        raise explained from None
    except BaseException:
        connection.execute("ROLLBACK")
        raise
    try:
        connection.execute("COMMIT")
    except sqlcipher3.OperationalError as error:
        _rollback(connection)
        raise storage_error(error, _folder_of(connection)) or error from None


def begin_write(connection: Connection) -> None:
    """``BEGIN IMMEDIATE``; a lock held by another writer past the busy timeout (10 s) or a
    full disk is raised as :class:`StoreBusy` / :class:`StoreFull`."""
    try:
        connection.execute("BEGIN IMMEDIATE")
    except sqlcipher3.OperationalError as error:
        raise storage_error(error, _folder_of(connection)) or error from None


def _rollback(connection: Connection) -> None:
    """Roll back; SQLite may already have done so itself (after a full disk, say)."""
    if connection.in_transaction:
        connection.execute("ROLLBACK")


def _folder_of(connection: Connection) -> Path:
    row = connection.execute("PRAGMA database_list").fetchone()
    return Path(row[2]).parent if row and row[2] else Path(".")


class Store:
    """The open, unlocked store: where the database is and the key that opens it."""

    def __init__(self, data_dir: Path, data_key: bytes, store_id: str) -> None:
        self.data_dir = data_dir
        self.store_id = store_id
        self._data_key = data_key
        self._local = threading.local()
        self._lock = threading.Lock()
        self._connections: list[Connection] = []
        #: Bumped by :meth:`replace_data_key`: a thread's connection opened under an older
        #: key is reopened on its next use (it could not read a page any more).
        self._generation = 0
        #: The key of whoever unlocked the store (a person, the service), which signs the
        #: audit entries written through its connections; None: entries are left unsigned.
        self.audit_signer: AuditSigner | None = None

    @property
    def db_path(self) -> Path:
        return self.data_dir / DB_FILE

    def connection(self) -> Connection:
        """This thread's connection, opened on first use (and again after a rekey)."""
        connection: Connection | None = getattr(self._local, "connection", None)
        if connection is not None and self._local.generation != self._generation:
            self.close_thread_connection()
            connection = None
        if connection is None:
            connection = open_database(self.db_path, self._data_key)
            self._local.connection = connection
            self._local.generation = self._generation
            with self._lock:
                self._connections.append(connection)
            _OWNERS[id(connection)] = self
        return connection

    def close_thread_connection(self) -> None:
        """Close this thread's connection (call it before a worker thread ends)."""
        connection: Connection | None = getattr(self._local, "connection", None)
        if connection is not None:
            self._local.connection = None
            with self._lock:
                self._connections.remove(connection)
            _OWNERS.pop(id(connection), None)
            connection.close()

    def open_connection_count(self) -> int:
        with self._lock:
            return len(self._connections)

    @property
    def data_key(self) -> bytes:
        """The raw data key: for the key file's slots and backups, never for logs."""
        return self._data_key

    def replace_data_key(self, data_key: bytes) -> None:
        """After ``rekey``: connections opened from now on use the new key, and every thread's
        older connection is reopened on its next use."""
        self._data_key = data_key
        self._generation += 1


#: Which store opened each live connection (by ``id``), for :func:`audit_signer_of`.
_OWNERS: dict[int, Store] = {}


def audit_signer_of(connection: Connection) -> AuditSigner | None:
    """The signer of the store that opened ``connection`` (None for a connection opened
    directly with :func:`open_database`, or a store nobody's key unlocked)."""
    store = _OWNERS.get(id(connection))
    return None if store is None else store.audit_signer


def like_contains(text: str) -> str:
    """A ``LIKE ? ESCAPE '\\'`` pattern matching ``text`` anywhere, its ``%`` and ``_`` taken
    literally (a search for 「50%」 is not a wildcard)."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"
