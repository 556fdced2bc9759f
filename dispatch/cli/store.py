"""``kishomail init|recover|rekey|recovery-key``: make the encrypted store, reset an
administrator with the recovery key, re-encrypt the store under a new data key, issue a new
recovery key."""

from __future__ import annotations

import sys

from dispatch.base.errors import ValidationError
from dispatch.cli.base import Commands, Context, add_command, secret_from
from dispatch.operations import keys as key_ops
from dispatch.operations.session import (
    WITHOUT_TOTP,
    FirstTotp,
    Session,
    WithoutTotp,
    check_first_administrator,
    initialise,
    new_first_totp,
    recover,
)

#: Tries at typing the first code before ``init`` gives up (nothing is created then).
CODE_TRIES = 3


def register(commands: Commands) -> None:
    init = add_command(commands, "init", cmd_init, "create a new encrypted store")
    init.add_argument("--admin", required=True, help="the first administrator's account name")
    init.add_argument(
        "--without-totp",
        action="store_true",
        help="do not require TOTP codes of staff (test and demo stores only; "
        "recorded in the audit log)",
    )
    rec = add_command(commands, "recover", cmd_recover, "use the recovery key to reset an admin")
    rec.add_argument("--admin", required=True)
    add_command(commands, "rekey", cmd_rekey, "re-encrypt the store under a new data key")
    add_command(
        commands,
        "recovery-key",
        cmd_recovery_key,
        "issue a new recovery key (the old one stops opening the store); shown once",
    )


def cmd_init(ctx: Context) -> int:
    admin = ctx.args.admin
    password = secret_from("KISHOMAIL_PASSWORD", f"New password for {admin}: ", confirm=True)
    check_first_administrator(admin, password)
    totp: FirstTotp | WithoutTotp = WITHOUT_TOTP
    if not ctx.args.without_totp:
        totp = _enrol_first_totp(admin)
    session, recovery_key = _create(ctx, admin, password, totp)
    session.close()
    print(f"Created a kishomail store in {ctx.data_dir} with administrator {admin}.")
    if isinstance(totp, FirstTotp):
        print("Every staff account must log in with a TOTP code (security.require_totp).")
    else:
        print("TOTP codes are NOT required (--without-totp): for test and demo stores only.")
    print()
    print("RECOVERY KEY — shown this once. Print it or write it down and lock it away;")
    print("it opens the store when every administrator's password is lost:")
    print()
    print(f"    {recovery_key}")
    print()
    return 0


def _enrol_first_totp(admin: str) -> FirstTotp:
    """Show a new TOTP secret and read one code from the app (standard input: a code is good
    for 30 seconds only, so it is no secret to keep off a pipe)."""
    first = new_first_totp(admin)
    print(f"TOTP is required of every staff account. Add {admin} to an authenticator app")
    print("(shown once; a QR code generator can turn the URI into a code to scan):")
    print()
    print(f"    secret: {first.secret_text}")
    print(f"    URI:    {first.uri}")
    print()
    return first


def _create(
    ctx: Context, admin: str, password: str, totp: FirstTotp | WithoutTotp
) -> tuple[Session, str]:
    if not isinstance(totp, FirstTotp):
        return initialise(ctx.data_dir, admin, password, totp=totp)
    for attempt in range(1, CODE_TRIES + 1):
        print("Code the app shows now: ", end="", flush=True)
        code = sys.stdin.readline().strip()
        if not code:
            break
        try:
            return initialise(ctx.data_dir, admin, password, totp=totp.with_code(code))
        except ValidationError as error:
            if attempt == CODE_TRIES or "does not match" not in error.message:
                raise
            print(error.message, flush=True)
    raise ValidationError(
        "No valid TOTP code was entered: nothing was created. Run 'kishomail init' again "
        "(a new secret is shown), or --without-totp for a test store."
    )


def cmd_recover(ctx: Context) -> int:
    key = secret_from("KISHOMAIL_RECOVERY_KEY", "Recovery key: ")
    password = secret_from(
        "KISHOMAIL_NEW_PASSWORD", f"New password for {ctx.args.admin}: ", confirm=True
    )
    recover(ctx.data_dir, key, ctx.args.admin, password).close()
    print(f"Administrator {ctx.args.admin} has a new password. Log in with it now.")
    return 0


def cmd_recovery_key(ctx: Context) -> int:
    session = ctx.session()
    recovery_key = key_ops.new_recovery_key(session)
    session.close()
    print("The new recovery key (shown once: print it and lock it away; the old one no longer")
    print("opens this store, only backups made before today):")
    print(recovery_key)
    return 0


def cmd_rekey(ctx: Context) -> int:
    session = ctx.session()
    key_ops.rekey(session)
    session.close()
    print("The store is re-encrypted under a new data key; every account's password and the")
    print("recovery key still open it. Backups made before now still need the old key file.")
    return 0
