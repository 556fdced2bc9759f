"""``kishomail alert|stats|backup|erase-all|report``: the duty officers' and the office's
governance workflows on the command line (see docs/staff-manual-alerts.md, docs/admin/)."""

from __future__ import annotations

import argparse
import os
from datetime import date, datetime
from pathlib import Path
from typing import Any

from dispatch.base.clock import TOKYO
from dispatch.base.errors import ValidationError
from dispatch.engine.relay import outgoing
from dispatch.mail.sink import MailSink
from dispatch.mail.smtp import MailTransport
from dispatch.operations import backup as backups
from dispatch.operations import manual_alerts as alerts
from dispatch.operations import statistics as stats
from dispatch.operations.erasure import erase_all
from dispatch.operations.reports import (
    handling_report,
    report_text,
    write_report_pdf,
    write_report_xlsx,
)
from dispatch.operations.session import Session
from dispatch.wording.manual_alerts import tokyo_time

_LANG_OPTIONS = (("ja", "ja"), ("en", "en"), ("easy", "ja-easy"))


def _ctx_session(args: argparse.Namespace) -> Session:
    from dispatch.base.paths import resolve_data_dir
    from dispatch.cli import Context

    return Context(args, resolve_data_dir(args.data_dir)).session()


def _emit(data: Any, as_json: bool, text: str) -> None:
    from dispatch.cli import emit

    emit(data, as_json, lambda _: text)


def register(commands: Any) -> None:
    alert = commands.add_parser("alert", help="manual alerts with two-person approval")
    actions = alert.add_subparsers(dest="action", metavar="ACTION", required=True)
    for name, helptext in (
        ("compose", "write a new manual alert (a draft)"),
        ("edit", "change an alert (voids any approval)"),
    ):
        sub = actions.add_parser(name, help=helptext)
        if name == "edit":
            sub.add_argument("id", type=int)
        sub.add_argument("--category", required=True, choices=sorted(alerts.CATEGORIES))
        sub.add_argument(
            "--template",
            choices=sorted(alerts.TEMPLATES),
            help="ready wording; --details-ja/--details-en/--details-easy fill it",
        )
        for option, _language in _LANG_OPTIONS:
            sub.add_argument(f"--subject-{option}")
            sub.add_argument(f"--body-{option}", help="text, or @FILE to read a UTF-8 file")
            sub.add_argument(f"--details-{option}")
        sub.add_argument(
            "--topic",
            action="append",
            default=[],
            help="only subscribers of this topic (warnings, rain, river, kanda)",
        )
        sub.add_argument(
            "--lang",
            action="append",
            default=[],
            help="only subscribers reading this language (ja, en, ja-easy)",
        )
        sub.add_argument("--attachment", help="a file to attach")
        sub.add_argument(
            "--personal-data",
            action="store_true",
            help="the attachment holds personal data: it is sent as an encrypted ZIP",
        )
        sub.add_argument("--send-at", help="YYYY-MM-DD HH:MM (Tokyo time); default: on approval")
        sub.add_argument("--correction-of", type=int, help="the sent alert this corrects (訂正)")
        sub.add_argument("--submit", action="store_true", help="submit for approval at once")
        sub.add_argument("--json", action="store_true")
        sub.set_defaults(func=cmd_compose if name == "compose" else cmd_edit)
    preview = actions.add_parser("preview", help="the mail per language and the live audience")
    preview.add_argument("id", type=int)
    preview.add_argument("--json", action="store_true")
    preview.set_defaults(func=cmd_preview)
    for name, func, helptext in (
        ("submit", cmd_submit, "ask a second duty officer to approve"),
        ("send", cmd_send, "send an approved alert now (or at its time)"),
        ("cancel", cmd_cancel, "cancel an alert that was not sent"),
        ("show", cmd_show, "one alert with its approval"),
    ):
        sub = actions.add_parser(name, help=helptext)
        sub.add_argument("id", type=int)
        sub.add_argument("--json", action="store_true")
        sub.set_defaults(func=func)
        if name == "send":
            sub.add_argument(
                "--emergency",
                action="store_true",
                help="single-person emergency path (only if an administrator "
                "turned it on; loudly audited)",
            )
        if name == "cancel":
            sub.add_argument("--reason", default="")
    approve = actions.add_parser("approve", help="approve another officer's alert")
    approve.add_argument("id", type=int)
    approve.add_argument("--hash", help="the content hash you checked (from preview)")
    approve.add_argument("--count", type=int, help="the audience count you checked")
    approve.add_argument("--json", action="store_true")
    approve.set_defaults(func=cmd_approve)
    listing = actions.add_parser("list", help="manual alerts")
    listing.add_argument("--status")
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(func=cmd_list)
    test = actions.add_parser("test-send", help="send the alert to your own address, marked TEST")
    test.add_argument("id", type=int)
    test.add_argument("--to", required=True, help="your own (staff) address")
    test.set_defaults(func=cmd_test_send)
    password = actions.add_parser("password-mail", help="the attachment's password, separately")
    password.add_argument("id", type=int)
    password.add_argument("--to", required=True)
    password.set_defaults(func=cmd_password_mail)

    stat = commands.add_parser(
        "stats", help="subscription and dispatch statistics (no personal data)"
    )
    stat.add_argument("--from", dest="since", help="YYYY-MM-DD (Tokyo)")
    stat.add_argument("--to", dest="until", help="YYYY-MM-DD (Tokyo, inclusive)")
    stat.add_argument("--json", action="store_true")
    stat.add_argument("--xlsx")
    stat.add_argument("--csv")
    stat.set_defaults(func=cmd_stats)

    backup = commands.add_parser("backup", help="encrypted backups")
    bactions = backup.add_subparsers(dest="action", metavar="ACTION", required=True)
    create = bactions.add_parser("create", help="make and check a backup now")
    create.add_argument("--label", default="")
    create.add_argument("--json", action="store_true")
    create.set_defaults(func=cmd_backup_create)
    blist = bactions.add_parser("list", help="backups, oldest first")
    blist.add_argument("--json", action="store_true")
    blist.set_defaults(func=cmd_backup_list)
    for name, func in (("verify", cmd_backup_verify), ("restore", cmd_backup_restore)):
        sub = bactions.add_parser(name, help=f"{name} a backup")
        sub.add_argument("name")
        sub.set_defaults(func=func)
        if name == "restore":
            sub.add_argument("--yes", action="store_true", help="really replace the current data")

    erase = commands.add_parser("erase-all", help="contract end: erase all personal data")
    erase.add_argument("--certificate", required=True, help="FILE.pdf for the certificate")
    erase.add_argument("--yes-erase-everything", action="store_true", dest="confirmed")
    erase.add_argument("--reason", default="契約終了 (end of contract)")
    erase.add_argument("--json", action="store_true")
    erase.set_defaults(func=cmd_erase_all)

    report = commands.add_parser("report", help="reports for the ward")
    ractions = report.add_subparsers(dest="action", metavar="ACTION", required=True)
    handling = ractions.add_parser("handling", help="the handling report (yearly audit)")
    handling.add_argument("--from", dest="since", required=True)
    handling.add_argument("--to", dest="until", required=True)
    out = handling.add_mutually_exclusive_group()
    out.add_argument("--xlsx")
    out.add_argument("--pdf")
    out.add_argument("--json", action="store_true")
    handling.set_defaults(func=cmd_report_handling)


# ---- alerts -----------------------------------------------------------------------------


def _read_text(value: str | None) -> str | None:
    if value is None or not value.startswith("@"):
        return value
    try:
        return Path(value[1:]).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise ValidationError(f"Cannot read {value[1:]} as UTF-8 text ({error}).") from None


def _send_at(text: str | None) -> datetime | None:
    if not text:
        return None
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        raise ValidationError(f"--send-at: give YYYY-MM-DD HH:MM, not {text!r}.") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=TOKYO)


def _draft(args: argparse.Namespace) -> alerts.Draft:
    texts: dict[str, alerts.AlertText] = {}
    if args.template:
        details = {
            lang: getattr(args, f"details_{opt}")
            for opt, lang in _LANG_OPTIONS
            if getattr(args, f"details_{opt}")
        }
        texts = alerts.from_template(args.template, details)
    for option, language in _LANG_OPTIONS:
        subject = getattr(args, f"subject_{option}")
        body = _read_text(getattr(args, f"body_{option}"))
        if subject is None and body is None:
            continue
        base = texts.get(language)
        texts[language] = alerts.AlertText(
            subject if subject is not None else (base.subject if base else ""),
            body if body is not None else (base.body if base else ""),
        )
    attachment = None
    if args.attachment:
        path = Path(args.attachment)
        try:
            data = path.read_bytes()
        except OSError as error:
            raise ValidationError(
                f"Cannot read the attachment {path.name} ({error.strerror})."
            ) from None
        attachment = alerts.Attachment(path.name, data, args.personal_data)
    elif args.personal_data:
        raise ValidationError("--personal-data describes an attachment; give --attachment too.")
    return alerts.Draft(
        category=args.category,
        texts=texts,
        audience=alerts.Audience(tuple(args.topic), tuple(args.lang)),
        attachment=attachment,
        send_at=_send_at(args.send_at),
        correction_of=getattr(args, "correction_of", None),
    )


def _summary(alert: alerts.ManualAlert) -> str:
    parts = [
        f"alert {alert.id} [{alert.status}] {alert.texts['ja'].subject}",
        f"  author {alert.author}; approver {alert.approver or '-'}; "
        f"languages {', '.join(alert.languages)}; audience {alert.audience.kind}"
        + (
            f" {'/'.join(alert.audience.topics + alert.audience.languages)}"
            if alert.audience.kind != "all"
            else ""
        ),
        f"  content SHA-256 {alert.content_hash}",
    ]
    if alert.send_at:
        parts.append(f"  send at {tokyo_time(alert.send_at)} (Tokyo)")
    if alert.attachment_name:
        parts.append(
            f"  attachment {alert.attachment_name} ({alert.attachment_size} bytes"
            + (", personal data: encrypted ZIP" if alert.attachment_personal else "")
            + ")"
        )
    if alert.dispatch_id:
        parts.append(
            f"  dispatch {alert.dispatch_id} (kishomail dispatch show {alert.dispatch_id})"
        )
    if alert.emergency:
        parts.append(f"  !! {alerts.EMERGENCY_MARK}")
    return "\n".join(parts)


def _composed(args: argparse.Namespace, session: Session, composed: alerts.Composed) -> int:
    alert = composed.alert
    if args.submit:
        alert = alerts.submit(session, alert.id)
    data = alert.as_dict()
    text = _summary(alert)
    if composed.zip_password:
        data["zip_password"] = composed.zip_password
        text += (
            "\n\nPASSWORD of the encrypted attachment — shown this once; send it only in a "
            f"separate mail ('kishomail alert password-mail'):\n    {composed.zip_password}"
        )
    _emit(data, args.json, text)
    return 0


def cmd_compose(args: argparse.Namespace) -> int:
    session = _ctx_session(args)
    return _composed(args, session, alerts.compose(session, _draft(args)))


def cmd_edit(args: argparse.Namespace) -> int:
    session = _ctx_session(args)
    return _composed(args, session, alerts.edit(session, args.id, _draft(args)))


def cmd_preview(args: argparse.Namespace) -> int:
    session = _ctx_session(args)
    preview = alerts.preview(session, args.id)
    lines = [
        _summary(preview.alert),
        "",
        f"AUDIENCE NOW: {preview.audience_count} active subscribers "
        f"({', '.join(f'{k} {v}' for k, v in sorted(preview.audience_by_language.items()))})",
    ]
    for language, mail in preview.mails.items():
        lines += ["", f"===== {language} =====", f"Subject: {mail.subject}", "", mail.body]
    _emit(preview.as_dict(), args.json, "\n".join(lines))
    return 0


def cmd_submit(args: argparse.Namespace) -> int:
    session = _ctx_session(args)
    alert = alerts.submit(session, args.id)
    _emit(
        alert.as_dict(),
        args.json,
        _summary(alert) + "\nSubmitted: a second duty officer "
        "checks it with 'kishomail alert preview' and approves it with 'alert approve'.",
    )
    return 0


def cmd_approve(args: argparse.Namespace) -> int:
    session = _ctx_session(args)
    seen_hash = args.hash
    if seen_hash is not None:
        current = alerts.get_alert(session, args.id).content_hash
        if len(seen_hash) < 8 or not current.startswith(seen_hash.lower()):
            raise ValidationError(
                "--hash does not match the alert's content: it changed after you checked it, or "
                "the hash was mistyped. Preview it again."
            )
        seen_hash = current
    alert = alerts.approve(session, args.id, seen_hash=seen_hash, seen_count=args.count)
    note = (
        f"Approved for {alert.approved_audience} subscribers; scheduled, it goes out by itself."
        if alert.status is alerts.AlertStatus.SCHEDULED
        else f"Approved for {alert.approved_audience} subscribers; send it with "
        f"'kishomail alert send {alert.id}'."
    )
    _emit(alert.as_dict(), args.json, _summary(alert) + "\n" + note)
    return 0


def cmd_send(args: argparse.Namespace) -> int:
    session = _ctx_session(args)
    alert = alerts.send(session, args.id, emergency=args.emergency)
    if alert.status is alerts.AlertStatus.SCHEDULED:
        note = "Scheduled: the running service sends it at its time."
    else:
        note = (
            f"Queued as dispatch {alert.dispatch_id}; the running service (kishomail run) "
            "sends it. Follow it with 'kishomail dispatch show'."
        )
    _emit(alert.as_dict(), args.json, _summary(alert) + "\n" + note)
    return 0


def cmd_cancel(args: argparse.Namespace) -> int:
    session = _ctx_session(args)
    alert = alerts.cancel(session, args.id, args.reason)
    _emit(alert.as_dict(), args.json, _summary(alert))
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    session = _ctx_session(args)
    alert = alerts.get_alert(session, args.id)
    _emit(alert.as_dict(), args.json, _summary(alert))
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    session = _ctx_session(args)
    found = alerts.list_alerts(session, args.status)
    _emit(
        [a.as_dict() for a in found],
        args.json,
        "\n".join(_summary(a) for a in found) or "No manual alerts.",
    )
    return 0


def _transport(session: Session) -> tuple[MailTransport, MailSink | None]:
    way_out = outgoing(session.connection, session.store.data_dir, purpose="a test mail")
    return way_out.transport(), way_out.sink


def cmd_test_send(args: argparse.Namespace) -> int:
    session = _ctx_session(args)
    transport, sink = _transport(session)
    try:
        report = alerts.send_test(session, args.id, args.to, transport)
    finally:
        transport.close()
        if sink is not None:
            sink.stop()
    print(
        f"Test mail in {', '.join(report.languages)}: {report.accepted} accepted, "
        f"{report.refused} refused."
        + (" (embedded local mailbox: 'kishomail mailbox list')" if sink else "")
    )
    return 0 if not report.refused else 1


def cmd_password_mail(args: argparse.Namespace) -> int:
    from dispatch.cli import secret_from

    session = _ctx_session(args)
    password = secret_from("KISHOMAIL_ZIP_PASSWORD", "The attachment's password: ")
    transport, sink = _transport(session)
    try:
        ok = alerts.send_password(session, args.id, args.to, password, transport)
    finally:
        transport.close()
        if sink is not None:
            sink.stop()
    print("Password mail accepted." if ok else "The password mail was refused.")
    return 0 if ok else 1


# ---- statistics, backups, erasure, reports ------------------------------------------------


def cmd_stats(args: argparse.Namespace) -> int:
    session = _ctx_session(args)
    since = stats.parse_day(args.since, "--from")
    until = stats.parse_day(args.until, "--to")
    if args.xlsx or args.csv:
        result = stats.export(
            session,
            since,
            until,
            xlsx=Path(args.xlsx) if args.xlsx else None,
            csv=Path(args.csv) if args.csv else None,
        )
    else:
        result = stats.statistics(session, since, until)
    lines = [f"期間 {result.period_text}"]
    for table in result.tables():
        lines += ["", f"■ {table.title}", "  " + " | ".join(table.headers)]
        lines += ["  " + " | ".join(str(v) for v in row) for row in table.rows]
    _emit(result.as_dict(), args.json, "\n".join(lines))
    return 0


def cmd_backup_create(args: argparse.Namespace) -> int:
    session = _ctx_session(args)
    info = backups.create(session, args.label)
    _emit(
        info.as_dict(),
        args.json,
        f"Backup {info.name} written and checked "
        f"({sum(info.counts.values())} rows, {info.db_bytes} bytes).",
    )
    return 0


def cmd_backup_list(args: argparse.Namespace) -> int:
    session = _ctx_session(args)
    found = backups.listing(session)
    _emit(
        [b.as_dict() for b in found],
        args.json,
        "\n".join(f"{b.name}  {b.created_at}  {b.db_bytes:>10} bytes  {b.label}" for b in found)
        or "No backups yet.",
    )
    return 0


def cmd_backup_verify(args: argparse.Namespace) -> int:
    session = _ctx_session(args)
    info = backups.verify(session, args.name, os.environ.get("KISHOMAIL_RECOVERY_KEY"))
    print(f"{info.name}: complete and intact ({sum(info.counts.values())} rows).")
    return 0


def cmd_backup_restore(args: argparse.Namespace) -> int:
    from dispatch.cli import UsageError

    if not args.yes:
        raise UsageError("restore replaces the current data (after backing it up): add --yes")
    session = _ctx_session(args)
    report = backups.restore(session, args.name, os.environ.get("KISHOMAIL_RECOVERY_KEY"))
    print(
        f"Restored {report.restored.name} ({report.restored.created_at}). The data as it was "
        f"before is kept in backup {report.safety_backup}."
    )
    return 0


def cmd_erase_all(args: argparse.Namespace) -> int:
    from dispatch.cli import UsageError

    if not args.confirmed:
        raise UsageError(
            "erase-all deletes every subscriber, delivery record and backup for good: "
            "add --yes-erase-everything"
        )
    session = _ctx_session(args)
    certificate = erase_all(session, Path(args.certificate), reason=args.reason)
    _emit(
        certificate.as_dict(),
        args.json,
        certificate.text + f"\n\nCertificate written to {args.certificate}.",
    )
    return 0


def _day(text: str, what: str) -> date:
    parsed = stats.parse_day(text, what)
    assert parsed is not None
    return parsed


def cmd_report_handling(args: argparse.Namespace) -> int:
    session = _ctx_session(args)
    report = handling_report(session, _day(args.since, "--from"), _day(args.until, "--to"))
    if args.xlsx:
        write_report_xlsx(Path(args.xlsx), report)
        print(f"Handling report written to {args.xlsx}.")
    elif args.pdf:
        write_report_pdf(Path(args.pdf), report)
        print(f"Handling report written to {args.pdf}.")
    else:
        _emit(report.as_dict(), args.json, report_text(report))
    return 0 if report.audit_ok else 1
