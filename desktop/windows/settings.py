"""Settings (administrator): mail relay with a connection test, feed, dispatch, river stations,
accounts."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSettings, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.errors import describe
from desktop.formatting import when
from desktop.models.table import Column, RecordTableModel
from desktop.sound import set_sound_enabled, sound_enabled
from desktop.tasks import run_in_background
from desktop.widgets.common import (
    Banner,
    confirm,
    guard_wheel,
    name_fields_by_label,
    row,
    table_view,
)
from desktop.windows.bounce_settings import (
    BounceSettingsBox,
    CarrierGroupsBox,
    CarrierGroupsEditor,
)
from desktop.windows.maintenance import BackupsBox, LogViewerBox, PosterBox
from desktop.windows.recovery_key_box import RecoveryKeyBox
from desktop.windows.staff_contacts import ContactsBox
from desktop.windows.stations import StationsBox
from desktop.words import words
from dispatch.operations import accounts as account_ops
from dispatch.operations import relay as relay_ops
from dispatch.operations import settings as setting_ops
from dispatch.operations.relay import ConnectionReport
from dispatch.operations.session import Session
from dispatch.records.accounts import Account, Permission, Role
from dispatch.records.setting_kind import typed_text

#: The settings this page edits, by group; secrets are write-only.
_TEXT = ("smtp.host", "smtp.username", "smtp.cafile", "feeds.source", "feeds.areas")
_NUMBERS = {
    "smtp.port": (1, 65535),
    "bounces.imap_port": (1, 65535),
    "bounces.imap_poll_seconds": (30, 86400),
    "bounces.suspend_after": (1, 20),
    "bounces.window_days": (1, 365),
    "smtp.connections": (1, 32),
    "smtp.max_rate": (0, 10000),
    "feeds.poll_interval": (5, 3600),
    "dispatch.batch_size": (1, 1000),
}
#: Write-only: shown as set or not set, saved only when something is typed.
_SECRETS = ("smtp.password", "bounces.imap_password")


class SettingsPage(QWidget):
    saved = Signal()
    tested = Signal(object)  # ConnectionReport or an exception
    accountsLoaded = Signal(int)

    def __init__(
        self, session: Session, parent: QWidget | None = None, ui: QSettings | None = None
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.ui = ui
        self.fields: dict[str, Any] = {}
        self.loaded_values: dict[str, Any] = {}
        self._baseline: dict[str, Any] | None = None
        self.banner = Banner()
        inner = QWidget()
        layout = QVBoxLayout(inner)
        if session.can(Permission.MANAGE_SETTINGS):
            layout.addWidget(self._relay_box())
            layout.addWidget(self._feed_box())
            layout.addWidget(self._dispatch_box())
            layout.addWidget(CarrierGroupsBox(self._field))
            layout.addWidget(BounceSettingsBox(self._field))
            self.stations: StationsBox | None = StationsBox(session)
            layout.addWidget(self.stations)
        else:
            self.stations = None
        self.contacts: ContactsBox | None = None
        if session.can(Permission.MANAGE_ACCOUNTS):
            layout.addWidget(self._accounts_box())
            self.contacts = ContactsBox(session)
            layout.addWidget(self.contacts)

        self.backups: BackupsBox | None = None
        self.poster: PosterBox | None = None
        self.recovery: RecoveryKeyBox | None = None
        if session.can(Permission.MANAGE_KEYS):
            self.backups = BackupsBox(session)
            layout.addWidget(self.backups)
            self.recovery = RecoveryKeyBox(session)
            layout.addWidget(self.recovery)
        if session.can(Permission.MANAGE_SETTINGS):
            self.poster = PosterBox(session)
            layout.addWidget(self.poster)
        self.sound = QCheckBox(self.tr("Play a sound when a level 4 or higher warning arrives"))
        self.sound.setToolTip(self.tr("Stored for this computer only; on by default."))
        self.sound.setChecked(sound_enabled(self._ui_settings()))
        self.sound.toggled.connect(self._sound_toggled)
        self.log_viewer = LogViewerBox()
        desk = QGroupBox(self.tr("This computer"))
        desk_layout = QVBoxLayout(desk)
        desk_layout.addWidget(self.sound)
        layout.addWidget(desk)
        layout.addWidget(self.log_viewer)
        layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        # Scrolling the form never changes a field under the pointer (送信方式 was flipped).
        guard_wheel(inner)
        name_fields_by_label(inner)
        outer = QVBoxLayout(self)
        outer.addWidget(self.banner)
        outer.addWidget(scroll)
        # The save button and the unsaved marker stay below the form, always in sight.
        self.unsaved = QLabel(self.tr("● Unsaved changes"))
        self.unsaved.setStyleSheet("color:#8a4b00; font-weight:bold;")
        self.unsaved.hide()
        if session.can(Permission.MANAGE_SETTINGS):
            self.save_button = QPushButton(self.tr("&Save settings"))
            self.save_button.setShortcut("Ctrl+S")
            self.save_button.clicked.connect(self.save)
            outer.addLayout(row(self.save_button, self.unsaved))
            for widget in self.fields.values():
                signal = (
                    widget.valueChanged
                    if isinstance(widget, QSpinBox)
                    else widget.currentIndexChanged
                    if isinstance(widget, QComboBox)
                    else widget.toggled
                    if isinstance(widget, QCheckBox)
                    else widget.textChanged
                )
                signal.connect(self._mark_unsaved)
            self.fields["smtp.security"].currentIndexChanged.connect(self._security_chosen)
            self.fields["bounces.imap_security"].currentIndexChanged.connect(
                lambda: self._port_follows(
                    "bounces.imap_port", "bounces.imap_security", {"implicit": 993, "starttls": 143}
                )
            )
            self.load()

    def has_unsaved_changes(self) -> bool:
        # Against the form as loaded (a stored value a field cannot show, e.g. a poll
        # interval below the field's minimum, is not the person's change).
        return self._baseline is not None and self.values() != self._baseline

    def _mark_unsaved(self) -> None:
        self.unsaved.setVisible(self.has_unsaved_changes())

    def _security_chosen(self) -> None:
        self._port_follows("smtp.port", "smtp.security", {"implicit": 465, "starttls": 587})

    def _port_follows(self, port_name: str, security_name: str, standard: dict[str, int]) -> None:
        # The port follows the choice when it was the other one's standard port.
        port, chosen = self.fields[port_name], self.fields[security_name].currentData()
        if port.value() in standard.values() and chosen in standard:
            port.setValue(standard[chosen])

    def keep_or_drop_edits(self) -> bool:
        """Before leaving the page with unsaved settings: drop them (True) or stay (False)."""
        if not self.has_unsaved_changes():
            return True
        return self.ask_to_drop()

    def ask_to_drop(self) -> bool:
        """Asked when unsaved settings would be lost; tests replace this."""
        return confirm(
            self,
            self.tr("Unsaved settings"),
            self.tr("Some settings were changed and not saved. Leave without saving?"),
            self.tr("Leave without saving"),
        )

    def _ui_settings(self) -> QSettings:
        return self.ui if self.ui is not None else QSettings()

    def _sound_toggled(self, on: bool) -> None:
        set_sound_enabled(self._ui_settings(), on)

    # ---- building ---------------------------------------------------------------------------

    def _field(self, name: str) -> QWidget:
        widget: QWidget
        if name in _NUMBERS:
            spin = QSpinBox()
            spin.setRange(*_NUMBERS[name])
            widget = spin
        elif name == "smtp.security":
            combo = QComboBox()
            combo.addItem(self.tr("STARTTLS (port 587)"), "starttls")
            combo.addItem(self.tr("implicit TLS (port 465)"), "implicit")
            widget = combo
        elif name == "bounces.imap_security":
            combo = QComboBox()
            combo.addItem(self.tr("implicit TLS (port 993)"), "implicit")
            combo.addItem(self.tr("STARTTLS (port 143)"), "starttls")
            widget = combo
        elif name == "bounces.unknown_user_at_once":
            widget = QCheckBox(
                self.tr("Suspend at once when the carrier says the address does not exist (5.1.x)")
            )
        elif name == "smtp.carrier_groups":
            widget = CarrierGroupsEditor()
        elif name == "dispatch.mode":
            combo = QComboBox()
            combo.addItem(
                self.tr("individual (one mail per person, personal stop link)"), "individual"
            )
            combo.addItem(self.tr("batch (many recipients per envelope)"), "batch")
            widget = combo
        elif name in _SECRETS:
            edit = QLineEdit()
            edit.setEchoMode(QLineEdit.EchoMode.Password)
            widget = edit
        else:
            widget = QLineEdit()
        widget.setAccessibleName(name)
        self.fields[name] = widget
        return widget

    def _relay_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Mail relay"))
        form = QFormLayout(box)
        form.addRow(self.tr("Host (empty: local mailbox only)"), self._field("smtp.host"))
        form.addRow(self.tr("Port"), self._field("smtp.port"))
        form.addRow(self.tr("Security"), self._field("smtp.security"))
        form.addRow(self.tr("User name"), self._field("smtp.username"))
        form.addRow(self.tr("Password"), self._field("smtp.password"))
        form.addRow(self.tr("CA file (PEM)"), self._field("smtp.cafile"))
        form.addRow(self.tr("Parallel connections"), self._field("smtp.connections"))
        form.addRow(self.tr("Messages per second (0: no limit)"), self._field("smtp.max_rate"))
        self.test_button = QPushButton(self.tr("Test connection"))
        self.test_button.setToolTip(
            self.tr("Connects with the values typed above, saved or not; sends nothing.")
        )
        self.test_button.clicked.connect(self.test_connection)
        self.password_state = QLineEdit()
        self.password_state.setReadOnly(True)
        self.password_state.hide()
        form.addRow("", self.test_button)
        return box

    def _feed_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Feed"))
        form = QFormLayout(box)
        form.addRow(self.tr("Source (feed URL or folder)"), self._field("feeds.source"))
        form.addRow(self.tr("Seconds between polls"), self._field("feeds.poll_interval"))
        form.addRow(self.tr("Area codes"), self._field("feeds.areas"))
        return box

    def _dispatch_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Dispatch"))
        form = QFormLayout(box)
        form.addRow(self.tr("Mode"), self._field("dispatch.mode"))
        form.addRow(self.tr("Recipients per envelope (batch)"), self._field("dispatch.batch_size"))
        return box

    def _accounts_box(self) -> QGroupBox:
        w = words()
        box = QGroupBox(self.tr("Accounts and roles"))
        self.accounts = RecordTableModel(
            [
                Column(self.tr("Account"), lambda a: a.name),
                Column(self.tr("Name"), lambda a: a.display_name),
                Column(self.tr("Role"), lambda a: w.role(a.role)),
                Column(self.tr("Active"), lambda a: self.tr("yes") if a.active else self.tr("no")),
                Column(
                    self.tr("Two-step login"),
                    lambda a: self.tr("yes") if a.totp_enabled else self.tr("no"),
                ),
                Column(self.tr("Password changed"), lambda a: when(a.password_changed_at)),
            ],
            self,
        )
        self.accounts_view = table_view(self.tr("Accounts"))
        self.accounts_view.setModel(self.accounts)
        self.accounts_view.setMinimumHeight(160)
        buttons = QHBoxLayout()
        for text, slot in (
            (self.tr("Add…"), self.add_account),
            (self.tr("Change role…"), self.change_role),
            (self.tr("New password…"), self.reset_password),
            (self.tr("Deactivate"), self.deactivate),
        ):
            button = QPushButton(text)
            button.clicked.connect(slot)
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(box)
        layout.addWidget(self.accounts_view)
        layout.addLayout(buttons)
        self.load_accounts()
        return box

    # ---- settings ---------------------------------------------------------------------------

    def load(self) -> None:
        session, names = self.session, list(self.fields)
        run_in_background(
            lambda: {n: setting_ops.setting_value(session, n) for n in names},
            self._loaded,
            self._failed,
            store=session.store,
        )

    def _loaded(self, values: dict[str, Any]) -> None:
        self.loaded_values = values
        for name, value in values.items():
            widget = self.fields[name]
            if isinstance(widget, QSpinBox):
                widget.setValue(int(value))
            elif isinstance(widget, QComboBox):
                widget.setCurrentIndex(max(0, widget.findData(value)))
            elif isinstance(widget, QCheckBox):
                widget.setChecked(bool(value))
            elif name in _SECRETS:
                widget.clear()
                widget.setPlaceholderText(
                    self.tr("(set — type to replace)") if value == "(set)" else self.tr("(not set)")
                )
            else:
                widget.setText(str(value))
        self._baseline = self.values()
        self._mark_unsaved()

    def values(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for name, widget in self.fields.items():
            if isinstance(widget, QSpinBox):
                out[name] = widget.value()
            elif isinstance(widget, QComboBox):
                out[name] = widget.currentData()
            elif isinstance(widget, QCheckBox):
                out[name] = widget.isChecked()
            elif name in _SECRETS:
                if widget.text():
                    out[name] = widget.text()
            else:  # as the core stores it (NFKC where right): the relay test tries the same
                out[name] = typed_text(name, widget.text())
        return out

    def save(self) -> None:
        problems = [p for w in self.fields.values() if isinstance(w, CarrierGroupsEditor)
                    for p in w.problems()]  # fmt: skip
        if problems:
            self.banner.show_message("\n".join(problems), "warning")
            return
        changes = {k: v for k, v in self.values().items() if self.loaded_values.get(k) != v}
        if not changes:
            self.banner.show_message(self.tr("Nothing changed."), "info")
            self.saved.emit()
            return
        session = self.session

        def work() -> dict[str, Any]:
            for name, value in changes.items():
                setting_ops.change_setting(session, name, value)
            return changes

        def done(_: object) -> None:
            self.banner.show_message(
                self.tr("Saved. A running service uses the new settings after it is restarted."),
                "ok",
            )
            self.load()
            self.saved.emit()

        run_in_background(work, done, self._failed, store=session.store)

    def test_connection(self) -> None:
        self.test_button.setEnabled(False)
        self.banner.show_message(self.tr("Connecting to the relay…"), "info")
        session = self.session
        # What is typed, saved or not: a test of the stored values after changing the port
        # said "connected" for settings that were not the ones on screen.
        typed = {k: v for k, v in self.values().items() if k.startswith("smtp.")}
        unsaved = any(self.loaded_values.get(k) != v for k, v in typed.items())

        def work() -> ConnectionReport | None:
            return relay_ops.test_relay(session, typed)

        def done(report: ConnectionReport | None) -> None:
            self.test_button.setEnabled(True)
            if report is None:
                self.banner.show_message(
                    self.tr("No relay is set: mail goes to the local mailbox only."), "info"
                )
            else:
                self.banner.show_message(
                    self.tr("Connected to %1:%2 over %3; certificate %4. Nothing was sent.")
                    .replace("%1", report.host)
                    .replace("%2", str(report.port))
                    .replace("%3", report.tls_version)
                    .replace("%4", report.certificate_subject)
                    + (
                        "\n"
                        + self.tr("Tested with the values typed above; they are not saved yet.")
                        if unsaved
                        else ""
                    ),
                    "ok",
                )
            self.tested.emit(report)

        def failed(error: BaseException) -> None:
            self.test_button.setEnabled(True)
            self.banner.show_message(describe(error), "error")
            self.tested.emit(error)

        run_in_background(work, done, failed, store=session.store)

    # ---- accounts ---------------------------------------------------------------------------

    def load_accounts(self) -> None:
        session = self.session

        def done(accounts: list[Account]) -> None:
            self.accounts.replace(accounts)
            self.accounts_view.resizeColumnsToContents()
            self.accountsLoaded.emit(len(accounts))

        run_in_background(
            lambda: account_ops.list_accounts(session), done, self._failed, store=session.store
        )

    def _selected_account(self) -> Account | None:
        rows = self.accounts_view.selectionModel().selectedRows()
        return self.accounts.record(rows[0].row()) if rows else None

    def _account_action(self, fn: Any, text: str) -> None:
        session = self.session

        def done(result: object) -> None:
            if result is False:  # a departure whose key change is owed: the engine runs
                owed = self.tr(
                    "The alerting engine is running, so the data key could not be changed now: "
                    "until it is, an earlier copy of the key file still opens the store with "
                    "the old password. Stop the service and run 'kishomail rekey'."
                )
                self.banner.show_message(f"{text} {owed}", "warning")
            else:
                self.banner.show_message(text, "ok")
            self.load_accounts()

        run_in_background(fn, done, self._failed, store=session.store)

    def add_account(self) -> None:
        dialog = AccountDialog(self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        name, role, password, display = dialog.values()
        session = self.session
        self._account_action(
            lambda: account_ops.add_account(session, name, role, password, display),
            self.tr("Account %1 was added.").replace("%1", name),
        )

    def change_role(self) -> None:
        account = self._selected_account()
        if account is None:
            return
        w = words()
        labels = [w.role(r) for r in Role]
        label, ok = QInputDialog.getItem(
            self, self.tr("Role"), account.name, labels, labels.index(w.role(account.role)), False
        )
        if ok:
            role = list(Role)[labels.index(label)]
            session = self.session
            self._account_action(
                lambda: account_ops.set_role(session, account.name, role),
                self.tr("The role was changed."),
            )

    def reset_password(self) -> None:
        account = self._selected_account()
        if account is None:
            return
        password, ok = QInputDialog.getText(
            self, self.tr("New password"), account.name, QLineEdit.EchoMode.Password
        )
        if ok and password:
            session = self.session
            self._account_action(
                lambda: account_ops.reset_password(session, account.name, password),
                self.tr("The password was replaced."),
            )

    def deactivate(self) -> None:
        account = self._selected_account()
        if account is None or not confirm(
            self,
            self.tr("Deactivate an account"),
            self.tr("Deactivate the account %1? It can no longer log in.").replace(
                "%1", account.name
            ),
            self.tr("Deactivate"),
        ):
            return
        session = self.session
        self._account_action(
            lambda: account_ops.deactivate_account(session, account.name),
            self.tr("Account %1 was deactivated.").replace("%1", account.name),
        )

    def _failed(self, error: BaseException) -> None:
        if hasattr(self, "test_button"):
            self.test_button.setEnabled(True)
        self.banner.show_message(describe(error), "error")


class AccountDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Add an account"))
        self.name = QLineEdit()
        self.display = QLineEdit()
        self.role = QComboBox()
        for role in Role:
            self.role.addItem(words().role(role), role)
        # An everyday role first: an administrator is chosen on purpose, never by default.
        self.role.setCurrentIndex(self.role.findData(Role.OPERATOR))
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_again = QLineEdit()
        self.password_again.setEchoMode(QLineEdit.EchoMode.Password)
        hint = QLabel(
            self.tr(
                "Tell the person this first password apart from the account name; they "
                "choose their own at the first login."
            )
        )
        hint.setWordWrap(True)
        self.problem = QLabel()
        self.problem.setStyleSheet("color:#8a1020;")
        form = QFormLayout(self)
        form.addRow(self.tr("Account name"), self.name)
        form.addRow(self.tr("Name"), self.display)
        form.addRow(self.tr("Role"), self.role)
        form.addRow(self.tr("First password"), self.password)
        form.addRow(self.tr("First password again"), self.password_again)
        form.addRow(hint)
        form.addRow(self.problem)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.check_and_accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def check_and_accept(self) -> None:
        if not self.name.text().strip() or not self.password.text():
            self.problem.setText(self.tr("Enter the account name and the first password."))
        elif self.password.text() != self.password_again.text():
            self.problem.setText(self.tr("The two passwords differ."))
            self.password_again.clear()
            self.password_again.setFocus()
        else:
            self.accept()

    def values(self) -> tuple[str, Role, str, str]:
        return (
            self.name.text().strip(),
            Role(self.role.currentData()),
            self.password.text(),
            self.display.text().strip(),
        )
