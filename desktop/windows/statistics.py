"""Statistics: charts of subscribers by topic, language and channel, registrations over time,
dispatch volumes, rain subscribers by threshold and river subscribers by station (QtCharts), from
``dispatch.operations.statistics``; export .xlsx / CSV."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QDateTimeAxis,
    QLineSeries,
    QValueAxis,
)
from PySide6.QtCore import QDate, QDateTime, QMargins, Qt, QTime, QTimeZone, Signal
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import (
    QFileDialog,
    QGridLayout,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.errors import describe
from desktop.tasks import run_in_background
from desktop.widgets.common import Banner, row
from desktop.words import words
from dispatch.base.vocabulary import Language
from dispatch.operations import statistics as core_statistics
from dispatch.operations.session import Session
from dispatch.records.subscribers import TOPIC_NAMES, Channel

_BLUE = QColor(29, 78, 137)


def _noon_utc(day: date) -> QDateTime:
    # Noon UTC: the axis shows the same calendar day in every time zone within ±12 h.
    return QDateTime(QDate(day.year, day.month, day.day), QTime(12, 0), QTimeZone.utc())


class StatisticsPage(QWidget):
    loaded = Signal()
    exported = Signal(object)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.stats: core_statistics.Statistics | None = None
        self.charts = [QChartView() for _ in range(7)]
        grid = QGridLayout()
        # The topic chart gets the whole width: its labels are long, and a half-width chart
        # shortened them to "気象警報・注…".
        places = [
            (0, 0, 1, 2), (1, 0, 1, 1), (1, 1, 1, 1), (2, 0, 1, 1), (2, 1, 1, 1),
            (3, 0, 1, 1), (3, 1, 1, 1),
        ]  # fmt: skip
        for view, place in zip(self.charts, places, strict=True):
            view.setRenderHint(QPainter.RenderHint.Antialiasing)
            view.setMinimumHeight(230)
            grid.addWidget(view, *place)
        self.banner = Banner()
        refresh = QPushButton(self.tr("Refresh"))
        refresh.setShortcut("F5")
        refresh.clicked.connect(self.reload)
        xlsx = QPushButton(self.tr("Export .xlsx…"))
        xlsx.clicked.connect(lambda: self.export("xlsx"))
        csv = QPushButton(self.tr("Export CSV…"))
        csv.clicked.connect(lambda: self.export("csv"))
        layout = QVBoxLayout(self)
        layout.addLayout(row(refresh, xlsx, csv))
        layout.addWidget(self.banner)
        layout.addLayout(grid)
        # Delivery figures per carrier group (counts only, never an address).
        self.carriers = QTableWidget(0, 9)
        self.carriers.setHorizontalHeaderLabels(
            [
                self.tr("Carrier group"),
                self.tr("Sent"),
                self.tr("Accepted"),
                self.tr("Waiting to retry"),
                self.tr("Failed"),
                self.tr("Hard bounces"),
                self.tr("Soft bounces"),
                self.tr("To acceptance, median (s)"),
                self.tr("To acceptance, 95% (s)"),
            ]
        )
        self.carriers.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.carriers.verticalHeader().setVisible(False)
        self.carriers.setMinimumHeight(200)
        layout.addWidget(self.carriers)
        self.reload()

    def reload(self) -> None:
        session = self.session
        run_in_background(
            lambda: core_statistics.statistics(session),
            self._loaded,
            self._failed,
            store=session.store,
        )

    def _loaded(self, stats: core_statistics.Statistics) -> None:
        self.stats = stats
        w = words()
        tables = stats.subscribers
        # The core's tables are in a fixed order with Japanese titles; labels come from ours.
        topics = tables[1].rows
        languages = tables[6].rows
        channels = tables[7].rows
        self.charts[0].setChart(
            self._bars(
                self.tr("Active subscribers by topic"),
                [w.topic(t) for t in TOPIC_NAMES],
                [r[1] for r in topics],
            )
        )
        self.charts[1].setChart(
            self._bars(
                self.tr("By language"), [w.language(x) for x in Language], [r[1] for r in languages]
            )
        )
        self.charts[2].setChart(
            self._bars(
                self.tr("By channel"), [w.channel(x) for x in Channel], [r[1] for r in channels]
            )
        )
        self.charts[3].setChart(self._growth(stats))
        self.charts[4].setChart(self._volumes(stats))
        by_title = {table.title: table for table in tables}
        rain = by_title[core_statistics.RAIN_TABLE].rows
        self.charts[5].setChart(
            self._bars(
                self.tr("Rain subscribers by threshold (mm/h)"),
                [str(r[0]).removeprefix("1時間").removesuffix("ミリ以上") for r in rain],
                [r[1] for r in rain],
            )
        )
        # Per station: how many a stage crossed there would reach (氾濫注意水位, the widest).
        stations = by_title[core_statistics.STATION_TABLE].rows[1:]
        self.charts[6].setChart(
            self._bars(
                self.tr("River subscribers a stage at each station reaches"),
                [str(r[0]) for r in stations] or [""],
                [r[3] for r in stations] or [0],
            )
        )
        self._carrier_rows(stats)
        self.loaded.emit()

    def _carrier_rows(self, stats: core_statistics.Statistics) -> None:
        rows = stats.carrier_table.rows
        self.carriers.setRowCount(len(rows))
        for line, values in enumerate(rows):
            for column, value in enumerate(values):
                item = QTableWidgetItem(str(value))
                if column:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.carriers.setItem(line, column, item)
        self.carriers.resizeColumnsToContents()

    def _chart(self, title: str) -> QChart:
        chart = QChart()
        chart.setTitle(title)
        chart.legend().hide()
        chart.setMargins(QMargins(4, 4, 4, 4))
        chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        return chart

    def _bars(self, title: str, labels: list[str], values: list[Any]) -> QChart:
        chart = self._chart(title)
        bars = QBarSet(title)
        bars.setColor(_BLUE)
        bars.append([float(v) for v in values])
        series = QBarSeries()
        series.append(bars)
        series.setLabelsVisible(True)
        chart.addSeries(series)
        axis_x = QBarCategoryAxis()
        axis_x.append(labels)
        axis_y = QValueAxis()
        axis_y.setRange(0, max([1.0, *(float(v) for v in values)]) * 1.15)
        axis_y.setLabelFormat("%d")
        chart.addAxis(axis_x, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(axis_y, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(axis_x)
        series.attachAxis(axis_y)
        return chart

    def _growth(self, stats: core_statistics.Statistics) -> QChart:
        """The number of active subscribers at the end of each day with a change, on a date
        axis; the line starts at zero the day before the first registration, so that a store
        filled in one day still shows its rise instead of a lone point."""
        chart = self._chart(self.tr("Registrations over time (cumulative, by day)"))
        series = QLineSeries()
        series.setColor(_BLUE)
        series.setPointsVisible(True)
        rows = stats.daily.rows if stats.daily else []
        total = 0
        points: list[tuple[date, int]] = []
        for day in rows:
            when = date.fromisoformat(str(day[0]))
            if not points:
                points.append((when - timedelta(days=1), 0))
            total += int(day[1]) - int(day[2]) - int(day[3])
            points.append((when, total))
        if not points:
            today = date.today()
            points = [(today - timedelta(days=1), 0), (today, 0)]
        for when, count in points:
            series.append(float(_noon_utc(when).toMSecsSinceEpoch()), float(count))
        chart.addSeries(series)
        axis_x = QDateTimeAxis()
        axis_x.setFormat("MM-dd")
        axis_x.setTickCount(min(6, max(2, len(points))))
        axis_x.setRange(_noon_utc(points[0][0]), _noon_utc(points[-1][0]))
        axis_y = QValueAxis()
        axis_y.setRange(0, max(1, *(count for _, count in points)) * 1.15)
        axis_y.setLabelFormat("%d")
        chart.addAxis(axis_x, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(axis_y, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(axis_x)
        series.attachAxis(axis_y)
        return chart

    def _volumes(self, stats: core_statistics.Statistics) -> QChart:
        rows = (stats.dispatches.rows if stats.dispatches else [])[-15:]
        return self._bars(
            self.tr("Mails sent per dispatch (last 15)"),
            [str(r[0]) for r in rows] or [""],
            [r[9] for r in rows] or [0],
        )

    def export(self, kind: str) -> None:
        path = self.ask_export_path(kind)
        if path is None:
            return
        session = self.session

        def work() -> Path:
            if kind == "xlsx":
                core_statistics.export(session, None, None, xlsx=path)
            else:
                core_statistics.export(session, None, None, csv=path)
            return path

        def done(written: Path) -> None:
            self.banner.show_message(self.tr("Written: %1").replace("%1", written.name), "ok")
            self.exported.emit(written)

        run_in_background(work, done, self._failed, store=session.store)

    def ask_export_path(self, kind: str) -> Path | None:
        name, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export statistics"), f"statistics.{kind}", f"*.{kind}"
        )
        return Path(name) if name else None

    def _failed(self, error: BaseException) -> None:
        self.banner.show_message(describe(error), "error")
