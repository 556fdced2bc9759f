"""``kishomail erase-all``: at the end of the contract, erase every subscriber, delivery record
and backup for good, and write the erasure certificate."""

from __future__ import annotations

from pathlib import Path

from dispatch.cli.base import Commands, Context, UsageError, emit_text
from dispatch.operations.erasure import erase_all


def register(commands: Commands) -> None:
    erase = commands.add_parser("erase-all", help="contract end: erase all personal data")
    erase.add_argument("--certificate", required=True, help="FILE.pdf for the certificate")
    erase.add_argument("--yes-erase-everything", action="store_true", dest="confirmed")
    erase.add_argument("--reason", default="契約終了 (end of contract)")
    erase.add_argument("--json", action="store_true")
    erase.set_defaults(handler=cmd_erase_all)


def cmd_erase_all(ctx: Context) -> int:
    args = ctx.args
    if not args.confirmed:
        raise UsageError(
            "erase-all deletes every subscriber, delivery record and backup for good: "
            "add --yes-erase-everything"
        )
    session = ctx.session()
    certificate = erase_all(session, Path(args.certificate), reason=args.reason)
    emit_text(
        certificate.as_dict(),
        args.json,
        certificate.text + f"\n\nCertificate written to {args.certificate}.",
    )
    return 0
