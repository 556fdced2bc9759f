"""How much the registration service lets one address or one client ask for, and for how long
a sign-up waits to be confirmed (settings ``registration.*``)."""

from __future__ import annotations

import collections
import ipaddress
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
    #: Confirmation (and "already registered") mails in any hour, from all clients together:
    #: the relay's reputation is the office's, and a botnet has many addresses.
    mails_per_hour: int = 300


def client_key(host: str) -> str:
    """The key a client's limits are counted under: its IPv4 address, or the /64 network of
    an IPv6 address (one household or server gets a whole /64 and can use any of its 2^64
    addresses). An IPv4-mapped IPv6 address counts as the IPv4 address."""
    try:
        address = ipaddress.ip_address(host.split("%", 1)[0])
    except ValueError:
        return host
    if isinstance(address, ipaddress.IPv6Address):
        if address.ipv4_mapped is not None:
            return str(address.ipv4_mapped)
        return str(ipaddress.IPv6Network((address, 64), strict=False))
    return str(address)


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
