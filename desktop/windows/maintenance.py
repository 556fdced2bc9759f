"""Settings' maintenance boxes: backups and restore, the log viewer, the registration poster.

Every file and store operation runs in the background (``run_in_background``)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFont, QPixmap
from PySide6.QtWidgets import (
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.display import short_path
from desktop.errors import describe
from desktop.formatting import when
from desktop.models.table import Column, RecordTableModel
from desktop.tasks import run_in_background
from desktop.widgets.common import Banner, table_view
from dispatch.base.logs import LOG_FILE
from dispatch.base.paths import log_dir
from dispatch.operations import backup as core_backup
from dispatch.operations import poster as poster_ops
from dispatch.operations.session import Session

#: The log viewer shows the end of the log file: this many bytes at most.
TAIL_BYTES = 64 * 1024


def read_tail(path: Path, limit: int = TAIL_BYTES) -> str:
    """The last ``limit`` bytes of ``path`` as text, starting at a whole line."""
    with open(path, "rb") as handle:
        handle.seek(0, 2)
        size = handle.tell()
        handle.seek(max(0, size - limit))
        data = handle.read()
    if size > limit and b"\n" in data:
        data = data.split(b"\n", 1)[1]
    return data.decode("utf-8", errors="replace")


class BackupsBox(QGroupBox):
    listed = Signal(int)
    done = Signal(object)  # a BackupInfo / RestoreReport, or an exception

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Backups and restore"))
        self.session = session
        self.banner = Banner()
        self.model = RecordTableModel(
            [
                Column(self.tr("Created"), lambda b: when(b.created_at)),
                Column(self.tr("Label"), lambda b: b.label),
                Column(self.tr("Rows"), lambda b: f"{sum(b.counts.values()):,}", numeric=True),
                Column(self.tr("Size"), lambda b: f"{b.db_bytes / 1024:,.0f} KB", numeric=True),
                Column(self.tr("Name"), lambda b: b.name),
            ],
            self,
        )
        self.view = table_view(self.tr("Backups"))
        self.view.setModel(self.model)
        self.view.setMinimumHeight(140)
        self.create_button = QPushButton(self.tr("Back up now"))
        self.create_button.clicked.connect(self.create_backup)
        self.verify_button = QPushButton(self.tr("Verify"))
        self.verify_button.clicked.connect(self.verify)
        self.restore_button = QPushButton(self.tr("Restore…"))
        self.restore_button.setStyleSheet("color:#8a1020; font-weight:bold;")
        self.restore_button.clicked.connect(self.restore)
        buttons = QHBoxLayout()
        for button in (self.create_button, self.verify_button, self.restore_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel(
                self.tr(
                    "Encrypted copies of the data, checked when written. A backup is made "
                    "every night by the service; make one now before a big change."
                )
            )
        )
        layout.addWidget(self.banner)
        layout.addWidget(self.view)
        layout.addLayout(buttons)
        self.load()

    def _selected(self) -> Any:
        row = self.view.currentIndex().row()
        return self.model.record(row) if 0 <= row < self.model.rowCount() else None

    def load(self) -> None:
        session = self.session

        def done(backups: list[Any]) -> None:
            self.model.replace(list(reversed(backups)))
            self.view.resizeColumnsToContents()
            self.listed.emit(len(backups))

        run_in_background(
            lambda: core_backup.listing(session), done, self._failed, store=session.store
        )

    def _run(self, work: Any, text: Any) -> None:
        for button in (self.create_button, self.verify_button, self.restore_button):
            button.setEnabled(False)
        self.banner.show_message(self.tr("Working… the program stays usable."), "info")

        def done(result: Any) -> None:
            self._enable()
            self.banner.show_message(text(result), "ok")
            self.load()
            self.done.emit(result)

        def failed(error: BaseException) -> None:
            self._enable()
            self._failed(error)
            self.done.emit(error)

        run_in_background(work, done, failed, store=self.session.store)

    def _enable(self) -> None:
        for button in (self.create_button, self.verify_button, self.restore_button):
            button.setEnabled(True)

    def create_backup(self) -> None:
        # Not ``create``: that name is QWidget's (it makes the native window).
        session = self.session
        self._run(
            lambda: core_backup.create(session, "desktop"),
            lambda info: self.tr("Backup %1 written and checked.").replace("%1", info.name),
        )

    def verify(self) -> None:
        chosen, session = self._selected(), self.session
        if chosen is None:
            self.banner.show_message(self.tr("Select a backup first."), "warning")
            return
        self._run(
            lambda: core_backup.verify(session, chosen.name),
            lambda info: self.tr("Backup %1 is complete and opens with this store's key.").replace(
                "%1", info.name
            ),
        )

    def confirm_restore(self, name: str) -> bool:
        """The loud confirmation: the administrator types RESTORE (tests replace this)."""
        typed, ok = QInputDialog.getText(
            self,
            self.tr("Restore a backup: this replaces the subscribers and alerts"),
            self.tr(
                "Restoring %1 REPLACES the subscribers, settings, alerts and delivery records "
                "with the backup's; changes since the backup are lost. Residents erased or "
                "stopped since stay so; staff accounts, keys and the audit log are not changed. "
                "A safety backup of the current data is made first and kept until you delete "
                "it. The service must be stopped.\n\n"
                "Type RESTORE to continue."
            ).replace("%1", name),
            QLineEdit.EchoMode.Normal,
        )
        return ok and typed.strip() == "RESTORE"

    def restore(self) -> None:
        chosen, session = self._selected(), self.session
        if chosen is None:
            self.banner.show_message(self.tr("Select a backup first."), "warning")
            return
        if not self.confirm_restore(chosen.name):
            self.banner.show_message(self.tr("Restore cancelled; nothing was changed."), "info")
            return
        # The restore swaps the database file: this thread's connection must be closed (it
        # opens again by itself when next used).
        session.store.close_thread_connection()
        self._run(
            lambda: core_backup.restore(session, chosen.name),
            lambda _: self.tr(
                "The data was restored from %1. Log out and in again to see it everywhere."
            ).replace("%1", chosen.name),
        )

    def _failed(self, error: BaseException) -> None:
        self.banner.show_message(describe(error), "error")


class LogViewerBox(QGroupBox):
    """The end of the rotating log file, read-only, refreshed in the background."""

    refreshed = Signal(str)

    def __init__(self, parent: QWidget | None = None, interval_ms: int = 5000) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Log file"))
        self.path = log_dir() / LOG_FILE
        self.text = QPlainTextEdit()
        self.text.setReadOnly(True)
        self.text.setAccessibleName(self.tr("Log file (read-only)"))
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.text.setMaximumBlockCount(5000)
        self.text.setMinimumHeight(160)
        self.text.setFont(QFont("monospace"))
        self.where = QLabel(short_path(self.path))
        self.where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        refresh = QPushButton(self.tr("Refresh"))
        refresh.clicked.connect(self.refresh)
        line = QHBoxLayout()
        line.addWidget(self.where, 1)
        line.addWidget(refresh)
        layout = QVBoxLayout(self)
        layout.addLayout(line)
        layout.addWidget(self.text)
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.refresh)
        self._busy = False
        self.refresh()

    def showEvent(self, event: Any) -> None:
        self.timer.start()
        super().showEvent(event)

    def hideEvent(self, event: Any) -> None:
        self.timer.stop()
        super().hideEvent(event)

    def refresh(self) -> None:
        if self._busy:
            return
        self._busy = True
        path = self.path

        def work() -> str:
            return read_tail(path) if path.exists() else ""

        def done(text: str) -> None:
            self._busy = False
            if not text:
                text = self.tr("The log file is empty or not written yet.")
            if text != self.text.toPlainText():
                self.text.setPlainText(text)
                self.text.verticalScrollBar().setValue(self.text.verticalScrollBar().maximum())
            self.refreshed.emit(text)

        def failed(error: BaseException) -> None:
            self._busy = False
            self.text.setPlainText(
                self.tr("The log file cannot be read: %1").replace("%1", str(error))
            )

        run_in_background(work, done, failed)


class PosterBox(QGroupBox):
    """The registration page's QR code, and the printable A4 poster (PDF or PNG)."""

    shown = Signal()
    saved = Signal(object)  # the Path, or an exception

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Registration poster and QR code"))
        self.session = session
        self.url = ""
        self.registration_address = ""
        self.banner = Banner()
        self.qr = QLabel()
        self.qr.setFixedSize(180, 180)
        self.qr.setScaledContents(True)
        self.qr.setAccessibleName(self.tr("QR code of the registration page"))
        self.url_label = QLabel()
        self.url_label.setWordWrap(True)
        self.url_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.save_button = QPushButton(self.tr("Save A4 poster (PDF or PNG)…"))
        self.save_button.setEnabled(False)
        self.save_button.clicked.connect(self.save_poster)
        side = QVBoxLayout()
        side.addWidget(QLabel(self.tr("Residents scan this code to open the registration page:")))
        side.addWidget(self.url_label)
        side.addWidget(self.save_button)
        side.addStretch(1)
        line = QHBoxLayout()
        line.addWidget(self.qr)
        line.addLayout(side, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addLayout(line)
        self.load()

    def load(self) -> None:
        session = self.session

        def work() -> tuple[str, str, bytes]:
            return poster_ops.poster_preview(session)

        def done(result: tuple[str, str, bytes]) -> None:
            self.url, self.registration_address, png = result
            pixmap = QPixmap()
            pixmap.loadFromData(png, "PNG")
            self.qr.setPixmap(pixmap)
            self.url_label.setText(self.url)
            self.save_button.setEnabled(True)
            self.shown.emit()

        run_in_background(work, done, self._failed, store=session.store)

    def ask_poster_path(self) -> Path | None:
        """Where to save the poster (tests replace this)."""
        name, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Save the poster"),
            str(Path.home() / "kishomail-poster.pdf"),
            self.tr("PDF (*.pdf);;PNG image (*.png)"),
        )
        if not name:
            return None
        path = Path(name)
        return path if path.suffix.lower() in (".pdf", ".png") else path.with_suffix(".pdf")

    def save_poster(self) -> None:
        out = self.ask_poster_path()
        if out is None:
            return
        url, address = self.url, self.registration_address
        self.save_button.setEnabled(False)
        self.banner.show_message(self.tr("Drawing the poster…"), "info")

        session = self.session

        def work() -> Path:
            return poster_ops.save_poster(session, out, url, address)

        def done(path: Path) -> None:
            self.save_button.setEnabled(True)
            self.banner.show_message(
                self.tr("Poster saved: %1").replace("%1", short_path(path)), "ok"
            )
            self.saved.emit(path)

        def failed(error: BaseException) -> None:
            self.save_button.setEnabled(True)
            self._failed(error)
            self.saved.emit(error)

        run_in_background(work, done, failed)

    def _failed(self, error: BaseException) -> None:
        self.banner.show_message(describe(error), "error")
