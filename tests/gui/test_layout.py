"""The window on a 1366×768 screen: it fits, and every button of every page can be seen
without scrolling, with the service state in the status bar."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QAbstractButton, QApplication, QScrollArea
from pytestqt.qtbot import QtBot

from desktop import font_size
from desktop.bridge import ServiceBridge
from desktop.service_control import ServiceControl
from desktop.tasks import runner
from desktop.widgets.common import apply_focus_ring
from desktop.windows.audit import AuditPage
from desktop.windows.main_window import MainWindow
from dispatch.operations.session import Session, login
from tests.gui.conftest import DUTY_PASSWORD, OPERATOR_PASSWORD

# 1366×768 less a title bar and a task bar.
SCREEN_WIDTH, SCREEN_HEIGHT = 1366, 768 - 30 - 40


def _hidden_buttons(window: MainWindow) -> list[str]:
    hidden = []
    for key, page in window.pages.items():
        window.show_page(key)
        QApplication.processEvents()
        # A page's own long list (the settings form) scrolls by design; its buttons do not
        # count, the buttons outside it (保存) do.
        scrolling = page.findChildren(QScrollArea)  # type: ignore[attr-defined]
        for button in page.findChildren(QAbstractButton):  # type: ignore[attr-defined]
            if not button.isVisibleTo(window) or not button.text():
                continue
            if any(area.isAncestorOf(button) for area in scrolling):
                continue
            seen = button.visibleRegion().boundingRect()
            if seen.size() != button.size():
                hidden.append(f"{key}: {button.text()}")
    return hidden


def _scrolling_sideways(window: MainWindow) -> list[str]:
    """Pages that scroll sideways at this width: a line too long for the screen."""
    found = []
    for key, page in window.pages.items():
        window.show_page(key)
        QApplication.processEvents()
        for area in page.findChildren(QScrollArea):  # type: ignore[attr-defined]
            if area.isVisibleTo(window) and area.horizontalScrollBar().isVisible():
                found.append(key)
    return found


@pytest.fixture
def text_size(request: pytest.FixtureRequest, settings: QSettings) -> Iterator[float]:
    """The text size chosen on this computer (表示 → 文字の大きさ), normal again afterwards;
    gives the normal size in points."""
    font_size.apply_font_size("normal")
    normal = QApplication.font().pointSizeF()
    font_size.remember_size(settings, str(getattr(request, "param", "normal")))
    yield normal
    font_size.apply_font_size("normal")


@pytest.mark.parametrize("text_size", ["normal", "large"], indirect=True)
@pytest.mark.parametrize("account", ["admin", "opr", "duty"])
def test_every_page_fits_a_1366_by_768_screen(
    qtbot: QtBot,
    admin: Session,
    data_dir: Path,
    settings: QSettings,
    account: str,
    text_size: float,
) -> None:
    password = {"opr": OPERATOR_PASSWORD, "duty": DUTY_PASSWORD}.get(account)
    session = admin if password is None else login(data_dir, account, password)
    bridge = ServiceBridge()
    window = MainWindow(session, settings, bridge, ServiceControl(session, bridge))
    qtbot.addWidget(window)
    hint = window.minimumSizeHint()
    assert hint.width() <= SCREEN_WIDTH and hint.height() <= SCREEN_HEIGHT, hint
    window.resize(SCREEN_WIDTH, SCREEN_HEIGHT)
    window.show()
    qtbot.waitExposed(window)
    runner().wait_for_done(20_000)
    QApplication.processEvents()
    assert window.height() <= SCREEN_HEIGHT
    assert _hidden_buttons(window) == []
    assert _scrolling_sideways(window) == []
    state = window.state_label
    assert state.isVisible() and state.visibleRegion().boundingRect().size() == state.size()
    assert "停止中" in state.text()
    size = font_size.chosen_size(settings)
    assert window.size_actions[size].isChecked()
    assert window.fontInfo().pointSizeF() == pytest.approx(
        text_size * font_size.SIZES[size], abs=0.6
    )
    if session is not admin:
        session.close()


def test_a_larger_text_size_applies_at_once_and_stays_with_the_computer(
    qtbot: QtBot, admin: Session, settings: QSettings, tmp_path: Path, text_size: float
) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    apply_focus_ring(app)  # the app's style sheet, as the app runs (it fixes fonts at polish)
    try:
        bridge = ServiceBridge()
        window = MainWindow(admin, settings, bridge, ServiceControl(admin, bridge))
        qtbot.addWidget(window)
        window.show()
        runner().wait_for_done(20_000)
        audit = window.pages["audit"]
        assert isinstance(audit, AuditPage)
        before = audit.view.fontInfo().pointSizeF()
        row_before = audit.view.verticalHeader().defaultSectionSize()
        window.size_actions["xlarge"].trigger()
        QApplication.processEvents()
        # Every page at once, the tables' rows with it.
        assert audit.view.fontInfo().pointSizeF() == pytest.approx(
            before * font_size.SIZES["xlarge"], abs=0.6
        )
        assert audit.view.verticalHeader().defaultSectionSize() > row_before
        assert font_size.chosen_size(settings) == "xlarge"
        # Another computer (its own settings) keeps its own choice.
        other = QSettings(str(tmp_path / "other.ini"), QSettings.Format.IniFormat)
        assert font_size.chosen_size(other) == "normal"
    finally:
        app.setStyleSheet("")
