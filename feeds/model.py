"""Plain frozen records passed from the feed adapters to the dispatch engine.

Two layers:

* :class:`Telegram` — what one JMA XML document says, parsed but not judged: its head (title,
  status, info type, report time, event id, serial, headline, issuing offices) and a payload per
  family (:class:`WarningReport`, :class:`SpecialWarningNotice`, :class:`FloodForecast`,
  :class:`LandslideReport`, :class:`RainReport`).
* :class:`Alert` — what a resident may have to be told: one change of state for one area (or one
  flood-forecast river, one gauge), produced by :mod:`feeds.state` from a sequence of telegrams or
  by :mod:`feeds.observations` from gauge readings. The dispatch engine matches alerts against
  subscriber choices using only the plain fields documented on :class:`Alert`.

All times are timezone-aware; report times are in Japan time (+09:00).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from enum import StrEnum

JST = timezone(timedelta(hours=9), "JST")
"""Japan Standard Time; JMA report times are expressed in it (no daylight saving)."""


class Category(StrEnum):
    """What kind of information a telegram or an alert carries."""

    WARNING = "warning"  # 気象警報・注意報 (VPWW53/54, R06 VPWW55–61)
    FLOOD = "flood"  # 指定河川洪水予報 (VXKO)
    RAIN = "rain"  # 記録的短時間大雨情報 (VPOA50), 府県気象防災速報 (VPBS50), rain gauges
    LANDSLIDE = "landslide"  # 土砂災害警戒情報 (VXWW50)
    SPECIAL = "special"  # 気象特別警報報知 (VPNO50)
    RIVER = "river"  # river water-level observations crossing a stage
    OTHER = "other"  # a JMA telegram this service reads the head of but does not act on


class Family(StrEnum):
    """Telegram family, selected from ``Control/Title`` (never from the VXKO number)."""

    VPWW53 = "VPWW53"  # 気象特別警報・警報・注意報 (transition telegram since 2026-05)
    VPWW54 = "VPWW54"  # 気象警報・注意報（Ｈ２７） (transition telegram since 2026-05)
    R06 = "R06"  # 気象警報・注意報（Ｒ０６）（…） = VPWW55–61, one telegram per hazard
    VPNO50 = "VPNO50"  # 気象特別警報報知
    VXKO = "VXKO"  # 指定河川洪水予報
    VXWW50 = "VXWW50"  # 土砂災害警戒情報
    VPOA50 = "VPOA50"  # 記録的短時間大雨情報
    VPBS50 = "VPBS50"  # 府県気象防災速報
    OTHER = "other"


class Change(StrEnum):
    """How an alert relates to what was in force before it."""

    NEW = "new"  # something is now in force that was not (発表)
    UPGRADE = "upgrade"  # same hazard, higher level (e.g. 注意報 → 警報)
    DOWNGRADE = "downgrade"  # same hazard, lower level (e.g. 危険警報から注意報), still in force
    LIFTED = "lifted"  # no longer in force (解除, flood code 10, gauge back below every stage)
    REPORT = "report"  # a one-off report (記録的短時間大雨情報, 線状降水帯); nothing stays in force
    WITHDRAWN = "withdrawn"  # the telegram that caused an earlier alert was cancelled (取消)


# ---------------------------------------------------------------------------------------------
# Telegrams


@dataclass(frozen=True, slots=True)
class TelegramHead:
    """``Control`` and ``Head`` of a JMA telegram, common to every family.

    ``status`` is ``Control/Status`` (通常 / 訓練 / 試験); ``info_type`` is ``Head/InfoType``
    (発表 / 訂正 / 取消 …). ``report_datetime`` is ``Head/ReportDateTime`` in +09:00 and is the time
    telegrams are ordered by; ``sent_at`` is ``Control/DateTime`` (UTC). ``event_id`` is kept as a
    string because its shape differs per family (empty, a 12-digit area code, a Japanese string,
    ``JPTK…``). ``serial`` is ``None`` where JMA leaves it empty (warnings).
    ``publishing_offices`` splits joint issuers ("○○河川事務所 ○○地方気象台").
    """

    control_title: str
    status: str
    editorial_office: str
    publishing_offices: tuple[str, ...]
    sent_at: datetime | None
    title: str
    report_datetime: datetime
    target_datetime: datetime | None
    event_id: str
    info_type: str
    serial: int | None
    info_kind: str
    info_kind_version: str
    headline: str


@dataclass(frozen=True, slots=True)
class WarningKind:
    """One warning/advisory kind for one area (``Body/Warning/Item/Kind``).

    ``name`` and ``code`` are as published (``レベル４大雨危険警報`` / ``43``). ``status`` is
    発表 / 継続 / 解除 or an R06 downgrade status (``危険警報から注意報`` …). ``hazard`` is the
    normalised hazard the kind belongs to (大雨, 土砂災害, 洪水, 高潮, 暴風, 大雪, 波浪, 雷 …),
    so that 強風注意報 and 暴風警報 are the same hazard at different levels. ``severity`` is the
    class of the kind: 2 注意報, 3 警報, 4 危険警報, 5 特別警報. ``level`` is the 警戒レベル相当 the
    name carries (``レベル３大雨警報`` → 3) or ``None`` when the name carries none (暴風警報, legacy
    names). ``last_kind_*`` is ``LastKind``, the kind in force before this report.
    """

    code: str
    name: str
    status: str
    hazard: str
    severity: int
    level: int | None = None
    last_kind_code: str | None = None
    last_kind_name: str | None = None
    conditions: tuple[str, ...] = ()

    @property
    def in_force(self) -> bool:
        """True unless the kind is being lifted (解除)."""
        return self.status != "解除"


@dataclass(frozen=True, slots=True)
class AreaWarnings:
    """The kinds listed for one 市町村等 area (e.g. 1310400 新宿区).

    An empty ``kinds`` means the telegram says 発表警報・注意報はなし for this area (within the
    hazards the telegram covers). ``change_status`` is ``ChangeStatus`` when present.
    """

    code: str
    name: str
    kinds: tuple[WarningKind, ...]
    change_status: str = ""

    def in_force(self) -> tuple[WarningKind, ...]:
        """Kinds that remain in force after this report (everything except 解除)."""
        return tuple(kind for kind in self.kinds if kind.in_force)


@dataclass(frozen=True, slots=True)
class WarningReport:
    """Payload of VPWW53, VPWW54 and R06 VPWW55–61 telegrams.

    ``areas`` are the 市町村等 items. ``hazards`` is the set of hazards the telegram speaks for:
    ``None`` for the legacy full-snapshot telegrams (VPWW53/54 list every hazard), a set for an R06
    per-hazard telegram (VPWW55 大雨 → {大雨}); "発表警報・注意報はなし" clears only these hazards.
    ``notice`` is ``Body/Notice`` (e.g. ［危険警報・氾濫特別警報の発表状況］).
    """

    prefecture_code: str
    prefecture_name: str
    hazards: frozenset[str] | None
    areas: tuple[AreaWarnings, ...]
    notice: str = ""

    def area(self, code: str) -> AreaWarnings | None:
        """The items for one 市町村等 code, or ``None`` when the telegram does not list it."""
        for area in self.areas:
            if area.code == code:
                return area
        return None


@dataclass(frozen=True, slots=True)
class SpecialWarningNotice:
    """Payload of VPNO50 気象特別警報報知: the 市町村等 areas and the 特別警報 kinds announced."""

    prefecture_code: str
    prefecture_name: str
    areas: tuple[AreaWarnings, ...]


@dataclass(frozen=True, slots=True)
class WaterLevelForecast:
    """One forecast step of a flood-forecast station (``１時間後`` …)."""

    label: str
    at: datetime | None
    water_level_m: float | None
    level: int | None


@dataclass(frozen=True, slots=True)
class FloodStation:
    """A water-level station named in a flood forecast.

    ``water_level_m``/``level`` are the current (現況) reading and its level (1–5); ``None`` when
    the reading is missing (欠測). ``criteria_m`` maps criterion names as published
    (``レベル２氾濫注意水位`` …) to metres.
    """

    code: str
    name: str
    location: str
    water_level_m: float | None
    level: int | None
    observed_at: datetime | None
    condition: str
    forecasts: tuple[WaterLevelForecast, ...]
    criteria_m: tuple[tuple[str, float], ...]

    def criterion(self, fragment: str) -> float | None:
        """Metres of the first criterion whose name contains ``fragment`` (e.g. 氾濫危険水位)."""
        for name, metres in self.criteria_m:
            if fragment in name:
                return metres
        return None


@dataclass(frozen=True, slots=True)
class FloodForecast:
    """Payload of a VXKO 指定河川洪水予報 telegram.

    ``area_code``/``area_name`` are the 予報区域 (= ``Head/EventID``, e.g. 830304004400 神田川).
    ``kind_code``/``kind_name`` are as published (new names like ``レベル４氾濫危険警報`` and
    old ones like ``氾濫危険情報`` both parse). ``level`` is 2–5 while a forecast is active and
    ``None`` when it ended (code 10). ``city_codes`` are the 市町村 of the 浸水想定地区.
    """

    area_code: str
    area_name: str
    rivers: tuple[tuple[str, str], ...]
    kind_code: str
    kind_name: str
    level: int | None
    condition: str
    stations: tuple[FloodStation, ...]
    city_codes: tuple[str, ...]
    main_text: str


@dataclass(frozen=True, slots=True)
class LandslideArea:
    """One area of a 土砂災害警戒情報: ``kind_code`` 3 警戒, 1 解除, 0 なし; ``status`` as sent."""

    code: str
    name: str
    kind_code: str
    kind_name: str
    status: str

    @property
    def in_force(self) -> bool:
        """True while the 警戒 is announced or continued."""
        return self.kind_code == "3" and self.status in ("発表", "継続")


@dataclass(frozen=True, slots=True)
class LandslideReport:
    """Payload of VXWW50 土砂災害警戒情報 (legacy since 2026-05; R06 VPWW56 is canonical)."""

    prefecture_code: str
    prefecture_name: str
    areas: tuple[LandslideArea, ...]


@dataclass(frozen=True, slots=True)
class RainArea:
    """An area named by a rain report (ward code when the telegram gives one)."""

    code: str
    name: str
    mm_per_hour: int | None = None
    observed_at: datetime | None = None
    qualifier: str = ""  # 付近, 約, 以上 … as published


@dataclass(frozen=True, slots=True)
class RainReport:
    """Payload of VPOA50 記録的短時間大雨情報 and VPBS50 府県気象防災速報.

    ``phenomenon`` is 記録的短時間大雨 or 線状降水帯 (VPBS50 情報タグ). ``areas`` are 市町村等 where
    the telegram names them (VPBS50 gives ward codes; VPOA50 only names wards in its headline, which
    are looked up in the JMA area table). ``mm_per_hour`` is the largest one-hour amount reported.
    """

    phenomenon: str
    prefecture_code: str
    prefecture_name: str
    areas: tuple[RainArea, ...]
    mm_per_hour: int | None
    observed_at: datetime | None


Payload = WarningReport | SpecialWarningNotice | FloodForecast | LandslideReport | RainReport


@dataclass(frozen=True, slots=True)
class Telegram:
    """One parsed JMA telegram.

    ``source_id`` identifies the document (Atom entry id / file name) and is carried into every
    alert for audit. ``payload`` is ``None`` for :attr:`Category.OTHER`.
    """

    source_id: str
    family: Family
    category: Category
    head: TelegramHead
    payload: Payload | None
    hazard_group: str = ""  # R06 only: 大雨, 土砂, 高潮, 暴風, 波浪, 大雪, その他注意報
    #: The document's bytes as received, so the dispatch engine can keep what it processed and
    #: rebuild the state in force after a restart.
    raw: bytes = field(default=b"", repr=False, compare=False)

    @property
    def is_exercise(self) -> bool:
        """訓練/試験 telegrams are parsed but must never reach residents."""
        return self.head.status != "通常"

    @property
    def is_cancellation(self) -> bool:
        """``InfoType`` 取消: withdraws the earlier report of the same stream."""
        return self.head.info_type == "取消"

    @property
    def is_correction(self) -> bool:
        """``InfoType`` 訂正: replaces the earlier report of the same stream."""
        return self.head.info_type == "訂正"


# ---------------------------------------------------------------------------------------------
# Alerts


@dataclass(frozen=True, slots=True)
class Alert:
    """One change a resident may have to be told about. The dispatch engine's input.

    Identity and links:

    * ``dedupe_key`` — stable for the same input: re-running the same telegrams yields the same
      keys, so an alert already sent can be recognised and never sent twice.
    * ``supersedes`` — ``dedupe_key`` of the earlier alert this one follows up (the previous
      level of the same area and hazard, the alert a 取消 withdraws), or ``None`` for a first
      alert. Downgrades, lifts and withdrawals go to whoever received that earlier alert.
    * ``source_id`` — the document the alert came from (Atom entry id / file name).

    What to match on (plain fields):

    * ``category`` — warning / flood / rain / landslide / special / river.
    * ``change`` — new / upgrade / downgrade / lifted / report / withdrawn.
    * ``area_code``/``area_name`` — 市町村等 code (1310400 新宿区) for warnings, rain and
      landslide alerts; the forecast-area code (830304004400) for floods; the station code for
      gauge observations.
    * ``hazard`` — normalised hazard (大雨, 土砂災害, 暴風 …) for warnings; ``None`` otherwise.
    * ``level`` — warnings: 2 注意報, 3 警報, 4 危険警報, 5 特別警報 (the class of the kind now in
      force, or of the lifted kind for ``lifted``); floods: 2–5; landslide: 4. ``None`` elsewhere.
    * ``previous_level`` — the level before this change (``None`` if nothing was in force).
    * ``stage`` — river gauges: 1 氾濫注意, 2 避難判断, 3 氾濫危険; 0 back below every stage.
    * ``mm_per_hour`` — rain reports and rain gauges.
    * ``rain_mm_told`` — rain gauges: the amount already announced in the same rain event
      (subscribers whose threshold is at or below it were told); ``None`` for the first.
    * ``river`` — flood forecasts and river gauges: the river name as published (神田川,
      善福寺川, 妙正寺川 …).
    * ``is_exercise`` — 訓練/試験: must never be sent to residents.
    * ``is_correction`` — produced by a 訂正 telegram.

    What to relay (JMA wording as published, 気象業務法 — do not rewrite):

    * ``kind_name``/``kind_code`` — the kind in force now (or lifted), ``previous_kind_name`` the
      one before; ``title`` — ``Head/Title``; ``headline`` — ``Head/Headline/Text``;
      ``text`` — further published wording (flood 主文, rain amounts); ``issuing_offices`` —
      publishing offices, to be named as the issuer; ``report_datetime`` — aware, +09:00.
    """

    dedupe_key: str
    category: Category
    change: Change
    area_code: str
    area_name: str
    report_datetime: datetime
    title: str
    headline: str
    issuing_offices: tuple[str, ...]
    source_id: str
    is_exercise: bool = False
    is_correction: bool = False
    supersedes: str | None = None
    hazard: str | None = None
    kind_code: str | None = None
    kind_name: str | None = None
    previous_kind_code: str | None = None
    previous_kind_name: str | None = None
    level: int | None = None
    previous_level: int | None = None
    stage: int | None = None
    mm_per_hour: int | None = None
    rain_mm_told: int | None = None
    river: str | None = None
    text: str = ""
    extra: tuple[tuple[str, str], ...] = field(default=())

    @property
    def is_observation(self) -> bool:
        """A gauge reading (feeds.observations), not a JMA announcement."""
        return self.category in (Category.RAIN, Category.RIVER) and not self.issuing_offices

    @property
    def is_follow_up(self) -> bool:
        """Downgrade, 解除 or withdrawal: goes to the recipients of ``supersedes``."""
        return self.change in (Change.DOWNGRADE, Change.LIFTED, Change.WITHDRAWN)


@dataclass(frozen=True, slots=True)
class Observation:
    """One gauge reading from an observation adapter (:mod:`feeds.observations`).

    ``kind`` is ``water_level`` (``value`` in metres) or ``rain`` (``value`` in mm per hour).
    ``value`` is ``None`` when the source marks the reading missing or suspect.
    """

    station_code: str
    station_name: str
    kind: str
    value: float | None
    observed_at: datetime
    river: str = ""
    source: str = ""
