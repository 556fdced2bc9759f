"""Engine events reach the desktop: one bridge signal per event type, and the dashboard says
what a failed daily backup or a scheduled manual alert means, in Japanese."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from desktop.bridge import SIGNALS, ServiceBridge
from desktop.service_control import ServiceControl
from desktop.windows.dashboard import DashboardPage
from desktop.windows.main_window import MainWindow
from dispatch.base.clock import TOKYO, FixedClock
from dispatch.cli.events_printer import describe
from dispatch.engine.assembly import Engine, build_engine
from dispatch.engine.events import EVENT_TYPES, EngineEvent
from dispatch.operations import manual_alert_sending as sending
from dispatch.operations import manual_alerts as core
from dispatch.operations import subscribers as subscriber_ops
from dispatch.operations.session import Session, login
from dispatch.records.settings import set_setting
from dispatch.records.subscribers import NewSubscriber, Topics, WarningLevel
from dispatch.store.database import transaction
from tests.gui.conftest import DUTY2_PASSWORD, DUTY_PASSWORD, OPERATOR_PASSWORD
from tests.unit.dispatch.engine.test_events import sample


@pytest.mark.parametrize("event_type", EVENT_TYPES, ids=lambda t: t.name)
def test_every_event_type_has_a_bridge_signal_and_a_cli_line(
    qtbot: QtBot, event_type: type[EngineEvent]
) -> None:
    event = sample(event_type)
    assert describe(event).text.strip()  # kishomail run's line
    bridge = ServiceBridge()
    assert event_type in SIGNALS, f"{event_type.__name__} has no signal in desktop/bridge.py"
    with qtbot.waitSignal(getattr(bridge, SIGNALS[event_type]), timeout=1000) as emitted:
        bridge.listener(event)
    assert emitted.args == [event]


@pytest.fixture
def dashboard(
    qtbot: QtBot, admin: Session, settings: QSettings
) -> Iterator[tuple[DashboardPage, ServiceBridge]]:
    bridge = ServiceBridge()
    window = MainWindow(admin, settings, bridge, ServiceControl(admin, bridge))
    qtbot.addWidget(window)
    yield window.dashboard, bridge


@pytest.fixture
def engines() -> Iterator[Callable[..., Engine]]:
    built: list[Engine] = []

    def build(session: Session, **options: object) -> Engine:
        built.append(build_engine(session.store, **options))  # type: ignore[arg-type]
        return built[-1]

    yield build
    for engine in built:
        engine.close()


def in_a_worker_thread(job: Callable[[], object]) -> None:
    """As the service's scheduler runs its jobs: off the GUI thread."""
    worker = threading.Thread(target=job)
    worker.start()
    worker.join(timeout=60)


def test_a_failed_daily_backup_is_shown_on_the_dashboard(
    qtbot: QtBot,
    admin: Session,
    dashboard: tuple[DashboardPage, ServiceBridge],
    engines: Callable[..., Engine],
    tmp_path: Path,
) -> None:
    page, bridge = dashboard
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the backup folder should be")
    with transaction(admin.connection):
        set_setting(admin.connection, "backup.folder", str(blocked / "backups"))
    engine = engines(admin, listeners=[bridge.listener])
    in_a_worker_thread(engine.service.backup_once)
    qtbot.waitUntil(lambda: "バックアップ" in page.banner.text(), timeout=5000)
    assert page.banner.kind == "error"
    assert "毎日のバックアップに失敗しました" in page.banner.text()
    assert "今すぐバックアップ" in page.banner.text()  # what to do, named as on its button


def test_a_scheduled_manual_alert_is_shown_on_the_dashboard(
    qtbot: QtBot,
    admin: Session,
    dashboard: tuple[DashboardPage, ServiceBridge],
    engines: Callable[..., Engine],
) -> None:
    page, bridge = dashboard
    operator = login(admin.store.data_dir, "opr", OPERATOR_PASSWORD)
    subscriber_ops.add_subscriber(
        operator,
        NewSubscriber(
            "a@example.jp", Topics(warning_level=WarningLevel.WARNING), admin.clock.now()
        ),
    )
    operator.close()
    author = login(admin.store.data_dir, "duty", DUTY_PASSWORD)
    approver = login(admin.store.data_dir, "duty2", DUTY2_PASSWORD)
    texts = {"ja": core.AlertText("【新宿区】（訓練）配信訓練", "これは訓練です。")}
    send_at = (admin.clock.now() + timedelta(hours=1)).astimezone(TOKYO)
    alert = core.compose(author, core.Draft("exercise", texts, send_at=send_at)).alert
    core.submit(author, alert.id)
    sending.approve(approver, alert.id)
    author.close()
    approver.close()
    # The engine's clock says the send time has come.
    later = FixedClock(admin.clock.now() + timedelta(hours=2))
    engine = engines(admin, clock=later, listeners=[bridge.listener])
    with qtbot.waitSignal(bridge.manualAlert, timeout=10_000):
        in_a_worker_thread(engine.service.send_due_manual_alerts)
    assert page.banner.kind == "warning"
    assert "【新宿区】（訓練）配信訓練" in page.banner.text() and "1" in page.banner.text()
    assert "予約した手動配信" in page.banner.text()
