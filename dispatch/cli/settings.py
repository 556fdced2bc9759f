"""``kishomail settings get|set``: the domain settings kept in the encrypted store
(docs/admin/settings-reference.md lists them)."""

from __future__ import annotations

import getpass
import json
import sys

from dispatch.base.errors import ValidationError
from dispatch.cli.base import Commands, Context, UsageError, add_actions, add_command, emit
from dispatch.operations import settings as setting_ops
from dispatch.records.settings import DECLARED


def register(commands: Commands) -> None:
    settings = add_actions(commands, "settings", "domain settings")
    add_command(settings, "get", cmd_settings_get, "show a setting").add_argument("name")
    setting_set = add_command(settings, "set", cmd_settings_set, "change a setting")
    setting_set.add_argument("name")
    setting_set.add_argument(
        "value",
        nargs="?",
        help="the new value; a secret (smtp.password …) is never given here: it is asked "
        "for without echo, or read from the first line of standard input",
    )


def cmd_settings_get(ctx: Context) -> int:
    emit({ctx.args.name: setting_ops.setting_value(ctx.session(), ctx.args.name)}, True)
    return 0


def _secret_value(name: str) -> str:
    """A secret setting's value from a prompt without echo, or the first line of stdin."""
    if sys.stdin.isatty():
        value = getpass.getpass(f"{name}: ")
        if getpass.getpass("Again: ") != value:
            raise ValidationError("The two entries differ; nothing was changed.")
        return value
    return sys.stdin.readline().rstrip("\r\n")


def _new_value(name: str, given: str | None) -> str:
    secret = name in DECLARED and DECLARED[name].secret
    if secret and given is not None:
        raise ValidationError(
            f"{name} is a secret: it is not taken from the command line, where the shell "
            "history and other users' process lists would keep it. Nothing was changed. Run "
            f"'kishomail settings set {name}' and type it at the prompt, or give it on "
            "standard input."
        )
    if secret:
        return _secret_value(name)
    if given is None:
        raise UsageError(f"give the new value: kishomail settings set {name} VALUE")
    return given


def cmd_settings_set(ctx: Context) -> int:
    value = _new_value(ctx.args.name, ctx.args.value)
    session = ctx.session()
    setting_ops.change_setting(session, ctx.args.name, value)
    value = setting_ops.setting_value(session, ctx.args.name)
    print(f"{ctx.args.name} = {json.dumps(value, ensure_ascii=False)}")
    return 0
