"""The desktop app's engine, in a process of its own.

Why a process: the engine is busy Python (rendering, SMTP, the outbox) while a dispatch runs.
In the GUI's process its threads compete with the GUI thread for the interpreter lock, and the
window stalls for 100–170 ms at a time while a table repaints (bench/bench_gui_responsiveness.py).
In its own process it has the interpreter to itself, and so has the window.

The protocol, line by line over the child's standard streams:

- stdin, first line: ``{"data_dir", "store_id", "data_key" (hex), "started_by"}`` as JSON —
  the key of the store the desktop has already unlocked — and ``"signing_key"`` (hex), the
  audit signing key of the person who unlocked it, so that the engine's audit entries are
  signed by that person as in the desktop's own process. Neither ever appears on the command
  line or in the environment, where other users of the machine could read it.
- stdin, later: ``stop`` (or the end of stdin, e.g. when the desktop app dies) stops the
  engine gracefully: the messages in flight are finished and recorded.
- **detached** (``"detached": true`` in the first line, how the desktop app starts it now): the
  engine is not tied to the window that started it. It writes only ``Started`` or
  ``StartFailed`` on stdout and closes it; its log goes to ``kishomail-engine.log`` in the log
  folder; the end of stdin changes nothing; SIGTERM or SIGINT (on Windows also CTRL_BREAK) stops
  it gracefully. Everyone — the desktop app that started it, the next officer's login, another
  staff member's window — watches it through the control channel
  (:mod:`dispatch.engine.control_channel`). Logging out, closing the window or a crash of the
  desktop app leave it sending.
- stdout: one engine event per line in its JSON form, ``{"event": ..., "data": {...}}``
  (:mod:`dispatch.engine.events`): the service's events and this module's ``Started``
  (``local_mailbox``: no relay is configured), ``StartFailed`` (``code``, ``message``) and
  ``Stopped``.
- stderr: the engine's log lines; the desktop app writes them into its log file.

Run as ``python -m dispatch.engine.process``; the frozen build runs ``kishomail engine-process``.
"""

from __future__ import annotations

import json
import logging
import signal
import sys
import threading
from pathlib import Path
from typing import IO

from dispatch.base.errors import KishomailError
from dispatch.base.logs import configure_logging, configure_stream_logging
from dispatch.engine.assembly import build_engine
from dispatch.engine.events import EngineEvent, Started, StartFailed, Stopped, to_json
from dispatch.store.database import Store
from dispatch.store.signing import AuditSigner

log = logging.getLogger(__name__)

STOP = "stop"
#: The detached engine's own log file (the desktop app's is ``kishomail.log``).
ENGINE_LOG_FILE = "kishomail-engine.log"


class EventWriter:
    """Writes events as JSON lines; called from the service's threads, hence the lock."""

    def __init__(self, stream: IO[str]) -> None:
        self._stream = stream
        self._lock = threading.Lock()
        self._closed = False

    def close(self) -> None:
        """No more events on the stream (a detached engine's parent stops reading)."""
        with self._lock:
            self._closed = True
            try:
                self._stream.close()
            except OSError:
                pass

    def write(self, event: EngineEvent) -> None:
        """Give this to ``build_engine(listeners=[...])``."""
        line = to_json(event)
        with self._lock:
            if self._closed:
                return
            try:
                self._stream.write(line + "\n")
                self._stream.flush()
            except (OSError, ValueError):  # the desktop app is gone; stdin's end stops us
                log.warning("event %s not delivered: the desktop app no longer listens", event.name)


def read_handshake(stream: IO[str]) -> tuple[Store, str, bool]:
    """The store to open, the account that started the engine, and whether it runs detached,
    from the first line."""
    line = stream.readline()
    if not line:
        raise KishomailError("the desktop app sent no store to open")
    try:
        fields = json.loads(line)
        store = Store(
            Path(fields["data_dir"]), bytes.fromhex(fields["data_key"]), str(fields["store_id"])
        )
        if fields.get("signing_key"):
            raw = bytes.fromhex(fields["signing_key"])
            store.audit_signer = AuditSigner.from_raw(str(fields["started_by"]), raw)
        return store, str(fields["started_by"]), bool(fields.get("detached", False))
    except (ValueError, KeyError, TypeError) as error:
        raise KishomailError(f"the first line is not a valid handshake ({error})") from None


def serve(stdin: IO[str], stdout: IO[str]) -> int:
    events = EventWriter(stdout)
    try:
        store, started_by, detached = read_handshake(stdin)
        if detached:
            _log_to_file()
        engine = build_engine(store, started_by=started_by, listeners=[events.write])
    except Exception as error:
        log.exception("the engine could not be built")
        events.write(_start_failed(error))
        return 1
    try:
        engine.service.start()
    except Exception as error:
        log.exception("the service did not start")
        engine.close()
        events.write(_start_failed(error))
        return 1
    events.write(Started(local_mailbox=engine.sink is not None))
    if detached:
        events.close()
        _wait_for_a_signal()
    else:
        try:
            while True:
                line = stdin.readline()
                if not line or line.strip() == STOP:
                    break
        except KeyboardInterrupt:  # Ctrl+C in the terminal that started the desktop app
            pass
    log.info("stopping: finishing the messages in flight")
    try:
        engine.service.stop()
    finally:
        engine.close()
        store.close_thread_connection()
    events.write(Stopped())
    return 0


def _log_to_file() -> None:
    root = logging.getLogger()
    for handler in list(root.handlers):
        root.removeHandler(handler)
    configure_logging(name=ENGINE_LOG_FILE)


def _wait_for_a_signal() -> None:
    """Until SIGTERM or SIGINT (CTRL_BREAK on Windows): the detached engine's only stop."""
    stop = threading.Event()
    for name in ("SIGTERM", "SIGINT", "SIGBREAK"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), lambda *_: stop.set())
    if hasattr(signal, "SIGHUP"):  # no terminal to hang up on: ignore it if one existed
        signal.signal(signal.SIGHUP, signal.SIG_IGN)
    log.info("running detached: stopped by SIGTERM (operation service.engine_stop)")
    # Wake up now and then: the handler runs only when the main thread runs Python again.
    while not stop.wait(timeout=0.5):
        pass


def _start_failed(error: BaseException) -> StartFailed:
    if isinstance(error, KishomailError):
        return StartFailed(code=error.code, message=error.message)
    return StartFailed(code="unexpected", message=f"{type(error).__name__}: {error}")


def main() -> int:
    configure_stream_logging()
    for stream in (sys.stdin, sys.stdout, sys.stderr):
        stream.reconfigure(encoding="utf-8")  # type: ignore[union-attr]
    return serve(sys.stdin, sys.stdout)


if __name__ == "__main__":
    sys.exit(main())
