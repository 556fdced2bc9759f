"""Signed audit entries (issue 18 §1): keys replaced at a password change, and a log from
before signatures sealed by a signed checkpoint at the first login after the upgrade. Real
SQLCipher files and key files."""

from __future__ import annotations

import secrets
from dataclasses import replace
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from dispatch.operations import accounts as account_ops
from dispatch.operations.session import login
from dispatch.records.audit import AuditLog, AuditQuery, chain_hash, signed_message
from dispatch.store import vault
from dispatch.store.database import transaction
from dispatch.store.files import DB_FILE, KEY_FILE
from dispatch.store.migrations import LATEST_VERSION, migrate
from dispatch.store.signing import SignatureChecker, key_id
from tests.unit.dispatch.conftest import OPERATOR_PASSWORD, Office
from tests.unit.dispatch.store.test_upgrade import PASSWORD, older_store, raw

NEW_PASSWORD = "operator-password-2"


def test_a_password_change_replaces_the_signing_key_and_retires_the_old_one(
    office: Office,
) -> None:
    operator = office.operator()
    old_signer = operator.store.audit_signer
    assert old_signer is not None and old_signer.actor == "opr"
    operator.audit_log.append("opr", "before.change")
    account_ops.change_own_password(operator, OPERATOR_PASSWORD, NEW_PASSWORD)
    new_signer = operator.store.audit_signer
    assert new_signer is not None and new_signer.key_id != old_signer.key_id
    keys = vault.load_keyfile(office.data_dir).audit_keys
    assert {old_signer.key_id, new_signer.key_id} <= set(keys)  # both stay, for old entries
    assert keys[new_signer.key_id].actor == "opr"
    operator.audit_log.append("opr", "after.change")
    assert AuditLog(operator.connection).verify(keys).ok

    # Whoever kept a copy of the old key (say, the administrator who set the first password)
    # signs a new entry in the operator's name with it.
    again = office.login("opr", NEW_PASSWORD)
    again.store.audit_signer = old_signer
    forged = again.audit_log.append("opr", "forged.with.the.old.key")
    report = AuditLog(again.connection).verify(keys)
    assert report.problems == (
        f"entry {forged} is signed with a key of opr that was replaced at entry "
        f"{forged - 3} (a password change or reset): a copy of the old key was used, or a "
        "session open since before the change",
    )
    again.close()
    operator.close()


def legacy_store(data_dir: Path, entries: int) -> None:
    """A store as the version before signatures left it: the schema one migration short, a
    key file without signing keys, and an HMAC-chained log of ``entries`` entries."""
    data_key = older_store(data_dir, LATEST_VERSION - 1)
    keyfile = vault.load_keyfile(data_dir)
    slot = replace(keyfile.account("admin"), signing_public_key=None, wrapped_signing_key=None)
    replace(keyfile.with_account("admin", slot), audit_keys={}).save(data_dir / KEY_FILE)
    connection = raw(data_dir / DB_FILE, data_key)
    key = secrets.token_bytes(32)
    connection.execute("INSERT INTO meta (key, value) VALUES ('audit_key', ?)", (key.hex(),))
    prev = bytes(32)
    for seq in range(1, entries + 1):
        at = f"2026-04-0{1 + seq % 9}T09:00:00+00:00"
        message = signed_message(prev, seq, at, "admin", "legacy.work", f"record:{seq}", "ok", "")
        entry_hash = chain_hash(key, message)
        connection.execute(
            "INSERT INTO audit_log (seq, at, actor, action, target, outcome, detail, prev_hash, "
            "hash) VALUES (?, ?, 'admin', 'legacy.work', ?, 'ok', '', ?, ?)",
            (seq, at, f"record:{seq}", prev, entry_hash),
        )
        prev = entry_hash
    connection.execute(
        "INSERT INTO meta (key, value) VALUES ('audit_head', ?)", (f"{entries}:{prev.hex()}",)
    )
    connection.close()


def test_a_log_from_before_signatures_is_sealed_by_a_signed_checkpoint(tmp_path: Path) -> None:
    data_dir = tmp_path / "store"
    legacy_store(data_dir, 6)
    session = login(data_dir, "admin", PASSWORD)  # migrates, makes the key, checkpoints
    keyfile = vault.load_keyfile(data_dir)
    signer = session.store.audit_signer
    assert signer is not None and signer.key_id in keyfile.audit_keys
    slot = keyfile.account("admin")
    assert slot.signing_public_key is not None and key_id(slot.signing_public_key) == signer.key_id
    entries = session.audit_log.search(AuditQuery())
    assert [e.action for e in entries[6:8]] == ["audit.checkpoint", "login"]
    assert entries[6].detail["unsigned_entries"] == 6
    report = session.audit_log.verify(keyfile.audit_keys)
    assert report.ok, report.problems
    assert report.unsigned == 6 and report.signed == report.checked - 6
    assert any("6 entries are unsigned" in note for note in report.not_checked)

    # After the upgrade, changing an old entry (hash and all) breaks the checkpoint's signature.
    connection = session.connection
    connection.execute("DROP TRIGGER audit_log_no_update")
    key = bytes.fromhex(
        connection.execute("SELECT value FROM meta WHERE key = 'audit_key'").fetchone()[0]
    )
    prev = bytes(32)
    for seq, at, target in connection.execute(
        "SELECT seq, at, target FROM audit_log WHERE seq <= 6 ORDER BY seq"
    ).fetchall():
        target = "record:0" if seq == 3 else target
        new_hash = chain_hash(
            key, signed_message(prev, seq, at, "admin", "legacy.work", target, "ok", "")
        )
        connection.execute(
            "UPDATE audit_log SET target = ?, prev_hash = ?, hash = ? WHERE seq = ?",
            (target, prev, new_hash, seq),
        )
        prev = new_hash
    connection.execute("UPDATE audit_log SET prev_hash = ? WHERE seq = 7", (prev,))
    problems = session.audit_log.verify(keyfile.audit_keys).problems
    assert any("entry 7 (admin): its signature by admin does not match" in p for p in problems)
    session.close()


def test_the_migration_adds_the_columns_and_the_key_table(tmp_path: Path) -> None:
    data_key = older_store(tmp_path / "store", LATEST_VERSION - 1)
    connection = raw(tmp_path / "store" / DB_FILE, data_key)
    migrate(connection)
    columns = [row[1] for row in connection.execute("PRAGMA table_info(audit_log)")]
    assert columns[-2:] == ["signer", "signature"]
    assert connection.execute("SELECT count(*) FROM audit_keys").fetchone()[0] == 0
    connection.close()


def test_a_bad_signature_is_named_by_its_own_entry_however_the_check_is_split(
    office: Office,
) -> None:
    """``verify`` checks signatures a batch of 4,096 entries at a time, each batch split
    between as many threads as there are cores: a signature replaced by an insider is still
    named by its own entry at the edges of a batch (and, with two cores, of a thread's share:
    2,048/2,049), and nowhere else. The split between threads on any machine is the next
    test's."""
    operator = office.operator()
    with transaction(operator.connection):
        for n in range(8_300):
            operator.audit_log.append("opr", "bulk.work", target=f"record:{n}")
    last, _ = operator.audit_log.head()
    broken = [2_048, 2_049, 4_096, 4_097, 8_192, 8_193, last]
    # As an insider with the files would: past the trigger that keeps the log append-only.
    operator.connection.execute("DROP TRIGGER audit_log_no_update")
    for seq in broken:
        operator.connection.execute(
            "UPDATE audit_log SET signature = ? WHERE seq = ?", (secrets.token_bytes(64), seq)
        )
    keys = vault.load_keyfile(office.data_dir).audit_keys
    report = AuditLog(operator.connection).verify(keys)
    assert report.checked == last
    assert report.problems == tuple(
        f"entry {seq} (opr): its signature by opr does not match: the entry or one before it "
        "was altered, removed or re-chained"
        for seq in broken
    )
    operator.close()


def test_the_signature_checker_keeps_the_order_of_what_it_was_given() -> None:
    signer = Ed25519PrivateKey.generate()
    public = signer.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    messages = [f"entry {n}".encode() for n in range(10)]
    checks = [(public, signer.sign(m), m) for m in messages]
    bad = {0, 3, 4, 9}
    for n in bad:  # another message's signature: valid for it, not for this one
        checks[n] = (public, checks[(n + 1) % 10][1], messages[n])
    with SignatureChecker(threads=3) as checker:
        verdicts = [ok for future in checker.submit(checks) for ok in future.result()]
    assert verdicts == [n not in bad for n in range(10)]
