"""The engine a desktop app starts outlives the app: a real desktop-side process launches it the
way the window does, then dies with ``kill -9`` (a GUI crash); the engine goes on sending to the
TLS test relay, answers on its control channel, and stops only when asked
(``service.engine_stop``)."""

from __future__ import annotations

import socket
import time
from pathlib import Path

import pytest

from dispatch.base.instance_lock import InstanceLock
from dispatch.engine.events import (
    REQUEST_STATUS,
    ChannelStatus,
    channel_address,
    channel_request,
    status_from_json,
)
from dispatch.operations import service as service_ops
from dispatch.operations.session import login
from tests.e2e.processes import (
    OPERATOR,
    OPERATOR_PASSWORD,
    Child,
    child_env,
    enqueue_warning,
    prepare_store,
    reaped,
    relay_settings_for,
    resident,
    smtp_server_process,
)

RECIPIENTS = 40

DESKTOP = f"""
import os, signal
from dispatch.operations.session import login
from desktop.service_control import launch_detached
session = login(__import__("pathlib").Path({{data_dir!r}}), {OPERATOR!r}, {OPERATOR_PASSWORD!r})
event = launch_detached(session)
print(type(event).__name__, flush=True)
os.kill(os.getpid(), signal.SIGKILL)  # the desktop app crashes
"""


def ask_status(data_dir: Path) -> ChannelStatus:
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as client:
        client.settimeout(10)
        client.connect(channel_address(data_dir))
        client.sendall(channel_request(REQUEST_STATUS))
        data = b""
        while not data.endswith(b"\n"):
            chunk = client.recv(65536)
            if not chunk:
                break
            data += chunk
    return status_from_json(data.decode("ascii"))


@pytest.mark.slow
def test_a_crash_of_the_desktop_app_leaves_its_engine_sending(tmp_path: Path) -> None:
    data_dir = tmp_path / "store"
    (tmp_path / "feed").mkdir()
    with smtp_server_process() as server:
        admin = prepare_store(
            data_dir,
            recipients=RECIPIENTS,
            settings={
                **relay_settings_for(server.port, server.cafile),
                "feeds.source": str(tmp_path / "feed"),
            },
        )
        desktop = Child.start(
            ["-c", DESKTOP.format(data_dir=str(data_dir))],
            env=child_env(KISHOMAIL_LOG_DIR=str(tmp_path / "logs")),
        )
        with reaped(desktop):
            assert desktop.wait_for("Started", timeout=120), desktop.finish(5)
            assert desktop.finish(timeout=30)[0] == -9  # the app is gone
        holder = InstanceLock(data_dir).holder()
        assert holder is not None and holder["holder"] == OPERATOR
        status = ask_status(data_dir)
        assert status.running and status.pid == holder["pid"]
        # It still sends: an alert enqueued now reaches every resident.
        dispatch_id = enqueue_warning(admin)
        deadline = time.monotonic() + 120
        sent = 0
        while time.monotonic() < deadline and sent < RECIPIENTS:
            row = admin.connection.execute(
                "SELECT sent FROM dispatches WHERE id = ?", (dispatch_id,)
            ).fetchone()
            sent = int(row[0])
            time.sleep(0.2)
        assert sent == RECIPIENTS
        # It stops when someone with the right asks, through the operation (audited).
        operator = login(data_dir, OPERATOR, OPERATOR_PASSWORD)
        try:
            assert service_ops.stop_engine(operator) == "process"
        finally:
            operator.close()
        deadline = time.monotonic() + 120
        while InstanceLock(data_dir).holder() is not None and time.monotonic() < deadline:
            time.sleep(0.2)
        assert InstanceLock(data_dir).holder() is None
        assert not Path(channel_address(data_dir)).exists()
        actions = [
            row[0] for row in admin.connection.execute("SELECT action FROM audit_log").fetchall()
        ]
        admin.close()
        report = server.stop()
    assert "service.engine_stop" in actions
    counts = report["recipient_counts"]
    assert {resident(n): counts.get(resident(n)) for n in range(RECIPIENTS)} == {
        resident(n): 1 for n in range(RECIPIENTS)
    }
