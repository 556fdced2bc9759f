"""The mailbox page keeps the one rule of the local mailbox: its messages name residents, so
only the roles that may see subscribers get the page, and every look is in the audit log."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from desktop.bridge import ServiceBridge
from desktop.service_control import ServiceControl
from desktop.tasks import runner
from desktop.windows.mailbox import MailboxPage, SubjectGroup
from desktop.windows.main_window import MainWindow
from dispatch.base.clock import TOKYO
from dispatch.engine.relay import outgoing
from dispatch.mail.message import MessageContent, MessageTemplate, Mode
from dispatch.operations import audit as audit_ops
from dispatch.operations.session import Session
from dispatch.records.audit import AuditQuery


def _one_mail_in_the_local_mailbox(session: Session) -> None:
    """No relay is set, so the way out is the embedded sink: one alert to one resident."""
    content = MessageContent(
        subject="【大雨警報】新宿区",
        body="警報です\n",
        office_address="bousai@city.example.jp",
        date=datetime(2026, 11, 21, 9, 30, tzinfo=TOKYO),
    )
    envelope = MessageTemplate(content, Mode.BATCH).batch(
        ["hanako@example.jp"], "<m1@city.example.jp>"
    )
    way_out = outgoing(session.store)
    transport = way_out.transport()
    try:
        assert [r.outcome for r in transport.send([envelope])] == ["accepted"]
    finally:
        transport.close()
        way_out.close()


def _window(qtbot: QtBot, session: Session, settings: QSettings) -> MainWindow:
    bridge = ServiceBridge()
    window = MainWindow(session, settings, bridge, ServiceControl(session, bridge))
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: not runner().busy, timeout=10_000)
    return window


def test_an_operator_reads_the_mailbox_and_each_look_is_audited(
    qtbot: QtBot, admin: Session, operator: Session, settings: QSettings
) -> None:
    _one_mail_in_the_local_mailbox(admin)
    window = _window(qtbot, operator, settings)
    page = window.pages["mailbox"]
    assert isinstance(page, MailboxPage)
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=5000)
    with qtbot.waitSignal(page.opened, timeout=5000):
        page.open_row(0)
    assert "Subject: 【大雨警報】新宿区" in page.text.toPlainText()
    assert page.model.record(0).recipients == ("hanako@example.jp",)  # sent in batch: Bcc only
    looks = audit_ops.search_audit(admin, AuditQuery(text="mailbox"))
    assert [(e.actor, e.action) for e in looks][-2:] == [
        (operator.account.name, "mailbox.list"),
        (operator.account.name, "mailbox.show"),
    ]


def test_an_administrator_has_no_mailbox_page(
    qtbot: QtBot, admin: Session, settings: QSettings
) -> None:
    _one_mail_in_the_local_mailbox(admin)
    window = _window(qtbot, admin, settings)
    assert "mailbox" not in window.pages
    assert audit_ops.search_audit(admin, AuditQuery(action="mailbox.list")) == []


def _typhoon_night_in_the_mailbox(session: Session, lifted: int) -> None:
    """``lifted`` copies of one 解除 subject (one per resident, as the night leaves them), and
    one other alert to resident042."""
    way_out = outgoing(session.store)
    transport = way_out.transport()
    try:
        lift = "【新宿区】強風注意報 解除"
        mails = [(lift, f"resident{n:03d}@example.jp") for n in range(lifted)]
        mails.append(("【新宿区】大雨警報", "resident042@example.jp"))
        for n, (subject, address) in enumerate(mails):
            content = MessageContent(
                subject=subject,
                body="本文\n",
                office_address="bousai@city.example.jp",
                date=datetime(2026, 10, 13, 7, 0, tzinfo=TOKYO),
            )
            envelope = MessageTemplate(content, Mode.BATCH).batch(
                [address], f"<m{n}@city.example.jp>"
            )
            assert [r.outcome for r in transport.send([envelope])] == ["accepted"]
    finally:
        transport.close()
        way_out.close()


def test_identical_subjects_are_one_line_and_the_search_reads_full_width(
    qtbot: QtBot, admin: Session, operator: Session, settings: QSettings
) -> None:
    _typhoon_night_in_the_mailbox(admin, lifted=60)
    window = _window(qtbot, operator, settings)
    page = window.pages["mailbox"]
    assert isinstance(page, MailboxPage)
    qtbot.waitUntil(lambda: page.model.rowCount() == 61, timeout=5000)
    # One line per subject, with how many messages carry it.
    assert page.group_box.isChecked() and page.group_model.rowCount() == 2
    lines = {g.subject: len(g.messages) for g in page.group_model.rows}
    assert lines == {"【新宿区】強風注意報 解除": 60, "【新宿区】大雨警報": 1}
    assert "件名 2 種類" in page.count_label.text() and "61 通" in page.count_label.text()
    # Enter on a subject lists its messages.
    lifted = next(r for r, g in enumerate(page.group_model.rows) if len(g.messages) == 60)
    group: SubjectGroup = page.group_model.record(lifted)
    page.group_view.activated.emit(page.group_model.index(lifted, 0))
    assert not page.group_box.isChecked() and page.lists.currentWidget() is page.view
    assert page.model.rowCount() == 60
    assert {e.subject for e in page.model.rows} == {group.subject}
    # A full-width search finds the resident (NFKC).
    page.search.setText("ｒｅｓｉｄｅｎｔ０４２")
    assert [e.recipients for e in page.model.rows] == [
        ("resident042@example.jp",),
        ("resident042@example.jp",),
    ]
    page.search.setText("大雨")
    assert [e.subject for e in page.model.rows] == ["【新宿区】大雨警報"]
