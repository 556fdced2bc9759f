"""The embedded local mailbox: what the demo (or a store without relay) "sent".

Nothing here reached anyone. The list shows time, subject and the number of recipients to
everyone who may run the service; the message itself (it names the recipient) opens only for
roles that may see subscribers' addresses, as in ``kishomail mailbox show``.
"""

from __future__ import annotations

import email
import email.policy
from email.message import EmailMessage

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QPushButton, QSplitter, QVBoxLayout, QWidget

from desktop.bridge import ServiceBridge
from desktop.errors import describe
from desktop.formatting import when
from desktop.models.table import Column, RecordTableModel
from desktop.tasks import run_in_background
from desktop.widgets.common import Banner, row, table_view
from dispatch.operations import mailbox as mailbox_ops
from dispatch.operations.mailbox import MailboxEntry
from dispatch.operations.session import Session
from dispatch.records.accounts import Permission


def render_message(data: bytes) -> str:
    message = email.message_from_bytes(data, policy=email.policy.default)
    assert isinstance(message, EmailMessage)
    lines = [f"{name}: {message.get(name, '')}" for name in ("Date", "From", "To", "Subject")]
    body = message.get_body(preferencelist=("plain",))
    text = body.get_content() if isinstance(body, EmailMessage) else ""
    return "\n".join(lines) + "\n\n" + text


class MailboxPage(QWidget):
    loaded = Signal(int)
    opened = Signal(str)

    def __init__(self, session: Session, bridge: ServiceBridge, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.may_open = session.can(Permission.READ_SUBSCRIBERS)
        self.model = RecordTableModel(
            [
                Column(self.tr("Received"), lambda e: when(e.received_at.isoformat(), True)),
                Column(self.tr("Recipients"), lambda e: len(e.recipients), numeric=True),
                Column(self.tr("Subject"), lambda e: e.subject),
            ],
            self,
        )
        self.view = table_view(self.tr("Messages in the local mailbox"))
        self.view.setModel(self.model)
        self.view.selectionModel().currentRowChanged.connect(lambda c, _: self.open_row(c.row()))
        self.text = QPlainTextEdit()
        self.text.setReadOnly(True)
        self.text.setAccessibleName(self.tr("Message"))
        if not self.may_open:
            self.text.setPlaceholderText(
                self.tr(
                    "Messages name their recipient, so only roles that may see subscribers "
                    "open them. The list shows that mail was delivered."
                )
            )
        note = QLabel(
            self.tr(
                "The local mailbox keeps the mail sent while no mail relay is set. NONE of "
                "it reached anyone. It is kept encrypted with the rest of the data and "
                "deleted with the delivery records when their keeping period ends."
            )
        )
        note.setWordWrap(True)
        note.setStyleSheet("color:#4a3500; font-weight:bold;")
        refresh = QPushButton(self.tr("Refresh"))
        refresh.setShortcut("F5")
        refresh.clicked.connect(self.reload)
        self.banner = Banner()
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.view)
        splitter.addWidget(self.text)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(row(note, refresh, stretch=False))
        layout.addWidget(self.banner)
        layout.addWidget(splitter)
        bridge.dispatchDone.connect(lambda _: self.reload())
        self.reload()

    def reload(self) -> None:
        session = self.session
        run_in_background(
            lambda: mailbox_ops.list_local_mailbox(session),
            self._loaded,
            self._failed,
            store=session.store,
        )

    def _loaded(self, entries: list[MailboxEntry]) -> None:
        self.model.replace(entries)
        self.view.resizeColumnsToContents()
        self.loaded.emit(len(entries))

    def open_row(self, row_number: int) -> None:
        if not self.may_open or not 0 <= row_number < len(self.model.rows):
            return
        entry, session = self.model.record(row_number), self.session

        def work() -> str:
            return render_message(mailbox_ops.read_local_message(session, entry.id))

        def done(text: str) -> None:
            self.text.setPlainText(text)
            self.opened.emit(entry.id)

        run_in_background(work, done, self._failed, store=session.store)

    def _failed(self, error: BaseException) -> None:
        self.banner.show_message(describe(error), "error")
