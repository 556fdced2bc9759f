"""Upgrades: a newer program copies an older store aside, then migrates it; an older program
refuses a newer store and leaves it alone. Real SQLCipher files with real key files."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
import sqlcipher3

from dispatch.base.errors import StoreError, StoreTooNew
from dispatch.operations import settings as setting_ops
from dispatch.operations.session import WITHOUT_TOTP, initialise, login
from dispatch.store import vault
from dispatch.store.database import APPLICATION_ID
from dispatch.store.files import DB_FILE, KEY_FILE
from dispatch.store.migrations import LATEST_VERSION, current_version, migrate

PASSWORD = "admin-password-1"


def raw(path: Path, key: bytes):  # type: ignore[no-untyped-def]
    connection = sqlcipher3.connect(str(path), isolation_level=None)
    connection.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
    return connection


def older_store(data_dir: Path, version: int) -> bytes:
    """A store as an older kishomail left it: its key file, and a database at ``version`` with
    the administrator's account. Returns the data key."""
    store, _ = vault.create_store(data_dir, "admin", PASSWORD)
    key = store.data_key
    store.close_thread_connection()
    (data_dir / DB_FILE).unlink()
    connection = raw(data_dir / DB_FILE, key)
    connection.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    connection.execute("PRAGMA journal_mode = WAL")
    migrate(connection, target=version)
    connection.execute(
        "INSERT INTO accounts (name, role, created_at, password_changed_at) "
        "VALUES ('admin', 'administrator', '2025-04-01T00:00:00+00:00', "
        "'2025-04-01T00:00:00+00:00')"
    )
    connection.execute("INSERT INTO settings (key, value) VALUES ('office.contact', '\"03-1\"')")
    connection.close()
    return key


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("version", sorted({1, LATEST_VERSION - 1}))
def test_an_older_store_is_copied_aside_then_upgraded(data_dir: Path, version: int) -> None:
    key = older_store(data_dir, version)
    keyfile_before = (data_dir / KEY_FILE).read_bytes()

    session = login(data_dir, "admin", PASSWORD)
    # The office's store is now current, with everything it held.
    assert current_version(session.connection) == LATEST_VERSION
    assert setting_ops.setting_value(session, "office.contact") == "03-1"
    session.close()

    copies = list((data_dir / "backups").glob(f"pre-upgrade-v{version}-*"))
    assert len(copies) == 1, "exactly one copy, made before the upgrade"
    copy = copies[0]
    assert copy.name.endswith("Z")  # UTC stamp
    # The copy is the store as the older program left it, openable with the same key file.
    assert (copy / KEY_FILE).read_bytes() == keyfile_before
    old = raw(copy / DB_FILE, key)
    assert current_version(old) == version
    assert old.execute("SELECT name FROM accounts").fetchall() == [("admin",)]
    old.close()


def test_a_current_store_is_not_copied(data_dir: Path) -> None:
    session, _ = initialise(data_dir, "admin", PASSWORD, totp=WITHOUT_TOTP)
    session.close()
    login(data_dir, "admin", PASSWORD).close()
    assert not (data_dir / "backups").exists()


def test_no_upgrade_without_the_copy(data_dir: Path) -> None:
    key = older_store(data_dir, 1)
    (data_dir / "backups").write_text("a file where the backups folder should be")
    with pytest.raises(StoreError, match="the store was not changed"):
        login(data_dir, "admin", PASSWORD)
    connection = raw(data_dir / DB_FILE, key)
    assert current_version(connection) == 1
    connection.close()


def newer_store(data_dir: Path) -> None:
    session, _ = initialise(data_dir, "admin", PASSWORD, totp=WITHOUT_TOTP)
    key = session.store.data_key
    session.close()
    connection = raw(data_dir / DB_FILE, key)
    connection.execute(f"PRAGMA user_version = {LATEST_VERSION + 1}")
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()


def test_an_older_program_refuses_a_newer_store_and_leaves_it_alone(data_dir: Path) -> None:
    newer_store(data_dir)
    before = digest(data_dir / DB_FILE), digest(data_dir / KEY_FILE)
    with pytest.raises(StoreTooNew, match="Install the newer kishomail; the store was not changed"):
        login(data_dir, "admin", PASSWORD)
    assert (digest(data_dir / DB_FILE), digest(data_dir / KEY_FILE)) == before
    assert not (data_dir / "backups").exists()


def test_the_command_line_says_to_install_the_newer_program(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    newer_store(tmp_path / "store")
    result = cli("--user", "admin", "accounts", "list", env={"KISHOMAIL_PASSWORD": PASSWORD})
    assert result.returncode == 1
    assert f"schema {LATEST_VERSION + 1}" in result.stderr
    assert "Install the newer kishomail" in result.stderr
    assert "Traceback" not in result.stderr
