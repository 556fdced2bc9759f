"""Dispatch history: every automatic and manual dispatch, newest first, narrowed by kind or
subject; the chosen one's mail exactly as it went out (every language, who approved it) beside
its failed and bounced deliveries."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
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
from desktop.widgets.common import Banner, row, table_view
from desktop.words import words
from dispatch.operations.dispatches import (
    DispatchDetail,
    dispatch_bounces,
    dispatch_carriers,
    dispatch_detail,
    dispatch_failures,
    list_dispatches,
)
from dispatch.operations.manual_alerts import UNSUBSCRIBE_URL_SLOT
from dispatch.operations.resend import resend_failed
from dispatch.operations.session import Session
from dispatch.records.accounts import Permission
from dispatch.records.bounces import CarrierFigures
from dispatch.records.dispatch_log import SUPERSEDED_REPLY, DispatchSummary

PAGE = 100


class HistoryPage(QWidget):
    loaded = Signal()
    failuresLoaded = Signal(int)
    #: Failed deliveries were queued again: how many.
    resent = Signal(int)
    #: The chosen dispatch's detail (the mail as sent) is shown.
    detailShown = Signal(int)

    def __init__(self, session: Session, bridge: ServiceBridge, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        w = words()
        self.model = RecordTableModel(
            [
                Column(self.tr("No."), lambda d: d.id, numeric=True, order="id"),
                Column(self.tr("Kind"), lambda d: w.dispatch_kind(d.kind), order="kind"),
                Column(self.tr("Subject"), lambda d: d.subject, order="subject"),
                Column(self.tr("Status"), lambda d: w.dispatch_status(d.status), order="status"),
                Column(
                    self.tr("JMA report"), lambda d: when(d.jma_report_at), order="jma_report_at"
                ),
                Column(
                    self.tr("Detected"),
                    lambda d: when(d.detected_at or d.created_at, True),
                    order="detected_at",
                ),
                Column(
                    self.tr("First accepted"),
                    lambda d: when(d.first_accepted_at, True),
                    order="first_accepted_at",
                ),
                Column(
                    self.tr("Last accepted"),
                    lambda d: when(d.last_accepted_at, True),
                    order="last_accepted_at",
                ),
                Column(
                    self.tr("Recipients"), lambda d: f"{d.total:,}", numeric=True, order="total"
                ),
                Column(self.tr("Sent"), lambda d: f"{d.sent:,}", numeric=True, order="sent"),
                Column(
                    self.tr("Failed"),
                    lambda d: f"{d.failed - d.superseded:,}",
                    numeric=True,
                    foreground=lambda d: _RED if d.failed > d.superseded else None,
                    order="failed",
                ),
                # Held in quiet hours, then dropped because a later alert replaced the
                # advisory: on purpose, not a failure — counted apart, in plain grey.
                Column(
                    self.tr("Not sent (superseded)"),
                    lambda d: (
                        self.tr("%1 not sent as superseded").replace("%1", f"{d.superseded:,}")
                        if d.superseded
                        else ""
                    ),
                    numeric=True,
                ),
                # Accepted by the relay, then bounced by the carrier (the bounce mailbox):
                # hard (the address is dead, counts towards suspension) and soft (given up
                # after the carrier's retries).
                Column(
                    self.tr("Bounced (hard)"),
                    lambda d: f"{d.bounced_hard:,}",
                    numeric=True,
                    foreground=lambda d: _RED if d.bounced_hard else None,
                    tooltip=lambda d: self.tr(
                        "Accepted by the relay, then returned by the carrier: the address "
                        "does not exist or refuses mail. Counts towards suspending it."
                    ),
                ),
                Column(
                    self.tr("Bounced (soft)"),
                    lambda d: f"{d.bounced_soft:,}",
                    numeric=True,
                    tooltip=lambda d: self.tr(
                        "Accepted by the relay, then returned by the carrier for a passing "
                        "reason (e.g. a full mailbox) after every retry. Never suspends."
                    ),
                ),
            ],
            self,
        )
        self.model.fetcher = self._fetch_more
        self.model.orderer = self._order
        #: The order chosen by a header click (core key, descending); None: newest first.
        self.order: tuple[str, bool] | None = None
        self._generation = 0
        self.view = table_view(self.tr("Dispatches"))
        self.view.setModel(self.model)
        self.view.selectionModel().currentRowChanged.connect(
            lambda current, _: self.show_failures(current.row())
        )
        self.failures = RecordTableModel(
            [
                Column(self.tr("Delivery"), lambda f: f[0], numeric=True),
                Column(self.tr("Subscriber ID"), lambda f: f[1], numeric=True),
                Column(self.tr("SMTP code"), lambda f: f[2] or "", numeric=True),
                Column(self.tr("Server's reply or bounce"), lambda f: f[3]),
            ],
            self,
        )
        self.failures_view = table_view(self.tr("Failed deliveries"))
        self.failures_view.setModel(self.failures)
        self.failures_title = QLabel(self.tr("Select a dispatch to see its failed deliveries."))
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        self.resend_button = QPushButton(self.tr("Resend failed deliveries"))
        self.resend_button.setToolTip(
            self.tr(
                "Queues again the deliveries that failed for a temporary reason (busy server, "
                "lost connection) to subscribers who are still active. Refused addresses (5xx) "
                "are not resent. The running service sends them within seconds."
            )
        )
        self.resend_button.setEnabled(False)
        self.resend_button.clicked.connect(self.resend_selected)
        self.selected: DispatchSummary | None = None
        lower_layout.addLayout(row(self.failures_title, self.resend_button))
        self.detail = QPlainTextEdit()
        self.detail.setReadOnly(True)
        self.detail.setAccessibleName(self.tr("The dispatch's mail as sent"))
        self.detail.setPlaceholderText(self.tr("Select a dispatch to see its mail as it went out."))
        beside = QSplitter(Qt.Orientation.Horizontal)
        beside.addWidget(self.failures_view)
        beside.addWidget(self.detail)
        beside.setStretchFactor(0, 1)
        beside.setStretchFactor(1, 1)
        lower_layout.addWidget(beside)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.view)
        splitter.addWidget(lower)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        self.banner = Banner()
        refresh = QPushButton(self.tr("Refresh"))
        refresh.setShortcut("F5")
        refresh.clicked.connect(self.reload)
        # ---- narrowing: by kind and by words in the subject
        self.kind_filter = QComboBox()
        self.kind_filter.setAccessibleName(self.tr("Kind of dispatch"))
        self.kind_filter.addItem(self.tr("Every kind"), "")
        for kind in ("alert", "manual", "test"):
            self.kind_filter.addItem(w.dispatch_kind(kind), kind)
        self.kind_filter.currentIndexChanged.connect(self.reload)
        self.search = QLineEdit()
        self.search.setAccessibleName(self.tr("Words in the subject"))
        self.search.setPlaceholderText(self.tr("Words in the subject, e.g. 大雨"))
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(320)
        self._typing = QTimer(self)  # one reload when the typing pauses, not one per key
        self._typing.setSingleShot(True)
        self._typing.setInterval(300)
        self._typing.timeout.connect(self.reload)
        self.search.textChanged.connect(lambda _: self._typing.start())
        layout = QVBoxLayout(self)
        layout.addLayout(
            row(QLabel(self.tr("Every dispatch, newest first. Times are Tokyo time.")), refresh)
        )
        layout.addLayout(row(self.kind_filter, self.search))
        layout.addWidget(self.banner)
        layout.addWidget(splitter)
        bridge.dispatchDone.connect(lambda _: self.reload())
        bridge.alert.connect(lambda _: self.reload())
        bridge.manualAlert.connect(lambda _: self.reload())
        self.reload()

    def _order(self, column: str, descending: bool) -> None:
        self.order = (column, descending)
        self.reload()

    def reload(self) -> None:
        # Every reload starts a new generation: the answer of an older one (another order,
        # a page asked for before) that arrives late is dropped, not mixed into these rows.
        self._generation += 1
        generation, session, order = self._generation, self.session, self.order
        sort, descending = order if order is not None else (None, True)
        kind, search = self._filters()

        def reloaded(rows: list[DispatchSummary]) -> None:
            if generation == self._generation:
                self._reloaded(rows)

        run_in_background(
            lambda: list_dispatches(
                session,
                limit=PAGE + 1,
                sort=sort,
                descending=descending,
                kind=kind,
                search=search,
            ),
            reloaded,
            self._failed,
            store=session.store,
        )

    def _reloaded(self, rows: list[DispatchSummary]) -> None:
        self.model.replace(rows[:PAGE], more=len(rows) > PAGE)
        self.view.resizeColumnsToContents()
        self.loaded.emit()

    def _fetch_more(self, model: RecordTableModel) -> None:
        session, last, loaded = self.session, self.model.rows[-1].id, len(self.model.rows)
        order, generation = self.order, self._generation
        kind, search = self._filters()

        def page() -> list[DispatchSummary]:
            if order is None:  # newest first: keyset paging
                return list_dispatches(
                    session, limit=PAGE + 1, before_id=last, kind=kind, search=search
                )
            return list_dispatches(
                session,
                limit=PAGE + 1,
                sort=order[0],
                descending=order[1],
                offset=loaded,
                kind=kind,
                search=search,
            )

        def arrived(rows: list[DispatchSummary]) -> None:
            if generation == self._generation:
                self.model.append(rows[:PAGE], more=len(rows) > PAGE)

        run_in_background(page, arrived, self._failed, store=session.store)

    def _filters(self) -> tuple[str | None, str]:
        return self.kind_filter.currentData() or None, typed(self.search.text())

    def show_detail(self, dispatch: DispatchSummary) -> None:
        session = self.session

        def done(found: tuple[DispatchDetail, list[CarrierFigures]]) -> None:
            if self.selected is not None and self.selected.id == dispatch.id:
                self.detail.setPlainText(detail_text(*found))
                self.detailShown.emit(dispatch.id)

        run_in_background(
            lambda: (
                dispatch_detail(session, dispatch.id),
                dispatch_carriers(session, dispatch.id),
            ),
            done,
            self._failed,
            store=session.store,
        )

    def show_failures(self, row_number: int) -> None:
        if row_number < 0 or row_number >= len(self.model.rows):
            return
        dispatch = self.model.record(row_number)
        session = self.session
        self.selected = dispatch
        self.show_detail(dispatch)

        def done(
            found: tuple[list[tuple[int, int, int | None, str]], list[tuple[int, int, str]]],
        ) -> None:
            superseded = self.tr("Not sent: a later alert replaced it during quiet hours")
            rows = [
                (d, s, code, superseded if reply == SUPERSEDED_REPLY else reply)
                for d, s, code, reply in found[0]
            ]
            failed = sum(1 for row in rows if row[3] != superseded)
            bounced = [(d, s, None, self.bounce_words(what)) for d, s, what in found[1]]
            self.failures.replace(rows + bounced)
            self.resend_button.setEnabled(
                bool(failed) and dispatch.status == "done" and session.can(Permission.SEND_ALERTS)
            )
            title = (
                self.tr("Dispatch %1: %2 failed deliveries")
                .replace("%1", str(dispatch.id))
                .replace("%2", str(failed))
            )
            if len(rows) > failed:
                title += self.tr(", %1 not sent as superseded").replace(
                    "%1", str(len(rows) - failed)
                )
            if bounced:
                title += self.tr(", %1 bounced after the relay accepted them").replace(
                    "%1", str(len(bounced))
                )
            self.failures_title.setText(title)
            self.failures_view.resizeColumnsToContents()
            self.failuresLoaded.emit(dispatch.id)

        run_in_background(
            lambda: (
                dispatch_failures(session, dispatch.id),
                dispatch_bounces(session, dispatch.id),
            ),
            done,
            self._failed,
            store=session.store,
        )

    def bounce_words(self, what: str) -> str:
        """The core's ``hard 5.1.1`` / ``soft 4.2.2`` / ``soft 4.2.2 (sent again)`` in words."""
        kind, _, status = what.partition(" ")
        status, again, _ = status.partition(" (sent again)")
        if kind == "hard":
            text = self.tr("Bounced by the carrier: the address is dead (%1)")
        elif again:
            text = self.tr("Bounced by the carrier for a passing reason; it is sent again (%1)")
        else:
            text = self.tr("Bounced by the carrier for a passing reason, every retry used (%1)")
        return text.replace("%1", status)

    def confirm_resend(self, dispatch: DispatchSummary) -> bool:
        """Asked before resending (tests replace this)."""
        answer = QMessageBox.question(
            self,
            self.tr("Resend failed deliveries?"),
            self.tr(
                "Send dispatch %1 (%2) again to the subscribers it failed to reach for a "
                "temporary reason? Someone whose server accepted it after all gets it twice."
            )
            .replace("%1", str(dispatch.id))
            .replace("%2", dispatch.subject),
        )
        return answer == QMessageBox.StandardButton.Yes

    def resend_selected(self) -> None:
        dispatch, session = self.selected, self.session
        if dispatch is None or not self.confirm_resend(dispatch):
            return
        self.resend_button.setEnabled(False)

        def done(count: int) -> None:
            if count:
                self.banner.show_message(
                    self.tr(
                        "%1 deliveries of dispatch %2 are queued again; the running service "
                        "sends them (start it on the dashboard if it is stopped)."
                    )
                    .replace("%1", f"{count:,}")
                    .replace("%2", str(dispatch.id)),
                    "ok",
                )
            else:
                self.banner.show_message(
                    self.tr(
                        "Nothing to resend: the failures of dispatch %1 are refused addresses "
                        "or subscribers who are no longer active."
                    ).replace("%1", str(dispatch.id)),
                    "info",
                )
            self.reload()
            self.resent.emit(count)

        def failed(error: BaseException) -> None:
            self.banner.show_message(describe(error), "error")

        run_in_background(
            lambda: resend_failed(session, dispatch.id), done, failed, store=session.store
        )

    def _failed(self, error: BaseException) -> None:
        self.model.fetch_failed()
        self.banner.show_message(describe(error), "error")


from PySide6.QtGui import QColor  # noqa: E402

_RED = QColor(170, 0, 20)


def detail_text(detail: DispatchDetail, carriers: Sequence[CarrierFigures] = ()) -> str:
    """The dispatch in words, per carrier group, then each language's mail as it went out."""

    summary, w = detail.summary, words()
    lines = [
        QCoreApplication.translate("HistoryPage", "Dispatch %1 (%2): %3")
        .replace("%1", str(summary.id))
        .replace("%2", w.dispatch_kind(summary.kind))
        .replace("%3", w.dispatch_status(summary.status)),
        QCoreApplication.translate(
            "HistoryPage", "Detected %1, first accepted %2, last accepted %3"
        )
        .replace("%1", when(summary.detected_at or summary.created_at, True))
        .replace("%2", when(summary.first_accepted_at, True) or "—")
        .replace("%3", when(summary.last_accepted_at, True) or "—"),
    ]
    languages = "、".join(f"{code}: {count:,}" for code, count in detail.by_language.items())
    lines.append(
        QCoreApplication.translate("HistoryPage", "%1 recipients (%2)")
        .replace("%1", f"{summary.total:,}")
        .replace("%2", languages)
    )
    if detail.author is not None:
        approval = (
            QCoreApplication.translate("HistoryPage", "single-person emergency send")
            if detail.emergency
            else QCoreApplication.translate("HistoryPage", "approved by %1").replace(
                "%1", detail.approver or "—"
            )
        )
        lines.append(
            QCoreApplication.translate("HistoryPage", "Written by %1, %2")
            .replace("%1", detail.author)
            .replace("%2", approval)
        )
    for c in carriers:
        if not (c.sent or c.accepted or c.failed or c.deferred):
            continue
        last = "—" if c.accept_last is None else f"{c.accept_last:,.1f}"
        lines.append(
            QCoreApplication.translate(
                "HistoryPage",
                "  %1: %2 accepted, %3 waiting for a retry, %4 failed, %5 bounced; last "
                "accepted %6 s after the detection",
            )
            .replace("%1", c.group)
            .replace("%2", f"{c.accepted:,}")
            .replace("%3", f"{c.deferred:,}")
            .replace("%4", f"{c.failed:,}")
            .replace("%5", f"{c.bounced:,}")
            .replace("%6", last)
        )
    own_link = QCoreApplication.translate("HistoryPage", "〔each subscriber's own link〕")
    for language, mail in detail.mails.items():
        body = mail.body.replace(UNSUBSCRIBE_URL_SLOT, own_link)
        lines += ["", "-" * 40, f"[{language}] {mail.subject}", "", body.rstrip()]
    if not detail.mails:
        lines += [
            "",
            QCoreApplication.translate(
                "HistoryPage",
                "The mail's text is no longer kept (removed after its retention time).",
            ),
        ]
    return "\n".join(lines)
