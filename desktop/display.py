"""How file locations read on screen: short, and the same on every machine."""

from __future__ import annotations

from pathlib import Path

from dispatch.operations.demo import is_demo_source as is_demo_source  # pages ask it here


def short_path(path: str | Path) -> str:
    """``~/…`` for a path under the user's home folder; the path itself otherwise."""
    text = str(path)
    home = str(Path.home())
    if text == home or text.startswith(home + "/") or text.startswith(home + "\\"):
        return "~" + text[len(home) :]
    return text
