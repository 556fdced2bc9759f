"""Statistics: charts of subscribers by topic, language and channel, registrations over time,
dispatch volumes, rain subscribers by threshold and river subscribers by station (QtCharts), from
``dispatch.operations.statistics``; export .xlsx / CSV.

The period is a fiscal year (年度: April to March, Tokyo dates), everything, or from/to dates the
person chooses; the registrations and dispatches follow it. Counts are on whole-number ticks and
dates on whole days. The export proposes a name carrying the period (``統計_2026年度.xlsx``) in
the person's documents folder — never the program's folder."""

from __future__ import annotations

import math
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
from PySide6.QtCore import (
    QDate,
    QDateTime,
    QMargins,
    QStandardPaths,
    Qt,
    QTime,
    QTimeZone,
    Signal,
)
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFileDialog,
    QGridLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.errors import describe
from desktop.tasks import run_in_background
from desktop.widgets.common import Banner, row
from desktop.windows.acceptance_chart import AcceptanceChartBox
from desktop.words import words
from dispatch.base.clock import TOKYO
from dispatch.base.vocabulary import Language
from dispatch.operations import statistics as core_statistics
from dispatch.operations import statistics_files
from dispatch.operations.session import Session
from dispatch.records.subscribers import TOPIC_NAMES, Channel

_BLUE = QColor(29, 78, 137)


#: Fiscal years offered besides the current one.
EARLIER_YEARS = 4


def _noon_utc(day: date) -> QDateTime:
    # Noon UTC: the axis shows the same calendar day in every time zone within ±12 h.
    return QDateTime(QDate(day.year, day.month, day.day), QTime(12, 0), QTimeZone.utc())


def _day(day: QDate) -> date:
    return date(day.year(), day.month(), day.day())


def fiscal_year(day: date) -> int:
    """The 年度 of a day: April to March (2027-03-31 is in 2026年度)."""
    return day.year if day.month >= 4 else day.year - 1


def fiscal_year_days(year: int) -> tuple[date, date]:
    return date(year, 4, 1), date(year + 1, 3, 31)


def nice_scale(highest: float) -> tuple[int, int]:
    """An axis from 0 over ``highest`` (with room for a bar's label) on whole-number ticks of
    1, 2 or 5 × 10ⁿ, at most six: returns (top, tick count)."""
    wanted = max(1, math.ceil(highest * 1.1))
    step = 1
    while True:
        for factor in (1, 2, 5):
            if math.ceil(wanted / (step * factor)) <= 5:
                steps = math.ceil(wanted / (step * factor))
                return steps * step * factor, steps + 1
        step *= 10


class StatisticsPage(QWidget):
    loaded = Signal()
    exported = Signal(object)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.stats: core_statistics.Statistics | None = None
        # How the latest large dispatch was accepted over time (late carriers show here).
        self.acceptance = AcceptanceChartBox(session)
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
        self.period = QComboBox()
        self.period.setAccessibleName(self.tr("Period"))
        today = session.clock.now().astimezone(TOKYO).date()
        this_year = fiscal_year(today)
        for year in range(this_year, this_year - EARLIER_YEARS - 1, -1):
            self.period.addItem(self.tr("FY%1").replace("%1", str(year)), year)
        self.period.addItem(self.tr("Everything"), "all")
        self.period.addItem(self.tr("From … to …"), "custom")
        start, _ = fiscal_year_days(this_year)
        self.since = QDateEdit(QDate(start.year, start.month, start.day))
        self.until = QDateEdit(QDate(today.year, today.month, today.day))
        for edit, name in ((self.since, self.tr("From")), (self.until, self.tr("To"))):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setAccessibleName(name)
            edit.dateChanged.connect(lambda _: self._custom_changed())
        self.period.currentIndexChanged.connect(lambda _: self._period_changed())
        self.banner = Banner()
        refresh = QPushButton(self.tr("Refresh"))
        refresh.setToolTip(self.tr("The window's F5 does the same on every page."))
        refresh.clicked.connect(self.reload)
        xlsx = QPushButton(self.tr("Export .xlsx…"))
        xlsx.clicked.connect(lambda: self.export("xlsx"))
        csv = QPushButton(self.tr("Export CSV…"))
        csv.clicked.connect(lambda: self.export("csv"))
        layout = QVBoxLayout(self)
        layout.addLayout(
            row(
                QLabel(self.tr("Period")),
                self.period,
                self.since,
                QLabel(self.tr("to")),
                self.until,
                refresh,
                xlsx,
                csv,
            )
        )
        layout.addWidget(self.banner)
        layout.addLayout(grid)
        # Delivery figures per carrier group (counts only, never an address).
        self.carriers = QTableWidget(0, len(core_statistics.CARRIER_HEADERS))
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
                self.tr("To the last acceptance (s)"),
            ]
        )
        self.carriers.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.carriers.verticalHeader().setVisible(False)
        self.carriers.setMinimumHeight(200)
        layout.addWidget(self.carriers)
        layout.addWidget(self.acceptance)
        self._period_changed(reload=False)
        self.reload()

    # ---- the period -------------------------------------------------------------------------

    def chosen_period(self) -> tuple[date | None, date | None]:
        """(from, to), Tokyo dates, both included; None: open."""
        chosen = self.period.currentData()
        if chosen == "all":
            return None, None
        if chosen == "custom":
            return _day(self.since.date()), _day(self.until.date())
        return fiscal_year_days(int(chosen))

    def period_name(self) -> str:
        """The period as a file name carries it: 2026年度, 全期間, 2026-04-01_2026-06-30."""
        chosen = self.period.currentData()
        if chosen == "all":
            return self.tr("all")
        if chosen == "custom":
            since, until = self.chosen_period()
            return f"{since}_{until}"
        return self.tr("FY%1").replace("%1", str(chosen))

    def _period_changed(self, reload: bool = True) -> None:
        custom = self.period.currentData() == "custom"
        self.since.setEnabled(custom)
        self.until.setEnabled(custom)
        since, until = self.chosen_period()
        if not custom and since is not None and until is not None:
            for edit, day in ((self.since, since), (self.until, until)):
                blocked = edit.blockSignals(True)
                edit.setDate(QDate(day.year, day.month, day.day))
                edit.blockSignals(blocked)
        if reload:
            self.reload()

    def _custom_changed(self) -> None:
        if self.period.currentData() == "custom":
            self.reload()

    def reload(self) -> None:
        self.acceptance.reload()
        session = self.session
        since, until = self.chosen_period()
        if since is not None and until is not None and since > until:
            self.banner.show_message(
                self.tr("The start date is after the end date: swap them."), "error"
            )
            return
        self.banner.hide()
        run_in_background(
            lambda: core_statistics.statistics(session, since, until),
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
        axis_y = self._count_axis(max([0.0, *(float(v) for v in values)]))
        chart.addAxis(axis_x, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(axis_y, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(axis_x)
        series.attachAxis(axis_y)
        return chart

    def _count_axis(self, highest: float) -> QValueAxis:
        """Counts on whole-number ticks (0, 20, 40 … not 0, 23, 46 …)."""
        top, ticks = nice_scale(highest)
        axis = QValueAxis()
        axis.setRange(0, top)
        axis.setTickCount(ticks)
        axis.setLabelFormat("%d")
        return axis

    def _growth(self, stats: core_statistics.Statistics) -> QChart:
        """The number of subscribers at the end of each day with a change, on a date axis;
        the line starts the day before the period's first change at the number registered
        before the period (zero for everything), so that a store filled in one day still shows
        its rise instead of a lone point."""
        chart = self._chart(self.tr("Registrations over time (cumulative, by day)"))
        series = QLineSeries()
        series.setColor(_BLUE)
        series.setPointsVisible(True)
        rows = stats.daily.rows if stats.daily else []
        total = stats.before  # those who had registered before the period
        points: list[tuple[date, int]] = []
        for day in rows:
            when = date.fromisoformat(str(day[0]))
            if not points:
                points.append((when - timedelta(days=1), total))
            total += int(day[1]) - int(day[2]) - int(day[3])
            points.append((when, total))
        if not points:
            today = self.session.clock.now().astimezone(TOKYO).date()
            points = [(today - timedelta(days=1), total), (today, total)]
        for when, count in points:
            series.append(float(_noon_utc(when).toMSecsSinceEpoch()), float(count))
        chart.addSeries(series)
        # Ticks on whole days: the span is stretched to a multiple of the gaps between them.
        first = points[0][0]
        days = max(1, (points[-1][0] - first).days)
        gaps = min(5, days)
        days = math.ceil(days / gaps) * gaps
        axis_x = QDateTimeAxis()
        axis_x.setFormat("yyyy-MM-dd")
        axis_x.setTickCount(gaps + 1)
        axis_x.setRange(_noon_utc(first), _noon_utc(first + timedelta(days=days)))
        axis_y = self._count_axis(max(count for _, count in points))
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

    def default_export_path(self, kind: str) -> Path:
        """統計_2026年度.xlsx in the person's documents folder."""
        folder = QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation
        ) or QStandardPaths.writableLocation(QStandardPaths.StandardLocation.HomeLocation)
        stem = self.tr("statistics")
        return Path(folder) / f"{stem}_{self.period_name()}.{kind}"

    def export(self, kind: str) -> None:
        path = self.ask_export_path(kind, self.default_export_path(kind))
        if path is None:
            return
        session = self.session
        since, until = self.chosen_period()

        def work() -> Path:
            if kind == "xlsx":
                statistics_files.export(session, since, until, xlsx=path)
            else:
                statistics_files.export(session, since, until, csv=path)
            return path

        def done(written: Path) -> None:
            self.banner.show_message(self.tr("Written: %1").replace("%1", written.name), "ok")
            self.exported.emit(written)

        run_in_background(work, done, self._failed, store=session.store)

    def ask_export_path(self, kind: str, default: Path) -> Path | None:
        """Where to save, asked (tests replace this)."""
        kinds = self.tr("Excel files (*.xlsx)") if kind == "xlsx" else self.tr("CSV files (*.csv)")
        name, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export statistics"), str(default), kinds
        )
        return Path(name) if name else None

    def _failed(self, error: BaseException) -> None:
        self.banner.show_message(describe(error), "error")
