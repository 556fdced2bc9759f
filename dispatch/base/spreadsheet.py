"""Writing tables for people: CSV that Excel opens right, and formatted ``.xlsx``.

Cells that a spreadsheet would take for a formula (starting with ``=``, ``+``, ``-``, ``@``, a
tab or a carriage return) are defused: in CSV by a leading apostrophe (OWASP's advice), in
``.xlsx`` by storing them explicitly as text.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def defuse_formula(value: Any) -> Any:
    """A value safe to put into a CSV cell."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def csv_bytes(headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> bytes:
    """UTF-8 with a BOM (so Excel in Japan reads it as UTF-8), CRLF line ends."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([defuse_formula(h) for h in headers])
    for row in rows:
        writer.writerow(["" if v is None else defuse_formula(v) for v in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def write_csv(path: Path, headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    path.write_bytes(csv_bytes(headers, rows))


def write_xlsx(
    path: Path, title: str, headers: Sequence[str], rows: Iterable[Sequence[Any]]
) -> int:
    """One formatted sheet: a title line, bold frozen headers, filters, sensible widths.

    Returns the number of data rows written."""
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = title[:31]
    sheet.append([title])
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append(list(headers))
    header_fill = PatternFill("solid", fgColor="DDEBF7")
    for cell in sheet[2]:
        cell.font = Font(bold=True)
        cell.fill = header_fill
        cell.alignment = Alignment(vertical="center")
    widths = [max(8, _display_width(h)) for h in headers]
    count = 0
    for row in rows:
        values = ["" if v is None else v for v in row]
        sheet.append(values)
        count += 1
        for column, value in enumerate(values, start=1):
            cell = sheet.cell(row=count + 2, column=column)
            if isinstance(value, str):
                # Never a formula: a subscriber-controlled string must stay text.
                cell.data_type = "s"
            if count <= 200:
                widths[column - 1] = max(widths[column - 1], min(60, _display_width(str(value))))
    for column, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width + 2
    sheet.freeze_panes = "A3"
    if count:
        sheet.auto_filter.ref = f"A2:{get_column_letter(len(headers))}{count + 2}"
    workbook.save(path)
    return count


def _display_width(text: str) -> int:
    """Full-width (Japanese) characters take two columns."""
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)
