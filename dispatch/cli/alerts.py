"""``kishomail alert …``: manual alerts with two-person approval — compose, preview, submit,
approve, send, cancel, test-send, the attachment's password mail (docs/staff-manual-alerts.md)."""

from __future__ import annotations

import argparse
from datetime import datetime
from pathlib import Path

from dispatch.base.clock import TOKYO
from dispatch.base.errors import ValidationError
from dispatch.cli.base import Commands, Context, emit_text, secret_from
from dispatch.engine.relay import outgoing
from dispatch.mail.sink import MailSink
from dispatch.mail.smtp import MailTransport
from dispatch.operations import manual_alert_sending as sending
from dispatch.operations import manual_alerts as alerts
from dispatch.operations.session import Session
from dispatch.wording.manual_alerts import tokyo_time

_LANG_OPTIONS = (("ja", "ja"), ("en", "en"), ("easy", "ja-easy"))


def register(commands: Commands) -> None:
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
        sub.set_defaults(handler=cmd_compose if name == "compose" else cmd_edit)
    preview = actions.add_parser("preview", help="the mail per language and the live audience")
    preview.add_argument("id", type=int)
    preview.add_argument("--json", action="store_true")
    preview.set_defaults(handler=cmd_preview)
    for name, func, helptext in (
        ("submit", cmd_submit, "ask a second duty officer to approve"),
        ("send", cmd_send, "send an approved alert now (or at its time)"),
        ("cancel", cmd_cancel, "cancel an alert that was not sent"),
        ("show", cmd_show, "one alert with its approval"),
    ):
        sub = actions.add_parser(name, help=helptext)
        sub.add_argument("id", type=int)
        sub.add_argument("--json", action="store_true")
        sub.set_defaults(handler=func)
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
    approve.set_defaults(handler=cmd_approve)
    listing = actions.add_parser("list", help="manual alerts")
    listing.add_argument("--status")
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(handler=cmd_list)
    test = actions.add_parser(
        "test-send", help="send the alert to your own staff contact addresses, marked TEST"
    )
    test.add_argument("id", type=int)
    test.add_argument(
        "--to", help="one of your staff contact addresses (default: all of them); no other"
    )
    test.set_defaults(handler=cmd_test_send)
    password = actions.add_parser("password-mail", help="the attachment's password, separately")
    password.add_argument("id", type=int)
    password.add_argument("--to", required=True)
    password.set_defaults(handler=cmd_password_mail)


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
    emit_text(data, args.json, text)
    return 0


def cmd_compose(ctx: Context) -> int:
    args = ctx.args
    session = ctx.session()
    return _composed(args, session, alerts.compose(session, _draft(args)))


def cmd_edit(ctx: Context) -> int:
    args = ctx.args
    session = ctx.session()
    return _composed(args, session, alerts.edit(session, args.id, _draft(args)))


def cmd_preview(ctx: Context) -> int:
    args = ctx.args
    session = ctx.session()
    preview = alerts.preview(session, args.id)
    lines = [
        _summary(preview.alert),
        "",
        f"AUDIENCE NOW: {preview.audience_count} active subscribers "
        f"({', '.join(f'{k} {v}' for k, v in sorted(preview.audience_by_language.items()))})",
    ]
    for language, mail in preview.mails.items():
        lines += ["", f"===== {language} =====", f"Subject: {mail.subject}", "", mail.body]
    emit_text(preview.as_dict(), args.json, "\n".join(lines))
    return 0


def cmd_submit(ctx: Context) -> int:
    args = ctx.args
    session = ctx.session()
    alert = alerts.submit(session, args.id)
    emit_text(
        alert.as_dict(),
        args.json,
        _summary(alert) + "\nSubmitted: a second duty officer "
        "checks it with 'kishomail alert preview' and approves it with 'alert approve'.",
    )
    return 0


def cmd_approve(ctx: Context) -> int:
    args = ctx.args
    session = ctx.session()
    seen_hash = args.hash
    if seen_hash is not None:
        current = alerts.get_alert(session, args.id).content_hash
        if len(seen_hash) < 8 or not current.startswith(seen_hash.lower()):
            raise ValidationError(
                "--hash does not match the alert's content: it changed after you checked it, or "
                "the hash was mistyped. Preview it again."
            )
        seen_hash = current
    alert = sending.approve(session, args.id, seen_hash=seen_hash, seen_count=args.count)
    note = (
        f"Approved for {alert.approved_audience} subscribers; scheduled, it goes out by itself."
        if alert.status is alerts.AlertStatus.SCHEDULED
        else f"Approved for {alert.approved_audience} subscribers; send it with "
        f"'kishomail alert send {alert.id}'."
    )
    emit_text(alert.as_dict(), args.json, _summary(alert) + "\n" + note)
    return 0


def cmd_send(ctx: Context) -> int:
    args = ctx.args
    session = ctx.session()
    alert = sending.send(session, args.id, emergency=args.emergency)
    if alert.status is alerts.AlertStatus.SCHEDULED:
        note = "Scheduled: the running service sends it at its time."
    else:
        note = (
            f"Queued as dispatch {alert.dispatch_id}; the running service (kishomail run) "
            "sends it. Follow it with 'kishomail dispatch show'."
        )
    emit_text(alert.as_dict(), args.json, _summary(alert) + "\n" + note)
    return 0


def cmd_cancel(ctx: Context) -> int:
    args = ctx.args
    session = ctx.session()
    alert = alerts.cancel(session, args.id, args.reason)
    emit_text(alert.as_dict(), args.json, _summary(alert))
    return 0


def cmd_show(ctx: Context) -> int:
    args = ctx.args
    session = ctx.session()
    alert = alerts.get_alert(session, args.id)
    emit_text(alert.as_dict(), args.json, _summary(alert))
    return 0


def cmd_list(ctx: Context) -> int:
    args = ctx.args
    session = ctx.session()
    found = alerts.list_alerts(session, args.status)
    emit_text(
        [a.as_dict() for a in found],
        args.json,
        "\n".join(_summary(a) for a in found) or "No manual alerts.",
    )
    return 0


def _transport(session: Session) -> tuple[MailTransport, MailSink | None]:
    way_out = outgoing(session.store, purpose="a test mail")
    return way_out.transport(), way_out.sink


def cmd_test_send(ctx: Context) -> int:
    args = ctx.args
    session = ctx.session()
    transport, sink = _transport(session)
    try:
        report = sending.send_test(session, args.id, args.to, transport)
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


def cmd_password_mail(ctx: Context) -> int:
    args = ctx.args
    session = ctx.session()
    password = secret_from("KISHOMAIL_ZIP_PASSWORD", "The attachment's password: ")
    transport, sink = _transport(session)
    try:
        ok = sending.send_password(session, args.id, args.to, password, transport)
    finally:
        transport.close()
        if sink is not None:
            sink.stop()
    print("Password mail accepted." if ok else "The password mail was refused.")
    return 0 if ok else 1
