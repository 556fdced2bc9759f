"""Manual alert: template, attachment, test send, scheduling, and the two-person rule —
compose by one duty officer, approve by another, send and follow it — against the real TLS
SMTP server."""

from __future__ import annotations

import email
import email.policy
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from pytestqt.qtbot import QtBot

from desktop.bridge import ServiceBridge
from desktop.service_control import ServiceControl
from desktop.windows.manual_alert import ManualAlertPage
from desktop.windows.second_officer import SecondOfficerDialog
from dispatch.base.errors import PermissionDenied
from dispatch.operations import audit as audit_ops
from dispatch.operations import manual_alert_sending as sending
from dispatch.operations import manual_alerts as core
from dispatch.operations import notifications as notify_ops
from dispatch.operations import settings as setting_ops
from dispatch.operations.demo import seed_demo_subscribers
from dispatch.operations.session import Session, login
from dispatch.records.audit import AuditQuery
from dispatch.store.database import transaction
from tests.gui.conftest import DUTY2_PASSWORD, DUTY_PASSWORD
from tests.gui.test_service import use_relay
from tests.support.certs import ServerCertificate
from tests.support.smtp_server import FaultySmtpServer


@pytest.fixture
def duty(admin: Session, data_dir: Path) -> Iterator[Session]:
    session = login(data_dir, "duty", DUTY_PASSWORD)
    yield session
    session.close()


@pytest.fixture
def duty2(admin: Session, data_dir: Path) -> Iterator[Session]:
    session = login(data_dir, "duty2", DUTY2_PASSWORD)
    yield session
    session.close()


@pytest.fixture
def relay(
    admin: Session, smtp_server: FaultySmtpServer, server_certificate: ServerCertificate
) -> FaultySmtpServer:
    with transaction(admin.connection):
        seed_demo_subscribers(admin.connection, admin.clock.now())
    use_relay(admin, smtp_server, server_certificate)
    return smtp_server


def open_page(qtbot: QtBot, session: Session, bridge: ServiceBridge) -> ManualAlertPage:
    page = ManualAlertPage(session, bridge)
    qtbot.addWidget(page)
    page.ask = lambda *_: True  # type: ignore[method-assign]  # the confirmations: yes
    page.resize(1400, 900)
    page.show()
    return page


def listed_status(page: ManualAlertPage) -> str | None:
    """The status of the first alert in the queue as listed, if any."""
    return str(page.model.record(0).status) if page.model.rowCount() else None


def select_first(qtbot: QtBot, page: ManualAlertPage) -> None:
    qtbot.waitUntil(lambda: page.model.rowCount() > 0, timeout=5000)
    page.view.clearSelection()
    page.view.setCurrentIndex(page.model.index(1 if page.model.rowCount() > 1 else 0, 0))
    with qtbot.waitSignal(page.previewed, timeout=5000):
        page.view.setCurrentIndex(page.model.index(0, 0))


def test_template_encrypted_attachment_and_test_send(
    qtbot: QtBot, admin: Session, duty: Session, relay: FaultySmtpServer, tmp_path: Path
) -> None:
    notify_ops.add_contact(admin, "duty", "bousai@example.jp")  # test mails go only there
    page = open_page(qtbot, duty, ServiceBridge())
    page.template.setCurrentIndex(page.template.findData("shelter_open"))
    page.template_details.setText("戸山小学校")
    page.use_template.click()
    assert page.subject_ja.text() == "【新宿区】避難所を開設しました"
    assert "戸山小学校" in page.body_ja.toPlainText() and page.subject_en.text()
    assert page.category.currentData() == "shelter"

    roster = tmp_path / "roster.csv"
    roster.write_text("氏名,電話\n新宿 太郎,03-0000-0000\n", encoding="utf-8")
    page.ask_attachment_path = lambda: roster  # type: ignore[method-assign]
    assert not page.personal_data.isEnabled()
    page.add_attachment_button.click()
    assert page.attachment_label.text() == "roster.csv" and page.personal_data.isEnabled()
    page.remove_attachment_button.click()
    assert not page.personal_data.isEnabled() and page.attachment_path is None
    page.add_attachment_button.click()
    page.personal_data.setChecked(True)
    passwords: list[str] = []

    def keep(password: str) -> None:
        passwords.append(password)

    page.show_password_once = keep  # type: ignore[method-assign]
    with qtbot.waitSignal(page.changed, timeout=10_000):
        page.compose_button.click()
    assert len(passwords) == 1 and len(passwords[0]) >= 16  # shown once, right after saving
    assert page.banner.isVisible() and page.banner.kind == "ok"

    select_first(qtbot, page)
    assert "roster.zip" in page.preview.toPlainText()
    assert page.test_button.isEnabled() and not page.approve_button.isEnabled()
    page.test_address.setText("bousai@example.jp")
    with qtbot.waitSignal(page.tested, timeout=20_000) as tested:
        page.test_button.click()
    report = tested.args[0]
    assert not isinstance(report, Exception), report
    assert report.accepted == len(report.languages) >= 2 and report.refused == 0
    assert page.banner.kind == "ok" and "bousai@example.jp" in page.banner.text()
    mails = [m for m in relay.received if "bousai@example.jp" in m.recipients]
    assert len(mails) == report.accepted
    message = email.message_from_bytes(mails[0].data, policy=email.policy.default)
    assert "試験送信" in str(message["Subject"])
    names = [part.get_filename() for part in message.iter_attachments()]
    assert names == ["roster.zip"]
    assert passwords[0].encode() not in mails[0].data  # the password never goes with the file


def test_a_send_time_makes_the_alert_wait(qtbot: QtBot, duty: Session) -> None:
    page = open_page(qtbot, duty, ServiceBridge())
    page.subject_ja.setText("【新宿区】夜間の避難所運営について")
    page.body_ja.setPlainText("避難所は朝まで開いています。")
    page.schedule.setChecked(True)
    assert page.send_at.isEnabled()
    with qtbot.waitSignal(page.changed, timeout=10_000):
        page.compose_button.click()
    alert = core.list_alerts(duty)[0]
    assert alert.send_at is not None and str(alert.status) == "submitted"
    select_first(qtbot, page)
    assert "送信予定" in page.preview.toPlainText() or "Send time" in page.preview.toPlainText()


def test_compose_submit_approve_by_another_officer_send_and_follow_progress(
    qtbot: QtBot, admin: Session, duty: Session, duty2: Session, relay: FaultySmtpServer
) -> None:
    bridge = ServiceBridge()
    control = ServiceControl(admin, bridge)
    author = open_page(qtbot, duty, bridge)
    author.subject_ja.setText("【新宿区】高齢者等避難を発令しました")
    author.body_ja.setPlainText("新宿区全域に高齢者等避難を発令しました。")
    with qtbot.waitSignal(author.changed, timeout=10_000):
        author.compose_button.click()
    select_first(qtbot, author)
    audience = author.current_preview.audience_count
    assert audience > 0
    # The author may not approve: the button is off and says why, and the core refuses too.
    assert not author.approve_button.isEnabled() and author.approve_button.toolTip()
    with pytest.raises(PermissionDenied):
        sending.approve(duty, author.current.id)

    second = open_page(qtbot, duty2, bridge)
    select_first(qtbot, second)
    assert second.approve_button.isEnabled() and not second.send_button.isEnabled()
    with qtbot.waitSignal(second.previewed, timeout=10_000):  # it stays selected
        second.approve_button.click()
    assert second.send_button.isEnabled()
    assert second.model.data(second.model.index(0, 4)) == "duty2"  # approved by

    control.start()
    qtbot.waitUntil(lambda: control.state == "running", timeout=15_000)
    try:
        with qtbot.waitSignal(second.sent, timeout=60_000) as sent:
            second.send_button.click()
        summary = sent.args[0]
        assert summary.total == audience and summary.sent == audience
        assert second.progress.isVisible()
        assert second.progress.value() == second.progress.maximum() == audience
        assert f"{audience:,}" in second.outcome.text() and str(summary.dispatch_id) in (
            second.outcome.text()
        )
        assert relay.recipients_received().total() >= audience
        qtbot.waitUntil(lambda: core.list_alerts(duty)[0].dispatch_id is not None, timeout=5000)
        assert str(core.list_alerts(duty)[0].status) == "sent"
    finally:
        control.stop()
        qtbot.waitUntil(lambda: control.state == "stopped", timeout=60_000)


def test_the_second_officer_approves_at_the_same_workstation_while_the_engine_sends(
    qtbot: QtBot, admin: Session, duty: Session, relay: FaultySmtpServer
) -> None:
    """Issue 14 point 4: officer B approves in officer A's window with B's own password;
    A stays logged in, the engine never stops, and the log shows B's act as B's."""
    bridge = ServiceBridge()
    control = ServiceControl(admin, bridge)
    control.start()
    qtbot.waitUntil(lambda: control.state == "running", timeout=15_000)
    try:
        page = open_page(qtbot, duty, bridge)
        page.subject_ja.setText("【新宿区】避難所を開設しました")
        page.body_ja.setPlainText("戸山小学校に避難所を開設しました。")
        with qtbot.waitSignal(page.changed, timeout=10_000):
            page.compose_button.click()
        # (A list read between the draft's saving and its submission may show it first.)
        qtbot.waitUntil(lambda: listed_status(page) == "submitted", timeout=5000)
        select_first(qtbot, page)
        assert not page.approve_button.isEnabled()  # A wrote it
        assert page.approve_in_place_button.isEnabled()
        attempts: list[tuple[str, str]] = [("duty", DUTY_PASSWORD), ("duty2", DUTY2_PASSWORD)]
        seen: list[str] = []

        def fill(dialog: SecondOfficerDialog) -> None:
            seen.append(dialog.as_mailed.toPlainText())
            # Enter in the dialog would cancel: キャンセル is the default button.
            assert dialog.cancel_button.isDefault() and not dialog.approve_button.isDefault()

            def attempt() -> None:
                name, password = attempts.pop(0)
                dialog.account.setText(name)
                dialog.password.setText(password)
                dialog.approve_button.click()
                if attempts:  # the author's own account: refused, the dialog stays open
                    assert "duty" in dialog.banner.text() and dialog.password.text() == ""
                    assert dialog.isVisible()
                    QTimer.singleShot(0, attempt)

            QTimer.singleShot(0, attempt)

        page.inPlaceDialog.connect(fill)
        with qtbot.waitSignal(page.previewed, timeout=15_000):
            page.approve_in_place_button.click()
        alert = core.get_alert(duty, page.current.id)
        assert (str(alert.status), alert.approver) == ("approved", "duty2")
        # B saw the alert exactly as mailed: subject, text and the count.
        assert "戸山小学校に避難所を開設しました。" in seen[0]
        assert f"{page.current_preview.audience_count:,}" in seen[0]
        actors = {
            (e.actor, e.action)
            for e in audit_ops.search_audit(admin, AuditQuery(action="login.in_place"))
            + audit_ops.search_audit(admin, AuditQuery(action="alert.approve"))
        }
        assert actors == {("duty2", "login.in_place"), ("duty2", "alert.approve")}
        assert control.state == "running"  # nothing stopped the alerts
        assert page.send_button.isEnabled()  # A, still logged in, sends it
        with qtbot.waitSignal(page.sent, timeout=60_000) as sent:
            page.send_button.click()
        assert sent.args[0].sent == page.current_preview.audience_count
    finally:
        control.stop()
        qtbot.waitUntil(lambda: control.state == "stopped", timeout=60_000)


def test_the_single_person_emergency_path_only_where_the_office_allows_it(
    qtbot: QtBot, admin: Session, duty: Session, relay: FaultySmtpServer
) -> None:
    """Off by default: no button. On: whoever decides confirms with their own password, the
    alert goes out without a second officer, and the log marks it in their name."""
    bridge = ServiceBridge()
    page = open_page(qtbot, duty, bridge)
    page.subject_ja.setText("【新宿区】避難指示を発令しました")
    page.body_ja.setPlainText("新宿区全域に避難指示を発令しました。直ちに避難してください。")
    with qtbot.waitSignal(page.changed, timeout=10_000):
        page.compose_button.click()
    select_first(qtbot, page)
    assert page.emergency_button.isHidden()

    setting_ops.change_setting(admin, "alerts.single_person_emergency", True)
    page.reload()
    # Waited for by what it shows, not by the next ``previewed``: a preview still on its way
    # from an earlier reload of the list (the composer's) could be that signal, before this
    # reload has read the setting (seen once in CI).
    qtbot.waitUntil(
        lambda: not page.emergency_button.isHidden() and page.emergency_button.isEnabled(),
        timeout=10_000,
    )

    def fill(dialog: SecondOfficerDialog) -> None:
        assert dialog.account.text() == "duty"  # the officer here decides, by default
        assert dialog.cancel_button.isDefault()

        def confirm_with_password() -> None:
            dialog.password.setText(DUTY_PASSWORD)
            dialog.approve_button.click()

        QTimer.singleShot(0, confirm_with_password)

    page.inPlaceDialog.connect(fill)
    control = ServiceControl(admin, bridge)
    control.start()
    qtbot.waitUntil(lambda: control.state == "running", timeout=15_000)
    try:
        with qtbot.waitSignal(page.sent, timeout=60_000) as sent:
            page.emergency_button.click()
        assert sent.args[0].sent == page.current_preview.audience_count > 0
    finally:
        control.stop()
        qtbot.waitUntil(lambda: control.state == "stopped", timeout=60_000)
    (entry,) = audit_ops.search_audit(admin, AuditQuery(action="alert.emergency_send"))
    assert (entry.actor, entry.outcome) == ("duty", "SINGLE-PERSON EMERGENCY")
    alert = core.get_alert(duty, page.current.id)
    assert alert.emergency and alert.approver is None


def test_a_test_send_without_a_relay_says_nothing_left_this_pc(
    qtbot: QtBot, admin: Session, duty: Session
) -> None:
    """With no relay set the test mail goes into the local mailbox: the screen must not say
    the mail was "accepted" as if it had reached the phone."""
    notify_ops.add_contact(admin, "duty", "duty-phone@docomo.ne.jp")
    page = open_page(qtbot, duty, ServiceBridge())
    page.subject_ja.setText("【新宿区】訓練のお知らせ")
    page.body_ja.setPlainText("配信訓練です。")
    with qtbot.waitSignal(page.changed, timeout=10_000):
        page.compose_button.click()
    select_first(qtbot, page)
    page.test_address.setText("duty-phone@docomo.ne.jp")
    with qtbot.waitSignal(page.tested, timeout=20_000) as tested:
        page.test_button.click()
    assert tested.args[0].local_mailbox and tested.args[0].accepted == 1
    assert "ローカルメールボックス" in page.banner.text()
    assert "受け付けられました" not in page.banner.text()


def test_the_draft_is_seen_as_mailed_before_it_is_saved_in_every_language(
    qtbot: QtBot, admin: Session, duty: Session
) -> None:
    """Issue 19: やさしい日本語 in the composer, and a preview before submitting — with the
    subscriber's own link named, not a literal {unsubscribe_url}; nothing is stored by it."""
    page = open_page(qtbot, duty, ServiceBridge())
    page.subject_ja.setText("【新宿区】避難所を開設しました")
    page.body_ja.setPlainText("戸山小学校に避難所を開設しました。")
    page.subject_easy.setText("【しんじゅくく】ひなんじょを あけました")
    page.body_easy.setPlainText("とやま しょうがっこうに ひなんじょを あけました。")
    with qtbot.waitSignal(page.previewed, timeout=10_000) as shown:
        page.preview_draft_button.click()
    assert set(shown.args[0].mails) == {"ja", "ja-easy"}
    text = page.preview.toPlainText()
    assert "とやま しょうがっこうに" in text and "戸山小学校" in text
    assert "{unsubscribe_url}" not in text and "登録者ごと" in text
    assert core.list_alerts(duty) == []  # a preview stores nothing
    assert not page.approve_button.isEnabled() and not page.send_button.isEnabled()

    with qtbot.waitSignal(page.changed, timeout=10_000):
        page.compose_button.click()
    (alert,) = core.list_alerts(duty)
    assert alert.texts["ja-easy"].subject == "【しんじゅくく】ひなんじょを あけました"
    assert page.subject_easy.text() == ""  # the form empties after a submit
