"""A person who leaves (or has their password reset) opens nothing with an earlier copy of the
key file: the data key changes, and every backup's key file loses their slot."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from dispatch.base.errors import NotAKishomailDatabase
from dispatch.base.instance_lock import InstanceLock
from dispatch.checks.doctor import check_rekey_owed
from dispatch.operations import accounts as account_ops
from dispatch.operations import backup as backup_ops
from dispatch.operations import keys as key_ops
from dispatch.records.rekey_due import rekey_due
from dispatch.store.database import open_database
from dispatch.store.files import DB_FILE, KEY_FILE
from dispatch.store.keys import KeyFile
from tests.unit.dispatch.conftest import AUDITOR_PASSWORD, OPERATOR_PASSWORD, Office


def opens_live_store(office: Office, key_file_copy: Path, name: str, password: str) -> bool:
    """What a person who kept a copy of the key file can do with their old password."""
    data_key = KeyFile.load(key_file_copy).unseal_for_account(name, password)
    try:
        open_database(office.data_dir / DB_FILE, data_key).close()
    except NotAKishomailDatabase:
        return False
    return True


def test_after_a_departure_no_earlier_key_file_opens_the_live_store(
    office: Office, tmp_path: Path
) -> None:
    kept = tmp_path / "kept-copy.keys"
    shutil.copyfile(office.data_dir / KEY_FILE, kept)
    made = backup_ops.create(office.admin, "with opr's slot")
    assert "opr" in KeyFile.load(made.path / KEY_FILE).accounts
    assert opens_live_store(office, kept, "opr", OPERATOR_PASSWORD)

    assert account_ops.deactivate_account(office.admin, "opr") is True

    assert not opens_live_store(office, kept, "opr", OPERATOR_PASSWORD)
    # The backup's key file no longer holds the slot, and the backup still checks out (with
    # the recovery key, as every backup from before a key change); a fresh backup opens with
    # today's passwords.
    assert "opr" not in KeyFile.load(made.path / KEY_FILE).accounts
    backup_ops.verify(office.admin, made.name, office.recovery_key)
    newest = backup_ops.listing(office.admin)[-1]
    assert newest.label == "after a key change"
    backup_ops.verify(office.admin, newest.name)
    # Everybody else carries on: the administrator's session and a fresh login.
    assert account_ops.list_accounts(office.admin)
    office.auditor().close()


def test_a_password_reset_changes_the_data_key_too(office: Office, tmp_path: Path) -> None:
    kept = tmp_path / "kept-copy.keys"
    shutil.copyfile(office.data_dir / KEY_FILE, kept)
    assert account_ops.reset_password(office.admin, "aud", "a-brand-new-pw-9") is True
    assert not opens_live_store(office, kept, "aud", AUDITOR_PASSWORD)
    office.login("aud", "a-brand-new-pw-9").close()


def test_while_the_engine_runs_the_key_change_is_owed_and_doctor_says_so(
    office: Office, tmp_path: Path
) -> None:
    kept = tmp_path / "kept-copy.keys"
    shutil.copyfile(office.data_dir / KEY_FILE, kept)
    engine = InstanceLock(office.data_dir)
    engine.acquire("the engine (test)")
    try:
        assert account_ops.deactivate_account(office.admin, "opr") is False
    finally:
        engine.release()
    owed = rekey_due(office.admin.connection)
    assert owed is not None and owed["reason"] == "account:opr"
    assert check_rekey_owed(office.admin.connection).level.name == "WARN"
    assert opens_live_store(office, kept, "opr", OPERATOR_PASSWORD)  # not yet …
    key_ops.rekey(office.admin)
    assert not opens_live_store(office, kept, "opr", OPERATOR_PASSWORD)  # … now
    assert rekey_due(office.admin.connection) is None
    assert check_rekey_owed(office.admin.connection).level.name == "OK"


def test_an_idle_connection_of_another_thread_survives_the_key_change(office: Office) -> None:
    import threading

    results: list[object] = []
    ready, go, done = threading.Event(), threading.Event(), threading.Event()

    def worker() -> None:
        office.admin.store.connection().execute("SELECT count(*) FROM accounts").fetchone()
        ready.set()
        go.wait(10)
        try:
            row = office.admin.store.connection().execute("SELECT count(*) FROM accounts")
            results.append(row.fetchone()[0])
        except Exception as error:  # what a stale connection did before
            results.append(error)
        finally:
            office.admin.store.close_thread_connection()
            done.set()

    thread = threading.Thread(target=worker)
    thread.start()
    assert ready.wait(10)
    account_ops.deactivate_account(office.admin, "opr")
    go.set()
    assert done.wait(10)
    thread.join(10)
    assert results == [4]
    with pytest.raises(Exception, match="deactivated"):
        office.operator()
