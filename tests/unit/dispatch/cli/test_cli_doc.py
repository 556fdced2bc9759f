"""The command reference in the manual lists every command that exists."""

from __future__ import annotations

from pathlib import Path

from dispatch.cli.reference import REFERENCE, render

REPO = Path(__file__).resolve().parents[4]


def test_the_committed_command_reference_is_current() -> None:
    committed = (REPO / REFERENCE).read_text(encoding="utf-8")
    assert committed == render(), (
        "run 'python -m dispatch.cli.reference --write' and commit the file"
    )


def test_every_command_group_is_in_the_reference() -> None:
    text = render()
    for command in (
        "init", "subscribers import", "audit export", "run", "dispatch list", "mailbox list",
        "feeds poll", "alert approve", "backup restore", "erase-all", "doctor", "selftest",
        "serve-registration", "dkim keygen",
    ):  # fmt: skip
        assert f"## `kishomail {command}`" in text or f"# `kishomail {command}`" in text, command
