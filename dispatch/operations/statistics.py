"""Subscription and dispatch statistics for the ward's reports — counts only, no personal data.

Every figure is an aggregate: no address, no subscriber id, nothing that names a resident. Days
and months are Tokyo dates. Export: ``.xlsx`` (formatted sheets, native Excel charts, Japanese
headers, the period in each title) and CSV (UTF-8 with BOM, formula cells defused).
"""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.chart import BarChart, LineChart, Reference
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from dispatch.base.clock import TOKYO, from_iso, to_iso
from dispatch.base.errors import ValidationError
from dispatch.base.spreadsheet import csv_bytes
from dispatch.operations.declare import operation
from dispatch.operations.session import Session
from dispatch.records.accounts import Permission
from dispatch.records.bounces import CarrierFigures, carrier_figures
from dispatch.records.stations import encode_choice, station_list
from dispatch.records.subscribers import RAIN_THRESHOLDS_MM
from dispatch.store.database import Connection
from feeds.errors import ObservationError

_LOCAL = "'+9 hours'"  # stored times are UTC; Tokyo has no daylight saving time

STATUS_JA = {
    "active": "配信中",
    "pending": "確認待ち",
    "unsubscribed": "解除",
    "suspended": "停止（不達）",
}
TOPIC_JA = {
    "warnings": "気象警報・注意報",
    "rain": "雨量情報",
    "river": "河川水位情報",
    "kanda": "神田川洪水予報",
}
LANGUAGE_JA = {"ja": "日本語", "en": "英語", "ja-easy": "やさしい日本語"}
CHANNEL_JA = {"web": "登録サイト", "mail": "空メール", "staff": "職員登録", "import": "一括登録"}
LEVEL_JA = {
    2: "レベル2（注意報）以上",
    3: "レベル3（警報）以上",
    4: "レベル4（土砂災害警戒情報等）以上",
    5: "レベル5（特別警報）のみ",
}
STAGE_JA = {1: "氾濫注意水位以上", 2: "避難判断水位以上", 3: "氾濫危険水位以上"}
RIVERS_JA = ((1, "神田川"), (2, "善福寺川"), (4, "妙正寺川"))

DISPATCH_HEADERS = (
    "配信番号",
    "種別",
    "件名",
    "気象庁発表時刻",
    "検知時刻",
    "最初の受付",
    "最後の受付",
    "検知から最初の受付まで（秒）",
    "対象",
    "送信済",
    "失敗",
    "再試行待ち",
    "重複の可能性",
)


@dataclass(frozen=True)
class Table:
    title: str
    headers: tuple[str, ...]
    rows: list[tuple[Any, ...]]

    def as_dict(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "headers": list(self.headers),
            "rows": [list(r) for r in self.rows],
        }


CARRIER_HEADERS = (
    "宛先グループ",
    "送信",
    "受付",
    "再試行待ち",
    "失敗",
    "不達（ハード）",
    "不達（ソフト）",
    "検知から受付まで 中央値（秒）",
    "検知から受付まで 95%（秒）",
    "検知から最後の受付まで（秒）",
)


@dataclass(frozen=True)
class Statistics:
    period_from: date | None
    period_to: date | None
    generated_at: str
    subscribers: list[Table] = field(default_factory=list)
    daily: Table | None = None
    monthly: Table | None = None
    dispatches: Table | None = None
    #: Delivery figures per carrier group (docomo, au, …): counts only, never an address.
    carriers: list[CarrierFigures] = field(default_factory=list)
    #: Registrations less unsubscriptions and erasures before the period (0 without a start).
    before: int = 0

    @property
    def period_text(self) -> str:
        start = self.period_from.isoformat() if self.period_from else "開始時"
        end = self.period_to.isoformat() if self.period_to else "現在"
        return f"{start} ～ {end}"

    def tables(self) -> list[Table]:
        return [
            *self.subscribers,
            *(t for t in (self.daily, self.monthly, self.dispatches) if t),
            self.carrier_table,
        ]

    @property
    def carrier_table(self) -> Table:
        rows = [
            (
                c.group,
                c.sent,
                c.accepted,
                c.deferred,
                c.failed,
                c.bounced_hard,
                c.bounced_soft,
                "" if c.accept_median is None else c.accept_median,
                "" if c.accept_p95 is None else c.accept_p95,
                "" if c.accept_last is None else c.accept_last,
            )
            for c in self.carriers
        ]
        return Table("宛先グループ（キャリア）別の配信実績", CARRIER_HEADERS, rows)

    def as_dict(self) -> dict[str, Any]:
        return {
            "period": {
                "from": self.period_from and self.period_from.isoformat(),
                "to": self.period_to and self.period_to.isoformat(),
            },
            "generated_at": self.generated_at,
            "tables": [t.as_dict() for t in self.tables()],
            "carriers": [
                {
                    "group": c.group,
                    "sent": c.sent,
                    "accepted": c.accepted,
                    "deferred": c.deferred,
                    "failed": c.failed,
                    "bounced": c.bounced,
                    "bounced_hard": c.bounced_hard,
                    "bounced_soft": c.bounced_soft,
                    "accept_seconds_median": c.accept_median,
                    "accept_seconds_p95": c.accept_p95,
                    "accept_seconds_last": c.accept_last,
                }
                for c in self.carriers
            ],
        }


def parse_day(text: str | None, what: str) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ValidationError(f"{what}: give a date as YYYY-MM-DD, not {text!r}.") from None


def _bounds(since: date | None, until: date | None) -> tuple[str, str]:
    """UTC ISO bounds for Tokyo dates ``since`` (inclusive) to ``until`` (inclusive)."""
    low = to_iso(datetime.combine(since, time(), TOKYO)) if since else "0000"
    high = to_iso(datetime.combine(until + timedelta(days=1), time(), TOKYO)) if until else "9999"
    return low, high


def _grouped(connection: Connection, column: str, where: str = "") -> dict[Any, int]:
    rows = connection.execute(
        f"SELECT {column}, count(*) FROM subscribers {where} GROUP BY {column} ORDER BY {column}"
    )
    return {key: int(count) for key, count in rows}


def _rain_table(connection: Connection, active: str) -> Table:
    """Every offered rain threshold (zeros too), and how many a reading of that much reaches:
    the subscribers at or below it (a rain event mails each of them once)."""
    rain = _grouped(connection, "rain_mm", active + " AND rain_mm IS NOT NULL")
    # Thresholds from before the one list would show as extra rows (the migration moved them).
    thresholds = sorted(set(RAIN_THRESHOLDS_MM) | set(rain))
    rows = []
    reached = 0
    for mm in thresholds:
        reached += rain.get(mm, 0)
        rows.append((f"1時間{mm}ミリ以上", rain.get(mm, 0), reached))
    return Table(RAIN_TABLE, ("しきい値", "人数", "この雨量に達したとき届く人数"), rows)


#: The title of the per-station table (the desktop finds it by this title).
STATION_TABLE = "河川水位の観測所別（配信中）"
RAIN_TABLE = "雨量のしきい値別（配信中）"


def _station_table(connection: Connection, active: str) -> Table:
    """Per river station of the one list: how many chose it themselves, and how many a stage
    crossed there reaches (those who chose it or every station, at or below that stage). The
    first row counts those who chose every station (one added later included)."""
    try:
        stations = station_list(connection)
    except ObservationError:
        stations = []  # an unreadable list is doctor's to report; the counts go on
    river = active + " AND river_stage IS NOT NULL"
    every = int(
        connection.execute(
            f"SELECT count(*) FROM subscribers {river} AND river_stations IS NULL"
        ).fetchone()[0]
    )
    rows: list[tuple[Any, ...]] = [("すべての観測所（今後加わる観測所も）", "", every, "", "", "")]
    for station in stations:
        mark = encode_choice((station.code,))
        chosen = connection.execute(
            f"SELECT count(*) FROM subscribers {river} AND instr(river_stations, ?) > 0", (mark,)
        ).fetchone()[0]
        reached = [
            int(
                connection.execute(
                    f"SELECT count(*) FROM subscribers {river} AND river_stage <= ? AND "
                    "(river_stations IS NULL OR instr(river_stations, ?) > 0)",
                    (stage, mark),
                ).fetchone()[0]
            )
            for stage in STAGE_JA
        ]
        rows.append((station.label(), station.code, int(chosen), *reached))
    return Table(
        STATION_TABLE,
        (
            "観測所",
            "コード",
            "この観測所を選んだ人数",
            "氾濫注意水位で届く人数",
            "避難判断水位で届く人数",
            "氾濫危険水位で届く人数",
        ),
        rows,
    )


def collect(
    connection: Connection, since: date | None, until: date | None, now: datetime
) -> Statistics:
    if since and until and since > until:
        raise ValidationError("--from is after --to; swap them.")
    low, high = _bounds(since, until)
    active = "WHERE status = 'active'"
    tables = []
    status = _grouped(connection, "status")
    tables.append(
        Table(
            "状態別の登録者数",
            ("状態", "人数"),
            [(STATUS_JA.get(k, k), status.get(k, 0)) for k in STATUS_JA],
        )
    )
    row = connection.execute(
        "SELECT count(warning_level), count(rain_mm), count(river_stage), "
        f"coalesce(sum(kanda_rivers != 0), 0) FROM subscribers {active}"
    ).fetchone()
    tables.append(
        Table(
            "情報の種類別の登録者数（配信中）",
            ("情報の種類", "人数"),
            [(TOPIC_JA[t], int(v)) for t, v in zip(TOPIC_JA, row, strict=True)],
        )
    )
    levels = _grouped(connection, "warning_level", active + " AND warning_level IS NOT NULL")
    tables.append(
        Table(
            "気象警報の受信レベル別（配信中）",
            ("選択", "人数"),
            [(LEVEL_JA[k], levels.get(k, 0)) for k in LEVEL_JA],
        )
    )
    tables.append(_rain_table(connection, active))
    stages = _grouped(connection, "river_stage", active + " AND river_stage IS NOT NULL")
    tables.append(
        Table(
            "河川水位の受信段階別（配信中）",
            ("選択", "人数"),
            [(STAGE_JA[k], stages.get(k, 0)) for k in STAGE_JA],
        )
    )
    rivers = [
        (
            name,
            int(
                connection.execute(
                    f"SELECT count(*) FROM subscribers {active} AND (kanda_rivers & ?) != 0", (bit,)
                ).fetchone()[0]
            ),
        )
        for bit, name in RIVERS_JA
    ]
    tables.append(Table("神田川洪水予報の河川別（配信中）", ("河川", "人数"), rivers))
    languages = _grouped(connection, "language", active)
    tables.append(
        Table(
            "言語別（配信中）",
            ("言語", "人数"),
            [(LANGUAGE_JA[k], languages.get(k, 0)) for k in LANGUAGE_JA],
        )
    )
    channels = _grouped(connection, "channel", active)
    tables.append(
        Table(
            "登録経路別（配信中）",
            ("経路", "人数"),
            [(CHANNEL_JA[k], channels.get(k, 0)) for k in CHANNEL_JA],
        )
    )
    charsets = _grouped(connection, "charset", active)
    tables.append(
        Table(
            "文字コード別（配信中）", ("文字コード", "人数"), [(k, v) for k, v in charsets.items()]
        )
    )
    tables.append(_station_table(connection, active))  # last: the desktop reads by position

    daily_rows = _per_period(connection, "date", low, high)
    monthly_rows = _per_period(connection, "strftime('%Y-%m',", low, high)
    dispatch_rows = _dispatches(connection, low, high)
    return Statistics(
        since,
        until,
        now.astimezone(TOKYO).strftime("%Y-%m-%d %H:%M"),
        tables,
        Table("日別の登録・解除", ("日付", "登録", "解除", "削除"), daily_rows),
        Table("月別の登録・解除", ("月", "登録", "解除", "削除"), monthly_rows),
        Table("配信ごとの実績", DISPATCH_HEADERS, dispatch_rows),
        carrier_figures(connection, low, high),
        # Registered less left before the period: where its cumulative line starts.
        sum(r[1] - r[2] - r[3] for r in _per_period(connection, "date", "0000", low)),
    )


def _per_period(connection: Connection, unit: str, low: str, high: str) -> list[tuple[Any, ...]]:
    """(period, registrations, unsubscriptions, erasures); registrations include subscribers
    erased since (their erasure record keeps when they had registered)."""

    def key(column: str) -> str:
        if unit == "date":
            return f"date({column}, {_LOCAL})"
        return f"strftime('%Y-%m', {column}, {_LOCAL})"

    counts: dict[str, list[int]] = {}
    queries = (
        (
            0,
            f"SELECT {key('created_at')}, count(*) FROM subscribers WHERE created_at >= ? "
            "AND created_at < ? GROUP BY 1",
        ),
        (
            0,
            f"SELECT {key('subscribed_since')}, count(*) FROM erasures WHERE "
            "subscribed_since >= ? AND subscribed_since < ? GROUP BY 1",
        ),
        (
            1,
            f"SELECT {key('status_changed_at')}, count(*) FROM subscribers WHERE "
            "status = 'unsubscribed' AND status_changed_at >= ? AND status_changed_at < ? "
            "GROUP BY 1",
        ),
        (
            2,
            f"SELECT {key('erased_at')}, count(*) FROM erasures WHERE erased_at >= ? "
            "AND erased_at < ? GROUP BY 1",
        ),
    )
    for index, sql in queries:
        for period, count in connection.execute(sql, (low, high)):
            counts.setdefault(period, [0, 0, 0])[index] += int(count)
    return [(period, *values) for period, values in sorted(counts.items())]


def _local(stamp: str | None) -> str:
    return from_iso(stamp).astimezone(TOKYO).strftime("%Y-%m-%d %H:%M:%S") if stamp else ""


def _dispatches(connection: Connection, low: str, high: str) -> list[tuple[Any, ...]]:
    rows = connection.execute(
        "SELECT p.id, p.kind, p.subject, p.jma_report_at, p.detected_at, p.first_accepted_at, "
        "p.last_accepted_at, p.total, p.sent, p.failed, "
        "(SELECT count(*) FROM deliveries d WHERE d.dispatch_id = p.id AND d.state = 'deferred'),"
        " p.resent_in_doubt FROM dispatches p WHERE p.created_at >= ? AND p.created_at < ? "
        "ORDER BY p.id",
        (low, high),
    ).fetchall()
    kinds = {"alert": "自動", "manual": "手動", "test": "試験"}
    out = []
    for r in rows:
        latency: Any = ""
        if r[4] and r[5]:
            latency = round((from_iso(r[5]) - from_iso(r[4])).total_seconds(), 1)
        jma = (
            datetime.fromisoformat(r[3]).astimezone(TOKYO).strftime("%Y-%m-%d %H:%M:%S")
            if r[3]
            else ""
        )
        out.append(
            (
                r[0],
                kinds.get(r[1], r[1]),
                r[2],
                jma,
                _local(r[4]),
                _local(r[5]),
                _local(r[6]),
                latency,
                r[7],
                r[8],
                r[9],
                r[10],
                r[11],
            )
        )
    return out


# ---- the session-level entry ------------------------------------------------------------


@operation(Permission.READ_STATISTICS, "statistics.read")
def statistics(
    session: Session, since: date | None = None, until: date | None = None
) -> Statistics:
    result = collect(session.connection, since, until, session.clock.now())
    session.audit_log.append(
        session.account.name,
        "statistics.read",
        detail={"from": str(since or ""), "to": str(until or "")},
    )
    return result


@operation(Permission.READ_STATISTICS, "statistics.export")
def export(
    session: Session,
    since: date | None,
    until: date | None,
    *,
    xlsx: Path | None = None,
    csv: Path | None = None,
) -> Statistics:
    result = collect(session.connection, since, until, session.clock.now())
    written = []
    if xlsx is not None:
        write_statistics_xlsx(xlsx, result)
        written.append(xlsx.name)
    if csv is not None:
        written += [p.name for p in write_statistics_csv(csv, result)]
    session.audit_log.append(
        session.account.name,
        "statistics.export",
        detail={"from": str(since or ""), "to": str(until or ""), "files": written},
    )
    return result


# ---- writing ----------------------------------------------------------------------------


def write_statistics_csv(path: Path, stats: Statistics) -> list[Path]:
    """``path``: every count as (区分, 項目, 値) rows; beside it ``<stem>-dispatches.csv`` and
    ``<stem>-carriers.csv`` (per carrier group)."""
    rows: list[tuple[Any, ...]] = [("期間", stats.period_text, "")]
    for table in stats.subscribers:
        rows += [(table.title, str(r[0]), r[1]) for r in table.rows]
    for period_table in (stats.daily, stats.monthly):
        if period_table is not None:
            for r in period_table.rows:
                rows += [
                    (period_table.title, f"{r[0]} {h}", v)
                    for h, v in zip(period_table.headers[1:], r[1:], strict=True)
                ]
    path.write_bytes(csv_bytes(("区分", "項目", "値"), rows))
    dispatch_path = path.with_name(path.stem + "-dispatches.csv")
    assert stats.dispatches is not None
    dispatch_path.write_bytes(csv_bytes(stats.dispatches.headers, stats.dispatches.rows))
    carrier_path = path.with_name(path.stem + "-carriers.csv")
    carriers = stats.carrier_table
    carrier_path.write_bytes(csv_bytes(carriers.headers, carriers.rows))
    return [path, dispatch_path, carrier_path]


_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")


def _put_table(sheet: Any, top: int, table: Table) -> tuple[int, int]:
    """Write ``table`` with its title at row ``top``; returns (first data row, last data row)."""
    sheet.cell(row=top, column=1, value=table.title).font = Font(bold=True, size=12)
    for column, header in enumerate(table.headers, start=1):
        cell = sheet.cell(row=top + 1, column=column, value=header)
        cell.font = Font(bold=True)
        cell.fill = _HEADER_FILL
        cell.alignment = Alignment(horizontal="center", wrap_text=True)
    for offset, row in enumerate(table.rows):
        for column, value in enumerate(row, start=1):
            if isinstance(value, str) and len(value) == 10 and value[4::3] == "--":
                with contextlib.suppress(ValueError):  # a day: a date in Excel, not text
                    value = date.fromisoformat(value)
            cell = sheet.cell(row=top + 2 + offset, column=column, value=value)
            if isinstance(value, date):
                cell.number_format = "yyyy/mm/dd"
            elif isinstance(value, str):
                cell.data_type = "s"  # never a formula
            elif isinstance(value, int):
                cell.number_format = "#,##0"
    return top + 2, top + 1 + len(table.rows)


def _widths(sheet: Any, widths: Sequence[int]) -> None:
    for column, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width


def write_statistics_xlsx(path: Path, stats: Statistics) -> None:
    workbook = Workbook()
    summary = workbook.active
    assert summary is not None
    summary.title = "登録者"
    summary["A1"] = f"気象メール 登録者統計（期間: {stats.period_text}）"
    summary["A1"].font = Font(bold=True, size=14)
    summary["A2"] = f"作成: {stats.generated_at}（個人を特定できる情報は含みません）"
    row = 4
    for table in stats.subscribers:
        first, last = _put_table(summary, row, table)
        if table.rows and table.title.startswith(("情報の種類別", "言語別", "状態別")):
            chart = BarChart()
            chart.type = "bar"
            chart.title = table.title
            chart.legend = None
            chart.add_data(
                Reference(summary, min_col=2, min_row=first - 1, max_row=last),
                titles_from_data=True,
            )
            chart.set_categories(Reference(summary, min_col=1, min_row=first, max_row=last))
            chart.height, chart.width = 6, 14
            summary.add_chart(chart, f"D{row}")
        row = max(last + 2, row + (14 if table.title.startswith(("情報", "言語", "状態")) else 0))
    _widths(summary, (34, 12, 4))

    trend = workbook.create_sheet("登録・解除")
    trend["A1"] = f"登録・解除の推移（期間: {stats.period_text}）"
    trend["A1"].font = Font(bold=True, size=14)
    assert stats.daily is not None and stats.monthly is not None
    first, last = _put_table(trend, 3, stats.daily)
    if stats.daily.rows:
        chart = LineChart()
        chart.title = "日別の登録・解除"
        chart.y_axis.title = "人数"
        chart.add_data(
            Reference(trend, min_col=2, max_col=4, min_row=first - 1, max_row=last),
            titles_from_data=True,
        )
        chart.set_categories(Reference(trend, min_col=1, min_row=first, max_row=last))
        chart.height, chart.width = 8, 18
        trend.add_chart(chart, "G3")
    _put_table(trend, last + 3, stats.monthly)
    _widths(trend, (14, 10, 10, 10))

    sheet = workbook.create_sheet("配信実績")
    sheet["A1"] = f"配信ごとの実績（期間: {stats.period_text}）"
    sheet["A1"].font = Font(bold=True, size=14)
    assert stats.dispatches is not None
    first, last = _put_table(sheet, 3, stats.dispatches)
    sheet.freeze_panes = "B5"
    if stats.dispatches.rows:
        sheet.auto_filter.ref = f"A4:{get_column_letter(len(DISPATCH_HEADERS))}{last}"
        chart = BarChart()
        chart.title = "配信ごとの送信済・失敗"
        chart.grouping = "stacked"
        chart.overlap = 100
        chart.add_data(
            Reference(sheet, min_col=10, max_col=11, min_row=first - 1, max_row=last),
            titles_from_data=True,
        )
        chart.set_categories(Reference(sheet, min_col=1, min_row=first, max_row=last))
        chart.height, chart.width = 8, 18
        sheet.add_chart(chart, f"A{last + 3}")
    _widths(sheet, (10, 8, 40, 20, 20, 20, 20, 14, 10, 10, 10, 12, 12))

    carriers = workbook.create_sheet("キャリア別")
    carriers["A1"] = f"宛先グループ（キャリア）別の配信実績（期間: {stats.period_text}）"
    carriers["A1"].font = Font(bold=True, size=14)
    _put_table(carriers, 3, stats.carrier_table)
    _widths(carriers, (16, 10, 10, 12, 10, 14, 14, 16, 16, 18))
    workbook.save(path)
