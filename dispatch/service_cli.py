"""``kishomail run``: the headless service (placeholder until the dispatch engine lands)."""

from __future__ import annotations

import argparse
from typing import Any


def register(commands: Any) -> None:
    run = commands.add_parser("run", help="run the headless service")
    run.add_argument("--demo", action="store_true", help="embedded defaults: demo store and feed")
    run.add_argument("--once", action="store_true", help="one poll, then stop")
    run.set_defaults(func=_run)


def _run(args: argparse.Namespace) -> int:
    print("kishomail: the headless service is not built yet.")
    return 1
