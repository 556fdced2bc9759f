"""The recovery key's buttons: 印刷 (print), コピー (copy), 保存 (save to a file).

The key is shown once, when the office's data is created; if every administrator's password is
lost only this key opens the data. A person must be able to keep it without retyping 50
characters: print it (a page with the key in a large fixed-width font, the date and what it
is for), copy it, or save it to a file — on a USB stick kept locked away, not on this PC.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication, QTextDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QPushButton, QWidget

from dispatch.base.clock import TOKYO


class RecoveryKeyActions(QObject):
    """Print / copy / save for the key that ``key`` returns; ``said`` shows a message."""

    def __init__(
        self,
        parent: QWidget,
        key: Callable[[], str],
        said: Callable[[str, str], None],
    ) -> None:
        super().__init__(parent)
        self._parent = parent
        self._key = key
        self._said = said
        self.print_button = QPushButton(self.tr("&Print…"))
        self.copy_button = QPushButton(self.tr("&Copy"))
        self.save_button = QPushButton(self.tr("&Save to a file…"))
        self.print_button.clicked.connect(lambda: self.print_key())
        self.copy_button.clicked.connect(self.copy_key)
        self.save_button.clicked.connect(lambda: self.save_key())
        self.layout = QHBoxLayout()
        for button in (self.print_button, self.copy_button, self.save_button):
            self.layout.addWidget(button)
        self.layout.addStretch(1)

    def _page_text(self) -> str:
        stamp = datetime.now(TOKYO).strftime("%Y-%m-%d %H:%M")
        return (
            self.tr(
                "kishomail (weather alert mail) — recovery key\n"
                "Made on %1 (Tokyo time).\n\n%2\n\n"
                "If every administrator's password is lost, only this key opens the data "
                "(kishomail recover). Keep it locked away, not with the computer."
            )
            .replace("%1", stamp)
            .replace("%2", self._key())
        )

    def print_key(self, printer: QPrinter | None = None) -> bool:
        """Print the key; ``printer`` given (a PDF file in tests) skips the print dialog."""
        if printer is None:
            printer = QPrinter(QPrinter.PrinterMode.HighResolution)
            dialog = QPrintDialog(printer, self._parent)
            if dialog.exec() != QPrintDialog.DialogCode.Accepted:
                return False
        document = QTextDocument()
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        font.setPointSize(14)
        font.setWeight(QFont.Weight.Bold)
        document.setDefaultFont(font)
        document.setPlainText(self._page_text())
        document.print_(printer)
        self._said(self.tr("The recovery key was sent to the printer."), "ok")
        return True

    def copy_key(self) -> None:
        QGuiApplication.clipboard().setText(self._key())
        self._said(
            self.tr(
                "The recovery key is on the clipboard. Paste it where it is kept safe, then copy "
                "something else so it does not stay there."
            ),
            "ok",
        )

    def ask_path(self) -> Path | None:
        """Where to save (tests replace this)."""
        name, _ = QFileDialog.getSaveFileName(
            self._parent,
            self.tr("Save the recovery key"),
            "kishomail-recovery-key.txt",
            self.tr("Text files (*.txt)"),
        )
        return Path(name) if name else None

    def save_key(self, path: Path | None = None) -> bool:
        path = path or self.ask_path()
        if path is None:
            return False
        try:
            path.write_text(self._page_text() + "\n", encoding="utf-8")
        except OSError as error:
            self._said(
                self.tr("The key could not be saved to %1 (%2); choose another place.")
                .replace("%1", str(path))
                .replace("%2", error.strerror or str(error)),
                "error",
            )
            return False
        self._said(
            self.tr(
                "Saved to %1. Keep that file on a USB stick locked away, not on this computer."
            ).replace("%1", path.name),
            "ok",
        )
        return True
