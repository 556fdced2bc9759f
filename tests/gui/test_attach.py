"""The window as a client of an engine it did not start: a real ``kishomail service run``
process (the OS service's entry, unlocked by the machine slot) or a ``kishomail run`` in a
terminal, sending to the TLS test relay in a process of its own. The window attaches over the
control channel, shows the engine's truth, and logging out or closing it leaves the engine
sending: every resident gets the alert once."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from desktop.app import Controller
from desktop.bridge import ServiceBridge
from desktop.dialogs.login import LoginWindow
from desktop.service_control import LAUNCHED, ServiceControl
from desktop.windows.main_window import MainWindow
from dispatch.engine.events import DispatchDone, SendingProgress
from dispatch.operations import accounts as account_ops
from dispatch.operations.session import Session, login
from dispatch.records.accounts import Role
from tests.e2e.processes import (
    ADMIN,
    ADMIN_PASSWORD,
    REPO,
    Child,
    ServerProcess,
    child_env,
    enqueue_warning,
    prepare_store,
    reaped,
    relay_settings_for,
    resident,
    smtp_server_process,
)

RECIPIENTS = 1500
DUTY, DUTY_PASSWORD = "duty", "duty-password-1"
DUTY2, DUTY2_PASSWORD = "duty2", "duty2-password-1"


def machine_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    return child_env(
        KISHOMAIL_SERVICE_DIR=str(tmp_path / "machine" / "service"),
        KISHOMAIL_UNIT_DIR=str(tmp_path / "machine" / "units"),
        KISHOMAIL_LOG_DIR=str(tmp_path / "logs"),
        **extra,
    )


def kishomail(data_dir: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "dispatch", "--data-dir", str(data_dir), *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=REPO,
        timeout=180,
        check=False,
    )


@pytest.fixture
def relay() -> Iterator[ServerProcess]:
    with smtp_server_process() as server:
        yield server


@pytest.fixture
def store(tmp_path: Path, relay: ServerProcess) -> Path:
    data_dir = tmp_path / "store"
    (tmp_path / "feed").mkdir()
    admin = prepare_store(
        data_dir,
        recipients=RECIPIENTS,
        settings={
            **relay_settings_for(relay.port, relay.cafile, connections=2),
            "feeds.source": str(tmp_path / "feed"),  # a local folder: no network
            "feeds.poll_interval": 2,
        },
    )
    for name, password in ((DUTY, DUTY_PASSWORD), (DUTY2, DUTY2_PASSWORD)):
        account_ops.add_account(admin, name, Role.DUTY_OFFICER, password)
    admin.close()
    return data_dir


@pytest.fixture
def os_service(tmp_path: Path, store: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Child]:
    """The engine installed as this machine's service and started as the manager starts it:
    no user, no password."""
    env = machine_env(tmp_path)
    for name in ("KISHOMAIL_SERVICE_DIR", "KISHOMAIL_UNIT_DIR"):  # the window's machine too
        monkeypatch.setenv(name, env[name])
    installed = kishomail(
        store,
        {**env, "KISHOMAIL_USER": ADMIN, "KISHOMAIL_PASSWORD": ADMIN_PASSWORD},
        "service", "install", "--no-start", "--service-user", "root",
    )  # fmt: skip
    assert installed.returncode == 0, installed.stderr
    child = Child.start(["-m", "dispatch", "--data-dir", str(store), "service", "run"], env=env)
    with reaped(child):
        assert child.wait_for("kishomail service is running", timeout=90), child.finish(5)
        yield child


def main_window(controller: Controller) -> MainWindow:
    window = controller.window
    assert isinstance(window, MainWindow)
    return window


def test_the_window_attaches_to_the_os_service_and_logging_out_keeps_it_sending(
    qtbot: QtBot,
    store: Path,
    relay: ServerProcess,
    os_service: Child,
    settings: QSettings,
) -> None:
    controller = Controller(store, settings)
    controller.open_session(login(store, DUTY, DUTY_PASSWORD))
    control = controller.control
    assert control is not None
    qtbot.waitUntil(lambda: control.state == "running", timeout=15_000)
    window = main_window(controller)
    dashboard = window.dashboard
    # The truth: running, as the OS service, its last successful poll — not "stopped".
    assert control.status is not None and control.status.os_service
    assert control.status.pid == os_service.pid
    assert "OSサービス" in dashboard.state_label.text() and "停止中" not in (
        dashboard.state_label.text()
    )
    assert "稼働中（OSサービス）" in window.state_label.text()
    qtbot.waitUntil(
        lambda: "最後に成功した受信：20" in dashboard.engine_label.text(), timeout=20_000
    )
    assert "最終受信 20" in window.state_label.text()
    assert not dashboard.start_button.isEnabled() and dashboard.stop_button.isEnabled()
    assert control.installed

    progress: list[SendingProgress] = []
    assert controller.bridge is not None
    controller.bridge.progress.connect(progress.append)
    admin = login(store, ADMIN, ADMIN_PASSWORD)
    dispatch_id = enqueue_warning(admin)  # an alert the engine finds in the store and sends
    admin.close()
    qtbot.waitUntil(
        lambda: any(dispatch_id in p.dispatch_ids and p.accepted > 0 for p in progress),
        timeout=60_000,
    )
    qtbot.waitUntil(lambda: bool(dashboard.running_model.rows), timeout=10_000)

    # The officer logs out mid-dispatch and a colleague logs in: the engine never stops.
    window.logout()
    qtbot.waitUntil(lambda: isinstance(controller.window, LoginWindow), timeout=10_000)
    assert os_service.process.poll() is None
    controller.open_session(login(store, DUTY2, DUTY2_PASSWORD))
    second = controller.control
    assert second is not None and controller.bridge is not None
    done: list[DispatchDone] = []
    controller.bridge.dispatchDone.connect(done.append)
    qtbot.waitUntil(lambda: second.state == "running", timeout=15_000)
    assert second.status is not None and second.status.pid == os_service.pid
    qtbot.waitUntil(lambda: bool(done), timeout=120_000)
    assert done[0].dispatch_id == dispatch_id and done[0].sent == RECIPIENTS

    # Closing the window does not stop it either (and asks nothing: it is the OS service).
    ended: list[bool] = []
    controller.quit = lambda: ended.append(True)  # type: ignore[method-assign]
    main_window(controller).close()
    assert ended and os_service.process.poll() is None
    os_service.process.terminate()
    assert os_service.finish(timeout=60)[0] == 0
    counts = relay.stop()["recipient_counts"]
    # 0 lost, 0 duplicated.
    assert {resident(n): counts.get(resident(n)) for n in range(RECIPIENTS)} == {
        resident(n): 1 for n in range(RECIPIENTS)
    }


def test_an_engine_run_in_a_terminal_is_shown_running_and_start_gives_no_english_error(
    qtbot: QtBot, tmp_path: Path, store: Path, admin_session: Session, settings: QSettings
) -> None:
    terminal = Child.start(
        ["-m", "dispatch", "--data-dir", str(store), "run"],
        env=child_env(
            KISHOMAIL_USER=ADMIN,
            KISHOMAIL_PASSWORD=ADMIN_PASSWORD,
            KISHOMAIL_LOG_DIR=str(tmp_path / "logs"),
        ),
    )
    with reaped(terminal):
        assert terminal.wait_for("kishomail is running", timeout=90), terminal.finish(5)
        bridge = ServiceBridge()
        control = ServiceControl(admin_session, bridge)
        failures: list[str] = []
        control.failed.connect(failures.append)
        # Pressed before the window has attached: the engine refuses the second start, and
        # the window attaches to the running one instead of showing an error.
        control.start()
        qtbot.waitUntil(lambda: control.state == "running", timeout=30_000)
        assert control.status is not None and control.status.pid == terminal.pid
        assert not failures
        window = MainWindow(admin_session, settings, bridge, control)
        qtbot.addWidget(window)
        window._ask_keep_running = lambda: "keep"  # type: ignore[method-assign]
        assert "稼働中" in window.dashboard.state_label.text()
        assert not window.dashboard.start_button.isEnabled()
        # The second engine refused to start (the folder is taken) and is gone.
        assert LAUNCHED and all(p.wait(timeout=30) == 1 for p in LAUNCHED)

        # 「サービス停止」 asks first, naming what stops, with キャンセル as the default.
        seen: list[str] = []

        def answer() -> None:
            box = QApplication.activeModalWidget()
            assert isinstance(box, QMessageBox)
            seen.append(box.text())
            seen.append(box.defaultButton().text())
            box.defaultButton().click()

        QTimer.singleShot(200, answer)
        window.dashboard.stop_button.click()
        assert f"プロセス {terminal.pid}" in seen[0] and seen[1] == "キャンセル"
        assert control.state == "running" and terminal.process.poll() is None
        window.dashboard.confirm_stop = lambda: True  # type: ignore[method-assign]
        window.dashboard.stop_button.click()
        qtbot.waitUntil(lambda: control.state == "stopped", timeout=60_000)
        assert terminal.finish(timeout=60)[0] == 0  # asked to stop, and it stopped cleanly
        assert "停止中" in window.dashboard.state_label.text()
        control.release()


@pytest.fixture
def admin_session(store: Path) -> Iterator[Session]:
    session = login(store, ADMIN, ADMIN_PASSWORD)
    yield session
    session.close()
