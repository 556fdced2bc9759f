"""The settings form against mistakes: the wheel, unsaved changes, the TLS port."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import QPoint, QPointF, QSettings, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication, QTableWidget, QTableWidgetItem, QWidget
from pytestqt.qtbot import QtBot

from desktop.bridge import ServiceBridge
from desktop.service_control import ServiceControl
from desktop.windows.bounce_settings import CarrierGroupsEditor
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


def _item(table: QTableWidget, row: int, column: int) -> QTableWidgetItem:
    item = table.item(row, column)
    assert item is not None
    return item


def test_bounce_mailbox_and_carrier_pacing_are_edited_in_settings(
    qtbot: QtBot, admin: Session, settings: QSettings
) -> None:
    page = SettingsPage(admin, ui=settings)
    qtbot.addWidget(page)
    page.resize(1000, 600)
    page.show()
    qtbot.waitExposed(page)
    qtbot.waitUntil(lambda: bool(page.loaded_values), timeout=5000)
    groups = page.fields["smtp.carrier_groups"]
    assert isinstance(groups, CarrierGroupsEditor)
    table = groups.table
    names = [_item(table, r, 0).text() for r in range(table.rowCount())]
    assert names[:3] == ["docomo", "au", "softbank"]
    assert not page.unsaved.isVisible()
    # The wheel leaves an unfocused number alone.
    suspend = page.fields["bounces.suspend_after"]
    _wheel(suspend, 2)
    assert suspend.value() == 3 and not page.unsaved.isVisible()

    page.fields["bounces.imap_host"].setText("ｉｍａｐ．ｅｘａｍｐｌｅ．ｊｐ")
    page.fields["bounces.imap_security"].setCurrentIndex(
        page.fields["bounces.imap_security"].findData("starttls")
    )
    assert page.fields["bounces.imap_port"].value() == 143  # the port follows
    page.fields["bounces.imap_user"].setText("bounces")
    page.fields["bounces.imap_password"].setText("mailbox-pass-1")
    page.fields["bounces.imap_folder"].setText("Bounces")
    page.fields["bounces.imap_poll_seconds"].setValue(120)
    suspend.setValue(5)
    page.fields["bounces.window_days"].setValue(14)
    page.fields["bounces.unknown_user_at_once"].setChecked(False)
    assert page.unsaved.isVisible()

    # A carrier rate that is not a number is refused in Japanese; nothing is saved.
    _item(table, 0, 2).setText("たくさん")
    assert page.unsaved.isVisible()
    page.save()
    assert page.banner.kind == "warning"
    assert "毎秒の宛先数 は 0.1〜10000 の数" in page.banner.text()
    assert "docomo" in page.banner.text()
    assert get_setting(admin.connection, "bounces.suspend_after") == 3  # nothing saved
    groups.add_row()
    _item(table, table.rowCount() - 1, 0).setText("MVNO!")
    _item(table, 0, 2).setText("20")
    page.save()
    assert "名前は半角" in page.banner.text() and "ドメイン" in page.banner.text()
    _item(table, table.rowCount() - 1, 0).setText("mvno")
    last = table.rowCount() - 1
    _item(table, last, 1).setText("mvno.example.jp、 ＭＶＮＯ．ＥＸＡＭＰＬＥ．ＮＥＴ")

    with qtbot.waitSignal(page.saved, timeout=5000):
        page.save()
    stored = {
        name: get_setting(admin.connection, name)
        for name in (
            "bounces.imap_host",
            "bounces.imap_port",
            "bounces.imap_security",
            "bounces.imap_user",
            "bounces.imap_password",
            "bounces.imap_folder",
            "bounces.imap_poll_seconds",
            "bounces.suspend_after",
            "bounces.window_days",
            "bounces.unknown_user_at_once",
        )
    }
    assert stored == {
        "bounces.imap_host": "imap.example.jp",
        "bounces.imap_port": 143,
        "bounces.imap_security": "starttls",
        "bounces.imap_user": "bounces",
        "bounces.imap_password": "mailbox-pass-1",
        "bounces.imap_folder": "Bounces",
        "bounces.imap_poll_seconds": 120,
        "bounces.suspend_after": 5,
        "bounces.window_days": 14,
        "bounces.unknown_user_at_once": False,
    }
    carriers = {
        g["name"]: g for g in json.loads(get_setting(admin.connection, "smtp.carrier_groups"))
    }
    assert carriers["docomo"]["rate"] == 20.0
    assert carriers["mvno"]["domains"] == ["mvno.example.jp", "mvno.example.net"]
    assert carriers["mvno"]["per_session"] == 100
    qtbot.waitUntil(lambda: not page.unsaved.isVisible(), timeout=5000)
    assert setting_ops.setting_value(admin, "bounces.imap_password") == "(set)"
