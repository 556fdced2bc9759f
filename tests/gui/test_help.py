"""ヘルプ (the staff manual in the app, the version) and the visible focus ring."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QColor, QKeySequence
from PySide6.QtWidgets import QApplication, QLineEdit, QMenu, QPushButton, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from desktop.bridge import ServiceBridge
from desktop.help import version_text
from desktop.service_control import ServiceControl
from desktop.widgets.common import apply_focus_ring
from desktop.windows.main_window import MainWindow
from dispatch import __version__
from dispatch.operations.session import Session


@pytest.mark.qt_log_ignore("propagateSizeHints", "does not support raise")  # offscreen platform
def test_help_opens_the_staff_manual_and_says_the_version(
    qtbot: QtBot, admin: Session, settings: QSettings
) -> None:
    bridge = ServiceBridge()
    window = MainWindow(admin, settings, bridge, ServiceControl(admin, bridge))
    qtbot.addWidget(window)
    (action,) = [a for a in window.menuBar().actions() if a.text() == "ヘルプ(&H)"]
    menu = action.menu()
    assert isinstance(menu, QMenu)
    entries = {a.text(): a for a in menu.actions()}
    assert entries["職員向けマニュアル"].shortcut() == QKeySequence(
        QKeySequence.StandardKey.HelpContents
    )
    entries["職員向けマニュアル"].trigger()
    manual = window.manual_window
    assert manual is not None and manual.isVisible()
    text = manual.browser.toPlainText()
    assert "職員向け操作マニュアル" in text and "ログイン" in text
    manual.search_field.setText("復旧キー")
    assert manual.find_next()
    assert manual.browser.textCursor().selectedText() == "復旧キー"
    assert __version__ in version_text() and version_text() in window.about_text()


def test_the_focused_widget_has_a_thick_ring(qtbot: QtBot, qapp: QApplication) -> None:
    apply_focus_ring(qapp)
    try:
        panel = QWidget()
        qtbot.addWidget(panel)
        field = QLineEdit()
        button = QPushButton("承認")
        layout = QVBoxLayout(panel)
        layout.addWidget(field)
        layout.addWidget(button)
        panel.show()
        qtbot.waitExposed(panel)
        field.setFocus()
        qtbot.waitUntil(field.hasFocus)
        plain = button.grab().toImage()
        button.setFocus()
        qtbot.waitUntil(button.hasFocus)
        ring = button.grab().toImage()
        assert ring.size() == plain.size()  # nothing moves when the focus does
        blue = QColor("#1a5fb4")
        edge = [ring.pixelColor(x, ring.height() // 2) for x in range(3)]
        assert all(c.name() == blue.name() for c in edge), [c.name() for c in edge]
        assert plain.pixelColor(1, plain.height() // 2).name() != blue.name()
    finally:
        qapp.setStyleSheet("")
