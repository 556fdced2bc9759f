"""``kishomail init|recover|rekey``: make the encrypted store, reset an administrator with the
recovery key, re-encrypt the store under a new data key."""

from __future__ import annotations

from dispatch.cli.base import Commands, Context, add_command, secret_from
from dispatch.operations import keys as key_ops
from dispatch.operations.session import initialise, recover


def register(commands: Commands) -> None:
    init = add_command(commands, "init", cmd_init, "create a new encrypted store")
    init.add_argument("--admin", required=True, help="the first administrator's account name")
    rec = add_command(commands, "recover", cmd_recover, "use the recovery key to reset an admin")
    rec.add_argument("--admin", required=True)
    add_command(commands, "rekey", cmd_rekey, "re-encrypt the store under a new data key")


def cmd_init(ctx: Context) -> int:
    password = secret_from(
        "KISHOMAIL_PASSWORD", f"New password for {ctx.args.admin}: ", confirm=True
    )
    session, recovery_key = initialise(ctx.data_dir, ctx.args.admin, password)
    session.close()
    print(f"Created a kishomail store in {ctx.data_dir} with administrator {ctx.args.admin}.")
    print()
    print("RECOVERY KEY — shown this once. Print it or write it down and lock it away;")
    print("it opens the store when every administrator's password is lost:")
    print()
    print(f"    {recovery_key}")
    print()
    return 0


def cmd_recover(ctx: Context) -> int:
    key = secret_from("KISHOMAIL_RECOVERY_KEY", "Recovery key: ")
    password = secret_from(
        "KISHOMAIL_NEW_PASSWORD", f"New password for {ctx.args.admin}: ", confirm=True
    )
    recover(ctx.data_dir, key, ctx.args.admin, password).close()
    print(f"Administrator {ctx.args.admin} has a new password. Log in with it now.")
    return 0


def cmd_rekey(ctx: Context) -> int:
    session = ctx.session()
    key_ops.rekey(session)
    session.close()
    print("The store is re-encrypted under a new data key; every account's password and the")
    print("recovery key still open it. Backups made before now still need the old key file.")
    return 0
