"""Logging, configured once at the entry points: a rotating file in the user log folder.

Records name subscribers by id and accounts by name; no module logs an address, a password or
a key (tests check the log file for them).
"""

from __future__ import annotations

import logging
import logging.handlers

from dispatch.base.paths import log_dir

LOG_FILE = "kishomail.log"
_FORMAT = "%(asctime)s %(levelname)s %(threadName)s %(name)s: %(message)s"


def configure_logging(level: int = logging.INFO, name: str = LOG_FILE) -> None:
    """Log into ``name`` in the log folder (rotated); ``name`` is another file for a second
    process writing at the same time (one writer per file, so rotation never races)."""
    root = logging.getLogger()
    if any(getattr(h, "_kishomail", False) for h in root.handlers):
        return
    try:
        folder = log_dir()
        folder.mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = logging.handlers.RotatingFileHandler(
            folder / name, maxBytes=5 * 1024 * 1024, backupCount=10, encoding="utf-8"
        )
    except OSError:
        handler = logging.StreamHandler()  # a read-only profile must not stop the program
        handler.setLevel(logging.WARNING)
    handler.setFormatter(logging.Formatter(_FORMAT))
    handler._kishomail = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    root.setLevel(level)
    _quiet_address_loggers(level)


def configure_stream_logging(level: int = logging.INFO) -> None:
    """Log to standard error: for the desktop app's engine process, whose parent writes each
    line into its own log file (one writer per file, so rotation never races)."""
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(levelname)s %(threadName)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(level)
    _quiet_address_loggers(level)


def _quiet_address_loggers(level: int) -> None:
    # aiosmtpd (the embedded mail sink) logs every MAIL FROM and RCPT TO at INFO: addresses.
    for name in ("mail.log", "mail.debug"):
        logging.getLogger(name).setLevel(max(level, logging.WARNING))
