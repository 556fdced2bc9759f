"""How much the registration service lets one address or one client ask for, and for how long
a sign-up waits to be confirmed (settings ``registration.*``)."""

from __future__ import annotations

import collections
import threading
from dataclasses import dataclass
from datetime import datetime, timedelta

from dispatch.base.clock import Clock


@dataclass(frozen=True)
class Limits:
    token_minutes: int = 60
    mails_per_address_per_hour: int = 3
    requests_per_client_per_hour: int = 30
    #: Pending (never confirmed) entries are erased after this many hours.
    pending_hours: int = 72


class RateLimiter:
    """At most ``limit`` events per key in any hour (a sliding window, in memory)."""

    def __init__(self, limit: int, clock: Clock, window: timedelta = timedelta(hours=1)) -> None:
        self.limit = limit
        self._clock = clock
        self._window = window
        self._events: dict[str, collections.deque[datetime]] = {}
        self._lock = threading.Lock()

    def allow(self, key: str) -> bool:
        """Count one event for ``key`` if it is within the limit; ``False`` if not."""
        now = self._clock.now()
        with self._lock:
            events = self._events.setdefault(key, collections.deque())
            while events and now - events[0] >= self._window:
                events.popleft()
            if len(events) >= self.limit:
                return False
            events.append(now)
            if len(self._events) > 100_000:  # forget idle keys rather than grow without end
                for idle in [k for k, v in self._events.items() if not v]:
                    del self._events[idle]
            return True
