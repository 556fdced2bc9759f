"""The Windows service's host, run here without the SCM: it reports ``running`` at once (the SCM
allows 30 s), runs the engine unlocked by the machine slot, and stops when told; a failure ends
it with an error so that the SCM's recovery actions restart it. (pywin32's shell,
``installer/entry_service.py``, runs only on Windows and is not exercised here.)"""

from __future__ import annotations

import threading
import time
from pathlib import Path

from dispatch.cli.windows_service import ServiceHost
from dispatch.engine.heartbeat import read_mirror
from dispatch.operations import service as service_ops
from dispatch.operations.settings import change_setting
from dispatch.store.machine_slot import Protection
from tests.unit.dispatch.conftest import Office


def test_the_host_reports_running_first_runs_the_engine_and_stops_cleanly(
    office: Office, tmp_path: Path
) -> None:
    (tmp_path / "feed").mkdir()
    change_setting(office.admin, "feeds.source", str(tmp_path / "feed"))
    service_ops.install_service(office.admin, protection=Protection.FILE, start=False)
    reports: list[tuple[str, bool]] = []
    host = ServiceHost(
        office.data_dir,
        lambda state: reports.append((state, read_mirror(office.data_dir) is not None)),
    )
    result: list[int] = []
    thread = threading.Thread(target=lambda: result.append(host.run()))
    thread.start()
    deadline = time.monotonic() + 60
    while read_mirror(office.data_dir) is None and time.monotonic() < deadline:
        time.sleep(0.05)
    host.stop()
    thread.join(timeout=120)
    assert result == [0]
    assert [state for state, _ in reports] == ["running", "stopping", "stopped"]
    assert reports[0][1] is False  # "running" was reported before the engine's first poll
    beat = read_mirror(office.data_dir)
    assert beat is not None and beat.actor == "service" and beat.last_poll_ok


def test_a_host_that_cannot_unlock_ends_with_an_error_for_the_recovery_actions(
    office: Office,
) -> None:
    reports: list[str] = []
    host = ServiceHost(office.data_dir, reports.append)  # no service installed
    assert host.run() == 1
    assert reports == ["running", "stopped"]
