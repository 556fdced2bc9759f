"""One change of the key file at a time: an OS file lock around every read-modify-write.

The key file is read, changed and written back by logins (failed-login counters), password
changes, account changes, ``rekey`` and restores. Two of them interleaving can lose one's write —
worse, a failed login that read the key file before a ``rekey`` and wrote it back after put the
*old* data key back beside a database under the *new* one, and then no password and no recovery
key opened the store. Every such change therefore runs under :func:`key_file_lock`.

The lock is an OS lock (``flock`` on POSIX, ``msvcrt.locking`` on Windows) on
``kishomail.keys.lock``: it holds between processes (the desktop app, ``kishomail`` commands, the
engine) and between threads (each acquisition opens the file anew), and the OS releases it when
a process dies, so a crash leaves no stale lock. It is re-entrant within a thread, so an
operation holding it may call a helper that takes it too.
"""

from __future__ import annotations

import os
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from dispatch.base.errors import KeyFileBusy
from dispatch.store.files import KEY_LOCK_FILE

#: How long a change waits for another one to finish before it gives up (a login's key
#: derivation or a rekey of a large store takes seconds, not minutes).
WAIT_SECONDS = 120.0
_POLL_SECONDS = 0.02

_held = threading.local()


def _depths() -> dict[str, int]:
    depths: dict[str, int] | None = getattr(_held, "depths", None)
    if depths is None:
        depths = _held.depths = {}
    return depths


@contextmanager
def key_file_lock(data_dir: Path, wait: float = WAIT_SECONDS) -> Iterator[None]:
    """Hold the data folder's key-file lock for the block (waiting up to ``wait`` seconds)."""
    if not data_dir.is_dir():
        yield  # no store here: nothing to protect, and the caller says so in its own words
        return
    key = str(data_dir.resolve())
    depths = _depths()
    if depths.get(key):
        depths[key] += 1
        try:
            yield
        finally:
            depths[key] -= 1
        return
    handle = open(data_dir / KEY_LOCK_FILE, "a+b")  # held open for the whole block
    try:
        if os.name == "posix":
            os.chmod(handle.name, 0o600)
        _acquire(handle, wait)
        depths[key] = 1
        try:
            yield
        finally:
            depths.pop(key, None)
            _release(handle)
    finally:
        handle.close()


def _acquire(handle: IO[bytes], wait: float) -> None:
    deadline = time.monotonic() + wait
    while True:
        try:
            _try_lock(handle)
            return
        except OSError:
            if time.monotonic() >= deadline:
                raise KeyFileBusy(
                    "Another kishomail program has been changing the key file for "
                    f"{wait:.0f} seconds (a login, a password change or a rekey). Nothing was "
                    "changed; try again when it has finished."
                ) from None
            time.sleep(_POLL_SECONDS)


if sys.platform == "win32":  # pragma: no cover - exercised on the office's Windows PCs
    import msvcrt

    def _try_lock(handle: IO[bytes]) -> None:
        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)

    def _release(handle: IO[bytes]) -> None:
        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock(handle: IO[bytes]) -> None:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)

    def _release(handle: IO[bytes]) -> None:
        fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
