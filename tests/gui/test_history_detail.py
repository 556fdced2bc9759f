"""The history as the office reads it after a night (issue 19): narrowed by kind and by words
in the subject, and the chosen dispatch's mail exactly as it went out, with who approved it."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from desktop.bridge import ServiceBridge
from desktop.windows.history import HistoryPage
from dispatch.base.clock import to_iso
from dispatch.operations.session import Session
from dispatch.store.database import transaction
from tests.gui.test_history import failed_dispatch


def _an_automatic_dispatch(admin: Session, subject: str) -> None:
    with transaction(admin.connection):
        admin.connection.execute(
            "INSERT INTO dispatches (kind, subject, mode, status, created_at, total) "
            "VALUES ('test', ?, 'individual', 'done', ?, 0)",
            (subject, to_iso(admin.clock.now())),
        )


def test_the_history_narrows_and_shows_the_mail_as_sent(qtbot: QtBot, admin: Session) -> None:
    manual = failed_dispatch(admin)
    _an_automatic_dispatch(admin, "試験送信 50%_確認")
    page = HistoryPage(admin, ServiceBridge())
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: page.model.rowCount() == 2, timeout=10_000)

    page.kind_filter.setCurrentIndex(page.kind_filter.findData("manual"))
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=10_000)
    assert page.model.record(0).id == manual
    page.kind_filter.setCurrentIndex(0)
    page.search.setText("５０％")  # typed in full width; % is a character, not a wildcard
    qtbot.waitUntil(
        lambda: page.model.rowCount() == 1 and page.model.record(0).id != manual, timeout=10_000
    )
    page.search.setText("50_%")
    qtbot.waitUntil(lambda: page.model.rowCount() == 0, timeout=10_000)
    page.search.clear()
    qtbot.waitUntil(lambda: page.model.rowCount() == 2, timeout=10_000)

    row = next(n for n in range(2) if page.model.record(n).id == manual)
    with qtbot.waitSignal(page.detailShown, timeout=10_000):
        page.view.setCurrentIndex(page.model.index(row, 0))
    text = page.detail.toPlainText()
    assert "【新宿区】避難情報" in text and "避難してください。" in text
    assert "作成 duty" in text and "duty2 が承認" in text
    assert "{unsubscribe_url}" not in text
