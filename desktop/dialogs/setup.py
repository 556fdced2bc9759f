"""First start: create the office's store with its first administrator, or try the demo.

Secure by default: the office's store requires TOTP codes of every staff account, so the wizard
enrols the first administrator (the secret as a QR code and as text, then one valid code)
before anything is created. The demo opts out (invented data, a published password) and says
so on the first page.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QFont, QFontDatabase
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop import icons
from desktop.dialogs.recovery_key import RecoveryKeyActions
from desktop.dialogs.totp import qr_picture
from desktop.display import short_path
from desktop.errors import describe
from desktop.tasks import run_in_background
from desktop.widgets.common import Banner, heading, row
from dispatch.base.errors import KishomailError, StoreMissing
from dispatch.operations import accounts as account_ops
from dispatch.operations.demo import DEMO_ACCOUNT, DEMO_PASSWORD, open_demo
from dispatch.operations.session import (
    FirstTotp,
    Session,
    check_first_administrator,
    initialise,
    login,
    new_first_totp,
)
from dispatch.records.accounts import Role

#: The demo store gets one account per working role, all with the demo password.
DEMO_ACCOUNTS = {
    Role.ADMINISTRATOR: DEMO_ACCOUNT,
    Role.OPERATOR: "demo-operator",
    Role.DUTY_OFFICER: "demo-duty",
    Role.AUDITOR: "demo-auditor",
}


def open_demo_as(folder: Path, role: Role) -> Session:
    """Open (or make) the demo store and log in with the demo account of ``role``."""
    admin = open_demo(folder)
    try:
        existing = {a.name for a in account_ops.list_accounts(admin)}
        for demo_role, name in DEMO_ACCOUNTS.items():
            if name not in existing:
                account_ops.add_account(
                    admin, name, demo_role, DEMO_PASSWORD, display_name=f"demo {demo_role}"
                )
    finally:
        admin.close()
    if role is Role.ADMINISTRATOR:
        session = login(folder, DEMO_ACCOUNT, DEMO_PASSWORD)
    else:
        session = login(folder, DEMO_ACCOUNTS[role], DEMO_PASSWORD)
    session.close()
    return session


class SetupWindow(QWidget):
    """Four pages: welcome (choose), the first administrator, their TOTP enrolment, the
    recovery key (once)."""

    ready = Signal(object)  # Session
    loginInstead = Signal(object)  # Path
    failed = Signal(str)

    def __init__(self, data_dir: Path, demo_folder: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.data_dir = data_dir
        self.demo_folder = demo_folder
        self.session: Session | None = None
        self.first_totp: FirstTotp | None = None
        self.setWindowTitle(self.tr("kishomail — first start"))
        self.setWindowIcon(icons.app_icon())
        self.setMinimumWidth(640)
        self.pages = QStackedWidget()
        self.pages.addWidget(self._welcome_page())
        self.pages.addWidget(self._admin_page())
        self.pages.addWidget(self._totp_page())
        self.recovery_page = self._recovery_page()
        self.pages.addWidget(self.recovery_page)
        self.banner = Banner()
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("Welcome to kishomail (weather alert mail)")))
        layout.addWidget(self.pages)
        layout.addWidget(self.banner)

    # ---- pages ------------------------------------------------------------------------------

    def _welcome_page(self) -> QWidget:
        page = QWidget()
        text = QLabel(
            self.tr(
                "There is no kishomail data in the data folder yet:\n%1\n\n"
                "Create the office's data to start using kishomail for real, or try the demo "
                "first: it uses invented subscribers and replays a typhoon night, and its mail "
                "goes only into a local mailbox on this computer."
            ).replace("%1", short_path(self.data_dir))
        )
        text.setWordWrap(True)
        text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.create_button = QPushButton(self.tr("Create the office's data…"))
        self.create_button.clicked.connect(lambda: self.pages.setCurrentIndex(1))
        self.demo_button = QPushButton(self.tr("Try the demo"))
        self.demo_button.clicked.connect(self.start_demo)
        self.demo_role = QComboBox()
        self.demo_role.setAccessibleName(self.tr("Demo role"))
        for role, label in (
            (Role.ADMINISTRATOR, self.tr("as administrator (settings, service, audit log)")),
            (Role.OPERATOR, self.tr("as operator (subscribers, mailbox)")),
            (Role.DUTY_OFFICER, self.tr("as duty officer (manual alerts)")),
        ):
            self.demo_role.addItem(label, role)
        demo_note = QLabel(
            self.tr(
                "Demo accounts: demo (administrator), demo-operator, demo-duty, demo-auditor; "
                "password for all: %1. The demo asks for no TOTP codes (its data is invented); "
                "the office's own data always does."
            ).replace("%1", DEMO_PASSWORD)
        )
        demo_note.setWordWrap(True)
        demo_note.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(page)
        layout.addWidget(text)
        layout.addLayout(row(self.create_button))
        layout.addSpacing(12)
        layout.addLayout(row(self.demo_button, self.demo_role))
        layout.addWidget(demo_note)
        layout.addStretch(1)
        return page

    def _admin_page(self) -> QWidget:
        page = QWidget()
        self.admin_name = QLineEdit("admin")
        self.admin_name.setAccessibleName(self.tr("Administrator's account name"))
        self.admin_password = QLineEdit()
        self.admin_password.setEchoMode(QLineEdit.EchoMode.Password)
        self.admin_password.setAccessibleName(self.tr("Password"))
        self.admin_repeat = QLineEdit()
        self.admin_repeat.setEchoMode(QLineEdit.EchoMode.Password)
        self.admin_repeat.setAccessibleName(self.tr("Password again"))
        form = QFormLayout()
        form.addRow(self.tr("Administrator's account name"), self.admin_name)
        form.addRow(self.tr("Password"), self.admin_password)
        form.addRow(self.tr("Password again"), self.admin_repeat)
        hint = QLabel(
            self.tr(
                "Account names use lower-case letters, digits, '.', '_' and '-'. Choose a long "
                "password; the data is encrypted with it."
            )
        )
        hint.setWordWrap(True)
        back = QPushButton(self.tr("Back"))
        back.clicked.connect(lambda: self.pages.setCurrentIndex(0))
        self.create_store_button = QPushButton(self.tr("Next"))
        self.create_store_button.setDefault(True)
        self.create_store_button.clicked.connect(self.create_store)
        layout = QVBoxLayout(page)
        layout.addWidget(heading(self.tr("The first administrator"), 2))
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addLayout(row(back, self.create_store_button))
        layout.addStretch(1)
        return page

    def _totp_page(self) -> QWidget:
        page = QWidget()
        explain = QLabel(
            self.tr(
                "Every staff account logs in with a password and a 6-digit code from an "
                "authenticator app on a phone (TOTP). Scan this QR code with the app, or type "
                "the secret into it, then enter the code the app shows."
            )
        )
        explain.setWordWrap(True)
        self.totp_qr = QLabel()
        self.totp_qr.setAccessibleName(self.tr("QR code for the authenticator app"))
        self.totp_secret = QLabel()
        self.totp_secret.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.totp_secret.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.totp_secret.setAccessibleName(self.tr("TOTP secret"))
        self.totp_uri = QLabel()
        self.totp_uri.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.totp_uri.setWordWrap(True)
        self.totp_uri.setAccessibleName(self.tr("otpauth URI"))
        self.totp_code = QLineEdit()
        self.totp_code.setMaxLength(8)
        self.totp_code.setAccessibleName(self.tr("Code from the app"))
        self.totp_code.returnPressed.connect(self.enrol_and_create)
        form = QFormLayout()
        form.addRow(self.tr("Secret"), self.totp_secret)
        form.addRow(self.tr("URI"), self.totp_uri)
        form.addRow(self.tr("Code from the app"), self.totp_code)
        back = QPushButton(self.tr("Back"))
        back.clicked.connect(lambda: self.pages.setCurrentIndex(1))
        self.enrol_button = QPushButton(self.tr("Create"))
        self.enrol_button.setDefault(True)
        self.enrol_button.clicked.connect(self.enrol_and_create)
        layout = QVBoxLayout(page)
        layout.addWidget(heading(self.tr("Two-step login (TOTP)"), 2))
        layout.addWidget(explain)
        layout.addWidget(self.totp_qr)
        layout.addLayout(form)
        layout.addLayout(row(back, self.enrol_button))
        layout.addStretch(1)
        return page

    def _recovery_page(self) -> QWidget:
        page = QWidget()
        explain = QLabel(
            self.tr(
                "This is the recovery key. It is shown only now. If every administrator's "
                "password is lost, only this key opens the data. Print it or write it down, and "
                "keep it locked away (not on this computer)."
            )
        )
        explain.setWordWrap(True)
        self.recovery_key = QLabel()
        self.recovery_key.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        font.setPointSize(font.pointSize() + 4)
        font.setWeight(QFont.Weight.Bold)
        self.recovery_key.setFont(font)
        self.recovery_key.setWordWrap(True)
        self.recovery_key.setAccessibleName(self.tr("Recovery key"))
        self.recovery_key.setStyleSheet("QLabel { border:2px solid #1d4e89; padding:10px; }")
        self.key_actions = RecoveryKeyActions(
            self, self.recovery_key.text, lambda text, kind: self.banner.show_message(text, kind)
        )
        self.printed = QCheckBox(self.tr("I have printed or written down the recovery key"))
        self.continue_button = QPushButton(self.tr("Continue"))
        self.continue_button.setEnabled(False)
        self.printed.toggled.connect(self.continue_button.setEnabled)
        self.continue_button.clicked.connect(self._finish)
        layout = QVBoxLayout(page)
        layout.addWidget(heading(self.tr("Recovery key"), 2))
        layout.addWidget(explain)
        layout.addWidget(self.recovery_key)
        layout.addLayout(self.key_actions.layout)
        layout.addWidget(self.printed)
        layout.addLayout(row(self.continue_button))
        layout.addStretch(1)
        return page

    def closeEvent(self, event: QCloseEvent) -> None:
        """Closing on the recovery key's page would lose the only copy of the key and quit:
        the window stays, and says what to do."""
        if self.pages.currentWidget() is self.recovery_page and self.recovery_key.text():
            event.ignore()
            self.banner.show_message(
                self.tr(
                    "The recovery key is shown only now. Print, copy or save it, tick the box, "
                    "then press Continue."
                ),
                "warning",
            )
            return
        super().closeEvent(event)

    # ---- actions ----------------------------------------------------------------------------

    def create_store(self) -> None:
        """The administrator's page is filled in: check it, then show a new TOTP secret."""
        name = self.admin_name.text().strip()
        password = self.admin_password.text()
        if password != self.admin_repeat.text():
            self.banner.show_message(self.tr("The two passwords differ."), "warning")
            return
        try:
            check_first_administrator(name, password)
        except KishomailError as error:
            self.banner.show_message(describe(error), "warning")
            return
        if self.first_totp is None or self.first_totp.name != name:
            self.first_totp = new_first_totp(name)
        self.totp_secret.setText(self.first_totp.secret_text)
        self.totp_uri.setText(self.first_totp.uri)
        self.totp_qr.setPixmap(qr_picture(self.first_totp.uri))
        self.totp_code.clear()
        self.banner.clear_message()
        self.pages.setCurrentIndex(2)
        self.totp_code.setFocus()

    def enrol_and_create(self) -> None:
        """Create the store with the administrator enrolled, once the code matches."""
        first = self.first_totp
        code = self.totp_code.text().strip()
        if first is None:
            return
        if not code:
            self.banner.show_message(self.tr("Enter the code the app shows now."), "warning")
            return
        name = self.admin_name.text().strip()
        password = self.admin_password.text()
        self.enrol_button.setEnabled(False)
        self.banner.show_message(self.tr("Creating the encrypted data…"), "info")
        data_dir = self.data_dir

        def work() -> tuple[Session, str]:
            session, key = initialise(data_dir, name, password, totp=first.with_code(code))
            session.close()
            return session, key

        run_in_background(work, self._created, self._failed)

    def _created(self, result: tuple[Session, str]) -> None:
        self.session, key = result
        self.admin_password.clear()
        self.admin_repeat.clear()
        self.first_totp = None
        for label in (self.totp_secret, self.totp_uri, self.totp_qr):
            label.clear()
        self.totp_code.clear()
        self.recovery_key.setText(key)
        self.banner.clear_message()
        self.pages.setCurrentIndex(3)

    def _finish(self) -> None:
        if self.session is not None and self.printed.isChecked():
            self.recovery_key.clear()
            self.ready.emit(self.session)

    def start_demo(self) -> None:
        self.demo_button.setEnabled(False)
        self.create_button.setEnabled(False)
        self.banner.show_message(self.tr("Preparing the demo (about a second)…"), "info")
        folder, role = self.demo_folder, self.demo_role.currentData()
        run_in_background(
            lambda: open_demo_as(folder, role), (lambda *a: self.ready.emit(*a)), self._failed
        )

    def _failed(self, error: BaseException) -> None:
        self.create_store_button.setEnabled(True)
        self.enrol_button.setEnabled(True)
        self.demo_button.setEnabled(True)
        self.create_button.setEnabled(True)
        if isinstance(error, StoreMissing):
            self.loginInstead.emit(self.data_dir)
        if self.pages.currentIndex() == 2 and getattr(error, "code", "") == "invalid":
            self.banner.show_message(
                self.tr(
                    "The code does not match the secret. Check that the phone's clock is right "
                    "and enter the code the app shows now."
                ),
                "warning",
            )
            self.totp_code.selectAll()
            self.totp_code.setFocus()
        else:
            self.banner.show_message(describe(error), "error")
        self.failed.emit(getattr(error, "code", "error"))
