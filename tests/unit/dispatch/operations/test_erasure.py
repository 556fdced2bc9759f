"""erase-all at contract end: nothing of a subscriber is left, and the certificate says so."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from dispatch.base.errors import Conflict, PermissionDenied
from dispatch.base.instance_lock import InstanceLock
from dispatch.mail.sink import KeptMessage, MailboxEntry
from dispatch.operations import audit as audit_ops
from dispatch.operations import backup, erasure
from dispatch.operations import manual_alert_sending as sending
from dispatch.operations import manual_alerts as ma
from dispatch.operations import settings as setting_ops
from dispatch.operations import subscribers as subscriber_ops
from dispatch.records.audit import AuditQuery
from dispatch.records.mailbox import keep_message
from dispatch.records.subscribers import NewSubscriber, Status, Topics, WarningLevel
from dispatch.store.database import transaction
from dispatch.store.files import DB_FILE
from tests.unit.dispatch.conftest import Office

ADDRESSES = [f"resident{n}.tanaka@example.jp" for n in range(12)]


def fill(office: Office) -> None:
    operator = office.operator()
    for address in ADDRESSES:
        subscriber_ops.add_subscriber(
            operator,
            NewSubscriber(address, Topics(warning_level=WarningLevel.WARNING), office.clock.now()),
        )
    last = subscriber_ops.find_subscriber(operator, ADDRESSES[-1])
    assert last is not None
    subscriber_ops.delete_subscriber(operator, last.id)
    operator.close()
    setting_ops.change_setting(office.admin, "alerts.single_person_emergency", True)
    duty = office.duty()
    alert = ma.compose(duty, ma.Draft("notice", {"ja": ma.AlertText("お知らせ", "本文")})).alert
    sending.send(duty, alert.id, emergency=True)  # 11 queued deliveries
    duty.close()
    backup.create(office.admin, "before erasure")
    backup.create(office.admin, "second")
    # A copy the store made before a schema upgrade lives in the same folder.
    upgrade_copy = office.data_dir / "backups" / "pre-upgrade-v3-20261101T000000Z"
    upgrade_copy.mkdir()
    office.admin.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    (upgrade_copy / DB_FILE).write_bytes((office.data_dir / DB_FILE).read_bytes())
    # The local mailbox: two messages in the store, and one an older version left as files.
    connection = office.admin.connection
    with transaction(connection):
        for n in range(2):
            entry = MailboxEntry(
                f"m{n}", office.clock.now(), "office@example.jp", (ADDRESSES[n],), "s", f"<{n}>", 9
            )
            keep_message(connection, KeptMessage(entry, f"To: {ADDRESSES[n]}\r\n".encode()))
    mailbox = office.data_dir / "mailsink" / "mailbox"
    mailbox.mkdir(parents=True)
    (mailbox / "1.eml").write_bytes(f"To: {ADDRESSES[0]}\r\n\r\nhello\r\n".encode())
    (mailbox / "1.json").write_text(f'{{"recipients": ["{ADDRESSES[0]}"]}}')


INACTIVE = {
    "stopped.suzuki@example.jp": Status.UNSUBSCRIBED,
    "bounced.sato@example.jp": Status.SUSPENDED,
    "waiting.ito@example.jp": Status.PENDING,
}
ROSTER_ADDRESS = "roster.yamada@example.jp"


def test_erase_all_erases_every_kind_it_certifies(office: Office, tmp_path: Path) -> None:
    """Inactive and pending subscribers, and a personal roster attached to a manual alert
    (kept as an encrypted ZIP the page scan cannot see into), are erased like the rest."""
    operator = office.operator()
    for address, status in INACTIVE.items():
        subscriber_ops.add_subscriber(
            operator,
            NewSubscriber(
                address, Topics(warning_level=WarningLevel.WARNING), office.clock.now(),
                status=status,
            ),
        )  # fmt: skip
    operator.close()
    duty = office.duty()
    roster = ma.Attachment("名簿.csv", f"氏名,アドレス\n山田,{ROSTER_ADDRESS}\n".encode(), True)
    composed = ma.compose(
        duty, ma.Draft("notice", {"ja": ma.AlertText("名簿", "本文")}, attachment=roster)
    )
    duty.close()
    assert composed.zip_password  # sealed: the scan of the pages cannot read the roster
    certificate = erasure.erase_all(office.admin, tmp_path / "certificate.pdf")
    assert certificate.verification["ok"]
    assert certificate.counts["subscribers"] == 3 and certificate.counts["attachments"] == 1
    connection = office.admin.connection
    assert connection.execute("SELECT count(*) FROM subscribers").fetchone()[0] == 0
    assert (
        connection.execute(
            "SELECT count(*) FROM manual_alerts WHERE attachment IS NOT NULL"
        ).fetchone()[0]
        == 0
    )
    text = b"".join(
        erasure.decrypted_database(office.data_dir / DB_FILE, office.admin.store.data_key)
    )
    for address in INACTIVE:
        assert address.split("@")[0].encode() not in text, address


def raw_files(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.is_file()]


def test_after_erase_all_no_address_is_left_anywhere(office: Office, tmp_path: Path) -> None:
    fill(office)
    key = office.admin.store.data_key
    db = office.data_dir / DB_FILE
    # The check below does find addresses when they are there.
    before = erasure.addresses_in(erasure.decrypted_database(db, key), set()) | (
        erasure.addresses_in(erasure.decrypted_wal(Path(f"{db}-wal"), key), set())
    )
    assert set(ADDRESSES[:-1]) <= before
    pdf = tmp_path / "certificate.pdf"
    certificate = erasure.erase_all(office.admin, pdf)
    assert certificate.counts == {
        "subscribers": 11,
        "deliveries": 11,
        "attachments": 0,
        "backups": 3,
        "mailbox_messages": 3,
    }
    assert certificate.verification["ok"]
    # Raw bytes of every file in the data folder (database, WAL, key file, backups, mailbox) …
    for path in raw_files(office.data_dir):
        data = path.read_bytes()
        for address in ADDRESSES:
            assert address.encode() not in data, path.name
    # … and every page of the database and its WAL decrypted with the key.
    pages = list(erasure.decrypted_database(db, key)) + list(
        erasure.decrypted_wal(Path(f"{db}-wal"), key)
    )
    assert pages
    text = b"".join(pages)
    for address in ADDRESSES:
        assert address.encode() not in text
        assert address.split("@")[0].encode() not in text
    assert backup.listing(office.admin) == []
    # The record of erasure is kept: one per subscriber, without the address.
    connection = office.admin.connection
    assert connection.execute("SELECT count(*) FROM erasures").fetchone()[0] == 12
    assert connection.execute("SELECT count(*) FROM erasure_certificates").fetchone()[0] == 1
    # The certificate: in the audit log and as a PDF with the same counts.
    entry = office.admin.audit_log.search(AuditQuery(action="erasure.certificate"))[-1]
    assert entry.detail["counts"]["subscribers"] == 11
    assert "消去証明書" in entry.detail["text"]
    assert entry.detail["audit_range"][0] < entry.seq + 1
    pdf_text = "".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert "subscribers: 11" in pdf_text and "deliveries: 11" in pdf_text
    assert "backups: 3" in pdf_text
    assert audit_ops.verify_audit(office.admin).ok


def test_erase_all_needs_an_administrator_and_a_stopped_service(
    office: Office, tmp_path: Path
) -> None:
    duty = office.duty()
    with pytest.raises(PermissionDenied):
        erasure.erase_all(duty, tmp_path / "c.pdf")
    duty.close()
    lock = InstanceLock(office.data_dir)
    lock.acquire("kishomail run")
    try:
        with pytest.raises(Conflict, match="already running"):
            erasure.erase_all(office.admin, tmp_path / "c.pdf")
    finally:
        lock.release()
    assert office.admin.connection.execute("SELECT count(*) FROM erasures").fetchone()[0] == 0
