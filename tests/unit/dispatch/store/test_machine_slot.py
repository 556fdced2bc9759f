"""The service slot: the store opened unattended by a secret the OS keeps outside the data
folder, bound to the machine and the folder's path."""

from __future__ import annotations

import base64
import dataclasses
import os
import shutil
import stat
from pathlib import Path

import pytest

from dispatch.base.errors import KeyFileError, WrongCredentials
from dispatch.base.paths import service_dir
from dispatch.operations.session import Session
from dispatch.store import machine_slot, vault
from dispatch.store.database import Store
from dispatch.store.machine_slot import MachineSlot, Protection
from tests.unit.dispatch.conftest import Office


def _install(store_dir: Path, session: Session, protection: Protection) -> bytes:
    secret = vault.add_service_slot(session.store, machine_slot.binding_for(store_dir))
    machine_slot.protect(secret, protection, service_dir())
    MachineSlot(str(store_dir.resolve()), session.store.store_id, protection, "root", "").save(
        service_dir()
    )
    return secret


def _unlock(data_dir: Path, identity: str | None = None) -> Store:
    slot = MachineSlot.load(service_dir())
    assert slot is not None
    secret = machine_slot.read_secret(slot, service_dir())
    return vault.unlock_as_service(data_dir, secret, machine_slot.binding_for(data_dir, identity))


def _account_count(store: Store) -> int:
    return int(store.connection().execute("SELECT COUNT(*) FROM accounts").fetchone()[0])


def test_the_service_slot_opens_the_store_with_a_secret_kept_outside_the_data_folder(
    office: Office,
) -> None:
    secret = _install(office.data_dir, office.admin, Protection.FILE)
    store = _unlock(office.data_dir)
    assert _account_count(store) == 4  # the real database, open
    store.close_thread_connection()
    # The secret is in the machine folder only, readable by its owner only.
    kept = service_dir() / machine_slot.PLAIN_FILE
    assert base64.b64decode(kept.read_bytes()) == secret
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600
    for path in office.data_dir.rglob("*"):
        if path.is_file():
            assert secret not in path.read_bytes()
            assert base64.b64encode(secret) not in path.read_bytes()


def test_a_copied_data_folder_does_not_open_with_the_machine_slot(
    office: Office, tmp_path: Path
) -> None:
    _install(office.data_dir, office.admin, Protection.FILE)
    office.admin.close()
    copy = tmp_path / "copied-store"
    shutil.copytree(office.data_dir, copy)
    with pytest.raises(WrongCredentials, match="another machine or another data folder"):
        _unlock(copy)
    # Nor the original folder on another machine (another machine id), secret and all.
    with pytest.raises(WrongCredentials, match="another machine"):
        _unlock(office.data_dir, identity="0123456789abcdef0123456789abcdef")
    # Forging the binding stored in the key file does not help: it is sealed in the AEAD data.
    keyfile = vault.load_keyfile(copy)
    assert keyfile.service is not None
    forged = machine_slot.binding_for(copy)
    bad = dataclasses.replace(keyfile, service=dataclasses.replace(keyfile.service, binding=forged))
    bad.save(copy / "kishomail.keys")
    with pytest.raises(KeyFileError):
        _unlock(copy)


def test_rekey_seals_the_new_key_for_the_service_slot_too(office: Office) -> None:
    _install(office.data_dir, office.admin, Protection.FILE)
    vault.rekey(office.admin.store)
    office.admin.close()
    store = _unlock(office.data_dir)
    assert _account_count(store) == 4
    store.close_thread_connection()


def test_removing_the_slot_leaves_nothing_that_opens_the_store(office: Office) -> None:
    _install(office.data_dir, office.admin, Protection.FILE)
    assert vault.remove_service_slot(office.data_dir) is True
    machine_slot.remove_all(service_dir())
    assert vault.load_keyfile(office.data_dir).service is None
    assert list(service_dir().iterdir()) == []
    assert MachineSlot.load(service_dir()) is None
    assert vault.remove_service_slot(office.data_dir) is False


def _creds_problem() -> str | None:
    return machine_slot.systemd_creds_problem()


@pytest.mark.skipif(_creds_problem() is not None, reason=f"systemd-creds: {_creds_problem()}")
def test_systemd_creds_keeps_the_secret_encrypted_with_the_host_key(office: Office) -> None:
    secret = _install(office.data_dir, office.admin, Protection.SYSTEMD_CREDS)
    credential = service_dir() / machine_slot.CREDS_FILE
    assert machine_slot.credential_type(credential) in {"host", "host+tpm2"}
    assert secret not in credential.read_bytes()
    assert base64.b64encode(secret) not in base64.b64decode(credential.read_bytes())
    store = _unlock(office.data_dir)
    assert _account_count(store) == 4
    store.close_thread_connection()


def test_a_credential_in_systemds_unencrypted_null_mode_is_refused(tmp_path: Path) -> None:
    # The header systemd-creds writes with --with-key=null: the secret would be readable.
    forged = tmp_path / "service.cred"
    forged.write_bytes(base64.b64encode(machine_slot.NULL_CREDENTIAL_TYPE + os.urandom(80)))
    with pytest.raises(KeyFileError, match="null"):
        machine_slot.credential_type(forged)


def test_dpapi_needs_windows_and_its_entropy_file_admits_only_the_service_account(
    tmp_path: Path,
) -> None:
    command = machine_slot.icacls_command(tmp_path / "service.entropy", "NT SERVICE\\kishomail")
    assert command[:3] == ["icacls", str(tmp_path / "service.entropy"), "/inheritance:r"]
    assert "NT SERVICE\\kishomail:(R)" in command
    assert "*S-1-5-18:(F)" in command  # SYSTEM, and nobody else
    assert machine_slot.windows_account("kishomail") == "NT SERVICE\\kishomail"
    assert machine_slot.windows_account(None) == "NT SERVICE\\kishomail"
    assert machine_slot.windows_account("WARD\\svc-kisho") == "WARD\\svc-kisho"
    if os.name != "nt":
        with pytest.raises(KeyFileError, match="Windows"):
            machine_slot.protect(b"x" * 32, Protection.DPAPI, tmp_path / "dpapi")


def test_in_the_machines_setgid_folder_the_key_file_stays_readable_by_the_staff_group(
    office: Office,
) -> None:
    office.admin.close()
    keys = office.data_dir / "kishomail.keys"
    vault.record_failed_login(office.data_dir, "opr", 0.0)  # a rewrite of the key file
    assert stat.S_IMODE(keys.stat().st_mode) == 0o600  # a per-user store: the owner only
    os.chmod(office.data_dir, 0o2770)  # noqa: S103 - as 'service install' makes the folder
    vault.record_failed_login(office.data_dir, "opr", 0.0)
    assert stat.S_IMODE(keys.stat().st_mode) == 0o660
