"""Settings' maintenance: backups and restore, the log viewer, the registration poster, the
crash trace offered on the next start, and the optional warning sound."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop.app import offer_last_crash
from desktop.dialogs.crash import CrashTraceDialog
from desktop.errors import CrashReporter
from desktop.sound import WarningSound
from desktop.windows.maintenance import BackupsBox, LogViewerBox, PosterBox
from desktop.windows.settings import SettingsPage
from dispatch.base.logs import configure_logging
from dispatch.operations import settings as setting_ops
from dispatch.operations.session import Session


def test_backup_now_verify_and_restore_after_the_loud_confirmation(
    qtbot: QtBot, admin: Session
) -> None:
    box = BackupsBox(admin)
    qtbot.addWidget(box)
    with qtbot.waitSignal(box.listed, timeout=5000) as listed:
        pass
    assert listed.args == [0]
    with qtbot.waitSignal(box.done, timeout=30_000) as done:
        box.create_button.click()
    assert not isinstance(done.args[0], Exception), done.args[0]
    assert "書き込み" in box.banner.text() or done.args[0].name in box.banner.text()
    qtbot.waitUntil(lambda: box.model.rowCount() == 1, timeout=5000)
    box.view.setCurrentIndex(box.model.index(0, 0))
    with qtbot.waitSignal(box.done, timeout=30_000) as done:
        box.verify_button.click()
    assert not isinstance(done.args[0], Exception) and box.banner.kind == "ok"

    setting_ops.change_setting(admin, "office.contact", "03-9999-9999")  # after the backup
    box.confirm_restore = lambda name: False  # type: ignore[method-assign]
    box.restore_button.click()
    assert (
        box.banner.kind == "info"
        and setting_ops.setting_value(admin, "office.contact") == "03-9999-9999"
    )
    asked: list[str] = []

    def confirm(name: str) -> bool:
        asked.append(name)
        return True

    box.confirm_restore = confirm  # type: ignore[method-assign]
    box.view.setCurrentIndex(box.model.index(0, 0))
    with qtbot.waitSignal(box.done, timeout=60_000) as done:
        box.restore_button.click()
    assert asked and not isinstance(done.args[0], Exception), done.args[0]
    assert box.banner.kind == "ok"
    assert (
        setting_ops.setting_value(admin, "office.contact") != "03-9999-9999"
    )  # the backup's value is back
    qtbot.waitUntil(lambda: box.model.rowCount() == 2, timeout=5000)  # + the safety backup


def test_the_log_viewer_shows_the_end_of_the_log_file(qtbot: QtBot, tmp_path: Path) -> None:
    configure_logging()
    try:
        logging.getLogger("desktop.test").warning("marker line for the viewer")
        for handler in logging.getLogger().handlers:
            handler.flush()
        viewer = LogViewerBox(interval_ms=100_000)
        qtbot.addWidget(viewer)
        qtbot.waitUntil(lambda: "marker line for the viewer" in viewer.text.toPlainText())
        assert viewer.text.isReadOnly()
    finally:
        for handler in list(logging.getLogger().handlers):
            if getattr(handler, "_kishomail", False):
                logging.getLogger().removeHandler(handler)
                handler.close()


def test_qr_code_and_a4_poster_as_pdf_and_png(qtbot: QtBot, admin: Session, tmp_path: Path) -> None:
    box = PosterBox(admin)
    qtbot.addWidget(box)
    qtbot.waitUntil(lambda: box.save_button.isEnabled(), timeout=10_000)
    assert box.url_label.text().startswith("https://") and not box.qr.pixmap().isNull()
    for name, magic in (("poster.pdf", b"%PDF"), ("poster.png", b"\x89PNG")):
        out = tmp_path / name

        def answer(chosen: Path = out) -> Path:
            return chosen

        box.ask_poster_path = answer  # type: ignore[method-assign]
        with qtbot.waitSignal(box.saved, timeout=60_000) as saved:
            box.save_button.click()
        assert saved.args == [out] and out.read_bytes()[:4] == magic
        assert box.banner.kind == "ok"


def test_the_last_crash_is_offered_once_on_the_next_start(qtbot: QtBot) -> None:
    reporter = CrashReporter(dialogs=False)
    try:
        raise RuntimeError("the dashboard fell over")
    except RuntimeError as error:
        reporter.report(type(error), error, error.__traceback__)
    trace = offer_last_crash(None, dialogs=False)
    assert trace is not None and "the dashboard fell over" in trace
    assert offer_last_crash(None, dialogs=False) is None  # offered once
    dialog = CrashTraceDialog(trace)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.copied):
        dialog.copy_button.click()
    assert "the dashboard fell over" in QApplication.clipboard().text()
    assert dialog.text.isReadOnly()


# QtMultimedia probes audio and video back ends this test machine does not have.
@pytest.mark.qt_log_ignore("Couldn't (load|resolve)", "PulseAudio", "multimedia", "audio")
def test_the_warning_sound_is_on_by_default_and_a_setting(
    qtbot: QtBot, admin: Session, tmp_path: Path
) -> None:
    fresh = QSettings(str(tmp_path / "fresh.ini"), QSettings.Format.IniFormat)  # a new computer
    page = SettingsPage(admin, ui=fresh)
    qtbot.addWidget(page)
    assert page.sound.isChecked()
    assert WarningSound(fresh).play()
    page.sound.setChecked(False)  # this computer's staff turn it off
    sound = WarningSound(fresh)
    assert not sound.play() and sound.played == 0
