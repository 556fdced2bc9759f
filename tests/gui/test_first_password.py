"""A password an administrator chose is only for the first login (issue 19: "no forced change
at first login"): the login window asks the person for their own before the main window opens;
the add-account dialog does not default to 管理者 and asks for the password twice."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from desktop.dialogs.login import LoginWindow
from desktop.windows.settings import AccountDialog
from dispatch.base.errors import WrongCredentials
from dispatch.operations import accounts as account_ops
from dispatch.operations import settings as setting_ops
from dispatch.operations.session import Session, login
from dispatch.records.accounts import Role

FIRST = "chosen-by-the-admin-1"
OWN = "only-tanaka-knows-1"


def test_the_first_login_asks_for_the_persons_own_password(
    qtbot: QtBot, admin: Session, data_dir: Path, settings: QSettings
) -> None:
    setting_ops.change_setting(admin, "security.change_first_password", True)
    account_ops.add_account(admin, "tanaka", Role.OPERATOR, FIRST)
    window = LoginWindow(data_dir, settings, remember=False)
    qtbot.addWidget(window)
    window.show()
    window.account.setText("tanaka")
    window.password.setText(FIRST)
    window.submit()
    qtbot.waitUntil(window.new_password_step.isVisible, timeout=10_000)
    assert window.new_password.hasFocus()

    window.new_password.setText(OWN)
    window.new_password_again.setText(OWN + "x")
    window.change_first_password()
    assert window.banner.text() == "2つの新しいパスワードが一致しません。"
    window.new_password.setText(FIRST)
    window.new_password_again.setText(FIRST)
    window.change_first_password()
    assert "管理者" in window.banner.text() and window.new_password_step.isVisible()

    window.new_password.setText(OWN)
    window.new_password_again.setText(OWN)
    with qtbot.waitSignal(window.loggedIn, timeout=10_000) as logged_in:
        window.change_first_password()
    session = logged_in.args[0]
    assert not session.password_change_only and session.account.name == "tanaka"
    session.close()
    with pytest.raises(WrongCredentials):  # the administrator's choice no longer opens it
        login(data_dir, "tanaka", FIRST)
    assert not login(data_dir, "tanaka", OWN).password_change_only


def test_adding_an_account_starts_from_an_everyday_role_and_checks_the_password(
    qtbot: QtBot,
) -> None:
    dialog = AccountDialog()
    qtbot.addWidget(dialog)
    assert Role(dialog.role.currentData()) is Role.OPERATOR
    dialog.name.setText("suzuki")
    dialog.password.setText(FIRST)
    dialog.password_again.setText(FIRST + "x")
    dialog.check_and_accept()
    assert dialog.result() != AccountDialog.DialogCode.Accepted
    assert dialog.problem.text() == "2つのパスワードが一致しません。"
    dialog.password_again.setText(FIRST)
    dialog.check_and_accept()
    assert dialog.result() == AccountDialog.DialogCode.Accepted
    assert dialog.values() == ("suzuki", Role.OPERATOR, FIRST, "")
