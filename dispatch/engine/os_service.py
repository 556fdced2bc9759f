"""The engine under the operating system's service manager: the systemd unit and its
``sd_notify`` heartbeat, the Windows service's registration, and the machine-wide data folder.

Nothing here unlocks the store (``dispatch.store.machine_slot`` does) or checks who may act
(``dispatch.operations.service`` does): this module writes files and runs ``systemctl``,
``useradd`` or ``sc.exe`` when told to.

``sd_notify`` is the tiny datagram protocol of systemd (``READY=1``, ``WATCHDOG=1``,
``STATUS=…``, ``STOPPING=1`` sent to the Unix datagram socket named by ``$NOTIFY_SOCKET``),
implemented here rather than adding a dependency.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import socket
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from dispatch.base.errors import KishomailError

log = logging.getLogger(__name__)

UNIT_NAME = "kishomail.service"
#: The Windows service's name (and its virtual account ``NT SERVICE\\kishomail``).
WINDOWS_SERVICE = "kishomail"
SERVICE_USER = "kishomail"
#: Members of this OS group (the office's staff) may open the machine's store.
STAFF_GROUP = "kishomail-staff"
#: systemd restarts the engine when it has not said ``WATCHDOG=1`` for this long.
WATCHDOG_SECONDS = 120
CREDENTIAL_NAME = "kishomail-service"
_TIMEOUT = 60.0


class ServiceManagerError(KishomailError):
    """The service manager refused or is not there."""


# ---- sd_notify ------------------------------------------------------------------------------


def sd_notify(*fields: str) -> bool:
    """Send ``fields`` (``"READY=1"``, ``"WATCHDOG=1"`` …) to systemd; False when not under
    systemd (no ``$NOTIFY_SOCKET``). A failure to send is logged, never raised: the engine keeps
    alerting even if its manager cannot hear it."""
    address = os.environ.get("NOTIFY_SOCKET")
    if not address or not hasattr(socket, "AF_UNIX"):
        return False
    if address.startswith("@"):  # an abstract socket
        address = "\0" + address[1:]
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as sock:
            sock.connect(address)
            sock.sendall("\n".join(fields).encode("utf-8"))
    except OSError as error:
        log.warning("could not notify systemd (%s): %s", fields, error)
        return False
    return True


def watchdog_period() -> float | None:
    """How often to send ``WATCHDOG=1``: half of ``$WATCHDOG_USEC``, or None without one."""
    usec = os.environ.get("WATCHDOG_USEC")
    pid = os.environ.get("WATCHDOG_PID")
    if not usec or (pid and pid != str(os.getpid())):
        return None
    try:
        return max(0.5, int(usec) / 2_000_000)
    except ValueError:
        return None


# ---- the systemd unit -----------------------------------------------------------------------


def program_command() -> list[str]:
    """How the service manager starts ``kishomail`` (the installed program, or this Python)."""
    if getattr(sys, "frozen", False):
        return [sys.executable]
    return [sys.executable, "-m", "dispatch"]


def unit_dir() -> Path:
    """Where the unit goes: ``KISHOMAIL_UNIT_DIR`` (tests), else ``/etc/systemd/system``."""
    return Path(os.environ.get("KISHOMAIL_UNIT_DIR", "/etc/systemd/system"))


#: The polkit rule that lets the staff group start and stop the service from the desktop.
POLKIT_RULE = "50-kishomail.rules"


def polkit_dir() -> Path:
    """Where the polkit rule goes: beside the unit in a rehearsal (tests), else polkit's."""
    return unit_dir() if rehearsal() else Path("/etc/polkit-1/rules.d")


def polkit_rule_text(unit: str = UNIT_NAME, group: str = STAFF_GROUP) -> str:
    """Members of ``group`` may start, stop and restart ``unit`` (nothing else of systemd's):
    the desktop's サービス開始／停止 run ``systemctl`` as the staff member, not as root."""
    return f"""// kishomail: the staff group may start, stop and restart the alert engine's service.
polkit.addRule(function (action, subject) {{
    if (action.id === "org.freedesktop.systemd1.manage-units" &&
        action.lookup("unit") === "{unit}" &&
        subject.isInGroup("{group}")) {{
        var verb = action.lookup("verb");
        if (verb === "start" || verb === "stop" || verb === "restart") {{
            return polkit.Result.YES;
        }}
    }}
}});
"""


def rehearsal() -> bool:
    """Is the unit going to a folder of the caller's choosing (``KISHOMAIL_UNIT_DIR``)? Then
    nothing of the machine's is changed: no system account is created."""
    return "KISHOMAIL_UNIT_DIR" in os.environ


def unit_text(
    *,
    command: list[str],
    data_dir: Path,
    service_user: str,
    secret_path: Path,
    encrypted: bool,
    staff_group: str | None = None,
    anchors_file: Path | None = None,
) -> str:
    """The systemd unit: notify with a watchdog, restart on failure, a system user of its own,
    a read-only system except the data folder and the log folder, no way to gain privileges."""
    load = "LoadCredentialEncrypted" if encrypted else "LoadCredential"
    groups = f"SupplementaryGroups={staff_group}\n" if staff_group else ""
    exec_start = " ".join(_quote(part) for part in [*command, "--data-dir", str(data_dir)])
    # The audit anchors file in the machine folder: the one file outside the data folder the
    # service appends to ("-": no error if an older install has none yet).
    writable = _quote(str(data_dir))
    if anchors_file is not None:
        writable += " " + _quote("-" + str(anchors_file))
    return f"""\
[Unit]
Description=kishomail weather-alert mail engine (気象メール)
After=network-online.target
Wants=network-online.target

[Service]
Type=notify
NotifyAccess=main
ExecStart={exec_start} service run
User={service_user}
Group={service_user}
{groups}{load}={CREDENTIAL_NAME}:{secret_path}
LogsDirectory=kishomail
Environment=KISHOMAIL_LOG_DIR=/var/log/kishomail
Restart=on-failure
RestartSec=5
WatchdogSec={WATCHDOG_SECONDS}
TimeoutStartSec=120
TimeoutStopSec=150
UMask=0007
NoNewPrivileges=yes
ProtectSystem=strict
ProtectHome=yes
PrivateTmp=yes
PrivateDevices=yes
ProtectKernelTunables=yes
ProtectKernelModules=yes
ProtectKernelLogs=yes
ProtectControlGroups=yes
ProtectClock=yes
ProtectHostname=yes
RestrictSUIDSGID=yes
RestrictRealtime=yes
RestrictNamespaces=yes
LockPersonality=yes
RestrictAddressFamilies=AF_UNIX AF_INET AF_INET6
SystemCallArchitectures=native
CapabilityBoundingSet=
AmbientCapabilities=
ReadWritePaths={writable}

[Install]
WantedBy=multi-user.target
"""


def _quote(part: str) -> str:
    """A word of ``ExecStart=``: quoted when it holds a space (systemd's own quoting)."""
    if part and not any(ch in part for ch in ' \t"\\'):
        return part
    return '"' + part.replace("\\", "\\\\").replace('"', '\\"') + '"'


def systemd_running() -> bool:
    """Is systemd the init system here (so ``systemctl`` can act)?"""
    return Path("/run/systemd/system").is_dir()


def systemctl(*arguments: str) -> subprocess.CompletedProcess[str]:
    program = shutil.which("systemctl")
    if program is None:
        raise ServiceManagerError("systemctl is not installed: this machine has no systemd.")
    return subprocess.run(  # noqa: S603 - systemctl by its full path, our own arguments
        [program, *arguments], capture_output=True, text=True, timeout=_TIMEOUT, check=False
    )


def verify_unit(path: Path) -> str | None:
    """``systemd-analyze verify`` on the unit: its complaints, or None when it is clean (or
    when the tool is not installed: then the caller says so)."""
    program = shutil.which("systemd-analyze")
    if program is None:
        return None
    result = subprocess.run(  # noqa: S603 - the tool by its full path, a path we wrote
        [program, "verify", str(path)], capture_output=True, text=True, timeout=_TIMEOUT
    )
    complaints = [
        line
        for line in (result.stdout + result.stderr).splitlines()
        if line.strip() and "is not located on encrypted media" not in line
    ]
    return "\n".join(complaints) if result.returncode != 0 or complaints else ""


# ---- the service's account and the machine-wide data folder ---------------------------------


def ensure_system_user(name: str) -> bool:
    """Create the system account ``name`` (and the staff group) if missing; True if created.
    Root only."""
    if not re.fullmatch(r"[a-z_][a-z0-9_-]{0,31}", name):
        raise ServiceManagerError(
            f"{name!r} is not a usable system account name (lower-case letters, digits, '_', "
            "'-'; at most 32 characters)."
        )
    if _user_exists(name):
        return False
    groupadd, useradd = _tool("groupadd"), _tool("useradd")
    if not _group_exists(STAFF_GROUP):
        subprocess.run(  # noqa: S603 - the tool by its full path, fixed arguments
            [groupadd, "--system", STAFF_GROUP], check=True, timeout=_TIMEOUT
        )
    subprocess.run(  # noqa: S603 - the tool by its full path, a checked account name
        [
            useradd,
            "--system",
            "--user-group",
            "--no-create-home",
            "--home-dir",
            "/nonexistent",
            "--shell",
            "/usr/sbin/nologin",
            name,
        ],
        check=True,
        timeout=_TIMEOUT,
    )
    return True


def _tool(name: str) -> str:
    for folder in ("/usr/sbin", "/sbin", "/usr/bin"):
        if Path(folder, name).exists():
            return str(Path(folder, name))
    raise ServiceManagerError(f"{name} is not installed: create the service's account by hand.")


def prepare_machine_folder(data_dir: Path, owner: str) -> None:
    """The machine's data folder: owned by the service's account, group the staff group,
    ``2770`` (only they enter; new files keep the group), files ``0660``. POSIX, as root.
    Without such an account (a rehearsal) only the modes are set."""
    group = STAFF_GROUP if _group_exists(STAFF_GROUP) else (owner if _user_exists(owner) else None)
    data_dir.mkdir(parents=True, exist_ok=True)
    for path in [data_dir, *data_dir.rglob("*")]:
        if _user_exists(owner):
            shutil.chown(path, user=owner, group=group)
        if path.is_dir():
            os.chmod(path, 0o2770)  # noqa: S103 - the staff group's, by design (docs/admin)
        else:
            os.chmod(path, 0o660)


def _user_exists(name: str) -> bool:
    import pwd  # POSIX only

    try:
        pwd.getpwnam(name)
    except KeyError:
        return False
    return True


def staff_group() -> str | None:
    """The staff group's name if it exists on this machine."""
    return STAFF_GROUP if sys.platform != "win32" and _group_exists(STAFF_GROUP) else None


def _group_exists(name: str) -> bool:
    import grp  # POSIX only

    try:
        grp.getgrnam(name)
    except KeyError:
        return False
    return True


# ---- Windows ---------------------------------------------------------------------------------


def windows_install_commands(program: Path, data_dir: Path) -> list[list[str]]:
    """The ``sc.exe`` calls that register the Windows service: automatic (delayed) start at
    boot under its own virtual account, restarted by the recovery actions after a failure."""
    binary = f'"{program}" --data-dir "{data_dir}"'
    account = f"NT SERVICE\\{WINDOWS_SERVICE}"
    return [
        ["sc.exe", "create", WINDOWS_SERVICE, "binPath=", binary, "start=", "delayed-auto"],
        ["sc.exe", "config", WINDOWS_SERVICE, "obj=", account],
        ["sc.exe", "description", WINDOWS_SERVICE, "kishomail 気象メール: weather-alert mail"],
        [
            "sc.exe",
            "failure",
            WINDOWS_SERVICE,
            "reset=",
            "86400",
            "actions=",
            "restart/5000/restart/5000/restart/60000",
        ],
        ["sc.exe", "failureflag", WINDOWS_SERVICE, "1"],
    ]


def windows_service_program() -> Path:
    """``kishomail-service.exe`` beside the installed ``kishomail.exe``."""
    return Path(sys.executable).with_name("kishomail-service.exe")


def run_windows(command: list[str]) -> subprocess.CompletedProcess[str]:
    if sys.platform == "win32":  # pragma: no cover - Windows only
        return subprocess.run(  # noqa: S603 - sc.exe with the arguments built above
            command, capture_output=True, text=True, timeout=_TIMEOUT, check=False
        )
    raise ServiceManagerError("Windows services exist only on Windows.")


@dataclass(frozen=True)
class ManagerState:
    """What the OS's service manager says: is the service registered, is it active."""

    registered: bool
    active: bool
    manager: str  # "systemd", "windows" or "none"


def manager_state() -> ManagerState:
    if sys.platform == "win32":  # pragma: no cover - Windows only
        result = run_windows(["sc.exe", "query", WINDOWS_SERVICE])
        return ManagerState(result.returncode == 0, "RUNNING" in result.stdout, "windows")
    registered = (unit_dir() / UNIT_NAME).exists()
    if registered and systemd_running():
        active = systemctl("is-active", "--quiet", UNIT_NAME).returncode == 0
        return ManagerState(True, active, "systemd")
    return ManagerState(registered, False, "systemd" if registered else "none")
