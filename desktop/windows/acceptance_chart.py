"""The statistics' chart of how the latest large dispatch was accepted over time: recipients
accepted by the relay against seconds from the detection of the alert — the slope is the
sending rate, the end how late the last resident's mail left (issue 17: after a typhoon night
the office can say whether residents got their mail late)."""

from __future__ import annotations

from PySide6.QtCharts import QChart, QChartView, QLineSeries, QValueAxis
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QGroupBox, QLabel, QVBoxLayout, QWidget

from desktop.formatting import when
from desktop.tasks import run_in_background
from dispatch.operations.dispatches import AcceptanceCurve, latest_acceptance_curve
from dispatch.operations.session import Session

#: Dispatches to fewer recipients say little about the sending rate.
AT_LEAST = 100
#: A curve of at most this many points (the chart stays quick at 100,000 acceptances).
POINTS = 200


def curve_points(seconds: list[float], points: int = POINTS) -> list[tuple[float, int]]:
    """(seconds, accepted so far), thinned to about ``points`` steps, first and last kept."""
    if not seconds:
        return []
    step = max(1, len(seconds) // points)
    chosen = list(range(step - 1, len(seconds), step))
    if chosen[-1] != len(seconds) - 1:
        chosen.append(len(seconds) - 1)
    return [(0.0, 0)] + [(seconds[i], i + 1) for i in chosen]


class AcceptanceChartBox(QGroupBox):
    """Loads the curve in the background (:meth:`reload`, called by its page) and draws it;
    says so when there is none."""

    loaded = Signal(object)  # the AcceptanceCurve, or None

    def __init__(
        self, session: Session, parent: QWidget | None = None, *, at_least: int = AT_LEAST
    ) -> None:
        super().__init__(parent)
        self.at_least = at_least
        self.setTitle(self.tr("Acceptance over time, latest large dispatch"))
        self.session = session
        self.caption = QLabel(self.tr("Loading…"))
        self.caption.setWordWrap(True)
        self.view = QChartView()
        self.view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.view.setMinimumHeight(220)
        layout = QVBoxLayout(self)
        layout.addWidget(self.caption)
        layout.addWidget(self.view)

    def reload(self) -> None:
        session = self.session
        run_in_background(
            lambda: latest_acceptance_curve(session, self.at_least),
            self._show,
            lambda error: self.caption.setText(str(error)),
            store=session.store,
        )

    def _show(self, curve: AcceptanceCurve | None) -> None:
        chart = QChart()
        chart.legend().hide()
        chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        if curve is None or not curve.seconds:
            self.caption.setText(
                self.tr("No dispatch to %1 or more recipients has been accepted yet.").replace(
                    "%1", str(self.at_least)
                )
            )
            self.view.setChart(chart)
            self.loaded.emit(curve)
            return
        summary = curve.summary
        self.caption.setText(
            self.tr("Dispatch %1 「%2」 (%3): %4 of %5 accepted, the last %6 s after detection.")
            .replace("%1", str(summary.id))
            .replace("%2", summary.subject)
            .replace("%3", when(summary.detected_at or summary.created_at, True))
            .replace("%4", f"{len(curve.seconds):,}")
            .replace("%5", f"{summary.total:,}")
            .replace("%6", f"{curve.seconds[-1]:,.1f}")
        )
        series = QLineSeries()
        for seconds, accepted in curve_points(curve.seconds):
            series.append(seconds, accepted)
        chart.addSeries(series)
        axis_x, axis_y = QValueAxis(), QValueAxis()
        axis_x.setTitleText(self.tr("seconds from the detection"))
        axis_x.setRange(0, max(1.0, curve.seconds[-1]))
        # Whole seconds read best, but a dispatch done in a few seconds needs tenths.
        axis_x.setLabelFormat("%d" if curve.seconds[-1] >= 10 else "%.1f")
        axis_y.setTitleText(self.tr("recipients accepted"))
        axis_y.setRange(0, max(1, summary.total))
        axis_y.setLabelFormat("%d")
        chart.addAxis(axis_x, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(axis_y, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(axis_x)
        series.attachAxis(axis_y)
        self.view.setChart(chart)
        self.loaded.emit(curve)
