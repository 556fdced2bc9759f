"""JMA AMeDAS 10-minute rain readings, polled politely from the map JSON the JMA web page uses.

JMA's ``bosai`` JSON is page data, not an official API (files stay about ten days, the layout may
change without notice), so the poller is careful:

* ``{base}data/latest_time.txt`` (``2021-02-24T15:00:00+09:00``) is read at most once per
  ``interval`` seconds (default 600: AMeDAS updates every 10 minutes; at least 120 s);
* only when it names a new time is ``{base}data/map/{YYYYMMDDhhmm}00.json`` (every station, about
  600 KB) downloaded, once;
* the station table ``{base}const/amedastable.json`` is read at run time (names, and a check that
  each configured station exists) and again once a day;
* every body has a size cap, TLS is verified, requests carry a User-Agent naming the ward.

Each reading is ``precipitation1h`` (mm in the last hour, updated every 10 minutes) of a
configured station; a non-zero quality flag or a null value counts as missing
(:func:`feeds.observations.read_amedas_map_json`).
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Final

import httpx

from feeds.atom import describe_http_error, jma_client
from feeds.errors import FeedFetchError, FeedTooLargeError, ObservationError
from feeds.model import JST, Observation
from feeds.observations import MAX_OBSERVATION_BYTES, read_amedas_map_json

logger = logging.getLogger(__name__)

JMA_AMEDAS_BASE: Final = "https://www.jma.go.jp/bosai/amedas/"
DEFAULT_INTERVAL: Final = 600.0
MIN_INTERVAL: Final = 120.0
TABLE_MAX_AGE: Final = 24 * 3600.0


def read_amedas_table(data: bytes, source: str) -> dict[str, str]:
    """Station code → Japanese name (``kjName``) from ``amedastable.json``."""
    try:
        table = json.loads(data)
        return {str(code): str(entry.get("kjName", "")) for code, entry in table.items()}
    except (ValueError, AttributeError) as error:
        raise ObservationError(source, f"not an AMeDAS station table ({error})") from None


class AmedasPoller:
    """New ``precipitation1h`` readings of ``stations`` since the last call (often none)."""

    def __init__(
        self,
        stations: Iterable[str],
        *,
        base_url: str = JMA_AMEDAS_BASE,
        interval: float = DEFAULT_INTERVAL,
        verify: bool | str = True,
        timeout: float = 20.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if verify is False:
            raise ValueError("TLS verification cannot be turned off")
        if interval < MIN_INTERVAL:
            raise ValueError(f"poll AMeDAS at most every {MIN_INTERVAL:g} seconds")
        self.stations = tuple(dict.fromkeys(code.strip() for code in stations if code.strip()))
        if not self.stations:
            raise ValueError("no AMeDAS station given")
        self.base_url = base_url if base_url.endswith("/") else base_url + "/"
        self.interval = interval
        self._clock = clock
        self._client = jma_client(verify, timeout)
        self._asked_at: float | None = None
        self._table_at: float | None = None
        self._names: dict[str, str] = {}
        self._latest: str | None = None

    def close(self) -> None:
        self._client.close()

    def poll(self) -> list[Observation]:
        """Readings of a new 10-minute time, or ``[]`` when it is too early or nothing is new."""
        now = self._clock()
        if self._asked_at is not None and now - self._asked_at < self.interval:
            return []
        self._asked_at = now
        if self._table_at is None or now - self._table_at >= TABLE_MAX_AGE:
            self._load_table()
            self._table_at = now
        latest_url = self.base_url + "data/latest_time.txt"
        stamp = self._get(latest_url, 1024).decode("ascii", "replace").strip()
        if stamp == self._latest:
            return []
        try:
            observed_at = datetime.fromisoformat(stamp).astimezone(JST)
        except ValueError:
            raise ObservationError(latest_url, f"not a time: {stamp[:40]!r}") from None
        map_url = self.base_url + f"data/map/{observed_at:%Y%m%d%H%M}00.json"
        data = self._get(map_url, MAX_OBSERVATION_BYTES)
        readings = read_amedas_map_json(data, map_url, observed_at, self.stations, self._names)
        self._latest = stamp
        return readings

    def _load_table(self) -> None:
        url = self.base_url + "const/amedastable.json"
        names = read_amedas_table(self._get(url, MAX_OBSERVATION_BYTES), url)
        unknown = [code for code in self.stations if code not in names]
        if unknown:
            raise ObservationError(
                url,
                f"station {', '.join(unknown)} is not in JMA's AMeDAS table: check "
                "observations.amedas_stations (codes such as 44132 東京)",
            )
        self._names = {code: names[code] for code in self.stations}

    def _get(self, url: str, cap: int) -> bytes:
        try:
            with self._client.stream("GET", url) as response:
                if response.status_code != 200:
                    raise FeedFetchError(url, f"HTTP {response.status_code}")
                chunks: list[bytes] = []
                size = 0
                for chunk in response.iter_bytes():  # decompressed bytes
                    size += len(chunk)
                    if size > cap:
                        raise FeedTooLargeError(url, f"body exceeds the cap of {cap:,} bytes")
                    chunks.append(chunk)
                return b"".join(chunks)
        except httpx.HTTPError as error:
            raise FeedFetchError(url, describe_http_error(error, self._client)) from None
