"""The table model behind every list on screen: what a painted cell shows comes through
``multiData`` (one call per cell) and must be exactly what ``data`` says role by role."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QModelRoleData, QModelRoleDataSpan, QPoint, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QTableView
from pytestqt.qtbot import QtBot

from desktop.models.table import PROGRESS_ROLE, Column, RecordTableModel

ROLES = [
    Qt.ItemDataRole.DisplayRole,
    Qt.ItemDataRole.TextAlignmentRole,
    Qt.ItemDataRole.BackgroundRole,
    Qt.ItemDataRole.ForegroundRole,
    Qt.ItemDataRole.ToolTipRole,
    Qt.ItemDataRole.FontRole,
    Qt.ItemDataRole.DecorationRole,
    Qt.ItemDataRole.CheckStateRole,
    Qt.ItemDataRole.UserRole,
    PROGRESS_ROLE,
]


def plain(value: object) -> object:
    return value.color().name() if isinstance(value, QBrush) else value


def model() -> RecordTableModel:
    columns = [
        Column("level", lambda r: r[0], background=lambda r: QColor("#c80000") if r[0] else None),
        Column("count", lambda r: r[1], numeric=True, tooltip=lambda r: f"{r[1]} sent"),
        Column(
            "done",
            lambda r: None,
            foreground=lambda r: QColor("#ffffff"),
            progress=lambda r: (r[1], 10),
        ),
    ]
    table = RecordTableModel(columns)
    table.replace([(3, 7), (0, 10), (5, 0)])
    return table


def test_multidata_answers_every_role_as_data_does(qtbot: QtBot) -> None:
    table = model()
    for row in range(table.rowCount()):
        for column in range(table.columnCount()):
            index = table.index(row, column)
            slots = [QModelRoleData(role) for role in ROLES]
            for slot in slots:
                index.multiData(QModelRoleDataSpan(slot))
            assert [plain(s.data()) for s in slots] == [
                plain(table.data(index, role)) for role in ROLES
            ]
    assert table.data(table.index(0, 0)) == "3"
    assert plain(table.data(table.index(0, 0), Qt.ItemDataRole.BackgroundRole)) == "#c80000"
    assert table.data(table.index(1, 0), Qt.ItemDataRole.BackgroundRole) is None


def test_indexes_exist_only_inside_the_table(qtbot: QtBot) -> None:
    table = model()
    assert table.index(2, 2).isValid()
    for row, column in ((3, 0), (0, 3), (-1, 0)):
        assert not table.index(row, column).isValid()
    assert not table.index(0, 0, table.index(0, 0)).isValid()  # a table has no children
    assert table.index(0, 0, QModelIndex()).isValid()


def test_a_view_paints_what_the_model_holds(qtbot: QtBot) -> None:
    table = model()
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(table)
    view.resize(400, 200)
    view.show()
    qtbot.waitExposed(view)
    image = view.viewport().grab().toImage()
    cell = view.visualRect(table.index(0, 0)).center()
    # The level-3 red background reaches the screen through multiData.
    assert image.pixelColor(cell.x() - 20, cell.y()).name() == "#c80000"


def _dispatches() -> tuple[RecordTableModel, QTableView]:
    from dataclasses import dataclass

    from desktop.widgets.common import table_view

    @dataclass(frozen=True)
    class Row:
        id: int
        subject: str
        sent: int

    table = RecordTableModel(
        [
            Column("No.", lambda r: r.id, numeric=True),
            Column("Subject", lambda r: r.subject),
            Column("Sent", lambda r: f"{r.sent:,}", numeric=True),
        ]
    )
    view = table_view("dispatches")
    view.setModel(table)
    table.replace([Row(3, "大雨警報", 1_200), Row(2, "洪水注意報", 950), Row(1, "強風注意報", 10)])
    return table, view


def test_the_selected_record_stays_selected_while_rows_are_reloaded(qtbot: QtBot) -> None:
    table, view = _dispatches()
    qtbot.addWidget(view)
    view.selectRow(1)  # dispatch 2
    row_type = type(table.record(0))
    # A new dispatch arrives on top while the officer looks at dispatch 2: rows shift down.
    table.replace(
        [
            row_type(4, "解除", 5),
            row_type(3, "大雨警報", 1_300),
            row_type(2, "洪水注意報", 960),
            row_type(1, "強風注意報", 10),
        ]
    )
    selected = view.selectionModel().selectedRows()
    assert [table.record(i.row()).id for i in selected] == [2]
    assert table.record(view.currentIndex().row()).id == 2


def test_a_header_click_sorts_numbers_as_numbers_and_keeps_the_selection(
    qtbot: QtBot,
) -> None:
    table, view = _dispatches()
    qtbot.addWidget(view)
    view.show()
    assert [table.record(r).id for r in range(3)] == [3, 2, 1]  # as loaded, not re-sorted
    view.selectRow(0)  # dispatch 3
    header = view.horizontalHeader()
    x = header.sectionViewportPosition(2) + header.sectionSize(2) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))
    assert [table.record(r).sent for r in range(3)] == [10, 950, 1_200]  # not "1,200" < "10"
    assert table.record(view.currentIndex().row()).id == 3
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))
    assert [table.record(r).sent for r in range(3)] == [1_200, 950, 10]
    # A reload keeps the chosen order.
    row_type = type(table.record(0))
    table.replace([row_type(1, "強風注意報", 10), row_type(2, "洪水注意報", 3_000)])
    assert [table.record(r).id for r in range(2)] == [2, 1]
