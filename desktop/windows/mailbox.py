"""The embedded local mailbox: what the demo (or a store without relay) "sent".

Nothing here reached anyone. The list shows time, subject and the number of recipients to
everyone who may run the service; the message itself (it names the recipient) opens only for
roles that may see subscribers' addresses, as in ``kishomail mailbox show``.

A typhoon night leaves hundreds of copies of one subject: by default the list shows one line per
subject with how many messages carry it (a double click or Enter lists that subject's messages);
the search field keeps the messages whose subject or recipient contains the typed text (NFKC:
「ｒｅｓｉｄｅｎｔ０４２」 finds resident042).
"""

from __future__ import annotations

import datetime as dt
import email
import email.policy
from dataclasses import dataclass
from email.message import EmailMessage

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.bridge import ServiceBridge
from desktop.errors import describe
from desktop.formatting import typed, when
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


@dataclass(frozen=True)
class SubjectGroup:
    """The messages of one subject: one line of the grouped list."""

    subject: str
    messages: tuple[MailboxEntry, ...]  # newest first

    @property
    def id(self) -> str:  # the view keeps the selection on it across reloads
        return self.subject

    @property
    def newest(self) -> dt.datetime:
        return self.messages[0].received_at

    @property
    def recipients(self) -> int:
        return sum(len(m.recipients) for m in self.messages)


def matching(entries: list[MailboxEntry], text: str) -> list[MailboxEntry]:
    """The messages whose subject or a recipient contains ``text`` (NFKC, any case)."""
    wanted = typed(text).casefold()
    if not wanted:
        return list(entries)
    return [
        e
        for e in entries
        if wanted in typed(e.subject).casefold()
        or any(wanted in r.casefold() for r in e.recipients)
    ]


def grouped(entries: list[MailboxEntry]) -> list[SubjectGroup]:
    """One group per subject, the group with the newest message first."""
    by_subject: dict[str, list[MailboxEntry]] = {}
    for entry in sorted(entries, key=lambda e: e.received_at, reverse=True):
        by_subject.setdefault(entry.subject, []).append(entry)
    return [SubjectGroup(subject, tuple(found)) for subject, found in by_subject.items()]


class MailboxPage(QWidget):
    loaded = Signal(int)
    opened = Signal(str)
    #: The list shown changed (rows in it: groups or messages).
    shown = Signal(int)

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
        self.group_model = RecordTableModel(
            [
                Column(self.tr("Latest"), lambda g: when(g.newest.isoformat(), True)),
                Column(self.tr("Messages"), lambda g: len(g.messages), numeric=True),
                Column(self.tr("Recipients"), lambda g: g.recipients, numeric=True),
                Column(self.tr("Subject"), lambda g: g.subject),
            ],
            self,
        )
        self.group_view = table_view(self.tr("Subjects in the local mailbox"))
        self.group_view.setModel(self.group_model)
        self.group_view.selectionModel().currentRowChanged.connect(
            lambda c, _: self._open_group(c.row())
        )
        self.group_view.activated.connect(self._expand)
        self.group_view.setToolTip(self.tr("Double-click or Enter: this subject's messages"))
        self.lists = QStackedWidget()
        self.lists.addWidget(self.group_view)
        self.lists.addWidget(self.view)
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search the subject or recipient"))
        self.search.setAccessibleName(self.tr("Search the subject or recipient"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(lambda _: self._show())
        self.group_box = QCheckBox(self.tr("One line per subject"))
        self.group_box.setChecked(True)
        self.group_box.toggled.connect(lambda _: self._show())
        self.count_label = QLabel()
        self._all: list[MailboxEntry] = []
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
        refresh.setToolTip(self.tr("The window's F5 does the same on every page."))
        refresh.clicked.connect(self.reload)
        self.banner = Banner()
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.lists)
        splitter.addWidget(self.text)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(row(note, refresh, stretch=False))
        layout.addLayout(row(self.search, self.group_box, self.count_label, stretch=False))
        layout.addWidget(self.banner)
        layout.addWidget(splitter, 1)
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
        self._all = list(entries)
        self._show()
        self.loaded.emit(len(entries))

    def _show(self) -> None:
        """Fill the list from what was loaded, the search and the grouping."""
        found = matching(self._all, self.search.text())
        self.model.replace(found)
        if self.group_box.isChecked():
            groups = grouped(found)
            self.group_model.replace(groups)
            self.lists.setCurrentWidget(self.group_view)
            self.group_view.resizeColumnsToContents()
            shown = len(groups)
            text = self.tr("%1 subjects, %2 messages")
        else:
            self.lists.setCurrentWidget(self.view)
            self.view.resizeColumnsToContents()
            shown = len(found)
            text = self.tr("%2 messages")
        if self.search.text():
            text += self.tr(" (of %3)")
        self.count_label.setText(
            text.replace("%1", f"{shown:,}")
            .replace("%2", f"{len(found):,}")
            .replace("%3", f"{len(self._all):,}")
        )
        self.shown.emit(shown)

    def _open_group(self, row_number: int) -> None:
        """A group chosen: its newest message in the pane."""
        if not 0 <= row_number < self.group_model.rowCount():
            return
        newest = self.group_model.record(row_number).messages[0]
        for number, entry in enumerate(self.model.rows):
            if entry.id == newest.id:
                self.open_row(number)
                return

    def _expand(self, index: QModelIndex) -> None:
        """Enter or a double click on a subject: the list of its messages."""
        if not index.isValid():
            return
        group = self.group_model.record(index.row())
        self.group_box.setChecked(False)
        self.search.setText(group.subject)
        self.view.setFocus()

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
