"""``kishomail audit search|export|verify``: read the audit log, export a search, check the
hash chain that makes tampering visible."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import datetime
from pathlib import Path

from dispatch.base.clock import TOKYO
from dispatch.base.errors import ValidationError
from dispatch.cli.base import Commands, Context, UsageError, add_actions, add_command, emit
from dispatch.operations import audit as audit_ops
from dispatch.records.audit import AuditQuery, VerifyReport


def register(commands: Commands) -> None:
    audit = add_actions(commands, "audit", "the audit log")
    for name, handler, help_text in (
        ("search", cmd_audit_search, "search entries"),
        ("export", cmd_audit_export, "export a search to .xlsx and/or CSV"),
    ):
        audit_cmd = add_command(audit, name, handler, help_text)
        audit_cmd.add_argument("--since", help="from this date/time (Tokyo time unless given)")
        audit_cmd.add_argument("--until", help="before this date/time")
        audit_cmd.add_argument("--actor")
        audit_cmd.add_argument("--action")
        audit_cmd.add_argument("--text", help="text anywhere in the entry")
        if name == "search":
            audit_cmd.add_argument("--limit", type=int)
            audit_cmd.add_argument("--json", action="store_true")
        else:
            audit_cmd.add_argument("--xlsx")
            audit_cmd.add_argument("--csv")
    verify = add_command(audit, "verify", cmd_audit_verify, "check chain, signatures, anchors")
    verify.add_argument("--json", action="store_true")
    verify.add_argument(
        "--anchors",
        metavar="FILE",
        help="check against these anchors (e.g. lines kept from the daily summary mails) "
        "instead of the machine folder's audit-anchors.log",
    )


def _parse_time(text: str | None) -> datetime | None:
    if not text:
        return None
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise ValidationError(
            f"{text!r} is not a date or time; write e.g. 2026-11-01 or 2026-11-01T09:00."
        ) from None
    return moment if moment.tzinfo else moment.replace(tzinfo=TOKYO)


def _audit_query(args: argparse.Namespace) -> AuditQuery:
    return AuditQuery(
        since=_parse_time(args.since),
        until=_parse_time(args.until),
        actor=args.actor,
        action=args.action,
        text=args.text,
        limit=getattr(args, "limit", None),
    )


def cmd_audit_search(ctx: Context) -> int:
    entries = audit_ops.search_audit(ctx.session(), _audit_query(ctx.args))
    if ctx.args.json:
        emit([e.__dict__ | {"detail": dict(e.detail)} for e in entries], True)
        return 0
    for e in entries:
        detail = json.dumps(dict(e.detail), ensure_ascii=False) if e.detail else ""
        print(f"{e.seq:>7} {e.at} {e.actor:<12} {e.action:<22} {e.target:<18} {e.outcome} {detail}")
    return 0


def cmd_audit_verify(ctx: Context) -> int:
    anchors = Path(ctx.args.anchors) if ctx.args.anchors else None
    if anchors is not None and not anchors.is_file():
        raise ValidationError(f"There is no file {anchors}: give the file of kept anchor lines.")
    report = audit_ops.verify_audit(ctx.session(), anchors)
    if ctx.args.json:
        emit(
            {
                "ok": report.ok,
                "checked": report.checked,
                "problems": list(report.problems),
                "head_seq": report.head_seq,
                "head_hash": report.head_hash,
                "signed": report.signed,
                "unsigned": report.unsigned,
                "signers": dict(report.signers),
                "keys_from": report.keys_from,
                "keys": report.key_count,
                "anchors": report.anchors,
                "last_anchor_at": report.last_anchor_at,
                "last_anchor_seq": report.last_anchor_seq,
                "not_checked": list(report.not_checked),
            },
            True,
        )
    else:
        _print_report(report)
    if not report.ok:
        print(
            f"kishomail: the audit log has {len(report.problems)} problems: report this as an "
            "incident (R4.10) and keep the database file as it is for investigation.",
            file=sys.stderr,
        )
        return 1
    return 0


def _print_report(report: VerifyReport) -> None:
    if report.ok:
        print(f"The audit log is intact: {report.checked} entries checked.")
    for problem in report.problems:
        print(f"PROBLEM: {problem}")
    signers = ", ".join(f"{actor} {count}" for actor, count in sorted(report.signers.items()))
    print(
        f"Signatures: {report.signed} entries signed ({signers or 'none'}), "
        f"{report.unsigned} unsigned; checked against the {report.key_count} public keys "
        f"of the {report.keys_from}."
    )
    if report.anchors:
        print(
            f"Anchors: {report.anchors} outside the store; the last one, of "
            f"{report.last_anchor_at}, at entry {report.last_anchor_seq}."
        )
    else:
        print("Anchors: none found outside the store.")
    print(f"Head: entry {report.head_seq}, hash {report.head_hash}")
    for note in report.not_checked:
        print(f"Not checked: {note}")


def cmd_audit_export(ctx: Context) -> int:
    if not ctx.args.xlsx and not ctx.args.csv:
        raise UsageError("say where to write: --xlsx FILE and/or --csv FILE")
    count = audit_ops.export_audit(
        ctx.session(),
        _audit_query(ctx.args),
        xlsx=Path(ctx.args.xlsx) if ctx.args.xlsx else None,
        csv=Path(ctx.args.csv) if ctx.args.csv else None,
    )
    print(f"Exported {count} audit entries.")
    return 0
