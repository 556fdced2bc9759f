"""The command line as a registry of groups: every group in the registry adds commands, every
command is run by a handler of the one convention ``cmd_x(ctx: Context) -> int``, and the
package holds together without imports tucked inside functions."""

from __future__ import annotations

import argparse
import ast
import inspect
import json
import typing
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType

import dispatch.cli
from dispatch.cli import GROUPS, build_parser
from dispatch.cli.base import Context, Parser

CLI_FOLDER = Path(dispatch.cli.__file__).parent
DEMO_TELEGRAMS = Path(__file__).parents[4] / "resources" / "demo_telegrams"

Handler = Callable[..., object]


def _commands(
    parser: argparse.ArgumentParser, path: tuple[str, ...] = (), handler: Handler | None = None
) -> Iterator[tuple[tuple[str, ...], Handler | None]]:
    """Every runnable command (a parser without sub-commands) with the handler that runs it;
    a handler set on a parent runs the commands below it."""
    handler = parser.get_default("handler") or handler
    children = [
        action
        for action in parser._actions  # argparse keeps sub-parsers only here
        if isinstance(action, argparse._SubParsersAction)
    ]
    if not children:
        yield path, handler
    for action in children:
        for name, child in action.choices.items():
            yield from _commands(child, (*path, name), handler)


def _registered_by(group: ModuleType) -> list[tuple[tuple[str, ...], Handler | None]]:
    parser = Parser(prog="kishomail")
    commands = parser.add_subparsers(dest="command", parser_class=Parser)
    group.register(commands)
    return list(_commands(parser))


def _group_modules() -> list[ModuleType]:
    modules = []
    for group in GROUPS:
        assert isinstance(group, ModuleType)
        modules.append(group)
    return modules


def test_every_group_registers_commands_with_context_handlers() -> None:
    for group in _group_modules():
        registered = _registered_by(group)
        assert registered, f"{group.__name__} registers no command"
        for path, handler in registered:
            where = f"kishomail {' '.join(path)} ({group.__name__})"
            assert handler is not None, f"{where} has no handler"
            parameters = list(inspect.signature(handler).parameters)
            assert len(parameters) == 1, f"{where}: a handler takes only the context"
            hints = typing.get_type_hints(handler)
            assert hints[parameters[0]] is Context, f"{where}: the handler must take a Context"
            assert hints["return"] is int, f"{where}: the handler returns the exit status"


def test_every_handler_a_group_defines_is_registered() -> None:
    for group in _group_modules():
        registered = {handler for _, handler in _registered_by(group)}
        defined = {
            value
            for name, value in vars(group).items()
            if name.startswith("cmd_") and inspect.getmodule(value) is group
        }
        assert defined <= registered, f"{group.__name__} defines a handler no command runs"


def test_the_registry_is_the_whole_command_line() -> None:
    by_group = [path for group in _group_modules() for path, _ in _registered_by(group)]
    assert len(by_group) == len(set(by_group)), "two groups register the same command"
    whole = [path for path, _ in _commands(build_parser())]
    assert whole == by_group


def _imports(tree: ast.AST) -> Iterator[tuple[ast.AST, str]]:
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            yield node, node.module
        elif isinstance(node, ast.Import):
            for alias in node.names:
                yield node, alias.name


def test_no_import_of_our_own_modules_inside_a_function() -> None:
    for path in sorted(CLI_FOLDER.glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for function in ast.walk(tree):
            if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            for node, module in _imports(function):
                assert module.split(".")[0] not in ("dispatch", "feeds"), (
                    f"{path.name}:{getattr(node, 'lineno', '?')} imports {module} in a function"
                )


def test_base_imports_no_group() -> None:
    tree = ast.parse((CLI_FOLDER / "base.py").read_text(encoding="utf-8"))
    imported = {module for _, module in _imports(tree)}
    assert not {m for m in imported if m == "dispatch.cli" or m.startswith("dispatch.cli.")}


def test_the_feeds_commands_run_through_kishomail(cli) -> None:  # type: ignore[no-untyped-def]
    telegram = sorted(DEMO_TELEGRAMS.glob("*.xml"))[0]
    result = cli("feeds", "parse", str(telegram))
    assert result.returncode == 0, result.stderr
    parsed = json.loads(result.stdout.splitlines()[0])
    assert parsed
    missing = cli("feeds", "parse", str(telegram.with_name("no-such-telegram.xml")))
    assert missing.returncode == 1
    assert cli("feeds").returncode == 2
