"""Key-file changes never interleave: a failed login landing in the middle of a rekey used to
write the old data key back beside a database under the new one, and then no password and no
recovery key opened the store. The interleaving is forced here (each side waits for the other at
a chosen point), not left to timing."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from dispatch.base.errors import Conflict, KeyFileBusy, WrongCredentials
from dispatch.engine.assembly import build_engine, telegram_source
from dispatch.operations import accounts as account_ops
from dispatch.operations import audit as audit_ops
from dispatch.operations import keys as key_ops
from dispatch.operations.session import WITHOUT_TOTP, initialise, login, recover
from dispatch.records.accounts import Role
from dispatch.records.audit import AuditQuery
from dispatch.store import key_lock
from dispatch.store.keys import KeyFile
from tests.unit.dispatch.conftest import ADMIN_PASSWORD, Office

AUDITOR_PASSWORD = "auditor-password-1"


class _Worker(threading.Thread):
    """A thread that keeps what its work raised, for the test to look at."""

    def __init__(self, name: str, work: Callable[[], Any]) -> None:
        super().__init__(name=name, daemon=True)
        self.work = work
        self.error: BaseException | None = None

    def run(self) -> None:
        try:
            self.work()
        except BaseException as error:  # handed to the test
            self.error = error


def test_a_failed_login_during_a_rekey_leaves_a_store_that_opens(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    admin, recovery_key = initialise(data_dir, "admin", ADMIN_PASSWORD, totp=WITHOUT_TOTP)
    account_ops.add_account(admin, "aud", Role.AUDITOR, AUDITOR_PASSWORD)
    admin.close()
    data_key_before = admin.store.data_key

    # The failed login stops after it has read the key file, before it writes it back.
    read_the_key_file, carry_on = threading.Event(), threading.Event()
    with_account = KeyFile.with_account

    def paused_with_account(self: KeyFile, name: str, slot: Any) -> KeyFile:
        if threading.current_thread().name == "failed-login":
            read_the_key_file.set()
            assert carry_on.wait(30)
        return with_account(self, name, slot)

    monkeypatch.setattr(KeyFile, "with_account", paused_with_account)
    # Seen when the rekey has to wait for the key file's lock.
    rekey_waits = threading.Event()
    try_lock = key_lock._try_lock

    def observed_try_lock(handle: Any) -> None:
        try:
            try_lock(handle)
        except OSError:
            if threading.current_thread().name == "rekey":
                rekey_waits.set()
            raise

    monkeypatch.setattr(key_lock, "_try_lock", observed_try_lock)

    def wrong_password() -> None:
        with pytest.raises(WrongCredentials):
            login(data_dir, "aud", "not-the-password-1")

    def rekey_as_admin() -> None:
        session = login(data_dir, "admin", ADMIN_PASSWORD)
        try:
            key_ops.rekey(session)
        finally:
            session.close()

    failed_login = _Worker("failed-login", wrong_password)
    failed_login.start()
    assert read_the_key_file.wait(30)
    rekey = _Worker("rekey", rekey_as_admin)
    rekey.start()
    # Either the rekey waits for the lock (the defence) or it runs to its end (no defence).
    deadline = time.monotonic() + 60
    while not (rekey_waits.wait(0.01) or not rekey.is_alive()):
        assert time.monotonic() < deadline, "the rekey neither waited for the lock nor ended"
    carry_on.set()
    failed_login.join(60)
    rekey.join(60)
    assert failed_login.error is None and rekey.error is None

    # The failed login was counted, and the store opens with the password and with the recovery
    # key, under the new data key.
    assert KeyFile.load(data_dir / "kishomail.keys").account("aud").failed_attempts == 1
    session = login(data_dir, "admin", ADMIN_PASSWORD)
    assert session.store.data_key != data_key_before
    session.close()
    login(data_dir, "aud", AUDITOR_PASSWORD).close()
    recover(data_dir, recovery_key, "admin", "brand-new-password-1").close()


def test_a_change_waits_for_the_lock_and_gives_up_with_a_clear_error(data_dir: Path) -> None:
    admin, _ = initialise(data_dir, "admin", ADMIN_PASSWORD, totp=WITHOUT_TOTP)
    admin.close()
    holding, done = threading.Event(), threading.Event()

    def hold_the_lock() -> None:
        with key_lock.key_file_lock(data_dir):
            holding.set()
            assert done.wait(30)

    holder = _Worker("holder", hold_the_lock)
    holder.start()
    assert holding.wait(30)
    with pytest.raises(KeyFileBusy, match="try again when it has finished"):
        with key_lock.key_file_lock(data_dir, wait=0.2):
            pass
    done.set()
    holder.join(30)
    # Re-entrant within a thread: an operation holding it may call a helper that takes it too.
    with key_lock.key_file_lock(data_dir), key_lock.key_file_lock(data_dir):
        login(data_dir, "admin", ADMIN_PASSWORD).close()


def test_rekey_is_refused_while_the_engine_runs(office: Office, tmp_path: Path) -> None:
    """The engine holds the data key it started with: a rekey under it would make every later
    write of the engine fail. Refused, audited, and the store keeps its key; after the engine
    stops, the rekey goes through."""
    key_before = office.admin.store.data_key
    telegrams = tmp_path / "telegrams"  # a local, empty feed: the engine polls nothing outside
    telegrams.mkdir()
    source = telegram_source(str(telegrams), speed=None)
    engine = build_engine(office.admin.store, clock=office.clock, source=source, speed=None)
    engine.service.start()
    try:
        with pytest.raises(Conflict, match=r"engine is running .*\. Stop it first"):
            key_ops.rekey(office.admin)
    finally:
        engine.service.stop()
        engine.close()
    assert office.admin.store.data_key == key_before
    refused = audit_ops.search_audit(office.admin, AuditQuery(action="store.rekey"))
    assert [e.outcome for e in refused] == ["refused: running"]
    key_ops.rekey(office.admin)
    assert office.admin.store.data_key != key_before
