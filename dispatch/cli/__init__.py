"""The ``kishomail`` command line: the contract other parts, scripts and checks rely on.

``kishomail [--data-dir DIR] [--user NAME] COMMAND …``. The password comes from
``KISHOMAIL_PASSWORD`` or a prompt without echo, the TOTP code from ``KISHOMAIL_TOTP`` or a
prompt. Exit status: 0 success, 1 an error (one plain line on stderr, no traceback; the trace
of an unexpected error goes to the log file), 2 misuse.

This package is the top floor of ``dispatch``: it may import every floor below, and nothing
below imports it. Here live only the registry of command groups and :func:`main`. What the
groups share — the :class:`~dispatch.cli.base.Context` a handler receives, the one way to open
a session, secret input, output, the exit codes — is :mod:`dispatch.cli.base`, which every group
imports and which imports no group. Each group is one module with ``register(commands)``, and
every handler is ``def cmd_x(ctx: Context) -> int``. ``reference`` and ``settings_reference``
generate the command and settings references in ``docs/admin/``.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from typing import Final

import sqlcipher3

from dispatch import __version__
from dispatch.base.errors import KishomailError, StoreError
from dispatch.base.logs import configure_logging
from dispatch.base.paths import resolve_data_dir
from dispatch.cli import (
    accounts,
    alerts,
    audit,
    backup,
    bounces,
    checks,
    dispatches,
    dkim,
    erasure,
    feeds,
    mailbox,
    notify,
    registration,
    report,
    run,
    service,
    settings,
    smtp,
    stations,
    stats,
    store,
    subscribers,
)
from dispatch.cli.base import (
    EXIT_ERROR,
    EXIT_USAGE,
    CommandGroup,
    Context,
    Parser,
    UsageError,
    can_reexec,
    reexec_without_secrets,
    take_secrets,
)
from dispatch.store.database import storage_error
from feeds.errors import FeedError

log = logging.getLogger(__name__)

#: The command groups, in the order ``kishomail --help`` and docs/admin/commands.md list them.
GROUPS: Final[tuple[CommandGroup, ...]] = (
    store,
    accounts,
    settings,
    stations,
    subscribers,
    audit,
    feeds,
    run,
    service,
    dispatches,
    mailbox,
    smtp,
    registration,
    alerts,
    stats,
    bounces,
    backup,
    erasure,
    report,
    checks,
    notify,
    dkim,
)


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(prog="kishomail", description="気象メール — weather-alert mail for the ward.")
    parser.add_argument("--version", action="version", version=f"kishomail {__version__}")
    parser.add_argument("--data-dir", help="the store's folder (or KISHOMAIL_DATA_DIR)")
    parser.add_argument("--user", help="your account name (or KISHOMAIL_USER)")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
    commands.required = True
    for group in GROUPS:
        group.register(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    try:
        in_environment = take_secrets()  # before anything else runs: none stays in os.environ
    except UsageError as error:
        print(f"kishomail: {error}", file=sys.stderr)
        return EXIT_USAGE
    args = parser.parse_args(argv)
    if in_environment and argv is None and getattr(args, "keeps_running", False) and can_reexec():
        # A command that runs for days: not even the kernel's copy of the start-up
        # environment (/proc/<pid>/environ) may keep the secret that long.
        reexec_without_secrets()
    configure_logging()
    try:
        return int(args.handler(Context(args, resolve_data_dir(args.data_dir))))
    except UsageError as error:
        print(f"kishomail: {error}", file=sys.stderr)
        return EXIT_USAGE
    except KishomailError as error:
        print(f"kishomail: {error.message}", file=sys.stderr)
        return EXIT_ERROR
    except sqlcipher3.DatabaseError as error:  # a lock held too long, a full disk
        explained = storage_error(error, resolve_data_dir(args.data_dir))
        if explained is None:
            log.exception("unexpected database error in command %s", args.command)
            explained = StoreError(
                f"The database reported an error ({error}); nothing more was done. The details "
                "are in the log file; please report it."
            )
        print(f"kishomail: {explained.message}", file=sys.stderr)
        return EXIT_ERROR
    except FeedError as error:
        print(f"kishomail: {error}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("kishomail: interrupted", file=sys.stderr)
        return EXIT_ERROR
    except Exception as error:  # a crash: one line here, the trace in the log
        log.exception("unexpected error in command %s", args.command)
        print(
            f"kishomail: unexpected error ({type(error).__name__}); the details are in the log "
            "file. Please report it.",
            file=sys.stderr,
        )
        return EXIT_ERROR
