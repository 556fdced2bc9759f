"""Small widgets shared by the screens."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QCoreApplication,
    QEvent,
    QItemSelectionModel,
    QObject,
    Qt,
)
from PySide6.QtGui import QFont, QGuiApplication, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QTableView,
    QWidget,
)

from desktop.models.table import RecordTableModel

_BANNER_STYLES = {
    "info": "background:#e8f0fb; color:#0b2e59; border:1px solid #9bb8e0;",
    "ok": "background:#e6f4ea; color:#0d3b1e; border:1px solid #8cc79f;",
    "warning": "background:#fff4ce; color:#4a3500; border:1px solid #e0c25c;",
    "error": "background:#fde7e9; color:#6b0010; border:1px solid #e39aa3;",
    # A new warning, by 警戒レベル相当 in JMA's colours (desktop.levels), bold and framed thicker
    # the higher it is: a レベル４ does not look like a レベル２.
    "level2": "background:#f2e700; color:#000000; border:2px solid #8a8000; font-weight:bold;",
    "level3": "background:#ff2800; color:#000000; border:3px solid #7a1400; font-weight:bold;",
    "level4": "background:#aa00aa; color:#ffffff; border:4px solid #3d003d; font-weight:bold;",
    "level5": "background:#0c000c; color:#ffffff; border:5px solid #aa00aa; font-weight:bold;",
}


#: The keyboard focus, visible on every focusable widget: a 3 px blue ring (Fusion's own is a
#: 1 px line a tired eye misses on a button). Only ``:focus`` rules, so the rest keeps the
#: platform's look; the padding matches the unfocused widget, so nothing moves when focus does.
#: Spin boxes are filled light blue instead (a border there hides their arrows).
FOCUS_RING = """
QPushButton:focus, QToolButton:focus {
    border: 3px solid #1a5fb4; border-radius: 4px; background: #e8f0fb; color: #000000;
    padding: 3px 10px;
}
QLineEdit:focus, QTextEdit:focus, QPlainTextEdit:focus, QAbstractItemView:focus {
    border: 3px solid #1a5fb4;
}
QCheckBox:focus, QRadioButton:focus, QGroupBox::indicator:focus {
    border: 2px solid #1a5fb4; border-radius: 3px;
}
QComboBox:focus { border: 3px solid #1a5fb4; border-radius: 3px; }
QAbstractSpinBox:focus { background: #d7e6fb; }
QTabBar:focus { border: 3px solid #1a5fb4; }
"""


def apply_focus_ring(app: QApplication) -> None:
    """Give every focusable widget of ``app`` the visible focus ring."""
    app.setStyleSheet(FOCUS_RING)


class Banner(QLabel):
    """A message where the user looks: plain words, coloured by kind, wraps, selectable."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.kind = ""
        self.hide()

    def show_message(self, text: str, kind: str = "info") -> None:
        self.kind = kind
        self.setText(text)
        self.setStyleSheet(f"QLabel {{ {_BANNER_STYLES[kind]} padding:8px; border-radius:4px; }}")
        self.setAccessibleName(text)
        self.show()

    def clear_message(self) -> None:
        self.kind = ""
        self.setText("")
        self.hide()


def heading(text: str, size_delta: int = 4) -> QLabel:
    label = QLabel(text)
    font = QFont(label.font())
    font.setPointSize(font.pointSize() + size_delta)
    font.setBold(True)
    label.setFont(font)
    label.setWordWrap(True)
    return label


def line() -> QFrame:
    frame = QFrame()
    frame.setFrameShape(QFrame.Shape.HLine)
    frame.setFrameShadow(QFrame.Shadow.Sunken)
    return frame


def row(*widgets: QWidget, stretch: bool = True) -> QHBoxLayout:
    layout = QHBoxLayout()
    for widget in widgets:
        layout.addWidget(widget)
    if stretch:
        layout.addStretch(1)
    return layout


class RecordTableView(QTableView):
    """A table of records that keeps the selected record selected when its rows are reloaded
    (a dispatch running reloads the dashboard and history every second: the selection must
    not jump to another row under the pointer) and sorts by a click on a column header:
    the loaded rows where every row is loaded, the whole data set in the core where the rows
    come page by page (the model's ``orderer``). From the keyboard: ←/→ to the column, then
    Ctrl+Shift+O (again: the other way round)."""

    SORT_KEY = QKeySequence("Ctrl+Shift+O")

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:  # 表示 → 文字の大きさ: rows fit the text
            self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)

    def setModel(self, model: QAbstractItemModel | None) -> None:
        super().setModel(model)
        if not isinstance(model, RecordTableModel):
            return
        kept: list[Any] = []
        model.modelAboutToBeReset.connect(lambda: kept.__setitem__(slice(None), self._keys()))
        model.modelReset.connect(lambda: self._select(kept))
        if model.fetcher is None or model.orderer is not None:
            header = self.horizontalHeader()
            header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)  # the order as loaded
            header.setSortIndicatorShown(True)
            self.setSortingEnabled(True)
            model.sortRefused.connect(self._put_indicator_back)

    def _put_indicator_back(self, column: int, order: Qt.SortOrder) -> None:
        header = self.horizontalHeader()
        blocked = header.blockSignals(True)
        header.setSortIndicator(column, order)
        header.blockSignals(blocked)
        header.viewport().update()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self.isSortingEnabled() and QKeySequence(event.keyCombination()) == self.SORT_KEY:
            self.sort_by_current_column()
            return
        super().keyPressEvent(event)

    def sort_by_current_column(self) -> None:
        """Sort by the column of the keyboard's current cell; ascending first, then the
        other way round on each press."""
        column = max(self.currentIndex().column(), 0)
        header = self.horizontalHeader()
        ascending = Qt.SortOrder.AscendingOrder
        order = (
            Qt.SortOrder.DescendingOrder
            if header.sortIndicatorSection() == column and header.sortIndicatorOrder() == ascending
            else ascending
        )
        header.setSortIndicator(column, order)

    def _keys(self) -> list[Any]:
        model = self.model()
        assert isinstance(model, RecordTableModel)
        rows = sorted({i.row() for i in self.selectionModel().selectedRows()})
        current = self.currentIndex().row()
        ordered = ([current] if current >= 0 else []) + [r for r in rows if r != current]
        return [model.key(model.rows[r]) for r in ordered if r < len(model.rows)]

    def _select(self, keys: list[Any]) -> None:
        model = self.model()
        if not keys or not isinstance(model, RecordTableModel):
            return
        for number, record in enumerate(model.rows):
            if model.key(record) in keys:  # by ==: some records hold dicts (not hashable)
                self.selectionModel().setCurrentIndex(
                    model.index(number, max(self.currentIndex().column(), 0)),
                    QItemSelectionModel.SelectionFlag.ClearAndSelect
                    | QItemSelectionModel.SelectionFlag.Rows,
                )
                return


def table_view(accessible_name: str) -> QTableView:
    """A read-only record table: whole rows, fixed row height (fast with many rows)."""
    view = RecordTableView()
    view.setAccessibleName(accessible_name)
    view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QTableView.SelectionMode.SingleSelection)
    view.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.verticalHeader().hide()
    header = view.verticalHeader()
    header.setSectionResizeMode(header.ResizeMode.Fixed)
    header.setDefaultSectionSize(view.fontMetrics().height() + 10)
    view.horizontalHeader().setStretchLastSection(True)
    view.horizontalHeader().setHighlightSections(False)
    return view


def place_on_screen(window: QWidget) -> None:
    """Move a top-level window fully onto the screen it is on (or the primary one), centred
    if it was partly off it: a window remembered from a larger or absent monitor."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    available = screen.availableGeometry()
    frame = window.frameGeometry()
    if available.contains(frame):
        return
    frame.moveCenter(available.center())
    frame.moveTop(max(frame.top(), available.top()))
    frame.moveLeft(max(frame.left(), available.left()))
    window.move(frame.topLeft())


class _WheelGuard(QObject):
    """Sends the wheel past combo and spin boxes that do not have the keyboard focus, so
    scrolling a form scrolls the form instead of changing the field under the pointer."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.Wheel
            and isinstance(watched, QWidget)
            and not watched.hasFocus()
        ):
            parent = watched.parentWidget()
            while parent is not None and not isinstance(parent, QAbstractScrollArea):
                parent = parent.parentWidget()
            if parent is not None:  # the form scrolls instead
                QCoreApplication.sendEvent(parent.verticalScrollBar(), event)
            return True
        return False


_WHEEL_GUARD: _WheelGuard | None = None


def guard_wheel(root: QWidget) -> None:
    """No wheel change on ``root``'s combo and spin boxes unless the box has the focus."""
    global _WHEEL_GUARD
    if _WHEEL_GUARD is None:
        _WHEEL_GUARD = _WheelGuard()
    for widget in root.findChildren(QWidget):
        if isinstance(widget, (QComboBox, QAbstractSpinBox)):
            widget.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            widget.installEventFilter(_WHEEL_GUARD)


def name_fields_by_label(root: QWidget) -> None:
    """Give each field of ``root``'s forms its row's label as accessible name (a screen
    reader says 「ポート」, not the setting's key ``smtp.port``)."""
    for form in root.findChildren(QFormLayout):
        for number in range(form.rowCount()):
            label = form.itemAt(number, QFormLayout.ItemRole.LabelRole)
            field = form.itemAt(number, QFormLayout.ItemRole.FieldRole)
            if label is None or field is None:
                continue
            label_widget, field_widget = label.widget(), field.widget()
            if isinstance(label_widget, QLabel) and field_widget is not None:
                text = label_widget.text().replace("&", "")
                if text:
                    field_widget.setAccessibleName(text)


def confirm(parent: QWidget, title: str, text: str, action: str, details: str = "") -> bool:
    """Ask before a step that cannot be undone: the button names the step (``action``, e.g.
    「送信する」) and キャンセル is the default, so a tired Enter does nothing harmful."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(title)
    box.setText(text)
    if details:
        box.setInformativeText(details)
    go = box.addButton(action, QMessageBox.ButtonRole.AcceptRole)
    cancel = box.addButton(
        QCoreApplication.translate("Confirm", "Cancel"), QMessageBox.ButtonRole.RejectRole
    )
    box.setDefaultButton(cancel)
    box.setEscapeButton(cancel)
    box.setObjectName("confirmation")
    box.exec()
    return box.clickedButton() is go
