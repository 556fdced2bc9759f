"""A table of plain records with lazy, asynchronous fetching.

Every domain table (subscribers, dispatches, failures, audit entries, accounts, mail) is one of
these: the rows are frozen records read in a worker thread; ``fetchMore`` asks the owner's
``fetcher`` for the next page and returns at once; the page arrives later through
:meth:`append` on the GUI thread. While a page is on its way ``canFetchMore`` says no, so a
view scrolled to the bottom asks once, not in a loop.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor

Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()
PROGRESS_ROLE = Qt.ItemDataRole.UserRole + 1


@dataclass(frozen=True)
class Column:
    header: str
    value: Callable[[Any], Any]
    #: Right-aligned (numbers).
    numeric: bool = False
    background: Callable[[Any], QColor | None] | None = None
    foreground: Callable[[Any], QColor | None] | None = None
    tooltip: Callable[[Any], str | None] | None = None
    #: (done, total) for a progress bar painted by ``ProgressDelegate``.
    progress: Callable[[Any], tuple[int, int]] | None = None
    #: Where the rows are read page by page: the core's name for this column's order (its
    #: whitelist); ``None``: this column cannot order the whole data set.
    order: str | None = None


class RecordTableModel(QAbstractTableModel):
    #: A page was added (number of rows now loaded).
    pageLoaded = Signal(int)
    #: The rows were replaced.
    reloaded = Signal()
    #: A header click on a column that cannot order a paged table: the view puts the sort
    #: indicator back on (column, order) — the order the rows really have.
    sortRefused = Signal(int, Qt.SortOrder)

    def __init__(self, columns: Sequence[Column], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.columns = list(columns)
        self.rows: list[Any] = []
        self._more = False
        self._pending = False
        #: Called by ``fetchMore`` with this model; must arrange for :meth:`append` later.
        self.fetcher: Callable[[RecordTableModel], None] | None = None
        #: What identifies a record across reloads (its id): the view keeps the selection on
        #: it while the rows are replaced (``desktop.widgets.common.table_view``).
        self.key: Callable[[Any], Any] = record_key
        #: The column and order the person sorted by (-1: the order the rows came in).
        self._sort: tuple[int, Qt.SortOrder] = (-1, Qt.SortOrder.AscendingOrder)
        #: For a table read page by page: asked to read the whole data set again in the
        #: core's order (a column's ``order``, descending). Sorting only the loaded page
        #: would put the greatest row of the page first, not of all.
        self.orderer: Callable[[str, bool], None] | None = None

    # ---- feeding ----------------------------------------------------------------------------

    def replace(self, rows: Sequence[Any], *, more: bool = False) -> None:
        self.beginResetModel()
        self.rows = self._sorted(list(rows))
        self._more = more
        self._pending = False
        self.endResetModel()
        self.reloaded.emit()

    def append(self, rows: Sequence[Any], *, more: bool) -> None:
        self._pending = False
        self._more = more
        if rows:
            first = len(self.rows)
            self.beginInsertRows(_ROOT, first, first + len(rows) - 1)
            self.rows.extend(rows)
            self.endInsertRows()
        self.pageLoaded.emit(len(self.rows))

    def fetch_failed(self) -> None:
        self._pending = False
        self._more = False

    def update_row(self, row: int, record: Any) -> None:
        self.rows[row] = record
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.columns) - 1))

    def record(self, row: int) -> Any:
        return self.rows[row]

    @property
    def pending(self) -> bool:
        return self._pending

    # ---- sorting ----------------------------------------------------------------------------

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort the loaded rows by a column (a click on its header); the rows that come with
        the next reload are sorted the same way. Selection and current row follow their
        records (persistent indexes are moved, not dropped). A paged table (``orderer``)
        is read again in that order from the core instead."""
        if self.orderer is not None:
            self._order_in_core(column, order)
            return
        self._sort = (column, order)
        if not (0 <= column < len(self.columns)):
            return
        self.layoutAboutToBeChanged.emit()
        before = self.persistentIndexList()
        records = [self.rows[i.row()] if 0 <= i.row() < len(self.rows) else None for i in before]
        self.rows = self._sorted(self.rows)
        position = {id(record): row for row, record in enumerate(self.rows)}
        after = [
            self.index(position[id(record)], i.column()) if record is not None else QModelIndex()
            for record, i in zip(records, before, strict=True)
        ]
        self.changePersistentIndexList(before, after)
        self.layoutChanged.emit()

    def _order_in_core(self, column: int, order: Qt.SortOrder) -> None:
        assert self.orderer is not None
        if not (0 <= column < len(self.columns)):
            return  # the view's first call (no indicator): the core's default order stands
        key = self.columns[column].order
        if key is None:
            self.sortRefused.emit(*self._sort)
            return
        if self._sort != (column, order):
            self._sort = (column, order)
            self.orderer(key, order == Qt.SortOrder.DescendingOrder)

    @property
    def sort_column(self) -> tuple[int, Qt.SortOrder]:
        return self._sort

    def _sorted(self, rows: list[Any]) -> list[Any]:
        column, order = self._sort
        if self.orderer is not None or not (0 <= column < len(self.columns)):
            return rows
        spec = self.columns[column]
        return sorted(
            rows,
            key=lambda record: sort_key(spec.value(record), spec.numeric),
            reverse=order == Qt.SortOrder.DescendingOrder,
        )

    # ---- QAbstractTableModel ---------------------------------------------------------------

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def canFetchMore(self, parent: Index = _ROOT) -> bool:
        return (
            not parent.isValid() and self._more and not self._pending and self.fetcher is not None
        )

    def fetchMore(self, parent: Index = _ROOT) -> None:
        if not self.canFetchMore(parent):
            return
        self._pending = True
        assert self.fetcher is not None
        self.fetcher(self)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.columns):
            if role == Qt.ItemDataRole.DisplayRole:
                return self.columns[section].header
        return None

    def index(self, row: int, column: int, parent: Index = _ROOT) -> QModelIndex:
        # Overridden (one call into Python instead of rowCount + columnCount per cell): see
        # multiData.
        if parent.isValid() or not (0 <= row < len(self.rows) and 0 <= column < len(self.columns)):
            return QModelIndex()
        return self.createIndex(row, column)

    def multiData(self, index: Index, roleDataSpan: Any) -> None:
        # Qt's item delegate asks for seven roles per painted cell in one multiData call; the
        # default implementation calls data() once per role, and each call from C++ into Python
        # has to take the GIL back from the engine's threads. Answering all roles in one call
        # keeps a repaint of the table short while a dispatch runs
        # (bench/bench_gui_responsiveness.py).
        if not index.isValid() or index.row() >= len(self.rows):
            for position in range(len(roleDataSpan)):
                roleDataSpan[position].clearData()
            return
        column = self.columns[index.column()]
        record = self.rows[index.row()]
        for position in range(len(roleDataSpan)):
            slot = roleDataSpan[position]
            slot.setData(self._value(column, record, slot.role()))

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.rows):
            return None
        return self._value(self.columns[index.column()], self.rows[index.row()], role)

    def _value(self, column: Column, record: Any, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            value = column.value(record)
            return "" if value is None else str(value)
        if role == Qt.ItemDataRole.TextAlignmentRole and column.numeric:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.BackgroundRole and column.background is not None:
            colour = column.background(record)
            return QBrush(colour) if colour is not None else None
        if role == Qt.ItemDataRole.ForegroundRole and column.foreground is not None:
            colour = column.foreground(record)
            return QBrush(colour) if colour is not None else None
        if role == Qt.ItemDataRole.ToolTipRole and column.tooltip is not None:
            return column.tooltip(record)
        if role == Qt.ItemDataRole.UserRole:
            return record
        if role == PROGRESS_ROLE and column.progress is not None:
            return column.progress(record)
        return None


def record_key(record: Any) -> Any:
    """A record's identity: its ``id``, else the first field of a tuple row, else itself."""
    key = getattr(record, "id", None)
    if key is not None:
        return key
    if isinstance(record, tuple) and record:
        return record[0]
    return record


def sort_key(value: Any, numeric: bool) -> tuple[int, Any]:
    """Blanks last; numbers shown as "1,234" sort as numbers; text as text."""
    if value is None or value == "":
        return (2, "")
    if numeric:
        try:
            return (0, float(str(value).replace(",", "").split()[0]))
        except (ValueError, IndexError):
            pass
    if isinstance(value, (int, float)):
        return (0, float(value))
    return (1, str(value))
