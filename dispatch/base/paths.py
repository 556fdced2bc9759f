"""Where kishomail keeps its files."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import platformdirs

APP_NAME = "kishomail"
#: In :func:`service_dir`: what ``kishomail service install`` recorded (no secret in it).
SERVICE_CONFIG = "service.json"


def resolve_data_dir(given: str | None) -> Path:
    """``--data-dir``, else ``KISHOMAIL_DATA_DIR``, else the machine's store when the engine is
    installed as a service, else the platform's user data folder."""
    if given:
        return Path(given).expanduser()
    from_env = os.environ.get("KISHOMAIL_DATA_DIR")
    if from_env:
        return Path(from_env).expanduser()
    installed = installed_data_dir()
    if installed is not None:
        return installed
    return platformdirs.user_data_path(APP_NAME, appauthor=False)


def service_dir() -> Path:
    """Where the installed service keeps its machine slot, *outside* the data folder:
    ``KISHOMAIL_SERVICE_DIR``, else ``/etc/kishomail`` or ``%ProgramData%\\kishomail-service``."""
    from_env = os.environ.get("KISHOMAIL_SERVICE_DIR")
    if from_env:
        return Path(from_env).expanduser()
    if sys.platform == "win32":
        return Path(os.environ.get("ProgramData", r"C:\ProgramData")) / "kishomail-service"
    return Path("/etc/kishomail")


def machine_data_dir() -> Path:
    """The machine-wide data folder an installed service uses by default."""
    if sys.platform == "win32":
        return Path(os.environ.get("ProgramData", r"C:\ProgramData")) / APP_NAME
    return Path("/var/lib/kishomail")


def installed_data_dir() -> Path | None:
    """The data folder ``service install`` recorded on this machine, if any (readable by every
    local user: it names a folder, nothing secret)."""
    try:
        document = json.loads((service_dir() / SERVICE_CONFIG).read_text(encoding="utf-8"))
        return Path(str(document["data_dir"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def log_dir() -> Path:
    """``KISHOMAIL_LOG_DIR``, else the platform's user log folder."""
    from_env = os.environ.get("KISHOMAIL_LOG_DIR")
    if from_env:
        return Path(from_env).expanduser()
    return platformdirs.user_log_path(APP_NAME, appauthor=False)
