"""A password shown once can be read without mistaking a character, copied, and the screen
says which tool opens the AES ZIP (issue 19)."""

from __future__ import annotations

from PySide6.QtGui import QFontInfo
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop.widgets.password_once import PasswordOnceDialog
from tests.gui.test_japanese_throughout import _english, _texts


def test_the_password_is_fixed_width_copyable_and_the_tool_is_named(qtbot: QtBot) -> None:
    dialog = PasswordOnceDialog("パスワード", "一度だけ表示します。", "Kx7mP9qRt2vWz4Hn8Ya3")
    qtbot.addWidget(dialog)
    dialog.show()
    assert QFontInfo(dialog.password.font()).fixedPitch()
    assert dialog.password.isReadOnly()
    dialog.copy_button.click()
    assert QApplication.clipboard().text() == "Kx7mP9qRt2vWz4Hn8Ya3"
    texts = [text for _, text in _texts(dialog)]
    assert any("7-Zip" in text and "エクスプローラー" in text for text in texts)
    assert not [text for text in texts if _english(text)]
