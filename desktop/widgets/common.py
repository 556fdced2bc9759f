"""Small widgets shared by the screens."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QTableView, QWidget

_BANNER_STYLES = {
    "info": "background:#e8f0fb; color:#0b2e59; border:1px solid #9bb8e0;",
    "ok": "background:#e6f4ea; color:#0d3b1e; border:1px solid #8cc79f;",
    "warning": "background:#fff4ce; color:#4a3500; border:1px solid #e0c25c;",
    "error": "background:#fde7e9; color:#6b0010; border:1px solid #e39aa3;",
}


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


def table_view(accessible_name: str) -> QTableView:
    """A read-only record table: whole rows, fixed row height (fast with many rows)."""
    view = QTableView()
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
