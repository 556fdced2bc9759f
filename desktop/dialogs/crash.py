"""On start: the trace of the last run's unexpected error, to copy or find in its folder."""

from __future__ import annotations

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QDesktopServices, QFont, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.display import short_path
from dispatch.base.paths import log_dir


class CrashTraceDialog(QDialog):
    copied = Signal()

    def __init__(self, trace: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("kishomail stopped unexpectedly last time"))
        self.resize(760, 460)
        intro = QLabel(
            self.tr(
                "The last time kishomail ran, an unexpected error happened. Give this text to "
                "the system administrator (Copy), or send the file from the log folder %1."
            ).replace("%1", short_path(log_dir()))
        )
        intro.setWordWrap(True)
        self.text = QPlainTextEdit(trace)
        self.text.setReadOnly(True)
        self.text.setFont(QFont("monospace"))
        self.text.setAccessibleName(self.tr("Error details"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.copy_button = QPushButton(self.tr("Copy"))
        self.folder_button = QPushButton(self.tr("Open folder"))
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.folder_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.copy_button.clicked.connect(self.copy)
        self.folder_button.clicked.connect(self.open_folder)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.text)
        layout.addWidget(buttons)

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.text.toPlainText())
        self.copied.emit()

    def open_folder(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(log_dir())))
