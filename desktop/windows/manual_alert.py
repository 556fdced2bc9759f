"""Manual alert: compose → submit → a second officer approves → send, and follow progress.

Built on ``dispatch.operations.manual_alerts`` (drafting) and ``.manual_alert_sending`` (approval
and sending; the two-person rule lives in the core: the author's approval is refused there; this
screen also disables "Approve" on one's own alert).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, Signal
from PySide6.QtWidgets import (
    QDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from desktop.bridge import ServiceBridge
from desktop.errors import describe
from desktop.formatting import typed, when
from desktop.models.table import Column, RecordTableModel
from desktop.tasks import run_in_background
from desktop.widgets.common import Banner, confirm, table_view
from desktop.windows.alert_composer import ComposerPart
from desktop.windows.alert_parts import (
    DispatchFollower,
    as_mailed,
    describe_dispatch,
    test_send_outcome,
)
from desktop.windows.second_officer import SecondOfficerDialog
from desktop.words import words
from dispatch.operations import manual_alert_sending as sending
from dispatch.operations import manual_alerts as core
from dispatch.operations.session import Session
from dispatch.operations.settings import setting_value
from dispatch.records.accounts import Permission


class ManualAlertPage(ComposerPart, DispatchFollower, QWidget):
    changed = Signal()
    previewed = Signal(object)
    #: A test send ended: its TrialReport, or the exception.
    tested = Signal(object)
    #: The dispatch this screen started has finished (its :class:`DispatchDone` event).
    sent = Signal(object)
    #: The "approve as another officer" dialog is about to open (tests fill it in).
    inPlaceDialog = Signal(object)

    def __init__(self, session: Session, bridge: ServiceBridge, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.banner = Banner()
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        w = words()
        composer = self._composer(w)

        # ---- queue
        self.model = RecordTableModel(
            [
                Column(self.tr("No."), lambda a: a.id, numeric=True),
                Column(self.tr("Status"), lambda a: self._status(str(a.status))),
                Column(
                    self.tr("Subject"),
                    lambda a: next(iter(a.texts.values())).subject if a.texts else "",
                ),
                Column(self.tr("Author"), lambda a: getattr(a, "author", "")),
                Column(self.tr("Approved by"), lambda a: a.approver or ""),
                Column(self.tr("Created"), lambda a: when(getattr(a, "created_at", None))),
            ],
            self,
        )
        self.view = table_view(self.tr("Manual alerts"))
        self.view.setModel(self.model)
        self.view.selectionModel().currentRowChanged.connect(lambda c, _: self._selected(c.row()))
        self.preview = QPlainTextEdit()
        self.preview.setReadOnly(True)
        self.preview.setAccessibleName(self.tr("Preview exactly as mailed"))
        self.preview.setPlaceholderText(self.tr("Select an alert to see it exactly as mailed."))
        self.approve_button = QPushButton(self.tr("&Approve (second officer)"))
        self.approve_button.clicked.connect(self.approve_selected)
        self.approve_in_place_button = QPushButton(self.tr("Approve as another &officer…"))
        self.approve_in_place_button.setToolTip(
            self.tr("The second officer approves here with their own password; nobody logs out.")
        )
        self.approve_in_place_button.clicked.connect(self.approve_in_place)
        self.approve_in_place_button.setEnabled(False)
        # Shown only where an administrator turned on alerts.single_person_emergency.
        self.emergency_button = QPushButton(self.tr("&Emergency: send alone…"))
        self.emergency_button.clicked.connect(self.emergency_send_selected)
        self.emergency_button.hide()
        self.send_button = QPushButton(self.tr("Send &now"))
        self.send_button.clicked.connect(self.send_selected)
        self.cancel_button = QPushButton(self.tr("Cancel alert"))
        self.cancel_button.clicked.connect(self.cancel_selected)
        self.approve_button.setEnabled(False)
        self.send_button.setEnabled(False)
        self.cancel_button.setEnabled(False)
        self.test_address = QLineEdit()
        self.test_address.setAccessibleName(self.tr("Test address"))
        self.test_address.setPlaceholderText(
            self.tr("your own address, e.g. bousai@city.example.jp")
        )
        self.test_button = QPushButton(self.tr("Send &test"))
        self.test_button.setToolTip(
            self.tr("Sends the selected alert, marked as a test, to this address only.")
        )
        self.test_button.setEnabled(False)
        self.test_button.clicked.connect(self.send_test_selected)
        self.progress = QProgressBar()
        self.progress.setAccessibleName(self.tr("Sending progress"))
        self.progress.hide()
        self.outcome = QLabel()
        self.outcome.setWordWrap(True)
        self.outcome.hide()
        # Alt+Q puts the focus in the list (the group's mnemonic): no Tab through the composer.
        queue = QGroupBox(self.tr("Approvals &queue and sending"))
        queue_layout = QVBoxLayout(queue)
        queue_layout.addWidget(self.view)
        buttons = QHBoxLayout()
        buttons.addWidget(self.approve_button)
        buttons.addWidget(self.approve_in_place_button)
        buttons.addWidget(self.send_button)
        buttons.addWidget(self.emergency_button)
        buttons.addWidget(self.cancel_button)
        buttons.addStretch(1)
        queue_layout.addLayout(buttons)
        test_line = QHBoxLayout()
        test_line.addWidget(QLabel(self.tr("Test send to")))
        test_line.addWidget(self.test_address, 1)
        test_line.addWidget(self.test_button)
        queue_layout.addLayout(test_line)
        queue_layout.addWidget(self.progress)
        queue_layout.addWidget(self.outcome)
        queue_layout.addWidget(self.preview)
        splitter = QSplitter()
        splitter.addWidget(composer)
        splitter.addWidget(queue)
        layout.addWidget(splitter)
        self.current: Any = None
        self.current_preview: Any = None
        #: The dispatch this screen sent and follows (progress bar and outcome).
        self.tracked: int | None = None
        self._last_progress_read = 0.0
        #: Reloads started: a list older than the newest one started is not shown (background
        #: tasks can finish out of order).
        self._reloads = 0
        bridge.dispatchDone.connect(self._dispatch_done)
        bridge.progress.connect(self._progress)
        self.reload()

    def _status(self, status: str) -> str:
        return {
            "draft": self.tr("draft"),
            "submitted": self.tr("waiting for approval"),
            "approved": self.tr("approved"),
            "scheduled": self.tr("scheduled"),
            "sent": self.tr("sent"),
            "cancelled": self.tr("cancelled"),
        }.get(status, status)

    def reload(self) -> None:
        session = self.session
        self._reloads += 1
        generation = self._reloads

        def work() -> tuple[list[Any], bool, int]:
            emergency = setting_value(session, "alerts.single_person_emergency")
            return core.list_alerts(session), bool(emergency), generation

        run_in_background(work, self._listed, self._failed, store=session.store)

    def _listed(self, loaded: tuple[list[Any], bool, int]) -> None:
        alerts, emergency_allowed, generation = loaded
        if generation != self._reloads:
            return  # a newer list is on its way
        self.emergency_button.setVisible(emergency_allowed)
        keep = self.current.id if self.current is not None else None
        self.model.replace(alerts)
        self.view.resizeColumnsToContents()
        # The selected alert stays selected (its buttons and preview follow its new status).
        for number, alert in enumerate(alerts):
            if alert.id == keep:
                self.view.setCurrentIndex(self.model.index(number, 0))
                break

    def show_draft_preview(self, preview: Any) -> None:
        """The composer's draft as mailed, in the preview pane; nothing in the queue is
        selected meanwhile, so no button acts on another alert."""
        self.view.setCurrentIndex(QModelIndex())
        self.current = self.current_preview = None
        for button in (
            *(self.approve_button, self.approve_in_place_button, self.send_button),
            *(self.cancel_button, self.emergency_button, self.test_button),
        ):
            button.setEnabled(False)
        unsaved = self.tr("Not saved yet: the draft as it would be mailed now.")
        self.preview.setPlainText(unsaved + "\n\n" + as_mailed(preview.alert, preview))
        self.previewed.emit(preview)

    def ask(self, title: str, text: str, action: str, details: str) -> bool:
        """A confirmation with キャンセル as the default (tests replace this)."""
        return confirm(self, title, text, action, details)

    def _selected(self, row_number: int) -> None:
        if not 0 <= row_number < len(self.model.rows):
            return
        alert, session = self.model.record(row_number), self.session
        self.current = alert
        self.current_preview = None

        def done(preview: Any) -> None:
            if self.current is not alert:
                return  # another alert was chosen meanwhile: its own preview follows
            self.current_preview = preview
            self.preview.setPlainText(as_mailed(alert, preview))
            own = getattr(alert, "author", None) == session.account.name
            status = str(alert.status)
            self.approve_button.setEnabled(
                status == "submitted" and not own and session.can(Permission.APPROVE_ALERTS)
            )
            self.approve_button.setToolTip(
                self.tr("You wrote this alert: another officer must approve it.") if own else ""
            )
            self.approve_in_place_button.setEnabled(status == "submitted")
            self.emergency_button.setEnabled(status in ("draft", "submitted", "approved"))
            self.send_button.setEnabled(
                status == "approved" and session.can(Permission.SEND_ALERTS)
            )
            self.cancel_button.setEnabled(
                status in ("draft", "submitted", "approved", "scheduled")
                and session.can(Permission.SEND_ALERTS)
            )
            self.test_button.setEnabled(session.can(Permission.COMPOSE_ALERTS))
            self.previewed.emit(preview)

        run_in_background(
            lambda: core.preview(session, alert.id), done, self._failed, store=session.store
        )

    def approve_selected(self) -> None:
        if self.current is None or self.current_preview is None:
            return
        session, alert, preview = self.session, self.current, self.current_preview
        if not self.ask(
            self.tr("Approve this alert?"),
            self.tr("Approve alert %1? After approval it can be sent to every recipient.").replace(
                "%1", str(alert.id)
            ),
            self.tr("Approve"),
            describe_dispatch(preview),
        ):
            return
        seen_hash = getattr(preview.alert, "content_hash", None)

        def work() -> Any:
            return sending.approve(
                session, alert.id, seen_hash=seen_hash, seen_count=preview.audience_count
            )

        self._act(work, self.tr("Approved. It can be sent now."))

    def approve_in_place(self) -> None:
        """Officer B approves at this workstation as themselves (A stays logged in)."""
        if self.current is None or self.current_preview is None:
            return
        dialog = SecondOfficerDialog.for_approval(self.session, self.current, self.current_preview)
        self.inPlaceDialog.emit(dialog)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.banner.show_message(
                self.tr("Approved by %1. It can be sent now.").replace(
                    "%1", dialog.result_value.approver
                ),
                "ok",
            )
            self.reload()
            self.changed.emit()

    def emergency_send_selected(self) -> None:
        """The single-person emergency path: whoever decides confirms with their password."""
        if self.current is None or self.current_preview is None:
            return
        total = self.current_preview.audience_count
        dialog = SecondOfficerDialog.for_emergency(self.session, self.current, self.current_preview)
        self.inPlaceDialog.emit(dialog)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.follow_sent(dialog.result_value, total)
            self.reload()
            self.changed.emit()

    def send_selected(self) -> None:
        if self.current is None:
            return
        session, alert = self.session, self.current
        total = self.current_preview.audience_count if self.current_preview else 0
        if self.current_preview is None or not self.ask(
            self.tr("Send this alert now?"),
            self.tr("Send alert %1 to %2 recipients now? A sent mail cannot be called back.")
            .replace("%1", str(alert.id))
            .replace("%2", f"{total:,}"),
            self.tr("Send"),
            describe_dispatch(self.current_preview),
        ):
            return
        self.send_button.setEnabled(False)

        def done(sent: Any) -> None:
            self.follow_sent(sent, total)
            self.reload()
            self.changed.emit()

        run_in_background(
            lambda: sending.send(session, alert.id), done, self._failed, store=session.store
        )

    def cancel_selected(self) -> None:
        if self.current is None or not self.ask(
            self.tr("Cancel this alert?"),
            self.tr("Cancel alert %1? It will not be sent.").replace("%1", str(self.current.id)),
            self.tr("Cancel the alert"),
            "",
        ):
            return
        session, alert = self.session, self.current
        self._act(lambda: core.cancel(session, alert.id), self.tr("The alert was cancelled."))

    def send_test_selected(self) -> None:
        if self.current is None:
            return
        session, alert, to = self.session, self.current, typed(self.test_address.text())
        self.test_button.setEnabled(False)

        def work() -> Any:
            return sending.send_test(session, alert.id, to)

        def done(report: Any) -> None:
            self.test_button.setEnabled(True)
            self.banner.show_message(*test_send_outcome(report, to))
            self.tested.emit(report)

        def failed(error: BaseException) -> None:
            self.test_button.setEnabled(True)
            self._failed(error)
            self.tested.emit(error)

        run_in_background(work, done, failed, store=session.store)

    def _act(self, work: Any, text: str) -> None:
        def done(_: object) -> None:
            self.banner.show_message(text, "ok")
            self.reload()
            self.changed.emit()

        run_in_background(work, done, self._failed, store=self.session.store)

    def _failed(self, error: BaseException) -> None:
        self.banner.show_message(describe(error), "error")
