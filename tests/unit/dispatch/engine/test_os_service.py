"""The engine under a service manager: sd_notify datagrams on a real socket, the unit as
systemd reads it, the Windows registration's calls, and the heartbeat the engine records."""

from __future__ import annotations

import shutil
import socket
import sys
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from dispatch.engine import heartbeat, os_service
from dispatch.engine.assembly import build_engine, telegram_source
from dispatch.records.audit import AuditLog, AuditQuery
from tests.unit.dispatch.conftest import Office

REPO = Path(__file__).resolve().parents[4]


@pytest.fixture
def notify_socket(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[socket.socket]:
    """A real Unix datagram socket, named by NOTIFY_SOCKET as systemd does."""
    path = tmp_path / "notify"
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    sock.bind(str(path))
    sock.settimeout(5)
    monkeypatch.setenv("NOTIFY_SOCKET", str(path))
    yield sock
    sock.close()


def test_sd_notify_sends_ready_and_watchdog_datagrams(notify_socket: socket.socket) -> None:
    assert os_service.sd_notify("READY=1", "STATUS=polling and sending") is True
    assert notify_socket.recv(4096) == b"READY=1\nSTATUS=polling and sending"
    assert os_service.sd_notify("WATCHDOG=1") is True
    assert notify_socket.recv(4096) == b"WATCHDOG=1"


def test_sd_notify_reaches_an_abstract_socket(monkeypatch: pytest.MonkeyPatch) -> None:
    name = f"kishomail-test-{id(monkeypatch)}"
    with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as sock:
        sock.bind("\0" + name)
        sock.settimeout(5)
        monkeypatch.setenv("NOTIFY_SOCKET", "@" + name)
        assert os_service.sd_notify("READY=1")
        assert sock.recv(64) == b"READY=1"


def test_without_a_service_manager_sd_notify_does_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NOTIFY_SOCKET", raising=False)
    assert os_service.sd_notify("READY=1") is False


def test_the_watchdog_is_kicked_at_half_its_period_and_only_for_its_own_process(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("WATCHDOG_USEC", "120000000")
    monkeypatch.delenv("WATCHDOG_PID", raising=False)
    assert os_service.watchdog_period() == 60.0
    monkeypatch.setenv("WATCHDOG_PID", "1")  # meant for another process
    assert os_service.watchdog_period() is None


def _unit(tmp_path: Path, *, encrypted: bool) -> Path:
    secret = tmp_path / ("service.cred" if encrypted else "service.key")
    secret.write_bytes(b"x")
    unit = tmp_path / os_service.UNIT_NAME
    unit.write_text(
        os_service.unit_text(
            command=[sys.executable, "-m", "dispatch"],
            data_dir=tmp_path / "data dir",  # a space: quoted in ExecStart
            service_user="root",
            secret_path=secret,
            encrypted=encrypted,
            anchors_file=tmp_path / "audit-anchors.log",
        )
    )
    return unit


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="no systemd-analyze here")
@pytest.mark.parametrize("encrypted", [True, False])
def test_the_unit_passes_systemd_analyze_verify(tmp_path: Path, encrypted: bool) -> None:
    assert os_service.verify_unit(_unit(tmp_path, encrypted=encrypted)) == ""


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="no systemd-analyze here")
def test_systemd_analyze_verify_catches_a_broken_unit(tmp_path: Path) -> None:
    unit = _unit(tmp_path, encrypted=False)
    unit.write_text(unit.read_text().replace("Type=notify", "Type=notifyy"))
    assert os_service.verify_unit(unit)  # a complaint, not silence


def test_the_units_command_line_quotes_a_folder_with_a_space(tmp_path: Path) -> None:
    text = _unit(tmp_path, encrypted=True).read_text()
    assert f'--data-dir "{tmp_path / "data dir"}" service run' in text
    # The data folder, and the one file of the machine folder the service appends to.
    assert f'ReadWritePaths="{tmp_path / "data dir"}" -{tmp_path / "audit-anchors.log"}' in text


def test_the_windows_service_starts_at_boot_under_its_own_account_and_restarts() -> None:
    program = Path(r"C:\Program Files\kishomail\kishomail-service.exe")
    commands = os_service.windows_install_commands(program, Path(r"C:\ProgramData\kishomail"))
    create, account, _, failure, flag = commands
    assert create[:3] == ["sc.exe", "create", "kishomail"]
    assert create[create.index("start=") + 1] == "delayed-auto"
    assert f'"{program}"' in create[create.index("binPath=") + 1]
    assert account[-1] == "NT SERVICE\\kishomail"  # a virtual account, no password
    assert failure[failure.index("actions=") + 1].startswith("restart/")
    assert flag[-1] == "1"
    if sys.platform != "win32":
        with pytest.raises(os_service.ServiceManagerError, match="Windows"):
            os_service.run_windows(create)


def test_each_poll_records_a_heartbeat_in_the_store_and_beside_it(
    office: Office, tmp_path: Path
) -> None:
    folder = tmp_path / "telegrams"
    folder.mkdir()
    shutil.copy(next((REPO / "tests/data/jma/warning_vpww53").glob("*.xml")), folder / "t1.xml")
    engine = build_engine(
        office.admin.store,
        clock=office.clock,
        source=telegram_source(str(folder), speed=None),
        actor="service",
    )
    try:
        engine.service.run_once()
    finally:
        engine.close()
    beat = heartbeat.read_heartbeat(office.admin.connection)
    assert beat is not None
    assert beat.actor == "service"
    assert beat.last_poll_ok is True
    assert beat.last_poll_at is not None
    assert heartbeat.read_mirror(office.data_dir) == beat
    now = office.clock.now()
    assert not beat.stale(now)
    assert beat.stale(now + timedelta(seconds=3 * beat.poll_interval + 1))


def test_a_failed_poll_is_recorded_as_such(office: Office) -> None:
    # A feed URL on a loopback port nobody listens on: the poll fails at once.
    engine = build_engine(
        office.admin.store,
        clock=office.clock,
        source=telegram_source("http://127.0.0.1:9/feed.xml", speed=None),
    )
    try:
        engine.service.poll_once()
    finally:
        engine.close()
    beat = heartbeat.read_heartbeat(office.admin.connection)
    assert beat is not None
    assert beat.last_poll_ok is False
    assert beat.last_poll_result


def test_the_services_daily_backup_and_retention_purge_are_audited_as_the_service(
    office: Office, tmp_path: Path
) -> None:
    engine = build_engine(
        office.admin.store,
        clock=office.clock,
        source=telegram_source(str(tmp_path), speed=None),
        actor="service",
    )
    try:
        engine.service.backup_once()
        engine.service.purge_once()
    finally:
        engine.close()
    entries = AuditLog(office.admin.connection, office.clock).search(AuditQuery(actor="service"))
    assert {"backup.create", "retention.purge"} <= {e.action for e in entries}
    assert list((office.data_dir / "backups").glob("*"))  # the backup is there
