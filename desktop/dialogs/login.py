"""The login window: account, password, and the TOTP code when the account has one.

When TOTP is required of every account (the default of a new store) and this account has not
enrolled yet, the login ends with its enrolment here: the secret as a QR code and as text, and
one code from the app, before the main window opens."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QFontDatabase, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop import icons
from desktop.dialogs.recover import RecoverDialog
from desktop.dialogs.totp import qr_picture, secret_in_groups
from desktop.display import short_path
from desktop.errors import describe, locked_seconds
from desktop.tasks import run_in_background
from desktop.widgets.common import Banner, heading, place_on_screen, row
from dispatch.base.errors import KishomailError
from dispatch.operations import accounts as account_ops
from dispatch.operations.session import Session, login

_LAST_ACCOUNT = "login/last_account"


class LoginWindow(QWidget):
    loggedIn = Signal(object)  # Session
    #: A login failed; the error's code (tests and the status line use it).
    failed = Signal(str)
    setupInstead = Signal()
    #: The recovery dialog is about to open (tests fill it in).
    recoveryOpened = Signal(object)

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
        layout.addWidget(self._enrolment_box())
        layout.addWidget(self._new_password_box())
        layout.addWidget(self.banner)
        self.recover_button = QPushButton(self.tr("Every administrator's password lost…"))
        self.recover_button.setFlat(True)
        self.recover_button.clicked.connect(self.open_recovery)
        layout.addLayout(row(self.button))
        layout.addWidget(folder)
        layout.addLayout(row(self.recover_button))
        self._enrolling: Session | None = None
        self._countdown = QTimer(self)
        self._countdown.setInterval(1000)
        self._countdown.timeout.connect(self._tick)
        self._locked_for = 0
        (self.password if self.account.text() else self.account).setFocus()

    def _enrolment_box(self) -> QWidget:
        self.enrolment = QWidget()
        explain = QLabel(
            self.tr(
                "Two-step login is required for every account. Scan this QR code with the "
                "authenticator app on the office's phone (or type the secret into it), then "
                "enter the code the app shows."
            )
        )
        explain.setWordWrap(True)
        self.enrol_qr = QLabel()
        self.enrol_qr.setAccessibleName(self.tr("QR code for the authenticator app"))
        self.enrol_secret = QLabel()
        self.enrol_secret.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.enrol_secret.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.enrol_secret.setAccessibleName(self.tr("TOTP secret"))
        self.enrol_code = QLineEdit()
        self.enrol_code.setAccessibleName(self.tr("Code from the app"))
        self.enrol_code.returnPressed.connect(self.confirm_enrolment)
        self.enrol_button = QPushButton(self.tr("Turn on two-step login"))
        self.enrol_button.clicked.connect(self.confirm_enrolment)
        form = QFormLayout()
        form.addRow(self.tr("Secret"), self.enrol_secret)
        form.addRow(self.tr("Code from the app"), self.enrol_code)
        layout = QVBoxLayout(self.enrolment)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(explain)
        layout.addWidget(self.enrol_qr)
        layout.addLayout(form)
        layout.addLayout(row(self.enrol_button))
        self.enrolment.hide()
        self.enrol_uri = ""  # the otpauth:// URI while enrolling (tests read the code from it)
        return self.enrolment

    def _new_password_box(self) -> QWidget:
        """The first login with a password an administrator chose: the person sets their own."""
        self.new_password_step = QWidget()
        explain = QLabel(
            self.tr(
                "This password was set by an administrator. Choose your own now, so that only "
                "you know it (at least 10 characters)."
            )
        )
        explain.setWordWrap(True)
        self.new_password = QLineEdit()
        self.new_password.setEchoMode(QLineEdit.EchoMode.Password)
        self.new_password.setAccessibleName(self.tr("New password"))
        self.new_password_again = QLineEdit()
        self.new_password_again.setEchoMode(QLineEdit.EchoMode.Password)
        self.new_password_again.setAccessibleName(self.tr("New password again"))
        self.new_password.returnPressed.connect(self.new_password_again.setFocus)
        self.new_password_again.returnPressed.connect(self.change_first_password)
        self.new_password_button = QPushButton(self.tr("Change the password and continue"))
        self.new_password_button.clicked.connect(self.change_first_password)
        form = QFormLayout()
        form.addRow(self.tr("New password"), self.new_password)
        form.addRow(self.tr("Again"), self.new_password_again)
        layout = QVBoxLayout(self.new_password_step)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(explain)
        layout.addLayout(form)
        layout.addLayout(row(self.new_password_button))
        self.new_password_step.hide()
        self._changing: Session | None = None
        self._first_password = ""
        return self.new_password_step

    def open_recovery(self) -> None:
        """The recovery key in place of a password (the administrator is then logged in)."""
        dialog = RecoverDialog(self.data_dir, self)
        dialog.recovered.connect(self._succeeded)
        self.recoveryOpened.emit(dialog)
        dialog.exec()

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

        self._first_password = password  # needed once more if it must be changed now
        run_in_background(work, self._succeeded, self._failed)

    def _busy(self, busy: bool) -> None:
        for widget in (self.account, self.password, self.totp, self.button):
            widget.setEnabled(not busy)

    def _succeeded(self, session: Session) -> None:
        if session.enrolment_only:
            self._start_enrolment(session)
            return
        if session.password_change_only:
            self._changing = session
            self.button.hide()
            self.banner.clear_message()
            self.new_password_step.show()
            self.new_password.setFocus()
            return
        self._first_password = ""
        self.settings.setValue(_LAST_ACCOUNT, session.account.name)
        self.password.clear()
        self.banner.clear_message()
        self.loggedIn.emit(session)

    def _failed(self, error: BaseException) -> None:
        self._busy(False)
        self._first_password = ""
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

    # ---- a password an administrator set: the person's own first -------------------------------

    def change_first_password(self) -> None:
        session, new = self._changing, self.new_password.text()
        if session is None:
            return
        if new != self.new_password_again.text():
            self.banner.show_message(self.tr("The two new passwords differ."), "warning")
            self.new_password_again.clear()
            self.new_password_again.setFocus()
            return
        if new == self._first_password:
            self.banner.show_message(
                self.tr("Choose a password different from the one the administrator set."),
                "warning",
            )
            return
        self.new_password_button.setEnabled(False)
        old = self._first_password
        run_in_background(
            lambda: account_ops.change_own_password(session, old, new),
            lambda _: self._password_changed(session),
            self._password_change_failed,
            store=session.store,
        )

    def _password_changed(self, session: Session) -> None:
        self._changing = None
        for field in (self.new_password, self.new_password_again):
            field.clear()
        self.new_password_step.hide()
        self.new_password_button.setEnabled(True)
        self.button.show()
        self._busy(False)
        self._succeeded(session)

    def _password_change_failed(self, error: BaseException) -> None:
        self.new_password_button.setEnabled(True)
        self.banner.show_message(describe(error), "warning")
        self.new_password.selectAll()
        self.new_password.setFocus()

    # ---- enrolment when TOTP is required and this account has none yet -------------------------

    def _start_enrolment(self, session: Session) -> None:
        self._enrolling = session
        self.banner.show_message(self.tr("Preparing two-step login…"), "info")
        run_in_background(
            lambda: account_ops.start_totp(session),
            self._show_enrolment,
            self._enrolment_failed,
            store=session.store,
        )

    def _show_enrolment(self, uri: str) -> None:
        self.enrol_uri = uri
        self.enrol_qr.setPixmap(qr_picture(uri))
        self.enrol_secret.setText(secret_in_groups(uri))
        self.enrol_code.clear()
        self.enrolment.show()
        self.button.hide()
        self.banner.clear_message()
        self.enrol_code.setFocus()

    def confirm_enrolment(self) -> None:
        session, code = self._enrolling, self.enrol_code.text().strip()
        if session is None:
            return
        if not code:
            self.banner.show_message(self.tr("Enter the code the app shows now."), "warning")
            return
        self.enrol_button.setEnabled(False)
        run_in_background(
            lambda: account_ops.confirm_totp(session, code),
            lambda _: self._enrolled(session),
            self._enrolment_failed,
            store=session.store,
        )

    def _enrolled(self, session: Session) -> None:
        self._enrolling = None
        self.enrol_uri = ""
        for label in (self.enrol_qr, self.enrol_secret):
            label.clear()
        self.enrolment.hide()
        self.button.show()
        self.enrol_button.setEnabled(True)
        self._busy(False)
        self._succeeded(session)

    def _enrolment_failed(self, error: BaseException) -> None:
        self.enrol_button.setEnabled(True)
        code = error.code if isinstance(error, KishomailError) else "error"
        if code == "invalid":
            self.banner.show_message(
                self.tr(
                    "The code does not match the secret. Check that the phone's clock is right "
                    "and enter the code the app shows now."
                ),
                "warning",
            )
            self.enrol_code.selectAll()
            self.enrol_code.setFocus()
        else:
            self.banner.show_message(describe(error), "error")
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
