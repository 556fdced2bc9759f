"""ヘルプ: the staff manual inside the app, and the version.

The manual is ``docs/staff-manual.md`` — the same file the office reads on paper. The installer
ships it beside the program (``docs/`` in the bundle); a source checkout reads it in place.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QDialog, QLineEdit, QTextBrowser, QVBoxLayout, QWidget

from desktop import icons
from dispatch import __version__

MANUAL = Path("docs") / "staff-manual.md"


def manual_path() -> Path | None:
    """Where the staff manual is: in the installed bundle, else in the source tree."""
    roots = [Path(getattr(sys, "_MEIPASS", "")), Path(__file__).resolve().parent.parent]
    for root in roots:
        candidate = root / MANUAL
        if str(root) and candidate.is_file():
            return candidate
    return None


def version_text() -> str:
    return f"kishomail {__version__}"


class ManualWindow(QDialog):
    """The staff manual, with a find field (Ctrl+F, Enter finds the next)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Staff manual — %1").replace("%1", version_text()))
        self.setWindowIcon(icons.app_icon())
        self.resize(900, 640)
        self.search_field = QLineEdit()
        self.search_field.setPlaceholderText(self.tr("Find in the manual (Enter: next)"))
        self.search_field.setAccessibleName(self.tr("Find in the manual"))
        self.search_field.setClearButtonEnabled(True)
        self.search_field.returnPressed.connect(self.find_next)
        self.browser = QTextBrowser()
        self.browser.setOpenExternalLinks(True)
        self.browser.setAccessibleName(self.tr("Staff manual"))
        path = manual_path()
        if path is None:
            self.browser.setPlainText(
                self.tr(
                    "The staff manual (docs/staff-manual.md) is not installed with this copy of "
                    "the program. Ask the administrator for the printed manual."
                )
            )
        else:
            self.browser.setSearchPaths([str(path.parent)])  # its screenshots
            self.browser.document().setBaseUrl(QUrl.fromLocalFile(str(path.parent) + "/"))
            self.browser.setMarkdown(path.read_text(encoding="utf-8"))
        QShortcut(QKeySequence.StandardKey.Find, self, self.search_field.setFocus)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search_field)
        layout.addWidget(self.browser)

    def find_next(self) -> bool:
        text = self.search_field.text().strip()
        if not text:
            return False
        if self.browser.find(text):
            return True
        self.browser.moveCursor(self.browser.textCursor().MoveOperation.Start)  # wrap around
        return self.browser.find(text)
