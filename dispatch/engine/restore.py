"""What a restore brings back, and what it never rewrites (004 ③⑯; 001 §11).

A restore brings back the **resident data**: subscribers, settings, telegrams, alerts,
dispatches, their deliveries and the manual alerts, as they were in the backup — except residents
erased or stopped (unsubscribed, suspended) since, whose current state wins: a restore never
brings a resident back. It never rewrites the **governance record**: staff accounts and roles,
their key slots, TOTP and notification addresses, the audit chain, the erasure records and
certificates, the export requests, whether TOTP is required (``security.require_totp``); nor
the local mailbox (mail sent to nobody, which could name a resident erased since). The restored
rows are copied into the live database, so they are encrypted under today's data key (a backup
made before a rekey does not bring its old key back).

Every table of the schema is in exactly one of :data:`RESTORED` and :data:`KEPT` (a test checks
this, so a new table must be placed before it ships).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import sqlcipher3

from dispatch.store.database import Connection, transaction
from dispatch.store.migrations import migrate

#: Taken from the backup, in an order that satisfies the foreign keys when inserting.
RESTORED = (
    "settings",
    "river_stations",
    "subscribers",
    "telegrams",
    "alerts",
    "dispatches",
    "manual_alerts",
    "deliveries",
    "bounces",
)
#: Never rewritten by a restore: who may do what, and the record of what was done.
KEPT = (
    "meta",
    "accounts",
    "audit_log",
    "audit_keys",
    "erasures",
    "erasure_certificates",
    "export_requests",
    "staff_contacts",
    # What the embedded sink kept was sent to nobody: nothing to bring back, and an old copy
    # could hold the address of a resident erased since.
    "mailbox",
)
#: Settings that belong to the governance record: a restore never turns TOTP off again.
KEPT_SETTINGS = ("security.require_totp",)
#: A resident in one of these states now stays in it, whatever the backup says.
STOPPED = ("unsubscribed", "suspended")


@dataclass(frozen=True)
class BroughtBack:
    rows: dict[str, int]
    #: Residents of the backup left out because they were erased since.
    erased_since: int
    #: Residents of the backup who stay stopped because they stopped (or were stopped) since.
    stopped_since: int


def upgrade_copy(path: Path, data_key: bytes) -> None:
    """Bring a copy of a backup's database to today's schema (a backup may be older)."""
    connection = sqlcipher3.connect(str(path), isolation_level=None)
    try:
        connection.execute("PRAGMA cipher_log_level = NONE")
        connection.execute(f"PRAGMA key = \"x'{data_key.hex()}'\"")
        migrate(connection)
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        connection.close()


def _columns(connection: Connection, table: str) -> str:
    names = [row[1] for row in connection.execute(f'PRAGMA main.table_info("{table}")')]
    return ", ".join(f'"{name}"' for name in names)


def bring_back(connection: Connection, copy: Path, data_key: bytes) -> BroughtBack:
    """Copy the resident data of the backup database ``copy`` (already checked and at today's
    schema) into the live database, in one transaction."""
    connection.execute(f"ATTACH DATABASE ? AS backup KEY \"x'{data_key.hex()}'\"", (str(copy),))
    try:
        with transaction(connection):
            return _copy_tables(connection)
    finally:
        connection.execute("DETACH DATABASE backup")


def _copy_tables(connection: Connection) -> BroughtBack:
    erased_since = int(
        connection.execute(
            "SELECT count(*) FROM backup.subscribers WHERE id IN "
            "(SELECT subscriber_id FROM main.erasures)"
        ).fetchone()[0]
    )
    marks = ", ".join("?" for _ in STOPPED)
    connection.execute(
        "CREATE TEMP TABLE stopped_now AS SELECT id, status, status_changed_at, updated_at "
        f"FROM main.subscribers WHERE status IN ({marks})",
        STOPPED,
    )
    try:
        kept_settings = "key NOT IN (" + ", ".join("?" for _ in KEPT_SETTINGS) + ")"
        for table in reversed(RESTORED):
            if table == "settings":
                connection.execute(
                    f"DELETE FROM main.settings WHERE {kept_settings}", KEPT_SETTINGS
                )
            else:
                connection.execute(f'DELETE FROM main."{table}"')
        rows = {}
        parameters: tuple[str, ...]
        for table in RESTORED:
            columns = _columns(connection, table)
            keep_out, parameters = "", ()
            if table == "settings":
                keep_out, parameters = f" WHERE {kept_settings}", KEPT_SETTINGS
            elif table == "subscribers":
                keep_out = " WHERE id NOT IN (SELECT subscriber_id FROM main.erasures)"
            elif table == "deliveries":
                keep_out = " WHERE subscriber_id IN (SELECT id FROM main.subscribers)"
            elif table == "bounces":  # an erased resident's bounces stay gone
                keep_out = (
                    " WHERE subscriber_id IS NULL"
                    " OR subscriber_id IN (SELECT id FROM main.subscribers)"
                )
            cursor = connection.execute(
                f'INSERT INTO main."{table}" ({columns}) '
                f'SELECT {columns} FROM backup."{table}"{keep_out}',
                parameters,
            )
            rows[table] = int(cursor.rowcount)
        stopped_since = connection.execute(
            "UPDATE main.subscribers SET (status, status_changed_at, updated_at) = "
            "(SELECT s.status, s.status_changed_at, s.updated_at FROM stopped_now s "
            "WHERE s.id = subscribers.id) "
            f"WHERE id IN (SELECT id FROM stopped_now) AND status NOT IN ({marks})",
            STOPPED,
        ).rowcount
    finally:
        connection.execute("DROP TABLE temp.stopped_now")
    return BroughtBack(rows, erased_since, int(stopped_since))
