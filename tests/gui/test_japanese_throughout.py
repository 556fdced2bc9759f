"""Japanese throughout: every page of every role, rendered in Japanese, shows no English left
untranslated (labels, buttons, group titles, tabs, menus, table headers, placeholders, tool
tips, combo items) — and Qt's own dialogs speak Japanese too (qtbase_ja)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDialogButtonBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QTabWidget,
    QWidget,
)
from pytestqt.qtbot import QtBot

from desktop.bridge import ServiceBridge
from desktop.service_control import ServiceControl
from desktop.tasks import runner
from desktop.windows.main_window import MainWindow
from dispatch.operations.session import Session, login
from tests.gui.conftest import DUTY_PASSWORD, OPERATOR_PASSWORD

#: Japanese script: a text with any of it was translated (it may name SMTP, CSV …).
_JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uff01-\uff60]")
#: Words that stay as they are in the Japanese UI: names, protocols, formats, units.
_KEPT = {
    "kishomail", "smtp", "tls", "starttls", "dkim", "csv", "xlsx", "zip", "json", "http",
    "https", "imap", "english", "demo", "admin", "localhost", "example", "none", "ssl", "utf",
    "shift_jis", "jis", "iso", "jma", "amedas", "xml", "atom", "totp", "pdf", "eml", "opr",
    "duty", "duty2",
}  # fmt: skip
_WORD = re.compile(r"[A-Za-z]{3,}")


def _english(text: str) -> bool:
    text = text.replace("&", "")
    if not text.strip() or _JAPANESE.search(text):
        return False
    if re.search(r"[\w.+-]+@[\w.-]+", text) or "/" in text or "\\" in text:
        return False  # an address or a path, as typed
    return any(word.lower() not in _KEPT for word in _WORD.findall(text))


def _texts(widget: QWidget) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    for child in [widget, *widget.findChildren(QWidget)]:
        name = type(child).__name__
        if isinstance(child, QLabel) and child.textFormat() != Qt.TextFormat.RichText:
            found.append((name, child.text()))
        if isinstance(child, QAbstractButton):
            found.append((name, child.text()))
        if isinstance(child, QGroupBox):
            found.append((name, child.title()))
        if isinstance(child, QLineEdit):
            found.append((name + " placeholder", child.placeholderText()))
        if isinstance(child, QComboBox):
            found += [(name + " item", child.itemText(i)) for i in range(child.count())]
        if isinstance(child, QTabWidget):
            found += [(name + " tab", child.tabText(i)) for i in range(child.count())]
        if isinstance(child, QAbstractItemView) and child.model() is not None:
            model = child.model()
            found += [
                (name + " header", str(model.headerData(c, Qt.Orientation.Horizontal) or ""))
                for c in range(model.columnCount())
            ]
        if isinstance(child, QMenu):
            found += [(name, a.text()) for a in child.actions()]
        found.append((name + " tooltip", child.toolTip()))
        found.append((name + " accessible name", child.accessibleName()))
    return found


@pytest.mark.parametrize("account", ["admin", "opr", "duty"])
def test_every_page_is_in_japanese(
    qtbot: QtBot, admin: Session, data_dir: Path, settings: QSettings, account: str
) -> None:
    password = {"opr": OPERATOR_PASSWORD, "duty": DUTY_PASSWORD}.get(account)
    session = admin if password is None else login(data_dir, account, password)
    bridge = ServiceBridge()
    window = MainWindow(session, settings, bridge, ServiceControl(session, bridge))
    qtbot.addWidget(window)
    window.resize(1366, 698)
    window.show()
    qtbot.waitExposed(window)
    untranslated: list[str] = []
    for key in window.pages:
        window.show_page(key)
        runner().wait_for_done(20_000)
        QApplication.processEvents()
    runner().wait_for_done(20_000)
    QApplication.processEvents()
    for kind, text in _texts(window):
        if _english(text):
            untranslated.append(f"{kind}: {text!r}")
    for menu in window.menuBar().findChildren(QMenu):
        untranslated += [f"menu: {a.text()!r}" for a in menu.actions() if _english(a.text())]
    assert not untranslated, "\n".join(sorted(set(untranslated)))
    if session is not admin:
        session.close()


def test_qt_own_dialog_buttons_are_in_japanese(qtbot: QtBot) -> None:
    box = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok
        | QDialogButtonBox.StandardButton.Cancel
        | QDialogButtonBox.StandardButton.Save
    )
    qtbot.addWidget(box)
    texts = {b.text().replace("&", "") for b in box.buttons()}
    assert "キャンセル" in " ".join(texts) or "取消" in " ".join(texts), texts
    assert not any(_english(t) for t in texts if t != "OK"), texts
