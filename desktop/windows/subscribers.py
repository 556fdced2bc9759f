"""Subscribers: a lazy table over the store with a query-backed filter, and the actions."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core_words import say
from desktop.dialogs.import_wizard import ImportWizard
from desktop.dialogs.subscriber import SubscriberDialog
from desktop.errors import describe
from desktop.formatting import typed, when
from desktop.models.subscribers import SubscriberReader, SubscriberTableModel
from desktop.models.table import Column
from desktop.tasks import run_in_background
from desktop.widgets.common import Banner, confirm, table_view
from desktop.widgets.password_once import PasswordOnceDialog
from desktop.words import words
from dispatch.base.errors import ValidationError
from dispatch.base.vocabulary import Language
from dispatch.operations import exports as export_ops
from dispatch.operations import stations as station_ops
from dispatch.operations import subscribers as subscriber_ops
from dispatch.operations.session import Session
from dispatch.records.accounts import Permission
from dispatch.records.export_requests import ExportRequest
from dispatch.records.stations import Station
from dispatch.records.subscriber_queries import SubscriberQuery
from dispatch.records.subscribers import TOPIC_NAMES, Channel, NewSubscriber, Status, Subscriber


class SubscribersPage(QWidget):
    #: An action finished and the table was asked to reload (tests wait for this).
    changed = Signal()

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        w = words()
        self.reader = SubscriberReader(session)
        self.model = SubscriberTableModel(
            self.reader,
            [
                Column(self.tr("ID"), lambda s: s.id, numeric=True, order="id"),
                Column(self.tr("E-mail address"), lambda s: s.email, order="email"),
                Column(self.tr("Status"), lambda s: w.status(s.status), order="status"),
                Column(
                    self.tr("Topics"), lambda s: ", ".join(w.topic(t) for t in s.topics.names())
                ),
                Column(self.tr("Language"), lambda s: w.language(s.language), order="language"),
                Column(self.tr("Channel"), lambda s: w.channel(s.channel), order="channel"),
                Column(self.tr("Registered"), lambda s: when(s.created_at), order="created_at"),
                Column(
                    self.tr("Bounces"),
                    lambda s: self._bounce_text(s.id),
                    numeric=True,
                    tooltip=lambda s: self.tr(
                        "Mail the relay accepted and the carrier returned, over the last %1 "
                        "days: hard (the address is dead; enough of them suspend it) and soft "
                        "(a passing reason, e.g. a full mailbox)."
                    ).replace("%1", str(self.model.bounce_days)),
                ),
            ],
            self,
        )
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search by part of the address"))
        self.search.setAccessibleName(self.tr("Search by part of the address"))
        self.search.setClearButtonEnabled(True)
        self.topic = self._combo(self.tr("All topics"), [(t, w.topic(t)) for t in TOPIC_NAMES])
        self.language = self._combo(
            self.tr("All languages"), [(x, w.language(x)) for x in Language]
        )
        self.status = self._combo(self.tr("All statuses"), [(x, w.status(x)) for x in Status])
        self.channel = self._combo(self.tr("All channels"), [(x, w.channel(x)) for x in Channel])
        self.count_label = QLabel()
        self.count_label.setAccessibleName(self.tr("Number of subscribers shown"))
        filters = QHBoxLayout()
        filters.addWidget(self.search, 2)
        for combo in (self.topic, self.language, self.status, self.channel):
            filters.addWidget(combo, 1)
            combo.currentIndexChanged.connect(self.apply_filter)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(150)
        self._debounce.timeout.connect(self.apply_filter)
        self.search.textChanged.connect(lambda _: self._debounce.start())

        self.view = table_view(self.tr("Subscribers"))
        self.view.setModel(self.model)
        self.view.doubleClicked.connect(lambda _: self.edit_selected())
        for column, width in ((0, 70), (1, 300), (2, 110), (3, 260), (4, 110), (5, 100), (6, 150)):
            self.view.setColumnWidth(column, width)

        can_write = session.can(Permission.WRITE_SUBSCRIBERS)
        self.add_button = self._button(self.tr("Add…"), "Ctrl+N", self.add_subscriber, can_write)
        self.edit_button = self._button(self.tr("Change…"), "Ctrl+E", self.edit_selected, can_write)
        self.unsubscribe_button = self._button(
            self.tr("Stop mail"), "", self.unsubscribe_selected, can_write
        )
        self.delete_button = self._button(
            self.tr("Delete…"), "Del", self.delete_selected, can_write
        )
        self.import_button = self._button(
            self.tr("Import CSV…"), "Ctrl+I", self.open_import, can_write
        )
        self.export_button = self._button(
            self.tr("Encrypted export…"),
            "",
            self.export,
            session.can(Permission.EXPORT_SUBSCRIBERS),
        )
        actions = QHBoxLayout()
        for button in (
            self.add_button,
            self.edit_button,
            self.unsubscribe_button,
            self.delete_button,
        ):
            actions.addWidget(button)
        actions.addStretch(1)
        actions.addWidget(self.import_button)
        actions.addWidget(self.export_button)
        self.banner = Banner()

        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addLayout(actions)
        layout.addWidget(self.banner)
        layout.addWidget(self.view)
        layout.addWidget(self.count_label)
        self.model.countChanged.connect(self._show_count)
        self.model.pageLoaded.connect(lambda _: self._show_count(self.model.total))
        self.model.readFailed.connect(lambda e: self.banner.show_message(describe(e), "error"))
        self.model.set_query(SubscriberQuery())

    def _bounce_text(self, subscriber_id: int) -> str:
        hard, soft = self.model.bounces.get(subscriber_id, (0, 0))
        if not hard and not soft:
            return ""
        return self.tr("hard %1, soft %2").replace("%1", str(hard)).replace("%2", str(soft))

    def _combo(self, everything: str, items: list[tuple[str, str]]) -> QComboBox:
        combo = QComboBox()
        combo.setAccessibleName(everything)
        combo.addItem(everything, None)
        for value, text in items:
            combo.addItem(text, str(value))
        return combo

    def _button(self, text: str, shortcut: str, slot: Any, enabled: bool) -> QPushButton:
        button = QPushButton(text)
        if shortcut:
            button.setShortcut(QKeySequence(shortcut))
            button.setToolTip(f"{text} ({shortcut})")
        button.clicked.connect(slot)
        button.setEnabled(enabled)
        return button

    # ---- filter -----------------------------------------------------------------------------

    def query(self) -> SubscriberQuery:
        status, language, channel = (
            self.status.currentData(),
            self.language.currentData(),
            self.channel.currentData(),
        )
        return SubscriberQuery(
            text=typed(self.search.text()) or None,
            status=Status(status) if status else None,
            language=Language(language) if language else None,
            channel=Channel(channel) if channel else None,
            topic=self.topic.currentData(),
            sort=self.model.query.sort,  # a new filter keeps the order chosen by a header
            descending=self.model.query.descending,
        )

    def apply_filter(self) -> None:
        self._debounce.stop()
        self.model.set_query(self.query())

    def _show_count(self, total: int | None) -> None:
        shown = len(self.model.rows)
        if total is None:
            self.count_label.setText(self.tr("%1 shown").replace("%1", f"{shown:,}"))
        else:
            self.count_label.setText(
                self.tr("%1 subscribers match; %2 loaded (scroll for more)")
                .replace("%1", f"{total:,}")
                .replace("%2", f"{shown:,}")
                if shown < total
                else self.tr("%1 subscribers match").replace("%1", f"{total:,}")
            )

    # ---- actions ----------------------------------------------------------------------------

    def selected(self) -> Subscriber | None:
        rows = self.view.selectionModel().selectedRows()
        return self.model.record(rows[0].row()) if rows else None

    def _run(self, fn: Any, done_text: str) -> None:
        session = self.session

        def ok(_: object) -> None:
            self.banner.show_message(done_text, "ok")
            self.model.refresh()
            self.changed.emit()

        run_in_background(
            fn, ok, lambda e: self.banner.show_message(describe(e), "error"), store=session.store
        )

    def stations(self) -> list[Station]:
        """The one list of river stations the dialog offers (a short read of the store or the
        shipped file); an unreadable list is told on the banner and offers none."""
        try:
            return station_ops.river_stations(self.session)
        except ValidationError as error:
            self.banner.show_message(say(error.message), "warning")
            return []

    def add_subscriber(self) -> None:
        dialog = SubscriberDialog(parent=self, stations=self.stations())
        if self.exec_dialog(dialog):
            self.save_new(dialog)

    def save_new(self, dialog: SubscriberDialog) -> None:
        session = self.session
        new_email, topics = typed(dialog.email.text()), dialog.topics()
        language, charset, quiet = (
            dialog.language.currentData(),
            dialog.charset.currentData(),
            dialog.quiet_hours(),
        )

        def work() -> Subscriber:
            new = NewSubscriber(
                new_email,
                topics,
                session.clock.now(),
                language=language,
                charset=charset,
                quiet_hours=quiet,
            )
            return subscriber_ops.add_subscriber(session, new)

        self._run(work, self.tr("The subscriber was added."))

    def edit_selected(self) -> None:
        subscriber = self.selected()
        if subscriber is None or not self.edit_button.isEnabled():
            return
        dialog = SubscriberDialog(subscriber, parent=self, stations=self.stations())
        if self.exec_dialog(dialog):
            self.save_change(subscriber.id, dialog)

    def save_change(self, subscriber_id: int, dialog: SubscriberDialog) -> None:
        session = self.session
        topics, quiet = dialog.topics(), dialog.quiet_hours()
        language, charset, status = (
            dialog.language.currentData(),
            dialog.charset.currentData(),
            dialog.status.currentData(),
        )
        self._run(
            lambda: subscriber_ops.change_subscriber(
                session,
                subscriber_id,
                topics=topics,
                language=language,
                charset=charset,
                quiet_hours=quiet,
                clear_quiet_hours=quiet is None,
                status=status,
            ),
            self.tr("The subscriber was changed."),
        )

    def unsubscribe_selected(self) -> None:
        subscriber = self.selected()
        if subscriber is None:
            return
        session = self.session
        self._run(
            lambda: subscriber_ops.unsubscribe(session, subscriber.id),
            self.tr("Mail to subscriber %1 was stopped.").replace("%1", str(subscriber.id)),
        )

    def delete_selected(self) -> None:
        subscriber = self.selected()
        if subscriber is None:
            return
        if not self.confirm(
            self.tr("Delete %1 for good?").replace("%1", subscriber.email),
            self.tr(
                "Subscriber %1 (%2) gets no more mail. The address is erased; an erasure "
                "record without the address is kept. This cannot be undone."
            )
            .replace("%1", str(subscriber.id))
            .replace("%2", subscriber.email),
        ):
            return
        session = self.session
        self._run(
            lambda: subscriber_ops.delete_subscriber(session, subscriber.id),
            self.tr("Subscriber %1 was deleted.").replace("%1", str(subscriber.id)),
        )

    def open_import(self) -> ImportWizard:
        wizard = ImportWizard(self.session, self)
        wizard.imported.connect(self._imported)
        wizard.show()
        return wizard

    def _imported(self, _rows_added: int) -> None:
        self.model.refresh()
        self.changed.emit()

    def export(self) -> None:
        """Personal data leaves only with a second person's approval: the first press asks
        for it (with the reason); once an administrator has approved, the next press writes
        the file — once."""
        session = self.session
        run_in_background(
            lambda: export_ops.my_runnable_export(session),
            lambda request: self.write_export(session, request),
            lambda e: self.banner.show_message(describe(e), "error"),
            store=session.store,
        )

    def write_export(self, session: Session, request: ExportRequest | None) -> None:
        if request is None:
            self.ask_for_export(session)
            return
        request_id = request.id
        path = self.ask_export_path()
        if path is None:
            return
        self.banner.show_message(self.tr("Writing the encrypted file…"), "info")

        def done(result: tuple[str, int]) -> None:
            password, count = result
            self.banner.show_message(
                self.tr("%1 subscribers written to %2.")
                .replace("%1", f"{count:,}")
                .replace("%2", path.name),
                "ok",
            )
            self.show_password(password, count)

        run_in_background(
            lambda: export_ops.run_subscriber_export(session, request_id, path),
            done,
            lambda e: self.banner.show_message(describe(e), "error"),
            store=session.store,
        )

    def ask_for_export(self, session: Session) -> None:
        reason = self.ask_export_reason()
        if reason is None:
            return
        query = self.query()

        def made(request: ExportRequest) -> None:
            self.banner.show_message(
                self.tr(
                    "Export request %1 was made. An administrator approves it (kishomail "
                    "subscribers export-approve %1); then press Export again to write the file."
                ).replace("%1", str(request.id)),
                "info",
            )

        run_in_background(
            lambda: export_ops.request_subscriber_export(session, reason, query),
            made,
            lambda e: self.banner.show_message(describe(e), "error"),
            store=session.store,
        )

    # ---- questions (tests replace these) ---------------------------------------------------

    def ask_export_reason(self) -> str | None:
        reason, ok = QInputDialog.getText(
            self,
            self.tr("Ask for an export"),
            self.tr(
                "Personal data leaves the store only with a second person's approval.\n"
                "Why must these subscribers be written to a file?"
            ),
        )
        return reason if ok and reason.strip() else None

    def exec_dialog(self, dialog: SubscriberDialog) -> bool:
        return dialog.exec() == SubscriberDialog.DialogCode.Accepted

    def confirm(self, text: str, details: str = "") -> bool:
        """キャンセル is the default: a tired Enter deletes nothing."""
        return confirm(self, self.tr("Delete a subscriber"), text, self.tr("Delete"), details)

    def ask_export_path(self) -> Path | None:
        name, _ = QFileDialog.getSaveFileName(
            self, self.tr("Encrypted export"), "subscribers.zip", self.tr("ZIP files (*.zip)")
        )
        return Path(name) if name else None

    def show_password(self, password: str, count: int) -> None:
        PasswordOnceDialog(
            self.tr("The file's password (shown once)"),
            self.tr(
                "The ZIP file is encrypted (AES-256). Its password is shown only now; give "
                "it to the recipient by another way than the file (phone, in person)."
            ),
            password,
            self,
        ).exec()

    def shutdown(self) -> None:
        self.reader.stop()
