"""Settings of alert-mail delivery beyond the relay: the bounce mailbox and when bounces
suspend (``bounces.*``), and the carrier groups' pacing (``smtp.carrier_groups``).

The fields are made by the settings page (``field``), so they share its unsaved marker, its
wheel guard and its save; the carrier groups are a table edited in place and checked here, in
the chosen language, before anything is saved (the core checks again).
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

_NAME = re.compile(r"[a-z0-9_-]{1,32}")
_DOMAIN = re.compile(r"(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}")
_SEPARATORS = re.compile(r"[,、\s]+")
#: The columns of a carrier group: its key in the setting's JSON.
_KEYS = ("name", "domains", "rate", "per_session", "soft_retries", "soft_retry_minutes")


class CarrierGroupsEditor(QWidget):
    """``smtp.carrier_groups`` as a table: one row per group. ``text()``/``setText()`` hold
    the setting's JSON, so the settings page reads and marks it like a line of text."""

    textChanged = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table = QTableWidget(0, len(_KEYS))
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Group"),
                self.tr("Domains"),
                self.tr("Recipients per second"),
                self.tr("Recipients per session"),
                self.tr("Soft-bounce retries"),
                self.tr("Minutes between retries"),
            ]
        )
        self.table.setAccessibleName(self.tr("Carrier groups"))
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setMinimumHeight(150)
        for column, width in enumerate((100, 290, 160, 160, 160)):
            self.table.setColumnWidth(column, width)
        self.table.itemChanged.connect(lambda _: self.textChanged.emit(self.text()))
        add = QPushButton(self.tr("Add a group"))
        add.clicked.connect(self.add_row)
        remove = QPushButton(self.tr("Remove the selected group"))
        remove.clicked.connect(self.remove_selected)
        buttons = QHBoxLayout()
        buttons.addWidget(add)
        buttons.addWidget(remove)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        layout.addLayout(buttons)

    # ---- the JSON -------------------------------------------------------------------------

    def setText(self, text: str) -> None:
        try:
            groups = json.loads(text)
        except ValueError:
            groups = []
        self.table.blockSignals(True)
        self.table.setRowCount(0)
        for group in groups if isinstance(groups, list) else []:
            self._append(group if isinstance(group, dict) else {})
        self.table.blockSignals(False)
        self.textChanged.emit(self.text())

    def text(self) -> str:
        return json.dumps(
            [self._group(row) for row in range(self.table.rowCount())], ensure_ascii=False
        )

    def _append(self, group: dict[str, Any]) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        for column, key in enumerate(_KEYS):
            value = group.get(key)
            if key == "domains" and isinstance(value, list):
                shown = ", ".join(str(d) for d in value)
            elif value is None:
                shown = ""
            elif isinstance(value, float) and value.is_integer():
                shown = str(int(value))
            else:
                shown = str(value)
            self.table.setItem(row, column, QTableWidgetItem(shown))

    def _cell(self, row: int, column: int) -> str:
        """A cell as typed, read NFKC (「ＲＡＫＵＴＥＮ．ＪＰ」, 「２０」)."""
        item = self.table.item(row, column)
        return unicodedata.normalize("NFKC", item.text()).strip() if item is not None else ""

    def _group(self, row: int) -> dict[str, Any]:
        """A row as the setting holds it; what is not a number stays text (then refused)."""
        name, domains, rate, session, retries, minutes = (
            self._cell(row, c) for c in range(len(_KEYS))
        )
        return {
            "name": name,
            "domains": [d for d in _SEPARATORS.split(domains.lower()) if d],
            "rate": _number(rate, whole=False),
            "per_session": _number(session, whole=True),
            "soft_retries": _number(retries or "2", whole=True),
            "soft_retry_minutes": _number(minutes or "10", whole=True),
        }

    # ---- editing --------------------------------------------------------------------------

    def add_row(self) -> None:
        self._append({"per_session": 100, "soft_retries": 2, "soft_retry_minutes": 10})
        self.table.setCurrentCell(self.table.rowCount() - 1, 0)
        self.textChanged.emit(self.text())

    def remove_selected(self) -> None:
        row = self.table.currentRow()
        if row >= 0:
            self.table.removeRow(row)
            self.textChanged.emit(self.text())

    # ---- checks ---------------------------------------------------------------------------

    def problems(self) -> list[str]:
        """What is wrong, one sentence per problem, in the chosen language."""
        found: list[str] = []
        seen: set[str] = set()
        for row in range(self.table.rowCount()):
            group = self._group(row)
            where = self.tr("Carrier group %1 (row %2)").replace("%1", group["name"] or "?")
            where = where.replace("%2", str(row + 1))
            name = group["name"]
            if not _NAME.fullmatch(name) or name == "other":
                found.append(where + self.tr(": give a name of a-z, 0-9, - or _ (not 'other')."))
            elif name in seen:
                found.append(where + self.tr(": this name is given twice."))
            seen.add(name)
            if not group["domains"] or not all(_DOMAIN.fullmatch(d) for d in group["domains"]):
                found.append(
                    where
                    + self.tr(": give its mail domains, e.g. docomo.ne.jp, separated by commas.")
                )
            found += [where + text for text in self._number_problems(group)]
        return found

    def _number_problems(self, group: dict[str, Any]) -> list[str]:
        found: list[str] = []
        for key, low, high, whole, empty_ok, what in (
            ("rate", 0.1, 10000, False, True, self.tr("recipients per second")),
            ("per_session", 1, 10000, True, True, self.tr("recipients per session")),
            ("soft_retries", 0, 10, True, False, self.tr("soft-bounce retries")),
            ("soft_retry_minutes", 1, 1440, True, False, self.tr("minutes between retries")),
        ):
            value = group[key]
            if value is None and empty_ok:
                continue
            number_ok = isinstance(value, int | float) and (isinstance(value, int) or not whole)
            if not number_ok or not low <= value <= high:
                text = (
                    self.tr(": %1 must be a whole number from %2 to %3.")
                    if whole
                    else self.tr(": %1 must be a number from %2 to %3, or empty for no limit.")
                )
                found.append(
                    text.replace("%1", what).replace("%2", f"{low:g}").replace("%3", f"{high:g}")
                )
        return found


def _number(text: str, *, whole: bool) -> int | float | str | None:
    if not text:
        return None
    try:
        return int(text) if whole else float(text)
    except ValueError:
        return text


class BounceSettingsBox(QGroupBox):
    """The bounce mailbox (read over IMAP with verified TLS) and the suspension rule."""

    def __init__(self, field: Callable[[str], QWidget], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Bounces of alert mail"))
        explanation = QLabel(
            self.tr(
                "Alert mail goes out with a return address of its own per delivery; the "
                "carriers' bounces come back to this mailbox, which is read and never emptied "
                "of mail that is not a bounce of ours."
            )
        )
        explanation.setWordWrap(True)
        form = QFormLayout(self)
        form.addRow(explanation)
        form.addRow(self.tr("Mailbox server (IMAP; empty: not read)"), field("bounces.imap_host"))
        form.addRow(self.tr("Port"), field("bounces.imap_port"))
        form.addRow(self.tr("Security"), field("bounces.imap_security"))
        form.addRow(self.tr("User name"), field("bounces.imap_user"))
        form.addRow(self.tr("Password"), field("bounces.imap_password"))
        form.addRow(self.tr("CA file (PEM)"), field("bounces.imap_cafile"))
        form.addRow(self.tr("Folder"), field("bounces.imap_folder"))
        form.addRow(self.tr("Seconds between reads"), field("bounces.imap_poll_seconds"))
        form.addRow(self.tr("Hard bounces that suspend an address"), field("bounces.suspend_after"))
        form.addRow(self.tr("…counted over the last (days)"), field("bounces.window_days"))
        at_once = field("bounces.unknown_user_at_once")
        at_once.setAccessibleName(self.tr("Suspend at once when the address does not exist"))
        form.addRow("", at_once)


class CarrierGroupsBox(QGroupBox):
    """The carrier groups' pacing, tuned with the relay's operator (admin manual)."""

    def __init__(self, field: Callable[[str], QWidget], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Carrier pacing"))
        explanation = QLabel(
            self.tr(
                "How fast mail to each mobile carrier may go. Tune the figures with the "
                "relay's operator; other domains have no limit of their own. Recipients per "
                "second or per session empty: no limit."
            )
        )
        explanation.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(explanation)
        editor = field("smtp.carrier_groups")
        editor.setAccessibleName(self.tr("Carrier groups"))
        layout.addWidget(editor)
