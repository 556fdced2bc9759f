"""Settings' river stations: the shipped list shown with its sources, edited in the table,
checked before saving, saved through the audited operation, and back to the shipped list."""

from __future__ import annotations

from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from desktop.windows.settings import SettingsPage
from desktop.windows.stations import COLUMNS, StationsBox
from dispatch.operations import audit as audit_ops
from dispatch.operations import stations as station_ops
from dispatch.operations.session import Session
from dispatch.records.audit import AuditQuery


def fill(box: StationsBox, at: int, **values: str) -> None:
    for key, text in values.items():
        item = box.table.item(at, COLUMNS.index(key))
        assert item is not None
        item.setText(text)


def test_the_office_adds_a_station_and_a_wrong_row_is_refused_before_saving(
    qtbot: QtBot, admin: Session, settings: QSettings
) -> None:
    page = SettingsPage(admin, ui=settings)
    qtbot.addWidget(page)
    box = page.stations
    assert box is not None
    qtbot.waitUntil(lambda: box.table.rowCount() == 2, timeout=5000)
    # The shipped list, with its source and date, levels not yet confirmed.
    assert box.table.item(0, COLUMNS.index("name")).text() == "鷺盛橋"  # type: ignore[union-attr]
    assert box.table.item(0, COLUMNS.index("danger_m")).text() == "3.02"  # type: ignore[union-attr]
    assert box.table.item(0, COLUMNS.index("published")).text() == "2025-09-11"  # type: ignore[union-attr]
    assert "同梱" in box.whose.text()

    box.add_button.click()
    fill(box, 2, river="神田川", name="南小滝橋", code="83030400440000020", danger_m="2.5abc")
    box.save_button.click()
    assert box.banner.kind == "warning" and "3 行目" in box.banner.text()
    fill(box, 2, danger_m="2.5", caution_m="3.0")  # 氾濫注意 above 氾濫危険
    with qtbot.waitSignal(box.done, timeout=5000) as done:
        box.save_button.click()
    assert isinstance(done.args[0], Exception) and box.banner.kind == "error"
    assert len(station_ops.river_stations(admin)) == 2  # nothing saved

    fill(box, 2, caution_m="", source="課で確認中", published="2026-12-01")
    with qtbot.waitSignal(box.done, timeout=5000) as done:
        box.save_button.click()
    assert not isinstance(done.args[0], Exception), done.args[0]
    saved = station_ops.river_stations(admin)
    assert [s.name for s in saved] == ["鷺盛橋", "千歳橋", "南小滝橋"]
    assert saved[2].danger_m == 2.5 and saved[2].caution_m is None
    [entry, *_] = audit_ops.search_audit(admin, AuditQuery(action="stations.change"))
    assert "83030400440000020" in str(entry.detail)
    qtbot.waitUntil(lambda: "課の独自" in box.whose.text(), timeout=5000)

    box.confirm_reset = lambda: True  # type: ignore[method-assign]
    with qtbot.waitSignal(box.done, timeout=5000):
        box.reset_button.click()
    assert len(station_ops.river_stations(admin)) == 2
    qtbot.waitUntil(lambda: box.table.rowCount() == 2, timeout=5000)


def test_staff_who_do_not_change_settings_see_no_station_table(
    qtbot: QtBot, operator: Session, settings: QSettings
) -> None:
    page = SettingsPage(operator, ui=settings)
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.log_viewer.refreshed, timeout=5000):
        pass  # the log viewer's first read is done before the page goes
    assert page.stations is None
