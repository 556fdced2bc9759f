"""``kishomail smtp test``: check the mail relay — connect, verify TLS, authenticate — and send
nothing."""

from __future__ import annotations

from dispatch.cli.base import Commands, Context
from dispatch.operations import relay as relay_ops


def register(commands: Commands) -> None:
    smtp = commands.add_parser("smtp", help="the mail relay")
    smtp_actions = smtp.add_subparsers(dest="action", metavar="ACTION", required=True)
    test = smtp_actions.add_parser("test", help="connect, verify TLS, authenticate; send nothing")
    test.set_defaults(handler=cmd_smtp_test)


def cmd_smtp_test(ctx: Context) -> int:
    report = relay_ops.test_relay(ctx.session())
    if report is None:
        print("No relay is configured (smtp.host is empty): mail goes to the local mailbox.")
        return 0
    print(
        f"Connected to {report.host}:{report.port} ({report.security}) over {report.tls_version}"
        f", certificate {report.certificate_subject}; "
        f"{'authenticated' if report.authenticated else 'no AUTH'}; "
        f"PIPELINING {'yes' if report.pipelining else 'no'}. Nothing was sent."
    )
    return 0
