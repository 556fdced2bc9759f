"""``kishomail service run`` as a real process, as the service manager starts it: no user, no
password anywhere in its environment; it opens the store with the machine's service slot,
delivers over TLS to the test relay, tells systemd READY=1 on a real notify socket, and its audit
entries carry ``service``."""

from __future__ import annotations

import json
import os
import shlex
import shutil
import signal
import socket
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from dispatch.operations.session import login
from dispatch.records.audit import AuditLog, AuditQuery
from tests.e2e.processes import (
    ADMIN,
    ADMIN_PASSWORD,
    REPO,
    Child,
    child_env,
    enqueue_warning,
    prepare_store,
    reaped,
    relay_settings_for,
    resident,
    smtp_server_process,
)

RECIPIENTS = 12
TELEGRAM = REPO / "tests" / "data" / "jma" / "warning_vpww53" / "15_14_01_170216_VPWW53.xml"


def _machine_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    """A child's environment: the test's machine folders, and nothing that names a person."""
    env = child_env(
        KISHOMAIL_SERVICE_DIR=str(tmp_path / "machine" / "service"),
        KISHOMAIL_UNIT_DIR=str(tmp_path / "machine" / "units"),
        KISHOMAIL_LOG_DIR=str(tmp_path / "logs"),
        **extra,
    )
    return env


def _kishomail(data_dir: Path, env: dict[str, str], *args: str) -> Any:
    return subprocess.run(
        [sys.executable, "-m", "dispatch", "--data-dir", str(data_dir), *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=REPO,
        timeout=180,
        check=False,
    )


def _install(data_dir: Path, tmp_path: Path) -> None:
    admin_env = _machine_env(tmp_path, KISHOMAIL_USER=ADMIN, KISHOMAIL_PASSWORD=ADMIN_PASSWORD)
    installed = _kishomail(
        data_dir, admin_env, "service", "install", "--no-start", "--service-user", "root"
    )
    assert installed.returncode == 0, installed.stderr
    assert "Not started." in installed.stdout


def _service_actions(data_dir: Path) -> list[str]:
    admin = login(data_dir, ADMIN, ADMIN_PASSWORD)
    try:
        entries = AuditLog(admin.connection, admin.clock).search(AuditQuery(actor="service"))
        return [e.action for e in entries]
    finally:
        admin.close()


def _assert_no_secret(env: dict[str, str]) -> None:
    assert not [k for k in env if "PASSWORD" in k or k in {"KISHOMAIL_USER", "KISHOMAIL_TOTP"}]


@pytest.mark.slow
def test_service_run_once_with_no_user_and_no_password_sends_the_telegrams_alerts(
    tmp_path: Path,
) -> None:
    """The acceptance contract: install --no-start, then run --once --source DIR, exit 0."""
    data_dir = tmp_path / "store"
    source = tmp_path / "telegrams"
    source.mkdir()
    shutil.copy(TELEGRAM, source / TELEGRAM.name)
    with smtp_server_process() as server:
        admin = prepare_store(
            data_dir,
            recipients=RECIPIENTS,
            settings=relay_settings_for(server.port, server.cafile),
        )
        admin.close()
        _install(data_dir, tmp_path)
        env = _machine_env(tmp_path)
        _assert_no_secret(env)
        ran = _kishomail(data_dir, env, "service", "run", "--once", "--source", str(source))
        assert ran.returncode == 0, ran.stderr
        report = server.stop()
    counts: dict[str, int] = report["recipient_counts"]
    assert {resident(n): counts.get(resident(n)) for n in range(RECIPIENTS)} == {
        resident(n): 1 for n in range(RECIPIENTS)
    }
    actions = _service_actions(data_dir)
    assert {"service.start", "dispatch.enqueue", "dispatch.done", "service.stop"} <= set(actions)
    status = _kishomail(data_dir, _machine_env(tmp_path), "service", "status", "--json")
    assert status.returncode == 0, status.stderr
    state = json.loads(status.stdout)
    assert state["installed"] is True
    assert state["running"] is False
    assert state["heartbeat"] is not None and state["heartbeat"].startswith("20")


@pytest.mark.slow
def test_the_service_entry_delivers_held_alerts_and_tells_systemd_it_is_ready(
    tmp_path: Path,
) -> None:
    data_dir = tmp_path / "store"
    notify_path = tmp_path / "notify"
    with (
        smtp_server_process() as server,
        socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as notify,
    ):
        notify.bind(str(notify_path))
        notify.settimeout(60)
        admin = prepare_store(
            data_dir,
            recipients=RECIPIENTS,
            settings={
                **relay_settings_for(server.port, server.cafile),
                "feeds.source": str(tmp_path / "empty-feed"),
            },
        )
        (tmp_path / "empty-feed").mkdir()
        enqueue_warning(admin)  # held while no engine ran
        admin.close()
        _install(data_dir, tmp_path)
        env = _machine_env(tmp_path, NOTIFY_SOCKET=str(notify_path), WATCHDOG_USEC="2000000")
        _assert_no_secret(env)
        child = Child.start(
            ["-m", "dispatch", "--data-dir", str(data_dir), "service", "run"], env=env
        )
        with reaped(child):
            assert notify.recv(4096).startswith(b"READY=1")
            assert child.wait_for("DONE", timeout=60, anywhere=True), child.lines
            assert notify.recv(4096) == b"WATCHDOG=1"  # polls keep coming: the watchdog is fed
            running = _kishomail(data_dir, _machine_env(tmp_path), "service", "status", "--json")
            assert json.loads(running.stdout)["running"] is True, running.stderr
            child.process.send_signal(signal.SIGTERM)
            code, _, err = child.finish(timeout=60)
            assert code == 0, err
        report = server.stop()
    counts = report["recipient_counts"]
    assert {resident(n): counts.get(resident(n)) for n in range(RECIPIENTS)} == {
        resident(n): 1 for n in range(RECIPIENTS)
    }
    actions = _service_actions(data_dir)
    assert {"service.start", "dispatch.done", "service.stop"} <= set(actions)


@pytest.mark.slow
def test_uninstall_leaves_no_slot_and_service_run_then_refuses(tmp_path: Path) -> None:
    data_dir = tmp_path / "store"
    admin = prepare_store(data_dir, recipients=1)
    admin.close()
    _install(data_dir, tmp_path)
    admin_env = _machine_env(tmp_path, KISHOMAIL_USER=ADMIN, KISHOMAIL_PASSWORD=ADMIN_PASSWORD)
    removed = _kishomail(data_dir, admin_env, "service", "uninstall")
    assert removed.returncode == 0, removed.stderr
    assert "service slot in the key file" in removed.stdout
    # Only the audit anchors stay: they are the log's evidence, not the service's secret.
    left = {p.name for p in (tmp_path / "machine" / "service").iterdir()}
    assert left <= {"audit-anchors.log"}
    ran = _kishomail(data_dir, _machine_env(tmp_path), "service", "run", "--once")
    assert ran.returncode == 1
    assert "service install" in ran.stderr


@pytest.mark.slow
@pytest.mark.skipif(os.geteuid() != 0, reason="the unit is written only as root")
def test_the_units_command_line_runs_as_systemd_would_start_it(tmp_path: Path) -> None:
    """No systemd runs here (PID 1 is not systemd), so the unit's own ExecStart= is run the way
    systemd would: the credential handed over in $CREDENTIALS_DIRECTORY (LoadCredential=), the
    machine's copy of the secret gone, NOTIFY_SOCKET and WATCHDOG_USEC from WatchdogSec=."""
    data_dir = tmp_path / "store"
    admin = prepare_store(data_dir, recipients=1, settings={"feeds.source": str(tmp_path)})
    admin.close()
    admin_env = _machine_env(tmp_path, KISHOMAIL_USER=ADMIN, KISHOMAIL_PASSWORD=ADMIN_PASSWORD)
    installed = _kishomail(
        data_dir, admin_env, "service", "install", "--no-start", "--service-user", "root",
        "--protection", "file",
    )  # fmt: skip
    assert installed.returncode == 0, installed.stderr
    unit = (tmp_path / "machine" / "units" / "kishomail.service").read_text()
    fields = dict(
        line.split("=", 1) for line in unit.splitlines() if "=" in line and line[0].isalpha()
    )
    assert fields["Type"] == "notify"
    name, secret_path = fields["LoadCredential"].split(":", 1)
    credentials = tmp_path / "credentials"  # what systemd makes for the service
    credentials.mkdir()
    shutil.copy(secret_path, credentials / name)
    Path(secret_path).unlink()  # the process must take the credential systemd hands over
    notify_path = tmp_path / "notify"
    with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as notify:
        notify.bind(str(notify_path))
        notify.settimeout(60)
        env = _machine_env(
            tmp_path,
            CREDENTIALS_DIRECTORY=str(credentials),
            NOTIFY_SOCKET=str(notify_path),
            WATCHDOG_USEC=str(int(fields["WatchdogSec"]) * 1_000_000),
        )
        _assert_no_secret(env)
        command = shlex.split(fields["ExecStart"])
        assert command[0] == sys.executable
        child = Child.start(command[1:], env=env)
        with reaped(child):
            assert notify.recv(4096).startswith(b"READY=1")
            child.process.send_signal(signal.SIGTERM)
            code, _, err = child.finish(timeout=60)
            assert code == 0, err
            assert notify.recv(4096).startswith(b"STOPPING=1")
    assert "service.start" in _service_actions(data_dir)
