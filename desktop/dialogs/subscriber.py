"""Add or change one subscriber: the address (when adding), topics with their choices,
language, charset, quiet hours and (when changing) the status."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core_words import say
from desktop.formatting import typed, typed_times
from desktop.widgets.common import Banner
from desktop.words import words
from dispatch.base.errors import ValidationError
from dispatch.base.vocabulary import Charset, Language
from dispatch.records.stations import Station
from dispatch.records.subscribers import (
    DEFAULT_RAIN_MM,
    RAIN_THRESHOLDS_MM,
    KandaRiver,
    QuietHours,
    RiverStage,
    Status,
    Subscriber,
    Topics,
    WarningLevel,
)


class SubscriberDialog(QDialog):
    def __init__(
        self,
        subscriber: Subscriber | None = None,
        parent: QWidget | None = None,
        stations: Sequence[Station] = (),
    ) -> None:
        super().__init__(parent)
        self.subscriber = subscriber
        w = words()
        self.setWindowTitle(
            self.tr("Add a subscriber")
            if subscriber is None
            else self.tr("Change subscriber %1").replace("%1", str(subscriber.id))
        )
        self.setMinimumWidth(560)
        self.email = QLineEdit()
        self.email.setAccessibleName(self.tr("E-mail address"))
        self.email.setPlaceholderText("name@example.jp")

        topics = QGroupBox(self.tr("Topics"))
        grid = QGridLayout(topics)
        self.want_warnings = QCheckBox(self.tr("Warnings from"))
        self.warning_level = QComboBox()
        for level, text in (
            (WarningLevel.ADVISORY, self.tr("advisories (level 2)")),
            (WarningLevel.WARNING, self.tr("warnings (level 3)")),
            (WarningLevel.DANGER, self.tr("danger warnings (level 4)")),
            (WarningLevel.SPECIAL, self.tr("special warnings (level 5)")),
        ):
            self.warning_level.addItem(text, level)
        self.warning_level.setCurrentIndex(1)
        self.want_rain = QCheckBox(self.tr("Heavy rain from"))
        # The one list of thresholds (the registration page, the import and the CLI offer the
        # same ones; the gauge tracker's bands are these).
        self.rain_mm = QComboBox()
        for mm in RAIN_THRESHOLDS_MM:
            self.rain_mm.addItem(self.tr("{} mm/h or more").format(mm), mm)
        self.rain_mm.setCurrentIndex(self.rain_mm.findData(DEFAULT_RAIN_MM))
        self.want_river = QCheckBox(self.tr("River levels from"))
        self.river_stage = QComboBox()
        for stage, text in (
            (RiverStage.CAUTION, self.tr("flood caution level")),
            (RiverStage.EVACUATION, self.tr("evacuation decision level")),
            (RiverStage.DANGER, self.tr("flood danger level")),
        ):
            self.river_stage.addItem(text, stage)
        self.kanda = {
            KandaRiver.KANDA: QCheckBox(self.tr("Kanda River")),
            KandaRiver.ZENPUKUJI: QCheckBox(self.tr("Zenpukuji River")),
            KandaRiver.MYOSHOJI: QCheckBox(self.tr("Myoshoji River")),
        }
        grid.addWidget(self.want_warnings, 0, 0)
        grid.addWidget(self.warning_level, 0, 1)
        grid.addWidget(self.want_rain, 1, 0)
        grid.addWidget(self.rain_mm, 1, 1)
        grid.addWidget(self.want_river, 2, 0)
        grid.addWidget(self.river_stage, 2, 1)
        rivers = QHBoxLayout()
        for box in self.kanda.values():
            rivers.addWidget(box)
        grid.addWidget(_label(self.tr("Flood forecasts")), 3, 0)
        grid.addLayout(rivers, 3, 1)
        # The one list of river stations (the registration page, the import and the CLI offer
        # the same): every station (one added later included), or only those ticked.
        self.all_stations = QRadioButton(self.tr("Every station (also ones added later)"))
        self.only_stations = QRadioButton(self.tr("Only these stations:"))
        self.all_stations.setChecked(True)
        self.station_boxes: dict[str, QCheckBox] = {}
        choice = QVBoxLayout()
        choice.addWidget(self.all_stations)
        choice.addWidget(self.only_stations)
        for station in stations:
            box = QCheckBox(station.label())
            box.setToolTip(station.code)
            box.toggled.connect(self._station_ticked)
            self.station_boxes[station.code] = box
            choice.addWidget(box)
        if stations:
            grid.addWidget(_label(self.tr("River stations")), 4, 0)
            grid.addLayout(choice, 4, 1)

        self.language = QComboBox()
        for language in Language:
            self.language.addItem(w.language(language), language)
        self.charset = QComboBox()
        self.charset.addItem(self.tr("UTF-8 (usual)"), Charset.UTF8)
        self.charset.addItem(self.tr("ISO-2022-JP (old phones)"), Charset.ISO_2022_JP)
        self.quiet = QLineEdit()
        self.quiet.setPlaceholderText("22:00-06:00")
        self.quiet.setAccessibleName(self.tr("Quiet hours"))
        self.status = QComboBox()
        for status in Status:
            self.status.addItem(w.status(status), status)

        form = QFormLayout()
        form.addRow(self.tr("E-mail address"), self.email)
        form.addRow(self.tr("Language"), self.language)
        form.addRow(self.tr("Character set"), self.charset)
        form.addRow(self.tr("Quiet hours (advisories held back)"), self.quiet)
        if subscriber is not None:
            form.addRow(self.tr("Status"), self.status)
        self.banner = Banner()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(topics)
        layout.addWidget(self.banner)
        layout.addWidget(buttons)
        if subscriber is not None:
            self._fill(subscriber)
        else:
            self.want_warnings.setChecked(True)

    def _fill(self, s: Subscriber) -> None:
        self.email.setText(s.email)
        self.email.setReadOnly(True)
        t = s.topics
        self.want_warnings.setChecked(t.warning_level is not None)
        if t.warning_level is not None:
            self.warning_level.setCurrentIndex(self.warning_level.findData(t.warning_level))
        self.want_rain.setChecked(t.rain_mm is not None)
        if t.rain_mm is not None:
            self.rain_mm.setCurrentIndex(self.rain_mm.findData(t.rain_mm))
        self.want_river.setChecked(t.river_stage is not None)
        if t.river_stage is not None:
            self.river_stage.setCurrentIndex(self.river_stage.findData(t.river_stage))
        for flag, box in self.kanda.items():
            box.setChecked(bool(t.kanda_rivers & flag))
        for code in t.river_stations or ():
            if code in self.station_boxes:
                self.station_boxes[code].setChecked(True)
        (self.all_stations if t.river_stations is None else self.only_stations).setChecked(True)
        self.language.setCurrentIndex(self.language.findData(s.language))
        self.charset.setCurrentIndex(self.charset.findData(s.charset))
        self.quiet.setText(str(s.quiet_hours) if s.quiet_hours else "")
        self.status.setCurrentIndex(self.status.findData(s.status))

    # ---- values -----------------------------------------------------------------------------

    def topics(self) -> Topics:
        rivers = KandaRiver.NONE
        for flag, box in self.kanda.items():
            if box.isChecked():
                rivers |= flag
        return Topics(
            warning_level=self.warning_level.currentData()
            if self.want_warnings.isChecked()
            else None,
            rain_mm=self.rain_mm.currentData() if self.want_rain.isChecked() else None,
            river_stage=self.river_stage.currentData() if self.want_river.isChecked() else None,
            kanda_rivers=rivers,
            river_stations=self.chosen_stations() if self.want_river.isChecked() else None,
        )

    def _station_ticked(self, on: bool) -> None:
        if on:  # ticking a station means "only these"
            self.only_stations.setChecked(True)

    def chosen_stations(self) -> tuple[str, ...] | None:
        """``None``: every station; else the codes ticked."""
        if self.all_stations.isChecked():
            return None
        return tuple(code for code, box in self.station_boxes.items() if box.isChecked())

    def quiet_hours(self) -> QuietHours | None:
        text = typed_times(self.quiet.text())
        return QuietHours.parse(text) if text else None

    def _accept(self) -> None:
        try:
            if not typed(self.email.text()):
                raise ValidationError(self.tr("Enter the e-mail address."))
            if not self.topics().names():
                raise ValidationError(self.tr("Choose at least one topic."))
            if self.topics().river_stations == ():
                raise ValidationError(
                    self.tr("Tick at least one river station, or choose every station.")
                )
            try:
                self.quiet_hours()
            except ValidationError:
                raise ValidationError(
                    self.tr("Quiet hours look like 22:00-06:00 (start and end differ).")
                ) from None
        except ValidationError as error:
            self.banner.show_message(say(error.message), "warning")
            return
        self.accept()


def _label(text: str) -> QWidget:
    from PySide6.QtWidgets import QLabel

    return QLabel(text)
