"""Keyboard bench: the manual alert by keyboard alone, counted in keystrokes, beside the mouse
clicks of the same path (the same-run baseline).

The path (the issue's usability task): the first duty officer composes from a template
(「避難所開設」 with the schools as details) and submits it for approval; a second duty officer
selects it, approves it and sends it now — each confirmation answered with its named button,
since キャンセル is the default. The bench drives the real page (offscreen Qt, a real
SQLCipher store in a temporary folder, no relay: the dispatch waits in the store) with QTest
key presses, counting every one; Tab presses are counted as the real tab order needs them (the
bench presses Tab until the focus arrives, it does not jump). It then checks the alert was
really approved and sent. Typed characters (the details) are the same on both paths and are
printed apart.

Run: ``QT_QPA_PLATFORM=offscreen .venv/bin/python bench/bench_keyboard.py``
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("KISHOMAIL_TEST_FAST_KDF", "1")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtCore import QEventLoop, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from desktop import i18n
from desktop.app import create_application
from desktop.bridge import ServiceBridge
from desktop.tasks import runner
from desktop.windows.manual_alert import ManualAlertPage
from dispatch.operations import accounts as account_ops
from dispatch.operations import manual_alerts as core
from dispatch.operations.session import WITHOUT_TOTP, Session, initialise, login
from dispatch.records.accounts import Role
from dispatch.records.subscriber_table import SubscriberRepository
from dispatch.records.subscribers import NewSubscriber, Topics, WarningLevel
from dispatch.store.database import transaction

DETAILS = "Toyama ES"  # QTest types ASCII only; the same characters on both paths
#: Mouse clicks of the same path: template box, its item, the details field, 「テンプレートから
#: 入力」, 「下書きを保存して承認を依頼」; the alert's row, 承認, the confirmation's 承認する,
#: 今すぐ送信, the confirmation's 送信する.
MOUSE_CLICKS = 5 + 5


class Keys:
    """QTest key presses, counted."""

    def __init__(self) -> None:
        self.count = 0

    def press(
        self,
        widget: QWidget,
        key: Qt.Key,
        modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,
    ) -> None:
        self.count += 1
        QTest.keyClick(widget, key, modifier)
        QApplication.processEvents()

    def tab_until(self, start: QWidget, arrived: Callable[[], bool], limit: int = 80) -> None:
        """Tab through the real focus chain until ``arrived``; each Tab counts."""
        for _ in range(limit):
            if arrived():
                return
            focus = QApplication.focusWidget() or start
            self.press(focus, Qt.Key.Key_Tab)
        raise RuntimeError("the focus never arrived: the tab order skips the target")


def wait(condition: Callable[[], bool], timeout_ms: int = 20_000) -> None:
    waited = 0
    while not condition():
        loop = QEventLoop()
        QTimer.singleShot(10, loop.quit)
        loop.exec()
        waited += 10
        if waited > timeout_ms:
            raise TimeoutError("the page did not get there in time")


def answer_confirmation(keys: Keys) -> None:
    """In the next confirmation: Tab to the named action (キャンセル has the focus), Space."""

    def answer() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, answer)
            return
        go = next(
            b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.AcceptRole
        )
        keys.tab_until(box, go.hasFocus, limit=5)
        keys.press(go, Qt.Key.Key_Space)

    QTimer.singleShot(50, answer)


def back_in_the_window(page: QWidget) -> None:
    """After a dialog the window manager gives the window back its focus (offscreen Qt has
    none to do it): no keystroke."""
    page.activateWindow()
    wait(lambda: QApplication.focusWidget() is not None)


def store(folder: Path) -> tuple[Session, Session]:
    admin, _ = initialise(folder, "admin", "admin-password-1", totp=WITHOUT_TOTP)
    account_ops.add_account(admin, "duty", Role.DUTY_OFFICER, "duty-password-1")
    account_ops.add_account(admin, "duty2", Role.DUTY_OFFICER, "duty2-password-1")
    now = admin.clock.now()
    with transaction(admin.connection):
        SubscriberRepository(admin.connection).add_many(
            [
                NewSubscriber(f"r{n}@example.jp", Topics(warning_level=WarningLevel.WARNING), now)
                for n in range(3)
            ],
            now,
        )
    admin.close()
    return login(folder, "duty", "duty-password-1"), login(folder, "duty2", "duty2-password-1")


def compose(page: ManualAlertPage, keys: Keys) -> None:
    page.activateWindow()
    page.template.setFocus()  # the page's first field, where Ctrl+Tab to the page leaves it
    wait(page.template.hasFocus)
    keys.press(page.template, Qt.Key.Key_Down)  # (no template) → 避難所開設
    assert page.template.currentData() == "shelter_open", page.template.currentData()
    keys.tab_until(page, page.template_details.hasFocus)
    QTest.keyClicks(page.template_details, DETAILS)
    keys.tab_until(page, page.use_template.hasFocus)
    keys.press(page.use_template, Qt.Key.Key_Space)
    assert page.subject_ja.text(), "the template filled nothing"
    keys.press(page.use_template, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    wait(lambda: page.subject_ja.text() == "" and bool(core.list_alerts(page.session)))


def approve_and_send(page: ManualAlertPage, keys: Keys, *, by_tab: bool) -> None:
    page.activateWindow()
    page.template.setFocus()
    wait(lambda: page.model.rowCount() == 1)
    if by_tab:  # the page before its queue had a mnemonic: Tab through the composer
        keys.tab_until(page, page.view.hasFocus)
    else:  # 承認待ちと送信(&Q): Alt+Q puts the focus in the list
        keys.press(page.template, Qt.Key.Key_Q, Qt.KeyboardModifier.AltModifier)
        assert page.view.hasFocus(), QApplication.focusWidget()
    keys.press(page.view, Qt.Key.Key_Down)  # the waiting alert
    wait(page.approve_button.isEnabled)
    answer_confirmation(keys)
    keys.press(page.view, Qt.Key.Key_A, Qt.KeyboardModifier.AltModifier)  # 承認(&A)
    wait(page.send_button.isEnabled)
    back_in_the_window(page)
    answer_confirmation(keys)
    keys.press(
        QApplication.focusWidget() or page.view, Qt.Key.Key_N, Qt.KeyboardModifier.AltModifier
    )  # 今すぐ送信(&N)
    wait(lambda: str(core.list_alerts(page.session)[0].status) not in ("submitted", "approved"))


def one_run(folder: Path, *, by_tab: bool) -> tuple[int, int, str]:
    """(keystrokes to compose, to approve and send, the alert's final status)."""
    author, second = store(folder)
    keys = Keys()
    first_page = ManualAlertPage(author, ServiceBridge())
    first_page.resize(1366, 698)
    first_page.show()
    compose(first_page, keys)
    composed = keys.count
    second_page = ManualAlertPage(second, ServiceBridge())
    second_page.resize(1366, 698)
    second_page.show()
    approve_and_send(second_page, keys, by_tab=by_tab)
    status = str(core.list_alerts(second)[0].status)
    runner().wait_for_done(20_000)
    for page in (first_page, second_page):
        page.close()
        page.deleteLater()
    author.close()
    second.close()
    return composed, keys.count - composed, status


def main() -> int:
    app = create_application()
    i18n.install_translations("ja")
    results = {}
    with tempfile.TemporaryDirectory(prefix="kishomail-keys-") as temporary:
        for by_tab in (True, False):
            folder = Path(temporary) / ("tab" if by_tab else "keys")
            results[by_tab] = one_run(folder, by_tab=by_tab)
    app.processEvents()
    print("manual alert: compose from a template → second officer approves → send now")
    print(f"  mouse:               {MOUSE_CLICKS} clicks, plus {len(DETAILS)} characters typed")
    for by_tab, label in ((True, "before (Tab only)"), (False, "now (Alt+Q)")):
        composed, approved, status = results[by_tab]
        total = composed + approved
        print(
            f"  keyboard, {label + ':':18} {total} keystrokes (compose {composed}, approve and "
            f"send {approved}), plus the same {len(DETAILS)} characters; "
            f"{total / MOUSE_CLICKS:.2f} × the clicks; the alert ended {status!r}"
        )
    print("  (nothing reached a resident: no relay, no engine; the dispatch waits in the store)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
