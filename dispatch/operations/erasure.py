"""Erasure of all personal data at the end of the contract, and its certificate (R4.7).

001 特記事項 11–12: at the end of the work the personal data on the contractor's computers is
erased, a certificate of erasure (消去証明書) is handed to the ward and the record of erasure is
kept. :func:`erase_all`:

1. takes the data folder's lock (the service must be stopped);
2. in one transaction: writes an erasure record (without the address) for every subscriber,
   deletes every delivery record, every subscriber and every message of the embedded local
   mailbox (kept in the store), and removes manual alerts' attachments;
3. rebuilds the database (``VACUUM``; ``secure_delete`` is on, so freed pages are zeroed) and
   truncates its write-ahead log;
4. overwrites with zeros and deletes every backup in the backup folder and every file of the
   embedded sink (its TLS files, and a mailbox an older version kept as files);
5. verifies: no subscriber or delivery row is left, and no e-mail address other than the
   office's own configured ones is found in any page of the database or its WAL after
   decrypting them with the data key, nor in the backup folder or mailbox;
6. keeps the certificate's text in ``erasure_certificates`` and in the audit log, and writes
   it as a PDF (reportlab, the built-in Japanese CID font HeiseiKakuGo-W5).

What stays: accounts, settings, the audit log (it never holds addresses), the erasure records,
the dispatch totals and the telegrams (no personal data).
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

from dispatch.base.clock import TOKYO, to_iso
from dispatch.base.errors import KishomailError, ValidationError
from dispatch.base.instance_lock import InstanceLock
from dispatch.base.pdf import write_text_pdf
from dispatch.engine.backups import backup_folder, destroy_backup, list_backups
from dispatch.engine.relay import SINK_FOLDER
from dispatch.operations.declare import operation
from dispatch.operations.session import Session
from dispatch.records.accounts import Permission
from dispatch.records.mailbox import clear_mailbox, count_messages
from dispatch.records.settings import get_setting
from dispatch.store.database import Store, transaction
from dispatch.store.files import DB_FILE

METHOD = (
    "データベース（SQLCipher 4, AES-256）の該当行（ローカルメールボックスを含む）を secure_delete "
    "で削除し VACUUM で再構成、WAL を切り詰め。バックアップと内蔵受信サーバのファイルはゼロで"
    "上書きしてから削除。"
    " / Rows (the local mailbox's too) deleted with secure_delete and the database rebuilt "
    "(VACUUM), WAL truncated; backup and mail-sink files overwritten with zeros, then deleted."
)
_ADDRESS = re.compile(rb"[A-Za-z0-9._%+\-]{1,64}@[A-Za-z0-9\-]{1,63}(?:\.[A-Za-z0-9\-]{1,63})+")
PAGE_SIZE = 4096
RESERVE = 80  # SQLCipher 4: 16-byte IV + 64-byte HMAC-SHA512 at the end of every page
SALT = 16


class ErasureError(KishomailError):
    code = "erasure"


@dataclass(frozen=True)
class Certificate:
    id: int
    erased_at: str
    actor: str
    counts: dict[str, int]
    audit_first: int
    audit_last: int
    verification: dict[str, Any]
    text: str

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "erased_at": self.erased_at,
            "actor": self.actor,
            "counts": self.counts,
            "audit_range": [self.audit_first, self.audit_last],
            "verification": self.verification,
        }


# ---- reading SQLCipher pages (the verification looks at what is really on disk) ----------


def decrypt_page(page: bytes, page_number: int, data_key: bytes) -> bytes:
    """One SQLCipher 4 page's plaintext (raw key; the HMAC is not checked here)."""
    start = SALT if page_number == 1 else 0
    iv = page[PAGE_SIZE - RESERVE : PAGE_SIZE - RESERVE + 16]
    decryptor = Cipher(algorithms.AES(data_key), modes.CBC(iv)).decryptor()
    return decryptor.update(page[start : PAGE_SIZE - RESERVE]) + decryptor.finalize()


def decrypted_database(path: Path, data_key: bytes) -> Iterator[bytes]:
    data = path.read_bytes() if path.exists() else b""
    for index in range(len(data) // PAGE_SIZE):
        yield decrypt_page(data[index * PAGE_SIZE : (index + 1) * PAGE_SIZE], index + 1, data_key)


def decrypted_wal(path: Path, data_key: bytes) -> Iterator[bytes]:
    data = path.read_bytes() if path.exists() else b""
    offset = 32  # WAL header; each frame is a 24-byte header and one page
    while offset + 24 + PAGE_SIZE <= len(data):
        page_number = int.from_bytes(data[offset : offset + 4], "big")
        yield decrypt_page(data[offset + 24 : offset + 24 + PAGE_SIZE], page_number, data_key)
        offset += 24 + PAGE_SIZE


def addresses_in(chunks: Iterator[bytes], allowed: set[str]) -> set[str]:
    found = set()
    for chunk in chunks:
        if b"@" not in chunk:
            continue
        for match in _ADDRESS.finditer(chunk):
            address = match.group().decode("ascii", "replace").lower()
            if address not in allowed:
                found.add(address)
    return found


def backup_folders(store: Store) -> list[Path]:
    """The configured backup folder and the store's own ``backups`` folder (pre-upgrade
    copies are always written there)."""
    folders = {backup_folder(store), store.data_dir / "backups"}
    return sorted(folder for folder in folders if folder.is_dir())


def _files_under(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.is_file()] if folder.is_dir() else []


def _destroy_file(path: Path) -> None:
    size = path.stat().st_size
    with open(path, "r+b") as handle:
        handle.write(bytes(size))
        handle.flush()
        os.fsync(handle.fileno())
    path.unlink()


# ---- erase ------------------------------------------------------------------------------


@operation(Permission.MANAGE_KEYS, "erasure.all")
def erase_all(session: Session, certificate_pdf: Path, *, reason: str = "契約終了") -> Certificate:
    """Erase every subscriber, delivery record and managed backup; write the certificate."""
    if certificate_pdf.suffix.lower() != ".pdf":
        raise ValidationError("The certificate is written as a PDF: give a file name ending .pdf.")
    if not certificate_pdf.parent.is_dir():
        raise ValidationError(f"The folder {certificate_pdf.parent} does not exist.")
    store = session.store
    lock = InstanceLock(store.data_dir)
    lock.acquire(f"erase-all by {session.account.name}")
    try:
        return _erase(session, certificate_pdf, reason)
    finally:
        lock.release()


def _erase(session: Session, certificate_pdf: Path, reason: str) -> Certificate:
    store = session.store
    connection = session.connection
    now = session.clock.now()
    stamp = to_iso(now)
    actor = session.account.name
    audit = session.audit_log
    backups = list_backups(backup_folder(store))
    # Also the copies the store makes before a schema upgrade (backups/pre-upgrade-…), and
    # anything half-written: every folder in the backup folders is a copy of the store.
    stray = [
        path
        for folder in backup_folders(store)
        for path in sorted(folder.iterdir())
        if path.is_dir() and path not in {info.path for info in backups}
    ]
    mailbox_files = _files_under(store.data_dir / SINK_FOLDER)
    legacy_mail = len([p for p in mailbox_files if p.suffix == ".json"])  # an older version's
    with transaction(connection):
        first = audit.append(actor, "erasure.start", detail={"reason": reason})
        subscribers = int(connection.execute("SELECT count(*) FROM subscribers").fetchone()[0])
        deliveries = int(connection.execute("SELECT count(*) FROM deliveries").fetchone()[0])
        attachments = int(
            connection.execute(
                "SELECT count(*) FROM manual_alerts WHERE attachment IS NOT NULL"
            ).fetchone()[0]
        )
        connection.execute(
            "INSERT INTO erasures (subscriber_id, erased_at, actor, reason, subscribed_since) "
            "SELECT id, ?, ?, ?, created_at FROM subscribers",
            (stamp, actor, reason),
        )
        mailbox_messages = clear_mailbox(connection) + legacy_mail
        connection.execute("DELETE FROM deliveries")
        connection.execute("DELETE FROM subscribers")
        connection.execute(
            "UPDATE manual_alerts SET attachment = NULL WHERE attachment IS NOT NULL"
        )
    connection.execute("VACUUM")
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    backup_bytes = sum(destroy_backup(info.path) for info in backups)
    for path in stray:
        backup_bytes += destroy_backup(path)
    for path in mailbox_files:
        _destroy_file(path)
    counts = {
        "subscribers": subscribers,
        "deliveries": deliveries,
        "attachments": attachments,
        "backups": len(backups) + len(stray),
        "mailbox_messages": mailbox_messages,
    }
    verification = verify_erased(session)
    if not verification["ok"]:
        audit.append(actor, "erasure.verify", outcome="FAILED", detail=verification)
        raise ErasureError(
            "Erasure finished but the check still found personal data "
            f"({verification['problems']}); no certificate was issued. Report this at once."
        )
    with transaction(connection):
        cursor = connection.execute(
            "INSERT INTO erasure_certificates (erased_at, actor, counts, method, audit_first, "
            "audit_last, verification, text) VALUES (?, ?, ?, ?, ?, 0, ?, '')",
            (stamp, actor, json.dumps(counts), METHOD, first, json.dumps(verification)),
        )
        certificate_id = int(cursor.lastrowid)
        last = first + 1  # the entry below
        text = certificate_text(
            certificate_id,
            now_text=now.astimezone(TOKYO).strftime("%Y年%m月%d日 %H:%M"),
            actor=actor,
            office=str(get_setting(connection, "office.name")),
            counts=counts,
            audit_range=(first, last),
            verification=verification,
            store_id=store.store_id,
            reason=reason,
        )
        connection.execute(
            "UPDATE erasure_certificates SET audit_last = ?, text = ? WHERE id = ?",
            (last, text, certificate_id),
        )
        seq = audit.append(
            actor,
            "erasure.certificate",
            target=f"erasure_certificate:{certificate_id}",
            detail={"counts": counts, "audit_range": [first, last], "text": text},
        )
        if seq != last:  # another writer slipped in; record the real end
            connection.execute(
                "UPDATE erasure_certificates SET audit_last = ? WHERE id = ?",
                (seq, certificate_id),
            )
    write_certificate_pdf(certificate_pdf, text)
    return Certificate(certificate_id, stamp, actor, counts, first, seq, verification, text)


@operation(Permission.MANAGE_KEYS, "erasure.verify")
def verify_erased(session: Session) -> dict[str, Any]:
    """What the certificate states about what remains."""
    store = session.store
    connection = session.connection
    allowed = {str(get_setting(connection, "office.address")).lower()}
    for (value,) in connection.execute("SELECT value FROM settings"):
        for match in _ADDRESS.finditer(str(value).encode("utf-8", "replace")):
            allowed.add(match.group().decode("ascii", "replace").lower())
    key = store.data_key
    db = store.data_dir / DB_FILE
    problems = []
    subscribers = connection.execute("SELECT count(*) FROM subscribers").fetchone()[0]
    deliveries = connection.execute("SELECT count(*) FROM deliveries").fetchone()[0]
    if subscribers or deliveries:
        problems.append(f"{subscribers} subscriber rows and {deliveries} delivery rows remain")
    mailbox_rows = count_messages(connection)
    if mailbox_rows:
        problems.append(f"{mailbox_rows} messages remain in the local mailbox")
    in_db = addresses_in(decrypted_database(db, key), allowed)
    in_wal = addresses_in(decrypted_wal(Path(str(db) + "-wal"), key), allowed)
    if in_db or in_wal:
        problems.append(f"{len(in_db) + len(in_wal)} addresses remain in the database pages")
    left_backups = sum(len(_files_under(folder)) for folder in backup_folders(store))
    if left_backups:
        problems.append(f"{left_backups} backup files remain")
    left_mail = len(_files_under(store.data_dir / SINK_FOLDER))
    if left_mail:
        problems.append(f"{left_mail} files of the local mail sink remain")
    return {
        "ok": not problems,
        "problems": problems,
        "subscriber_rows": int(subscribers),
        "delivery_rows": int(deliveries),
        "database_pages_scanned": db.stat().st_size // PAGE_SIZE if db.exists() else 0,
        "addresses_found_in_database_and_wal": len(in_db) + len(in_wal),
        "backup_files_left": left_backups,
        "mailbox_files_left": left_mail,
        "mailbox_rows": mailbox_rows,
    }


_KIND_JA = {
    "subscribers": "登録者（メールアドレス・配信選択）",
    "deliveries": "配信記録（宛先ごと）",
    "attachments": "手動配信の添付ファイル",
    "backups": "バックアップ",
    "mailbox_messages": "ローカルメールボックスのメール",
}
_KIND_UNIT = {
    "subscribers": "件",
    "deliveries": "件",
    "attachments": "件",
    "backups": "世代",
    "mailbox_messages": "通",
}


def certificate_text(
    certificate_id: int,
    *,
    now_text: str,
    actor: str,
    office: str,
    counts: dict[str, int],
    audit_range: tuple[int, int],
    verification: dict[str, Any],
    store_id: str,
    reason: str,
) -> str:
    lines = [
        "消去証明書",
        "Certificate of Erasure",
        "",
        f"証明書番号 / No.: {certificate_id}",
        f"宛先 / To: {office}",
        f"消去日時 / Erased at: {now_text}（日本時間 JST）",
        f"実施者 / Erased by: {actor}",
        f"理由 / Reason: {reason}",
        f"対象システム / System: 気象メール kishomail（ストア {store_id}）",
        "",
        "消去した情報 / What was erased:",
    ]
    for kind, label in _KIND_JA.items():
        lines.append(f"  {label} / {kind}: {counts.get(kind, 0)} {_KIND_UNIT[kind]}")
    lines += [
        "",
        "消去方法 / Method:",
        f"  {METHOD}",
        "",
        f"監査ログの範囲 / Audit entries: {audit_range[0]} ～ {audit_range[1]}",
        "",
        "消去後の確認 / Verification:",
        f"  登録者の行 / subscriber rows: {verification['subscriber_rows']}",
        f"  配信記録の行 / delivery rows: {verification['delivery_rows']}",
        f"  復号して調べたページ / pages decrypted and searched: "
        f"{verification['database_pages_scanned']}",
        f"  見つかったメールアドレス / addresses found: "
        f"{verification['addresses_found_in_database_and_wal']}",
        f"  残ったバックアップ / backup files left: {verification['backup_files_left']}",
        f"  残ったメール / mailbox files left: {verification['mailbox_files_left']}",
        "  結果 / Result: 個人情報は残っていません。No personal data remains.",
        "",
        "消去の記録（登録者ごとの消去記録、メールアドレスを含まない）はシステム内に保存します。",
        "The record of erasure (one entry per subscriber, without the address) is kept.",
        "",
        "上記のとおり消去したことを証明します。 I certify that the above was erased.",
        "",
        "署名 / Signature: ______________________    日付 / Date: ____________",
    ]
    return "\n".join(lines)


def write_certificate_pdf(path: Path, text: str) -> None:
    write_text_pdf(path, text, title="消去証明書 Certificate of Erasure")
