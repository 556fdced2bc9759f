"""The main window's keys work on every page, not only the Dashboard: F5 refreshes the page
shown, Ctrl+F goes to its search field, Ctrl+Shift+S / Ctrl+Shift+X start and stop the service
from any page; ヘルプ lists them."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop.bridge import ServiceBridge
from desktop.service_control import ServiceControl
from desktop.tasks import runner
from desktop.windows.audit import AuditPage
from desktop.windows.history import HistoryPage
from desktop.windows.mailbox import MailboxPage
from desktop.windows.main_window import MainWindow
from desktop.windows.statistics import StatisticsPage
from desktop.windows.subscribers import SubscribersPage
from dispatch.operations import settings as setting_ops
from dispatch.operations.session import Session

CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def _window(qtbot: QtBot, session: Session, settings: QSettings) -> MainWindow:
    bridge = ServiceBridge()
    window = MainWindow(session, settings, bridge, ServiceControl(session, bridge))
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5000)
    qtbot.waitUntil(lambda: not runner().busy, timeout=10_000)
    return window


def _on(window: MainWindow, key: str) -> object:
    window.show_page(key)
    return window.pages[key]


def test_f5_refreshes_whichever_page_is_shown(
    qtbot: QtBot, admin: Session, settings: QSettings
) -> None:
    window = _window(qtbot, admin, settings)
    with qtbot.waitSignal(window.dashboard.refreshed, timeout=5000):
        qtbot.keyClick(window, Qt.Key.Key_F5)
    statistics = _on(window, "statistics")
    assert isinstance(statistics, StatisticsPage)
    with qtbot.waitSignal(statistics.loaded, timeout=5000):
        qtbot.keyClick(window, Qt.Key.Key_F5)
    history = _on(window, "history")  # its own F5 button no longer makes the key ambiguous
    assert isinstance(history, HistoryPage)
    with qtbot.waitSignal(history.loaded, timeout=5000):
        qtbot.keyClick(window, Qt.Key.Key_F5)
    audit = _on(window, "audit")
    assert isinstance(audit, AuditPage)
    with qtbot.waitSignal(audit.searched, timeout=5000):
        qtbot.keyClick(window, Qt.Key.Key_F5)
    # Settings hold edits: F5 says so instead of throwing them away.
    _on(window, "settings")
    qtbot.keyClick(window, Qt.Key.Key_F5)
    assert "再読み込み" in window.statusBar().currentMessage()
    # Ctrl+F on the history: its search field.
    _on(window, "history")
    qtbot.keyClick(window, Qt.Key.Key_F, CTRL)
    assert QApplication.focusWidget() is history.search


def test_ctrl_f_goes_to_the_search_field_of_the_page(
    qtbot: QtBot, admin: Session, operator: Session, settings: QSettings
) -> None:
    window = _window(qtbot, operator, settings)
    for key, field_name in (("subscribers", "search"), ("mailbox", "search")):
        page = _on(window, key)
        assert isinstance(page, SubscribersPage | MailboxPage)
        qtbot.keyClick(window, Qt.Key.Key_F, CTRL)
        assert QApplication.focusWidget() is getattr(page, field_name), key
    _on(window, "dashboard")
    qtbot.keyClick(window, Qt.Key.Key_F, CTRL)
    assert "検索欄" in window.statusBar().currentMessage()
    # Page keys: Ctrl+PgDown turns to the next page.
    before = window.tabs.currentIndex()
    qtbot.keyClick(window, Qt.Key.Key_PageDown, CTRL)
    assert window.tabs.currentIndex() == before + 1


def test_the_service_keys_work_from_any_page_and_are_listed_under_help(
    qtbot: QtBot, admin: Session, data_dir: Path, settings: QSettings
) -> None:
    feeds = data_dir.parent / "feeds"
    feeds.mkdir()
    setting_ops.change_setting(admin, "feeds.source", str(feeds))  # a local folder, no network
    window = _window(qtbot, admin, settings)
    control = window.control
    _on(window, "audit")
    qtbot.keyClick(window, Qt.Key.Key_S, CTRL_SHIFT)
    qtbot.waitUntil(lambda: control.state == "running", timeout=30_000)
    _on(window, "statistics")
    window.dashboard.confirm_stop = lambda: True  # type: ignore[method-assign]
    qtbot.keyClick(window, Qt.Key.Key_X, CTRL_SHIFT)
    qtbot.waitUntil(lambda: control.state == "stopped", timeout=30_000)
    listing = dict(window.keys.listing())
    assert listing["F5"] == "このページを再読み込み"
    assert listing["Ctrl+F"] == "このページで検索"
    assert listing["Ctrl+Shift+S"] == "サービスを開始"
    assert "Ctrl+1" in listing and "Ctrl+PgDown" in listing
    box = window.keys.show_listing()
    assert "Ctrl+Shift+X" in box.text()
    box.close()
