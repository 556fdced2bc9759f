"""``kishomail selftest`` and ``kishomail doctor``: is this installation working?

``selftest`` needs no store and no login (it makes a temporary one); ``doctor`` checks the
office's own store, relay and feed, and needs an administrator's login.
"""

from __future__ import annotations

import json

from dispatch.checks.doctor import DoctorReport, Level, run_doctor
from dispatch.checks.selftest import run_selftest
from dispatch.cli.base import Commands, Context
from dispatch.operations import authorise


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
