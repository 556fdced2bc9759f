"""One row of a subscriber import file into a subscriber: the cells' words as offices write
them (English or Japanese: 警報, 氾濫注意, やさしい日本語, …), the defaults a topic named
without its choice gets, and the consent time's checks. The file itself (encoding, header,
report) is read by :mod:`dispatch.records.subscriber_files`.
"""

from __future__ import annotations

import operator
import unicodedata
from collections.abc import Mapping, Sequence
from datetime import datetime, timedelta
from typing import TypeVar

from dispatch.base.clock import TOKYO, from_iso
from dispatch.base.errors import ValidationError
from dispatch.base.vocabulary import Charset, Language
from dispatch.records.stations import Station, resolve_choice
from dispatch.records.subscribers import (
    DEFAULT_RAIN_MM,
    DEFAULT_RIVER_STAGE,
    DEFAULT_WARNING_LEVEL,
    RAIN_THRESHOLDS_MM,
    Channel,
    KandaRiver,
    NewSubscriber,
    QuietHours,
    RiverStage,
    Topics,
    WarningLevel,
    parse_rivers,
)

_T = TypeVar("_T")
#: No resident consented to alert mail before this (the ward's first mail service is younger).
EARLIEST_CONSENT = datetime(2000, 1, 1, tzinfo=TOKYO)
#: A consent time a little ahead of this computer's clock is another computer's clock.
CONSENT_CLOCK_SLACK = timedelta(days=1)

_TOPIC_WORDS = {
    "warnings": "warnings",
    "warning": "warnings",
    "気象警報": "warnings",
    "警報": "warnings",
    "気象警報・注意報": "warnings",
    "rain": "rain",
    "雨量": "rain",
    "雨量情報": "rain",
    "river": "river",
    "河川水位": "river",
    "水位": "river",
    "kanda": "kanda",
    "神田川洪水予報": "kanda",
    "洪水予報": "kanda",
    # The seed's own category names (002 主な配信内容) and the previous system's wording.
    "注意報": "warnings",
    "新宿区雨量情報": "rain",
    "河川水位情報": "river",
}
#: Category names that hold a separator of their own: read whole, before the cell is split
#: ("気象警報・注意報" is one category, not "気象警報" and "注意報"). Advisory-level, since
#: they name 注意報: their residents asked for advisories too.
#: Longest first: "気象警報・注意報" holds "警報・注意報".
_TOPIC_PHRASES = ("気象警報・注意報", "注意報、警報", "注意報・警報", "警報・注意報")
_LEVEL_WORDS = {
    "advisory": WarningLevel.ADVISORY,
    "注意報": WarningLevel.ADVISORY,
    "warning": WarningLevel.WARNING,
    "警報": WarningLevel.WARNING,
    "danger": WarningLevel.DANGER,
    "危険警報": WarningLevel.DANGER,
    "special": WarningLevel.SPECIAL,
    "特別警報": WarningLevel.SPECIAL,
}
_STAGE_WORDS = {
    "caution": RiverStage.CAUTION,
    "氾濫注意": RiverStage.CAUTION,
    "氾濫注意水位": RiverStage.CAUTION,
    "evacuation": RiverStage.EVACUATION,
    "避難判断": RiverStage.EVACUATION,
    "避難判断水位": RiverStage.EVACUATION,
    "danger": RiverStage.DANGER,
    "氾濫危険": RiverStage.DANGER,
    "氾濫危険水位": RiverStage.DANGER,
}
_LANGUAGE_WORDS = {
    "ja": Language.JA,
    "日本語": Language.JA,
    "en": Language.EN,
    "english": Language.EN,
    "英語": Language.EN,
    "ja-easy": Language.EASY_JA,
    "easy": Language.EASY_JA,
    "やさしい日本語": Language.EASY_JA,
}


_CHOICE_KEYS = (
    "topics",
    "warning_level",
    "rain_mm",
    "river_stage",
    "kanda_rivers",
    "language",
    "charset",
    "quiet_hours",
    "river_stations",
)
#: A file's rows share a few hundred combinations of choices: each is parsed once.
_Choices = tuple[Topics, Language, Charset, "QuietHours | None"]


def typed_cell(text: str) -> str:
    """A cell or column name as a person typed it, read NFKC: 「ｍａｉｌ」 is "mail",
    「２２：００－０６：００」 is "22:00-06:00", half-width ﾒｰﾙｱﾄﾞﾚｽ is メールアドレス. Every
    cell of a file is a typed name, choice, time or code; the address is left to
    ``normalise_address``, which maps only full-width ASCII (other compatibility characters
    are refused there, not folded into a look-alike address)."""
    return unicodedata.normalize("NFKC", text).strip()


class RowReader:
    """Rows of one file into subscribers. The choice cells are parsed once per distinct
    combination and the consent times once per distinct text (100,000 rows of an office's
    file hold a few hundred of each): the same checks, a third of the time."""

    def __init__(
        self,
        columns: dict[str, int],
        now: datetime,
        purpose_version: str,
        stations: Sequence[Station] = (),
    ) -> None:
        self._purpose_version = purpose_version
        self._stations = tuple(stations)
        self._email = columns["email"]
        consent = columns.get("consent_at")
        self._present = [(n, columns[k]) for n, k in enumerate(_CHOICE_KEYS) if k in columns]
        read = [index for _, index in self._present]
        if consent is not None:
            read.append(consent)
        self._cells = operator.itemgetter(self._email, *read)  # always a tuple: 2+ items
        self._width = max(self._email, *read) + 1  # shorter rows are padded with ""
        self._with_consent = consent is not None
        self._now = now
        self._choices: dict[tuple[str, ...], _Choices] = {}
        self._consents: dict[str, datetime] = {}
        #: Lines whose consent time cannot be true (before the service or in the future).
        self._impossible: list[tuple[int, str]] = []
        self.line = 0

    def subscriber(self, row: list[str]) -> NewSubscriber:
        if len(row) < self._width:
            row = row + [""] * (self._width - len(row))
        email, *cells = map(str.strip, self._cells(row))
        consent_text = cells.pop() if self._with_consent else ""
        key = tuple(cells)
        choices = self._choices.get(key)
        if choices is None:
            texts = [""] * len(_CHOICE_KEYS)
            for (position, _), text in zip(self._present, cells, strict=True):
                texts[position] = typed_cell(text)  # once per distinct combination
            choices = self._choices[key] = _choices(*texts, stations=self._stations)
        consent_at = self._now
        if consent_text:
            known = self._consents.get(consent_text)
            if known is None:
                known = self._consents[consent_text] = _consent(typed_cell(consent_text))
            if not EARLIEST_CONSENT <= known <= self._now + CONSENT_CLOCK_SLACK:
                self._impossible.append((self.line, consent_text))
            consent_at = known
        topics, language, charset, quiet_hours = choices
        return NewSubscriber(
            email=email,
            topics=topics,
            consent_at=consent_at,
            language=language,
            charset=charset,
            channel=Channel.IMPORT,
            quiet_hours=quiet_hours,
            purpose_version=self._purpose_version,
        )

    def refuse_out_of_range_consents(self) -> None:
        """A consent time in 1900 (an empty Excel date) or 2099 (a placeholder) is not when
        anyone consented: the whole file is refused, naming the lines."""
        if not self._impossible:
            return
        lines = ", ".join(str(line) for line, _ in self._impossible[:10])
        more = f" and {len(self._impossible) - 10} more" if len(self._impossible) > 10 else ""
        example = self._impossible[0][1]
        raise ValidationError(
            f"Consent times that cannot be true on lines {lines}{more} (e.g. {example!r}): a "
            f"consent time lies between {EARLIEST_CONSENT:%Y-%m-%d} and today. An empty date "
            "in Excel shows as 1900, a placeholder as 2099. Correct those cells, or empty them "
            "to record the import time, and import again. Nothing was imported."
        )


def _choices(
    topics_text: str,
    level_text: str,
    rain_text: str,
    stage_text: str,
    rivers_text: str,
    language_text: str,
    charset_text: str,
    quiet_text: str,
    stations_text: str = "",
    *,
    stations: Sequence[Station] = (),
) -> _Choices:
    named, with_advisories = _topic_names(topics_text)
    warning_level = _level(level_text) if level_text else None
    if warning_level is None and "warnings" in named:
        warning_level = WarningLevel.ADVISORY if with_advisories else DEFAULT_WARNING_LEVEL
    rain_mm = _rain(rain_text) if rain_text else None
    if rain_mm is None and "rain" in named:
        rain_mm = DEFAULT_RAIN_MM
    river_stage = _stage(stage_text) if stage_text else None
    if river_stage is None and "river" in named:
        river_stage = DEFAULT_RIVER_STAGE
    rivers = parse_rivers(_split(rivers_text)) if rivers_text else KandaRiver.NONE
    if not rivers and "kanda" in named:
        rivers = KandaRiver.ALL
    charset = charset_text.lower()
    # The one list of stations: a name or code not in it is refused, naming the choices.
    chosen = resolve_choice(_split(stations_text), stations) if stations_text else None
    if chosen is not None and river_stage is None:
        raise ValidationError("river stations are chosen but the river topic is not")
    return (
        Topics(warning_level, rain_mm, river_stage, rivers, chosen).validate(),
        _word(_LANGUAGE_WORDS, language_text, "language") if language_text else Language.JA,
        Charset(charset) if charset in ("utf-8", "iso-2022-jp") else Charset.UTF8,
        QuietHours.parse(quiet_text) if quiet_text else None,
    )


def _topic_names(text: str) -> tuple[set[str], bool]:
    """The topics a cell names, and whether it named 注意報 (advisories) itself."""
    with_advisories = "注意報" in text
    for phrase in _TOPIC_PHRASES:
        text = text.replace(phrase, ",warnings,")
    return {_word(_TOPIC_WORDS, t, "topic") for t in _split(text)}, with_advisories


def _split(text: str) -> list[str]:
    for separator in ("、", "・", "/", ";", "|", " "):
        text = text.replace(separator, ",")
    return [part for part in (p.strip() for p in text.split(",")) if part]


def _word(table: Mapping[str, _T], text: str, what: str) -> _T:
    value = table.get(text.strip().lower())
    if value is None:
        raise ValidationError(f"unknown {what} {text!r}")
    return value


def _level(text: str) -> WarningLevel:
    if text.isdigit() and 2 <= int(text) <= 5:
        return WarningLevel(int(text))
    level = _LEVEL_WORDS.get(text.lower())
    if level is None:
        raise ValidationError(f"unknown warning level {text!r} (注意報/警報/危険警報/特別警報)")
    return level


def _stage(text: str) -> RiverStage:
    if text.isdigit() and 1 <= int(text) <= 3:
        return RiverStage(int(text))
    stage = _STAGE_WORDS.get(text.lower())
    if stage is None:
        raise ValidationError(f"unknown river stage {text!r} (氾濫注意/避難判断/氾濫危険)")
    return stage


def _rain(text: str) -> int:
    cleaned = text.lower().replace("mm/h", "").replace("mm", "").strip()
    if not cleaned.isdigit():
        raise ValidationError(f"the rain threshold {text!r} is not a whole number of mm/h")
    if int(cleaned) not in RAIN_THRESHOLDS_MM:
        choices = ", ".join(str(mm) for mm in RAIN_THRESHOLDS_MM)
        raise ValidationError(f"the rain threshold {text!r} is not one of {choices} mm/h")
    return int(cleaned)


def _consent(text: str) -> datetime:
    try:
        moment = from_iso(text.replace("/", "-").replace(" ", "T"))
    except ValueError:
        raise ValidationError(f"the consent time {text!r} is not a date and time") from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=TOKYO)
    return moment
