"""Encrypted backups of the store, their check, rotation and restore (R4.8).

**Format.** A backup is a folder ``kishomail-backup-<UTC time>`` in the backup folder
(setting ``backup.folder``; default ``backups`` beside the store) holding:

* ``kishomail.db`` — a consistent copy of the database made by ``sqlcipher_export`` into a new
  SQLCipher file **under the same data key** (so it is as unreadable as the store itself);
* ``kishomail.keys`` — the key file as it was, so the backup opens with the passwords and the
  recovery key of that day even after a later ``rekey``;
* ``manifest.json`` — the store's id, the time, the schema version, the row count of each
  table and the SHA-256 of both files. It holds no personal data.

A backup is written into ``<name>.partial`` and renamed only after it was opened again and
passed ``PRAGMA cipher_integrity_check`` (every page's HMAC), ``PRAGMA integrity_check`` and
the row counts. Rotation deletes backups older than ``backup.keep_days`` (at least 30 days),
never the newest one.

**Restore** refuses a backup whose files do not match the manifest (damaged or tampered), that
belongs to another store (foreign) or that fails the integrity checks; the current data is then
untouched. Otherwise it first backs up the current store (``before-restore``, kept until an
administrator deletes it), copies the backup into a temporary file beside the database, checks
it again and copies its resident data into the live store (``dispatch.engine.restore``: the
accounts, key slots and the audit chain are never rewritten). The service must be stopped (the
data folder's instance lock is taken).
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import sqlcipher3

from dispatch import __version__
from dispatch.base.clock import Clock, from_iso, to_iso
from dispatch.base.errors import KishomailError, NotFound
from dispatch.records.audit import AuditLog
from dispatch.records.settings import get_setting
from dispatch.store.database import APPLICATION_ID, Store
from dispatch.store.files import DB_FILE, KEY_FILE
from dispatch.store.keys import KeyFile
from dispatch.store.migrations import current_version
from dispatch.store.private import DIR_MODE, make_private_dir, tighten
from dispatch.store.sealing import write_atomically

log = logging.getLogger(__name__)

PREFIX = "kishomail-backup-"
MANIFEST = "manifest.json"
MIN_KEEP_DAYS = 30
RESTORING_FILE = "kishomail.db.restoring"
#: The label of the copy a restore makes of the data it replaces; rotation never deletes it
#: (an administrator does, with ``backup delete``).
SAFETY_LABEL = "before-restore"


class BackupError(KishomailError):
    code = "backup"


class BackupDamaged(BackupError):
    code = "backup.damaged"


class BackupForeign(BackupError):
    code = "backup.foreign"


@dataclass(frozen=True)
class BackupInfo:
    name: str
    path: Path
    created_at: str
    store_id: str
    schema_version: int
    label: str
    counts: dict[str, int]
    db_bytes: int

    def as_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "created_at": self.created_at,
            "label": self.label,
            "schema_version": self.schema_version,
            "counts": self.counts,
            "bytes": self.db_bytes,
        }


def backup_folder(store: Store) -> Path:
    configured = str(get_setting(store.connection(), "backup.folder")).strip()
    return Path(configured) if configured else store.data_dir / "backups"


def daily_backup_time(store: Store) -> tuple[int, int]:
    text = str(get_setting(store.connection(), "backup.daily_at"))
    try:
        hour, minute = (int(part) for part in text.split(":"))
    except ValueError:
        hour, minute = -1, -1
    if not (0 <= hour < 24 and 0 <= minute < 60):
        log.warning("backup.daily_at %r is not HH:MM; the backup runs at 03:30", text)
        return 3, 30
    return hour, minute


def keep_days(store: Store) -> int:
    return max(MIN_KEEP_DAYS, int(get_setting(store.connection(), "backup.keep_days")))


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _key_pragma(data_key: bytes) -> str:
    return f"x'{data_key.hex()}'"


def _open_backup_db(path: Path, data_key: bytes) -> Any:
    connection = sqlcipher3.connect(str(path), isolation_level=None)
    connection.execute("PRAGMA cipher_log_level = NONE")
    connection.execute(f'PRAGMA key = "{_key_pragma(data_key)}"')
    connection.execute("PRAGMA query_only = ON")
    return connection


def table_counts(connection: Any, schema: str = "main") -> dict[str, int]:
    names = [
        row[0]
        for row in connection.execute(
            f"SELECT name FROM {schema}.sqlite_master WHERE type = 'table' "
            "AND name NOT LIKE 'sqlite_%' ORDER BY name"
        )
    ]
    return {
        name: int(connection.execute(f'SELECT count(*) FROM {schema}."{name}"').fetchone()[0])
        for name in names
    }


def check_database(path: Path, data_key: bytes, expected_counts: dict[str, int] | None) -> int:
    """Open and check a backup database; returns its schema version. Raises BackupDamaged."""
    try:
        connection = _open_backup_db(path, data_key)
    except sqlcipher3.DatabaseError as error:
        raise BackupDamaged(f"The backup database cannot be opened ({error}).") from None
    try:
        try:
            application_id = connection.execute("PRAGMA application_id").fetchone()[0]
        except sqlcipher3.DatabaseError:
            raise BackupForeign(
                "The backup's database does not open with this store's key: it belongs to "
                "another store or was made before a rekey. Give the recovery key of that time "
                "(KISHOMAIL_RECOVERY_KEY), or choose another backup."
            ) from None
        if application_id != APPLICATION_ID:
            raise BackupForeign("The backup's database is not a kishomail store.")
        problems = [row[0] for row in connection.execute("PRAGMA cipher_integrity_check")]
        if problems:
            raise BackupDamaged(
                f"The backup's pages fail their checksums ({len(problems)} problems, first: "
                f"{problems[0]}); it was altered or damaged."
            )
        result = [row[0] for row in connection.execute("PRAGMA integrity_check")]
        if result != ["ok"]:
            raise BackupDamaged(f"The backup's database is inconsistent: {result[0]}.")
        if expected_counts is not None and table_counts(connection) != expected_counts:
            raise BackupDamaged("The backup's row counts differ from its manifest.")
        return current_version(connection)
    finally:
        connection.close()


# ---- create ----------------------------------------------------------------------------


def create_backup(store: Store, clock: Clock, *, actor: str, label: str = "") -> BackupInfo:
    """Write, check and register one backup; then rotate old ones. Audited."""
    folder = backup_folder(store)
    make_private_dir(folder)
    now = clock.now()
    name = PREFIX + now.strftime("%Y%m%dT%H%M%S%fZ")
    final = folder / name
    serial = 1
    while final.exists() or final.with_name(final.name + ".partial").exists():
        serial += 1
        final = folder / f"{name}-{serial}"
    name = final.name
    partial = folder / (name + ".partial")
    shutil.rmtree(partial, ignore_errors=True)
    partial.mkdir(mode=DIR_MODE)
    data_key = store.data_key
    connection = store.connection()
    try:
        target = partial / DB_FILE
        connection.execute(
            "ATTACH DATABASE ? AS backup KEY ?", (str(target), _key_pragma(data_key))
        )
        try:
            connection.execute("SELECT sqlcipher_export('backup')")
            version = current_version(connection)
            connection.execute(f"PRAGMA backup.user_version = {int(version)}")
            connection.execute(f"PRAGMA backup.application_id = {APPLICATION_ID}")
            counts = table_counts(connection, "backup")
        finally:
            connection.execute("DETACH DATABASE backup")
        shutil.copyfile(store.data_dir / KEY_FILE, partial / KEY_FILE)
        check_database(target, data_key, counts)
        manifest = {
            "format": 1,
            "program": f"kishomail {__version__}",
            "store_id": store.store_id,
            "created_at": to_iso(now),
            "created_by": actor,
            "label": label,
            "schema_version": version,
            "counts": counts,
            "sha256": {DB_FILE: _sha256(target), KEY_FILE: _sha256(partial / KEY_FILE)},
        }
        (partial / MANIFEST).write_text(json.dumps(manifest, indent=2), encoding="utf-8")
        tighten(partial)  # the copy of the database and its key file: 0600, like the store
        for path in partial.iterdir():
            with open(path, "rb") as handle:
                os.fsync(handle.fileno())
        os.replace(partial, final)
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    removed = rotate(store, clock)
    AuditLog(connection, clock).append(
        actor,
        "backup.create",
        target=f"backup:{name}",
        detail={"label": label, "rows": sum(counts.values()), "rotated_out": removed},
    )
    log.info("backup %s written and checked (%d rows)", name, sum(counts.values()))
    return _info(final)


def rotate(store: Store, clock: Clock) -> list[str]:
    """Delete backups older than the kept days, never the newest. Returns the names removed."""
    backups = list_backups(backup_folder(store))
    if len(backups) <= 1:
        return []
    cutoff = clock.now() - timedelta(days=keep_days(store))
    removed = []
    for info in backups[:-1]:
        if info.label.startswith(SAFETY_LABEL):
            continue
        if from_iso(info.created_at) < cutoff:
            destroy_backup(info.path)
            removed.append(info.name)
    return removed


def destroy_backup(path: Path) -> int:
    """Overwrite each file with zeros, then delete the folder; returns bytes overwritten."""
    overwritten = 0
    for file in sorted(path.iterdir()) if path.is_dir() else []:
        if file.is_file():
            size = file.stat().st_size
            with open(file, "r+b") as handle:
                handle.write(bytes(size))
                handle.flush()
                os.fsync(handle.fileno())
            overwritten += size
    shutil.rmtree(path, ignore_errors=True)
    return overwritten


# ---- list and verify --------------------------------------------------------------------


def _read_manifest(path: Path) -> dict[str, Any]:
    try:
        data = json.loads((path / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        raise BackupDamaged(
            f"{path.name} has no readable manifest: it is not a complete kishomail backup."
        ) from None
    if not isinstance(data, dict) or data.get("format") != 1:
        raise BackupDamaged(f"{path.name}: the manifest is not one this program wrote.")
    return data


def _info(path: Path) -> BackupInfo:
    manifest = _read_manifest(path)
    db = path / DB_FILE
    return BackupInfo(
        name=path.name,
        path=path,
        created_at=str(manifest.get("created_at", "")),
        store_id=str(manifest.get("store_id", "")),
        schema_version=int(manifest.get("schema_version", 0)),
        label=str(manifest.get("label", "")),
        counts=dict(manifest.get("counts", {})),
        db_bytes=db.stat().st_size if db.exists() else 0,
    )


def list_backups(folder: Path) -> list[BackupInfo]:
    """Complete backups in ``folder``, oldest first (unreadable ones are skipped, logged)."""
    if not folder.is_dir():
        return []
    found = []
    for path in sorted(folder.iterdir()):
        if not path.is_dir() or not path.name.startswith(PREFIX) or path.name.endswith(".partial"):
            continue
        try:
            found.append(_info(path))
        except BackupError as error:
            log.warning("skipping %s: %s", path.name, error.message)
    return sorted(found, key=lambda info: info.created_at)


def verify_backup(path: Path, store_id: str, data_key: bytes) -> BackupInfo:
    """Check a backup completely; raises BackupDamaged or BackupForeign with what to do."""
    if not path.is_dir():
        raise NotFound(f"There is no backup {path.name}; see 'kishomail backup list'.")
    manifest = _read_manifest(path)
    if manifest.get("store_id") != store_id:
        raise BackupForeign(
            f"{path.name} is a backup of another kishomail store (not this one); it cannot be "
            "restored here. Choose a backup of this store."
        )
    for file_name, expected in dict(manifest.get("sha256", {})).items():
        file = path / file_name
        if file_name not in (DB_FILE, KEY_FILE) or not file.is_file():
            raise BackupDamaged(f"{path.name}: {file_name} is missing.")
        if _sha256(file) != expected:
            raise BackupDamaged(
                f"{path.name}: {file_name} differs from what was written (damaged or "
                "tampered with). Do not use it; choose another backup."
            )
    check_database(path / DB_FILE, data_key, dict(manifest.get("counts", {})))
    return _info(path)


def forget_account_in_backups(store: Store, name: str) -> int:
    """Take ``name``'s slot out of the key file of every backup in the backup folder (a person
    who left opens none of them with their old password); the manifest records the new key
    file's checksum. Returns how many key files were rewritten."""
    rewritten = 0
    for info in list_backups(backup_folder(store)):
        key_path = info.path / KEY_FILE
        try:
            keyfile = KeyFile.load(key_path)
        except KishomailError:
            log.warning("backup %s: its key file could not be read; left as it is", info.name)
            continue
        if name not in keyfile.accounts:
            continue
        keyfile.without_account(name).save(key_path)
        manifest = _read_manifest(info.path)
        manifest.setdefault("sha256", {})[KEY_FILE] = _sha256(key_path)
        write_atomically(info.path / MANIFEST, json.dumps(manifest, indent=2).encode("utf-8"))
        rewritten += 1
    return rewritten


def key_of_backup(path: Path, data_key: bytes, recovery_key: str | None) -> bytes:
    """The key that opens the backup: the store's, or (after a rekey) its own key file's."""
    if recovery_key is None:
        return data_key
    return KeyFile.load(path / KEY_FILE).unseal_with_recovery_key(recovery_key)


def backups_older_than(folder: Path, moment: datetime) -> list[BackupInfo]:
    return [info for info in list_backups(folder) if from_iso(info.created_at) < moment]
