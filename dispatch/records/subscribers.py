"""Subscribers: who gets which mail, and nothing more (R2.2: no free text, nothing sensitive).

A subscriber is an address, a status, the topics with their choices, a language, optional
quiet hours for advisory-level mail, the channel they came through, and when and under which
purpose text they consented. Deleting one erases the row (``secure_delete`` overwrites it) and
leaves an erasure record that holds no address.

This module holds the record types and their choices; the table's reads and writes are in
:mod:`dispatch.records.subscriber_table`, the search and audience conditions in
:mod:`dispatch.records.subscriber_queries`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from enum import IntEnum, IntFlag, StrEnum
from typing import Any

from dispatch.base.addresses import normalise_address
from dispatch.base.errors import ValidationError
from dispatch.base.vocabulary import Charset, Language

#: The version of the purpose statement shown at collection (R2.2); bump when its text changes.
CURRENT_PURPOSE_VERSION = "2026-11"


class Status(StrEnum):
    PENDING = "pending"
    ACTIVE = "active"
    UNSUBSCRIBED = "unsubscribed"
    SUSPENDED = "suspended"


class Channel(StrEnum):
    WEB = "web"
    MAIL = "mail"
    STAFF = "staff"
    IMPORT = "import"


class WarningLevel(IntEnum):
    """The lowest warning a subscriber wants, by JMA's 2026 levels."""

    ADVISORY = 2  # 注意報
    WARNING = 3  # 警報
    DANGER = 4  # 危険警報
    SPECIAL = 5  # 特別警報


class RiverStage(IntEnum):
    """The lowest river stage a subscriber wants to hear of."""

    CAUTION = 1  # 氾濫注意水位
    EVACUATION = 2  # 避難判断水位
    DANGER = 3  # 氾濫危険水位


class KandaRiver(IntFlag):
    """Rivers of the Kanda system whose flood forecasts a subscriber wants."""

    NONE = 0
    KANDA = 1  # 神田川
    ZENPUKUJI = 2  # 善福寺川
    MYOSHOJI = 4  # 妙正寺川
    ALL = 7


#: The rain thresholds (mm/h) a subscriber can choose: the one list the registration page, the
#: desktop, the subscriber import and the CLI offer, and the bands at which the rain-gauge
#: tracker announces a reading (``dispatch.engine`` passes it to ``ObservationTracker``).
#: 10 やや強い雨, 20 強い雨, 30 激しい雨, 50 非常に激しい雨, 80 猛烈な雨 (JMA 雨の強さと降り方).
RAIN_THRESHOLDS_MM: tuple[int, ...] = (10, 20, 30, 50, 80)

#: The choice a topic gets when it is asked for without one.
DEFAULT_WARNING_LEVEL = WarningLevel.WARNING
DEFAULT_RAIN_MM = 30
DEFAULT_RIVER_STAGE = RiverStage.CAUTION
TOPIC_NAMES = ("warnings", "rain", "river", "kanda")


@dataclass(frozen=True)
class Topics:
    warning_level: WarningLevel | None = None
    rain_mm: int | None = None
    river_stage: RiverStage | None = None
    kanda_rivers: KandaRiver = KandaRiver.NONE
    #: The river stations chosen (codes of :mod:`dispatch.records.stations`' list), or ``None``
    #: for every station of the ward, one added later included.
    river_stations: tuple[str, ...] | None = None

    def names(self) -> list[str]:
        chosen = [self.warning_level, self.rain_mm, self.river_stage, self.kanda_rivers or None]
        return [name for name, value in zip(TOPIC_NAMES, chosen, strict=True) if value is not None]

    def validate(self) -> Topics:
        chosen = (self.warning_level, self.rain_mm, self.river_stage)
        if chosen == (None, None, None) and not self.kanda_rivers:  # not self.names(), faster
            raise ValidationError("Choose at least one topic: warnings, rain, river or kanda.")
        if self.river_stations is not None and not self.river_stations:
            raise ValidationError("Choose at least one river station, or all.")
        if self.rain_mm is not None and self.rain_mm not in RAIN_THRESHOLDS_MM:
            choices = ", ".join(str(mm) for mm in RAIN_THRESHOLDS_MM)
            raise ValidationError(
                f"The rain threshold must be one of {choices} mm/h, not {self.rain_mm}."
            )
        return self


@dataclass(frozen=True)
class QuietHours:
    """Advisory-level mail is held back between these minutes of the day (Tokyo time); warnings
    and above always go out. ``start`` > ``end`` means the span crosses midnight."""

    start: int
    end: int

    def __post_init__(self) -> None:
        for minute in (self.start, self.end):
            if not 0 <= minute < 24 * 60:
                raise ValidationError("Quiet hours are times of day between 00:00 and 23:59.")
        if self.start == self.end:
            raise ValidationError("Quiet hours need a start and an end that differ.")

    @classmethod
    def parse(cls, text: str) -> QuietHours:
        """``"22:00-06:00"``."""
        try:
            start_text, end_text = text.replace("〜", "-").replace("~", "-").split("-")
            return cls(_minute_of_day(start_text), _minute_of_day(end_text))
        except ValueError:
            raise ValidationError(
                f"Quiet hours must look like 22:00-06:00, not {text!r}."
            ) from None

    def __str__(self) -> str:
        return (
            f"{self.start // 60:02d}:{self.start % 60:02d}-{self.end // 60:02d}:{self.end % 60:02d}"
        )


def _minute_of_day(text: str) -> int:
    hours, minutes = text.strip().split(":")
    return int(hours) * 60 + int(minutes)


@dataclass(frozen=True)
class NewSubscriber:
    """What is needed to add a subscriber; ``email`` is normalised on construction."""

    email: str
    topics: Topics
    consent_at: datetime
    language: Language = Language.JA
    charset: Charset = Charset.UTF8
    channel: Channel = Channel.STAFF
    quiet_hours: QuietHours | None = None
    status: Status = Status.ACTIVE
    purpose_version: str = CURRENT_PURPOSE_VERSION

    def __post_init__(self) -> None:
        object.__setattr__(self, "email", normalise_address(self.email))
        self.topics.validate()


@dataclass(frozen=True)
class Subscriber:
    id: int
    email: str
    status: Status
    language: Language
    charset: Charset
    channel: Channel
    topics: Topics
    quiet_hours: QuietHours | None
    consent_at: str
    purpose_version: str
    created_at: str
    updated_at: str
    status_changed_at: str
    hard_failures: int

    def as_dict(self) -> dict[str, Any]:
        """Plain values for JSON output."""
        return {
            "id": self.id,
            "email": self.email,
            "status": str(self.status),
            "language": str(self.language),
            "charset": str(self.charset),
            "channel": str(self.channel),
            "topics": self.topics.names(),
            "warning_level": self.topics.warning_level,
            "rain_mm": self.topics.rain_mm,
            "river_stage": self.topics.river_stage,
            "kanda_rivers": river_names(self.topics.kanda_rivers),
            "river_stations": list(self.topics.river_stations or ["all"]),
            "quiet_hours": str(self.quiet_hours) if self.quiet_hours else None,
            "consent_at": self.consent_at,
            "purpose_version": self.purpose_version,
            "created_at": self.created_at,
            "updated_at": self.updated_at,
        }


_SINGLE_RIVERS = (KandaRiver.KANDA, KandaRiver.ZENPUKUJI, KandaRiver.MYOSHOJI)


def river_names(rivers: KandaRiver) -> list[str]:
    return [str(river.name).lower() for river in _SINGLE_RIVERS if river & rivers]


def parse_rivers(names: Iterable[str]) -> KandaRiver:
    """``["kanda", "善福寺川"]`` → flags; English or Japanese names."""
    japanese = {"神田川": "kanda", "善福寺川": "zenpukuji", "妙正寺川": "myoshoji"}
    rivers = KandaRiver.NONE
    for name in names:
        key = japanese.get(name.strip(), name.strip().lower())
        if key == "all":
            return KandaRiver.ALL
        try:
            rivers |= KandaRiver[key.upper()]
        except KeyError:
            raise ValidationError(
                f"Unknown river {name!r}; choose from kanda, zenpukuji, myoshoji."
            ) from None
    return rivers
