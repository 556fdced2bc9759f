"""Logging out and quitting while the service runs: logging out leaves the engine sending and
the next officer's login attaches to it; quitting asks whether it keeps alerting in the
background (yes by default), and "stop" waits for it, saying so, before the app ends."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from desktop.app import Controller
from desktop.dialogs.login import LoginWindow
from desktop.service_control import LAUNCHED
from desktop.windows.main_window import MainWindow
from dispatch.operations import settings as setting_ops
from dispatch.operations.session import Session, login
from tests.gui.conftest import ADMIN_PASSWORD, DUTY2_PASSWORD, DUTY_PASSWORD


def _running(qtbot: QtBot, controller: Controller, data_dir: Path) -> MainWindow:
    feeds = data_dir.parent / "feeds"
    feeds.mkdir(exist_ok=True)
    admin = login(data_dir, "admin", ADMIN_PASSWORD)
    setting_ops.change_setting(admin, "feeds.source", str(feeds))  # a local folder, no network
    admin.close()
    controller.open_session(login(data_dir, "duty", DUTY_PASSWORD))
    window = controller.window
    assert isinstance(window, MainWindow)
    window.show()
    assert controller.control is not None
    control = controller.control
    control.start()
    qtbot.waitUntil(lambda: control.state == "running", timeout=30_000)
    return window


def test_logout_leaves_the_engine_sending_and_the_next_officer_attaches_to_it(
    qtbot: QtBot, admin: Session, data_dir: Path, settings: QSettings
) -> None:
    settings.setValue("login/last_account", "duty")
    controller = Controller(data_dir, settings)
    window = _running(qtbot, controller, data_dir)
    engine = LAUNCHED[-1]
    window.logout()  # no question, no wait: the engine is not the window's
    qtbot.waitUntil(lambda: isinstance(controller.window, LoginWindow), timeout=10_000)
    login_window = controller.window
    assert isinstance(login_window, LoginWindow) and login_window.isVisible()
    # The next officer types their own name: nothing pre-filled, the cursor in 「アカウント」.
    assert login_window.account.text() == ""
    assert login_window.focusWidget() is login_window.account
    assert engine.poll() is None  # still running
    controller.open_session(login(data_dir, "duty2", DUTY2_PASSWORD))
    control = controller.control
    assert control is not None
    qtbot.waitUntil(lambda: control.state == "running", timeout=15_000)
    assert control.status is not None and control.status.pid == engine.pid
    second = controller.window
    assert isinstance(second, MainWindow)
    assert "稼働中" in second.dashboard.state_label.text()
    assert not second.dashboard.start_button.isEnabled()


def test_quitting_keeps_alerting_in_the_background_by_default(
    qtbot: QtBot, admin: Session, data_dir: Path, settings: QSettings
) -> None:
    controller = Controller(data_dir, settings)
    ended: list[bool] = []
    controller.quit = lambda: ended.append(True)  # type: ignore[method-assign]
    window = _running(qtbot, controller, data_dir)
    engine = LAUNCHED[-1]
    seen: list[str] = []

    def answer() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        seen.append(box.defaultButton().text())
        box.defaultButton().click()  # a tired Enter

    QTimer.singleShot(200, answer)
    window.close()
    assert seen == ["バックグラウンドで送信を続ける"]
    assert ended and not window.isVisible()
    assert engine.poll() is None  # the engine goes on alerting


def test_quitting_with_stop_ends_the_app_once_the_engine_stopped(
    qtbot: QtBot, admin: Session, data_dir: Path, settings: QSettings
) -> None:
    controller = Controller(data_dir, settings)
    ended: list[bool] = []
    controller.quit = lambda: ended.append(True)  # type: ignore[method-assign]
    window = _running(qtbot, controller, data_dir)
    engine = LAUNCHED[-1]
    window._ask_keep_running = lambda: "cancel"  # type: ignore[method-assign]
    window.close()
    assert window.isVisible() and not ended
    window._ask_keep_running = lambda: "stop"  # type: ignore[method-assign]
    window.close()
    # Still on screen while the engine finishes, saying so (not an invisible process).
    assert window.isVisible() and "停止" in window.statusBar().currentMessage()
    qtbot.waitUntil(lambda: bool(ended), timeout=60_000)
    assert not window.isVisible()
    assert engine.wait(timeout=30) == 0  # stopped gracefully, not killed


@pytest.fixture(autouse=True)
def _no_geometry(settings: QSettings) -> None:
    settings.remove("ui/geometry")


def test_quit_from_the_menu_asks_with_cancel_as_the_default(
    qtbot: QtBot, admin: Session, data_dir: Path, settings: QSettings
) -> None:
    controller = Controller(data_dir, settings)
    ended: list[bool] = []
    controller.quit = lambda: ended.append(True)  # type: ignore[method-assign]
    controller.open_session(login(data_dir, "duty", DUTY_PASSWORD))
    window = controller.window
    assert isinstance(window, MainWindow)
    window.show()
    seen: list[tuple[str, str]] = []

    def answer() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        seen.append((box.text(), box.defaultButton().text()))
        qtbot.keyClick(box, Qt.Key.Key_Return)  # a tired Enter

    (quit_action,) = [a for a in window.findChildren(QAction) if a.text() == "終了"][:1]
    assert quit_action.shortcut() == QKeySequence(QKeySequence.StandardKey.Quit)
    QTimer.singleShot(100, answer)
    quit_action.trigger()
    qtbot.waitUntil(lambda: bool(seen), timeout=5000)
    assert seen[0][1] == "キャンセル" and "終了" in seen[0][0]
    assert window.isVisible() and not ended
    window._confirm_quit = lambda: True  # type: ignore[method-assign]
    quit_action.trigger()
    qtbot.waitUntil(lambda: bool(ended), timeout=5000)
    assert not window.isVisible()
