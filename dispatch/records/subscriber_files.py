"""Subscribers in and out of files: CSV import as offices really have it, encrypted export.

**Import.** UTF-8 (with or without BOM) or Shift_JIS/CP932, English or Japanese column names.
:func:`read_import` checks every row and returns a report that names each bad row by its line
number and says why, without repeating any address; the commit is all or nothing and refuses
while any row is bad. An address already registered, or repeated in the file, is reported and
skipped, never doubled.

**Export** (R4.5): personal data leaves only inside an AES-256 encrypted ZIP. Its password is
generated, returned once for the person to pass on by another channel, and never written
anywhere.
"""

from __future__ import annotations

import csv
import io
import operator
import os
import secrets
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import TypeVar

import pyzipper

from dispatch.base.clock import TOKYO, from_iso
from dispatch.base.errors import ValidationError
from dispatch.base.spreadsheet import csv_bytes
from dispatch.base.vocabulary import Charset, Language
from dispatch.records.stations import Station, resolve_choice
from dispatch.records.subscribers import (
    CURRENT_PURPOSE_VERSION,
    DEFAULT_RAIN_MM,
    DEFAULT_RIVER_STAGE,
    DEFAULT_WARNING_LEVEL,
    RAIN_THRESHOLDS_MM,
    Channel,
    KandaRiver,
    NewSubscriber,
    QuietHours,
    RiverStage,
    Subscriber,
    Topics,
    WarningLevel,
    parse_rivers,
    river_names,
)

_T = TypeVar("_T")
MAX_IMPORT_BYTES = 64 * 1024 * 1024
#: No resident consented to alert mail before this (the ward's first mail service is younger).
EARLIEST_CONSENT = datetime(2000, 1, 1, tzinfo=TOKYO)
#: A consent time a little ahead of this computer's clock is another computer's clock.
CONSENT_CLOCK_SLACK = timedelta(days=1)

_COLUMN_ALIASES = {
    "email": ("email", "e-mail", "mail", "address", "メールアドレス", "アドレス", "メール"),
    "topics": ("topics", "配信内容", "配信項目", "登録内容"),
    "warning_level": ("warning_level", "警報レベル", "気象警報"),
    "rain_mm": ("rain_mm", "雨量しきい値", "雨量閾値", "雨量"),
    "river_stage": ("river_stage", "水位段階", "河川水位"),
    "kanda_rivers": ("kanda_rivers", "洪水予報河川", "河川"),
    "river_stations": ("river_stations", "水位観測所", "観測所"),
    "language": ("language", "言語"),
    "charset": ("charset", "文字コード"),
    "quiet_hours": ("quiet_hours", "配信停止時間帯", "停止時間帯"),
    "consent_at": ("consent_at", "登録日時", "同意日時"),
}

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


@dataclass(frozen=True)
class RowProblem:
    line: int
    reason: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.reason}"


@dataclass
class ImportReport:
    """What an import would do. Lines are numbered as in a text editor (header = line 1)."""

    encoding: str
    rows: int = 0
    problems: list[RowProblem] = field(default_factory=list)
    duplicates_in_file: list[RowProblem] = field(default_factory=list)
    already_registered: list[int] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    to_add: list[NewSubscriber] = field(default_factory=list, repr=False)
    #: The line each address to add was found on.
    line_of: dict[str, int] = field(default_factory=dict, repr=False)

    @property
    def ok(self) -> bool:
        return not self.problems

    def as_dict(self) -> dict[str, object]:
        """Plain values for JSON output and the audit log: counts and line numbers only."""
        return {
            "encoding": self.encoding,
            "rows": self.rows,
            "to_add": len(self.to_add),
            "bad_rows": [{"line": p.line, "reason": p.reason} for p in self.problems],
            "duplicates_in_file": [
                {"line": p.line, "reason": p.reason} for p in self.duplicates_in_file
            ],
            "already_registered_lines": self.already_registered,
            "notes": self.notes,
        }


def decode_import(data: bytes) -> tuple[str, str]:
    """The text of an import file and the encoding it was in."""
    head = data[:4096]
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or head.count(b"\x00") * 4 > len(head):
        raise ValidationError(
            "The file is in UTF-16 (what Excel calls 'Unicode text'), which kishomail does not "
            "read. In Excel, save it again as 'CSV UTF-8 (comma delimited)' and import that file."
        )
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8"), "utf-8-sig"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp932"), "cp932"
    except UnicodeDecodeError as error:
        raise ValidationError(
            f"The file is neither UTF-8 nor Shift_JIS (unreadable byte at position "
            f"{error.start}). Save it again from Excel as 'CSV UTF-8' and import that."
        ) from None


@dataclass(frozen=True)
class ImportOptions:
    #: Columns of another system to leave out, named by the person importing: an unknown
    #: column is never dropped silently (R2.2: only the address and the choices are kept).
    ignore_columns: tuple[str, ...] = ()
    #: The system the rows come from. Its residents consented to that system's purpose text,
    #: not to ours: their consent is recorded as "imported from <system>".
    from_system: str | None = None

    def purpose_version(self) -> str:
        if self.from_system:
            return f"imported from {' '.join(self.from_system.split())}"[:80]
        return CURRENT_PURPOSE_VERSION


def read_import(
    path: Path,
    now: datetime,
    options: ImportOptions | None = None,
    stations: Sequence[Station] = (),
) -> ImportReport:
    """Check every row of ``path``; the store is not looked at (see
    :func:`mark_already_registered`). ``stations`` is the one list of river stations a
    ``river_stations`` cell may name (codes or station names, ``all`` or empty: every one)."""
    options = options or ImportOptions()
    if not path.is_file():
        raise ValidationError(f"There is no file {path}; check the name and the folder.")
    size = path.stat().st_size
    if size > MAX_IMPORT_BYTES:
        raise ValidationError(
            f"The file is {size // (1024 * 1024)} MB; imports are limited to "
            f"{MAX_IMPORT_BYTES // (1024 * 1024)} MB. Split it into smaller files."
        )
    text, encoding = decode_import(path.read_bytes())
    report = ImportReport(encoding=encoding)
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
    except StopIteration:
        raise ValidationError("The file is empty: it needs a header line and rows.") from None
    columns = _map_columns(header, options.ignore_columns)
    ignored = [name.strip() for name in header if _ignored(name, options.ignore_columns)]
    if ignored:
        report.notes.append(f"Columns left out as asked: {', '.join(ignored)}.")
    if "consent_at" not in columns:
        report.notes.append(
            "The file has no consent time column: the import time is recorded as each "
            "subscriber's consent time."
        )
    rows = _RowReader(columns, now, options.purpose_version(), stations)
    for row in _rows(reader):
        line = reader.line_num
        if not "".join(row).strip():
            continue
        report.rows += 1
        try:
            rows.line = line
            new = rows.subscriber(row)
        except ValidationError as error:
            report.problems.append(RowProblem(line, error.message))
            continue
        if new.email in report.line_of:
            report.duplicates_in_file.append(
                RowProblem(line, f"repeats the address of line {report.line_of[new.email]}")
            )
            continue
        report.line_of[new.email] = line
        report.to_add.append(new)
    rows.refuse_out_of_range_consents()
    return report


def _rows(reader: Iterator[list[str]]) -> Iterator[list[str]]:
    """The rows of ``reader``; a file the csv module cannot split is refused whole, with the
    line it stopped at and what to do (rather than an unexpected error)."""
    try:
        yield from reader
    except csv.Error as error:
        line = getattr(reader, "line_num", 0)
        if "field larger than field limit" in str(error):
            raise ValidationError(
                f"Reading stopped at line {line}: a cell there is longer than "
                f'{csv.field_size_limit() // 1024} KB, usually because a quotation mark (") '
                "is never closed and the lines after it run into one cell. Open the file in a "
                "text editor, close or remove that quotation mark, and import again. Nothing "
                "was imported."
            ) from None
        raise ValidationError(
            f"Line {line} cannot be read as CSV ({error}). Save the file again from Excel as "
            "'CSV UTF-8 (comma delimited)' and import that. Nothing was imported."
        ) from None


def mark_already_registered(report: ImportReport, registered: set[str]) -> None:
    """Move rows whose address is already in the store out of ``to_add``."""
    if not registered:
        return
    report.already_registered = sorted(report.line_of[email] for email in registered)
    report.to_add = [new for new in report.to_add if new.email not in registered]


def _ignored(name: str, ignore: tuple[str, ...]) -> bool:
    return name.strip().lower() in {i.strip().lower() for i in ignore}


def _map_columns(header: list[str], ignore: tuple[str, ...] = ()) -> dict[str, int]:
    columns: dict[str, int] = {}
    unknown = []
    for index, name in enumerate(header):
        if _ignored(name, ignore):
            continue
        cleaned = name.strip().lower()
        for key, aliases in _COLUMN_ALIASES.items():
            if cleaned in aliases:
                if key in columns:
                    _refuse_second_column(header, columns[key], index, key)
                columns[key] = index
                break
        else:
            unknown.append(name.strip())
    if "email" not in columns:
        raise ValidationError(
            "The header line has no address column: name one 'email' or 'メールアドレス'."
        )
    if unknown:
        raise ValidationError(
            f"Unknown columns {', '.join(repr(u) for u in unknown)}: kishomail keeps only the "
            "address and delivery choices (R2.2). Remove those columns, or name each to leave "
            "out (--ignore-column NAME), and import again."
        )
    return columns


def _refuse_second_column(header: list[str], first: int, second: int, key: str) -> None:
    what = "address" if key == "email" else repr(key)
    raise ValidationError(
        f"The header names the {what} column twice: {header[first].strip()!r} (column "
        f"{first + 1}) and {header[second].strip()!r} (column {second + 1}); kishomail cannot "
        "tell which one to use. Delete or rename one of them and import again. Nothing was "
        "imported."
    )


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


class _RowReader:
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
                texts[position] = text
            choices = self._choices[key] = _choices(*texts, stations=self._stations)
        consent_at = self._now
        if consent_text:
            known = self._consents.get(consent_text)
            if known is None:
                known = self._consents[consent_text] = _consent(consent_text)
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


# ---- export ---------------------------------------------------------------------------------

EXPORT_HEADERS = (
    "email",
    "status",
    "language",
    "charset",
    "channel",
    "warning_level",
    "rain_mm",
    "river_stage",
    "kanda_rivers",
    "quiet_hours",
    "consent_at",
    "purpose_version",
    "created_at",
    "river_stations",
)
_PASSWORD_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789"  # noqa: S105


def _tokyo(stamp: str) -> str:
    """A stored time as people in the office read it: Tokyo time, with its +09:00 offset (so
    a re-import reads the same moment)."""
    try:
        moment = datetime.fromisoformat(stamp)
    except (TypeError, ValueError):
        return stamp
    if moment.tzinfo is None:
        return stamp
    return moment.astimezone(TOKYO).isoformat(timespec="seconds")


def generate_password(length: int = 20) -> str:
    """A password people can read aloud: no 0/O, 1/l/I."""
    return "".join(secrets.choice(_PASSWORD_ALPHABET) for _ in range(length))


def write_encrypted_export(
    path: Path, subscribers: Iterable[Subscriber], columns: tuple[str, ...] = EXPORT_HEADERS
) -> tuple[str, int]:
    """Write an AES-256 ZIP holding ``subscribers.csv`` with ``columns`` (of
    :data:`EXPORT_HEADERS`, in that order); return (password, row count)."""
    unknown = [c for c in columns if c not in EXPORT_HEADERS]
    if unknown or not columns:
        raise ValidationError(
            f"Unknown export column(s) {', '.join(unknown) or '(none given)'}; choose from "
            f"{', '.join(EXPORT_HEADERS)}."
        )
    kept = [i for i, name in enumerate(EXPORT_HEADERS) if name in columns]
    rows = []
    for s in subscribers:
        rows.append(
            (
                s.email,
                str(s.status),
                str(s.language),
                str(s.charset),
                str(s.channel),
                s.topics.warning_level,
                s.topics.rain_mm,
                s.topics.river_stage,
                "/".join(river_names(s.topics.kanda_rivers)),
                str(s.quiet_hours) if s.quiet_hours else "",
                _tokyo(s.consent_at),
                s.purpose_version,
                _tokyo(s.created_at),
                "/".join(s.topics.river_stations or (("all",) if s.topics.river_stage else ())),
            )
        )
    if not path.parent.is_dir():
        raise ValidationError(
            f"The folder {path.parent} does not exist; create it or pick another."
        )
    password = generate_password()
    tmp = path.with_name(path.name + ".part")
    with pyzipper.AESZipFile(
        tmp, "w", compression=pyzipper.ZIP_DEFLATED, encryption=pyzipper.WZ_AES
    ) as archive:
        archive.setpassword(password.encode("ascii"))
        archive.setencryption(pyzipper.WZ_AES, nbits=256)
        archive.writestr(
            "subscribers.csv",
            csv_bytes(
                tuple(EXPORT_HEADERS[i] for i in kept),
                [tuple(row[i] for i in kept) for row in rows],
            ),
        )
    if os.name == "posix":
        os.chmod(tmp, 0o600)
    os.replace(tmp, path)
    return password, len(rows)
