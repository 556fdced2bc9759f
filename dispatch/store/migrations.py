"""The schema, as forward-only migrations.

``PRAGMA user_version`` holds the version a database has reached. Each migration runs in one
transaction together with the version bump, so a crash leaves the database at the version
before or after it, never in between. A migration is never edited once released: change the
schema by appending a new one (and a test that migrates from the version before it).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Migration:
    version: int
    purpose: str
    statements: Sequence[str]


MIGRATIONS: tuple[Migration, ...] = (
    Migration(
        1,
        "store identity, settings, staff accounts, the hash-chained audit log",
        (
            """CREATE TABLE meta (
                key TEXT PRIMARY KEY,
                value TEXT NOT NULL
            )""",
            """CREATE TABLE settings (
                key TEXT PRIMARY KEY,
                value TEXT NOT NULL  -- JSON
            )""",
            """CREATE TABLE accounts (
                id INTEGER PRIMARY KEY,
                name TEXT NOT NULL UNIQUE,
                display_name TEXT NOT NULL DEFAULT '',
                role TEXT NOT NULL
                    CHECK (role IN ('administrator', 'operator', 'duty_officer', 'auditor')),
                active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
                totp_secret BLOB,
                totp_pending_secret BLOB,
                totp_last_step INTEGER NOT NULL DEFAULT 0,
                created_at TEXT NOT NULL,
                password_changed_at TEXT NOT NULL,
                deactivated_at TEXT
            )""",
            """CREATE TABLE audit_log (
                seq INTEGER PRIMARY KEY,
                at TEXT NOT NULL,
                actor TEXT NOT NULL,
                action TEXT NOT NULL,
                target TEXT NOT NULL DEFAULT '',
                outcome TEXT NOT NULL,
                detail TEXT NOT NULL DEFAULT '',
                prev_hash BLOB NOT NULL,
                hash BLOB NOT NULL
            )""",
            "CREATE INDEX audit_log_at ON audit_log (at)",
            "CREATE INDEX audit_log_actor ON audit_log (actor, at)",
            "CREATE INDEX audit_log_action ON audit_log (action, at)",
            # Append-only inside the program; the hash chain catches edits made around it.
            """CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
               BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END""",
            """CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
               BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END""",
        ),
    ),
    Migration(
        2,
        "subscribers and the erasure records left when one is deleted",
        (
            """CREATE TABLE subscribers (
                id INTEGER PRIMARY KEY,
                email TEXT NOT NULL UNIQUE,
                status TEXT NOT NULL
                    CHECK (status IN ('pending', 'active', 'unsubscribed', 'suspended')),
                language TEXT NOT NULL CHECK (language IN ('ja', 'en', 'ja-easy')),
                charset TEXT NOT NULL DEFAULT 'utf-8'
                    CHECK (charset IN ('utf-8', 'iso-2022-jp')),
                channel TEXT NOT NULL CHECK (channel IN ('web', 'mail', 'staff', 'import')),
                warning_level INTEGER CHECK (warning_level BETWEEN 2 AND 5),
                rain_mm INTEGER CHECK (rain_mm BETWEEN 1 AND 200),
                river_stage INTEGER CHECK (river_stage BETWEEN 1 AND 3),
                kanda_rivers INTEGER NOT NULL DEFAULT 0 CHECK (kanda_rivers BETWEEN 0 AND 7),
                quiet_start INTEGER CHECK (quiet_start BETWEEN 0 AND 1439),
                quiet_end INTEGER CHECK (quiet_end BETWEEN 0 AND 1439),
                consent_at TEXT NOT NULL,
                purpose_version TEXT NOT NULL,
                created_at TEXT NOT NULL,
                updated_at TEXT NOT NULL,
                status_changed_at TEXT NOT NULL,
                hard_failures INTEGER NOT NULL DEFAULT 0
            )""",
            # Audience selection reads these: one partial index per topic.
            """CREATE INDEX subscribers_warning ON subscribers (status, warning_level, language)
               WHERE warning_level IS NOT NULL""",
            """CREATE INDEX subscribers_rain ON subscribers (status, rain_mm, language)
               WHERE rain_mm IS NOT NULL""",
            """CREATE INDEX subscribers_river ON subscribers (status, river_stage, language)
               WHERE river_stage IS NOT NULL""",
            """CREATE INDEX subscribers_kanda ON subscribers (status, kanda_rivers, language)
               WHERE kanda_rivers != 0""",
            "CREATE INDEX subscribers_created ON subscribers (created_at)",
            """CREATE TABLE erasures (
                id INTEGER PRIMARY KEY,
                subscriber_id INTEGER NOT NULL,
                erased_at TEXT NOT NULL,
                actor TEXT NOT NULL,
                reason TEXT NOT NULL,
                subscribed_since TEXT NOT NULL
            )""",
        ),
    ),
    Migration(
        3,
        "the outbox: telegrams processed, alerts seen, dispatches and per-recipient deliveries",
        (
            """CREATE TABLE telegrams (
                source_id TEXT PRIMARY KEY,
                report_datetime TEXT NOT NULL,  -- ISO 8601 with its offset, as published
                received_at TEXT NOT NULL,
                title TEXT NOT NULL,
                is_exercise INTEGER NOT NULL CHECK (is_exercise IN (0, 1)),
                raw BLOB NOT NULL  -- zlib-compressed XML
            )""",
            "CREATE INDEX telegrams_report ON telegrams (received_at)",
            """CREATE TABLE alerts (
                dedupe_key TEXT PRIMARY KEY,
                category TEXT NOT NULL,
                change TEXT NOT NULL,
                area_code TEXT NOT NULL,
                area_name TEXT NOT NULL,
                level INTEGER,
                supersedes TEXT,
                is_exercise INTEGER NOT NULL CHECK (is_exercise IN (0, 1)),
                source_id TEXT NOT NULL,
                report_datetime TEXT NOT NULL,
                detected_at TEXT NOT NULL,
                title TEXT NOT NULL,
                content TEXT NOT NULL  -- the whole alert as JSON, for rendering and history
            )""",
            "CREATE INDEX alerts_detected ON alerts (detected_at)",
            """CREATE TABLE dispatches (
                id INTEGER PRIMARY KEY,
                kind TEXT NOT NULL CHECK (kind IN ('alert', 'manual', 'test')),
                alert_key TEXT REFERENCES alerts (dedupe_key),
                subject TEXT NOT NULL,
                mode TEXT NOT NULL CHECK (mode IN ('individual', 'batch')),
                status TEXT NOT NULL
                    CHECK (status IN ('queued', 'sending', 'done', 'paused', 'cancelled')),
                created_at TEXT NOT NULL,
                jma_report_at TEXT,
                detected_at TEXT,
                first_accepted_at TEXT,
                last_accepted_at TEXT,
                finished_at TEXT,
                total INTEGER NOT NULL DEFAULT 0,
                sent INTEGER NOT NULL DEFAULT 0,
                failed INTEGER NOT NULL DEFAULT 0,
                -- deliveries sent again after a crash or a lost reply: possible duplicates
                resent_in_doubt INTEGER NOT NULL DEFAULT 0,
                control_copy_sent INTEGER NOT NULL DEFAULT 0,
                note TEXT NOT NULL DEFAULT ''
            )""",
            "CREATE INDEX dispatches_status ON dispatches (status)",
            """CREATE TABLE deliveries (
                id INTEGER PRIMARY KEY,
                dispatch_id INTEGER NOT NULL REFERENCES dispatches (id),
                subscriber_id INTEGER NOT NULL REFERENCES subscribers (id) ON DELETE CASCADE,
                language TEXT NOT NULL,
                charset TEXT NOT NULL,
                message_id TEXT NOT NULL,
                state TEXT NOT NULL
                    CHECK (state IN ('queued', 'sending', 'sent', 'failed', 'deferred')),
                attempts INTEGER NOT NULL DEFAULT 0,
                in_doubt INTEGER NOT NULL DEFAULT 0 CHECK (in_doubt IN (0, 1)),
                next_attempt_at TEXT NOT NULL,
                last_code INTEGER,
                last_reply TEXT NOT NULL DEFAULT '',
                sent_at TEXT,
                UNIQUE (dispatch_id, subscriber_id)
            )""",
            "CREATE INDEX deliveries_due ON deliveries (state, next_attempt_at)",
            "CREATE INDEX deliveries_dispatch ON deliveries (dispatch_id, state)",
            "CREATE INDEX deliveries_subscriber ON deliveries (subscriber_id)",
        ),
    ),
    Migration(
        4,
        "manual alerts with two-person approval, and certificates of erasure",
        (
            """CREATE TABLE manual_alerts (
                id INTEGER PRIMARY KEY,
                status TEXT NOT NULL CHECK (status IN
                    ('draft', 'submitted', 'approved', 'scheduled', 'sent', 'cancelled')),
                category TEXT NOT NULL,
                languages TEXT NOT NULL,  -- JSON list: ja, en, ja-easy
                content TEXT NOT NULL,  -- JSON: language -> {subject, body}
                audience TEXT NOT NULL,  -- JSON: {kind: all|topic|language, topics, languages}
                attachment_name TEXT,
                attachment BLOB,  -- in the encrypted store; an encrypted ZIP if personal data
                attachment_personal INTEGER NOT NULL DEFAULT 0
                    CHECK (attachment_personal IN (0, 1)),
                send_at TEXT,
                correction_of INTEGER REFERENCES manual_alerts (id),
                content_hash TEXT NOT NULL,  -- SHA-256 of everything that is approved
                revision INTEGER NOT NULL DEFAULT 1,
                author TEXT NOT NULL,
                created_at TEXT NOT NULL,
                updated_at TEXT NOT NULL,
                submitted_at TEXT,
                approver TEXT,
                approved_at TEXT,
                approved_hash TEXT,
                approved_audience INTEGER,
                emergency INTEGER NOT NULL DEFAULT 0 CHECK (emergency IN (0, 1)),
                sent_by TEXT,
                sent_at TEXT,
                dispatch_id INTEGER REFERENCES dispatches (id),
                cancelled_by TEXT,
                cancelled_at TEXT
            )""",
            "CREATE INDEX manual_alerts_status ON manual_alerts (status, send_at)",
            """CREATE TABLE erasure_certificates (
                id INTEGER PRIMARY KEY,
                erased_at TEXT NOT NULL,
                actor TEXT NOT NULL,
                counts TEXT NOT NULL,  -- JSON: kind -> rows or files erased
                method TEXT NOT NULL,
                audit_first INTEGER NOT NULL,
                audit_last INTEGER NOT NULL,
                verification TEXT NOT NULL,  -- JSON
                text TEXT NOT NULL  -- the certificate's words, as printed
            )""",
        ),
    ),
    Migration(
        5,
        "export requests: personal data leaves only with a second person's approval",
        (
            """CREATE TABLE export_requests (
                id INTEGER PRIMARY KEY,
                kind TEXT NOT NULL CHECK (kind IN ('subscribers')),
                status TEXT NOT NULL
                    CHECK (status IN ('requested', 'approved', 'refused', 'used')),
                requester TEXT NOT NULL,
                reason TEXT NOT NULL,
                columns TEXT NOT NULL,  -- JSON list of the columns asked for
                filter TEXT NOT NULL,  -- JSON: which subscribers
                requested_at TEXT NOT NULL,
                decided_by TEXT,
                decided_at TEXT,
                expires_at TEXT,
                used_at TEXT,
                rows INTEGER,
                sha256 TEXT
            )""",
            "CREATE INDEX export_requests_status ON export_requests (status)",
        ),
    ),
    Migration(
        6,
        "rain thresholds: every subscriber's threshold is one of the offered bands",
        (
            # Thresholds chosen before the one list (the desktop allowed 1–200 mm/h) move down
            # to the nearest offered band, so nobody misses a reading they asked for; below
            # the lowest band they move up to it (10 mm/h). Keep these numbers in step with
            # dispatch.records.subscribers.RAIN_THRESHOLDS_MM (a test checks).
            """UPDATE subscribers SET rain_mm = CASE
                WHEN rain_mm >= 80 THEN 80 WHEN rain_mm >= 50 THEN 50
                WHEN rain_mm >= 30 THEN 30 WHEN rain_mm >= 20 THEN 20 ELSE 10 END
            WHERE rain_mm IS NOT NULL AND rain_mm NOT IN (10, 20, 30, 50, 80)""",
        ),
    ),
    Migration(
        7,
        "staff notification contacts, apart from residents",
        (
            # Staff addresses only (a duty phone, the office mailbox): never joined with the
            # residents' tables, never in a log; the whole store is SQLCipher-encrypted.
            """CREATE TABLE staff_contacts (
                id INTEGER PRIMARY KEY,
                account TEXT NOT NULL REFERENCES accounts (name),
                address TEXT NOT NULL,
                added_at TEXT NOT NULL,
                UNIQUE (account, address)
            )""",
        ),
    ),
    Migration(
        8,
        "the embedded sink's local mailbox inside the encrypted store; TOTP kept optional in "
        "stores made before it became the default",
        (
            # What the embedded sink received while no relay was set: addressed to residents,
            # so kept here under the data key (older versions kept plain files, moved in on
            # first open by dispatch.records.mailbox).
            """CREATE TABLE mailbox (
                id TEXT PRIMARY KEY,
                received_at TEXT NOT NULL,
                sender TEXT NOT NULL,
                recipients TEXT NOT NULL,  -- JSON list of addresses
                subject TEXT NOT NULL,
                message_id TEXT NOT NULL,
                size INTEGER NOT NULL,
                message BLOB NOT NULL  -- as received, with the "not sent" header
            )""",
            "CREATE INDEX mailbox_received ON mailbox (received_at)",
            # TOTP is now required by default (new stores are set up with it); a store made
            # before keeps what it had — optional unless an administrator turned it on.
            """INSERT OR IGNORE INTO settings (key, value)
                VALUES ('security.require_totp', 'false')""",
        ),
    ),
    Migration(
        9,
        "river stations: the office's own list, and each subscriber's choice of stations",
        (
            # The office's own list (Settings, kishomail stations); empty: the list of the
            # observations.thresholds setting (the shipped one by default) applies.
            """CREATE TABLE river_stations (
                code TEXT PRIMARY KEY,
                name TEXT NOT NULL,
                river TEXT NOT NULL,
                danger_m REAL NOT NULL,
                caution_m REAL,
                evacuation_m REAL,
                overflow_m REAL,
                ward TEXT NOT NULL DEFAULT '',
                source TEXT NOT NULL DEFAULT '',
                published TEXT NOT NULL DEFAULT '',
                confirmed INTEGER NOT NULL DEFAULT 0 CHECK (confirmed IN (0, 1)),
                position INTEGER NOT NULL
            )""",
            # NULL: every station of the list, one added later included; else ',code,code,'.
            "ALTER TABLE subscribers ADD COLUMN river_stations TEXT",
            "DROP INDEX subscribers_river",
            """CREATE INDEX subscribers_river
               ON subscribers (status, river_stage, language, river_stations)
               WHERE river_stage IS NOT NULL""",
        ),
    ),
    Migration(
        10,
        "signed audit entries: each entry's signer (key id) and Ed25519 signature, the keys",
        (
            # NULL: an entry from before signing (or one written with nobody's key), which
            # rests on the HMAC chain and on the signature of the next signed entry.
            "ALTER TABLE audit_log ADD COLUMN signer TEXT",
            "ALTER TABLE audit_log ADD COLUMN signature BLOB",
            # The store's copy of every signing public key; ``audit verify`` compares it with
            # the key file's list and with the anchors outside the store.
            """CREATE TABLE audit_keys (
                key_id TEXT PRIMARY KEY,
                actor TEXT NOT NULL,
                public_key BLOB NOT NULL
            )""",
            """CREATE TRIGGER audit_keys_no_update BEFORE UPDATE ON audit_keys
               BEGIN SELECT RAISE(ABORT, 'the audit keys are append-only'); END""",
            """CREATE TRIGGER audit_keys_no_delete BEFORE DELETE ON audit_keys
               BEGIN SELECT RAISE(ABORT, 'the audit keys are append-only'); END""",
        ),
    ),
    Migration(
        11,
        "bounces: a bounce token per delivery (VERP MAIL FROM) and the bounces received",
        (
            # Random, unguessable; a batch envelope's recipients share their envelope's token.
            "ALTER TABLE deliveries ADD COLUMN bounce_token TEXT",
            "ALTER TABLE deliveries ADD COLUMN soft_bounces INTEGER NOT NULL DEFAULT 0",
            # What the delivery's last bounce said: '' (none), 'hard 5.1.1', 'soft 4.2.2' …
            "ALTER TABLE deliveries ADD COLUMN bounced TEXT NOT NULL DEFAULT ''",
            "CREATE INDEX deliveries_bounce_token ON deliveries (bounce_token)",
            """CREATE TABLE bounces (
                id INTEGER PRIMARY KEY,
                received_at TEXT NOT NULL,
                kind TEXT NOT NULL CHECK (kind IN ('hard', 'soft', 'forged')),
                status TEXT NOT NULL DEFAULT '',
                source TEXT NOT NULL DEFAULT '',  -- dsn, docomo, au, softbank
                carrier TEXT NOT NULL DEFAULT '',  -- the carrier group, never an address
                dispatch_id INTEGER,
                delivery_id INTEGER,
                subscriber_id INTEGER REFERENCES subscribers (id) ON DELETE SET NULL,
                note TEXT NOT NULL DEFAULT ''
            )""",
            "CREATE INDEX bounces_subscriber ON bounces (subscriber_id, kind, received_at)",
            "CREATE INDEX bounces_dispatch ON bounces (dispatch_id)",
        ),
    ),
    Migration(
        12,
        "a password an administrator set is marked, to be changed at its owner's first login",
        (
            "ALTER TABLE accounts ADD COLUMN password_temporary INTEGER NOT NULL DEFAULT 0 "
            "CHECK (password_temporary IN (0, 1))",
        ),
    ),
)

LATEST_VERSION = MIGRATIONS[-1].version


def current_version(connection: Any) -> int:
    return int(connection.execute("PRAGMA user_version").fetchone()[0])


def migrate(connection: Any, *, target: int = LATEST_VERSION) -> int:
    """Apply every migration above the database's version up to ``target``; return the count."""
    applied = 0
    for migration in MIGRATIONS:
        if migration.version > target or migration.version <= current_version(connection):
            continue
        connection.execute("BEGIN IMMEDIATE")
        if migration.version <= current_version(connection):  # another process was quicker
            connection.execute("ROLLBACK")
            continue
        try:
            for statement in migration.statements:
                connection.execute(statement)
            connection.execute(f"PRAGMA user_version = {int(migration.version)}")
        except BaseException:
            connection.execute("ROLLBACK")
            raise
        connection.execute("COMMIT")
        log.info("store schema migrated to version %d (%s)", migration.version, migration.purpose)
        applied += 1
    return applied
