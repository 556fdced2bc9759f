"""``kishomail dkim keygen|record``: make the DKIM key and show the DNS record to publish.

The private key goes straight into the encrypted store (the secret setting ``dkim.key``) and
nowhere else: it is not printed, not written to a file and not logged. What is printed is
the public key, as the TXT record the ward's DNS administrator publishes.
"""

from __future__ import annotations

import json

from dispatch.base.errors import Conflict
from dispatch.cli.base import Commands, Context
from dispatch.mail.dkim import KEY_BITS, DkimError, check_names, dns_record, generate_private_key
from dispatch.operations import authorise
from dispatch.operations import settings as setting_ops
from dispatch.records.settings import get_setting


def register(commands: Commands) -> None:
    dkim = commands.add_parser("dkim", help="DKIM signing for relays that do not sign")
    actions = dkim.add_subparsers(dest="action", metavar="ACTION", required=True)
    keygen = actions.add_parser(
        "keygen",
        help="make a new key, keep it in the encrypted store, print the DNS TXT record",
    )
    keygen.add_argument("--selector", required=True, help="e.g. kishomail2026")
    keygen.add_argument("--domain", required=True, help="the d= domain, e.g. city.example.jp")
    keygen.add_argument("--bits", type=int, default=KEY_BITS, choices=[2048, 3072, 4096])
    keygen.add_argument(
        "--replace", action="store_true", help="replace the key already stored (key rotation)"
    )
    keygen.add_argument("--json", action="store_true")
    keygen.set_defaults(handler=cmd_keygen)
    record = actions.add_parser("record", help="print the DNS TXT record of the stored key")
    record.add_argument("--domain", help="the d= domain (default: the setting dkim.domain)")
    record.add_argument("--json", action="store_true")
    record.set_defaults(handler=cmd_record)


def zone_line(name: str, value: str) -> str:
    """A zone-file TXT record; the value is split in strings of at most 255 characters."""
    parts = " ".join(f'"{value[i : i + 250]}"' for i in range(0, len(value), 250))
    return f"{name}. IN TXT ( {parts} )"


def _print_record(name: str, value: str, as_json: bool, signing: bool) -> None:
    if as_json:
        print(json.dumps({"name": name, "type": "TXT", "value": value, "signing": signing}))
        return
    print("次の DNS レコード（TXT）を公開してください / Publish this DNS TXT record:")
    print()
    print(zone_line(name, value))
    print()
    print(f"名前 / name:  {name}")
    print(f"値 / value:   {value}")


def cmd_keygen(ctx: Context) -> int:
    args = ctx.args
    check_names(args.domain, args.selector)  # before anything is made or stored
    session = ctx.session()
    try:
        authorise.make_dkim_key(session)
        signing_domain = str(get_setting(session.connection, "dkim.domain"))
        if get_setting(session.connection, "dkim.key") and not args.replace:
            raise Conflict(
                "A DKIM key is already stored. To rotate it, choose a new selector and run "
                "again with --replace; 'kishomail dkim record' shows the current record."
            )
        pem = generate_private_key(args.bits)
        setting_ops.change_setting(session, "dkim.key", pem.decode("ascii"))
        setting_ops.change_setting(session, "dkim.selector", args.selector)
        name, value = dns_record(args.selector, args.domain, pem)
    finally:
        session.close()
    _print_record(name, value, args.json, bool(signing_domain))
    if not args.json:
        print()
        if signing_domain:
            print(
                f"署名は有効です（dkim.domain = {signing_domain}）。"
                "次回のサービス起動から新しい鍵で署名します。すぐにレコードを公開してください。"
                " / Signing is ON: the new key signs from the next start of the service; "
                "publish the record now."
            )
        else:
            print(
                "署名はまだ無効です。レコードを公開して DNS で見えるようになったら: / Signing is "
                "still OFF. Once the record is published and visible in DNS:"
            )
            print(f"  kishomail --user ADMIN settings set dkim.domain {args.domain}")
    return 0


def cmd_record(ctx: Context) -> int:
    session = ctx.session()
    try:
        authorise.show_dkim_record(session)
        key = str(get_setting(session.connection, "dkim.key"))
        selector = str(get_setting(session.connection, "dkim.selector"))
        signing_domain = str(get_setting(session.connection, "dkim.domain"))
    finally:
        session.close()
    domain = ctx.args.domain or signing_domain
    if not key:
        raise DkimError("No DKIM key is stored: run 'kishomail dkim keygen'.")
    if not domain:
        raise DkimError("Signing is off (dkim.domain is empty): give the domain with --domain.")
    name, value = dns_record(selector, domain, key)
    _print_record(name, value, ctx.args.json, bool(signing_domain))
    return 0
