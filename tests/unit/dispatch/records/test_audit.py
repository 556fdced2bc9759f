"""The audit log: chained, verifiable, searchable, exportable, and free of addresses."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import openpyxl
import pytest

from dispatch.base.clock import TOKYO
from dispatch.operations import audit as audit_ops
from dispatch.operations import subscribers as subscriber_ops
from dispatch.records.audit import AuditLog, AuditQuery, chain_hash, signed_message
from dispatch.records.subscribers import NewSubscriber, Topics
from tests.unit.dispatch.conftest import Office


def log_with_entries(office: Office, count: int) -> AuditLog:
    audit = office.admin.audit_log
    for n in range(count):
        audit.append("tanaka", "test.action", target=f"subscriber:{n}", detail={"n": n})
        office.clock.advance(seconds=1)
    return audit


def tamper(office: Office, sql: str, *params: object) -> None:
    """Change the log behind the program's back (the triggers forbid it from inside)."""
    connection = office.admin.connection
    connection.execute("DROP TRIGGER audit_log_no_update")
    connection.execute("DROP TRIGGER audit_log_no_delete")
    connection.execute(sql, params)


def test_an_untouched_log_verifies(office: Office) -> None:
    audit = log_with_entries(office, 20)
    report = audit.verify()
    assert report.ok, report.problems
    assert report.checked == report.head_seq >= 20


def test_the_program_cannot_change_or_delete_entries(office: Office) -> None:
    audit = log_with_entries(office, 3)
    connection = office.admin.connection
    with pytest.raises(Exception, match="append-only"):
        connection.execute("UPDATE audit_log SET actor = 'x' WHERE seq = 2")
    with pytest.raises(Exception, match="append-only"):
        connection.execute("DELETE FROM audit_log WHERE seq = 2")
    assert audit.verify().ok


def test_an_altered_entry_is_named(office: Office) -> None:
    audit = log_with_entries(office, 10)
    target = audit.search(AuditQuery(text="subscriber:4"))[0].seq
    tamper(office, "UPDATE audit_log SET outcome = 'denied' WHERE seq = ?", target)
    report = audit.verify()
    assert not report.ok
    assert (
        report.problems[0] == f"entry {target} was altered: its content no longer matches its hash"
    )


def test_a_removed_entry_is_named(office: Office) -> None:
    audit = log_with_entries(office, 10)
    target = audit.search(AuditQuery(text="subscriber:6"))[0].seq
    tamper(office, "DELETE FROM audit_log WHERE seq = ?", target)
    report = audit.verify()
    assert report.problems[0] == f"entry {target} removed: the chain jumps to entry {target + 1}"


def test_entries_removed_from_the_end_are_noticed(office: Office) -> None:
    audit = log_with_entries(office, 10)
    last = audit.verify().head_seq
    tamper(office, "DELETE FROM audit_log WHERE seq > ?", last - 2)
    report = audit.verify()
    assert not report.ok
    assert f"ends at entry {last - 2} but its head says entry {last}" in report.problems[0]


def test_a_replaced_entry_with_a_recomputed_hash_breaks_the_next_link(office: Office) -> None:
    audit = log_with_entries(office, 5)
    connection = office.admin.connection
    # Someone with the key rewrites entry 3 completely, hash and all...
    key = bytes.fromhex(
        connection.execute("SELECT value FROM meta WHERE key = 'audit_key'").fetchone()[0]
    )
    at, actor, action, outcome, prev_hash = connection.execute(
        "SELECT at, actor, action, outcome, prev_hash FROM audit_log WHERE seq = 3"
    ).fetchone()
    message = signed_message(prev_hash, 3, at, actor, action, "", outcome, "")
    new_hash = chain_hash(key, message)
    tamper(
        office,
        "UPDATE audit_log SET target = '', detail = '', hash = ? WHERE seq = 3",
        new_hash,
    )
    # ...and the next entry no longer follows it.
    assert audit.verify().problems[0] == (
        "entry 3 (admin): its signature by admin does not match: the entry or one before it "
        "was altered, removed or re-chained"
    )
    assert (
        "entry 4 does not follow entry 3: an entry before it was replaced or the entries "
        "were reordered"
    ) in audit.verify().problems


# An entry's signed bytes and chain hash as the stores in use were written: their logs must
# still verify, so the canonical form may never change, however the code produces it.
_FIXED_DETAIL = r'{"changed":["language","rain_mm"],"n":3,"件名":"大雨 \"警報\""}'
_FIXED_MESSAGE = (
    b"kishomail-audit-entry/1\x00" + bytes(range(32)) + b'[7,"2026-12-05T09:00:00+09:00",'
    b'"tanaka","subscriber.change","subscriber:12","ok",'
    + r'"{\"changed\":[\"language\",\"rain_mm\"],\"n\":3,'
    r'\"件名\":\"大雨 \\\"警報\\\"\"}"]'.encode()
)
_FIXED_HASH = "1627bd4bb340de6815e17c94c57b0df8d5473544ca4607bc379bc68474488e9f"


def test_an_entrys_signed_bytes_and_chain_hash_never_change(office: Office) -> None:
    message = signed_message(
        bytes(range(32)), 7, "2026-12-05T09:00:00+09:00", "tanaka", "subscriber.change",
        "subscriber:12", "ok", _FIXED_DETAIL,
    )  # fmt: skip
    assert message == _FIXED_MESSAGE
    assert chain_hash(bytes([7] * 32), message).hex() == _FIXED_HASH
    # The detail is stored as sorted, compact JSON with the Japanese kept as it is.
    office.admin.audit_log.append(
        "tanaka", "subscriber.change", target="subscriber:12",
        detail={"件名": '大雨 "警報"', "changed": ["language", "rain_mm"], "n": 3},
    )  # fmt: skip
    stored = office.admin.connection.execute(
        "SELECT detail FROM audit_log ORDER BY seq DESC LIMIT 1"
    ).fetchone()[0]
    assert stored == _FIXED_DETAIL


def test_an_address_is_never_written(office: Office) -> None:
    audit = office.admin.audit_log
    before = audit.verify().checked
    with pytest.raises(ValueError, match="e-mail address"):
        audit.append("tanaka", "subscriber.add", detail={"email": "hanako@example.jp"})
    assert audit.verify().checked == before


def test_subscriber_operations_name_ids_not_addresses(office: Office) -> None:
    operator = office.operator()
    added = subscriber_ops.add_subscriber(
        operator, NewSubscriber("jiro@example.jp", Topics(rain_mm=30), office.clock.now())
    )
    subscriber_ops.get_subscriber(operator, added.id)
    subscriber_ops.delete_subscriber(operator, added.id)
    entries = audit_ops.search_audit(office.admin, AuditQuery(actor="opr"))
    assert [e.action for e in entries][-3:] == [
        "subscriber.add",
        "subscriber.view",
        "subscriber.delete",
    ]
    assert entries[-1].target == f"subscriber:{added.id}"
    assert all("jiro" not in repr(e) for e in entries)


def test_search_by_time_actor_action_and_text(office: Office) -> None:
    audit = office.admin.audit_log
    start = office.clock.now()
    audit.append("tanaka", "subscriber.add", target="subscriber:1")
    office.clock.advance(hours=2)
    audit.append("suzuki", "subscriber.delete", target="subscriber:1", detail={"reason": "移転"})
    office.clock.advance(hours=2)
    audit.append("tanaka", "alert.send", target="alert:9")

    def actions(**query: object) -> list[str]:
        return [e.action for e in audit.search(AuditQuery(**query))]  # type: ignore[arg-type]

    assert actions(actor="tanaka") == ["subscriber.add", "alert.send"]
    assert actions(action="subscriber") == ["subscriber.add", "subscriber.delete"]
    assert actions(text="移転") == ["subscriber.delete"]
    assert actions(
        since=start + timedelta(hours=1), until=start + timedelta(hours=3), actor="suzuki"
    ) == ["subscriber.delete"]
    assert actions(text="100%") == []  # LIKE wildcards are taken literally


def test_search_by_codes_named_in_words_newest_first_and_after_an_entry(office: Office) -> None:
    """What the desktop's audit page asks: the codes whose words matched the typed text, the
    latest entries first (a limit keeps the newest), and only what came after the newest
    shown (its look every few seconds)."""
    audit = office.admin.audit_log
    first = audit.append("tanaka", "alert.submit", target="alert:1")
    audit.append("suzuki", "alert.approve", target="alert:1")
    audit.append("tanaka", "alert.send", target="alert:1")

    def actions(**query: object) -> list[str]:
        return [e.action for e in audit.search(AuditQuery(**query))]  # type: ignore[arg-type]

    # 「承認」 typed: no entry holds the word, the codes whose words hold it match.
    assert actions(text="承認", text_actions=("alert.approve", "alert.submit")) == [
        "alert.submit",
        "alert.approve",
    ]
    assert actions(text="承認") == []
    assert actions(actions=("alert.send", "alert.approve")) == ["alert.approve", "alert.send"]
    assert actions(action="alert", newest_first=True, limit=2) == ["alert.send", "alert.approve"]
    assert actions(action="alert", after_seq=first) == ["alert.approve", "alert.send"]


def test_export_to_xlsx_and_csv(office: Office, tmp_path: Path) -> None:
    audit = office.admin.audit_log
    audit.append("tanaka", "subscriber.change", target="subscriber:5", detail={"note": "=1+1"})
    count = audit_ops.export_audit(
        office.admin,
        AuditQuery(actor="tanaka"),
        xlsx=tmp_path / "audit.xlsx",
        csv=tmp_path / "audit.csv",
    )
    assert count == 1
    sheet = openpyxl.load_workbook(tmp_path / "audit.xlsx").active
    assert sheet is not None
    assert "監査ログ" in str(sheet["A1"].value)
    assert sheet["C2"].value == "実行者 (actor)"
    # Tokyo time, as on the screen: not UTC (a 9-hour trap in an incident report).
    assert sheet["B2"].value == "日時 (日本時間 JST)"
    entry = audit_ops.search_audit(office.admin, AuditQuery(actor="tanaka"))[-1]
    tokyo = datetime.fromisoformat(entry.at).astimezone(TOKYO)
    assert sheet["B3"].value == tokyo.strftime("%Y-%m-%d %H:%M:%S")
    assert sheet["D3"].value == "subscriber.change"
    detail_cell = sheet["G3"]
    assert detail_cell.data_type == "s"  # text, never a formula
    csv_bytes = (tmp_path / "audit.csv").read_bytes()
    assert csv_bytes.startswith(b"\xef\xbb\xbf")  # BOM: Excel reads it as UTF-8
    text = csv_bytes.decode("utf-8-sig")
    assert "番号 (seq)" in text.splitlines()[0]
    assert "subscriber.change" in text
    # The export itself is audited.
    assert (
        audit_ops.search_audit(office.admin, AuditQuery(action="audit.export"))[-1].detail["rows"]
        == 1
    )


def test_csv_cells_that_look_like_formulas_are_defused(office: Office, tmp_path: Path) -> None:
    office.admin.audit_log.append("tanaka", "x", target='=HYPERLINK("http://evil")')
    audit_ops.export_audit(office.admin, AuditQuery(actor="tanaka"), csv=tmp_path / "a.csv")
    text = (tmp_path / "a.csv").read_text(encoding="utf-8-sig")
    assert "'=HYPERLINK" in text
