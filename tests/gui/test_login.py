"""First start and login, through the windows a person sees."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from desktop.app import Controller, demo_dir
from desktop.dialogs.login import LoginWindow
from desktop.dialogs.setup import SetupWindow
from desktop.windows.main_window import MainWindow
from dispatch.base.errors import TotpRequired
from dispatch.operations import accounts as account_ops
from dispatch.operations import settings as setting_ops
from dispatch.operations import subscribers as subscriber_ops
from dispatch.operations.session import Session, login
from dispatch.records.accounts import totp_code
from dispatch.records.settings import get_setting
from dispatch.store.files import KEY_FILE
from tests.gui.conftest import OPERATOR_PASSWORD


def test_first_start_creates_the_store_and_shows_the_recovery_key_once(
    qtbot: QtBot, data_dir: Path, settings: QSettings
) -> None:
    controller = Controller(data_dir, settings)
    controller.start()
    setup = controller.window
    assert isinstance(setup, SetupWindow)
    setup.pages.setCurrentIndex(1)
    setup.admin_name.setText("chief")
    setup.admin_password.setText("a long password 1")
    setup.admin_repeat.setText("a different one 2")
    setup.create_store()
    assert setup.banner.text() == "2つのパスワードが一致しません。"
    setup.admin_repeat.setText("a long password 1")
    setup.create_store()
    # Secure by default: the administrator enrols TOTP before anything is created.
    assert setup.pages.currentIndex() == 2
    assert setup.totp_uri.text().startswith("otpauth://totp/")
    assert not setup.totp_qr.pixmap().isNull()
    assert setup.totp_secret.text().replace(" ", "") in setup.totp_uri.text()
    setup.totp_code.setText("000000" if _code(setup) != "000000" else "111111")
    with qtbot.waitSignal(setup.failed, timeout=10_000):
        setup.enrol_button.click()
    assert "コードが秘密鍵と一致しません" in setup.banner.text()
    assert not (data_dir / "kishomail.db").exists()  # a wrong code creates nothing
    setup.totp_code.setText(_code(setup))
    setup.enrol_button.click()
    qtbot.waitUntil(lambda: setup.pages.currentIndex() == 3, timeout=10_000)
    assert setup.totp_uri.text() == ""  # the secret is not left on screen
    key = setup.recovery_key.text()
    assert len(key) > 20
    assert not setup.continue_button.isEnabled()  # not before "I have printed it"
    setup.printed.setChecked(True)
    with qtbot.waitSignal(setup.ready):
        setup.continue_button.click()
    window = controller.window
    assert isinstance(window, MainWindow)
    assert window.session.account.name == "chief"
    assert "settings" in window.pages and "subscribers" not in window.pages
    assert window.session.account.totp_enabled
    window.setProperty("keepSession", True)
    window.close()
    # Every later login of the store needs a code (TOTP is required of every account).
    with pytest.raises(TotpRequired):
        login(data_dir, "chief", "a long password 1")
    assert get_setting(window.session.connection, "security.require_totp") is True


def _code(setup: SetupWindow) -> str:
    return totp_code(setup.totp_uri.text(), datetime.now(UTC))


def test_demo_opens_with_invented_subscribers(
    qtbot: QtBot, data_dir: Path, settings: QSettings
) -> None:
    setup = SetupWindow(data_dir, demo_dir(data_dir))
    qtbot.addWidget(setup)
    setup.demo_role.setCurrentIndex(1)  # operator
    with qtbot.waitSignal(setup.ready, timeout=20_000) as ready:
        setup.demo_button.click()
    session = ready.args[0]
    assert isinstance(session, Session)
    assert session.account.name == "demo-operator"
    assert subscriber_ops.count_subscribers(session) == 100
    session.close()


def _login(qtbot: QtBot, window: LoginWindow, name: str, password: str) -> str | Session:
    window.account.setText(name)
    window.password.setText(password)
    outcome: list[str | Session] = []
    window.failed.connect(outcome.append)
    window.loggedIn.connect(outcome.append)
    window.submit()
    qtbot.waitUntil(lambda: bool(outcome), timeout=10_000)
    return outcome[0]


def test_wrong_password_then_lock_are_told_in_japanese(
    qtbot: QtBot, admin: Session, data_dir: Path, settings: QSettings
) -> None:
    window = LoginWindow(data_dir, settings)
    qtbot.addWidget(window)
    assert _login(qtbot, window, "opr", "wrong password") == "auth.wrong"
    assert "パスワードが違います" in window.banner.text()
    for _ in range(4):
        _login(qtbot, window, "opr", "wrong password")
    assert _login(qtbot, window, "opr", OPERATOR_PASSWORD) == "auth.locked"
    assert "ロックされています" in window.banner.text()
    assert "秒後" in window.banner.text()
    assert not window.button.isEnabled()  # counts down before the next try


def test_deactivated_account_and_missing_key_file(
    qtbot: QtBot, admin: Session, data_dir: Path, settings: QSettings
) -> None:
    account_ops.deactivate_account(admin, "duty2")
    window = LoginWindow(data_dir, settings)
    qtbot.addWidget(window)
    assert _login(qtbot, window, "duty2", "duty2-password-1") == "auth.inactive"
    assert "無効" in window.banner.text()
    (data_dir / KEY_FILE).rename(data_dir / "elsewhere.keys")
    assert _login(qtbot, window, "opr", OPERATOR_PASSWORD) == "keyfile.missing"
    assert "鍵ファイル" in window.banner.text()


def test_good_login_opens_the_main_window_and_remembers_the_account(
    qtbot: QtBot, admin: Session, data_dir: Path, settings: QSettings
) -> None:
    controller = Controller(data_dir, settings)
    controller.start()
    window = controller.window
    assert isinstance(window, LoginWindow)
    result = _login(qtbot, window, "opr", OPERATOR_PASSWORD)
    assert isinstance(result, Session)
    main = controller.window
    assert isinstance(main, MainWindow)
    assert "subscribers" in main.pages and "settings" not in main.pages
    assert settings.value("login/last_account") == "opr"
    main.logout()
    assert isinstance(controller.window, LoginWindow)
    # After a logout the next officer starts from an empty account field ...
    assert controller.window.account.text() == ""
    controller.window.close()
    # ... while a fresh start of the program offers the account last used.
    again = LoginWindow(data_dir, settings)
    qtbot.addWidget(again)
    assert again.account.text() == "opr" and again.focusWidget() is again.password


def test_a_key_file_of_the_wrong_shape_and_a_busy_store_are_told_in_japanese(
    qtbot: QtBot, admin: Session, data_dir: Path, settings: QSettings
) -> None:
    window = LoginWindow(data_dir, settings)
    qtbot.addWidget(window)
    # Another writer holds the store past the 10 s busy timeout: "busy", not a crash.
    admin.connection.execute("BEGIN IMMEDIATE")
    try:
        window.account.setText("opr")
        window.password.setText(OPERATOR_PASSWORD)
        outcome: list[str | Session] = []
        window.failed.connect(outcome.append)
        window.loggedIn.connect(outcome.append)
        window.submit()
        qtbot.waitUntil(lambda: bool(outcome), timeout=30_000)
    finally:
        admin.connection.execute("ROLLBACK")
    assert outcome[0] == "store.busy"
    assert "使用中" in window.banner.text()
    keys = data_dir / KEY_FILE
    keys.write_text(json.dumps([json.loads(keys.read_text())]), encoding="utf-8")
    assert _login(qtbot, window, "opr", OPERATOR_PASSWORD) == "keyfile.damaged"
    assert "鍵ファイル" in window.banner.text()


def test_an_account_without_totp_enrols_at_login_when_the_store_requires_it(
    qtbot: QtBot, admin: Session, data_dir: Path, settings: QSettings
) -> None:
    """A colleague added to a store that requires TOTP (every new store) enrols in the login
    window before the main window opens, instead of meeting refusals on every page."""
    setting_ops.change_setting(admin, "security.require_totp", True)
    window = LoginWindow(data_dir, settings)
    qtbot.addWidget(window)
    window.account.setText("opr")
    window.password.setText(OPERATOR_PASSWORD)
    window.submit()
    qtbot.waitUntil(lambda: window.enrol_uri.startswith("otpauth://"), timeout=10_000)
    assert not window.enrol_qr.pixmap().isNull()
    assert window.enrol_secret.text().replace(" ", "") in window.enrol_uri
    wrong = "000000" if _now_code(window.enrol_uri) != "000000" else "111111"
    window.enrol_code.setText(wrong)
    with qtbot.waitSignal(window.failed, timeout=10_000):
        window.confirm_enrolment()
    assert "コードが秘密鍵と一致しません" in window.banner.text()
    window.enrol_code.setText(_now_code(window.enrol_uri))
    with qtbot.waitSignal(window.loggedIn, timeout=10_000) as logged_in:
        window.confirm_enrolment()
    session = logged_in.args[0]
    assert isinstance(session, Session)
    assert not session.enrolment_only and session.account.totp_enabled
    assert subscriber_ops.count_subscribers(session) == 0  # the pages work at once
    session.close()


def _now_code(uri: str) -> str:
    return totp_code(uri, datetime.now(UTC))
