"""The dashboard's gauge panel: each source switched on, its stations' last reading and age,
red when stale; hidden while no gauge source is on."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from pytestqt.qtbot import QtBot

from desktop.bridge import ServiceBridge
from desktop.service_control import ServiceControl
from desktop.windows.main_window import MainWindow
from dispatch.base.clock import to_iso
from dispatch.engine.gauge_health import GAUGE_STATE
from dispatch.operations import settings as setting_ops
from dispatch.operations.session import Session
from dispatch.records.telegram_log import TelegramLog
from dispatch.store.database import transaction


def test_the_gauge_panel_shows_each_station_and_marks_the_stale_ones_red(
    qtbot: QtBot, admin: Session, settings: QSettings, tmp_path: Path
) -> None:
    bridge = ServiceBridge()
    window = MainWindow(admin, settings, bridge, ServiceControl(admin, bridge))
    qtbot.addWidget(window)
    dashboard = window.dashboard
    with qtbot.waitSignal(dashboard.refreshed, timeout=10_000):
        dashboard.reload()
    assert dashboard.gauge_box.isHidden()  # no gauge source on

    (tmp_path / "gauges").mkdir()
    setting_ops.change_setting(admin, "observations.folder", str(tmp_path / "gauges"))
    setting_ops.change_setting(admin, "observations.amedas_stations", "44132")
    now = admin.clock.now()
    with transaction(admin.connection):  # what the engine stores after taking readings in
        TelegramLog(admin.connection, admin.clock).save_state(
            GAUGE_STATE,
            {
                "latest": [
                    ["rain", "R1", to_iso(now - timedelta(minutes=5))],
                    ["water_level", "83030400470000016", to_iso(now - timedelta(minutes=180))],
                ]
            },
        )
    dashboard.reload()
    qtbot.waitUntil(lambda: not dashboard.gauge_box.isHidden(), timeout=10_000)
    model = dashboard.gauge_model
    rows = [
        [model.data(model.index(r, c)) for c in range(model.columnCount())]
        for r in range(model.rowCount())
    ]
    assert [(r[0], r[1], r[3]) for r in rows] == [
        ("アメダス（雨量）", "44132", "古い"),  # configured, no reading yet
        ("課のCSV", "R1", "5 分"),
        ("課のCSV", "83030400470000016", "180 分（古い）"),
    ]
    red = [
        model.data(model.index(r, 3), Qt.ItemDataRole.ForegroundRole) is not None
        for r in range(model.rowCount())
    ]
    assert red == [True, False, True]
    assert dashboard.gauge_box.title() == "観測所：2 か所の観測値が古い"
