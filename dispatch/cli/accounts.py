"""``kishomail accounts …``: staff accounts, their roles, passwords and TOTP second factor."""

from __future__ import annotations

from dispatch.cli.base import Commands, Context, Parser, add_actions, add_command, emit, secret_from
from dispatch.operations import accounts as account_ops
from dispatch.operations import notifications as notify_ops
from dispatch.operations import settings as setting_ops
from dispatch.records.accounts import parse_role


def register(commands: Commands) -> None:
    accounts = add_actions(commands, "accounts", "staff accounts")
    add = add_command(accounts, "add", cmd_accounts_add, "add an account")
    add.add_argument("name")
    add.add_argument("--role", required=True, help="administrator, operator, duty_officer, auditor")
    add.add_argument("--display-name")
    add.add_argument("--json", action="store_true")
    add_command(accounts, "list", cmd_accounts_list, "list accounts").add_argument(
        "--json", action="store_true"
    )
    add_command(
        accounts, "deactivate", cmd_accounts_deactivate, "deactivate (staff transfer)"
    ).add_argument("name")
    add_command(
        accounts, "reactivate", cmd_accounts_reactivate, "reactivate with a new password"
    ).add_argument("name")
    add_command(accounts, "passwd", cmd_accounts_passwd, "change a password").add_argument(
        "name", nargs="?"
    )
    role = add_command(accounts, "role", cmd_accounts_role, "change an account's role")
    role.add_argument("name")
    role.add_argument("role")
    contact = accounts.add_parser("contact", help="staff notification addresses").add_subparsers(
        dest="contact_action", metavar="ACTION", parser_class=Parser, required=True
    )
    contact_add = add_command(contact, "add", cmd_contact_add, "add a notification address")
    contact_add.add_argument("name")
    contact_add.add_argument("address")
    contact_remove = add_command(contact, "remove", cmd_contact_remove, "remove an address")
    contact_remove.add_argument("name")
    contact_remove.add_argument("address")
    contact_list = add_command(contact, "list", cmd_contact_list, "list notification addresses")
    contact_list.add_argument("name", nargs="?")
    contact_list.add_argument("--json", action="store_true")
    totp = accounts.add_parser("totp", help="TOTP second factor").add_subparsers(
        dest="totp_action", metavar="ACTION", parser_class=Parser, required=True
    )
    add_command(totp, "enable", cmd_totp_enable, "start enrolment").add_argument("name", nargs="?")
    confirm = add_command(totp, "confirm", cmd_totp_confirm, "finish enrolment with a code")
    confirm.add_argument("code")
    confirm.add_argument("name", nargs="?")
    add_command(totp, "disable", cmd_totp_disable, "turn TOTP off for an account").add_argument(
        "name"
    )
    add_command(
        totp, "require", cmd_totp_require, "make TOTP mandatory (on) or optional (off)"
    ).add_argument("state", choices=["on", "off"])


def cmd_accounts_add(ctx: Context) -> int:
    session = ctx.session()
    password = secret_from(
        "KISHOMAIL_NEW_PASSWORD", f"Initial password for {ctx.args.name}: ", confirm=True
    )
    account = account_ops.add_account(
        session, ctx.args.name, parse_role(ctx.args.role), password, ctx.args.display_name or ""
    )
    emit(account.as_dict(), ctx.args.json, lambda a: f"Added {a['name']} ({a['role']}).")
    return 0


def cmd_accounts_list(ctx: Context) -> int:
    accounts = [a.as_dict() for a in account_ops.list_accounts(ctx.session())]
    if ctx.args.json:
        emit(accounts, True)
        return 0
    for a in accounts:
        state = "active" if a["active"] else f"deactivated {a['deactivated_at']}"
        totp = "TOTP" if a["totp"] else "no TOTP"
        print(f"{a['name']:<20} {a['role']:<14} {state:<12} {totp}")
    return 0


def cmd_accounts_deactivate(ctx: Context) -> int:
    rekeyed = account_ops.deactivate_account(ctx.session(), ctx.args.name)
    print(f"Deactivated {ctx.args.name}. {_key_change(rekeyed)}")
    return 0


def cmd_accounts_reactivate(ctx: Context) -> int:
    session = ctx.session()
    password = secret_from(
        "KISHOMAIL_NEW_PASSWORD", f"New password for {ctx.args.name}: ", confirm=True
    )
    account_ops.reactivate_account(session, ctx.args.name, password)
    print(f"Reactivated {ctx.args.name} with a new password.")
    return 0


def cmd_accounts_passwd(ctx: Context) -> int:
    session = ctx.session()
    target = ctx.args.name or session.account.name
    new = secret_from("KISHOMAIL_NEW_PASSWORD", f"New password for {target}: ", confirm=True)
    if target == session.account.name:
        old = secret_from("KISHOMAIL_PASSWORD", "Current password: ")
        account_ops.change_own_password(session, old, new)
        print(f"The password of {target} is changed.")
    else:
        rekeyed = account_ops.reset_password(session, target, new)
        print(f"The password of {target} is changed. {_key_change(rekeyed)}")
    return 0


def cmd_accounts_role(ctx: Context) -> int:
    account_ops.set_role(ctx.session(), ctx.args.name, parse_role(ctx.args.role))
    print(f"{ctx.args.name} now has the role {ctx.args.role}.")
    return 0


def cmd_totp_enable(ctx: Context) -> int:
    uri = account_ops.start_totp(ctx.session(), ctx.args.name)
    print("Add this to the authenticator app (shown once), then run 'accounts totp confirm CODE':")
    print(uri)
    return 0


def cmd_totp_confirm(ctx: Context) -> int:
    account_ops.confirm_totp(ctx.session(), ctx.args.code, ctx.args.name)
    print("TOTP is on: from now on log in with a code from the app.")
    return 0


def cmd_totp_disable(ctx: Context) -> int:
    account_ops.disable_totp(ctx.session(), ctx.args.name)
    print(f"TOTP is off for {ctx.args.name}.")
    return 0


def cmd_totp_require(ctx: Context) -> int:
    value = setting_ops.change_setting(ctx.session(), "security.require_totp", ctx.args.state)
    print("TOTP is now mandatory for every account." if value else "TOTP is now optional.")
    return 0


def _key_change(rekeyed: bool) -> str:
    if rekeyed:
        return (
            "The data key was changed: no earlier copy of the key file opens the store with "
            "the old password."
        )
    return (
        "The alerting engine is running, so the data key could not be changed now: until it "
        "is, an earlier copy of the key file still opens the store with the old password. Stop "
        "the engine and run 'kishomail rekey' ('kishomail doctor' reminds you)."
    )


def cmd_contact_add(ctx: Context) -> int:
    notify_ops.add_contact(ctx.session(), ctx.args.name, ctx.args.address)
    print(f"Added a notification address for {ctx.args.name}.")
    return 0


def cmd_contact_remove(ctx: Context) -> int:
    notify_ops.remove_contact(ctx.session(), ctx.args.name, ctx.args.address)
    print(f"Removed that notification address of {ctx.args.name}.")
    return 0


def cmd_contact_list(ctx: Context) -> int:
    contacts = [c.as_dict() for c in notify_ops.list_contacts(ctx.session(), ctx.args.name)]
    if ctx.args.json:
        emit(contacts, True)
        return 0
    for c in contacts:
        print(f"{c['account']:<20} {c['address']}")
    if not contacts:
        print("No notification addresses: add one with 'accounts contact add NAME ADDRESS'.")
    return 0
