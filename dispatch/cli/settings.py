"""``kishomail settings get|set``: the domain settings kept in the encrypted store
(docs/admin/settings-reference.md lists them)."""

from __future__ import annotations

import json

from dispatch.cli.base import Commands, Context, add_actions, add_command, emit
from dispatch.operations import settings as setting_ops


def register(commands: Commands) -> None:
    settings = add_actions(commands, "settings", "domain settings")
    add_command(settings, "get", cmd_settings_get, "show a setting").add_argument("name")
    setting_set = add_command(settings, "set", cmd_settings_set, "change a setting")
    setting_set.add_argument("name")
    setting_set.add_argument("value")


def cmd_settings_get(ctx: Context) -> int:
    emit({ctx.args.name: setting_ops.setting_value(ctx.session(), ctx.args.name)}, True)
    return 0


def cmd_settings_set(ctx: Context) -> int:
    session = ctx.session()
    setting_ops.change_setting(session, ctx.args.name, ctx.args.value)
    value = setting_ops.setting_value(session, ctx.args.name)
    print(f"{ctx.args.name} = {json.dumps(value, ensure_ascii=False)}")
    return 0
