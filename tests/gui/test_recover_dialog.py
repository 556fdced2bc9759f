"""Every administrator's password lost (issue 19: "recovery is CLI-only"): from the login
window, the printed recovery key gives an administrator a new password and logs them in; a
mistyped key is said so and nothing changes."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, QTimer
from pytestqt.qtbot import QtBot

from desktop.dialogs.login import LoginWindow
from desktop.dialogs.recover import RecoverDialog
from dispatch.operations.session import WITHOUT_TOTP, initialise, login
from tests.gui.test_japanese_throughout import _english, _texts

NEW = "after-the-recovery-1"


def test_the_recovery_key_sets_a_new_password_from_the_login_window(
    qtbot: QtBot, data_dir: Path, settings: QSettings
) -> None:
    session, recovery_key = initialise(data_dir, "chief", "forgotten-password-1", totp=WITHOUT_TOTP)
    session.close()
    window = LoginWindow(data_dir, settings, remember=False)
    qtbot.addWidget(window)
    window.show()
    seen: list[str] = []

    def fill(dialog: RecoverDialog) -> None:
        seen.extend(text for _, text in _texts(dialog) if _english(text))

        def mistyped() -> None:
            dialog.key.setText(("A" if recovery_key[0] != "A" else "B") + recovery_key[1:])
            dialog.admin.setText("chief")
            dialog.password.setText(NEW)
            dialog.again.setText(NEW)
            dialog.recover_button.click()
            qtbot.waitUntil(lambda: dialog.recover_button.isEnabled(), timeout=10_000)
            assert "打ち間違い" in dialog.banner.text() and dialog.isVisible()
            dialog.key.setText(recovery_key.lower())
            dialog.password.setText(NEW)
            dialog.again.setText(NEW)
            dialog.recover_button.click()

        QTimer.singleShot(0, mistyped)

    window.recoveryOpened.connect(fill)
    with qtbot.waitSignal(window.loggedIn, timeout=20_000) as logged_in:
        window.recover_button.click()
    assert logged_in.args[0].account.name == "chief"
    assert not [text for text in seen if text != "ABCD-EFGH-…"]  # no English left
    login(data_dir, "chief", NEW).close()
