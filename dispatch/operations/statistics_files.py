"""The statistics as files for the ward's reports: ``.xlsx`` (formatted sheets, native Excel
charts, Japanese headers, the period in each title) and CSV (UTF-8 with BOM, formula cells
defused); the export operation that writes them."""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.chart import BarChart, LineChart, Reference
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from dispatch.base.spreadsheet import csv_bytes
from dispatch.operations.declare import operation
from dispatch.operations.session import Session
from dispatch.operations.statistics import Statistics, Table, collect
from dispatch.records.accounts import Permission


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
        sheet.auto_filter.ref = f"A4:{get_column_letter(len(stats.dispatches.headers))}{last}"
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
