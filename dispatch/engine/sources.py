"""Feed sources for the service: the JMA Atom feeds, or a folder of telegrams replayed."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from feeds.atom import AtomPoller
from feeds.errors import ObservationError
from feeds.model import Observation, Telegram
from feeds.observations import read_csv
from feeds.replay import ReplaySource


class AtomSource:
    """The service's view of :class:`feeds.atom.AtomPoller`: just the new telegrams."""

    def __init__(
        self,
        urls: list[str],
        *,
        cafile: str | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._poller = AtomPoller(urls, verify=cafile or True, clock=clock)
        #: Whether the last poll reached the feed (not skipped while backing off after a
        #: failure): what the staff notification "feed silent" counts.
        self.reached = False

    def poll(self) -> list[Telegram]:
        self.reached = False
        result = self._poller.poll()
        self.reached = not result.skipped_backoff
        return list(result.telegrams)

    def close(self) -> None:
        self._poller.close()


class PacedReplay:
    """A folder of telegrams released at ``speed`` times real time: the first at once, the
    next when as much time (divided by ``speed``) has passed as between their report times.
    ``speed=None`` releases everything at the first poll."""

    def __init__(
        self,
        folder: Path,
        speed: float | None = 600.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._pending = list(ReplaySource(folder).telegrams)
        self._origin = self._pending[0].head.report_datetime if self._pending else None
        self._speed = speed
        self._clock = clock
        self._started: float | None = None

    def __len__(self) -> int:
        return len(self._pending)

    def poll(self) -> list[Telegram]:
        if not self._pending or self._origin is None:
            return []
        now = self._clock()
        if self._started is None:
            self._started = now
        released = []
        while self._pending:
            gap = (self._pending[0].head.report_datetime - self._origin).total_seconds()
            if self._speed is not None and gap / self._speed > now - self._started:
                break
            released.append(self._pending.pop(0))
        return released


class ObservationFolder:
    """River-level and rain-gauge readings dropped into a folder as office CSV files
    (:func:`feeds.observations.read_csv`), by hand or by a fetcher the office runs. Each file is
    read once per run; after a restart, readings not newer than the last one are ignored by the
    tracker, so re-reading old files announces nothing twice."""

    def __init__(self, folder: Path) -> None:
        self._folder = folder
        self._read: set[str] = set()

    def poll(self) -> list[Observation]:
        readings: list[Observation] = []
        if not self._folder.is_dir():
            raise ObservationError(str(self._folder), "the observation folder does not exist")
        for path in sorted(self._folder.glob("*.csv")):
            if path.name in self._read:
                continue
            readings += read_csv(path.read_bytes(), path.name)
            self._read.add(path.name)
        return readings
