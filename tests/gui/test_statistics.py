"""The Statistics page: charts drawn from the store's counts, export to .xlsx and CSV."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

from openpyxl import load_workbook
from PySide6.QtCharts import QBarSeries, QDateTimeAxis, QLineSeries, QValueAxis
from PySide6.QtCore import QDate, QStandardPaths, Qt
from pytestqt.qtbot import QtBot

from desktop.windows.statistics import StatisticsPage, fiscal_year, nice_scale
from dispatch.base.clock import TOKYO
from dispatch.operations.demo import seed_demo_subscribers
from dispatch.operations.session import Session
from dispatch.records.subscriber_table import SubscriberRepository
from dispatch.records.subscribers import NewSubscriber, RiverStage, Topics
from dispatch.store.database import transaction


def bar_values(page: StatisticsPage, chart: int) -> list[float]:
    series = page.charts[chart].chart().series()[0]
    assert isinstance(series, QBarSeries)
    bars = series.barSets()[0]
    return [bars.at(n) for n in range(bars.count())]


def test_the_charts_show_the_stores_counts_and_export_both_formats(
    qtbot: QtBot, admin: Session, tmp_path: Path
) -> None:
    with transaction(admin.connection):
        seed_demo_subscribers(admin.connection, admin.clock.now())
    page = StatisticsPage(admin)
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: page.stats is not None, timeout=10_000)

    # Topics: every seeded resident wants warnings except every fifth (rain and river only).
    assert bar_values(page, 0)[0] == 80
    assert sum(bar_values(page, 1)) == 100  # by language: everyone counted once
    assert bar_values(page, 2)[0] == 100  # all came through the registration site

    growth = page.charts[3].chart().series()[0]
    assert isinstance(growth, QLineSeries)
    points = growth.points()
    # One day of registrations still draws a rise: zero the day before, 100 on the day.
    assert [p.y() for p in points] == [0.0, 100.0]
    today = admin.clock.now().astimezone(TOKYO).date()
    day = timedelta(days=1).total_seconds() * 1000
    assert points[1].x() - points[0].x() == day
    axis = page.charts[3].chart().axes()[0]
    assert axis.max().date().toPython() == today  # type: ignore[attr-defined]

    # The carrier groups' table: every group, counts only (nothing sent yet).
    table = page.carriers

    def cell(line: int, column: int) -> str:
        item = table.item(line, column)
        assert item is not None
        return item.text()

    groups = [cell(n, 0) for n in range(table.rowCount())]
    assert groups[:3] == ["docomo", "au", "softbank"] and groups[-1] == "other"
    assert cell(0, 2) == "0"
    assert all("@" not in cell(r, c) for r in range(len(groups)) for c in range(9))
    # Every column of the core's carrier table has its place (one too few warned at each load).
    assert table.columnCount() == len(page.stats.carrier_table.headers)  # type: ignore[union-attr]

    xlsx, csv = tmp_path / "stats.xlsx", tmp_path / "stats.csv"
    for kind, path in (("xlsx", xlsx), ("csv", csv)):

        def answer(kind: str, default: Path, chosen: Path = path) -> Path:
            return chosen

        page.ask_export_path = answer  # type: ignore[method-assign]
        with qtbot.waitSignal(page.exported, timeout=10_000) as exported:
            page.export(kind)
        assert exported.args == [path]
        assert path.name in page.banner.text()
    book = load_workbook(xlsx)
    values = [v for sheet in book for line in sheet.iter_rows(values_only=True) for v in line]
    assert "日本語" in values and 60 in values  # the by-language table: 60 residents read ja
    text = csv.read_text(encoding="utf-8-sig")
    assert "期間" in text and "100" in text


def test_rain_thresholds_and_river_stations_have_their_charts(qtbot: QtBot, admin: Session) -> None:
    now = admin.clock.now()
    people = [
        NewSubscriber("r10@example.jp", Topics(rain_mm=10), now),
        NewSubscriber("r50@example.jp", Topics(rain_mm=50), now),
        NewSubscriber("r50b@example.jp", Topics(rain_mm=50), now),
        NewSubscriber("all@example.jp", Topics(river_stage=RiverStage.CAUTION), now),
        NewSubscriber(
            "sagi@example.jp",
            Topics(river_stage=RiverStage.CAUTION, river_stations=("83030400470000016",)),
            now,
        ),
    ]
    with transaction(admin.connection):
        SubscriberRepository(admin.connection).add_many(people, now)
    page = StatisticsPage(admin)
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: page.stats is not None, timeout=10_000)
    assert page.charts[5].chart().title() == "雨量のしきい値別の登録者数（1時間の雨量、ミリ）"
    assert bar_values(page, 5) == [1, 0, 0, 2, 0]  # 10 / 20 / 30 / 50 / 80 mm/h
    assert bar_values(page, 6) == [2, 1]  # 鷺盛橋: all + sagi; 千歳橋: all only


def _one_subscriber_on(admin: Session, day: date) -> None:
    at = datetime(day.year, day.month, day.day, 10, 0, tzinfo=TOKYO)
    with transaction(admin.connection):
        SubscriberRepository(admin.connection).add_many(
            [
                NewSubscriber(
                    f"r{day.isoformat()}@example.jp", Topics(river_stage=RiverStage.CAUTION), at
                )
            ],
            at,
        )


def test_the_period_is_a_fiscal_year_or_chosen_days_and_the_export_carries_it(
    qtbot: QtBot, admin: Session, tmp_path: Path
) -> None:
    today = admin.clock.now().astimezone(TOKYO).date()
    year = fiscal_year(today)
    # One registration in this 年度, one in the one before (March of this year's start).
    _one_subscriber_on(admin, date(year, 4, 2))
    _one_subscriber_on(admin, date(year, 3, 31))
    page = StatisticsPage(admin)
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: page.stats is not None, timeout=10_000)
    assert page.period.currentText() == f"{year}年度"
    assert page.chosen_period() == (date(year, 4, 1), date(year + 1, 3, 31))
    assert page.stats is not None and page.stats.daily is not None
    assert [r[0] for r in page.stats.daily.rows] == [f"{year}-04-02"]
    # The line goes on from those who had registered before the 年度, not from zero.
    growth = page.charts[3].chart().series()[0]
    assert isinstance(growth, QLineSeries)
    assert [p.y() for p in growth.points()] == [1.0, 2.0]
    # The year before: April to March, Tokyo dates.
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        page.period.setCurrentIndex(1)
    assert page.chosen_period() == (date(year - 1, 4, 1), date(year, 3, 31))
    assert [r[0] for r in page.stats.daily.rows] == [f"{year}-03-31"]
    # Chosen days.
    custom = page.period.findData("custom")
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        page.period.setCurrentIndex(custom)
    assert page.since.isEnabled() and page.until.isEnabled()
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        page.since.setDate(QDate(year, 3, 1))
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        page.until.setDate(QDate(year, 4, 30))
    assert [r[0] for r in page.stats.daily.rows] == [f"{year}-03-31", f"{year}-04-02"]
    # Counts on whole-number ticks; the growth axis on whole days.
    counts = page.charts[0].chart().axes(Qt.Orientation.Vertical)[0]
    assert isinstance(counts, QValueAxis)
    step = (counts.max() - counts.min()) / (counts.tickCount() - 1)
    assert step == int(step) and counts.max() >= 2
    dates = page.charts[3].chart().axes(Qt.Orientation.Horizontal)[0]
    assert isinstance(dates, QDateTimeAxis)
    span_ms = dates.min().msecsTo(dates.max())
    assert span_ms % ((dates.tickCount() - 1) * 86_400_000) == 0
    # The export proposes the period's name in the documents folder and writes that period.
    page.period.setCurrentIndex(0)
    qtbot.waitUntil(lambda: page.chosen_period()[0] == date(year, 4, 1))
    proposed: list[Path] = []
    out = tmp_path / "chosen.xlsx"

    def answer(kind: str, default: Path) -> Path:
        proposed.append(default)
        return out

    page.ask_export_path = answer  # type: ignore[method-assign]
    with qtbot.waitSignal(page.exported, timeout=10_000):
        page.export("xlsx")
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    assert proposed == [Path(documents) / f"統計_{year}年度.xlsx"]
    assert Path.cwd() not in proposed[0].parents
    book = load_workbook(out)
    assert f"{year}-04-01 ～ {year + 1}-03-31" in str(book["登録者"]["A1"].value)
    trend = book["登録・解除"]
    days = [c.value for c in trend["A"] if isinstance(c.value, datetime)]
    assert [d.date() for d in days] == [date(year, 4, 2)]  # a date, not text


def test_nice_scale() -> None:
    assert nice_scale(80) == (100, 6)
    assert nice_scale(1) == (2, 3)
    assert nice_scale(0) == (1, 2)
    assert nice_scale(100_100) == (150_000, 4)
