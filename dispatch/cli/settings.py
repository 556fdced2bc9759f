"""``kishomail settings get|set``: the domain settings kept in the encrypted store
(docs/admin/settings-reference.md lists them)."""

from __future__ import annotations

import json

from dispatch.cli.base import Commands, Context, add_actions, add_command, emit


def register(commands: Commands) -> None:
    settings = add_actions(commands, "settings", "domain settings")
    add_command(settings, "get", cmd_settings_get, "show a setting").add_argument("name")
    setting_set = add_command(settings, "set", cmd_settings_set, "change a setting")
    setting_set.add_argument("name")
    setting_set.add_argument("value")


def cmd_settings_get(ctx: Context) -> int:
    emit({ctx.args.name: ctx.session().get_setting(ctx.args.name)}, True)
    return 0


def cmd_settings_set(ctx: Context) -> int:
    session = ctx.session()
    session.change_setting(ctx.args.name, ctx.args.value)
    print(f"{ctx.args.name} = {json.dumps(session.get_setting(ctx.args.name), ensure_ascii=False)}")
    return 0
