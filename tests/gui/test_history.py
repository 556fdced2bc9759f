"""Dispatch history: the failures of a dispatch and "resend failed deliveries" through the
real service and TLS SMTP server."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from pytestqt.qtbot import QtBot

from desktop.bridge import ServiceBridge
from desktop.service_control import ServiceControl
from desktop.windows import history
from desktop.windows.history import HistoryPage
from desktop.windows.subscribers import SubscribersPage
from dispatch.base.clock import to_iso
from dispatch.engine.events import DispatchDone
from dispatch.operations import manual_alert_sending as sending
from dispatch.operations import manual_alerts as core
from dispatch.operations.session import Session, login
from dispatch.records.dispatch_log import SUPERSEDED_REPLY, DispatchSummary
from dispatch.records.subscriber_table import SubscriberRepository
from dispatch.records.subscribers import NewSubscriber, Topics, WarningLevel
from dispatch.store.database import transaction
from tests.gui.conftest import DUTY2_PASSWORD, DUTY_PASSWORD, OPERATOR_PASSWORD
from tests.gui.test_service import use_relay
from tests.support.certs import ServerCertificate
from tests.support.smtp_server import FaultySmtpServer


def failed_dispatch(admin: Session) -> int:
    """A finished manual dispatch (composed, approved by a second officer, sent): one
    accepted, one given up after 4xx, one refused with 550."""
    now = admin.clock.now()
    connection = admin.connection
    with transaction(connection):
        SubscriberRepository(connection).add_many(
            (
                NewSubscriber(address, Topics(warning_level=WarningLevel.WARNING), now)
                for address in ("ok@example.jp", "busy@example.jp", "nobody@example.jp")
            ),
            now,
        )
    ids = [r[0] for r in connection.execute("SELECT id FROM subscribers ORDER BY id")]
    author = login(admin.store.data_dir, "duty", DUTY_PASSWORD)
    second = login(admin.store.data_dir, "duty2", DUTY2_PASSWORD)
    texts = {"ja": core.AlertText("【新宿区】避難情報", "避難してください。")}
    alert = core.compose(author, core.Draft("evacuation", texts)).alert
    core.submit(author, alert.id)
    sending.approve(second, alert.id)
    dispatch_id = sending.send(second, alert.id).dispatch_id or 0
    author.close()
    second.close()
    with transaction(connection):
        for subscriber, state, code, reply in (
            (ids[0], "sent", 250, "250 OK"),
            (ids[1], "failed", 451, "451 4.3.0 try again later"),
            (ids[2], "failed", 550, "550 5.1.1 User unknown"),
        ):
            connection.execute(
                "UPDATE deliveries SET state = ?, last_code = ?, last_reply = ?, attempts = 12 "
                "WHERE dispatch_id = ? AND subscriber_id = ?",
                (state, code, reply, dispatch_id, subscriber),
            )
        connection.execute(
            "UPDATE dispatches SET status = 'done', sent = 1, failed = 2, finished_at = ? "
            "WHERE id = ?",
            (now.isoformat(), dispatch_id),
        )
    return dispatch_id


def test_resend_failed_deliveries_of_a_dispatch(
    qtbot: QtBot,
    admin: Session,
    smtp_server: FaultySmtpServer,
    server_certificate: ServerCertificate,
    data_dir: object,
) -> None:
    dispatch_id = failed_dispatch(admin)
    use_relay(admin, smtp_server, server_certificate)
    duty = login(admin.store.data_dir, "duty", DUTY_PASSWORD)
    bridge = ServiceBridge()
    control = ServiceControl(duty, bridge)
    page = HistoryPage(duty, bridge)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=5000)
    assert not page.resend_button.isEnabled()
    with qtbot.waitSignal(page.failuresLoaded, timeout=5000):
        page.view.setCurrentIndex(page.model.index(0, 0))
    assert page.failures.rowCount() == 2 and page.resend_button.isEnabled()
    asked: list[int] = []

    def confirm(dispatch: DispatchSummary) -> bool:
        asked.append(dispatch.id)
        return True

    page.confirm_resend = confirm  # type: ignore[method-assign]
    with qtbot.waitSignal(page.resent, timeout=5000) as resent:
        page.resend_button.click()
    assert asked == [dispatch_id] and resent.args == [1]  # the 550 is not resent
    assert page.banner.kind == "ok" and str(dispatch_id) in page.banner.text()

    done: list[DispatchDone] = []
    bridge.dispatchDone.connect(done.append)
    control.start()
    qtbot.waitUntil(lambda: control.state == "running", timeout=15_000)
    try:
        qtbot.waitUntil(lambda: bool(done), timeout=30_000)
        assert done[0].dispatch_id == dispatch_id and (done[0].sent, done[0].failed) == (2, 1)
        assert smtp_server.recipients_received()["busy@example.jp"] == 1
        assert smtp_server.recipients_received()["nobody@example.jp"] == 0
        qtbot.waitUntil(lambda: page.model.rowCount() == 1 and page.model.record(0).sent == 2)
        assert page.model.data(page.model.index(0, 10)) == "1"  # one failure left
    finally:
        control.stop()
        qtbot.waitUntil(lambda: control.state == "stopped", timeout=60_000)
        duty.close()


def test_deliveries_dropped_as_superseded_are_not_shown_as_failures(
    qtbot: QtBot, admin: Session
) -> None:
    dispatch_id = failed_dispatch(admin)
    with transaction(admin.connection):  # as the outbox leaves a held advisory superseded
        admin.connection.execute(
            "UPDATE deliveries SET last_code = NULL, last_reply = ? "
            "WHERE dispatch_id = ? AND last_code = 451",
            (SUPERSEDED_REPLY, dispatch_id),
        )
    duty = login(admin.store.data_dir, "duty", DUTY_PASSWORD)
    page = HistoryPage(duty, ServiceBridge())
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=5000)
    assert page.model.data(page.model.index(0, 10)) == "1"  # only the 550 failed
    assert page.model.data(page.model.index(0, 11)) == "差し替えのため送信せず 1 件"
    with qtbot.waitSignal(page.failuresLoaded, timeout=5000):
        page.view.setCurrentIndex(page.model.index(0, 0))
    title = page.failures_title.text()
    assert "失敗 1 件" in title and "差し替えのため送信せず 1 件" in title
    replies = [page.failures.record(r)[3] for r in range(page.failures.rowCount())]
    assert "not sent" not in " ".join(replies)  # no English reply in the Japanese screen
    duty.close()


def test_a_header_click_sorts_every_dispatch_not_the_loaded_page(
    qtbot: QtBot, admin: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(history, "PAGE", 10)  # three pages of dispatches
    now = admin.clock.now().isoformat()
    with transaction(admin.connection):
        for n in range(1, 31):  # the most recipients in the OLDEST dispatch (not on page 1)
            admin.connection.execute(
                "INSERT INTO dispatches (kind, subject, mode, status, created_at, total, sent) "
                "VALUES ('test', ?, 'individual', 'done', ?, ?, ?)",
                (f"試験 {n}", now, 1000 - n if n > 1 else 5000, n % 3),
            )
    duty = login(admin.store.data_dir, "duty", DUTY_PASSWORD)
    page = HistoryPage(duty, ServiceBridge())
    qtbot.addWidget(page)
    page.resize(1300, 600)
    page.show()
    # (a view taller than a page asks for the next one at once: 10 or more rows)
    qtbot.waitUntil(lambda: page.model.rowCount() >= 10, timeout=5000)
    assert page.model.record(0).id == 30  # newest first
    header = page.view.horizontalHeader()
    assert header.isSortIndicatorShown()
    column = 8  # 「宛先数」
    x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
    for _ in range(2):
        if header.sortIndicatorSection() == column:
            if header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder:
                break
        qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))
    assert header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
    qtbot.waitUntil(lambda: page.model.rowCount() > 0 and page.model.record(0).total == 5000)
    page.view.scrollToBottom()
    qtbot.waitUntil(lambda: page.model.rowCount() >= 20, timeout=5000)
    totals = [page.model.record(r).total for r in range(20)]
    assert totals == [5000, *range(998, 979, -1)]
    # A reload (a dispatch ended) keeps the order chosen.
    with qtbot.waitSignal(page.loaded, timeout=5000):
        page.reload()
    assert [page.model.record(r).total for r in range(3)] == [5000, 998, 997]
    duty.close()


def test_bounces_show_per_dispatch_and_per_subscriber(qtbot: QtBot, admin: Session) -> None:
    """A delivery the relay accepted and the carrier bounced (as the bounce mailbox records
    it): the dispatch shows it apart from the relay's refusals, and so does the subscriber."""
    dispatch_id = failed_dispatch(admin)
    now = to_iso(admin.clock.now())
    with transaction(admin.connection):
        delivery, subscriber = admin.connection.execute(
            "SELECT id, subscriber_id FROM deliveries WHERE dispatch_id = ? AND state = 'sent'",
            (dispatch_id,),
        ).fetchone()
        admin.connection.execute(
            "UPDATE deliveries SET bounced = 'hard 5.1.1' WHERE id = ?", (delivery,)
        )
        for kind, status in (("hard", "5.1.1"), ("forged", "")):
            admin.connection.execute(
                "INSERT INTO bounces (received_at, kind, status, source, carrier, dispatch_id, "
                "delivery_id, subscriber_id) VALUES (?, ?, ?, 'dsn', 'other', ?, ?, ?)",
                (now, kind, status, dispatch_id, delivery, subscriber),
            )
    duty = login(admin.store.data_dir, "duty", DUTY_PASSWORD)
    page = HistoryPage(duty, ServiceBridge())
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=5000)
    headers = [page.model.headerData(c, Qt.Orientation.Horizontal) for c in range(14)]
    assert headers[12:] == ["不達（恒久的）", "不達（一時的）"]
    assert [page.model.data(page.model.index(0, c)) for c in (12, 13)] == ["1", "0"]
    with qtbot.waitSignal(page.failuresLoaded, timeout=5000):
        page.view.setCurrentIndex(page.model.index(0, 0))
    replies = [page.failures.record(r)[3] for r in range(page.failures.rowCount())]
    assert "キャリアから不達：アドレスが存在しません（5.1.1）" in replies
    assert "不達 1 件" in page.failures_title.text()
    duty.close()

    operator = login(admin.store.data_dir, "opr", OPERATOR_PASSWORD)
    subscribers = SubscribersPage(operator)
    qtbot.addWidget(subscribers)
    qtbot.waitUntil(lambda: subscribers.model.rowCount() == 3, timeout=5000)
    column = [
        subscribers.model.headerData(c, Qt.Orientation.Horizontal)
        for c in range(subscribers.model.columnCount())
    ].index("不達")
    shown = {
        subscribers.model.record(r).id: subscribers.model.data(subscribers.model.index(r, column))
        for r in range(3)
    }
    assert shown[subscriber] == "恒久的 1・一時的 0"  # the forged one is not counted
    assert sorted(shown.values()) == ["", "", "恒久的 1・一時的 0"]
    subscribers.shutdown()
    operator.close()
