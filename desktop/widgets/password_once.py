"""A password shown once (an encrypted export, a personal-data attachment): large, in a
fixed-width font so that no character can be mistaken for another, with a copy button and a
word on which tool opens the file — Windows' own Explorer cannot open AES-encrypted ZIPs."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)


class PasswordOnceDialog(QDialog):
    def __init__(
        self, title: str, explanation: str, password: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(520)
        text = QLabel(explanation)
        text.setWordWrap(True)
        self.password = QLineEdit(password)
        self.password.setReadOnly(True)
        self.password.setAccessibleName(self.tr("Password"))
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        font.setPointSizeF(font.pointSizeF() * 1.5)
        self.password.setFont(font)
        self.password.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.copy_button = QPushButton(self.tr("&Copy the password"))
        self.copy_button.clicked.connect(self.copy)
        tools = QLabel(
            self.tr(
                "The ZIP is encrypted with AES-256: Windows Explorer cannot open it. Open it "
                "with 7-Zip (free) or another tool that supports AES."
            )
        )
        tools.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addWidget(self.password)
        layout.addWidget(tools)
        layout.addWidget(buttons)

    def copy(self) -> None:
        QApplication.clipboard().setText(self.password.text())
        self.copy_button.setText(self.tr("Copied"))
