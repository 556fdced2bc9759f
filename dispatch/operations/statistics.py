"""Subscription and dispatch statistics for the ward's reports — counts only, no personal data.

Every figure is an aggregate: no address, no subscriber id, nothing that names a resident. Days
and months are Tokyo dates. Export: ``.xlsx`` and CSV
(:mod:`dispatch.operations.statistics_files`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from dispatch.base.clock import TOKYO, from_iso, to_iso
from dispatch.base.errors import ValidationError
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
