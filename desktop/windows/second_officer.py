"""The second officer at the same workstation: officer B checks the alert exactly as it will be
mailed and approves it as themselves, with their own password (and 6-digit code), while the
officer logged in stays logged in and the engine keeps sending. The same dialog serves the
single-person emergency path where the office allows it: whoever decides confirms with their
own password, and the send is theirs in the audit log.

The dialog only asks; the act runs in the core (``dispatch.operations.session.second_officer``
opens B's session for that act alone, and the core's two-person rule still refuses the author).
A wrong password keeps the dialog open with the reason, like the login window."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.errors import describe
from desktop.tasks import run_in_background
from desktop.widgets.common import Banner
from desktop.windows.alert_parts import as_mailed, describe_dispatch
from dispatch.operations import manual_alert_sending
from dispatch.operations.session import Session, second_officer

#: The act itself, run off the GUI thread: (account, password, code or "") → its result.
Act = Callable[[str, str, str], Any]


class SecondOfficerDialog(QDialog):
    """Shows the alert as mailed, takes B's account, password and code, runs ``act``."""

    def __init__(
        self,
        host_name: str,
        alert_as_mailed: str,
        act: Act,
        parent: QWidget | None = None,
        *,
        emergency: bool = False,
    ) -> None:
        """``emergency``: the single-person path — whoever decides (the officer logged in, or
        another) types their own password; otherwise the host's own account is refused."""
        super().__init__(parent)
        self.setMinimumWidth(560)
        self._act = act
        self._host_name = host_name
        self._emergency = emergency
        #: What the act returned once it succeeded (the approved or sent alert).
        self.result_value: Any = None
        if emergency:
            self.setWindowTitle(self.tr("Emergency: send without a second officer"))
            words = self.tr(
                "The office allows the single-person emergency path. The officer who decides "
                "checks the alert below and confirms with their own password: it goes out at "
                "once without a second officer's check, and the audit log marks it as a "
                "single-person emergency in their name."
            )
        else:
            self.setWindowTitle(self.tr("Approve as another officer"))
            words = self.tr(
                "The second duty officer checks the recipients, every language and the "
                "attachment below, then approves with their own account. %1 stays logged in "
                "and automatic alerts keep going out."
            ).replace("%1", host_name)
        explanation = QLabel(words)
        explanation.setWordWrap(True)
        self.as_mailed = QPlainTextEdit(alert_as_mailed)
        self.as_mailed.setReadOnly(True)
        self.as_mailed.setAccessibleName(self.tr("The alert exactly as mailed"))
        self.as_mailed.setTabChangesFocus(True)
        self.account = QLineEdit()
        self.account.setAccessibleName(self.tr("Account of the approving officer"))
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setAccessibleName(self.tr("Password of the approving officer"))
        self.code = QLineEdit()
        self.code.setAccessibleName(self.tr("6-digit code"))
        self.code.setPlaceholderText(self.tr("only for accounts with two-step login"))
        self.code.setMaxLength(6)
        self.banner = Banner()
        form = QFormLayout()
        form.addRow(self.tr("&Account"), self.account)
        form.addRow(self.tr("&Password"), self.password)
        form.addRow(self.tr("6-digit &code"), self.code)
        buttons = QDialogButtonBox()
        self.approve_button = QPushButton(
            self.tr("Send &now, alone") if emergency else self.tr("Appro&ve as this officer")
        )
        self.approve_button.setAutoDefault(False)
        self.cancel_button = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setText(self.tr("Cancel"))
        # A harmful step: Enter cancels; approving takes the button or its Alt key.
        self.cancel_button.setDefault(True)
        buttons.addButton(self.approve_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.approve_button.clicked.connect(self.approve)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(explanation)
        layout.addWidget(self.as_mailed, 1)
        layout.addLayout(form)
        layout.addWidget(self.banner)
        layout.addWidget(buttons)
        self.account.setFocus(Qt.FocusReason.OtherFocusReason)

    @classmethod
    def for_approval(cls, host: Session, alert: Any, preview: Any) -> SecondOfficerDialog:
        """The dialog approving ``alert`` as previewed (``preview``: what both officers see)."""
        seen_hash = getattr(preview.alert, "content_hash", None)

        def act(name: str, password: str, code: str) -> Any:
            with second_officer(host, name, password, code) as guest:
                return manual_alert_sending.approve(
                    guest, alert.id, seen_hash=seen_hash, seen_count=preview.audience_count
                )

        text = describe_dispatch(preview) + "\n\n" + as_mailed(alert, preview)
        return cls(host.account.name, text, act)

    @classmethod
    def for_emergency(cls, host: Session, alert: Any, preview: Any) -> SecondOfficerDialog:
        """The dialog sending ``alert`` on the single-person emergency path."""

        def act(name: str, password: str, code: str) -> Any:
            with second_officer(host, name, password, code, may_be_host=True) as person:
                return manual_alert_sending.send(person, alert.id, emergency=True)

        text = describe_dispatch(preview) + "\n\n" + as_mailed(alert, preview)
        dialog = cls(host.account.name, text, act, emergency=True)
        dialog.account.setText(host.account.name)
        dialog.password.setFocus()
        return dialog

    def approve(self) -> None:
        name, password = self.account.text().strip(), self.password.text()
        if not name or not password:
            self.banner.show_message(
                self.tr("Enter the approving officer's account and password."), "warning"
            )
            return
        if name == self._host_name and not self._emergency:  # the core refuses it too
            self.password.clear()
            self.banner.show_message(
                self.tr(
                    "%1 is the officer logged in here. The approving officer enters their own "
                    "account and password."
                ).replace("%1", name),
                "warning",
            )
            return
        code = self.code.text().strip()
        self.approve_button.setEnabled(False)
        self.banner.show_message(self.tr("Checking…"), "info")
        # The act opens and closes the second officer's own session on the worker thread.
        run_in_background(lambda: self._act(name, password, code), self._done, self._failed)

    def _done(self, result: Any) -> None:
        self.result_value = result
        self.password.clear()
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self.password.clear()
        self.code.clear()
        self.approve_button.setEnabled(True)
        self.banner.show_message(describe(error), "error")
        self.password.setFocus(Qt.FocusReason.OtherFocusReason)
