"""Backups on real SQLCipher files: consistent, checked, rotated, restorable, tamper-evident."""

from __future__ import annotations

import json
import shutil
from datetime import timedelta
from pathlib import Path

import pytest

from dispatch.base.errors import AccountInactive, Conflict, PermissionDenied, ValidationError
from dispatch.engine import backups as backup
from dispatch.engine.restore import KEPT, RESTORED
from dispatch.operations import accounts as account_ops
from dispatch.operations import audit as audit_ops
from dispatch.operations import backup as backup_ops
from dispatch.operations import keys as key_ops
from dispatch.operations import settings as setting_ops
from dispatch.operations import subscribers as subscriber_ops
from dispatch.operations.session import WITHOUT_TOTP, Session, initialise
from dispatch.records.accounts import Role
from dispatch.records.audit import AuditQuery
from dispatch.records.subscribers import NewSubscriber, Topics, WarningLevel
from tests.unit.dispatch.conftest import Office


def dump(session: Session) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table except the audit log's tail (restores append to it)."""
    connection = session.connection
    tables = [
        r[0]
        for r in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    ]
    return {
        name: connection.execute(f'SELECT * FROM "{name}" ORDER BY rowid').fetchall()
        for name in tables
        if name not in ("audit_log", "meta")
    }


def add(office: Office, *addresses: str) -> None:
    operator = office.operator()
    for address in addresses:
        subscriber_ops.add_subscriber(
            operator,
            NewSubscriber(address, Topics(warning_level=WarningLevel.WARNING), office.clock.now()),
        )
    operator.close()


def test_a_backup_restores_byte_identical_data(office: Office) -> None:
    add(office, "keep1@example.jp", "keep2@example.jp")
    before = dump(office.admin)
    made = backup_ops.create(office.admin, "test")
    assert made.counts["subscribers"] == 2
    assert (made.path / "kishomail.db").read_bytes()[:16] != b"SQLite format 3\x00"  # encrypted
    add(office, "later@example.jp")
    setting_ops.change_setting(office.admin, "office.contact", "03-1111-2222")
    report = backup_ops.restore(office.admin, made.name)
    assert dump(office.admin) == before
    # The state just before the restore was kept as a backup of its own.
    names = [b.name for b in backup_ops.listing(office.admin)]
    assert report.safety_backup in names
    # The store still opens for everybody after the swap, and the audit chain is intact.
    office.operator().close()
    assert audit_ops.verify_audit(office.admin).ok


def test_a_tampered_or_damaged_backup_is_refused_and_the_data_kept(office: Office) -> None:
    add(office, "resident@example.jp")
    made = backup_ops.create(office.admin)
    add(office, "newer@example.jp")
    current = dump(office.admin)
    db = made.path / "kishomail.db"
    data = bytearray(db.read_bytes())
    data[len(data) // 2] ^= 0x01
    db.write_bytes(bytes(data))
    with pytest.raises(backup.BackupDamaged, match="tampered"):
        backup_ops.restore(office.admin, made.name)
    # Even with the manifest "fixed" to the new checksum, the page HMACs catch it.
    manifest = json.loads((made.path / "manifest.json").read_text())
    manifest["sha256"]["kishomail.db"] = backup._sha256(db)
    (made.path / "manifest.json").write_text(json.dumps(manifest))
    with pytest.raises(backup.BackupDamaged, match=r"checksums|inconsistent"):
        backup_ops.verify(office.admin, made.name)
    assert dump(office.admin) == current


def test_a_foreign_backup_is_refused(office: Office, tmp_path: Path) -> None:
    other, _ = initialise(
        tmp_path / "other", "admin", "admin-password-1", office.clock, totp=WITHOUT_TOTP
    )
    foreign = backup_ops.create(other)
    other.close()
    folder = backup.backup_folder(office.admin.store)
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copytree(foreign.path, folder / foreign.name)
    with pytest.raises(backup.BackupForeign, match="another kishomail store"):
        backup_ops.restore(office.admin, foreign.name)


def test_rotation_keeps_thirty_days_and_the_newest(office: Office) -> None:
    first = backup_ops.create(office.admin)
    with pytest.raises(ValidationError, match=r"cannot be below 30.*R4\.8"):
        setting_ops.change_setting(office.admin, "backup.keep_days", 10)
    # A value stored before the floor was enforced is read as the floor: 30 days are kept.
    office.admin.connection.execute(
        "INSERT OR REPLACE INTO settings (key, value) VALUES ('backup.keep_days', '10')"
    )
    office.clock.advance(days=29)
    second = backup_ops.create(office.admin)
    assert {b.name for b in backup_ops.listing(office.admin)} == {first.name, second.name}
    office.clock.advance(days=2)
    third = backup_ops.create(office.admin)
    assert [b.name for b in backup_ops.listing(office.admin)] == [second.name, third.name]
    assert not first.path.exists()


def test_only_administrators_make_or_restore_backups(office: Office) -> None:
    duty = office.duty()
    with pytest.raises(PermissionDenied):
        backup_ops.create(duty)
    duty.close()


def test_the_service_backs_up_daily(office: Office) -> None:
    assert backup.daily_backup_time(office.admin.store) == (3, 30)
    setting_ops.change_setting(office.admin, "backup.daily_at", "25:99")
    assert backup.daily_backup_time(office.admin.store) == (3, 30)
    office.clock.advance(hours=1)
    created = backup.create_backup(office.admin.store, office.clock, actor="system")
    assert created.created_at.startswith("2026-11-21T04:00")
    assert backup.keep_days(office.admin.store) >= 30
    assert timedelta(days=backup.keep_days(office.admin.store)) >= timedelta(days=30)


def test_a_restore_never_brings_a_resident_back_nor_rewrites_the_governance_record(
    office: Office,
) -> None:
    add(office, "erased@example.jp", "stopped@example.jp", "kept@example.jp")
    account_ops.add_account(office.admin, "temp", Role.OPERATOR, "temporary-password-1")
    made = backup_ops.create(office.admin, "before the changes")
    operator = office.operator()
    erased = subscriber_ops.find_subscriber(operator, "erased@example.jp")
    stopped = subscriber_ops.find_subscriber(operator, "stopped@example.jp")
    assert erased is not None and stopped is not None
    subscriber_ops.delete_subscriber(operator, erased.id)
    subscriber_ops.unsubscribe(operator, stopped.id)
    operator.close()
    account_ops.deactivate_account(office.admin, "temp")
    account_ops.set_role(office.admin, "opr", Role.DUTY_OFFICER)
    entries_before = audit_ops.verify_audit(office.admin).checked

    report = backup_ops.restore(office.admin, made.name, office.recovery_key)  # key changed

    assert (report.erased_since, report.stopped_since) == (1, 1)
    connection = office.admin.connection
    rows = dict(connection.execute("SELECT email, status FROM subscribers").fetchall())
    assert rows == {"stopped@example.jp": "unsubscribed", "kept@example.jp": "active"}
    # The erasure record wins; the governance record is as it is now, not as in the backup.
    assert connection.execute("SELECT count(*) FROM erasures").fetchone()[0] == 1
    accounts = dict(connection.execute("SELECT name, role FROM accounts").fetchall())
    assert accounts["opr"] == "duty_officer"
    with pytest.raises(AccountInactive):
        office.login("temp", "temporary-password-1")
    # The audit chain keeps what happened since, and the restore is appended to it.
    after = audit_ops.verify_audit(office.admin)
    assert after.ok and after.checked > entries_before
    last = office.admin.audit_log.search(AuditQuery(action="backup.restore"))[-1]
    assert last.detail["left_out_erased_since"] == 1
    assert last.detail["kept_stopped_since"] == 1


def test_a_backup_from_before_a_rekey_is_restored_under_todays_key(office: Office) -> None:
    add(office, "resident@example.jp")
    made = backup_ops.create(office.admin)
    recovery = office.recovery_key
    key_ops.rekey(office.admin)
    key_now = office.admin.store.data_key
    key_file_now = (office.data_dir / "kishomail.keys").read_bytes()
    add(office, "later@example.jp")
    backup_ops.restore(office.admin, made.name, recovery)
    # Today's key and key file stay: a key changed because it leaked is not adopted again.
    assert office.admin.store.data_key == key_now
    assert (office.data_dir / "kishomail.keys").read_bytes() == key_file_now
    operator = office.operator()
    assert subscriber_ops.find_subscriber(operator, "resident@example.jp") is not None
    assert subscriber_ops.find_subscriber(operator, "later@example.jp") is None
    operator.close()


def test_the_safety_copy_stays_until_an_administrator_deletes_it(office: Office) -> None:
    made = backup_ops.create(office.admin)
    report = backup_ops.restore(office.admin, made.name)
    office.clock.advance(days=400)
    backup_ops.create(office.admin)  # rotation runs: the old ones go, the safety copy stays
    names = [b.name for b in backup_ops.listing(office.admin)]
    assert report.safety_backup in names and made.name not in names
    backup_ops.delete(office.admin, report.safety_backup)
    assert report.safety_backup not in [b.name for b in backup_ops.listing(office.admin)]
    with pytest.raises(Conflict, match="newest"):
        backup_ops.delete(office.admin, backup_ops.listing(office.admin)[-1].name)


def test_every_table_is_either_restored_or_kept(office: Office) -> None:
    tables = {
        r[0]
        for r in office.admin.connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    }
    assert set(RESTORED) | set(KEPT) == tables
    assert not set(RESTORED) & set(KEPT)
