"""Every administrator's password lost: the printed recovery key gives one administrator a new
password, from the login window (as ``kishomail recover --admin NAME``). The key and the
passwords are never kept; a mistyped key is told apart from another store's key by the core."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop import core_words
from desktop.errors import describe
from desktop.tasks import run_in_background
from desktop.widgets.common import Banner
from dispatch.base.errors import KishomailError
from dispatch.operations.session import Session, recover


class RecoverDialog(QDialog):
    """On success ``recovered`` carries the administrator's session (the login is done)."""

    recovered = Signal(object)

    def __init__(self, data_dir: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.data_dir = data_dir
        self.setWindowTitle(self.tr("Recover with the recovery key"))
        self.setMinimumWidth(560)
        explanation = QLabel(
            self.tr(
                "Only when every administrator's password is lost. Type the printed recovery "
                "key; the administrator named below gets the new password (the account is made "
                "if it does not exist). This is recorded in the audit log."
            )
        )
        explanation.setWordWrap(True)
        self.key = QLineEdit()
        self.key.setAccessibleName(self.tr("Recovery key"))
        self.key.setPlaceholderText("ABCD-EFGH-…")
        self.admin = QLineEdit()
        self.admin.setAccessibleName(self.tr("Administrator account"))
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setAccessibleName(self.tr("New password"))
        self.again = QLineEdit()
        self.again.setEchoMode(QLineEdit.EchoMode.Password)
        self.again.setAccessibleName(self.tr("New password again"))
        form = QFormLayout()
        form.addRow(self.tr("Recovery &key"), self.key)
        form.addRow(self.tr("&Administrator"), self.admin)
        form.addRow(self.tr("&New password"), self.password)
        form.addRow(self.tr("A&gain"), self.again)
        self.banner = Banner()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        self.recover_button = QPushButton(self.tr("Set the new password"))
        self.recover_button.setAutoDefault(False)
        buttons.addButton(self.recover_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.recover_button.clicked.connect(self.submit)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(explanation)
        layout.addLayout(form)
        layout.addWidget(self.banner)
        layout.addWidget(buttons)

    def submit(self) -> None:
        key, name = self.key.text(), self.admin.text().strip()
        password = self.password.text()
        if not key.strip() or not name or not password:
            self.banner.show_message(
                self.tr("Enter the recovery key, the administrator and the new password."),
                "warning",
            )
            return
        if password != self.again.text():
            self.banner.show_message(self.tr("The two new passwords differ."), "warning")
            self.again.clear()
            self.again.setFocus()
            return
        data_dir = self.data_dir
        self.recover_button.setEnabled(False)
        self.banner.show_message(self.tr("Checking…"), "info")

        def work() -> Session:
            session = recover(data_dir, key, name, password)
            session.close()  # this worker's connection; the GUI thread opens its own
            return session

        run_in_background(work, self._done, self._failed)

    def _done(self, session: Session) -> None:
        for field in (self.key, self.password, self.again):
            field.clear()
        self.recovered.emit(session)
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self.recover_button.setEnabled(True)
        # The key's own words (mistyped, or another store's) before the login's wording.
        words = (
            core_words.CoreWords().say(error.message) if isinstance(error, KishomailError) else None
        )
        self.banner.show_message(words or describe(error), "error")
