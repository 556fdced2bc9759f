"""The login window: account, password, and the TOTP code when the account has one."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop import icons
from desktop.display import short_path
from desktop.errors import describe, locked_seconds
from desktop.tasks import run_in_background
from desktop.widgets.common import Banner, heading, place_on_screen, row
from dispatch.base.errors import KishomailError
from dispatch.operations.session import Session, login

_LAST_ACCOUNT = "login/last_account"


class LoginWindow(QWidget):
    loggedIn = Signal(object)  # Session
    #: A login failed; the error's code (tests and the status line use it).
    failed = Signal(str)
    setupInstead = Signal()

    def __init__(
        self,
        data_dir: Path,
        settings: QSettings,
        parent: QWidget | None = None,
        remember: bool = True,
    ) -> None:
        """``remember=False`` after a logout: the next officer starts from an empty account
        field (typing a name into a pre-filled password field locked accounts)."""
        super().__init__(parent)
        self.data_dir = data_dir
        self.settings = settings
        self.setWindowTitle(self.tr("kishomail — log in"))
        self.setWindowIcon(icons.app_icon())
        self.setMinimumWidth(520)

        self.account = QLineEdit(str(settings.value(_LAST_ACCOUNT, "")) if remember else "")
        self.account.setAccessibleName(self.tr("Account name"))
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setAccessibleName(self.tr("Password"))
        self.totp = QLineEdit()
        self.totp.setAccessibleName(self.tr("6-digit code"))
        self.totp.setInputMask("999999;_")
        self.totp_label = QLabel(self.tr("6-digit code"))
        self.totp.hide()
        self.totp_label.hide()
        self.banner = Banner()
        self.button = QPushButton(self.tr("Log in"))
        self.button.setDefault(True)
        self.button.setShortcut(QKeySequence("Return"))
        self.button.clicked.connect(self.submit)
        self.password.returnPressed.connect(self.submit)
        self.totp.returnPressed.connect(self.submit)
        self.account.returnPressed.connect(self.password.setFocus)

        form = QFormLayout()
        form.addRow(self.tr("Account"), self.account)
        form.addRow(self.tr("Password"), self.password)
        form.addRow(self.totp_label, self.totp)
        folder = QLabel(self.tr("Data folder: %1").replace("%1", short_path(data_dir)))
        folder.setWordWrap(True)
        folder.setStyleSheet("color: palette(mid);")
        folder.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("kishomail — weather alert mail")))
        layout.addWidget(QLabel(self.tr("Log in with your own account.")))
        layout.addLayout(form)
        layout.addWidget(self.banner)
        layout.addLayout(row(self.button))
        layout.addWidget(folder)
        self._countdown = QTimer(self)
        self._countdown.setInterval(1000)
        self._countdown.timeout.connect(self._tick)
        self._locked_for = 0
        (self.password if self.account.text() else self.account).setFocus()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        place_on_screen(self)

    def submit(self) -> None:
        if not self.button.isEnabled():
            return
        name = self.account.text().strip()
        password = self.password.text()
        code = self.totp.text().strip() if self.totp.isVisible() else None
        if not name or not password:
            self.banner.show_message(self.tr("Enter your account name and password."), "warning")
            return
        self._busy(True)
        self.banner.show_message(self.tr("Checking…"), "info")
        data_dir = self.data_dir

        def work() -> Session:
            session = login(data_dir, name, password, code or None)
            session.close()  # this worker's connection; the GUI thread opens its own
            return session

        run_in_background(work, self._succeeded, self._failed)

    def _busy(self, busy: bool) -> None:
        for widget in (self.account, self.password, self.totp, self.button):
            widget.setEnabled(not busy)

    def _succeeded(self, session: Session) -> None:
        self.settings.setValue(_LAST_ACCOUNT, session.account.name)
        self.password.clear()
        self.banner.clear_message()
        self.loggedIn.emit(session)

    def _failed(self, error: BaseException) -> None:
        self._busy(False)
        code = error.code if isinstance(error, KishomailError) else "error"
        if code == "auth.totp_required":
            self.totp.show()
            self.totp_label.show()
            self.totp.setFocus()
            self.banner.show_message(describe(error), "info")
        elif code == "store.missing":
            self.banner.show_message(describe(error), "error")
            self.setupInstead.emit()
        else:
            kind = "warning" if code.startswith("auth") else "error"
            self.banner.show_message(describe(error), kind)
            if code == "auth.locked" and isinstance(error, KishomailError):
                self._locked_for = locked_seconds(error) or 0
                if self._locked_for:
                    self.button.setEnabled(False)
                    self._countdown.start()
            self.password.selectAll()
            self.password.setFocus()
        if code == "auth.wrong" and self.totp.isVisible():
            self.totp.clear()
        self.failed.emit(code)

    def _tick(self) -> None:
        self._locked_for -= 1
        if self._locked_for <= 0:
            self._countdown.stop()
            self.button.setEnabled(True)
            self.banner.show_message(self.tr("You can try again now."), "info")
        else:
            self.button.setText(self.tr("Log in (%1 s)").replace("%1", str(self._locked_for)))
            return
        self.button.setText(self.tr("Log in"))
