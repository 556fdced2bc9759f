"""Settings' river stations: the one list subscribers choose from and the river tracker reads —
river, station, code, the levels (氾濫注意/避難判断/氾濫危険/氾濫発生, metres) with their source and
date, and whether the office has confirmed them.

Edited in a table and saved whole through an audited operation (nothing is saved while one row
is wrong); "Back to the shipped list" forgets the office's list. Store work runs in the
background."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.core_words import say
from desktop.errors import describe
from desktop.tasks import run_in_background
from desktop.widgets.common import Banner, confirm
from dispatch.base.errors import ValidationError
from dispatch.operations import stations as station_ops
from dispatch.operations.session import Session
from dispatch.records.stations import Station

#: The table's columns, in order: what each holds.
COLUMNS = (
    "river",
    "name",
    "code",
    "caution_m",
    "evacuation_m",
    "danger_m",
    "overflow_m",
    "source",
    "published",
    "confirmed",
)
_LEVELS = ("caution_m", "evacuation_m", "danger_m", "overflow_m")


class StationsBox(QGroupBox):
    """The station table with its own save button (a station list is saved whole)."""

    loaded = Signal(int)
    done = Signal(object)  # the saved list, or an exception

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("River stations and their levels"))
        self.session = session
        self.banner = Banner()
        self._ward: dict[str, str] = {}
        headers = {
            "river": self.tr("River"),
            "name": self.tr("Station"),
            "code": self.tr("Code"),
            "caution_m": self.tr("Caution (m)"),
            "evacuation_m": self.tr("Evacuation (m)"),
            "danger_m": self.tr("Danger (m)"),
            "overflow_m": self.tr("Overflow (m)"),
            "source": self.tr("Source"),
            "published": self.tr("Date (YYYY-MM-DD)"),
            "confirmed": self.tr("Confirmed"),
        }
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setAccessibleName(self.tr("River stations"))
        self.table.setHorizontalHeaderLabels([headers[c] for c in COLUMNS])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.setMinimumHeight(150)
        self.whose = QLabel()
        self.whose.setWordWrap(True)
        self.add_button = QPushButton(self.tr("Add a station"))
        self.add_button.clicked.connect(lambda: self.add_row())
        self.remove_button = QPushButton(self.tr("Remove the selected station"))
        self.remove_button.clicked.connect(self.remove_selected)
        self.save_button = QPushButton(self.tr("Save the stations"))
        self.save_button.clicked.connect(self.save)
        self.reset_button = QPushButton(self.tr("Back to the shipped list…"))
        self.reset_button.clicked.connect(self.reset)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.remove_button, self.save_button, self.reset_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        about = QLabel(
            self.tr(
                "The gauges residents may choose and the levels at which they are told. "
                "An empty caution or evacuation level means the station publishes only the "
                "danger level (the first notice is then 氾濫危険). Leave 'Confirmed' "
                "unticked until the office has confirmed the levels with the river's office."
            )
        )
        about.setWordWrap(True)  # one long line widened Settings past a 1366-pixel screen
        layout = QVBoxLayout(self)
        layout.addWidget(about)
        layout.addWidget(self.whose)
        layout.addWidget(self.banner)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        self.load()

    # ---- the table -----------------------------------------------------------------------

    def load(self) -> None:
        session = self.session

        def read() -> tuple[list[Station], bool]:
            own = station_ops.stations_are_the_office_own(session)
            return station_ops.river_stations(session), own

        def done(result: tuple[list[Station], bool]) -> None:
            stations, own = result
            self.show_stations(stations)
            self.whose.setText(
                self.tr("The office's own list (saved here or with 'kishomail stations').")
                if own
                else self.tr("The shipped list (or the file of observations.thresholds).")
            )
            self.loaded.emit(len(stations))

        run_in_background(read, done, self._failed, store=session.store)

    def show_stations(self, stations: list[Station]) -> None:
        self._ward = {station.code: station.ward for station in stations}  # kept, not shown
        self.table.setRowCount(0)
        for station in stations:
            self.add_row(station)
        self.table.resizeColumnsToContents()

    def add_row(self, station: Station | None = None) -> None:
        values = station.as_row() if station is not None else {}
        keys = {"name": "station_name", "code": "station_code"}
        at = self.table.rowCount()
        self.table.insertRow(at)
        for column, key in enumerate(COLUMNS):
            item = QTableWidgetItem()
            if key == "confirmed":
                item.setFlags(
                    Qt.ItemFlag.ItemIsUserCheckable
                    | Qt.ItemFlag.ItemIsEnabled
                    | Qt.ItemFlag.ItemIsSelectable
                )
                confirmed = station is not None and station.confirmed
                item.setCheckState(Qt.CheckState.Checked if confirmed else Qt.CheckState.Unchecked)
            else:
                item.setText(values.get(keys.get(key, key), ""))
            self.table.setItem(at, column, item)
        if station is None:  # a new row: the person types into it
            self.table.setCurrentCell(at, 0)

    def remove_selected(self) -> None:
        rows = sorted({index.row() for index in self.table.selectedIndexes()}, reverse=True)
        for at in rows:
            self.table.removeRow(at)

    def _text(self, at: int, key: str) -> str:
        item = self.table.item(at, COLUMNS.index(key))
        return item.text().strip() if item is not None else ""

    def stations(self) -> list[Station]:
        """The table as stations; a level that is not a number is refused naming its row."""
        found = []
        for at in range(self.table.rowCount()):
            levels: dict[str, float | None] = {}
            for key in _LEVELS:
                text = self._text(at, key).replace(",", ".")
                try:
                    levels[key] = float(text) if text else None
                except ValueError:
                    raise ValidationError(
                        self.tr("Row %1: %2 is not a level in metres (e.g. 3.02).")
                        .replace("%1", str(at + 1))
                        .replace("%2", text)
                    ) from None
            danger = levels.pop("danger_m")
            if danger is None:
                raise ValidationError(
                    self.tr("Row %1: the danger level (氾濫危険水位) is needed.").replace(
                        "%1", str(at + 1)
                    )
                )
            confirmed_item = self.table.item(at, COLUMNS.index("confirmed"))
            found.append(
                Station(
                    code=self._text(at, "code"),
                    name=self._text(at, "name"),
                    river=self._text(at, "river"),
                    danger_m=danger,
                    caution_m=levels["caution_m"],
                    evacuation_m=levels["evacuation_m"],
                    overflow_m=levels["overflow_m"],
                    ward=self._ward.get(self._text(at, "code"), ""),
                    source=self._text(at, "source"),
                    published=self._text(at, "published"),
                    confirmed=confirmed_item is not None
                    and confirmed_item.checkState() == Qt.CheckState.Checked,
                )
            )
        return found

    # ---- saving --------------------------------------------------------------------------

    def save(self) -> None:
        try:
            stations = self.stations()
        except ValidationError as error:
            self.banner.show_message(say(error.message), "warning")
            return
        if not stations:
            self.banner.show_message(
                self.tr("Keep at least one station, or go back to the shipped list."), "warning"
            )
            return
        session = self.session
        self._run(
            lambda: station_ops.save_river_stations(session, stations),
            self.tr("%1 stations saved; residents choose from them.").replace(
                "%1", str(len(stations))
            ),
        )

    def confirm_reset(self) -> bool:
        """Ask before forgetting the office's list (tests replace this)."""
        return confirm(
            self,
            self.tr("Back to the shipped list"),
            self.tr(
                "Forget the office's station list and use the shipped one again? Residents who "
                "chose a station that is not in the shipped list are then told of none."
            ),
            self.tr("Use the shipped list"),
        )

    def reset(self) -> None:
        if not self.confirm_reset():
            return
        session = self.session
        self._run(
            lambda: station_ops.reset_river_stations(session),
            self.tr("The shipped list applies again."),
        )

    def _run(self, work: Any, text: str) -> None:
        self.save_button.setEnabled(False)
        self.reset_button.setEnabled(False)

        def finished(result: list[Station]) -> None:
            self._enable()
            self.banner.show_message(text, "ok")
            self.load()
            self.done.emit(result)

        def failed(error: BaseException) -> None:
            self._enable()
            self._failed(error)
            self.done.emit(error)

        run_in_background(work, finished, failed, store=self.session.store)

    def _enable(self) -> None:
        self.save_button.setEnabled(True)
        self.reset_button.setEnabled(True)

    def _failed(self, error: BaseException) -> None:
        self.banner.show_message(describe(error), "error")
