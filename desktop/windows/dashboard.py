"""The duty officer's home: what is in force now, the feed, dispatches running and done."""

from __future__ import annotations

import logging
import time
from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QColor, QKeySequence
from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QLabel,
    QPushButton,
    QStyle,
    QSystemTrayIcon,
    QVBoxLayout,
    QWidget,
)

from desktop import core_words, icons, levels
from desktop.bridge import ServiceBridge
from desktop.display import is_demo_source, short_path
from desktop.errors import describe
from desktop.formatting import duration, when
from desktop.models.table import Column, RecordTableModel
from desktop.service_control import ServiceControl
from desktop.sound import SOUND_FROM_LEVEL
from desktop.tasks import run_in_background
from desktop.widgets.common import Banner, confirm, row, table_view
from desktop.widgets.progress import ProgressDelegate
from desktop.windows.engine_troubles import Trouble, trouble_words
from dispatch.engine.events import (
    AlertEnqueued,
    ChannelStatus,
    ManualAlertEnqueued,
    PollFailed,
    SendingProgress,
    StaffNoticeFailed,
)
from dispatch.operations.dashboard import Dashboard, InForceRow, load_dashboard, load_in_force
from dispatch.operations.gauges import GaugeHealth
from dispatch.operations.session import Session
from dispatch.records.dispatch_log import DispatchSummary

log = logging.getLogger(__name__)


class DashboardPage(QWidget):
    #: A new alert was shown (title) — tests and the tray use it.
    alertShown = Signal(str)
    #: A staff notification reached not every contact: shown and sounded.
    noticeFailed = Signal(object)
    refreshed = Signal()

    def __init__(
        self,
        session: Session,
        bridge: ServiceBridge,
        control: ServiceControl,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.bridge = bridge
        self.control = control
        self.rate = 0.0
        self._loading = False
        self._reload_again = False
        self._again_in_force = False
        self._last_event = 0.0
        self.tray: QSystemTrayIcon | None = None
        #: The sound on a new レベル４+ warning (set by the main window; on by default).
        self.sound: Any = None
        #: The banner's 警戒レベル (0: none), so a 解除 does not hide a レベル４ in force.
        self._banner_level = 0
        self._banner_text = ""
        #: When the last poll failed (monotonic seconds) and the poll interval in seconds.
        self._last_poll_error: float | None = None
        self._poll_interval = 60

        # ---- service bar
        self.state_label = QLabel()
        self.state_label.setAccessibleName(self.tr("Service state"))
        self.start_button = QPushButton(
            icons.standard(QStyle.StandardPixmap.SP_MediaPlay), self.tr("Start the service")
        )
        self.start_button.setShortcut(QKeySequence("Ctrl+Shift+S"))
        self.start_button.setToolTip(self.tr("Poll the feed and send alerts (Ctrl+Shift+S)"))
        self.stop_button = QPushButton(
            icons.standard(QStyle.StandardPixmap.SP_MediaStop), self.tr("Stop the service")
        )
        self.stop_button.setShortcut(QKeySequence("Ctrl+Shift+X"))
        self.start_button.clicked.connect(control.start)
        self.stop_button.clicked.connect(self._stop_clicked)
        # What the running engine says of itself: last poll, feed, relay, queue.
        self.engine_label = QLabel()
        self.engine_label.setWordWrap(True)
        self.engine_label.setAccessibleName(self.tr("Engine health"))
        self.sink_note = QLabel()
        self.sink_note.setWordWrap(True)
        self.banner = Banner()

        # ---- in force
        self.in_force_model = RecordTableModel(
            [
                Column(
                    self.tr("Level"),
                    self._level_text,
                    background=lambda r: levels.background(r.level),
                    foreground=lambda r: levels.foreground(r.level),
                ),
                Column(self.tr("Warning / forecast"), lambda r: r.name),
                Column(self.tr("Area"), lambda r: r.area),
                Column(self.tr("Since"), lambda r: when(r.since)),
            ],
            self,
        )
        self.in_force_view = table_view(self.tr("Warnings in force"))
        self.in_force_view.setModel(self.in_force_model)
        self.in_force_view.setMinimumHeight(150)
        self.nothing_in_force = QLabel(self.tr("No warning or advisory is in force for the ward."))
        self.nothing_in_force.setAlignment(Qt.AlignmentFlag.AlignCenter)
        in_force_box = QGroupBox(self.tr("In force now"))
        box_layout = QVBoxLayout(in_force_box)
        box_layout.addWidget(self.nothing_in_force)
        box_layout.addWidget(self.in_force_view)

        # ---- feed health
        self.feed_label = QLabel(self.tr("Reading…"))
        self.feed_label.setWordWrap(True)
        self.feed_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.poll_error_label = QLabel()
        self.poll_error_label.setWordWrap(True)
        feed_box = QGroupBox(self.tr("Feed"))
        feed_layout = QVBoxLayout(feed_box)
        feed_layout.addWidget(self.feed_label)
        feed_layout.addWidget(self.poll_error_label)
        feed_layout.addStretch(1)

        # ---- gauge sources: last reading and its age, red when stale
        stale_red = QColor("#b00020")
        self.gauge_model = RecordTableModel(
            [
                Column(self.tr("Source"), self._gauge_source),
                Column(self.tr("Station"), lambda g: g.station),
                Column(
                    self.tr("Last reading"),
                    lambda g: when(g.last_reading_at) if g.last_reading_at else self.tr("none yet"),
                ),
                Column(
                    self.tr("Age"),
                    self._gauge_age,
                    numeric=True,
                    foreground=lambda g: stale_red if g.stale else None,
                ),
            ],
            self,
        )
        self.gauge_view = table_view(self.tr("Gauge sources"))
        self.gauge_view.setModel(self.gauge_model)
        self.gauge_view.setMinimumHeight(90)
        self.gauge_box = QGroupBox(self.tr("Gauges"))
        QVBoxLayout(self.gauge_box).addWidget(self.gauge_view)
        self.gauge_box.hide()  # shown when a gauge source is switched on
        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addWidget(feed_box)
        side_layout.addWidget(self.gauge_box)

        # ---- running
        self.running_model = RecordTableModel(
            [
                Column(self.tr("No."), lambda d: d.id, numeric=True),
                Column(self.tr("Subject"), lambda d: d.subject),
                Column(
                    self.tr("Progress"),
                    lambda d: "",
                    progress=lambda d: (d.sent + d.failed, d.total),
                ),
                Column(
                    self.tr("Rate"),
                    lambda d: (
                        self.tr("%1 /s").replace("%1", f"{self.rate:.0f}") if self.rate else ""
                    ),
                    numeric=True,
                ),
                Column(self.tr("Time left"), self._eta, numeric=True),
            ],
            self,
        )
        self.running_view = table_view(self.tr("Dispatches running"))
        self.running_view.setModel(self.running_model)
        self.running_view.setItemDelegateForColumn(2, ProgressDelegate(self.running_view))
        self.running_view.setMinimumHeight(110)
        self.nothing_running = QLabel(self.tr("No dispatch is running."))
        self.running_box = running_box = QGroupBox(self.tr("Sending now"))
        running_layout = QVBoxLayout(running_box)
        running_layout.addWidget(self.nothing_running)
        running_layout.addWidget(self.running_view)

        # ---- recent
        self.recent_model = RecordTableModel(
            [
                Column(self.tr("No."), lambda d: d.id, numeric=True),
                Column(self.tr("Detected"), lambda d: when(d.detected_at or d.created_at)),
                Column(self.tr("Subject"), lambda d: d.subject),
                Column(self.tr("Outcome"), self._outcome),
            ],
            self,
        )
        self.recent_view = table_view(self.tr("Last alerts"))
        self.recent_view.setModel(self.recent_model)
        recent_box = QGroupBox(self.tr("Last alerts and their outcome"))
        QVBoxLayout(recent_box).addWidget(self.recent_view)

        grid = QGridLayout()
        grid.addWidget(in_force_box, 0, 0)
        grid.addWidget(side, 0, 1)
        grid.addWidget(running_box, 1, 0, 1, 2)
        grid.addWidget(recent_box, 2, 0, 1, 2)
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(1, 2)
        grid.setRowStretch(2, 1)

        layout = QVBoxLayout(self)
        layout.addLayout(row(self.state_label, self.start_button, self.stop_button))
        layout.addWidget(self.engine_label)
        layout.addWidget(self.sink_note)
        layout.addWidget(self.banner)
        layout.addLayout(grid)

        bridge.alert.connect(self._on_alert)
        bridge.manualAlert.connect(self._on_manual_alert)
        bridge.progress.connect(self._on_progress)
        bridge.dispatchDone.connect(lambda _: self.reload())
        bridge.pollError.connect(self._on_poll_error)
        bridge.relayError.connect(self._on_trouble)
        bridge.backupFailed.connect(self._on_trouble)
        bridge.noticeFailed.connect(self._on_trouble)
        control.stateChanged.connect(self._on_state)
        control.statusChanged.connect(self._on_status)
        control.failed.connect(lambda words: self.banner.show_message(words, "error"))
        self._timer = QTimer(self)
        self._timer.setInterval(1000)
        self._timer.timeout.connect(self._tick)
        self._on_state(control.state)
        self._on_status(control.status)
        self.reload(in_force=True)

    # ---- texts ------------------------------------------------------------------------------

    def _level_text(self, r: InForceRow) -> str:
        """「レベル３」 only for kinds that carry a 警戒レベル; 強風注意報 or 暴風警報 say their
        class (注意報 / 警報), as the mail does."""
        if r.mm_per_hour is not None:
            return self.tr("%1 mm/h").replace("%1", str(r.mm_per_hour))
        if r.alert_level is not None:
            text = self._level_name(r.alert_level)
        else:
            text = {
                2: self.tr("Advisory"),
                3: self.tr("Warning"),
                4: self.tr("Danger warning"),
                5: self.tr("Emergency warning"),
            }.get(r.level or 0, "")
        return self.tr("%1 (exercise)").replace("%1", text) if r.exercise else text

    def _gauge_source(self, g: GaugeHealth) -> str:
        return {
            "amedas": self.tr("AMeDAS (rain)"),
            "kriver": self.tr("MLIT crisis gauges (water level)"),
            "csv": self.tr("Office CSV"),
        }.get(g.source, g.source)

    def _gauge_age(self, g: GaugeHealth) -> str:
        if g.age_minutes is None:
            return self.tr("stale")
        text = self.tr("%1 min").replace("%1", f"{g.age_minutes:,}")
        return self.tr("%1 (stale)").replace("%1", text) if g.stale else text

    def _level_name(self, level: int) -> str:
        """「警戒レベル４相当」: the level alone (the kind is in its own column / the text)."""
        return self.tr("Warning level %1").replace("%1", str(level))

    def _eta(self, d: DispatchSummary) -> str:
        left = d.total - d.sent - d.failed
        if not self.rate or left <= 0:
            return ""
        return duration(left / self.rate)

    def _outcome(self, d: DispatchSummary) -> str:
        if d.status in ("queued", "sending"):
            return (
                self.tr("sending: %1 of %2")
                .replace("%1", f"{d.sent:,}")
                .replace("%2", f"{d.total:,}")
            )
        failed = d.failed - d.superseded
        text = self.tr("%1 sent").replace("%1", f"{d.sent:,}")
        if failed:
            text = (
                self.tr("%1 sent, %2 failed")
                .replace("%1", f"{d.sent:,}")
                .replace("%2", f"{failed:,}")
            )
        if d.superseded:
            text += self.tr(", %1 not sent as superseded").replace("%1", f"{d.superseded:,}")
        if failed or d.superseded:
            return text
        if d.status == "cancelled":
            return self.tr("cancelled")
        return self.tr("%1 sent").replace("%1", f"{d.sent:,}")

    # ---- state ------------------------------------------------------------------------------

    def _running_words(self) -> str:
        """What "running" means: the OS service runs whoever is logged in."""
        status = self.control.status
        if status is not None and status.os_service:
            return self.tr(
                "Service running (the OS service of this computer): the feed is read and alerts "
                "are sent, whoever is logged in."
            )
        return self.tr("Service running: the feed is read and alerts are sent.")

    def _on_state(self, state: str) -> None:
        words = {
            "stopped": self.tr("Service stopped: no feed is read and nothing is sent."),
            "starting": self.tr("Service starting…"),
            "running": self.tr("Service running: the feed is read and alerts are sent."),
            "stopping": self.tr("Service stopping (finishing the current batch)…"),
        }
        colour = {"running": "#0d5e2a", "stopped": "#8a1020"}.get(state, "#4a3500")
        words["running"] = self._running_words()
        self.state_label.setText(words[state])
        self.state_label.setStyleSheet(f"font-weight:bold; color:{colour};")
        self.start_button.setEnabled(state == "stopped")
        self.stop_button.setEnabled(state == "running")
        self._title_running_box()
        if state == "running":
            self._timer.start()
            self.banner.clear_message()
            self._banner_level = 0
            self._show_feed_state()
            if self.control.uses_local_mailbox:
                self.sink_note.setText(
                    self.tr(
                        "No mail relay is set: mail goes only into the local mailbox on this "
                        'computer (tab "Mailbox"). Nothing reaches residents.'
                    )
                )
                self.sink_note.setStyleSheet("color:#4a3500;")
                self.sink_note.show()
        else:
            self.sink_note.hide()
            if state == "stopped":
                self._timer.stop()
                self.rate = 0.0

    def _on_status(self, status: ChannelStatus | None) -> None:
        """The attached engine's own account of itself (none while no engine answers)."""
        if status is None:
            self.engine_label.hide()
            return
        self._on_state(self.control.state)  # the words for an OS service
        if status.last_good_poll_at is None:
            poll = self.tr("Last successful poll: none yet.")
        else:
            age = max(0.0, (datetime.now(UTC) - status.last_good_poll_at).total_seconds())
            poll = (
                self.tr("Last successful poll: %1 (%2 ago).")
                .replace("%1", when(status.last_good_poll_at.isoformat(), seconds=True))
                .replace("%2", duration(age))
            )
        if status.last_poll_ok is False:
            feed = self.tr("Feed: failing (%1).").replace("%1", status.last_poll_result)
        else:
            feed = self.tr("Feed: ok.")
        if status.last_send_ok is False:
            relay = self.tr("Mail relay: failing (%1).").replace("%1", status.last_send_result)
        elif status.last_send_ok is None:
            relay = self.tr("Mail relay: nothing sent yet.")
        else:
            relay = self.tr("Mail relay: ok.")
        queue = self.tr("Waiting to be sent: %1.").replace("%1", f"{status.queue_depth:,}")
        self.engine_label.setText(" ".join((poll, feed, relay, queue)))
        bad = status.last_poll_ok is False or status.last_send_ok is False
        self.engine_label.setStyleSheet("color:#8a1020;" if bad else "")
        self.engine_label.show()

    def _stop_clicked(self) -> None:
        if self.confirm_stop():
            self.control.stop()

    def confirm_stop(self) -> bool:
        """Asked before 「サービス停止」, naming what stops; キャンセル is the default. Tests
        replace this."""
        status = self.control.status
        if status is not None and status.os_service:
            text = self.tr(
                "The OS service of this computer stops: no feed is read and no alert is sent, "
                "for every staff member, until it is started again (also after a restart of "
                "the computer it starts by itself)."
            )
        else:
            text = self.tr(
                "The service running in the background on this computer (process %1) stops: "
                "no feed is read and no alert is sent until it is started again."
            ).replace("%1", str(status.pid) if status else "?")
        return confirm(self, self.tr("Stop the service?"), text, self.tr("Stop the service"))

    def _title_running_box(self) -> None:
        # Deliveries left by a stop or a crash are not being sent: say so over the table.
        stranded = self.control.state != "running" and bool(self.running_model.rows)
        self.running_box.setTitle(
            self.tr("Not finished: sent when the service runs again")
            if stranded
            else self.tr("Sending now")
        )

    def _tick(self) -> None:
        self._show_feed_state()
        if self.running_model.rows:
            self.reload()

    def _on_alert(self, event: AlertEnqueued) -> None:
        title = f"{event.area} {event.kind or event.title}".strip()
        if event.exercise:
            title = self.tr("%1 (exercise)").replace("%1", title)
        lifted = event.change in ("lifted", "withdrawn", "downgrade")
        line = (
            self.tr("New alert: %1 — %2 recipients")
            .replace("%1", title)
            .replace("%2", f"{event.recipients:,}")
        )
        level = event.level
        if lifted and self._banner_level >= 4:
            # A 解除 elsewhere must not hide a レベル４ still in force: it is added under it.
            self.banner.show_message(f"{self._banner_text}\n{line}", self.banner.kind)
        else:
            shown = None if lifted else level
            if shown is not None and shown >= 2:
                line = f"{self._level_name(shown)}: {line}"
            self._banner_level = shown or 0
            self._banner_text = line
            self.banner.show_message(line, f"level{shown}" if shown in (2, 3, 4, 5) else "info")
        if (
            self.sound is not None
            and level is not None
            and level >= SOUND_FROM_LEVEL
            and not lifted
        ):
            self.sound.play()
        if self.tray is not None and level is not None and level >= 3:
            self.tray.showMessage(
                self.tr("New warning"), title, QSystemTrayIcon.MessageIcon.Warning
            )
        self.alertShown.emit(title)
        self.reload(in_force=True)

    def _on_manual_alert(self, event: ManualAlertEnqueued) -> None:
        self.banner.show_message(
            self.tr("Scheduled manual alert sent out: %1 — %2 recipients")
            .replace("%1", event.subject)
            .replace("%2", f"{event.recipients:,}"),
            "warning",
        )
        self.alertShown.emit(event.subject)
        self.reload()

    def _on_progress(self, event: SendingProgress) -> None:
        self.rate = event.rate
        now = time.monotonic()
        if now - self._last_event > 0.5:  # at most two reads a second, however fast mail goes
            self._last_event = now
            self.reload()

    def _on_poll_error(self, event: PollFailed) -> None:
        message = core_words.say(event.message)  # the engine's English, in the screen's words
        self.poll_error_label.setText(self.tr("Last feed error: %1").replace("%1", message))
        self.poll_error_label.setStyleSheet("color:#8a1020;")
        self._last_poll_error = time.monotonic()
        self._show_feed_state()

    def feed_failing(self) -> bool:
        """The last poll failed: a failure came within two poll intervals (a poll that works
        sends nothing, so a quiet spell that long means the feed is read again)."""
        if self._last_poll_error is None:
            return False
        window = 2 * max(self._poll_interval, 1) + 5
        return time.monotonic() - self._last_poll_error < window

    def _show_feed_state(self) -> None:
        if self.control.state != "running":
            return
        if self.feed_failing():
            self.state_label.setText(
                self.tr(
                    "Service running, but the feed cannot be read: no new warning arrives. "
                    "See the feed error below."
                )
            )
            self.state_label.setStyleSheet("font-weight:bold; color:#4a3500;")
        else:
            self.state_label.setText(self._running_words())
            self.state_label.setStyleSheet("font-weight:bold; color:#0d5e2a;")

    def _on_trouble(self, event: Trouble) -> None:
        self.banner.show_message(trouble_words(event), "error")
        if isinstance(event, StaffNoticeFailed):
            # The duty phone may not have heard: this screen must be heard instead.
            if self.sound is not None:
                self.sound.play()
            self.noticeFailed.emit(event)

    # ---- loading ----------------------------------------------------------------------------

    def reload(self, in_force: bool = False) -> None:
        if self._loading:
            self._reload_again = True
            self._again_in_force = self._again_in_force or in_force
            return
        self._loading = True
        session = self.session

        def work() -> tuple[Dashboard, list[InForceRow] | None]:
            return load_dashboard(session), load_in_force(session) if in_force else None

        run_in_background(work, self._loaded, self._load_failed, store=session.store)

    def _loaded(self, result: tuple[Dashboard, list[InForceRow] | None]) -> None:
        self._loading = False
        dashboard, in_force = result
        if in_force is not None:
            self.in_force_model.replace(in_force)
            self.in_force_view.setVisible(bool(in_force))
            self.nothing_in_force.setVisible(not in_force)
            self.in_force_view.resizeColumnsToContents()
        health = dashboard.health
        if health.last_received_at:
            text = (
                self.tr("Last telegram: %1 (%2). %3 telegrams stored.")
                .replace("%1", when(health.last_received_at, seconds=True))
                .replace("%2", health.last_title or "")
                .replace("%3", f"{health.telegrams:,}")
            )
        else:
            text = self.tr("No telegram received yet.")
        source = (
            self.tr("the bundled demo telegrams")
            if is_demo_source(health.source)
            else short_path(health.source)
        )
        text += "\n" + self.tr("Source: %1, every %2 s").replace("%1", source).replace(
            "%2", str(health.poll_interval)
        )
        self.feed_label.setText(text)
        self._poll_interval = health.poll_interval
        self.running_model.replace(dashboard.running)
        self.running_view.resizeColumnToContents(1)  # the whole subject, not "【新宿区】強…"
        self._title_running_box()
        self.running_view.setVisible(bool(dashboard.running))
        self.nothing_running.setVisible(not dashboard.running)
        self.gauge_model.replace(dashboard.gauges)
        self.gauge_box.setVisible(bool(dashboard.gauges))
        stale = sum(g.stale for g in dashboard.gauges)
        self.gauge_box.setTitle(
            self.tr("Gauges: %1 stale").replace("%1", str(stale)) if stale else self.tr("Gauges")
        )
        self.gauge_box.setStyleSheet("QGroupBox { color:#b00020; }" if stale else "")
        self.recent_model.replace(dashboard.recent)
        self.recent_view.resizeColumnsToContents()
        self.refreshed.emit()
        if self._reload_again:
            again_in_force = self._again_in_force
            self._reload_again = self._again_in_force = False
            self.reload(in_force=again_in_force)

    def _load_failed(self, error: BaseException) -> None:
        self._loading = False
        log.warning("dashboard read failed: %s", error)

        self.banner.show_message(describe(error), "error")
