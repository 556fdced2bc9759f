"""Python's cycle collector, arranged so that it does not stall the window.

Python frees an object as soon as nothing refers to it; the cycle collector only finds groups
of objects that refer to each other. Its full pass walks every tracked object, and with the
subscriber view's pages loaded that is a few hundred thousand of them: one pass held the
interpreter for 105–126 ms, the longest stall in ``bench/bench_gui_responsiveness.py`` once the
engine had its own process.

So after each full pass, what survived it is moved out of the collector's sight
(``gc.freeze``): the next full pass walks only what was allocated since, and stays short.
Frozen objects are still freed as usual when nothing refers to them; only a cycle among them
waits for :meth:`QuietCollector.collect_everything`, which runs at logout and every half hour
unless a dispatch is being sent.

A background task that builds many objects (an import of 100,000 rows holds 200,000 of them
until it ends) would still make one long pass: a pass runs in whichever thread allocates, and
holds the interpreter — in ``bench/bench_gui_stall.py`` a generation-2 pass of 88 ms in the
import's worker, the GUI thread asleep waiting for it. So while a background task runs, what
was allocated is also frozen every :data:`YOUNG_FREEZE_MS` (``gc.freeze`` moves lists, it
costs nothing): a pass then walks at most that much new work.
"""

from __future__ import annotations

import gc
import logging
import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QTimer

from desktop.tasks import runner

log = logging.getLogger(__name__)

EVERYTHING_INTERVAL_MS = 30 * 60 * 1000
#: While a background task runs: how often what it allocated is moved out of the collector's
#: sight.
YOUNG_FREEZE_MS = 25


def _freeze_after_full_pass(phase: str, info: dict[str, Any]) -> None:
    if phase == "stop" and info.get("generation") == 2:
        gc.freeze()


class QuietCollector(QObject):
    def __init__(
        self,
        busy: Callable[[], bool],
        parent: QObject | None = None,
        *,
        tasks_running: Callable[[], bool] = lambda: runner().busy,
    ) -> None:
        super().__init__(parent)
        self.busy = busy
        self.tasks_running = tasks_running
        self.timer = QTimer(self)
        self.timer.setInterval(EVERYTHING_INTERVAL_MS)
        self.timer.timeout.connect(self._due)
        self.young = QTimer(self)
        self.young.setInterval(YOUNG_FREEZE_MS)
        self.young.timeout.connect(self._freeze_young)

    def install(self) -> None:
        gc.collect()
        gc.freeze()  # the program's own modules and windows: never walked again
        if _freeze_after_full_pass not in gc.callbacks:
            gc.callbacks.append(_freeze_after_full_pass)
        self.timer.start()
        self.young.start()

    def uninstall(self) -> None:
        self.timer.stop()
        self.young.stop()
        if _freeze_after_full_pass in gc.callbacks:
            gc.callbacks.remove(_freeze_after_full_pass)
        gc.unfreeze()

    def collect_everything(self) -> int:
        """A full pass over every object, frozen or not; returns how many were collected."""
        start = time.perf_counter()
        gc.unfreeze()
        collected = gc.collect()
        gc.freeze()
        log.info(
            "cycle collection: %d objects freed in %.0f ms",
            collected,
            (time.perf_counter() - start) * 1000,
        )
        return collected

    def _freeze_young(self) -> None:
        if self.tasks_running():
            gc.freeze()

    def _due(self) -> None:
        if not self.busy():
            self.collect_everything()
