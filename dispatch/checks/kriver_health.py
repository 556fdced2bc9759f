"""Doctor's look at the 危機管理型水位計 reader (``feeds.kriver``): is it allowed (the office's
consent recorded), does each gauge have levels in the station list, is the page data reachable,
and each gauge's last reading and its age.

A 危機管理型水位計 reports once a day while the river is low and every ten minutes once it has
risen, and the file lists only the gauges reporting: a gauge absent from it is normal in dry
weather. A reading is stale when it is older than a day and a bit (:data:`STALE_AFTER`).
Findings are ``(level, found, action)`` with level ``OK``/``WARN`` (doctor makes its checks).
"""

from __future__ import annotations

import httpx

from dispatch.base.clock import TOKYO, Clock
from dispatch.engine.gauge_health import split_codes
from dispatch.records.settings import get_setting
from dispatch.records.stations import station_list
from dispatch.store.database import Connection
from feeds.atom import USER_AGENT
from feeds.errors import ObservationError
from feeds.kriver import STALE_AFTER, area_url
from feeds.observations import MAX_OBSERVATION_BYTES, read_kriver_json

Finding = tuple[str, str, str]


def kriver_codes(connection: Connection) -> list[str]:
    return split_codes(get_setting(connection, "observations.kriver_stations"))


def kriver_findings(connection: Connection, clock: Clock, timeout: float) -> list[Finding]:
    codes = kriver_codes(connection)
    if not codes:
        return []
    listed = ", ".join(codes)
    if not get_setting(connection, "observations.kriver_consent").strip():
        return [
            (
                "WARN",
                f"危機管理型水位計 {listed} listed, but observations.kriver_consent is empty: "
                "the reader is off",
                "Record the office's consent to poll the 川の水位情報 page data (kishomail "
                "settings set observations.kriver_consent '…'; docs/feeds.md), or empty "
                "observations.kriver_stations.",
            )
        ]
    findings: list[Finding] = []
    try:
        known = {station.code for station in station_list(connection)}
    except ObservationError as error:
        known = set()
        findings.append(("WARN", f"the river station list cannot be read ({error})", ""))
    for code in codes:
        if code not in known:
            findings.append(
                (
                    "WARN",
                    f"危機管理型水位計 {code}: not in the river station list, so its readings "
                    "alert nobody",
                    "Add it with its levels in Settings' river stations (or kishomail stations "
                    "save).",
                )
            )
    url = area_url(
        get_setting(connection, "observations.kriver_url"),
        get_setting(connection, "observations.kriver_pref"),
    )
    return findings + _readings(url, codes, clock, timeout)


def _readings(url: str, codes: list[str], clock: Clock, timeout: float) -> list[Finding]:
    headers = {"User-Agent": USER_AGENT}
    try:
        with httpx.Client(timeout=timeout, headers=headers, follow_redirects=True) as client:
            response = client.get(url)
        if response.status_code != 200:
            raise ObservationError(url, f"HTTP {response.status_code}")
        if len(response.content) > MAX_OBSERVATION_BYTES:
            raise ObservationError(url, "over the size cap")
        readings = {r.station_code: r for r in read_kriver_json(response.content, url)}
    except (httpx.HTTPError, ObservationError) as error:
        what = type(error).__name__ if isinstance(error, httpx.HTTPError) else str(error)
        return [
            (
                "WARN",
                f"危機管理型水位計 page data not usable at {url} ({what})",
                "Check the network and proxy, observations.kriver_url and "
                "observations.kriver_pref; MLIT may have changed its page data (docs/feeds.md).",
            )
        ]
    found: list[Finding] = []
    now = clock.now()
    for code in codes:
        reading = readings.get(code)
        if reading is None:
            found.append(
                ("OK", f"危機管理型水位計 {code}: not reported now (low water: once a day)", "")
            )
            continue
        age = now - reading.observed_at
        text = (
            f"危機管理型水位計 {code}: last reading "
            f"{reading.observed_at.astimezone(TOKYO):%Y-%m-%d %H:%M} JST, "
            f"{int(age.total_seconds() // 60)} min ago"
        )
        if age > STALE_AFTER:
            found.append(
                (
                    "WARN",
                    text + " (stale)",
                    "The gauge has not reported for more than a day: ask the river's office "
                    "whether it works; its water level is not being watched.",
                )
            )
        else:
            found.append(("OK", text, ""))
    return found
