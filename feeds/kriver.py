"""Water levels of MLIT's 危機管理型水位計 (crisis-management water-level gauges), polled politely
from the per-prefecture JSON the 「川の水位情報」 map page (k.river.go.jp) loads.

``{base}{prefCode}.json`` (Tokyo: ``13000``) holds ``obss``: one object per gauge currently
reported, ``{code, name, obsTime, level, startLevel, warnLevel, fladLevel, townCode, prefCode,
lat, lon, …}``; ``level`` and the three levels are in the same datum (often an elevation, not a
gauge height), ``obsTime`` is ISO 8601 with ``+09:00``. A gauge sends a reading once a day while
the river is low and every ten minutes once it has risen above its 観測開始水位 (``startLevel``).
The layout is confirmed only from a public crawler's code and its output (docs/feeds.md): it is
page data, not a documented API, so the poller is careful:

* the file is fetched at most once per ``interval`` seconds (default 600, at least 300);
* only the configured gauges are kept, each reading once (a reading not newer than the last one
  of its gauge is dropped); a missing ``level`` is missing, never 0;
* the body has a size cap, TLS is verified, requests carry a User-Agent naming the ward.

No Qt, no store: the engine passes the gauges' names (from the station list) and keeps state.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable, Mapping
from datetime import datetime, timedelta
from typing import Final

import httpx

from feeds.atom import describe_http_error, jma_client
from feeds.errors import FeedFetchError, FeedTooLargeError
from feeds.model import Observation
from feeds.observations import MAX_OBSERVATION_BYTES, read_kriver_json

logger = logging.getLogger(__name__)

KRIVER_BASE: Final = "https://k.river.go.jp/swin/files/area_info/current/"
TOKYO_PREF_CODE: Final = "13000"
DEFAULT_INTERVAL: Final = 600.0
MIN_INTERVAL: Final = 300.0
#: A gauge reports at least once a day: a reading older than this is stale (health checks).
STALE_AFTER: Final = timedelta(hours=26)


def area_url(base_url: str, pref_code: str) -> str:
    """``{base}{prefCode}.json``."""
    base = base_url if base_url.endswith("/") else base_url + "/"
    return f"{base}{pref_code}.json"


class KriverPoller:
    """New water levels of ``stations`` since the last call (often none)."""

    def __init__(
        self,
        stations: Iterable[str],
        *,
        pref_code: str = TOKYO_PREF_CODE,
        base_url: str = KRIVER_BASE,
        names: Mapping[str, tuple[str, str]] | None = None,
        interval: float = DEFAULT_INTERVAL,
        verify: bool | str = True,
        timeout: float = 20.0,
        clock: Callable[[], float] = time.monotonic,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        if verify is False:
            raise ValueError("TLS verification cannot be turned off")
        if interval < MIN_INTERVAL:
            raise ValueError(f"poll the 危機管理型水位計 at most every {MIN_INTERVAL:g} seconds")
        if not (pref_code.isdigit() and len(pref_code) == 5):
            raise ValueError(f"a prefecture code has five digits (Tokyo 13000), not {pref_code!r}")
        self.stations = tuple(dict.fromkeys(code.strip() for code in stations if code.strip()))
        if not self.stations:
            raise ValueError("no 危機管理型水位計 station given")
        self.url = area_url(base_url, pref_code)
        self.interval = interval
        self._names = dict(names or {})
        self._clock = clock
        self._client = jma_client(verify, timeout, transport)
        self._asked_at: float | None = None
        self._latest: dict[str, datetime] = {}
        #: When the file was last read whole (monotonic clock), for the health line.
        self.fetched_at: float | None = None

    def close(self) -> None:
        self._client.close()

    def poll(self) -> list[Observation]:
        """Readings newer than the last of each gauge, or ``[]`` when it is too early."""
        now = self._clock()
        if self._asked_at is not None and now - self._asked_at < self.interval:
            return []
        self._asked_at = now
        data = self._get(self.url, MAX_OBSERVATION_BYTES)
        wanted = frozenset(self.stations)
        fresh = []
        for reading in read_kriver_json(data, self.url):
            code = reading.station_code
            if code not in wanted:
                continue
            last = self._latest.get(code)
            if last is not None and reading.observed_at <= last:
                continue
            self._latest[code] = reading.observed_at
            name, river = self._names.get(code, (reading.station_name, reading.river or ""))
            fresh.append(
                Observation(
                    station_code=code,
                    station_name=name,
                    kind=reading.kind,
                    value=reading.value,
                    observed_at=reading.observed_at,
                    river=river,
                    source=reading.source,
                )
            )
        self.fetched_at = now
        return fresh

    def _get(self, url: str, cap: int) -> bytes:
        try:
            with self._client.stream("GET", url) as response:
                if response.status_code != 200:
                    raise FeedFetchError(url, f"HTTP {response.status_code}")
                chunks: list[bytes] = []
                size = 0
                for chunk in response.iter_bytes():
                    size += len(chunk)
                    if size > cap:
                        raise FeedTooLargeError(url, f"body exceeds the cap of {cap:,} bytes")
                    chunks.append(chunk)
                return b"".join(chunks)
        except httpx.HTTPError as error:
            raise FeedFetchError(url, describe_http_error(error, self._client)) from None
