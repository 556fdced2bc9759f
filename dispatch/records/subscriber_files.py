"""Subscribers in from files: CSV import as offices really have it.

**Import.** UTF-8 (with or without BOM) or Shift_JIS/CP932, English or Japanese column names.
:func:`read_import` checks every row and returns a report that names each bad row by its line
number and says why, without repeating any address; the commit is all or nothing and refuses
while any row is bad. An address already registered, or repeated in the file, is reported and
skipped, never doubled.

One row's cells are read by :mod:`dispatch.records.subscriber_cells`; the encrypted export
(R4.5) is :mod:`dispatch.records.subscriber_export`.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from dispatch.base.errors import ValidationError
from dispatch.records.stations import Station
from dispatch.records.subscriber_cells import RowReader, typed_cell
from dispatch.records.subscribers import CURRENT_PURPOSE_VERSION, NewSubscriber

MAX_IMPORT_BYTES = 64 * 1024 * 1024

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
    rows = RowReader(columns, now, options.purpose_version(), stations)
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
    return typed_cell(name).lower() in {typed_cell(i).lower() for i in ignore}


def _map_columns(header: list[str], ignore: tuple[str, ...] = ()) -> dict[str, int]:
    columns: dict[str, int] = {}
    unknown = []
    for index, name in enumerate(header):
        if _ignored(name, ignore):
            continue
        cleaned = typed_cell(name).lower()
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
