"""How file locations read on screen: short, and the same on every machine."""

from __future__ import annotations

from pathlib import Path

from dispatch.engine.assembly import DEMO_SOURCE, demo_telegrams_folder


def short_path(path: str | Path) -> str:
    """``~/…`` for a path under the user's home folder; the path itself otherwise."""
    text = str(path)
    home = str(Path.home())
    if text == home or text.startswith(home + "/") or text.startswith(home + "\\"):
        return "~" + text[len(home) :]
    return text


def is_demo_source(source: str) -> bool:
    """True when the feed source is the bundled demo telegrams folder."""
    if source == DEMO_SOURCE:
        return True
    try:
        return bool(source) and Path(source).resolve() == demo_telegrams_folder().resolve()
    except OSError:
        return False
