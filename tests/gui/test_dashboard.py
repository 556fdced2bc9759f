"""The dashboard as the duty officer reads it: 警戒レベル only where a kind has one, a banner
per level that a 解除 does not overwrite, and no green 「稼働中」 while the feed cannot be read."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from pytestqt.qtbot import QtBot

from desktop import levels
from desktop.bridge import ServiceBridge
from desktop.service_control import ServiceControl
from desktop.sound import WarningSound
from desktop.windows.dashboard import DashboardPage
from dispatch.engine.events import AlertEnqueued, PollFailed, StaffNoticeFailed
from dispatch.operations.dashboard import InForceRow
from dispatch.operations.session import Session


@pytest.fixture
def page(qtbot: QtBot, admin: Session) -> DashboardPage:
    bridge = ServiceBridge()
    control = ServiceControl(admin, bridge)
    page = DashboardPage(admin, bridge, control)
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: page.feed_label.text() != "読み込み中…", timeout=10_000)
    return page


def _row(name: str, level: int, alert_level: int | None, category: str = "warning") -> InForceRow:
    return InForceRow(category, name, "新宿区", level, None, alert_level=alert_level)


def test_level_labels_only_for_kinds_with_a_warning_level(page: DashboardPage) -> None:
    model = page.in_force_model
    model.replace(
        [
            _row("強風注意報", 2, None),
            _row("暴風警報", 3, None),
            _row("レベル３大雨警報", 3, 3),
            _row("土砂災害警戒情報", 4, 4, "landslide"),
        ]
    )
    labels = [model.data(model.index(r, 0)) for r in range(4)]
    assert labels[0] == "注意報" and labels[1] == "警報"
    assert "レベル" not in labels[0] + labels[1]
    assert labels[2] == "警戒レベル3相当" and labels[3] == "警戒レベル4相当"


def test_level_three_text_is_readable_on_red() -> None:
    def luminance(r: int, g: int, b: int) -> float:
        def channel(c: int) -> float:
            v = c / 255
            return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

        return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)

    for level in (2, 3, 4, 5):
        back, fore = levels.background(level), levels.foreground(level)
        assert back is not None and fore is not None
        a = luminance(back.red(), back.green(), back.blue())
        b = luminance(fore.red(), fore.green(), fore.blue())
        ratio = (max(a, b) + 0.05) / (min(a, b) + 0.05)
        assert ratio >= 4.5, (level, ratio)  # WCAG AA for normal text


def _alert(kind: str, level: int | None, change: str = "new") -> AlertEnqueued:
    return AlertEnqueued(
        dispatch_id=1,
        title="気象警報・注意報",
        kind=kind,
        change=change,
        area="新宿区",
        level=level,
        recipients=100,
        exercise=False,
        report_datetime=datetime(2026, 9, 1, 3, 0, tzinfo=UTC),
    )


def test_the_banner_differs_by_level_and_a_lift_does_not_hide_level_four(
    page: DashboardPage,
) -> None:
    page.bridge.alert.emit(_alert("レベル２大雨注意報", 2))
    level_two_style = page.banner.styleSheet()
    assert page.banner.kind == "level2" and "警戒レベル2相当" in page.banner.text()
    page.bridge.alert.emit(_alert("土砂災害警戒情報", 4))
    assert page.banner.kind == "level4" and page.banner.styleSheet() != level_two_style
    assert "土砂災害警戒情報" in page.banner.text()
    # A 解除 of another warning arrives while the レベル４ is in force: both stay readable.
    page.bridge.alert.emit(_alert("強風注意報", 2, change="lifted"))
    assert page.banner.kind == "level4"
    assert "土砂災害警戒情報" in page.banner.text() and "強風注意報" in page.banner.text()


def test_the_state_is_not_green_while_the_feed_polls_fail(
    qtbot: QtBot, page: DashboardPage
) -> None:
    page.control.state = "running"  # as the engine process reports it
    page._on_state("running")
    assert "#0d5e2a" in page.state_label.styleSheet()
    page.bridge.pollError.emit(PollFailed("HTTP 503 from the feed"))
    assert "#0d5e2a" not in page.state_label.styleSheet()
    assert "読めません" in page.state_label.text()
    assert "HTTP 503" in page.poll_error_label.text()
    page._last_poll_error = 0.0  # long ago: polls work again
    page._tick()
    assert "#0d5e2a" in page.state_label.styleSheet()
    page.control.state = "stopped"
    page._on_state("stopped")
    assert page.state_label.textFormat() != Qt.TextFormat.RichText


# QtMultimedia probes audio and video back ends this test machine does not have.
@pytest.mark.qt_log_ignore("Couldn't (load|resolve)", "PulseAudio", "multimedia", "audio")
def test_a_new_level_four_sounds_by_default_and_level_three_or_a_lift_does_not(
    page: DashboardPage, tmp_path: Path
) -> None:
    page.sound = WarningSound(QSettings(str(tmp_path / "new.ini"), QSettings.Format.IniFormat))
    page.bridge.alert.emit(_alert("レベル３大雨警報", 3))
    assert page.sound.played == 0
    page.bridge.alert.emit(_alert("土砂災害警戒情報", 4))
    assert page.sound.played == 1
    page.bridge.alert.emit(_alert("土砂災害警戒情報", 4, change="lifted"))
    assert page.sound.played == 1


@pytest.mark.qt_log_ignore("Couldn't (load|resolve)", "PulseAudio", "multimedia", "audio")
def test_a_staff_notification_that_reached_nobody_is_shown_and_sounded(
    page: DashboardPage, tmp_path: Path
) -> None:
    """Issue 14: when relay and second relay both fail, the desktop shows and sounds it."""
    page.sound = WarningSound(QSettings(str(tmp_path / "new.ini"), QSettings.Format.IniFormat))
    page.bridge.noticeFailed.emit(
        StaffNoticeFailed("feed-silent", "フィード途絶 feed silent", 2, 0)
    )
    assert "フィード途絶" in page.banner.text() and "0" in page.banner.text()
    assert page.sound.played == 1
