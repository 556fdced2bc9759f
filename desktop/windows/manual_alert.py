"""Manual alert: compose → submit → a second officer approves → send, and follow progress.

Built on ``dispatch.manual_alerts`` (the two-person rule lives in the core: the author's
approval is refused there; this screen also disables "Approve" on one's own alert).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from desktop.bridge import ServiceBridge
from desktop.errors import describe
from desktop.formatting import when
from desktop.models.table import Column, RecordTableModel
from desktop.tasks import run_in_background
from desktop.widgets.common import Banner, table_view
from desktop.words import words
from dispatch.accounts import Permission
from dispatch.session import Session
from dispatch.subscribers import TOPIC_NAMES

try:  # issue 5's module; the screen says so when it is missing
    from dispatch import manual_alerts as core
except ImportError:  # pragma: no cover
    core = None  # type: ignore[assignment]


class ManualAlertPage(QWidget):
    changed = Signal()
    previewed = Signal(object)

    def __init__(self, session: Session, bridge: ServiceBridge, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.banner = Banner()
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        if core is None:
            self.banner.show_message(
                self.tr("Manual alerts are not available in this version."), "warning"
            )
            return
        w = words()
        # ---- composer
        self.category = QComboBox()
        for value, text in (
            ("evacuation", self.tr("Evacuation information")),
            ("weather", self.tr("Weather information")),
            ("other", self.tr("Other notice")),
        ):
            self.category.addItem(text, value)
        self.subject_ja = QLineEdit()
        self.subject_ja.setAccessibleName(self.tr("Subject (Japanese)"))
        self.body_ja = QPlainTextEdit()
        self.body_ja.setAccessibleName(self.tr("Text (Japanese)"))
        self.subject_en = QLineEdit()
        self.subject_en.setAccessibleName(self.tr("Subject (English, optional)"))
        self.body_en = QPlainTextEdit()
        self.body_en.setAccessibleName(self.tr("Text (English, optional)"))
        for edit in (self.body_ja, self.body_en):
            edit.setMinimumHeight(90)
        self.topics = {t: QCheckBox(w.topic(t)) for t in TOPIC_NAMES}
        topics_line = QHBoxLayout()
        for box in self.topics.values():
            topics_line.addWidget(box)
        topics_line.addStretch(1)
        self.audience_label = QLabel(
            self.tr("Audience: every active subscriber (no topic chosen).")
        )
        form = QFormLayout()
        form.addRow(self.tr("Category"), self.category)
        form.addRow(self.tr("Subject (Japanese)"), self.subject_ja)
        form.addRow(self.tr("Text (Japanese)"), self.body_ja)
        form.addRow(self.tr("Subject (English, optional)"), self.subject_en)
        form.addRow(self.tr("Text (English, optional)"), self.body_en)
        form.addRow(self.tr("Only subscribers of"), topics_line)
        self.compose_button = QPushButton(self.tr("Save draft and submit for approval"))
        self.compose_button.setEnabled(session.can(Permission.COMPOSE_ALERTS))
        self.compose_button.clicked.connect(self.compose_and_submit)
        composer = QGroupBox(self.tr("Compose"))
        composer_layout = QVBoxLayout(composer)
        composer_layout.addLayout(form)
        composer_layout.addWidget(self.audience_label)
        composer_layout.addWidget(self.compose_button)

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
                Column(self.tr("Approved by"), lambda a: getattr(a, "approved_by", None) or ""),
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
        self.approve_button = QPushButton(self.tr("Approve (second officer)"))
        self.approve_button.clicked.connect(self.approve_selected)
        self.send_button = QPushButton(self.tr("Send now"))
        self.send_button.clicked.connect(self.send_selected)
        self.approve_button.setEnabled(False)
        self.send_button.setEnabled(False)
        queue = QGroupBox(self.tr("Approvals queue and sending"))
        queue_layout = QVBoxLayout(queue)
        queue_layout.addWidget(self.view)
        buttons = QHBoxLayout()
        buttons.addWidget(self.approve_button)
        buttons.addWidget(self.send_button)
        buttons.addStretch(1)
        queue_layout.addLayout(buttons)
        queue_layout.addWidget(self.preview)
        splitter = QSplitter()
        splitter.addWidget(composer)
        splitter.addWidget(queue)
        layout.addWidget(splitter)
        self.current: Any = None
        self.current_preview: Any = None
        bridge.dispatchDone.connect(lambda _: self.reload())
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
        run_in_background(
            lambda: core.list_alerts(session), self._listed, self._failed, store=session.store
        )

    def _listed(self, alerts: list[Any]) -> None:
        self.model.replace(alerts)
        self.view.resizeColumnsToContents()

    def draft(self) -> Any:
        texts = {
            "ja": core.AlertText(self.subject_ja.text().strip(), self.body_ja.toPlainText().strip())
        }
        if self.subject_en.text().strip():
            texts["en"] = core.AlertText(
                self.subject_en.text().strip(), self.body_en.toPlainText().strip()
            )
        topics = tuple(t for t, box in self.topics.items() if box.isChecked())
        return core.Draft(self.category.currentData(), texts, core.Audience(topics=topics))

    def compose_and_submit(self) -> None:
        session, draft = self.session, self.draft()

        def work() -> Any:
            composed = core.compose(session, draft)
            return core.submit(session, composed.alert.id)

        def done(alert: Any) -> None:
            self.banner.show_message(
                self.tr("Alert %1 waits for a second officer's approval.").replace(
                    "%1", str(alert.id)
                ),
                "ok",
            )
            self.reload()
            self.changed.emit()

        run_in_background(work, done, self._failed, store=session.store)

    def _selected(self, row_number: int) -> None:
        if not 0 <= row_number < len(self.model.rows):
            return
        alert, session = self.model.record(row_number), self.session
        self.current = alert
        self.current_preview = None

        def done(preview: Any) -> None:
            self.current_preview = preview
            text = [self.tr("Recipients now: %1").replace("%1", f"{preview.audience_count:,}"), ""]
            for language, mail in preview.mails.items():
                text += [f"[{language}] {mail.subject}", "", mail.body, "-" * 40]
            self.preview.setPlainText("\n".join(text))
            own = getattr(alert, "author", None) == session.account.name
            status = str(alert.status)
            self.approve_button.setEnabled(
                status == "submitted" and not own and session.can(Permission.APPROVE_ALERTS)
            )
            self.approve_button.setToolTip(
                self.tr("You wrote this alert: another officer must approve it.") if own else ""
            )
            self.send_button.setEnabled(
                status == "approved" and session.can(Permission.SEND_ALERTS)
            )
            self.previewed.emit(preview)

        run_in_background(
            lambda: core.preview(session, alert.id), done, self._failed, store=session.store
        )

    def approve_selected(self) -> None:
        if self.current is None or self.current_preview is None:
            return
        session, alert, preview = self.session, self.current, self.current_preview
        seen_hash = getattr(preview.alert, "content_hash", None)

        def work() -> Any:
            return core.approve(
                session, alert.id, seen_hash=seen_hash, seen_count=preview.audience_count
            )

        self._act(work, self.tr("Approved. It can be sent now."))

    def send_selected(self) -> None:
        if self.current is None:
            return
        session, alert = self.session, self.current
        self._act(
            lambda: core.send(session, alert.id),
            self.tr("Sending: follow the progress on the dashboard."),
        )

    def _act(self, work: Any, text: str) -> None:
        def done(_: object) -> None:
            self.banner.show_message(text, "ok")
            self.reload()
            self.changed.emit()

        run_in_background(work, done, self._failed, store=self.session.store)

    def _failed(self, error: BaseException) -> None:
        self.banner.show_message(describe(error), "error")
