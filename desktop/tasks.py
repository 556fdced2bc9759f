"""``run_in_background``: every user action that does I/O runs through here.

The function runs on a worker of a small ``QThreadPool``; its result or exception comes back
to the GUI thread through a queued signal. A SQLCipher connection belongs to one thread, so a
task that touches the store closes its thread's connection when it ends (``store=``): the next
task on the same pool thread opens a fresh one (about 0.2 ms with the raw key).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any, Protocol

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

log = logging.getLogger(__name__)


class _ClosesThreadConnection(Protocol):
    def close_thread_connection(self) -> None: ...


class _Relay(QObject):
    succeeded = Signal(object)
    failed = Signal(object)


class _Task(QRunnable):
    def __init__(self, fn: Callable[[], Any], store: _ClosesThreadConnection | None) -> None:
        super().__init__()
        self.setAutoDelete(False)
        self.fn = fn
        self.store = store
        self.relay = _Relay()

    def run(self) -> None:
        try:
            result = self.fn()
        except BaseException as error:  # reported to the GUI thread, never swallowed
            self.relay.failed.emit(error)
        else:
            self.relay.succeeded.emit(result)
        finally:
            if self.store is not None:
                try:
                    self.store.close_thread_connection()
                except Exception:
                    log.exception("closing a worker's store connection failed")


class TaskRunner(QObject):
    """Owns the pool; ``idle`` is emitted when the last running task has reported."""

    idle = Signal()

    def __init__(self, threads: int = 4, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(threads)
        self._running: set[_Task] = set()
        #: Called with an unexpected exception when the caller gave no ``on_error``.
        self.on_unexpected: Callable[[BaseException], None] = _log_unexpected

    @property
    def busy(self) -> bool:
        return bool(self._running)

    def run(
        self,
        fn: Callable[[], Any],
        on_success: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        *,
        store: _ClosesThreadConnection | None = None,
    ) -> None:
        task = _Task(fn, store)
        self._running.add(task)

        def finished(callback: Callable[[Any], None] | None, value: Any, error: bool) -> None:
            self._running.discard(task)
            try:
                if callback is not None and _receiver_gone(callback):
                    log.debug("a background result arrived after its page was closed")
                elif callback is not None:
                    callback(value)
                elif error:
                    self.on_unexpected(value)
            finally:
                if not self._running:
                    self.idle.emit()

        task.relay.succeeded.connect(lambda value: finished(on_success, value, False))
        task.relay.failed.connect(lambda error: finished(on_error, error, True))
        self.pool.start(task)

    def wait_for_done(self, msecs: int = 30_000) -> bool:
        """Block until the workers are done (at exit, and in tests' teardown)."""
        return self.pool.waitForDone(msecs)


def _receiver_gone(callback: Callable[[Any], None]) -> bool:
    """True when ``callback`` is a method of a widget that was closed and deleted while the
    work ran (logging out, closing the window): there is nobody left to tell."""
    owner = getattr(callback, "__self__", None)
    return isinstance(owner, QObject) and not shiboken6.isValid(owner)


def _log_unexpected(error: BaseException) -> None:
    log.error("background task failed", exc_info=error)


_runner: TaskRunner | None = None


def runner() -> TaskRunner:
    global _runner
    if _runner is None:
        _runner = TaskRunner()
    return _runner


def run_in_background(
    fn: Callable[[], Any],
    on_success: Callable[[Any], None] | None = None,
    on_error: Callable[[BaseException], None] | None = None,
    *,
    store: _ClosesThreadConnection | None = None,
) -> None:
    """Run ``fn`` off the GUI thread; ``on_success(result)`` or ``on_error(exception)`` then
    run on the GUI thread. Pass ``store=`` when ``fn`` uses the store."""
    runner().run(fn, on_success, on_error, store=store)
