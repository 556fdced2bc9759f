"""The settings form against mistakes: the wheel, unsaved changes, the TLS port."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, QPointF, QSettings, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from desktop.bridge import ServiceBridge
from desktop.service_control import ServiceControl
from desktop.windows.main_window import MainWindow
from desktop.windows.settings import SettingsPage
from dispatch.operations import settings as setting_ops
from dispatch.operations.session import Session
from dispatch.records.settings import get_setting
from tests.support.certs import ServerCertificate
from tests.support.smtp_server import FaultySmtpServer


def _wheel(widget: QWidget, steps: int) -> None:
    centre = QPointF(widget.rect().center())
    event = QWheelEvent(
        centre,
        QPointF(widget.mapToGlobal(centre.toPoint())),
        QPoint(0, 0),
        QPoint(0, -120 * steps),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(widget, event)


def test_the_wheel_scrolls_the_form_and_leaves_unfocused_fields_alone(
    qtbot: QtBot, admin: Session, settings: QSettings
) -> None:
    page = SettingsPage(admin, ui=settings)
    qtbot.addWidget(page)
    page.resize(900, 500)
    page.show()
    qtbot.waitExposed(page)
    qtbot.waitUntil(lambda: bool(page.loaded_values), timeout=5000)
    mode, port = page.fields["dispatch.mode"], page.fields["smtp.port"]
    before = (mode.currentData(), port.value())
    _wheel(mode, 1)
    _wheel(port, 3)
    assert (mode.currentData(), port.value()) == before == ("individual", 587)
    assert not page.unsaved.isVisible()
    port.setFocus()  # a field the person is in still takes the wheel
    qtbot.waitUntil(port.hasFocus, timeout=2000)
    _wheel(port, 1)
    assert port.value() != 587


def test_unsaved_settings_are_marked_and_leaving_asks(
    qtbot: QtBot, admin: Session, settings: QSettings
) -> None:
    bridge = ServiceBridge()
    window = MainWindow(admin, settings, bridge, ServiceControl(admin, bridge))
    qtbot.addWidget(window)
    page = window.pages["settings"]
    assert isinstance(page, SettingsPage)
    page.ask_to_drop = lambda: True  # type: ignore[method-assign]
    window.show_page("settings")
    window.show()
    qtbot.waitUntil(lambda: bool(page.loaded_values), timeout=5000)
    assert not page.unsaved.isVisible()
    # Implicit TLS moves the standard port along.
    page.fields["smtp.security"].setCurrentIndex(page.fields["smtp.security"].findData("implicit"))
    assert page.fields["smtp.port"].value() == 465
    assert page.unsaved.isVisible() and "未保存" in page.unsaved.text()
    asked: list[bool] = []

    def stay() -> bool:
        asked.append(True)
        return False

    page.ask_to_drop = stay  # type: ignore[method-assign]
    window.show_page("dashboard")
    assert asked and window.current_page() is page  # stayed on the form
    window.close()
    assert window.isVisible() and window.current_page() is page
    with qtbot.waitSignal(page.saved, timeout=5000):
        page.save()
    qtbot.waitUntil(lambda: not page.unsaved.isVisible(), timeout=5000)
    window.show_page("dashboard")
    assert window.current_page() is window.dashboard


def test_the_relay_test_tries_what_is_typed_before_it_is_saved(
    qtbot: QtBot,
    admin: Session,
    smtp_server: FaultySmtpServer,
    server_certificate: ServerCertificate,
) -> None:
    page = SettingsPage(admin)
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: bool(page.loaded_values), timeout=5000)
    page.fields["smtp.host"].setText(smtp_server.host)
    page.fields["smtp.port"].setValue(smtp_server.port)
    page.fields["smtp.cafile"].setText(str(server_certificate.cafile))
    with qtbot.waitSignal(page.tested, timeout=10_000) as tested:
        page.test_connection()  # not saved: the typed relay is the one tried
    report = tested.args[0]
    assert not isinstance(report, Exception) and report is not None
    assert report.port == smtp_server.port
    assert "接続しました" in page.banner.text() and "まだ保存されていません" in page.banner.text()
    assert setting_ops.setting_value(admin, "smtp.host") == ""  # nothing was saved
    assert page.unsaved.isVisibleTo(page)  # still marked unsaved


def test_full_width_settings_are_saved_as_the_ascii_they_stand_for(
    qtbot: QtBot, admin: Session, settings: QSettings, tmp_path: Path
) -> None:
    """Typed in full-width mode: the host, user name and area codes are stored NFKC; a path
    folds only full-width ASCII (a half-width ｶﾅ folder is a real folder's name); the password
    is kept exactly as typed."""
    folder = tmp_path / "ﾃﾞｰﾀ"
    page = SettingsPage(admin, ui=settings)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: bool(page.loaded_values), timeout=5000)
    page.fields["smtp.host"].setText("　ｓｍｔｐ．ｅｘａｍｐｌｅ．ｊｐ　")
    page.fields["smtp.username"].setText("ｋｉｓｈｏｍａｉｌ")
    page.fields["feeds.areas"].setText("１３１０４００，１３１０１００")
    page.fields["smtp.cafile"].setText(f"{folder}／ｃａ．ｐｅｍ")
    page.fields["smtp.password"].setText("ｐａｓｓ　ﾜｰﾄﾞ")
    with qtbot.waitSignal(page.saved, timeout=5000):
        page.save()
    stored = {
        name: get_setting(admin.connection, name)
        for name in ("smtp.host", "smtp.username", "feeds.areas", "smtp.cafile", "smtp.password")
    }
    assert stored == {
        "smtp.host": "smtp.example.jp",
        "smtp.username": "kishomail",
        "feeds.areas": "1310400,1310100",
        "smtp.cafile": f"{folder}/ca.pem",
        "smtp.password": "ｐａｓｓ　ﾜｰﾄﾞ",
    }
    qtbot.waitUntil(lambda: page.fields["smtp.host"].text() == "smtp.example.jp", timeout=5000)
    assert not page.unsaved.isVisible()
