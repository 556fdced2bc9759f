"""Icons: our own SVGs (sharp at any DPI) and the style's standard icons for actions."""

from __future__ import annotations

from importlib.resources import as_file, files

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QStyle

_cache: dict[str, QIcon] = {}


def resource_icon(name: str) -> QIcon:
    if name not in _cache:
        with as_file(files("resources") / "icons" / name) as path:
            _cache[name] = QIcon(str(path))
    return _cache[name]


def app_icon() -> QIcon:
    return resource_icon("kishomail.svg")


def standard(pixmap: QStyle.StandardPixmap) -> QIcon:
    return QApplication.style().standardIcon(pixmap)
