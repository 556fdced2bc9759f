"""doctor on the engine's heartbeat and on how the installed service's secret is kept."""

from __future__ import annotations

from dispatch.checks.doctor import check_heartbeat, check_service_secret
from dispatch.checks.findings import Level
from dispatch.engine import heartbeat
from dispatch.operations import service as service_ops
from dispatch.store.machine_slot import Protection
from tests.unit.dispatch.conftest import Office


def _beat(office: Office, ok: bool = True) -> None:
    heartbeat.record(
        office.admin.connection,
        office.data_dir,
        office.clock.now(),
        poll_interval=20.0,
        actor="service",
        poll=(ok, "2 new dispatch(es)" if ok else "feed unreachable"),
    )


def test_a_fresh_heartbeat_is_ok_and_one_older_than_three_polls_fails(office: Office) -> None:
    _beat(office)
    fresh = check_heartbeat(office.admin.connection, office.data_dir, office.clock)
    assert fresh.level is Level.OK
    assert "2 new dispatch(es)" in fresh.found and "queue 0" in fresh.found
    office.clock.advance(seconds=61)
    stale = check_heartbeat(office.admin.connection, office.data_dir, office.clock)
    assert stale.level is Level.FAIL
    assert "older than 3 poll intervals" in stale.found
    assert "service status" in stale.action


def test_a_failed_last_poll_warns(office: Office) -> None:
    _beat(office, ok=False)
    check = check_heartbeat(office.admin.connection, office.data_dir, office.clock)
    assert check.level is Level.WARN and "feed unreachable" in check.found


def test_an_installed_service_that_never_polled_fails(office: Office) -> None:
    service_ops.install_service(office.admin, protection=Protection.FILE, start=False)
    check = check_heartbeat(office.admin.connection, office.data_dir, office.clock)
    assert check.level is Level.FAIL and "never polled" in check.found


def test_a_plain_file_secret_is_warned_about(office: Office) -> None:
    assert check_service_secret(office.data_dir) == []  # no service: no line
    service_ops.install_service(office.admin, protection=Protection.FILE, start=False)
    (check,) = check_service_secret(office.data_dir)
    assert check.level is Level.WARN and "root-only file" in check.found
