"""Only one running service per data folder: a lock file that says who holds it."""

from __future__ import annotations

import json
import os
import socket
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

from dispatch.base.errors import Conflict

LOCK_FILE = "kishomail.lock"


class AlreadyRunning(Conflict):
    """The data folder's lock is held; ``holder`` says by whom (who, where, since when)."""

    code = "conflict.already_running"

    def __init__(self, holder: str) -> None:
        super().__init__(
            f"kishomail is already running on this data folder ({holder}). "
            "Stop that one first, or use it."
        )
        self.holder = holder


class InstanceLock:
    """An OS-level lock (released by the OS if the process dies, so a crash leaves no stale
    lock) on ``kishomail.lock``, whose text names the holder."""

    def __init__(self, data_dir: Path) -> None:
        self.path = data_dir / LOCK_FILE
        self._handle: IO[str] | None = None

    def acquire(self, holder: str) -> None:
        handle = open(self.path, "a+", encoding="utf-8")
        try:
            _lock(handle)
        except OSError:
            handle.seek(0)
            text = handle.read()
            handle.close()
            raise AlreadyRunning(_describe(text)) from None
        handle.seek(0)
        handle.truncate()
        handle.write(
            json.dumps(
                {
                    "holder": holder,
                    "pid": os.getpid(),
                    "host": socket.gethostname(),
                    "since": datetime.now(UTC).isoformat(timespec="seconds"),
                }
            )
        )
        handle.flush()
        self._handle = handle

    def holder(self) -> dict[str, Any] | None:
        """Who holds the lock now (``holder``, ``pid``, ``host``, ``since``), or None when no
        engine runs on this data folder. Changes nothing."""
        if not self.path.exists() or self._handle is not None:
            return None
        with open(self.path, "a+", encoding="utf-8") as handle:
            try:
                _lock(handle)
            except OSError:
                handle.seek(0)
                try:
                    info = json.loads(handle.read())
                except ValueError:
                    info = {}
                return info if isinstance(info, dict) else {}
            _unlock(handle)
            return None

    def release(self) -> None:
        if self._handle is not None:
            self._handle.seek(0)
            self._handle.truncate()
            _unlock(self._handle)
            self._handle.close()
            self._handle = None


def _describe(text: str) -> str:
    try:
        info: dict[str, Any] = json.loads(text)
    except ValueError:
        return "holder unknown"
    return (
        f"started by {info.get('holder')} on {info.get('host')}, process {info.get('pid')}, "
        f"since {info.get('since')}"
    )


if sys.platform == "win32":  # pragma: no cover - exercised on the office's Windows PCs
    import msvcrt

    def _lock(handle: IO[str]) -> None:
        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)

    def _unlock(handle: IO[str]) -> None:
        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _lock(handle: IO[str]) -> None:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)

    def _unlock(handle: IO[str]) -> None:
        fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
