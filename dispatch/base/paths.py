"""Where kishomail keeps its files."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "kishomail"


def resolve_data_dir(given: str | None) -> Path:
    """``--data-dir``, else ``KISHOMAIL_DATA_DIR``, else the platform's user data folder."""
    if given:
        return Path(given).expanduser()
    from_env = os.environ.get("KISHOMAIL_DATA_DIR")
    if from_env:
        return Path(from_env).expanduser()
    return platformdirs.user_data_path(APP_NAME, appauthor=False)


def log_dir() -> Path:
    """``KISHOMAIL_LOG_DIR``, else the platform's user log folder."""
    from_env = os.environ.get("KISHOMAIL_LOG_DIR")
    if from_env:
        return Path(from_env).expanduser()
    return platformdirs.user_log_path(APP_NAME, appauthor=False)
