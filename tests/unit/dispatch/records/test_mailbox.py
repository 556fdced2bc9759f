"""The local mailbox in the encrypted store: what the embedded sink keeps, the move of an
older plain-file mailbox, an erased resident's address, the retention purge."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from pathlib import Path

from dispatch.engine.relay import outgoing
from dispatch.mail.message import UNSUBSCRIBE_URL_SLOT, MessageContent, MessageTemplate, Mode
from dispatch.mail.smtp import Outcome
from dispatch.operations import mailbox as mailbox_ops
from dispatch.records.mailbox import forget_addresses, list_messages, purge_messages
from dispatch.records.settings import set_setting
from dispatch.store.database import transaction
from tests.unit.dispatch.conftest import Office

JST = timezone(timedelta(hours=9))


def templates() -> tuple[MessageTemplate, MessageTemplate]:
    def content(body: str) -> MessageContent:
        return MessageContent(
            subject="【大雨警報】千代田区",
            body=body,
            office_address="bousai@city.example.jp",
            date=datetime(2026, 11, 21, 9, 30, tzinfo=JST),
        )

    return (
        MessageTemplate(content(f"警報です\n停止: {UNSUBSCRIBE_URL_SLOT}\n"), Mode.INDIVIDUAL),
        MessageTemplate(content("警報です\n"), Mode.BATCH),
    )


def send_to_the_local_mailbox(office: Office) -> None:
    """Through the way out the engine uses when no relay is set (the sink, kept in the store)."""
    individual, batch = templates()
    envelopes = [
        individual.individual("gone@docomo.ne.jp", "<m1@city.example.jp>", "https://x.jp/u"),
        individual.individual("kept@docomo.ne.jp", "<m2@city.example.jp>", "https://x.jp/u"),
        batch.batch(["gone@docomo.ne.jp", "b@ezweb.ne.jp"], "<b1@city.example.jp>"),
    ]
    way_out = outgoing(office.admin.store, purpose="a test")
    assert way_out.sink is not None
    try:
        with way_out.transport() as transport:
            assert {r.outcome for r in transport.send(envelopes)} == {Outcome.ACCEPTED}
    finally:
        way_out.close()


def every_file_byte(folder: Path) -> bytes:
    return b"".join(p.read_bytes() for p in folder.rglob("*") if p.is_file())


def test_the_sink_keeps_its_mail_in_the_store_and_staff_read_it_there(office: Office) -> None:
    send_to_the_local_mailbox(office)
    operator = office.operator()
    entries = mailbox_ops.list_local_mailbox(operator)
    by_id = {e.message_id: e for e in entries}
    assert by_id["<b1@city.example.jp>"].recipients == ("gone@docomo.ne.jp", "b@ezweb.ne.jp")
    assert entries == sorted(entries, key=lambda e: (e.received_at, e.id), reverse=True)
    raw = mailbox_ops.read_local_message(operator, by_id["<m2@city.example.jp>"].id)
    assert b"To: kept@docomo.ne.jp" in raw and b"X-Kishomail-Not-Sent" in raw
    operator.close()
    # Nothing of it is a readable file of the data folder (the store is SQLCipher).
    office.admin.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    data = every_file_byte(office.data_dir)
    for address in (b"gone@docomo.ne.jp", b"kept@docomo.ne.jp", b"b@ezweb.ne.jp"):
        assert address not in data


def test_an_erased_address_leaves_nothing_in_the_mailbox(office: Office) -> None:
    send_to_the_local_mailbox(office)
    connection = office.admin.connection
    with transaction(connection):
        assert forget_addresses(connection, {"gone@docomo.ne.jp"}) == 1
    entries = {e.message_id: e.recipients for e in list_messages(connection)}
    # Its own message is gone; in the batch it is taken out of the envelope; others stay.
    assert entries == {
        "<m2@city.example.jp>": ("kept@docomo.ne.jp",),
        "<b1@city.example.jp>": ("b@ezweb.ne.jp",),
    }
    rows = connection.execute("SELECT recipients, message FROM mailbox").fetchall()
    assert not [row for row in rows if "gone@docomo.ne.jp" in row[0] or b"gone@" in row[1]]


def legacy_mailbox(office: Office, address: str) -> Path:
    """A mailbox as the previous version kept it: ``<id>.eml`` and ``<id>.json`` files."""
    folder = office.data_dir / "mailsink" / "mailbox"
    folder.mkdir(parents=True)
    for n in range(2):
        entry_id = f"20261120T093000000000-00000{n}"
        (folder / f"{entry_id}.eml").write_bytes(
            f"X-Kishomail-Not-Sent: yes\r\nTo: {address}\r\nSubject: test {n}\r\n\r\nx\r\n".encode()
        )
        record = {
            "received_at": f"2026-11-20T09:30:0{n}+09:00",
            "sender": "bousai@city.example.jp",
            "recipients": [address],
            "subject": f"test {n}",
            "message_id": f"<old{n}@city.example.jp>",
            "size": 40,
            "not_sent": True,
        }
        (folder / f"{entry_id}.json").write_text(json.dumps(record))
    (folder / "20261120T093000000000-000009.eml").write_bytes(f"To: {address}\r\n".encode())
    return folder


def test_an_older_plaintext_mailbox_moves_into_the_store_on_first_open(office: Office) -> None:
    address = "plain.tanaka@example.jp"
    folder = legacy_mailbox(office, address)
    assert address.encode() in every_file_byte(office.data_dir)
    operator = office.operator()
    entries = mailbox_ops.list_local_mailbox(operator)
    assert [e.message_id for e in entries] == ["<old1@city.example.jp>", "<old0@city.example.jp>"]
    assert entries[0].recipients == (address,)
    assert b"Subject: test 0" in mailbox_ops.read_local_message(operator, entries[1].id)
    operator.close()
    # The files (also the half-written one) are gone and no file holds the address any more.
    assert not folder.exists()
    office.admin.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    assert address.encode() not in every_file_byte(office.data_dir)


def test_the_retention_purge_takes_old_messages_out(office: Office) -> None:
    send_to_the_local_mailbox(office)
    connection = office.admin.connection
    newest = max(e.received_at for e in list_messages(connection))
    with transaction(connection):
        assert purge_messages(connection, newest - timedelta(days=1)) == 0
        assert purge_messages(connection, newest + timedelta(seconds=1)) == 3
    assert list_messages(connection) == []


def test_with_a_relay_set_the_older_mailbox_still_moves_at_the_first_start(
    office: Office,
) -> None:
    address = "plain.suzuki@example.jp"
    folder = legacy_mailbox(office, address)
    connection = office.admin.connection
    with transaction(connection):
        set_setting(connection, "smtp.host", "relay.city.example.jp")
    way_out = outgoing(office.admin.store, purpose="alert mail")  # connects to nothing yet
    assert way_out.sink is None
    assert not folder.exists()
    assert [e.recipients for e in list_messages(connection)] == [(address,), (address,)]
