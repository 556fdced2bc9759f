"""Pieces of the manual alert page: layout help, the one-time password, the questions asked
before approving and sending (each names the subject, the count and the languages)."""

from __future__ import annotations

import time
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QWidget,
)

from desktop.formatting import when
from desktop.tasks import run_in_background
from desktop.widgets.common import Banner
from desktop.widgets.password_once import PasswordOnceDialog
from dispatch.engine.events import DispatchDone, SendingProgress
from dispatch.operations import manual_alerts as core
from dispatch.operations.dispatches import dispatch_progress
from dispatch.operations.session import Session


def _line(*widgets: QWidget, stretch: int | None = None) -> QWidget:
    """Widgets side by side; the one at index ``stretch`` takes the spare width."""
    holder = QWidget()
    layout = QHBoxLayout(holder)
    layout.setContentsMargins(0, 0, 0, 0)
    for n, widget in enumerate(widgets):
        layout.addWidget(widget, 1 if n == stretch else 0)
    return holder


def show_password_once(parent: QWidget, password: str) -> None:
    PasswordOnceDialog(
        QCoreApplication.translate("ManualAlertPage", "Password of the encrypted attachment"),
        QCoreApplication.translate(
            "ManualAlertPage",
            "The attachment is stored as an encrypted ZIP. Its password is shown only "
            "now: give it to the recipients separately (never in the same mail).",
        ),
        password,
        parent,
    ).exec()


def describe_dispatch(preview: Any) -> str:
    """「件名」, recipients and languages of a previewed alert, for a confirmation."""
    first = next(iter(preview.mails.values()), None)
    subject = first.subject if first is not None else ""
    by_language = getattr(preview, "audience_by_language", {}) or {}
    languages = "、".join(f"{code}: {count:,}" for code, count in sorted(by_language.items()))
    return (
        QCoreApplication.translate("ManualAlertPage", "Subject: %1\nRecipients: %2\nLanguages: %3")
        .replace("%1", subject)
        .replace("%2", f"{preview.audience_count:,}")
        .replace("%3", languages or "ja")
    )


def as_mailed(alert: Any, preview: Any) -> str:
    """The alert exactly as mailed: the count now, every language, the time and attachment."""

    text = [
        QCoreApplication.translate("ManualAlertPage", "Recipients now: %1").replace(
            "%1", f"{preview.audience_count:,}"
        ),
        "",
    ]
    # Each subscriber's own link goes where the slot is; say so instead of showing the slot.
    own_link = QCoreApplication.translate("ManualAlertPage", "〔each subscriber's own link〕")
    for language, mail in preview.mails.items():
        body = mail.body.replace(core.UNSUBSCRIBE_URL_SLOT, own_link)
        text += [f"[{language}] {mail.subject}", "", body, "-" * 40]
    if alert.send_at:
        text.append(
            QCoreApplication.translate("ManualAlertPage", "Send time: %1").replace(
                "%1", when(alert.send_at)
            )
        )
    if alert.attachment_name:
        encrypted = (
            QCoreApplication.translate("ManualAlertPage", " (encrypted ZIP)")
            if alert.attachment_personal
            else ""
        )
        text.append(
            QCoreApplication.translate("ManualAlertPage", "Attachment: %1").replace(
                "%1", alert.attachment_name
            )
            + encrypted
        )
    return "\n".join(text)


def test_send_outcome(report: Any, to: str) -> tuple[str, str]:
    """The banner's text and kind after a test send to ``to``."""
    if report.refused:
        text = QCoreApplication.translate(
            "ManualAlertPage", "Test send: the relay refused %1 of %2 mails."
        )
        total = report.refused + report.accepted
        return text.replace("%1", str(report.refused)).replace("%2", str(total)), "error"
    if getattr(report, "local_mailbox", False):  # nothing left this PC: do not say "accepted"
        text = QCoreApplication.translate(
            "ManualAlertPage",
            "Test send: %1 mail(s) for %2 went into this PC's local mailbox (tab "
            '"Mailbox"); no relay is set, so nothing left this PC.',
        )
        return text.replace("%1", str(report.accepted)).replace("%2", to), "warning"
    text = QCoreApplication.translate(
        "ManualAlertPage", "Test send: %1 mail(s) accepted for %2 (one per language)."
    )
    return text.replace("%1", str(report.accepted)).replace("%2", to), "ok"


class DispatchFollower:
    """The manual alert page's progress bar and outcome line for the dispatch it sent."""

    session: Session
    tracked: int | None
    banner: Banner
    progress: QProgressBar
    outcome: QLabel
    sent: Any  # the page's Signal
    _last_progress_read: float

    def reload(self) -> None:
        raise NotImplementedError

    def _failed(self, error: BaseException) -> None:
        raise NotImplementedError

    # ---- following the dispatch ------------------------------------------------------------

    def follow_sent(self, sent: Any, total: int) -> None:
        """The alert went to the queue (or waits for its time): say so and follow it."""
        if str(sent.status) == "scheduled":
            text = QCoreApplication.translate(
                "ManualAlertPage", "Scheduled: it goes out by itself at %1."
            )
            self.banner.show_message(text.replace("%1", when(sent.send_at)), "ok")
            return
        text = QCoreApplication.translate(
            "ManualAlertPage",
            "Sending to %1 recipients. The service sends it (start it on the "
            "dashboard if it is stopped).",
        )
        self.banner.show_message(text.replace("%1", f"{total:,}"), "ok")
        self.tracked = sent.dispatch_id
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(0)
        self.progress.setFormat(
            QCoreApplication.translate("ManualAlertPage", "%v of %m handed over")
        )
        self.progress.show()
        self.outcome.setText(
            QCoreApplication.translate("ManualAlertPage", "Dispatch %1: sending…").replace(
                "%1", str(sent.dispatch_id)
            )
        )
        self.outcome.show()

    def _progress(self, event: SendingProgress) -> None:
        if self.tracked is None or self.tracked not in event.dispatch_ids:
            return
        now = time.monotonic()
        if now - self._last_progress_read < 0.5:  # at most two reads a second
            return
        self._last_progress_read = now
        session, tracked = self.session, self.tracked

        def work() -> Any:
            return dispatch_progress(session, tracked)

        def done(summary: Any) -> None:
            if summary is not None and self.tracked == summary.id:
                self.progress.setRange(0, max(summary.total, 1))
                self.progress.setValue(summary.sent + summary.failed)

        run_in_background(work, done, self._failed, store=session.store)

    def _dispatch_done(self, event: DispatchDone) -> None:
        self.reload()
        if self.tracked is None or event.dispatch_id != self.tracked:
            return
        total, sent, failed = event.total, event.sent, event.failed
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(max(sent + failed, 1) if total else 1)
        text = (
            QCoreApplication.translate(
                "ManualAlertPage",
                "Dispatch %1 finished: %2 of %3 accepted by the relay, %4 failed.",
            )
            .replace("%1", str(event.dispatch_id))
            .replace("%2", f"{sent:,}")
            .replace("%3", f"{total:,}")
            .replace("%4", f"{failed:,}")
        )
        self.outcome.setText(text)
        self.outcome.setStyleSheet("color:#8a1020;" if failed else "color:#0d3b1e;")
        self.sent.emit(event)
