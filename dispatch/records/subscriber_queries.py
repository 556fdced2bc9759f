"""Which subscribers: a staff search (:class:`SubscriberQuery`) and the audience of an alert
(:class:`AudienceFilter`), each turned into an SQL condition on the ``subscribers`` table.

The conditions are shared by the table's reads (:mod:`dispatch.records.subscriber_table`)
and the outbox's INSERT … SELECT (:mod:`dispatch.records.outbox`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from dispatch.base.errors import ValidationError
from dispatch.base.vocabulary import Language
from dispatch.records.stations import encode_choice
from dispatch.records.subscribers import TOPIC_NAMES, Channel, KandaRiver, Status
from dispatch.store.database import like_contains

#: The columns a subscriber search may be ordered by (a header click in the desktop).
SORTABLE = ("id", "email", "status", "language", "channel", "created_at")


@dataclass(frozen=True)
class SubscriberQuery:
    """A search: every field narrows it; ``None`` means any."""

    text: str | None = None  # a fragment of the address
    status: Status | None = None
    language: Language | None = None
    channel: Channel | None = None
    topic: str | None = None  # one of TOPIC_NAMES
    limit: int | None = None
    offset: int = 0
    #: The order of the whole result (before paging): one of SORTABLE; ``id`` breaks ties.
    sort: str = "id"
    descending: bool = False

    def as_filter(self) -> dict[str, str]:
        """The narrowing fields as plain text (kept with an export request)."""
        fields = (
            ("text", self.text),
            ("status", self.status),
            ("language", self.language),
            ("channel", self.channel),
            ("topic", self.topic),
        )
        return {key: str(value) for key, value in fields if value}

    @classmethod
    def from_filter(cls, wanted: dict[str, str]) -> SubscriberQuery:
        try:
            return cls(
                text=wanted.get("text") or None,
                status=Status(wanted["status"]) if wanted.get("status") else None,
                language=Language(wanted["language"]) if wanted.get("language") else None,
                channel=Channel(wanted["channel"]) if wanted.get("channel") else None,
                topic=wanted.get("topic") or None,
            )
        except ValueError as error:
            raise ValidationError(f"The subscriber filter is not valid: {error}.") from None

    def audit_detail(self) -> dict[str, str]:
        """The filter as the audit log may hold it: an address fragment is only said to
        exist, never written."""
        wanted = self.as_filter()
        if wanted.pop("text", None):
            wanted["text_filter"] = "yes"
        return wanted

    def order_by(self) -> str:
        """`` ORDER BY`` from the whitelist, never from the caller's text; stable by id."""
        if self.sort not in SORTABLE:
            raise ValidationError(f"Subscribers cannot be sorted by {self.sort!r}.")
        way = " DESC" if self.descending else ""
        tie = "" if self.sort == "id" else f", id{way}"
        return f" ORDER BY {self.sort}{way}{tie}"

    def where(self) -> tuple[str, list[Any]]:
        clauses: list[str] = []
        params: list[Any] = []
        if self.text:
            clauses.append("email LIKE ? ESCAPE '\\'")
            params.append(like_contains(self.text.lower()))
        for column, value in (
            ("status", self.status),
            ("language", self.language),
            ("channel", self.channel),
        ):
            if value is not None:
                clauses.append(f"{column} = ?")
                params.append(str(value))
        if self.topic is not None:
            clauses.append(_topic_clause(self.topic))
        return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


def _topic_clause(topic: str) -> str:
    clauses = {
        "warnings": "warning_level IS NOT NULL",
        "rain": "rain_mm IS NOT NULL",
        "river": "river_stage IS NOT NULL",
        "kanda": "kanda_rivers != 0",
    }
    if topic not in clauses:
        raise ValidationError(f"Unknown topic {topic!r}; choose from {', '.join(TOPIC_NAMES)}.")
    return clauses[topic]


@dataclass(frozen=True)
class AudienceFilter:
    """Which active subscribers want a given alert (the dispatch engine refines this)."""

    warning_level: int | None = None  # the alert's level: subscribers whose minimum ≤ it
    rain_mm: int | None = None  # observed mm/h: subscribers whose threshold ≤ it …
    rain_mm_above: int | None = None  # … and > this (already told in the same rain event)
    any_rain: bool = False  # every rain subscriber (JMA's 線状降水帯, 記録的短時間大雨)
    river_stage: int | None = None  # the stage reached: subscribers whose minimum ≤ it …
    river_station: str | None = None  # … at this station (chosen, or all stations chosen)
    kanda_river: KandaRiver | None = None  # the river of a flood forecast
    languages: Sequence[Language] = field(default_factory=tuple)


def audience_condition(wanted: AudienceFilter) -> tuple[str, list[Any]] | None:
    """The SQL condition (on ``subscribers``) and its parameters for ``wanted``; ``None`` when
    nothing is wanted. Shared by the audience query and the outbox's INSERT … SELECT."""
    parts: list[str] = []
    params: list[Any] = []
    if wanted.warning_level is not None:
        parts.append("(warning_level IS NOT NULL AND warning_level <= ?)")
        params.append(wanted.warning_level)
    if wanted.any_rain:
        parts.append("(rain_mm IS NOT NULL)")
    elif wanted.rain_mm is not None and wanted.rain_mm_above is not None:
        parts.append("(rain_mm IS NOT NULL AND rain_mm <= ? AND rain_mm > ?)")
        params.extend((wanted.rain_mm, wanted.rain_mm_above))
    elif wanted.rain_mm is not None:
        parts.append("(rain_mm IS NOT NULL AND rain_mm <= ?)")
        params.append(wanted.rain_mm)
    if wanted.river_stage is not None and wanted.river_station is not None:
        parts.append(
            "(river_stage IS NOT NULL AND river_stage <= ? "
            "AND (river_stations IS NULL OR instr(river_stations, ?) > 0))"
        )
        params.extend((wanted.river_stage, encode_choice((wanted.river_station,))))
    elif wanted.river_stage is not None:
        parts.append("(river_stage IS NOT NULL AND river_stage <= ?)")
        params.append(wanted.river_stage)
    if wanted.kanda_river is not None:
        parts.append("(kanda_rivers != 0 AND (kanda_rivers & ?) != 0)")
        params.append(int(wanted.kanda_river))
    if not parts:
        return None
    where = "status = 'active' AND (" + " OR ".join(parts) + ")"
    if wanted.languages:
        where += f" AND language IN ({','.join('?' * len(wanted.languages))})"
        params.extend(str(language) for language in wanted.languages)
    return where, params
