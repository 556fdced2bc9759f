"""The manual alert by keyboard, and the guards against a tired officer's slips: Tab leaves
the text, Ctrl+Enter submits once, mnemonics, and confirmations that name what is sent."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from desktop.bridge import ServiceBridge
from desktop.windows.manual_alert import ManualAlertPage
from dispatch.operations import manual_alert_sending as sending
from dispatch.operations import manual_alerts as core
from dispatch.operations.session import Session, login
from dispatch.records.subscriber_table import SubscriberRepository
from dispatch.records.subscribers import NewSubscriber, Topics, WarningLevel
from dispatch.store.database import transaction
from tests.gui.conftest import DUTY2_PASSWORD, DUTY_PASSWORD
from tests.gui.test_manual_alert import open_page, select_first


def test_the_composer_by_keyboard_alone(qtbot: QtBot, admin: Session, data_dir: Path) -> None:
    duty = login(data_dir, "duty", DUTY_PASSWORD)
    page = open_page(qtbot, duty, ServiceBridge())
    page.activateWindow()
    page.subject_ja.setFocus()
    qtbot.waitUntil(page.subject_ja.hasFocus, timeout=2000)
    qtbot.keyClicks(page.subject_ja, "Shelters open")  # QTest types ASCII only
    qtbot.keyClick(page.subject_ja, Qt.Key.Key_Tab)
    assert page.body_ja.hasFocus()
    qtbot.keyClicks(page.body_ja, "Toyama school is open.")
    qtbot.keyClick(page.body_ja, Qt.Key.Key_Tab)
    # Tab left the text: no tab character typed, the next field has the cursor.
    assert page.body_ja.toPlainText() == "Toyama school is open."
    assert page.subject_en.hasFocus()
    qtbot.keyClick(page.subject_en, Qt.Key.Key_Tab, Qt.KeyboardModifier.ShiftModifier)
    assert page.body_ja.hasFocus()
    with qtbot.waitSignal(page.changed, timeout=10_000):
        qtbot.keyClick(page.body_ja, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        # A second Ctrl+Enter while the first is on its way is the same alert, not another.
        qtbot.keyClick(page.body_ja, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert len(core.list_alerts(duty)) == 1
    # The form is empty afterwards: submitting again says what is missing.
    assert page.subject_ja.text() == "" and page.body_ja.toPlainText() == ""
    qtbot.keyClick(page.body_ja, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert "件名" in page.banner.text() and len(core.list_alerts(duty)) == 1
    # 承認・送信・試験送信 have mnemonics (Alt+letter).
    for button in (page.approve_button, page.send_button, page.test_button):
        assert "(&" in button.text(), button.text()
    duty.close()


def test_the_template_asks_before_replacing_typed_text(
    qtbot: QtBot, admin: Session, data_dir: Path
) -> None:
    duty = login(data_dir, "duty", DUTY_PASSWORD)
    page = open_page(qtbot, duty, ServiceBridge())
    asked: list[str] = []

    def keep(title: str, text: str, action: str, details: str) -> bool:
        asked.append(title)
        return False

    page.ask = keep  # type: ignore[method-assign]
    page.template.setCurrentIndex(page.template.findData("shelter_open"))
    page.use_template.click()  # nothing typed yet: filled without a question
    assert not asked and page.subject_ja.text()
    page.use_template.click()  # the template's own text: no question either
    assert not asked
    page.body_ja.setPlainText("自分で書いた本文")
    page.use_template.click()
    assert asked == ["本文を置き換えますか？"]
    assert page.body_ja.toPlainText() == "自分で書いた本文"
    duty.close()


def test_send_now_names_subject_and_count_and_defaults_to_cancel(
    qtbot: QtBot, admin: Session, data_dir: Path
) -> None:
    now = admin.clock.now()
    with transaction(admin.connection):
        SubscriberRepository(admin.connection).add_many(
            [
                NewSubscriber(f"r{n}@example.jp", Topics(warning_level=WarningLevel.WARNING), now)
                for n in range(3)
            ],
            now,
        )
    author = login(data_dir, "duty", DUTY_PASSWORD)
    second = login(data_dir, "duty2", DUTY2_PASSWORD)
    texts = {"ja": core.AlertText("【新宿区】避難指示を発令しました", "避難してください。")}
    alert = core.compose(author, core.Draft("evacuation", texts)).alert
    core.submit(author, alert.id)
    sending.approve(second, alert.id)
    page = ManualAlertPage(second, ServiceBridge())
    qtbot.addWidget(page)
    page.show()
    select_first(qtbot, page)
    assert page.send_button.isEnabled()
    seen: list[tuple[str, str]] = []

    def answer() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        seen.append((box.defaultButton().text(), box.text() + "\n" + box.informativeText()))
        qtbot.keyClick(box, Qt.Key.Key_Return)  # a tired Enter

    QTimer.singleShot(100, answer)
    page.send_button.click()
    default, text = seen[0]
    assert default == "キャンセル"
    assert "【新宿区】避難指示を発令しました" in text and "3 人" in text and "ja" in text
    assert str(core.list_alerts(second)[0].status) == "approved"  # nothing was sent
    assert page.send_button.isEnabled()
    author.close()
    second.close()


def test_alt_q_puts_the_focus_in_the_approvals_queue(
    qtbot: QtBot, admin: Session, data_dir: Path
) -> None:
    duty = login(data_dir, "duty", DUTY_PASSWORD)
    page = open_page(qtbot, duty, ServiceBridge())
    page.activateWindow()
    page.template.setFocus()
    qtbot.waitUntil(page.template.hasFocus, timeout=2000)
    # No Tab through the whole composer (15 presses) to reach the list to approve from.
    qtbot.keyClick(page.template, Qt.Key.Key_Q, Qt.KeyboardModifier.AltModifier)
    assert page.view.hasFocus()
    duty.close()
