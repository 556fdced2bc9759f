"""Installing the engine as an OS service, and what its unattended session may do."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from dispatch.base.errors import KeyFileError, KishomailError, PermissionDenied, ValidationError
from dispatch.base.paths import service_dir
from dispatch.engine import heartbeat
from dispatch.engine.os_service import POLKIT_RULE, UNIT_NAME, polkit_dir, unit_dir, verify_unit
from dispatch.operations import accounts as account_ops
from dispatch.operations import authorise, manual_alert_sending
from dispatch.operations import exports as export_ops
from dispatch.operations import service as service_ops
from dispatch.operations import subscribers as subscriber_ops
from dispatch.operations.settings import change_setting
from dispatch.records.accounts import Role, check_account_name
from dispatch.records.audit import AuditLog, AuditQuery
from dispatch.records.subscriber_queries import SubscriberQuery
from dispatch.store import vault
from dispatch.store.machine_slot import Protection
from tests.unit.dispatch.conftest import Office


def _actions(office: Office, actor: str) -> list[tuple[str, str]]:
    entries = AuditLog(office.admin.connection, office.clock).search(AuditQuery(actor=actor))
    return [(e.action, e.outcome) for e in entries]


def test_only_an_administrator_installs_the_service_and_the_refusal_is_audited(
    office: Office,
) -> None:
    operator = office.operator()
    with pytest.raises(PermissionDenied):
        service_ops.install_service(operator, protection=Protection.FILE, start=False)
    operator.close()
    assert ("service.install", "denied") in _actions(office, "opr")
    assert vault.load_keyfile(office.data_dir).service is None
    assert not service_dir().exists() or not any(service_dir().iterdir())


def test_install_makes_the_slot_and_as_root_a_hardened_notify_unit_without_starting(
    office: Office,
) -> None:
    result = service_ops.install_service(
        office.admin, protection=Protection.FILE, service_user="root", start=False
    )
    assert vault.load_keyfile(office.data_dir).service is not None
    assert result.started is False
    assert ("service.install", "ok") in _actions(office, "admin")
    if os.geteuid() != 0:
        assert result.unit is None
        return
    unit = (unit_dir() / UNIT_NAME).read_text()
    assert result.unit == unit_dir() / UNIT_NAME
    for line in (
        "Type=notify",
        "Restart=on-failure",
        "WatchdogSec=",
        "NoNewPrivileges=yes",
        "ProtectSystem=strict",
        "PrivateTmp=yes",
        f"ReadWritePaths={office.data_dir.resolve()}",
        f"LoadCredential=kishomail-service:{service_dir() / 'service.key'}",
        "User=root",
    ):
        assert line in unit
    assert "PASSWORD" not in unit.upper()  # no password anywhere in the unit
    assert unit.count("service run") == 1
    if shutil.which("systemd-analyze"):
        assert verify_unit(unit_dir() / UNIT_NAME) == ""  # systemd reads it without complaint


def test_the_service_session_runs_the_engine_and_nothing_a_person_does(office: Office) -> None:
    service_ops.install_service(office.admin, protection=Protection.FILE, start=False)
    session = service_ops.open_service_session(office.data_dir, office.clock)
    try:
        assert session.account.name == "service"
        authorise.start_engine(session)  # allowed: the one thing it is for
        with pytest.raises(PermissionDenied):
            export_ops.request_subscriber_export(session, "a reason for the export")
        with pytest.raises(PermissionDenied):
            export_ops.approve_export(session, 1)
        with pytest.raises(PermissionDenied):
            subscriber_ops.list_subscribers(session, SubscriberQuery())
        with pytest.raises(PermissionDenied):
            manual_alert_sending.approve(session, 1)
        with pytest.raises(PermissionDenied):
            account_ops.add_account(session, "mallory", Role.ADMINISTRATOR, "a-long-password")
        with pytest.raises(PermissionDenied):
            change_setting(session, "security.require_totp", False)
        with pytest.raises(PermissionDenied):
            service_ops.uninstall_service(session)
    finally:
        session.close()
    refused = [a for a, outcome in _actions(office, "service") if outcome == "denied"]
    assert {
        "export.request",
        "export.approve",
        "subscriber.list",
        "alert.approve",
        "account.add",
    } <= set(refused)


def test_the_service_opens_the_store_when_totp_is_required_of_every_person(
    office: Office,
) -> None:
    change_setting(office.admin, "security.require_totp", True)
    service_ops.install_service(office.admin, protection=Protection.FILE, start=False)
    session = service_ops.open_service_session(office.data_dir, office.clock)
    try:
        authorise.start_engine(session)  # no TOTP enrolment asked of the machine
    finally:
        session.close()


def test_uninstall_leaves_no_slot_and_the_service_no_longer_opens_the_store(
    office: Office,
) -> None:
    service_ops.install_service(office.admin, protection=Protection.FILE, start=False)
    removed = service_ops.uninstall_service(office.admin)
    assert "service slot in the key file" in removed
    assert vault.load_keyfile(office.data_dir).service is None
    assert not (unit_dir() / UNIT_NAME).exists()
    # Only the audit anchors stay: they are the log's evidence, not the service's secret.
    assert {p.name for p in service_dir().iterdir()} <= {"audit-anchors.log"}
    with pytest.raises(KeyFileError, match="not installed"):
        service_ops.open_service_session(office.data_dir, office.clock)
    assert ("service.uninstall", "ok") in _actions(office, "admin")


def test_nobody_may_take_the_engines_names_for_an_account() -> None:
    for name in ("service", "system"):
        with pytest.raises(ValidationError, match="audit log"):
            check_account_name(name)


def test_status_says_installed_running_and_the_heartbeats_time_without_a_login(
    office: Office,
) -> None:
    before = service_ops.service_status(office.data_dir)
    assert (before["installed"], before["running"], before["heartbeat"]) == (False, False, None)
    service_ops.install_service(office.admin, protection=Protection.FILE, start=False)
    beat = heartbeat.record(
        office.admin.connection,
        office.data_dir,
        office.clock.now(),
        poll_interval=20.0,
        actor="service",
        poll=(True, "0 new dispatch(es)"),
    )
    status = service_ops.service_status(office.data_dir, now=office.clock.now())
    assert status["installed"] is True
    assert status["running"] is False
    assert status["heartbeat"] == beat.last_poll_at
    assert status["stale"] is False
    later = service_ops.service_status(
        office.data_dir, now=office.clock.now().replace(minute=office.clock.now().minute + 2)
    )
    assert later["stale"] is True  # 120 s > three polls of 20 s


def test_a_store_without_a_slot_names_the_install_command(office: Office, tmp_path: Path) -> None:
    with pytest.raises(KeyFileError, match="service install"):
        service_ops.open_service_session(office.data_dir, office.clock)


def test_every_staff_member_reads_the_heartbeat_from_the_store(office: Office) -> None:
    auditor = office.auditor()
    try:
        assert service_ops.engine_heartbeat(auditor) is None
        heartbeat.record(
            office.admin.connection,
            office.data_dir,
            office.clock.now(),
            poll_interval=20.0,
            actor="service",
            poll=(True, "0 new dispatch(es)"),
            send=(True, "accepted 3, deferred 0, failed 0"),
        )
        beat = service_ops.engine_heartbeat(auditor)
    finally:
        auditor.close()
    assert beat is not None
    assert (beat["stale"], beat["last_send_result"]) == (
        False,
        "accepted 3, deferred 0, failed 0",
    )


def test_a_rehearsal_install_creates_no_system_account(office: Office) -> None:
    """With the unit going to a folder of the test's (KISHOMAIL_UNIT_DIR), the machine's
    accounts are left alone, even as root with the default service user."""
    import pwd  # POSIX only, like the accounts this is about

    def exists() -> bool:
        try:
            pwd.getpwnam("kishomail")
        except KeyError:
            return False
        return True

    before = exists()
    service_ops.install_service(office.admin, protection=Protection.FILE, start=False)
    assert exists() is before


def test_start_and_stop_need_the_right_to_run_the_engine_and_say_what_is_missing(
    office: Office,
) -> None:
    auditor = office.auditor()
    try:
        with pytest.raises(PermissionDenied):
            service_ops.start_service(auditor)
    finally:
        auditor.close()
    assert ("service.manager_start", "denied") in _actions(office, "aud")
    with pytest.raises(KishomailError, match="not installed as a service"):
        service_ops.stop_service(office.admin)
    if os.geteuid() == 0 and not Path("/run/systemd/system").is_dir():
        service_ops.install_service(
            office.admin, protection=Protection.FILE, service_user="root", start=False
        )
        with pytest.raises(KishomailError, match="systemd is not running"):
            service_ops.start_service(office.admin)


def test_stopping_the_engine_needs_the_right_to_run_it_and_nothing_running_is_nothing_to_stop(
    office: Office,
) -> None:
    auditor = office.auditor()
    try:
        with pytest.raises(PermissionDenied):
            service_ops.stop_engine(auditor)
    finally:
        auditor.close()
    assert ("service.engine_stop", "denied") in _actions(office, "aud")
    # No engine on this data folder (and no service installed): nothing is asked to stop.
    assert service_ops.stop_engine(office.admin) == "none"


_POLKIT_HARNESS = """
const rules = [];
global.polkit = { Result: { YES: "yes" }, addRule: (rule) => rules.push(rule) };
require(process.argv[2]);
const ask = (unit, verb, groups) => rules[0](
    { id: "org.freedesktop.systemd1.manage-units",
      lookup: (key) => ({ unit: unit, verb: verb })[key] },
    { isInGroup: (group) => groups.includes(group) });
console.log(JSON.stringify([
    ask("kishomail.service", "start", ["kishomail-staff"]),
    ask("kishomail.service", "stop", ["kishomail-staff"]),
    ask("kishomail.service", "enable", ["kishomail-staff"]),
    ask("sshd.service", "stop", ["kishomail-staff"]),
    ask("kishomail.service", "start", ["users"]),
]));
"""


def test_the_shipped_polkit_rule_lets_only_the_staff_start_and_stop_only_the_service(
    office: Office, tmp_path: Path
) -> None:
    """Issue 13: the desktop's start/stop run systemctl as the staff member; the rule that
    allows it is installed with the unit and removed with it — and allows nothing else."""
    if os.geteuid() != 0:
        pytest.skip("the unit (and its polkit rule) is written only by root")
    service_ops.install_service(office.admin, protection=Protection.FILE, start=False)
    rule = polkit_dir() / POLKIT_RULE
    assert rule.exists() and oct(rule.stat().st_mode & 0o777) == "0o644"
    node = shutil.which("node") or shutil.which("nodejs")
    if node is None:
        pytest.skip("node is not installed: the rule's logic cannot be run here")
    harness = tmp_path / "harness.js"
    harness.write_text(_POLKIT_HARNESS, encoding="utf-8")
    loaded = tmp_path / "rule.js"
    loaded.write_text(rule.read_text(encoding="utf-8"), encoding="utf-8")
    answers = subprocess.run(
        [node, str(harness), str(loaded)], capture_output=True, text=True, timeout=30, check=True
    ).stdout
    assert json.loads(answers) == ["yes", "yes", None, None, None]
    removed = service_ops.uninstall_service(office.admin)
    assert not rule.exists() and any("polkit" in line for line in removed)
