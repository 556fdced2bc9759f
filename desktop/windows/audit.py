"""The audit log: search and filter (in words or codes), chain verification, export to .xlsx.

Actions, targets, outcomes and details are shown in words (:mod:`desktop.audit_words`); the
list follows the log by itself — every few seconds it fetches what is new since the newest entry
shown, off the GUI thread, while the page is on screen."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time
from pathlib import Path

from PySide6.QtCore import QDate, QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.audit_words import audit_words
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
# How often the page looks for new entries while it is on screen.
REFRESH_MS = 5000


def _day(day: QDate) -> date:
    # QDate.toPython() is typed as returning object in PySide6's stubs.
    return date(day.year(), day.month(), day.day())


# An action no entry has: a search for words that name no action finds nothing.
_NOTHING = "-"


def _code(entry: AuditEntry) -> str:
    return entry.action


class AuditPage(QWidget):
    searched = Signal(int)
    # New entries arrived by themselves (how many).
    refreshed = Signal(int)
    verified = Signal(object)
    exported = Signal(int)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        said = audit_words()
        self.model = RecordTableModel(
            [
                Column(self.tr("No."), lambda e: e.seq, numeric=True),
                Column(self.tr("Time"), lambda e: when(e.at, True)),
                Column(self.tr("Who"), lambda e: e.actor),
                Column(self.tr("Action"), lambda e: said.action(e.action), tooltip=_code),
                Column(self.tr("Target"), lambda e: said.target(e.target)),
                Column(self.tr("Outcome"), lambda e: said.outcome(e.outcome)),
                Column(
                    self.tr("Details"),
                    lambda e: " / ".join(said.detail_lines(e.detail)),
                    tooltip=lambda e: "\n".join(said.detail_lines(e.detail)) or None,
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
        self.action.setPlaceholderText(self.tr("Action (e.g. approved, subscriber)"))
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
        self.view.selectionModel().currentRowChanged.connect(lambda *_: self._show_detail())
        self.detail = QPlainTextEdit()
        self.detail.setReadOnly(True)
        self.detail.setAccessibleName(self.tr("The chosen entry"))
        self.detail.setPlaceholderText(self.tr("Choose an entry to read it here."))
        self.detail.setMaximumHeight(self.fontMetrics().height() * 8)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addLayout(actions)
        layout.addWidget(self.banner)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.detail)
        layout.addWidget(self.count_label)
        # Each search starts a new generation: a refresh that was on its way when the person
        # searched again is dropped, not mixed into the new result.
        self._generation = 0
        self._searching = False
        self._refreshing = False
        self._until_is_today = True
        self.until.dateChanged.connect(self._until_changed)
        self.refresh_timer = QTimer(self)
        self.refresh_timer.setInterval(REFRESH_MS)
        self.refresh_timer.timeout.connect(self.refresh)
        self.refresh_timer.start()
        self.search()

    def query(self, limit: int | None = LIMIT) -> AuditQuery:
        said = audit_words()
        since = datetime.combine(_day(self.since.date()), time(0), TOKYO)
        until = datetime.combine(_day(self.until.date().addDays(1)), time(0), TOKYO)
        text = typed(self.text.text())
        action = typed(self.action.text()).rstrip(".")
        # An action typed in words (「承認」) is every code whose words contain it; a code or
        # its first part (subscriber) as before.
        in_words = said.actions_matching(action) if action and not action.isascii() else ()
        return AuditQuery(
            since=since,
            until=until,
            actor=typed(self.actor.text()) or None,
            action=None if in_words or not action.isascii() else action or None,
            actions=in_words or ((_NOTHING,) if action and not action.isascii() else ()),
            text=text or None,
            text_actions=said.actions_matching(text),
            limit=limit,
        )

    def search(self) -> None:
        self._generation += 1
        self._searching = True
        generation = self._generation
        session, query = self.session, replace(self.query(), newest_first=True)
        run_in_background(
            lambda: audit_ops.search_audit(session, query),
            lambda entries: self._found(entries, generation),
            self._failed,
            store=session.store,
        )

    def _found(self, entries: list[AuditEntry], generation: int | None = None) -> None:
        if generation is not None and generation != self._generation:
            return
        self._searching = False
        self.model.replace(entries)  # newest first
        self.view.resizeColumnsToContents()
        self._count()
        self._show_detail()
        self.searched.emit(len(entries))

    def _count(self) -> None:
        count = self.model.rowCount()
        text = self.tr("%1 entries").replace("%1", f"{count:,}")
        if count >= LIMIT:
            text += " " + self.tr("(the latest %1; narrow the search)").replace("%1", f"{LIMIT:,}")
        self.count_label.setText(text)

    # ---- following the log ------------------------------------------------------------------

    def _until_changed(self) -> None:
        self._until_is_today = self.until.date() == self._today()

    def _today(self) -> QDate:
        now = self.session.clock.now().astimezone(TOKYO)
        return QDate(now.year, now.month, now.day)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.refresh()  # back on the page: what happened meanwhile at once

    def refresh(self) -> None:
        """Fetch the entries newer than the newest shown (nothing while the page is hidden or
        a search or refresh is on its way)."""
        if not self.isVisible() or self._searching or self._refreshing:
            return
        if self._until_is_today and self.until.date() != self._today():
            # Past midnight: a range that ended today goes on ending today.
            blocked = self.until.blockSignals(True)
            self.until.setDate(self._today())
            self.until.blockSignals(blocked)
        newest = max((e.seq for e in self.model.rows), default=0)
        session = self.session
        query = replace(self.query(limit=None), after_seq=newest, newest_first=True)
        generation = self._generation
        self._refreshing = True
        run_in_background(
            lambda: audit_ops.search_audit(session, query),
            lambda entries: self._arrived(entries, generation),
            self._refresh_failed,
            store=session.store,
        )

    def _arrived(self, entries: list[AuditEntry], generation: int) -> None:
        self._refreshing = False
        if generation != self._generation or not entries:
            return
        self.model.replace([*entries, *self.model.rows][:LIMIT])
        self._count()
        self.refreshed.emit(len(entries))

    def _refresh_failed(self, error: BaseException) -> None:
        # A busy store at one look is no news; the next look tries again.
        self._refreshing = False

    def _show_detail(self) -> None:
        row = self.view.currentIndex().row()
        if not 0 <= row < self.model.rowCount():
            self.detail.clear()
            return
        entry: AuditEntry = self.model.record(row)
        said = audit_words()
        lines = [
            f"#{entry.seq}  {when(entry.at, True)}  {entry.actor}",
            f"{self.tr('Action')}: {said.action(entry.action)} ({entry.action})",
        ]
        if entry.target:
            lines.append(f"{self.tr('Target')}: {said.target(entry.target)}")
        lines.append(f"{self.tr('Outcome')}: {said.outcome(entry.outcome)}")
        lines.extend(said.detail_lines(entry.detail))
        self.detail.setPlainText("\n".join(lines))

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
        self._searching = False
        self.verify_button.setEnabled(True)
        self.banner.show_message(describe(error), "error")
