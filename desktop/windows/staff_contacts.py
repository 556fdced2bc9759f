"""Settings' staff notification addresses: where the engine mails the staff (a duty phone, the
office mailbox), per account — added, removed and tested here as with
``kishomail accounts contact add|remove|list`` and ``notify test``.

The addresses are staff data, kept apart from the residents; every change is audited by the core
(the log names the account, never the address). Removing asks first, with キャンセル as the
default."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.errors import describe
from desktop.formatting import typed, when
from desktop.models.table import Column, RecordTableModel
from desktop.tasks import run_in_background
from desktop.widgets.common import Banner, confirm, table_view
from dispatch.operations import accounts as account_ops
from dispatch.operations import notifications as notify_ops
from dispatch.operations.session import Session
from dispatch.records.accounts import Permission
from dispatch.records.staff_contacts import StaffContact


class ContactsBox(QGroupBox):
    """The contacts of every account, with add, remove and a test notification."""

    #: The list was (re)loaded: the number of addresses.
    loaded = Signal(int)
    #: An add, a removal or a test ended: its result, or the exception.
    done = Signal(object)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Staff notification addresses"))
        self.session = session
        #: The active accounts (loaded with the list), offered when adding an address.
        self.account_names: list[str] = []
        self.banner = Banner()
        explanation = QLabel(
            self.tr(
                "Where kishomail tells the staff of a failure or a serious warning (a duty "
                "phone, the office mailbox). Which roles receive which notification is the "
                "setting notify.routes."
            )
        )
        explanation.setWordWrap(True)
        self.model = RecordTableModel(
            [
                Column(self.tr("Account"), lambda c: c.account),
                Column(self.tr("Address"), lambda c: c.address),
                Column(self.tr("Added"), lambda c: when(c.added_at)),
            ],
            self,
        )
        self.view = table_view(self.tr("Staff notification addresses"))
        self.view.setModel(self.model)
        self.view.setMinimumHeight(120)
        self.add_button = QPushButton(self.tr("Add an address…"))
        self.add_button.clicked.connect(self.add)
        self.remove_button = QPushButton(self.tr("Remove the address"))
        self.remove_button.clicked.connect(self.remove)
        self.test_button = QPushButton(self.tr("Send a test notification"))
        self.test_button.setToolTip(
            self.tr("One test mail to every address, through the relay (or the second relay).")
        )
        self.test_button.clicked.connect(self.send_test)
        self.test_button.setVisible(session.can(Permission.MANAGE_SETTINGS))
        buttons = QHBoxLayout()
        for button in (self.add_button, self.remove_button, self.test_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(explanation)
        layout.addWidget(self.banner)
        layout.addWidget(self.view)
        layout.addLayout(buttons)
        self.reload()

    # ---- questions (tests replace these) ----------------------------------------------------

    def ask_new_contact(self, accounts: list[str]) -> tuple[str, str] | None:
        """The account and address to add, or None."""
        dialog = ContactDialog(accounts, self)
        return dialog.values() if dialog.exec() == QDialog.DialogCode.Accepted else None

    def ask(self, title: str, text: str, action: str) -> bool:
        return confirm(self, title, text, action)

    # ---- actions ------------------------------------------------------------------------------

    def reload(self) -> None:
        session = self.session

        def work() -> tuple[list[StaffContact], list[str]]:
            accounts = account_ops.list_accounts(session)
            return notify_ops.list_contacts(session), [a.name for a in accounts if a.active]

        def done(loaded: tuple[list[StaffContact], list[str]]) -> None:
            contacts, self.account_names = loaded
            self.model.replace(contacts)
            self.view.resizeColumnsToContents()
            self.loaded.emit(len(contacts))

        run_in_background(work, done, self._failed, store=session.store)

    def add(self) -> None:
        session = self.session
        wanted = self.ask_new_contact(self.account_names)
        if wanted is None:
            return
        name, address = wanted[0], typed(wanted[1])  # a phone keyboard's full width too
        self._run(
            lambda: notify_ops.add_contact(session, name, address),
            self.tr("%1 now receives notifications at %2.")
            .replace("%1", name)
            .replace("%2", address),
        )

    def remove(self) -> None:
        rows = self.view.selectionModel().selectedRows()
        if not rows:
            self.banner.show_message(self.tr("Select an address first."), "warning")
            return
        contact: StaffContact = self.model.record(rows[0].row())
        if not self.ask(
            self.tr("Remove a notification address"),
            self.tr("Stop sending staff notifications for %1 to %2?")
            .replace("%1", contact.account)
            .replace("%2", contact.address),
            self.tr("Remove"),
        ):
            return
        session = self.session
        self._run(
            lambda: notify_ops.remove_contact(session, contact.account, contact.address),
            self.tr("The address was removed."),
        )

    def send_test(self) -> None:
        session = self.session
        self.test_button.setEnabled(False)

        def done(report: Any) -> None:
            self.test_button.setEnabled(True)
            if report.via == "local mailbox":  # nothing left this PC: do not say "accepted"
                text = self.tr(
                    "Test notification: no relay is set, so it went into this PC's local "
                    'mailbox (tab "Mailbox") and reached no phone.'
                )
                self.banner.show_message(text, "warning")
            else:
                text = self.tr("Test notification: %1 of %2 addresses accepted it.")
                text = text.replace("%1", str(report.accepted))
                self.banner.show_message(
                    text.replace("%2", str(report.recipients)), "ok" if report.ok else "error"
                )
            self.done.emit(report)

        def failed(error: BaseException) -> None:
            self.test_button.setEnabled(True)
            self._failed(error)

        run_in_background(
            lambda: notify_ops.send_test_notification(session), done, failed, store=session.store
        )

    def _run(self, work: Any, text: str) -> None:
        def done(result: object) -> None:
            self.banner.show_message(text, "ok")
            self.reload()
            self.done.emit(result)

        run_in_background(work, done, self._failed, store=self.session.store)

    def _failed(self, error: BaseException) -> None:
        self.banner.show_message(describe(error), "error")
        self.done.emit(error)


class ContactDialog(QDialog):
    """The account and the address of a new notification address."""

    def __init__(self, accounts: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Add a notification address"))
        self.account = QComboBox()
        self.account.addItems(accounts)
        self.address = QLineEdit()
        self.address.setPlaceholderText(self.tr("e.g. duty-phone@docomo.ne.jp"))
        form = QFormLayout(self)
        form.addRow(self.tr("Account"), self.account)
        form.addRow(self.tr("Address"), self.address)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def values(self) -> tuple[str, str]:
        return self.account.currentText(), self.address.text()
