"""Settings' recovery key: issue a new one when the printed key is lost or was seen by someone
who left (``kishomail recovery-key``). Asking first, キャンセル by default: the printed key stops
opening the data. The new key is shown once, with 印刷・コピー・保存, and never stored."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.dialogs.recovery_key import RecoveryKeyActions
from desktop.errors import describe
from desktop.tasks import run_in_background
from desktop.widgets.common import Banner, confirm
from dispatch.operations import keys as key_ops
from dispatch.operations.session import Session


class RecoveryKeyBox(QGroupBox):
    #: A new key was issued (its dialog is about to show: tests read it there), or the error.
    done = Signal(object)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Recovery key"))
        self.session = session
        self.banner = Banner()
        text = QLabel(
            self.tr(
                "If every administrator's password is lost, only the printed recovery key opens "
                "the data. Issue a new one when it is lost or someone who saw it has left: the "
                "old key then opens only backups made before."
            )
        )
        text.setWordWrap(True)
        self.new_button = QPushButton(self.tr("Issue a new recovery key…"))
        self.new_button.clicked.connect(self.issue)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addWidget(self.banner)
        layout.addWidget(self.new_button, 0, Qt.AlignmentFlag.AlignLeft)

    def ask(self) -> bool:
        """The question before the old key stops working (tests replace this)."""
        return confirm(
            self,
            self.tr("Issue a new recovery key?"),
            self.tr(
                "The printed recovery key will no longer open the data. Have a printer or a "
                "USB stick ready: the new key is shown only once."
            ),
            self.tr("Issue a new key"),
        )

    def show_key(self, recovery_key: str) -> None:
        """Shown once (tests replace this)."""
        NewRecoveryKeyDialog(recovery_key, self).exec()

    def issue(self) -> None:
        if not self.ask():
            return
        session = self.session
        self.new_button.setEnabled(False)

        def done(recovery_key: str) -> None:
            self.new_button.setEnabled(True)
            self.banner.show_message(
                self.tr("A new recovery key was issued; the old one no longer opens the data."),
                "ok",
            )
            self.done.emit(recovery_key)
            self.show_key(recovery_key)

        def failed(error: BaseException) -> None:
            self.new_button.setEnabled(True)
            self.banner.show_message(describe(error), "error")
            self.done.emit(error)

        run_in_background(
            lambda: key_ops.new_recovery_key(session), done, failed, store=session.store
        )


class NewRecoveryKeyDialog(QDialog):
    def __init__(self, recovery_key: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("The new recovery key (shown once)"))
        key = QLabel(recovery_key)
        key.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        font.setPointSizeF(font.pointSizeF() * 1.3)
        key.setFont(font)
        key.setWordWrap(True)
        self.banner = Banner()
        actions = RecoveryKeyActions(self, lambda: recovery_key, self.banner.show_message)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel(self.tr("Print it or save it to a USB stick now, and lock it away."))
        )
        layout.addWidget(key)
        layout.addLayout(actions.layout)
        layout.addWidget(self.banner)
        layout.addWidget(buttons)
