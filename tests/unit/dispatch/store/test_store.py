"""The encrypted store: real SQLCipher files, the key file, and every way opening can fail."""

from __future__ import annotations

import hashlib
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
import sqlcipher3

from dispatch.base.errors import (
    AccountInactive,
    KeyFileDamaged,
    KeyFileMissing,
    NotAKishomailDatabase,
    StoreExists,
    StoreMissing,
    StoreTooNew,
    ValidationError,
    WrongCredentials,
)
from dispatch.operations import accounts as account_ops
from dispatch.operations import keys as key_ops
from dispatch.operations import subscribers as subscriber_ops
from dispatch.operations.session import login
from dispatch.records.subscribers import NewSubscriber, Topics, WarningLevel
from dispatch.store import vault
from dispatch.store.database import APPLICATION_ID, open_database
from dispatch.store.keys import KeyFile
from dispatch.store.migrations import LATEST_VERSION
from dispatch.store.sealing import KdfParams, kdf_params_from_environment
from tests.unit.dispatch.conftest import ADMIN_PASSWORD, OPERATOR_PASSWORD, Office


def fingerprint(folder: Path) -> dict[str, str]:
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.iterdir())
        if p.is_file()
    }


def add_one_subscriber(office: Office, email: str = "hanako@example.jp") -> None:
    session = office.operator()
    subscriber_ops.add_subscriber(
        session,
        NewSubscriber(email, Topics(warning_level=WarningLevel.WARNING), office.clock.now()),
    )
    session.close()


def close_everything(office: Office) -> None:
    office.admin.close()


def test_the_database_file_is_encrypted_and_holds_no_address(office: Office) -> None:
    add_one_subscriber(office)
    close_everything(office)
    raw = b"".join(p.read_bytes() for p in office.data_dir.iterdir() if p.is_file())
    assert b"hanako" not in raw
    assert b"SQLite format 3" not in (office.data_dir / "kishomail.db").read_bytes()[:16]
    # sqlite3 without the key sees no database at all.
    with pytest.raises(sqlite3.DatabaseError):
        sqlite3.connect(office.data_dir / "kishomail.db").execute("SELECT * FROM sqlite_master")


def test_pragmas_are_what_the_design_says(office: Office) -> None:
    connection = office.admin.connection
    assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert connection.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert connection.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert connection.execute("PRAGMA secure_delete").fetchone()[0] == 1
    assert connection.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    assert connection.execute("PRAGMA user_version").fetchone()[0] == LATEST_VERSION
    assert connection.execute("PRAGMA cipher_version").fetchone()[0].startswith("4.")


def test_a_connection_belongs_to_the_thread_that_opened_it(office: Office) -> None:
    connection = office.admin.connection
    errors: list[BaseException] = []
    others: list[object] = []

    def use_from_another_thread() -> None:
        try:
            connection.execute("SELECT 1")
        except BaseException as error:
            errors.append(error)
        others.append(office.admin.store.connection())
        office.admin.store.close_thread_connection()

    worker = threading.Thread(target=use_from_another_thread)
    worker.start()
    worker.join()
    assert errors and isinstance(errors[0], sqlcipher3.ProgrammingError)
    assert others[0] is not connection  # the worker got a connection of its own


def test_create_refuses_a_folder_that_holds_a_store(office: Office) -> None:
    before = fingerprint(office.data_dir)
    with pytest.raises(StoreExists, match="already exists"):
        vault.create_store(office.data_dir, "admin2", "another-password")
    assert fingerprint(office.data_dir) == before


def test_wrong_password_is_refused_and_changes_no_data(office: Office) -> None:
    close_everything(office)
    db_before = (office.data_dir / "kishomail.db").read_bytes()
    with pytest.raises(WrongCredentials, match="Wrong account name or password"):
        login(office.data_dir, "admin", "not-the-password", clock=office.clock)
    assert (office.data_dir / "kishomail.db").read_bytes() == db_before


def test_unknown_account_gets_the_same_answer_as_a_wrong_password(office: Office) -> None:
    with pytest.raises(WrongCredentials, match="Wrong account name or password"):
        login(office.data_dir, "nobody", ADMIN_PASSWORD, clock=office.clock)


def test_missing_store_says_how_to_create_one(tmp_path: Path) -> None:
    with pytest.raises(StoreMissing, match="kishomail init"):
        login(tmp_path / "empty", "admin", ADMIN_PASSWORD)


def test_missing_key_file_says_to_restore_it(office: Office) -> None:
    close_everything(office)
    (office.data_dir / "kishomail.keys").unlink()
    before = fingerprint(office.data_dir)
    with pytest.raises(KeyFileMissing, match="restore the key file from your backup"):
        login(office.data_dir, "admin", ADMIN_PASSWORD)
    assert fingerprint(office.data_dir) == before


@pytest.mark.parametrize(
    "damage",
    [
        lambda text: text[: len(text) // 2],  # truncated
        lambda text: "not json at all",
        lambda text: text.replace('"format": "kishomail-keyfile"', '"format": "other"'),
    ],
    ids=["truncated", "garbage", "foreign-format"],
)
def test_damaged_key_file_is_refused_and_left_as_it_is(office: Office, damage) -> None:  # type: ignore[no-untyped-def]
    close_everything(office)
    key_path = office.data_dir / "kishomail.keys"
    key_path.write_text(damage(key_path.read_text()))
    before = fingerprint(office.data_dir)
    with pytest.raises(KeyFileDamaged, match="damaged"):
        login(office.data_dir, "admin", ADMIN_PASSWORD)
    assert fingerprint(office.data_dir) == before


def test_an_edited_sealed_key_is_caught(office: Office) -> None:
    close_everything(office)
    key_path = office.data_dir / "kishomail.keys"
    document = json.loads(key_path.read_text())
    sealed = document["accounts"]["admin"]["sealed_data_key"]
    # Swap in the operator's sealed copy: it is bound to the operator's slot name.
    sealed["ciphertext"] = document["accounts"]["opr"]["sealed_data_key"]["ciphertext"]
    key_path.write_text(json.dumps(document))
    with pytest.raises(KeyFileDamaged):
        login(office.data_dir, "admin", ADMIN_PASSWORD)


def test_a_plain_sqlite_file_is_not_a_kishomail_store(office: Office) -> None:
    close_everything(office)
    db_path = office.data_dir / "kishomail.db"
    db_path.unlink()
    for suffix in ("-wal", "-shm"):
        Path(str(db_path) + suffix).unlink(missing_ok=True)
    plain = sqlite3.connect(db_path)
    plain.execute("CREATE TABLE t (x)")
    plain.commit()
    plain.close()
    before = fingerprint(office.data_dir)
    with pytest.raises(NotAKishomailDatabase, match="plain, unencrypted SQLite"):
        login(office.data_dir, "admin", ADMIN_PASSWORD)
    assert fingerprint(office.data_dir) == before


def test_a_database_from_another_store_is_refused(office: Office, tmp_path: Path) -> None:
    other_store, _ = vault.create_store(tmp_path / "other", "admin", ADMIN_PASSWORD)
    other_store.close_thread_connection()
    close_everything(office)
    # The other store's database beside this store's key file.
    for suffix in ("", "-wal", "-shm"):
        Path(str(office.data_dir / "kishomail.db") + suffix).unlink(missing_ok=True)
    (office.data_dir / "kishomail.db").write_bytes(
        (tmp_path / "other" / "kishomail.db").read_bytes()
    )
    before = fingerprint(office.data_dir)
    with pytest.raises(NotAKishomailDatabase, match="key file belongs to another store"):
        login(office.data_dir, "admin", ADMIN_PASSWORD)
    assert fingerprint(office.data_dir) == before


def test_an_encrypted_database_of_another_program_is_refused(tmp_path: Path) -> None:
    key = os.urandom(32)
    path = tmp_path / "foreign.db"
    foreign = sqlcipher3.connect(str(path))
    foreign.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
    foreign.execute("CREATE TABLE t (x)")
    foreign.commit()
    foreign.close()
    before = path.read_bytes()
    with pytest.raises(NotAKishomailDatabase, match="not a kishomail store"):
        open_database(path, key)
    assert path.read_bytes() == before


def test_a_store_from_a_newer_program_is_refused_untouched(office: Office) -> None:
    office.admin.connection.execute(f"PRAGMA user_version = {LATEST_VERSION + 1}")
    close_everything(office)
    before = fingerprint(office.data_dir)
    with pytest.raises(StoreTooNew, match="newer kishomail"):
        login(office.data_dir, "admin", ADMIN_PASSWORD)
    assert fingerprint(office.data_dir) == before


def test_production_key_derivation_is_argon2id_at_full_cost(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("KISHOMAIL_TEST_FAST_KDF")
    params = kdf_params_from_environment()
    assert params == KdfParams(memory_kib=65536, iterations=3, lanes=4)


def test_key_file_records_each_slots_own_kdf_cost(office: Office) -> None:
    document = json.loads((office.data_dir / "kishomail.keys").read_text())
    wrapped = document["accounts"]["admin"]["wrapped_private_key"]
    assert wrapped["kdf"] == "argon2id"
    assert {"memory_kib", "iterations", "lanes", "salt", "nonce", "ciphertext"} <= set(wrapped)
    assert "data_key" not in json.dumps(document).replace("sealed_data_key", "")


def test_rekey_changes_the_key_and_everyone_still_gets_in(office: Office) -> None:
    add_one_subscriber(office)
    old_key = office.admin.store.data_key
    key_ops.rekey(office.admin)
    assert office.admin.store.data_key != old_key
    close_everything(office)
    with pytest.raises(NotAKishomailDatabase):
        open_database(office.data_dir / "kishomail.db", old_key)
    operator = login(office.data_dir, "opr", OPERATOR_PASSWORD)
    assert subscriber_ops.find_subscriber(operator, "hanako@example.jp") is not None
    operator.close()
    assert not (office.data_dir / "kishomail.keys.next").exists()


def test_recovery_key_still_opens_after_rekey(data_dir: Path) -> None:
    from dispatch.operations.session import WITHOUT_TOTP, initialise, recover

    admin, recovery_key = initialise(data_dir, "admin", ADMIN_PASSWORD, totp=WITHOUT_TOTP)
    key_ops.rekey(admin)
    admin.close()
    session = recover(data_dir, recovery_key, "admin", "brand-new-password")
    session.close()
    login(data_dir, "admin", "brand-new-password").close()
    with pytest.raises(WrongCredentials):
        login(data_dir, "admin", ADMIN_PASSWORD)


def test_a_mistyped_recovery_key_is_told_apart_from_a_wrong_one(
    data_dir: Path, tmp_path: Path
) -> None:
    from dispatch.operations.session import WITHOUT_TOTP, initialise, recover

    admin, recovery_key = initialise(data_dir, "admin", ADMIN_PASSWORD, totp=WITHOUT_TOTP)
    admin.close()
    _, other_key = initialise(tmp_path / "other", "admin", ADMIN_PASSWORD, totp=WITHOUT_TOTP)
    typo = ("A" if recovery_key[0] != "A" else "B") + recovery_key[1:]
    with pytest.raises(WrongCredentials, match="mistyped"):
        recover(data_dir, typo, "admin", "brand-new-password")
    with pytest.raises(WrongCredentials, match="does not belong to this store"):
        recover(data_dir, other_key, "admin", "brand-new-password")
    # Lower case and spaces instead of dashes are fine.
    recover(data_dir, recovery_key.lower().replace("-", " "), "admin", "brand-new-password").close()


def test_short_passwords_are_refused(data_dir: Path) -> None:
    from dispatch.operations.session import WITHOUT_TOTP, initialise

    with pytest.raises(ValidationError, match="at least 10 characters"):
        initialise(data_dir, "admin", "short", totp=WITHOUT_TOTP)
    assert not data_dir.exists() or not any(data_dir.iterdir())


def test_deactivated_account_is_told_so(office: Office) -> None:
    account_ops.deactivate_account(office.admin, "opr")
    with pytest.raises(AccountInactive, match="deactivated"):
        login(office.data_dir, "opr", OPERATOR_PASSWORD)
    assert "opr" not in KeyFile.load(office.data_dir / "kishomail.keys").accounts


_REKEY_CHILD = """
import os, sys
os.environ["KISHOMAIL_TEST_FAST_KDF"] = "1"
from pathlib import Path
from dispatch.operations import keys as key_ops
from dispatch.operations.session import login
session = login(Path(sys.argv[1]), "admin", sys.argv[2])
print("ready", flush=True)
while True:
    key_ops.rekey(session)
"""


@pytest.mark.slow
def test_kill_during_rekey_loses_nothing(office: Office) -> None:
    """F16: SIGKILL at random moments of repeated rekeys; the store always opens after."""
    for n in range(40):
        add_one_subscriber(office, f"resident{n}@example.jp")
    close_everything(office)
    rng = random.Random(1234)
    for _ in range(8):
        child = subprocess.Popen(
            [sys.executable, "-c", _REKEY_CHILD, str(office.data_dir), ADMIN_PASSWORD],
            stdout=subprocess.PIPE,
            text=True,
        )
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "ready"
        time.sleep(rng.uniform(0.0, 0.3))
        child.send_signal(signal.SIGKILL)
        child.wait()
        assert child.returncode == -signal.SIGKILL, "the rekey loop ended before it was killed"
        child.stdout.close()
        session = login(office.data_dir, "opr", OPERATOR_PASSWORD)
        connection = session.connection
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert subscriber_ops.count_subscribers(session) == 40
        session.close()
        assert not (office.data_dir / "kishomail.keys.next").exists()
