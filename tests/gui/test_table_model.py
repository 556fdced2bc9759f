"""The table model behind every list on screen: what a painted cell shows comes through
``multiData`` (one call per cell) and must be exactly what ``data`` says role by role."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QModelRoleData, QModelRoleDataSpan, Qt
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
