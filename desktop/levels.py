"""The JMA 警戒レベル colours (気象庁「危険度の色」/ 警戒レベル相当の配色).

The hues are the ones JMA publishes for its risk maps and warning levels:
level 2 yellow 黄 (242, 231, 0), level 3 red 赤 (255, 40, 0), level 4 purple 紫 (170, 0, 170),
level 5 black 黒 (12, 0, 12). Text on yellow and on red is black (white on that red is 3.8:1,
under WCAG AA's 4.5:1; black is 5.6:1); on purple and black it is white.
"""

from __future__ import annotations

from PySide6.QtGui import QColor

LEVEL_COLOURS: dict[int, tuple[QColor, QColor]] = {
    2: (QColor(242, 231, 0), QColor(0, 0, 0)),
    3: (QColor(255, 40, 0), QColor(0, 0, 0)),
    4: (QColor(170, 0, 170), QColor(255, 255, 255)),
    5: (QColor(12, 0, 12), QColor(255, 255, 255)),
}


def background(level: int | None) -> QColor | None:
    return LEVEL_COLOURS[level][0] if level in LEVEL_COLOURS else None


def foreground(level: int | None) -> QColor | None:
    return LEVEL_COLOURS[level][1] if level in LEVEL_COLOURS else None


def style_sheet(level: int | None) -> str:
    if level not in LEVEL_COLOURS:
        return "background:#e0e0e0; color:#000000;"
    back, fore = LEVEL_COLOURS[level]
    return f"background:{back.name()}; color:{fore.name()};"
