"""The engine as an OS service: installing it (a service slot bound to this machine, the unit or
the Windows service), removing it, starting and stopping it, and its state.

``install_service`` and ``uninstall_service`` change the store's keys (administrators only);
``start_service`` and ``stop_service`` need the right to run the engine. All four are audited.
:func:`open_service_session` is how ``kishomail service run`` opens the store with no password:
the machine's service slot (:mod:`dispatch.store.machine_slot`), acting as the ``service``
actor, which may run the engine and nothing else. :func:`service_status` reads no personal data
and needs no login.
"""

from __future__ import annotations

import logging
import os
import signal
import socket
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dispatch.base.clock import Clock, SystemClock, to_iso
from dispatch.base.errors import KeyFileError
from dispatch.base.instance_lock import InstanceLock
from dispatch.base.paths import machine_data_dir, service_dir
from dispatch.engine import heartbeat, os_service
from dispatch.engine.audit_anchor import anchor_audit_head
from dispatch.operations.declare import operation
from dispatch.operations.session import Session
from dispatch.records.accounts import SERVICE_ACTOR, Permission, service_account
from dispatch.records.audit_anchors import ANCHORS_FILE, prepare_anchors_file
from dispatch.store import machine_slot, vault
from dispatch.store.machine_slot import MachineSlot, Protection

log = logging.getLogger(__name__)


@dataclass
class Installed:
    data_dir: Path
    protection: Protection
    unit: Path | None = None
    started: bool = False
    #: What the administrator should know (no systemd here, a store outside the machine folder…).
    notes: list[str] = field(default_factory=list)


@operation(Permission.MANAGE_KEYS, "service.install")
def install_service(
    session: Session,
    *,
    protection: Protection | None = None,
    service_user: str = os_service.SERVICE_USER,
    start: bool = True,
) -> Installed:
    """Give the store a service slot bound to this machine, keep its secret with the OS, and
    register the engine with the service manager (as root on Linux; on Windows)."""
    data_dir = session.store.data_dir.resolve()
    directory = service_dir()
    chosen = protection or machine_slot.best_protection()
    result = Installed(data_dir, chosen)
    with session.audited("service.install", target=f"machine:{socket.gethostname()}") as detail:
        can_manage = _may_register(result)
        if can_manage and sys.platform != "win32" and not os_service.rehearsal():
            os_service.ensure_system_user(service_user)
        secret = vault.add_service_slot(session.store, machine_slot.binding_for(data_dir))
        try:
            result.protection = _protect(secret, chosen, directory, service_user, result)
            MachineSlot(
                data_dir=str(data_dir),
                store_id=session.store.store_id,
                protection=str(result.protection),
                service_user=service_user,
                installed_at=to_iso(session.clock.now()),
            ).save(directory)
            if can_manage:
                _register(result, directory, service_user, start)
        except BaseException:
            vault.remove_service_slot(data_dir)
            machine_slot.remove_all(directory)
            raise
        if data_dir != machine_data_dir().resolve():
            result.notes.append(
                f"The store is in {data_dir}, not in the machine's folder {machine_data_dir()}: "
                "see 'Moving a store into the machine folder' in the installation manual."
            )
        detail.update(
            protection=str(result.protection),
            unit=str(result.unit) if result.unit else None,
            started=result.started,
        )
    return result


def _may_register(result: Installed) -> bool:
    if sys.platform == "win32":
        return True
    if os.geteuid() != 0:
        result.notes.append(
            "Not run as root: only the machine slot was made. Run the same command as root to "
            "register the systemd unit."
        )
        return False
    return True


def _protect(
    secret: bytes, chosen: Protection, directory: Path, owner: str, result: Installed
) -> Protection:
    try:
        machine_slot.protect(secret, chosen, directory, owner)
        return chosen
    except KeyFileError as error:
        if chosen is not Protection.SYSTEMD_CREDS:
            raise
        result.notes.append(
            f"{error} The secret is kept in a root-only file instead; 'doctor' warns about it."
        )
        machine_slot.protect(secret, Protection.FILE, directory, owner)
        return Protection.FILE


def _register(result: Installed, directory: Path, service_user: str, start: bool) -> None:
    if sys.platform == "win32":  # pragma: no cover - Windows only
        program = os_service.windows_service_program()
        for command in os_service.windows_install_commands(program, result.data_dir):
            os_service.run_windows(command)
        if start:
            os_service.run_windows(["sc.exe", "start", os_service.WINDOWS_SERVICE])
            result.started = True
        return
    encrypted = result.protection is Protection.SYSTEMD_CREDS
    secret_file = machine_slot.CREDS_FILE if encrypted else machine_slot.PLAIN_FILE
    unit = os_service.unit_dir() / os_service.UNIT_NAME
    unit.parent.mkdir(parents=True, exist_ok=True)
    unit.write_text(
        os_service.unit_text(
            command=os_service.program_command(),
            data_dir=result.data_dir,
            service_user=service_user,
            secret_path=directory / secret_file,
            encrypted=encrypted,
            staff_group=os_service.staff_group(),
            anchors_file=directory / ANCHORS_FILE,
        ),
        encoding="utf-8",
    )
    os.chmod(unit, 0o644)
    result.unit = unit
    rule = os_service.polkit_dir() / os_service.POLKIT_RULE
    if rule.parent.is_dir():  # polkit is installed (or a rehearsal): the desktop may start it
        rule.write_text(os_service.polkit_rule_text(), encoding="utf-8")
        os.chmod(rule, 0o644)
    os_service.prepare_machine_folder(result.data_dir, service_user)
    prepare_anchors_file(directory, service_user, os_service.staff_group())
    if not os_service.systemd_running():
        result.notes.append(
            "systemd is not running on this machine: the unit is written but not enabled."
        )
        return
    for arguments in (("daemon-reload",), ("enable", os_service.UNIT_NAME)):
        _checked(os_service.systemctl(*arguments))
    if start:
        _checked(os_service.systemctl("start", os_service.UNIT_NAME))
        result.started = True


def _checked(completed: Any) -> None:
    if completed.returncode != 0:
        raise os_service.ServiceManagerError(
            f"systemctl {' '.join(completed.args[1:])} failed: {completed.stderr.strip()}"
        )


@operation(Permission.MANAGE_KEYS, "service.uninstall")
def uninstall_service(session: Session) -> list[str]:
    """Stop and unregister the service, and remove the machine slot: the key file loses the
    service slot and the OS forgets its secret. Returns what was removed."""
    removed: list[str] = []
    directory = service_dir()
    with session.audited("service.uninstall", target=f"machine:{socket.gethostname()}") as detail:
        state = os_service.manager_state()
        if sys.platform == "win32" and state.registered:  # pragma: no cover - Windows only
            os_service.run_windows(["sc.exe", "stop", os_service.WINDOWS_SERVICE])
            os_service.run_windows(["sc.exe", "delete", os_service.WINDOWS_SERVICE])
            removed.append("Windows service")
        unit = os_service.unit_dir() / os_service.UNIT_NAME
        if unit.exists():
            if os_service.systemd_running():
                os_service.systemctl("disable", "--now", os_service.UNIT_NAME)
            unit.unlink()
            if os_service.systemd_running():
                os_service.systemctl("daemon-reload")
            removed.append(f"unit {unit}")
        rule = os_service.polkit_dir() / os_service.POLKIT_RULE
        if rule.exists():
            rule.unlink()
            removed.append(f"polkit rule {rule}")
        if vault.remove_service_slot(session.store.data_dir):
            removed.append("service slot in the key file")
        if MachineSlot.load(directory) is not None:
            removed.append(f"machine secret in {directory}")
        machine_slot.remove_all(directory)  # the audit anchors file stays: it is evidence
        detail["removed"] = removed
    return removed


@operation(Permission.RUN_SERVICE, "service.manager_start")
def start_service(session: Session) -> None:
    """Ask the service manager to start the installed engine."""
    _control(session, "start", "service.manager_start")


@operation(Permission.RUN_SERVICE, "service.manager_stop")
def stop_service(session: Session) -> None:
    """Ask the service manager to stop the installed engine (it finishes what is in flight)."""
    _control(session, "stop", "service.manager_stop")


def _control(session: Session, verb: str, action: str) -> None:
    state = os_service.manager_state()
    if not state.registered:
        raise os_service.ServiceManagerError(
            "The engine is not installed as a service on this machine: run "
            "'kishomail --user ADMIN service install' (as root on Linux) first."
        )
    with session.audited(action, target=f"machine:{socket.gethostname()}"):
        if sys.platform == "win32":  # pragma: no cover - Windows only
            _checked(os_service.run_windows(["sc.exe", verb, os_service.WINDOWS_SERVICE]))
        elif not os_service.systemd_running():
            raise os_service.ServiceManagerError(
                f"systemd is not running on this machine, so the service cannot {verb} here."
            )
        else:
            _checked(os_service.systemctl(verb, os_service.UNIT_NAME))


@operation(Permission.RUN_SERVICE, "service.engine_stop")
def stop_engine(session: Session) -> str:
    """Stop the engine that runs on this data folder, whoever started it: the OS service through
    its manager, an engine a desktop app left running in the background (or ``kishomail run``)
    by asking its process to stop (SIGTERM; on Windows CTRL_BREAK) — it finishes the messages in
    flight first. Returns what was asked: ``"service"``, ``"process"`` or ``"none"``."""
    data_dir = session.store.data_dir
    holder = InstanceLock(data_dir).holder()
    state = os_service.manager_state()
    if holder is None and not state.active:
        return "none"
    if state.registered and (holder is None or holder.get("holder") == SERVICE_ACTOR):
        _control(session, "stop", "service.manager_stop")
        return "service"
    assert holder is not None
    with session.audited("service.engine_stop", target=f"machine:{socket.gethostname()}") as d:
        if holder.get("host") != socket.gethostname():
            raise os_service.ServiceManagerError(
                f"The engine runs on another computer ({holder.get('host')}): stop it there."
            )
        pid = int(holder.get("pid") or 0)
        d["pid"] = pid
        if pid <= 0:
            raise os_service.ServiceManagerError("The engine's process is unknown: not stopped.")
        _ask_to_stop(pid)
    return "process"


def _ask_to_stop(pid: int) -> None:
    if sys.platform == "win32":  # pragma: no cover - Windows only
        os.kill(pid, signal.CTRL_BREAK_EVENT)  # type: ignore[attr-defined]
    else:
        os.kill(pid, signal.SIGTERM)


@operation(None, "service.heartbeat")
def engine_heartbeat(session: Session) -> dict[str, Any] | None:
    """The engine's heartbeat as recorded in the store, with its age and whether it is stale
    (for the dashboard); None before any engine polled. Any signed-in staff member may read it."""
    beat = heartbeat.read_heartbeat(session.connection)
    return beat.as_dict(session.clock.now()) if beat is not None else None


def open_service_session(data_dir: Path, clock: Clock | None = None) -> Session:
    """The store opened by the machine's service slot, as the ``service`` actor (no password,
    no TOTP: no person logs in)."""
    clock = clock or SystemClock()
    directory = service_dir()
    slot = MachineSlot.load(directory)
    if slot is None:
        raise KeyFileError(
            "The engine is not installed as a service on this machine (no machine slot): run "
            "'kishomail --user ADMIN service install' first, or use 'kishomail run'."
        )
    secret = machine_slot.read_secret(slot, directory)
    store = vault.unlock_as_service(data_dir, secret, machine_slot.binding_for(data_dir))
    session = Session(store, service_account(to_iso(clock.now())), clock)
    session.audit_log.checkpoint_unsigned()  # a log from before signed entries
    anchor_audit_head(store, clock, directory)  # each start anchors the head outside the store
    return session


def service_status(data_dir: Path, now: Any = None) -> dict[str, Any]:
    """``installed``, ``running`` and ``heartbeat`` (ISO time of the last poll, or None), with
    the heartbeat's age and whether it is stale, from files only (no login)."""
    now = now or SystemClock().now()
    try:
        slot = MachineSlot.load(service_dir())
    except KeyFileError:
        slot = None
    manager = os_service.manager_state()
    holder = InstanceLock(data_dir).holder() if data_dir.is_dir() else None
    beat = heartbeat.read_mirror(data_dir)
    slot_here = slot is not None and Path(slot.data_dir) == data_dir.resolve()
    return {
        "installed": slot_here or manager.registered,
        "running": holder is not None or manager.active,
        "heartbeat": (beat.last_poll_at or beat.at) if beat else None,
        "heartbeat_age_seconds": round(beat.age(now), 1) if beat else None,
        "stale": beat.stale(now) if beat else None,
        "last_poll_ok": beat.last_poll_ok if beat else None,
        "last_poll_result": beat.last_poll_result if beat else None,
        "queue_depth": beat.queue_depth if beat else None,
        "last_send_result": beat.last_send_result if beat else None,
        "held_by": holder,
        "manager": manager.manager,
        "unit_registered": manager.registered,
        "protection": slot.protection if slot else None,
        "data_dir": str(data_dir),
    }
