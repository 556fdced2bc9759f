"""``kishomail selftest`` and ``kishomail doctor``: is this installation working?

``selftest`` needs no store and no login (it makes a temporary one); ``doctor`` checks the
office's own store, relay and feed, and needs an administrator's login.
"""

from __future__ import annotations

import json
import shutil

from dispatch.base.errors import KishomailError, StoreError
from dispatch.base.paths import service_dir
from dispatch.checks.doctor import run_doctor
from dispatch.checks.findings import DoctorReport, Level
from dispatch.checks.selftest import run_selftest
from dispatch.cli.base import Commands, Context, env_secret
from dispatch.operations import authorise
from dispatch.operations import service as service_ops
from dispatch.operations.session import Session
from dispatch.store.machine_slot import MachineSlot


def register(commands: Commands) -> None:
    selftest = commands.add_parser(
        "selftest",
        help="check this installation on throw-away data (store, telegrams, mail, TLS); no login",
    )
    selftest.add_argument(
        "--no-error-dialogs",
        action="store_true",
        help="accepted for the GUI's sake; the command line never shows dialogs",
    )
    selftest.add_argument("--json", action="store_true")
    selftest.set_defaults(handler=cmd_selftest)

    doctor = commands.add_parser(
        "doctor", help="check relay, feed, clock, disk, store, audit chain and backups"
    )
    doctor.add_argument("--json", action="store_true")
    doctor.add_argument(
        "--nagios",
        action="store_true",
        help="one status line with performance data; exit 0 OK, 1 WARNING, 2 CRITICAL, "
        "3 UNKNOWN (Monitoring Plugins guidelines); never prompts",
    )
    doctor.set_defaults(handler=cmd_doctor)


def cmd_selftest(ctx: Context) -> int:
    as_json = ctx.args.json

    def step(name: str, seconds: float) -> None:
        if not as_json:
            print(f"OK    {name} ({seconds:.2f} s)", flush=True)

    report = run_selftest(step)
    if as_json:
        print(json.dumps(report.as_dict(), ensure_ascii=False))
    else:
        print("selftest passed: this installation can store, parse, render and send.")
    return 0


def cmd_doctor(ctx: Context) -> int:
    if ctx.args.nagios:
        return _doctor_nagios(ctx)
    session = ctx.session()
    try:
        authorise.run_doctor(session)
        report = run_doctor(session.connection, ctx.data_dir, clock=session.clock)
        counts = {level.value: sum(c.level is level for c in report.checks) for level in Level}
        session.audit_log.append(session.account.name, "doctor.run", detail=counts)
    finally:
        session.close()
    if ctx.args.json:
        print(json.dumps(report.as_dict(), ensure_ascii=False))
    else:
        print(format_report(report))
    return 0 if report.ok else 1


def format_report(report: DoctorReport) -> str:
    lines = []
    for check in report.checks:
        lines.append(f"{check.level.value:<5} {check.name:<7} {check.found}")
        if check.action:
            lines.append(f"{'':<13}→ {check.action}")
    failures = sum(c.level is Level.FAIL for c in report.checks)
    warnings = sum(c.level is Level.WARN for c in report.checks)
    if failures:
        lines.append(f"{failures} FAIL, {warnings} WARN: fix the FAIL lines before relying on it.")
    elif warnings:
        lines.append(f"No failure; {warnings} WARN to look at.")
    else:
        lines.append("Everything checks out.")
    return "\n".join(lines)


#: Exit status of a monitoring plugin (Monitoring Plugins development guidelines).
NAGIOS_OK, NAGIOS_WARNING, NAGIOS_CRITICAL, NAGIOS_UNKNOWN = 0, 1, 2, 3
_STATES = {0: "OK", 1: "WARNING", 2: "CRITICAL", 3: "UNKNOWN"}


def _nagios(status: int, text: str, perfdata: str = "") -> int:
    line = f"KISHOMAIL {_STATES[status]} - {' '.join(text.split())}"
    print(f"{line} | {perfdata}" if perfdata else line)
    return status


def _monitoring_session(ctx: Context) -> Session | None:
    """An administrator's session when a password was given; else the installed service's
    (its machine slot, no person); ``None`` when neither is there."""
    if env_secret("KISHOMAIL_PASSWORD"):
        return ctx.session()
    if MachineSlot.load(service_dir()) is None:
        return None
    return service_ops.open_service_session(ctx.data_dir)


def _doctor_nagios(ctx: Context) -> int:
    """``doctor --nagios``: the report as one plugin line. Run as the service account (or root)
    where the service is installed, it needs no password: the machine's slot opens the store."""
    try:
        session = _monitoring_session(ctx)
        if session is None:
            return _nagios(
                NAGIOS_UNKNOWN,
                "cannot open the store: the service is not installed on this machine and no "
                "staff password was given (set KISHOMAIL_USER and KISHOMAIL_PASSWORD of an "
                "administrator, or run the check as the service account)",
            )
    except StoreError as error:
        return _nagios(NAGIOS_CRITICAL, f"the store does not open: {error.message}")
    except KishomailError as error:
        return _nagios(NAGIOS_UNKNOWN, f"cannot log in for the check: {error.message}")
    try:
        authorise.run_doctor(session)
        report = run_doctor(session.connection, ctx.data_dir, clock=session.clock)
        counts = {level.value: sum(c.level is level for c in report.checks) for level in Level}
        session.audit_log.append(session.account.name, "doctor.run", detail=counts)
    except KishomailError as error:
        return _nagios(NAGIOS_UNKNOWN, error.message)
    finally:
        session.close()
    fails = [c for c in report.checks if c.level is Level.FAIL]
    warns = [c for c in report.checks if c.level is Level.WARN]
    free = shutil.disk_usage(ctx.data_dir).free
    perfdata = (
        f"fail={len(fails)};;1;0;{len(report.checks)} warn={len(warns)};1;;0;"
        f"{len(report.checks)} checks={len(report.checks)};;;0 free_bytes={free}B;;;0"
    )
    if fails:
        named = "; ".join(f"{c.name}: {c.found}" for c in fails)
        return _nagios(NAGIOS_CRITICAL, f"{len(fails)} FAIL: {named}", perfdata)
    if warns:
        named = "; ".join(f"{c.name}: {c.found}" for c in warns)
        return _nagios(NAGIOS_WARNING, f"{len(warns)} WARN: {named}", perfdata)
    return _nagios(NAGIOS_OK, f"{len(report.checks)} checks OK", perfdata)
