"""Manual alerts end to end: real SQLCipher store, the real engine, a real TLS SMTP server."""

from __future__ import annotations

import email
import email.policy
import hashlib
import io
import os
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
import pyzipper
import sqlcipher3

from dispatch.base.clock import TOKYO
from dispatch.base.errors import Conflict, NotFound, PermissionDenied, ValidationError
from dispatch.base.vocabulary import Charset
from dispatch.engine.assembly import Engine, build_engine
from dispatch.engine.due_alerts import send_due
from dispatch.mail.smtp import MailTransport, Security, SmtpSettings
from dispatch.operations import manual_alert_sending as sending
from dispatch.operations import manual_alerts as ma
from dispatch.operations import notifications as notify_ops
from dispatch.operations import settings as setting_ops
from dispatch.operations import subscribers as subscriber_ops
from dispatch.operations.session import Session, login
from dispatch.records.audit import AuditEntry, AuditQuery
from dispatch.records.dispatch_log import DispatchLog
from dispatch.records.manual_alerts import ManualAlertRepository
from dispatch.records.settings import set_setting
from dispatch.records.subscribers import (
    NewSubscriber,
    Topics,
    WarningLevel,
)
from dispatch.store.database import APPLICATION_ID, open_database, transaction
from dispatch.store.migrations import LATEST_VERSION, current_version, migrate
from tests.support.certs import ServerCertificate
from tests.support.office import OWN_OFFICE, OWN_OFFICE_ADDRESS
from tests.support.smtp_server import FaultySmtpServer
from tests.unit.dispatch.conftest import Office

OFFICE_ADDRESS = OWN_OFFICE_ADDRESS


def draft(**changes: object) -> ma.Draft:
    values: dict[str, object] = {
        "category": "shelter",
        "texts": {
            "ja": ma.AlertText("【新宿区】避難所を開設しました", "戸山小学校を開設しました。"),
            "en": ma.AlertText("[Shinjuku] Shelter open", "Toyama Elementary School is open."),
        },
    }
    values.update(changes)
    return ma.Draft(**values)  # type: ignore[arg-type]


def audit_entries(office: Office, action: str) -> list[AuditEntry]:
    return office.admin.audit_log.search(AuditQuery(action=action))


# ---- the schema -------------------------------------------------------------------------


def test_migration_4_from_version_3_keeps_the_data(tmp_path: Path) -> None:
    key = os.urandom(32)
    path = tmp_path / "db"
    connection = sqlcipher3.connect(str(path), isolation_level=None)
    connection.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
    connection.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    migrate(connection, target=3)
    connection.execute(
        "INSERT INTO subscribers (email, status, language, channel, warning_level, consent_at, "
        "purpose_version, created_at, updated_at, status_changed_at) VALUES "
        "('x@example.jp', 'active', 'ja', 'web', 3, 't', 'v', 't', 't', 't')"
    )
    connection.execute(
        "INSERT INTO dispatches (kind, subject, mode, status, created_at) "
        "VALUES ('manual', 's', 'individual', 'done', 't')"
    )
    connection.close()
    upgraded = open_database(path, key)
    assert current_version(upgraded) == LATEST_VERSION
    assert upgraded.execute("SELECT email FROM subscribers").fetchall() == [("x@example.jp",)]
    upgraded.execute(
        "INSERT INTO manual_alerts (status, category, languages, content, audience, "
        "content_hash, author, created_at, updated_at, dispatch_id) "
        "VALUES ('sent', 'notice', '[\"ja\"]', '{}', '{}', 'h', 'duty', 't', 't', 1)"
    )
    with pytest.raises(sqlcipher3.IntegrityError):
        upgraded.execute(
            "INSERT INTO manual_alerts (status, category, languages, content, audience, "
            "content_hash, author, created_at, updated_at) "
            "VALUES ('approved-by-nobody', 'n', '[]', '{}', '{}', 'h', 'd', 't', 't')"
        )
    upgraded.close()


# ---- the two-person rule ----------------------------------------------------------------


def test_the_author_cannot_approve_and_a_second_officer_can(
    office: Office, duty: Session, duty2: Session, residents: list[str]
) -> None:
    composed = ma.compose(duty, draft())
    alert = ma.submit(duty, composed.alert.id)
    with pytest.raises(PermissionDenied, match="second duty officer"):
        sending.approve(duty, alert.id)
    refused = audit_entries(office, "alert.approve")
    assert refused[-1].outcome == "denied: own alert"
    preview = ma.preview(duty2, alert.id)
    assert preview.audience_count == 4  # every active subscriber; the unsubscribed one is not
    assert preview.audience_by_language == {"ja": 2, "en": 1, "ja-easy": 1}
    approved = sending.approve(duty2, alert.id, seen_hash=alert.content_hash, seen_count=4)
    assert (approved.status, approved.approver, approved.approved_audience) == (
        ma.AlertStatus.APPROVED,
        "duty2",
        4,
    )
    entries = {e.action: e for e in office.admin.audit_log.search(AuditQuery(action="alert"))}
    assert entries["alert.submit"].detail["content_sha256"] == alert.content_hash
    assert entries["alert.approve"].detail["content_sha256"] == alert.content_hash
    assert entries["alert.approve"].detail["author"] == "duty"


def test_an_edit_voids_the_approval_and_nothing_unapproved_is_sent(
    office: Office, duty: Session, duty2: Session, residents: list[str]
) -> None:
    alert = ma.submit(duty, ma.compose(duty, draft()).alert.id)
    sending.approve(duty2, alert.id)
    edited = ma.edit(
        duty,
        alert.id,
        draft(texts={"ja": ma.AlertText("【新宿区】避難所", "牛込第一中学校も開設しました。")}),
    ).alert
    assert edited.status is ma.AlertStatus.DRAFT and edited.approver is None
    assert edited.content_hash != alert.content_hash and edited.revision == 2
    with pytest.raises(Conflict, match="approved"):
        sending.send(duty, alert.id)
    voided = audit_entries(office, "alert.edit")[-1]
    assert "voided" in voided.detail["approval_voided"]
    # An approver who looked at the old content cannot approve the new one by mistake.
    ma.submit(duty, alert.id)
    with pytest.raises(Conflict, match="changed after you looked"):
        sending.approve(duty2, alert.id, seen_hash=alert.content_hash)


def test_other_roles_cannot_compose_or_approve(
    office: Office, duty: Session, residents: list[str]
) -> None:
    operator = office.operator()
    with pytest.raises(PermissionDenied):
        ma.compose(operator, draft())
    alert = ma.submit(duty, ma.compose(duty, draft()).alert.id)
    with pytest.raises(PermissionDenied):
        sending.approve(office.admin, alert.id)
    operator.close()


def test_bad_input_is_refused_with_a_clear_message(duty: Session) -> None:
    with pytest.raises(ValidationError, match="Japanese"):
        ma.compose(duty, draft(texts={"en": ma.AlertText("s", "b")}))
    with pytest.raises(ValidationError, match="subject is empty"):
        ma.compose(duty, draft(texts={"ja": ma.AlertText(" ", "b")}))
    with pytest.raises(ValidationError, match="Unknown topic"):
        ma.compose(duty, draft(audience=ma.Audience(topics=("tsunami",))))
    with pytest.raises(ValidationError, match="category"):
        ma.compose(duty, draft(category="gossip"))
    assert ma.list_alerts(duty) == []


# ---- sending through the engine ---------------------------------------------------------


@pytest.fixture
def engine_for(
    office: Office, smtp_server: FaultySmtpServer, server_certificate: ServerCertificate
) -> Iterator[list[Engine]]:
    connection = office.admin.connection
    folder = office.data_dir.parent / "telegrams"
    folder.mkdir()
    with transaction(connection):
        set_setting(connection, "smtp.host", smtp_server.host)
        for name, value in OWN_OFFICE.items():
            set_setting(connection, name, value)
        set_setting(connection, "smtp.port", smtp_server.port)
        set_setting(connection, "smtp.cafile", str(server_certificate.cafile))
        set_setting(connection, "smtp.connections", 2)
        set_setting(connection, "feeds.source", str(folder))
    engines: list[Engine] = []
    yield engines
    for engine in engines:
        engine.close()


def build(office: Office, engines: list[Engine]) -> Engine:
    engine = build_engine(office.admin.store, clock=office.clock)
    engines.append(engine)
    return engine


def test_an_approved_alert_goes_to_its_audience_with_a_control_copy(
    office: Office,
    duty: Session,
    duty2: Session,
    residents: list[str],
    smtp_server: FaultySmtpServer,
    engine_for: list[Engine],
) -> None:
    alert = ma.compose(duty, draft(audience=ma.Audience(topics=("warnings",)))).alert
    ma.submit(duty, alert.id)
    sending.approve(duty2, alert.id)
    sent = sending.send(duty2, alert.id)
    assert sent.status is ma.AlertStatus.SENT and sent.dispatch_id is not None
    engine = build(office, engine_for)
    report = engine.service.drain_once()
    assert report.accepted == 2 and report.control_copies == 1
    by_recipient = {m.recipients: m for m in smtp_server.received}
    assert set(by_recipient) == {("a@example.jp",), ("c@example.jp",), (OFFICE_ADDRESS,)}
    for message in smtp_server.received:
        assert message.secure
        parsed = email.message_from_bytes(message.data, policy=email.policy.SMTP)
        assert parsed["Subject"] == "【新宿区】避難所を開設しました"
        assert parsed["X-Kishomail-Approval"] == "two-person (R3.4)"
        body = parsed.get_body()
        assert body is not None
        assert "戸山小学校を開設しました。" in body.get_content()
    summary = DispatchLog(duty.connection).summary(sent.dispatch_id)
    assert summary is not None and (summary.kind, summary.sent, summary.status) == (
        "manual",
        2,
        "done",
    )
    with pytest.raises(Conflict, match="no longer be cancelled"):
        ma.cancel(duty, alert.id)


def test_a_correction_links_to_the_original(
    office: Office,
    duty: Session,
    duty2: Session,
    residents: list[str],
    smtp_server: FaultySmtpServer,
    engine_for: list[Engine],
) -> None:
    first = ma.compose(duty, draft(audience=ma.Audience(languages=("ja",)))).alert
    ma.submit(duty, first.id)
    sending.approve(duty2, first.id)
    sending.send(duty, first.id)
    correction = ma.compose(
        duty,
        draft(
            texts={"ja": ma.AlertText("【新宿区】避難所", "開設したのは戸塚第一小学校です。")},
            audience=ma.Audience(languages=("ja",)),
            correction_of=first.id,
        ),
    ).alert
    ma.submit(duty, correction.id)
    sending.approve(duty2, correction.id)
    sending.send(duty2, correction.id)
    build(office, engine_for).service.drain_once()
    corrections = [
        email.message_from_bytes(m.data, policy=email.policy.SMTP)
        for m in smtp_server.received
        if b"X-Kishomail-Manual-Alert: " + str(correction.id).encode() in m.data
    ]
    assert corrections and all(str(p["Subject"]).startswith("【訂正】") for p in corrections)
    correction_body = corrections[0].get_body()
    assert correction_body is not None
    body = correction_body.get_content()
    assert "「【新宿区】避難所を開設しました」" in body


def test_a_scheduled_alert_survives_a_restart(
    office: Office,
    duty: Session,
    duty2: Session,
    residents: list[str],
    smtp_server: FaultySmtpServer,
    engine_for: list[Engine],
) -> None:
    at = office.clock.now() + timedelta(hours=2)
    alert = ma.compose(duty, draft(send_at=at.astimezone(TOKYO))).alert
    ma.submit(duty, alert.id)
    scheduled = sending.approve(duty2, alert.id)
    assert scheduled.status is ma.AlertStatus.SCHEDULED
    engine = build(office, engine_for)
    assert engine.service.send_due_manual_alerts() == []  # not due yet
    # The workstation restarts: every session and engine goes away.
    engine.close()
    engine_for.clear()
    for session in (duty, duty2, office.admin):
        session.close()
    office.clock.advance(hours=2, seconds=1)
    office.admin = login(office.data_dir, "admin", "admin-password-1", clock=office.clock)
    restarted = build(office, engine_for)
    dispatched = restarted.service.send_due_manual_alerts()
    assert len(dispatched) == 1
    assert restarted.service.drain_once().accepted == 4
    again = ManualAlertRepository(office.admin.connection).get(alert.id)
    assert (again.status, again.sent_by, again.dispatch_id) == (
        ma.AlertStatus.SENT,
        "system",
        dispatched[0],
    )
    assert restarted.service.send_due_manual_alerts() == []  # sent once only


def test_cancel_before_the_scheduled_time(
    office: Office, duty: Session, duty2: Session, residents: list[str]
) -> None:
    at = office.clock.now() + timedelta(minutes=30)
    alert = ma.compose(duty, draft(send_at=at)).alert
    ma.submit(duty, alert.id)
    sending.approve(duty2, alert.id)
    assert ma.cancel(duty2, alert.id, "typhoon turned").status is ma.AlertStatus.CANCELLED
    office.clock.advance(hours=1)
    assert send_due(office.admin.store, office.clock) == []


def test_single_person_emergency_path_is_off_by_default_and_loud_when_on(
    office: Office,
    duty: Session,
    residents: list[str],
    smtp_server: FaultySmtpServer,
    engine_for: list[Engine],
) -> None:
    alert = ma.compose(duty, draft(audience=ma.Audience(languages=("en",)))).alert
    with pytest.raises(PermissionDenied, match="emergency path is off"):
        sending.send(duty, alert.id, emergency=True)
    with pytest.raises(PermissionDenied):  # only an administrator turns it on
        setting_ops.change_setting(duty, "alerts.single_person_emergency", True)
    setting_ops.change_setting(office.admin, "alerts.single_person_emergency", True)
    sent = sending.send(duty, alert.id, emergency=True)
    assert sent.emergency and sent.approver is None
    entry = audit_entries(office, "alert.emergency_send")[-1]
    assert entry.outcome == "SINGLE-PERSON EMERGENCY"
    build(office, engine_for).service.drain_once()
    control = [m for m in smtp_server.received if m.recipients == (OFFICE_ADDRESS,)]
    assert len(control) == 1
    parsed = email.message_from_bytes(control[0].data, policy=email.policy.SMTP)
    assert " ".join(str(parsed["X-Kishomail-Approval"]).split()) == ma.EMERGENCY_MARK


# ---- attachments and the test send ------------------------------------------------------


def transport_for(server: FaultySmtpServer, cafile: Path) -> MailTransport:
    return MailTransport(
        SmtpSettings(
            host=server.host,
            port=server.port,
            security=Security.STARTTLS,
            cafile=cafile,
            connections=1,
            domain_policies=(),
        )
    )


def test_personal_data_goes_only_as_an_encrypted_zip_with_the_password_apart(
    office: Office,
    duty: Session,
    duty2: Session,
    smtp_server: FaultySmtpServer,
    server_certificate: ServerCertificate,
) -> None:
    roster = "氏名,避難所\n山田太郎,戸山小学校\n".encode()
    composed = ma.compose(
        duty, draft(attachment=ma.Attachment("roster.csv", roster, personal=True))
    )
    assert composed.zip_password
    alert = composed.alert
    assert alert.attachment_name == "roster.zip" and alert.attachment_personal
    notify_ops.add_contact(office.admin, "duty", "duty.officer@example.jp")
    transport = transport_for(smtp_server, server_certificate.cafile)
    try:
        report = sending.send_test(duty, alert.id, "duty.officer@example.jp", transport)
        assert report.accepted == 2 and report.refused == 0
        test_mails = list(smtp_server.received)
        sending.send_password(
            duty, alert.id, "duty.officer@example.jp", composed.zip_password, transport
        )
    finally:
        transport.close()
    for message in test_mails:
        assert composed.zip_password.encode() not in message.data
        parsed = email.message_from_bytes(message.data, policy=email.policy.SMTP)
        assert str(parsed["Subject"]).startswith("[試験送信 TEST]")
        (part,) = list(parsed.iter_attachments())
        data = part.get_content()
        assert roster not in data and "山田太郎".encode() not in data
        with pyzipper.AESZipFile(io.BytesIO(data)) as archive:
            archive.setpassword(composed.zip_password.encode())
            assert archive.read("roster.csv") == roster
    password_mail = smtp_server.received[-1]
    assert composed.zip_password.encode() in password_mail.data
    assert b"roster.csv" not in password_mail.data or b"Content-Disposition" not in (
        password_mail.data
    )
    for entry in office.admin.audit_log.search(AuditQuery(action="alert")):
        assert composed.zip_password not in str(entry.detail)


def _decoded(part: email.message.Message) -> bytes:
    # get_payload(decode=True) gives bytes for a leaf part (None when it has no payload).
    payload = part.get_payload(decode=True)
    assert payload is None or isinstance(payload, bytes)
    return payload or b""


def parsed_mail(data: bytes) -> email.message.EmailMessage:
    message = email.message_from_bytes(data, policy=email.policy.default)
    assert isinstance(message, email.message.EmailMessage)
    return message


def resident_mails(server: FaultySmtpServer, alert_id: int) -> list[tuple[str, bytes]]:
    """(recipient, bytes) of every mail of this alert the relay accepted, control copy too."""
    marker = f"X-Kishomail-Manual-Alert: {alert_id}.".encode()
    out = []
    for message in server.received:
        if marker in message.data:
            assert message.secure
            (recipient,) = message.recipients
            out.append((recipient, message.data))
    return out


def test_an_attachment_reaches_every_resident_after_a_second_officer_checked_it(
    office: Office,
    duty: Session,
    duty2: Session,
    residents: list[str],
    smtp_server: FaultySmtpServer,
    engine_for: list[Engine],
) -> None:
    # An old carrier phone (ISO-2022-JP) gets the file as well.
    operator = office.operator()
    subscriber_ops.add_subscriber(
        operator,
        NewSubscriber(
            "e@ezweb.ne.jp",
            Topics(warning_level=WarningLevel.WARNING),
            office.clock.now(),
            charset=Charset.ISO_2022_JP,
        ),
    )
    operator.close()
    pdf = b"%PDF-1.7\n" + bytes(range(256)) * 2000 + b"\n%%EOF\n"
    digest = hashlib.sha256(pdf).hexdigest()
    alert = ma.compose(duty, draft(attachment=ma.Attachment("避難所マップ.pdf", pdf))).alert
    ma.submit(duty, alert.id)

    # The approver sees the file's name, size and hash, in the alert and in every mail.
    shown = ma.preview(duty2, alert.id).as_dict()
    assert shown["alert"]["attachment"] == {
        "name": "避難所マップ.pdf",
        "bytes": len(pdf),
        "sha256": digest,
        "personal_data": False,
    }
    for mail in shown["mails"].values():
        assert mail["attachments"] == [
            {
                "name": "避難所マップ.pdf",
                "content_type": "application/pdf",
                "bytes": len(pdf),
                "sha256": digest,
            }
        ]
    sending.approve(duty2, alert.id, seen_hash=alert.content_hash, seen_count=5)
    approval = audit_entries(office, "alert.approve")[-1]
    assert approval.detail["attachment_sha256"] == digest
    sending.send(duty2, alert.id)
    report = build(office, engine_for).service.drain_once()
    assert report.accepted == 5 and report.failed == 0 and report.control_copies == 1

    mails = resident_mails(smtp_server, alert.id)
    everyone = [*residents, "e@ezweb.ne.jp"]
    assert sorted(r for r, _ in mails) == sorted([*everyone, OFFICE_ADDRESS])
    texts = {"ja": "戸山小学校を開設しました。", "en": "Toyama Elementary School is open."}
    for recipient, data in mails:
        message = parsed_mail(data)
        assert message.get_content_type() == "multipart/mixed"
        body = message.get_body(("plain",))
        assert body is not None
        text = body.get_content()
        language_text = texts["en"] if recipient == "b@example.jp" else texts["ja"]
        assert language_text in text
        (part,) = list(message.iter_attachments())
        assert part.get_filename() == "避難所マップ.pdf"
        assert part.get_content_type() == "application/pdf"
        assert part.get_payload(decode=True) == pdf
        for other in everyone:  # BCC-safe: nobody else's address in any part
            if other != recipient:
                assert other.encode() not in data
    phone = dict(mails)["e@ezweb.ne.jp"]
    assert max(phone) < 0x80 and b'charset="iso-2022-jp"' in phone


def test_a_personal_data_attachment_reaches_residents_only_as_an_encrypted_zip(
    office: Office,
    duty: Session,
    duty2: Session,
    residents: list[str],
    smtp_server: FaultySmtpServer,
    server_certificate: ServerCertificate,
    engine_for: list[Engine],
) -> None:
    roster = "氏名,避難所\n山田太郎,戸山小学校\n".encode()
    composed = ma.compose(
        duty,
        draft(
            attachment=ma.Attachment("名簿.csv", roster, personal=True),
            audience=ma.Audience(languages=("ja", "en")),
        ),
    )
    assert composed.zip_password
    alert = ma.submit(duty, composed.alert.id)
    assert alert.attachment_name == "名簿.zip"
    sending.approve(duty2, alert.id, seen_hash=alert.content_hash, seen_count=3)
    sending.send(duty2, alert.id)
    build(office, engine_for).service.drain_once()
    mails = resident_mails(smtp_server, alert.id)
    assert sorted(r for r, _ in mails) == sorted(
        ["a@example.jp", "b@example.jp", "c@example.jp", OFFICE_ADDRESS]
    )

    # The password travels on its own, in a separate mail to the person who needs it.
    transport = transport_for(smtp_server, server_certificate.cafile)
    try:
        assert sending.send_password(
            duty, alert.id, "shelter.lead@example.jp", composed.zip_password, transport
        )
    finally:
        transport.close()
    (password_mail,) = [
        m for m in smtp_server.received if m.recipients == ("shelter.lead@example.jp",)
    ]
    password_text = parsed_mail(password_mail.data).get_body(("plain",))
    assert password_text is not None
    password = password_text.get_content().strip().splitlines()[-1].strip()
    assert password == composed.zip_password
    assert not list(parsed_mail(password_mail.data).iter_attachments())

    for recipient, data in mails:
        message = parsed_mail(data)
        # Neither the password nor the clear roster is in any resident mail, in any part.
        decoded = b"".join(_decoded(p) for p in message.walk() if not p.is_multipart())
        for blob in (data, decoded):
            assert password.encode() not in blob
            assert roster not in blob and "山田太郎".encode() not in blob
        body = message.get_body(("plain",))
        assert body is not None
        text = body.get_content()
        if recipient == "b@example.jp":
            assert "separate mail" in text
        else:
            assert "パスワードは別のメールでお知らせします" in text
        (part,) = list(message.iter_attachments())
        assert (part.get_filename(), part.get_content_type()) == ("名簿.zip", "application/zip")
        with pyzipper.AESZipFile(io.BytesIO(_decoded(part))) as archive:
            assert archive.getinfo("名簿.csv").flag_bits & 0x1  # encrypted
            with pytest.raises(RuntimeError):
                archive.read("名簿.csv")  # no password, no roster
            archive.setpassword(password.encode())
            assert archive.read("名簿.csv") == roster


def test_an_attachment_the_mail_cannot_carry_is_refused_before_anything_is_queued(
    office: Office, duty: Session, duty2: Session, residents: list[str]
) -> None:
    alert = ma.compose(duty, draft(attachment=ma.Attachment("map.pdf", b"%PDF"))).alert
    ma.submit(duty, alert.id)
    sending.approve(duty2, alert.id)
    with transaction(duty.connection):  # the stored file is gone (erase-all)
        duty.connection.execute("UPDATE manual_alerts SET attachment = NULL")
    with pytest.raises(Conflict, match="erased"):
        sending.send(duty2, alert.id)
    assert ma.get_alert(duty2, alert.id).dispatch_id is None


def test_a_test_send_goes_only_to_the_officers_own_staff_contacts(
    office: Office,
    duty: Session,
    smtp_server: FaultySmtpServer,
    server_certificate: ServerCertificate,
) -> None:
    alert = ma.compose(duty, draft()).alert
    transport = transport_for(smtp_server, server_certificate.cafile)
    try:
        with pytest.raises(ValidationError) as refused:
            sending.send_test(duty, alert.id, "anyone@outside.example.com", transport)
        assert "nothing was sent" in refused.value.message
        with pytest.raises(NotFound):  # no contact yet: nowhere to send a test
            sending.send_test(duty, alert.id, None, transport)
        notify_ops.add_contact(office.admin, "duty", "duty.phone@docomo.ne.jp")
        notify_ops.add_contact(office.admin, "opr", "opr.box@city.example.jp")
        with pytest.raises(ValidationError):  # another staff member's contact is not yours
            sending.send_test(duty, alert.id, "opr.box@city.example.jp", transport)
        report = sending.send_test(duty, alert.id, None, transport)
    finally:
        transport.close()
    assert report.accepted == len(alert.languages) and report.refused == 0
    assert {m.recipients for m in smtp_server.received} == {("duty.phone@docomo.ne.jp",)}
    rows = duty.connection.execute(
        "SELECT outcome, detail FROM audit_log WHERE action = 'alert.test_send' ORDER BY seq"
    ).fetchall()
    assert [r[0] for r in rows] == [
        "refused: not a staff contact of the officer",
        "refused: not a staff contact of the officer",
        "ok",
    ]
    assert "1 staff contact(s) of the officer" in rows[-1][1]
