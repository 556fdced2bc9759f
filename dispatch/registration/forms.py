"""Reading what a browser (or a mail provider) posts: strictly, and only what the form asks.

Bodies are ``application/x-www-form-urlencoded`` ASCII; percent-encoded bytes must be UTF-8;
no value may hold a control character (a CR/LF in an address is a header-injection attempt);
every choice comes from a fixed list — there is no free-text field (R2.2).
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass, field
from email.parser import BytesParser
from email.policy import HTTP
from urllib.parse import parse_qs

from dispatch.base.addresses import normalise_address
from dispatch.base.errors import ValidationError
from dispatch.base.vocabulary import Charset, Language
from dispatch.records.stations import MAX_STATIONS
from dispatch.records.subscribers import (
    DEFAULT_RAIN_MM,
    RAIN_THRESHOLDS_MM,
    KandaRiver,
    QuietHours,
    RiverStage,
    Subscriber,
    Topics,
    WarningLevel,
)

RAIN_CHOICES = RAIN_THRESHOLDS_MM  # the one list (dispatch.records.subscribers)
RIVER_FIELDS = (("kanda", KandaRiver.KANDA), ("zenpukuji", KandaRiver.ZENPUKUJI),
                ("myoshoji", KandaRiver.MYOSHOJI))  # fmt: skip
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
#: The form's own fields, and one per river station ticked.
MAX_FIELDS = 40 + MAX_STATIONS


class BadForm(Exception):
    """The request is not something our pages send: answer 400 and store nothing."""


def parse_urlencoded(body: bytes) -> dict[str, list[str]]:
    try:
        text = body.decode("ascii")
        fields = parse_qs(
            text,
            keep_blank_values=True,
            strict_parsing=False,
            encoding="utf-8",
            errors="strict",
            max_num_fields=MAX_FIELDS,
        )
    except (UnicodeDecodeError, ValueError) as error:
        raise BadForm(f"not a valid form body ({type(error).__name__})") from None
    for name, values in fields.items():
        if _CONTROL.search(name) or any(_CONTROL.search(v) for v in values):
            raise BadForm("control characters in a form field")
    return fields


def parse_one_click(content_type: str, body: bytes) -> bool:
    """RFC 8058: the body says ``List-Unsubscribe=One-Click`` (urlencoded or multipart)."""
    if content_type.startswith("multipart/form-data"):
        head = f"Content-Type: {content_type}\r\n\r\n".encode("latin-1", "replace")
        message = BytesParser(policy=HTTP).parsebytes(head + body)
        if not message.is_multipart():
            return False
        for part in message.iter_parts():
            if part.get_param("name", header="content-disposition") == "List-Unsubscribe":
                payload = part.get_payload(decode=True)
                return isinstance(payload, bytes) and payload.strip() == b"One-Click"
        return False
    try:
        fields = parse_urlencoded(body)
    except BadForm:
        return False
    return fields.get("List-Unsubscribe") == ["One-Click"]


def one(fields: dict[str, list[str]], name: str) -> str | None:
    values = fields.get(name)
    if not values:
        return None
    if len(values) > 1 and len(set(values)) > 1:
        raise BadForm(f"field {name} given twice")
    return values[0]


@dataclass
class Choices:
    """The form's values, kept as given so that a form with errors can be shown again."""

    email: str = ""
    warnings: bool = True
    warning_level: int = int(WarningLevel.WARNING)
    rain: bool = False
    rain_mm: int = DEFAULT_RAIN_MM
    river: bool = False
    river_stage: int = int(RiverStage.CAUTION)
    #: Every river station of the ward (one added later included), or only :attr:`stations`.
    all_stations: bool = True
    stations: set[str] = field(default_factory=set)
    rivers: set[str] = field(default_factory=set)
    language: str = "ja"
    #: ``utf-8``, or ``iso-2022-jp`` for old carrier phones (ガラケー) that garble UTF-8.
    charset: str = str(Charset.UTF8)
    quiet: bool = False
    quiet_from: int = 22
    quiet_to: int = 6
    consent: bool = False
    errors: list[str] = field(default_factory=list)

    @classmethod
    def of(cls, subscriber: Subscriber) -> Choices:
        topics = subscriber.topics
        quiet = subscriber.quiet_hours
        return cls(
            email=subscriber.email,
            warnings=topics.warning_level is not None,
            warning_level=int(topics.warning_level or WarningLevel.WARNING),
            rain=topics.rain_mm is not None,
            rain_mm=topics.rain_mm or DEFAULT_RAIN_MM,
            river=topics.river_stage is not None,
            river_stage=int(topics.river_stage or RiverStage.CAUTION),
            all_stations=topics.river_stations is None,
            stations=set(topics.river_stations or ()),
            rivers={name for name, flag in RIVER_FIELDS if flag & topics.kanda_rivers},
            language=str(subscriber.language),
            charset=str(subscriber.charset),
            quiet=quiet is not None,
            quiet_from=(quiet.start // 60) if quiet else 22,
            quiet_to=(quiet.end // 60) if quiet else 6,
            consent=True,
        )

    def topics(self) -> Topics:
        rivers = KandaRiver.NONE
        for name, flag in RIVER_FIELDS:
            if name in self.rivers:
                rivers |= flag
        return Topics(
            warning_level=WarningLevel(self.warning_level) if self.warnings else None,
            rain_mm=self.rain_mm if self.rain else None,
            river_stage=RiverStage(self.river_stage) if self.river else None,
            kanda_rivers=rivers,
            river_stations=None
            if not self.river or self.all_stations
            else tuple(sorted(self.stations)),
        )

    def quiet_hours(self) -> QuietHours | None:
        return QuietHours(self.quiet_from * 60, self.quiet_to * 60) if self.quiet else None

    def mail_language(self) -> Language:
        return Language(self.language)

    def mail_charset(self) -> Charset:
        return Charset(self.charset)


def _choice(fields: dict[str, list[str]], name: str, allowed: tuple[int, ...], default: int) -> int:
    value = one(fields, name)
    if value is None:
        return default
    if not value.isdigit() or int(value) not in allowed:
        raise BadForm(f"{name} is not one of the choices")
    return int(value)


def read_choices(
    fields: dict[str, list[str]],
    *,
    with_email: bool,
    need_consent: bool,
    station_codes: Collection[str] = (),
) -> Choices:
    """The choices in a posted form; :attr:`Choices.errors` names what the person must fix.
    Raises :class:`BadForm` for what our own form never sends (a station not in
    ``station_codes``, the one list the page offered)."""
    choices = Choices(
        warnings=one(fields, "t_warnings") == "1",
        warning_level=_choice(fields, "warning_level", (2, 3, 4, 5), 3),
        rain=one(fields, "t_rain") == "1",
        rain_mm=_choice(fields, "rain_mm", RAIN_CHOICES, DEFAULT_RAIN_MM),
        river=one(fields, "t_river") == "1",
        river_stage=_choice(fields, "river_stage", (1, 2, 3), 1),
        quiet=one(fields, "quiet") == "1",
        quiet_from=_choice(fields, "quiet_from", tuple(range(24)), 22),
        quiet_to=_choice(fields, "quiet_to", tuple(range(24)), 6),
        consent=one(fields, "consent") == "1",
    )
    rivers = set(fields.get("rivers", []))
    if not rivers <= {name for name, _ in RIVER_FIELDS}:
        raise BadForm("unknown river")
    choices.rivers = rivers
    scope = one(fields, "river_scope") or "all"
    if scope not in ("all", "chosen"):
        raise BadForm("unknown station scope")
    stations = set(fields.get("stations", []))
    if not stations <= set(station_codes):
        raise BadForm("unknown river station")
    choices.all_stations = scope == "all"
    choices.stations = stations
    language = one(fields, "mail_language") or "ja"
    if language not in {str(lang) for lang in Language}:
        raise BadForm("unknown language")
    choices.language = language
    charset = one(fields, "charset") or str(Charset.UTF8)
    if charset not in {str(c) for c in Charset}:
        raise BadForm("unknown charset")
    choices.charset = charset
    if with_email:
        raw = one(fields, "email") or ""
        if len(raw) > 254:
            raise BadForm("address too long")
        choices.email = raw.strip()
        try:
            choices.email = normalise_address(raw)
        except ValidationError:
            choices.errors.append("error_email")
    if choices.river and not choices.all_stations and not choices.stations:
        choices.errors.append("error_stations")
    elif not choices.topics().names():
        choices.errors.append("error_topics")
    if choices.quiet and choices.quiet_from == choices.quiet_to:
        choices.errors.append("error_quiet")
    if need_consent and not choices.consent:
        choices.errors.append("error_consent")
    return choices
