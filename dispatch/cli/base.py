"""What every ``kishomail`` command group shares: the context a handler receives, the one way
to open a session, secret input, output, misuse and the exit codes.

Every group module imports this one; it imports no group (nor the package ``__init__``), so
the command line has no import cycle. A handler is ``def cmd_x(ctx: Context) -> int``: the
parsed arguments are ``ctx.args``, the store's folder ``ctx.data_dir``, and ``ctx.session()``
logs in the user the arguments and environment name.
"""

from __future__ import annotations

import argparse
import getpass
import json
import os
import stat
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final, NoReturn, Protocol, TypeAlias

from dispatch.base.errors import TotpRequired, ValidationError
from dispatch.operations.session import Session, login

#: Exit status of a command that did what was asked.
EXIT_OK: Final = 0
#: Exit status of an error: one plain line on stderr says what happened and what to do.
EXIT_ERROR: Final = 1
#: Exit status of misuse of the command line (argparse uses it too).
EXIT_USAGE: Final = 2

#: The ``add_subparsers`` object a group adds its commands to. Its parser type is left open
#: because nested groups are made with :class:`Parser` and the top level by argparse's typing.
Commands: TypeAlias = "argparse._SubParsersAction[Any]"


class UsageError(Exception):
    """Misuse of the command line: exit status 2."""


@dataclass
class Context:
    """What a handler gets: the parsed arguments and the store's folder."""

    args: argparse.Namespace
    data_dir: Path

    def user(self) -> str:
        name = self.args.user or os.environ.get("KISHOMAIL_USER")
        if not name:
            raise UsageError("say who you are with --user NAME (or KISHOMAIL_USER)")
        return str(name)

    def session(self) -> Session:
        name = self.user()
        password = secret_from("KISHOMAIL_PASSWORD", f"Password for {name}: ")
        totp = env_secret("KISHOMAIL_TOTP")
        try:
            return login(self.data_dir, name, password, totp)
        except TotpRequired:
            if totp is not None or not sys.stdin.isatty():
                raise
            code = input("TOTP code: ")
            return login(self.data_dir, name, password, code)


#: The one shape of a command handler.
Handler: TypeAlias = Callable[[Context], int]


class CommandGroup(Protocol):
    """A module of this package that adds its commands to the ``kishomail`` parser."""

    def register(self, commands: Commands) -> None: ...


#: The environment variables that may carry a secret. :func:`take_secrets` moves them out of
#: ``os.environ`` when the command starts, so no child process, crash report or later reader
#: of the environment sees them.
SECRET_VARIABLES: Final = (
    "KISHOMAIL_PASSWORD",
    "KISHOMAIL_NEW_PASSWORD",
    "KISHOMAIL_TOTP",
    "KISHOMAIL_RECOVERY_KEY",
    "KISHOMAIL_ZIP_PASSWORD",
)
#: Names the inherited pipe through which :func:`reexec_without_secrets` hands the secrets to
#: the fresh image of the program (a file descriptor number, not a secret).
SECRETS_FD_VARIABLE: Final = "KISHOMAIL_SECRETS_FD"
#: The most the hand-over writes into the pipe before the exec: below every POSIX pipe's
#: capacity (PIPE_BUF is at least 512, Linux and macOS hold 16-64 KiB), so the write never waits
#: for a reader that only exists after the exec. Five secrets take a few hundred bytes.
_HANDOVER_LIMIT: Final = 4096
_SECRETS: dict[str, str] = {}


def take_secrets() -> bool:
    """Move the secret variables from the environment into this process's memory (start-up);
    also read those handed over by :func:`reexec_without_secrets`. True when a secret was in
    this process's start-up environment, which the kernel keeps showing in
    ``/proc/<pid>/environ`` whatever ``os.environ`` says afterwards."""
    _SECRETS.clear()  # only what this command was started with
    handed_over = os.environ.pop(SECRETS_FD_VARIABLE, None)
    if handed_over is not None:
        _SECRETS.update(_read_handover(handed_over))
    in_environment = False
    for variable in SECRET_VARIABLES:
        value = os.environ.pop(variable, None)
        if value is not None:
            _SECRETS[variable] = value
            in_environment = True
    return in_environment


def _read_handover(descriptor: str) -> dict[str, str]:
    """The secrets a previous image of this process wrote into the inherited pipe."""
    refused = UsageError(
        f"{SECRETS_FD_VARIABLE} does not name the pipe kishomail hands its secrets over in; "
        "unset it and give the password as usual"
    )
    try:
        fd = int(descriptor)
        if not stat.S_ISFIFO(os.fstat(fd).st_mode):
            raise refused
    except (ValueError, OSError):
        raise refused from None
    try:
        chunks = []
        while chunk := os.read(fd, 65536):
            chunks.append(chunk)
    finally:
        os.close(fd)  # nothing this process starts inherits it
    try:
        data = json.loads(b"".join(chunks))
    except ValueError:
        raise refused from None
    if not isinstance(data, dict):
        raise refused
    return {
        key: value
        for key, value in data.items()
        if key in SECRET_VARIABLES and isinstance(value, str)
    }


def can_reexec() -> bool:
    """Whether this platform replaces a process's image in place (POSIX ``execve``). On
    Windows there is no such call (``os.execv`` starts another process and ends this one,
    which a service manager or a waiting parent would take for an exit); there a process's
    environment is readable only by its own user and administrators."""
    return os.name == "posix"


def reexec_without_secrets() -> None:
    """Run this same command again in this same process (same pid, same arguments, same
    standard streams) with an environment that never held the secrets (returns only when the
    system refused, after a warning): the kernel shows a
    process's start-up environment in ``/proc/<pid>/environ`` for its whole life, and removing
    them from ``os.environ`` does not change that. The secrets go to the new image through an
    inherited pipe, read and closed at once by :func:`take_secrets` — never on the command
    line, never in a file."""
    payload = json.dumps(_SECRETS).encode()
    if len(payload) > _HANDOVER_LIMIT:
        raise UsageError("the secrets given in the environment are too long")
    read_end, write_end = os.pipe()
    try:
        view = memoryview(payload)
        while view:
            view = view[os.write(write_end, view) :]
    finally:
        os.close(write_end)
    os.set_inheritable(read_end, True)
    environment = {**os.environ, SECRETS_FD_VARIABLE: str(read_end)}
    if getattr(sys, "frozen", False):  # the bundle's own program
        argv = [sys.executable, *sys.argv[1:]]
    else:  # the interpreter with its own options (-m dispatch, -X …) and the command's
        argv = [sys.executable, *sys.orig_argv[1:]]
    sys.stdout.flush()
    sys.stderr.flush()
    try:
        os.execve(sys.executable, argv, environment)  # noqa: S606 - this program, its own argv
    except OSError as error:  # returns only on failure: go on as started, and say so
        os.close(read_end)
        print(
            f"kishomail: warning: could not restart without the secrets in the environment "
            f"({error.strerror or error}); the system may show them for this process",
            file=sys.stderr,
        )


def env_secret(variable: str) -> str | None:
    """A secret given in the environment at start-up (see :func:`take_secrets`)."""
    return _SECRETS.get(variable) or os.environ.get(variable) or None


def secret_from(variable: str, prompt: str, *, confirm: bool = False) -> str:
    value = env_secret(variable)
    if value:
        return value
    if not sys.stdin.isatty():
        raise UsageError(f"no terminal to ask in: set {variable}")
    value = getpass.getpass(prompt)
    if confirm and getpass.getpass("Again: ") != value:
        raise ValidationError("The two entries differ; nothing was changed.")
    return value


def emit(data: Any, as_json: bool, text: Callable[[Any], str] | None = None) -> None:
    if as_json:
        print(json.dumps(data, ensure_ascii=False, default=str))
    elif text is not None:
        print(text(data))
    else:
        print(data)


def emit_text(data: Any, as_json: bool, text: str) -> None:
    """``data`` as JSON with ``--json``, else the ready-made ``text``."""
    emit(data, as_json, lambda _: text)


class Parser(argparse.ArgumentParser):
    """argparse's parser, with misuse reported as one ``kishomail:`` line and status 2."""

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"kishomail: {message}\n")


def add_command(
    group: Commands, name: str, handler: Handler, help_text: str
) -> argparse.ArgumentParser:
    """Add the command ``name`` to ``group``, run by ``handler``."""
    sub: argparse.ArgumentParser = group.add_parser(name, help=help_text)
    sub.set_defaults(handler=handler)
    return sub


def add_actions(commands: Commands, name: str, help_text: str) -> Commands:
    """A command with required sub-commands (``kishomail NAME ACTION``)."""
    actions: Commands = commands.add_parser(name, help=help_text).add_subparsers(
        dest="action", metavar="ACTION", parser_class=Parser, required=True
    )
    return actions
