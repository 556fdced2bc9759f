"""The audit log: who did what, when, to which record, and how it ended (R4.4).

Append-only and hash-chained: every entry carries the hash of the one before it, and its own
hash is an HMAC-SHA256 (keyed with a random key kept in the encrypted store) over its content
and that previous hash. Since every staff password opens the store, the HMAC alone stops only
mistakes: so each entry is also **signed** with the Ed25519 key of whoever unlocked the store
(the person, or the installed service; :mod:`dispatch.store.signing`) over the same bytes — its
content and the previous entry's hash. Nobody can re-sign another person's entries, and since
each signature covers the previous hash, removing or changing an entry breaks the signature of
every later entry by someone else. The chain's head is anchored outside the store
(:mod:`dispatch.records.audit_anchors`), so cutting entries off the end shows too.

:meth:`AuditLog.verify` walks the chain, checks each signature against the public keys the key
file lists (not only the store's copy) and the chain against the anchors, and names the first
entry that was altered, removed, re-signed or added out of turn, and what it could not check.

Entries name records by id (``subscriber:123``), never by address; :meth:`AuditLog.append`
refuses a detail that contains an e-mail address, so a slip cannot put one into the log.
"""

from __future__ import annotations

import hmac
import json
import re
import secrets
from collections.abc import Callable, Iterator, Mapping, Sequence
from concurrent.futures import Future
from dataclasses import dataclass, field
from datetime import datetime
from hashlib import sha256
from typing import Any

from dispatch.base.clock import Clock, SystemClock, to_iso
from dispatch.records.audit_check import Anchor, ChainCheck
from dispatch.records.audit_check import VerifyReport as VerifyReport  # re-exported
from dispatch.store.database import Connection, audit_signer_of, begin_write, like_contains
from dispatch.store.signing import AuditKey, SignatureChecker, SignatureToCheck

GENESIS_HASH = bytes(32)
_AUDIT_KEY = "audit_key"
_AUDIT_HEAD = "audit_head"
# Anchored on the "@" (one character before it), so that a long text without one costs a
# single linear scan instead of the quadratic backtracking of a leading "[^\s@]+".
_ADDRESS = re.compile(r"[^\s@]@[^\s@]+\.[^\s@]+")


@dataclass(frozen=True)
class AuditEntry:
    seq: int
    at: str
    actor: str
    action: str
    target: str
    outcome: str
    detail: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class AuditQuery:
    since: datetime | None = None
    until: datetime | None = None
    actor: str | None = None
    action: str | None = None
    text: str | None = None
    limit: int | None = None
    #: Entries whose action is one of these match ``text`` too (the desktop passes the codes
    #: whose words in the reader's language contain the typed text: 「承認」 → alert.approve).
    text_actions: tuple[str, ...] = ()
    #: Only entries whose action is one of these (a search by the action's words).
    actions: tuple[str, ...] = ()
    #: Only entries after this sequence number (a page fetching what is new since it looked).
    after_seq: int | None = None
    #: Newest first, so that ``limit`` keeps the latest entries rather than the oldest.
    newest_first: bool = False


class AuditLog:
    """The audit log of one connection (so one thread)."""

    def __init__(self, connection: Connection, clock: Clock | None = None) -> None:
        self._connection = connection
        self._clock = clock or SystemClock()
        self._key: bytes | None = None

    def append(
        self,
        actor: str,
        action: str,
        *,
        target: str = "",
        outcome: str = "ok",
        detail: Mapping[str, Any] | None = None,
    ) -> int:
        """Record one entry; returns its sequence number.

        Inside a caller's transaction the entry commits or rolls back with the work it records;
        outside one it commits on its own."""
        detail_text = _canonical_detail(detail or {})
        for text in (actor, action, target, detail_text):
            if "@" in text and _ADDRESS.search(text):
                raise ValueError("an e-mail address must never be written to the audit log")
        connection = self._connection
        own_transaction = not connection.in_transaction
        if own_transaction:
            begin_write(connection)  # a busy store or a full disk: a clear error
        try:
            key = self._audit_key()
            head = connection.execute(
                "SELECT value FROM meta WHERE key = ?", (_AUDIT_HEAD,)
            ).fetchone()
            if head is None:
                seq, prev_hash = 1, GENESIS_HASH
            else:
                last_seq, last_hash = head[0].split(":")
                seq, prev_hash = int(last_seq) + 1, bytes.fromhex(last_hash)
            at = to_iso(self._clock.now())
            message = signed_message(
                prev_hash, seq, at, actor, action, target, outcome, detail_text
            )
            entry_hash = chain_hash(key, message)
            signer = audit_signer_of(connection)
            signer_id, signature = None, None
            if signer is not None:
                signer_id, signature = signer.key_id, signer.sign(message)
                connection.execute(
                    "INSERT OR IGNORE INTO audit_keys (key_id, actor, public_key) VALUES (?, ?, ?)",
                    (signer.key_id, signer.actor, signer.public_key),
                )
            connection.execute(
                "INSERT INTO audit_log (seq, at, actor, action, target, outcome, detail, "
                "prev_hash, hash, signer, signature) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    *(seq, at, actor, action, target, outcome, detail_text),
                    *(prev_hash, entry_hash, signer_id, signature),
                ],
            )
            connection.execute(
                "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
                (_AUDIT_HEAD, f"{seq}:{entry_hash.hex()}"),
            )
        except BaseException:
            if own_transaction:
                connection.execute("ROLLBACK")
            raise
        if own_transaction:
            connection.execute("COMMIT")
        return seq

    def search(self, query: AuditQuery) -> list[AuditEntry]:
        return list(self.iter_search(query))

    def iter_search(self, query: AuditQuery) -> Iterator[AuditEntry]:
        clauses: list[str] = []
        params: list[Any] = []
        if query.since is not None:
            clauses.append("at >= ?")
            params.append(to_iso(query.since))
        if query.until is not None:
            clauses.append("at < ?")
            params.append(to_iso(query.until))
        if query.actor:
            clauses.append("actor = ?")
            params.append(query.actor)
        if query.action:
            clauses.append("(action = ? OR action LIKE ? ESCAPE '\\')")
            params.extend([query.action, _like_prefix(query.action)])
        if query.text:
            also = " OR action IN (" + ",".join("?" * len(query.text_actions)) + ")"
            clauses.append(
                "(action LIKE ? ESCAPE '\\' OR target LIKE ? ESCAPE '\\' "
                "OR detail LIKE ? ESCAPE '\\' OR outcome LIKE ? ESCAPE '\\'"
                + (also if query.text_actions else "")
                + ")"
            )
            params.extend([like_contains(query.text)] * 4)
            params.extend(query.text_actions)
        if query.actions:
            clauses.append("action IN (" + ",".join("?" * len(query.actions)) + ")")
            params.extend(query.actions)
        if query.after_seq is not None:
            clauses.append("seq > ?")
            params.append(int(query.after_seq))
        sql = "SELECT seq, at, actor, action, target, outcome, detail FROM audit_log"
        if clauses:
            sql += " WHERE " + " AND ".join(clauses)
        sql += " ORDER BY seq DESC" if query.newest_first else " ORDER BY seq"
        if query.limit is not None:
            sql += " LIMIT ?"
            params.append(int(query.limit))
        for seq, at, actor, action, target, outcome, detail in self._connection.execute(
            sql, params
        ):
            yield AuditEntry(seq, at, actor, action, target, outcome, json.loads(detail or "{}"))

    def verify(
        self,
        trusted_keys: Mapping[str, AuditKey] | None = None,
        anchors: Sequence[Anchor] = (),
    ) -> VerifyReport:
        """Walk the whole chain; every problem names the entry where it shows.

        ``trusted_keys`` are the signing keys the key file lists (None: only the store's own
        copy can be used, and the report says so); ``anchors`` the heads anchored outside the
        store, each checked against the service's key in ``trusted_keys``."""
        key = self._existing_audit_key()
        stored_keys = {
            kid: AuditKey(actor, bytes(public))
            for kid, actor, public in self._connection.execute(
                "SELECT key_id, actor, public_key FROM audit_keys"
            )
        }
        check = ChainCheck(stored_keys, trusted_keys, anchors)
        rows = self._connection.execute(
            "SELECT seq, at, actor, action, target, outcome, detail, prev_hash, hash, signer, "
            "signature FROM audit_log ORDER BY seq"
        )
        # Signatures are checked on every core, a batch at a time, while this thread reads
        # and hashes the next batch; the chain itself is walked in order.
        with SignatureChecker() as checker:
            waiting: tuple[list[_Walked], list[Future[list[bool]]]] | None = None
            while batch := rows.fetchmany(_VERIFY_BATCH):
                walked = [_walk(key, row, check.public_key_of) for row in batch]
                futures = checker.submit([w.to_check for w in walked if w.to_check is not None])
                if waiting is not None:
                    _feed(check, *waiting)
                waiting = walked, futures
            if waiting is not None:
                _feed(check, *waiting)
        head = self._connection.execute(
            "SELECT value FROM meta WHERE key = ?", (_AUDIT_HEAD,)
        ).fetchone()
        head_seq, head_hash = (0, GENESIS_HASH.hex()) if head is None else head[0].split(":")
        return check.report(int(head_seq), head_hash)

    def checkpoint_unsigned(self) -> int | None:
        """If the log holds entries but none is signed yet (a log from before signatures),
        write a signed checkpoint now: its signature covers the old chain's head. Returns its
        sequence number, or None when nothing was owed or nobody's key is at hand."""
        signer = audit_signer_of(self._connection)
        if signer is None:
            return None
        signed = self._connection.execute(
            "SELECT 1 FROM audit_log WHERE signer IS NOT NULL LIMIT 1"
        ).fetchone()
        count = self._connection.execute("SELECT count(*) FROM audit_log").fetchone()[0]
        if signed is not None or not count:
            return None
        return self.append(
            signer.actor,
            "audit.checkpoint",
            detail={"unsigned_entries": int(count), "reason": "signed audit entries begin"},
        )

    def head(self) -> tuple[int, str]:
        """The last entry's number and hash (hex); (0, zeros) for an empty log."""
        row = self._connection.execute(
            "SELECT value FROM meta WHERE key = ?", (_AUDIT_HEAD,)
        ).fetchone()
        if row is None:
            return 0, GENESIS_HASH.hex()
        seq, head_hash = row[0].split(":")
        return int(seq), str(head_hash)

    def known_keys(self) -> dict[str, str]:
        """The store's signing keys: key id → actor."""
        return {
            kid: actor
            for kid, actor in self._connection.execute("SELECT key_id, actor FROM audit_keys")
        }

    def _audit_key(self) -> bytes:
        if self._key is None:
            key = self._existing_audit_key()
            if key is None:
                key = secrets.token_bytes(32)
                self._connection.execute(
                    "INSERT INTO meta (key, value) VALUES (?, ?)", (_AUDIT_KEY, key.hex())
                )
            self._key = key
        return self._key

    def _existing_audit_key(self) -> bytes | None:
        row = self._connection.execute(
            "SELECT value FROM meta WHERE key = ?", (_AUDIT_KEY,)
        ).fetchone()
        return None if row is None else bytes.fromhex(row[0])


#: Entries read and hashed while the signatures of the batch before are being checked.
_VERIFY_BATCH = 4096


@dataclass(frozen=True)
class _Walked:
    """One entry as :meth:`AuditLog.verify` read it: what the chain check needs, and its
    signature to check (None: unsigned, or by a key nobody lists)."""

    seq: int
    actor: str
    prev_hash: bytes
    stored_hash: bytes
    hash_ok: bool
    signer: str | None
    to_check: SignatureToCheck | None


def _walk(
    key: bytes | None, row: Sequence[Any], public_key_of: Callable[[str], bytes | None]
) -> _Walked:
    seq, at, actor, action, target, outcome, detail, prev_hash, stored_hash, signer, sig = row
    message = signed_message(prev_hash, seq, at, actor, action, target, outcome, detail)
    hash_ok = key is not None and hmac.compare_digest(chain_hash(key, message), stored_hash)
    public = public_key_of(signer) if signer is not None else None
    to_check = (public, bytes(sig or b""), message) if public is not None else None
    return _Walked(seq, actor, bytes(prev_hash), bytes(stored_hash), hash_ok, signer, to_check)


def _feed(check: ChainCheck, walked: list[_Walked], futures: list[Future[list[bool]]]) -> None:
    """Give ``check`` the batch ``walked``, in order, with its signatures' verdicts."""
    verdicts = iter([ok for future in futures for ok in future.result()])
    for w in walked:
        signature_ok = next(verdicts) if w.to_check is not None else False
        check.entry(w.seq, w.actor, w.prev_hash, w.stored_hash, w.hash_ok, w.signer, signature_ok)


# Built once: json.dumps with options makes a new encoder on every call (the same text).
_DETAIL_JSON = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":"))
_CONTENT_JSON = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))


def _canonical_detail(detail: Mapping[str, Any]) -> str:
    if not detail:
        return ""
    return _DETAIL_JSON.encode(detail)


#: Put before what a person's key signs, so that an entry's signature means nothing elsewhere.
_SIGNED_PREFIX = b"kishomail-audit-entry/1\0"


def signed_message(
    prev_hash: bytes,
    seq: int,
    at: str,
    actor: str,
    action: str,
    target: str,
    outcome: str,
    detail: str,
) -> bytes:
    """An entry's canonical bytes after the previous entry's hash: what its signature covers
    (and, without the prefix, what its HMAC covers, as before signatures)."""
    content = _CONTENT_JSON.encode([seq, at, actor, action, target, outcome, detail]).encode()
    return _SIGNED_PREFIX + bytes(prev_hash) + content


def chain_hash(key: bytes, message: bytes) -> bytes:
    """An entry's hash in the chain: the HMAC of its :func:`signed_message` without the prefix
    (the same value as before signatures existed)."""
    return hmac.new(key, message[len(_SIGNED_PREFIX) :], sha256).digest()


def _like_prefix(text: str) -> str:
    return like_contains(text)[1:-1] + ".%"
