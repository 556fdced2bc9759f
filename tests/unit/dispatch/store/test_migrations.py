"""Each schema migration, run from the version before it on a real SQLCipher file."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import sqlcipher3

from dispatch.store.database import APPLICATION_ID, open_database
from dispatch.store.migrations import LATEST_VERSION, MIGRATIONS, current_version, migrate


def raw_database(path: Path, key: bytes, version: int):  # type: ignore[no-untyped-def]
    """A kishomail database brought only up to ``version``."""
    connection = sqlcipher3.connect(str(path), isolation_level=None)
    connection.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
    connection.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    migrate(connection, target=version)
    return connection


def test_versions_are_numbered_one_by_one() -> None:
    assert [m.version for m in MIGRATIONS] == list(range(1, LATEST_VERSION + 1))


def test_migration_1_from_an_empty_file(tmp_path: Path) -> None:
    key = os.urandom(32)
    connection = raw_database(tmp_path / "db", key, 0)
    assert current_version(connection) == 0
    assert migrate(connection, target=1) == 1
    tables = {r[0] for r in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"meta", "settings", "accounts", "audit_log"} <= tables
    with pytest.raises(sqlcipher3.IntegrityError, match="append-only"):
        connection.execute(
            "INSERT INTO audit_log (seq, at, actor, action, outcome, prev_hash, hash) "
            "VALUES (1, 'now', 'a', 'b', 'ok', x'00', x'00')"
        )
        connection.execute("DELETE FROM audit_log")


def test_migration_2_keeps_version_1_data(tmp_path: Path) -> None:
    key = os.urandom(32)
    path = tmp_path / "db"
    connection = raw_database(path, key, 1)
    connection.execute(
        "INSERT INTO accounts (name, role, created_at, password_changed_at) "
        "VALUES ('admin', 'administrator', 't', 't')"
    )
    connection.execute("INSERT INTO settings (key, value) VALUES ('security.require_totp', 'true')")
    connection.close()
    # Opening with the program migrates to the latest version.
    upgraded = open_database(path, key)
    assert current_version(upgraded) == LATEST_VERSION
    assert upgraded.execute("SELECT name, role FROM accounts").fetchall() == [
        ("admin", "administrator")
    ]
    assert upgraded.execute("SELECT value FROM settings").fetchone()[0] == "true"
    upgraded.execute(
        "INSERT INTO subscribers (email, status, language, channel, consent_at, purpose_version, "
        "created_at, updated_at, status_changed_at) VALUES "
        "('a@example.jp', 'active', 'ja', 'web', 't', 'v', 't', 't', 't')"
    )
    assert upgraded.execute("SELECT count(*) FROM subscribers").fetchone()[0] == 1


def test_a_failing_migration_leaves_the_version_before_it(tmp_path: Path) -> None:
    key = os.urandom(32)
    connection = raw_database(tmp_path / "db", key, 1)
    connection.execute("CREATE TABLE subscribers (x)")  # collides with migration 2
    with pytest.raises(sqlcipher3.OperationalError):
        migrate(connection)
    assert current_version(connection) == 1
    names = {r[0] for r in connection.execute("SELECT name FROM sqlite_master")}
    assert "erasures" not in names


def test_migrating_twice_does_nothing(tmp_path: Path) -> None:
    key = os.urandom(32)
    connection = raw_database(tmp_path / "db", key, LATEST_VERSION)
    assert migrate(connection) == 0


def test_migration_3_adds_the_outbox_beside_existing_subscribers(tmp_path: Path) -> None:
    key = os.urandom(32)
    path = tmp_path / "db"
    connection = raw_database(path, key, 2)
    connection.execute(
        "INSERT INTO subscribers (email, status, language, channel, consent_at, purpose_version, "
        "created_at, updated_at, status_changed_at) VALUES "
        "('a@example.jp', 'active', 'ja', 'web', 't', 'v', 't', 't', 't')"
    )
    assert migrate(connection, target=3) == 1
    connection.execute(
        "INSERT INTO dispatches (kind, subject, mode, status, created_at) "
        "VALUES ('test', 's', 'individual', 'queued', 't')"
    )
    connection.execute(
        "INSERT INTO deliveries (dispatch_id, subscriber_id, language, charset, message_id, "
        "state, next_attempt_at) VALUES (1, 1, 'ja', 'utf-8', '<m@x>', 'queued', 't')"
    )
    connection.execute("PRAGMA foreign_keys = ON")
    # Erasing the subscriber takes their pending deliveries with it.
    connection.execute("DELETE FROM subscribers WHERE id = 1")
    assert connection.execute("SELECT count(*) FROM deliveries").fetchone()[0] == 0
    with pytest.raises(sqlcipher3.IntegrityError):
        connection.execute(
            "INSERT INTO deliveries (dispatch_id, subscriber_id, language, charset, message_id, "
            "state, next_attempt_at) VALUES (1, 99, 'ja', 'utf-8', '<m@x>', 'lost', 't')"
        )


def test_migration_5_adds_export_requests_beside_existing_data(tmp_path: Path) -> None:
    key = os.urandom(32)
    connection = raw_database(tmp_path / "db", key, 4)
    connection.execute(
        "INSERT INTO subscribers (email, status, language, channel, consent_at, purpose_version, "
        "created_at, updated_at, status_changed_at) VALUES "
        "('a@example.jp', 'active', 'ja', 'web', 't', 'v', 't', 't', 't')"
    )
    assert migrate(connection, target=5) == 1
    assert connection.execute("SELECT count(*) FROM subscribers").fetchone()[0] == 1
    connection.execute(
        "INSERT INTO export_requests (kind, status, requester, reason, columns, filter, "
        "requested_at) VALUES ('subscribers', 'requested', 'opr', 'why', '[]', '{}', 't')"
    )
    with pytest.raises(sqlcipher3.IntegrityError):  # only the known states
        connection.execute("UPDATE export_requests SET status = 'whatever'")


def test_the_rain_migration_moves_old_thresholds_to_the_offered_bands(tmp_path: Path) -> None:
    from dispatch.records.subscribers import RAIN_THRESHOLDS_MM

    rain = next(m for m in MIGRATIONS if m.purpose.startswith("rain thresholds"))
    key = os.urandom(32)
    connection = raw_database(tmp_path / "db", key, rain.version - 1)
    # Thresholds the desktop once allowed (1–200 mm/h), and the offered ones.
    old = [1, 9, 10, 15, 20, 25, 30, 45, 50, 79, 80, 120, 200]
    for number, mm in enumerate(old):
        connection.execute(
            "INSERT INTO subscribers (email, status, language, channel, rain_mm, consent_at, "
            "purpose_version, created_at, updated_at, status_changed_at) "
            "VALUES (?, 'active', 'ja', 'staff', ?, 't', 'v1', 't', 't', 't')",
            (f"s{number}@example.jp", mm),
        )
    migrate(connection, target=rain.version)
    moved = [row[0] for row in connection.execute("SELECT rain_mm FROM subscribers ORDER BY id")]
    # Down to the nearest offered band (nobody misses a reading they asked for); below the
    # lowest, up to it.
    assert moved == [10, 10, 10, 10, 20, 20, 30, 30, 50, 50, 80, 80, 80]
    assert set(moved) <= set(RAIN_THRESHOLDS_MM)
    assert all(f"{mm}" in rain.statements[0] for mm in RAIN_THRESHOLDS_MM)


def test_the_mailbox_migration_keeps_totp_optional_in_an_existing_store(tmp_path: Path) -> None:
    mailbox = next(m for m in MIGRATIONS if m.purpose.startswith("the embedded sink's local"))
    key = os.urandom(32)
    connection = raw_database(tmp_path / "db", key, mailbox.version - 1)
    connection.execute("INSERT INTO settings (key, value) VALUES ('office.name', '\"区\"')")
    migrate(connection, target=mailbox.version)
    # The local mailbox has its table in the encrypted store …
    columns = {row[1] for row in connection.execute("PRAGMA table_info(mailbox)")}
    assert {"id", "received_at", "recipients", "message"} <= columns
    # … and a store made before TOTP became the default keeps what it had: optional.
    settings = dict(connection.execute("SELECT key, value FROM settings").fetchall())
    assert settings == {"office.name": '"区"', "security.require_totp": "false"}


def test_the_station_migration_gives_every_river_subscriber_every_station(tmp_path: Path) -> None:
    """Subscribers from before the station choice hear of every station, one added later too
    (``river_stations`` NULL); the office's own list starts empty (the shipped one applies)."""
    stations = next(m for m in MIGRATIONS if m.purpose.startswith("river stations"))
    connection = raw_database(tmp_path / "db", os.urandom(32), stations.version - 1)
    connection.execute(
        "INSERT INTO subscribers (email, status, language, channel, river_stage, consent_at, "
        "purpose_version, created_at, updated_at, status_changed_at) "
        "VALUES ('kawa@example.jp', 'active', 'ja', 'staff', 1, 't', 'v1', 't', 't', 't')"
    )
    migrate(connection, target=stations.version)
    assert connection.execute("SELECT river_stations FROM subscribers").fetchall() == [(None,)]
    assert connection.execute("SELECT count(*) FROM river_stations").fetchone() == (0,)
    plan = " ".join(
        str(row[-1])
        for row in connection.execute(
            "EXPLAIN QUERY PLAN SELECT count(*) FROM subscribers WHERE status = 'active' AND "
            "river_stage IS NOT NULL AND river_stage <= 3 AND "
            "(river_stations IS NULL OR instr(river_stations, ',X,') > 0)"
        )
    )
    assert "COVERING INDEX subscribers_river" in plan  # the audience is counted in the index
