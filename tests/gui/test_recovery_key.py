"""The recovery key, shown once at first start: closing the window does not lose it, and it
can be printed, copied and saved without retyping it."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtGui import QGuiApplication
from PySide6.QtPrintSupport import QPrinter
from pytestqt.qtbot import QtBot

from desktop.app import demo_dir
from desktop.dialogs.setup import SetupWindow
from dispatch.records.accounts import totp_code


def _on_the_key_page(qtbot: QtBot, data_dir: Path) -> SetupWindow:
    setup = SetupWindow(data_dir, demo_dir(data_dir))
    qtbot.addWidget(setup)
    setup.show()
    setup.pages.setCurrentIndex(1)
    setup.admin_name.setText("chief")
    setup.admin_password.setText("a long password 1")
    setup.admin_repeat.setText("a long password 1")
    setup.create_store()
    setup.totp_code.setText(totp_code(setup.totp_uri.text(), datetime.now(UTC)))
    setup.enrol_button.click()  # secure by default: the administrator enrols TOTP first
    qtbot.waitUntil(lambda: setup.pages.currentWidget() is setup.recovery_page, timeout=10_000)
    return setup


def test_closing_on_the_key_page_keeps_the_window_and_the_key(qtbot: QtBot, data_dir: Path) -> None:
    setup = _on_the_key_page(qtbot, data_dir)
    key = setup.recovery_key.text()
    assert not setup.close()
    assert setup.isVisible() and setup.recovery_key.text() == key
    assert setup.banner.kind == "warning" and "今回だけ" in setup.banner.text()
    setup.printed.setChecked(True)
    with qtbot.waitSignal(setup.ready):
        setup.continue_button.click()
    assert setup.close()  # once kept, the window closes as usual


def test_the_key_is_copied_saved_and_printed_as_shown(
    qtbot: QtBot, data_dir: Path, tmp_path: Path
) -> None:
    setup = _on_the_key_page(qtbot, data_dir)
    key = setup.recovery_key.text()
    actions = setup.key_actions
    assert actions.copy_button.text() == "コピー(&C)"
    actions.copy_button.click()
    assert QGuiApplication.clipboard().text() == key
    saved = tmp_path / "usb" / "key.txt"
    saved.parent.mkdir()
    actions.ask_path = lambda: saved  # type: ignore[method-assign]
    actions.save_button.click()
    text = saved.read_text(encoding="utf-8")
    assert key in text and "復旧キー" in text
    assert setup.banner.kind == "ok" and "key.txt" in setup.banner.text()
    pdf = tmp_path / "key.pdf"
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(pdf))
    assert actions.print_key(printer)
    assert pdf.read_bytes().startswith(b"%PDF") and pdf.stat().st_size > 1000
