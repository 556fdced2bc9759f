"""``kishomail feeds …``: the ``feeds`` package's own commands (parse telegrams, show the alerts
they produce, poll a feed), mounted in the ``kishomail`` command line.

``feeds`` imports nothing of ours, so its handlers take the argparse namespace, not a
:class:`~dispatch.cli.base.Context`: :func:`cmd_feeds` is the one handler of the group and hands
the namespace on to the handler ``feeds`` chose.
"""

from __future__ import annotations

from dispatch.cli.base import Commands, Context
from feeds import cli as feeds_cli


def register(commands: Commands) -> None:
    feeds_cli.register(commands)
    commands.choices["feeds"].set_defaults(handler=cmd_feeds)


def cmd_feeds(ctx: Context) -> int:
    return int(ctx.args.func(ctx.args))
