"""The text size of the whole app (表示 → 文字の大きさ: 標準 / 大 / 特大), kept per computer.

A night-duty screen read from a step back wants larger text. The choice scales the
application's font, so every window and page follows at once; it is kept in this computer's
``QSettings`` (a shared account's choice stays with the machine it was made on).
"""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

#: The choices and their scale over the platform's own size. 大 keeps every page's buttons on a
#: 1366×768 screen without scrolling (tests/gui/test_layout.py; ×1.25 pushed the manual alert's
#: lower buttons below it); 特大 lets the pages scroll.
SIZES = {"normal": 1.0, "large": 1.2, "xlarge": 1.4}
DEFAULT_SIZE = "normal"
_SETTING = "ui/font_size"
# The platform's size before any choice (the base every choice scales).
_base_points: float | None = None


def chosen_size(settings: QSettings) -> str:
    value = str(settings.value(_SETTING, DEFAULT_SIZE))
    return value if value in SIZES else DEFAULT_SIZE


def remember_size(settings: QSettings, size: str) -> None:
    settings.setValue(_SETTING, size)
    settings.sync()


def apply_font_size(size: str) -> None:
    """Scale the application's font; every widget that has no font of its own follows."""
    global _base_points
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        return
    font = app.font()
    if _base_points is None:
        _base_points = font.pointSizeF() if font.pointSizeF() > 0 else 9.0
    font.setPointSizeF(_base_points * SIZES.get(size, 1.0))
    app.setFont(font)
    # Under the app's style sheet (the focus ring) each widget took its font when it was
    # polished and keeps it: setting the sheet again polishes every widget with the new size.
    sheet = app.styleSheet()
    if sheet:
        app.setStyleSheet(sheet)
