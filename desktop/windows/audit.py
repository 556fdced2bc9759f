"""The audit log: search and filter, chain verification, export to .xlsx."""

from __future__ import annotations

import json
from datetime import date, datetime, time
from pathlib import Path

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QDateEdit,
    QFileDialog,
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
from desktop.widgets.common import Banner, table_view
from dispatch.base.clock import TOKYO
from dispatch.operations import audit as audit_ops
from dispatch.operations.session import Session
from dispatch.records.accounts import Permission
from dispatch.records.audit import AuditEntry, AuditQuery, VerifyReport

LIMIT = 5000


def _day(day: QDate) -> date:
    # QDate.toPython() is typed as returning object in PySide6's stubs.
    return date(day.year(), day.month(), day.day())


class AuditPage(QWidget):
    searched = Signal(int)
    verified = Signal(object)
    exported = Signal(int)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.model = RecordTableModel(
            [
                Column(self.tr("No."), lambda e: e.seq, numeric=True),
                Column(self.tr("Time"), lambda e: when(e.at, True)),
                Column(self.tr("Who"), lambda e: e.actor),
                Column(self.tr("Action"), lambda e: e.action),
                Column(self.tr("Target"), lambda e: e.target),
                Column(self.tr("Outcome"), lambda e: e.outcome),
                Column(
                    self.tr("Details"),
                    lambda e: json.dumps(dict(e.detail), ensure_ascii=False) if e.detail else "",
                ),
            ],
            self,
        )
        self.text = QLineEdit()
        self.text.setPlaceholderText(self.tr("Text in action, target, outcome or details"))
        self.text.setAccessibleName(self.tr("Search text"))
        self.actor = QLineEdit()
        self.actor.setPlaceholderText(self.tr("Account"))
        self.actor.setAccessibleName(self.tr("Account"))
        self.action = QLineEdit()
        self.action.setPlaceholderText(self.tr("Action (e.g. subscriber)"))
        self.action.setAccessibleName(self.tr("Action"))
        # Today in Tokyo, as the search counts days (QDate.currentDate() is the machine's
        # zone: between 00:00 and 09:00 JST on a UTC machine it is still yesterday).
        now = session.clock.now().astimezone(TOKYO)
        today = QDate(now.year, now.month, now.day)
        self.since = QDateEdit(today.addDays(-30))
        self.since.setCalendarPopup(True)
        self.since.setAccessibleName(self.tr("From"))
        self.until = QDateEdit(today)
        self.until.setCalendarPopup(True)
        self.until.setAccessibleName(self.tr("To"))
        search = QPushButton(self.tr("Search"))
        search.setShortcut("Ctrl+F")
        search.clicked.connect(self.search)
        for edit in (self.text, self.actor, self.action):
            edit.returnPressed.connect(self.search)
        self.verify_button = QPushButton(self.tr("Verify the chain"))
        self.verify_button.clicked.connect(self.verify)
        self.export_button = QPushButton(self.tr("Export .xlsx…"))
        self.export_button.setEnabled(session.can(Permission.EXPORT_AUDIT))
        self.export_button.clicked.connect(self.export)
        filters = QHBoxLayout()
        filters.addWidget(self.text, 3)
        filters.addWidget(self.actor, 1)
        filters.addWidget(self.action, 1)
        filters.addWidget(QLabel(self.tr("from")))
        filters.addWidget(self.since)
        filters.addWidget(QLabel(self.tr("to")))
        filters.addWidget(self.until)
        filters.addWidget(search)
        actions = QHBoxLayout()
        actions.addWidget(self.verify_button)
        actions.addWidget(self.export_button)
        actions.addStretch(1)
        self.count_label = QLabel()
        self.banner = Banner()
        self.view = table_view(self.tr("Audit log"))
        self.view.setModel(self.model)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addLayout(actions)
        layout.addWidget(self.banner)
        layout.addWidget(self.view)
        layout.addWidget(self.count_label)
        self.search()

    def query(self, limit: int | None = LIMIT) -> AuditQuery:
        since = datetime.combine(_day(self.since.date()), time(0), TOKYO)
        until = datetime.combine(_day(self.until.date().addDays(1)), time(0), TOKYO)
        return AuditQuery(
            since=since,
            until=until,
            actor=typed(self.actor.text()) or None,
            action=typed(self.action.text()).rstrip(".") or None,
            text=typed(self.text.text()) or None,
            limit=limit,
        )

    def search(self) -> None:
        session, query = self.session, self.query()
        run_in_background(
            lambda: audit_ops.search_audit(session, query),
            self._found,
            self._failed,
            store=session.store,
        )

    def _found(self, entries: list[AuditEntry]) -> None:
        entries = list(reversed(entries))  # newest first
        self.model.replace(entries)
        self.view.resizeColumnsToContents()
        text = self.tr("%1 entries").replace("%1", f"{len(entries):,}")
        if len(entries) >= LIMIT:
            text += " " + self.tr("(the first %1; narrow the search)").replace("%1", f"{LIMIT:,}")
        self.count_label.setText(text)
        self.searched.emit(len(entries))

    def verify(self) -> None:
        self.verify_button.setEnabled(False)
        self.banner.show_message(self.tr("Checking every entry of the chain…"), "info")
        session = self.session
        run_in_background(
            lambda: audit_ops.verify_audit(session),
            self._verified,
            self._failed,
            store=session.store,
        )

    def _verified(self, report: VerifyReport) -> None:
        self.verify_button.setEnabled(True)
        if report.ok:
            self.banner.show_message(
                self.tr(
                    "The chain is intact: %1 entries checked, %2 of them signed, against the key "
                    "file's %3 public keys and %4 anchors outside the store (the last: %5). "
                    "Head %6. Not checked: %7"
                )
                .replace("%1", f"{report.checked:,}")
                .replace("%2", f"{report.signed:,}")
                .replace("%3", str(report.key_count))
                .replace("%4", str(report.anchors))
                .replace("%5", report.last_anchor_at or "-")
                .replace("%6", f"#{report.head_seq} {report.head_hash[:16]}…")
                .replace("%7", " / ".join(report.not_checked) or "-"),
                "ok",
            )
        else:
            self.banner.show_message(
                self.tr("The chain is broken: %1").replace("%1", "; ".join(report.problems[:5])),
                "error",
            )
        self.verified.emit(report)

    def export(self) -> None:
        path = self.ask_export_path()
        if path is None:
            return
        session, query = self.session, self.query(limit=None)

        def done(count: int) -> None:
            self.banner.show_message(
                self.tr("%1 entries written to %2.")
                .replace("%1", f"{count:,}")
                .replace("%2", path.name),
                "ok",
            )
            self.exported.emit(count)

        run_in_background(
            lambda: audit_ops.export_audit(session, query, xlsx=path),
            done,
            self._failed,
            store=session.store,
        )

    def ask_export_path(self) -> Path | None:
        name, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export the audit log"), "audit.xlsx", self.tr("Excel files (*.xlsx)")
        )
        return Path(name) if name else None

    def _failed(self, error: BaseException) -> None:
        self.verify_button.setEnabled(True)
        self.banner.show_message(describe(error), "error")
