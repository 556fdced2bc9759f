"""The doctor's checks of what the engine listens to: the JMA feed (reachable, and this PC's
clock against its ``Date``) or the folder it replays, and the gauge sources (each station's last
reading and its age, JMA's AMeDAS page data reachable)."""

from __future__ import annotations

import email.utils
import time
from datetime import UTC, timedelta
from pathlib import Path

import httpx

from dispatch.base.clock import TOKYO, Clock, from_iso
from dispatch.checks.findings import Check, Level, Limits
from dispatch.checks.kriver_health import kriver_codes, kriver_findings
from dispatch.engine.assembly import DEMO_SOURCE, demo_telegrams_folder
from dispatch.engine.gauge_health import GAUGE_STATE, split_codes
from dispatch.records.settings import get_setting
from dispatch.records.telegram_log import TelegramLog
from dispatch.store.database import Connection
from feeds.atom import USER_AGENT
from feeds.replay import telegram_files

# ---- feeds ------------------------------------------------------------------------------------


def check_feeds(connection: Connection, clock: Clock, limits: Limits) -> list[Check]:
    source = str(get_setting(connection, "feeds.source")).strip()
    if source == DEMO_SOURCE:
        return [_check_folder(demo_telegrams_folder())]
    if source and not source.startswith(("http://", "https://")):
        return [_check_folder(Path(source))]
    urls = [url.strip() for url in source.split(",") if url.strip()]
    if not urls:
        return [Check("feed", Level.FAIL, "feeds.source is empty", "Set feeds.source.")]
    checks: list[Check] = []
    with httpx.Client(
        timeout=limits.feed_timeout, headers={"User-Agent": USER_AGENT}, follow_redirects=True
    ) as client:
        for url in urls:
            checks.append(_check_feed_url(client, url, clock, limits))
    return checks


def _check_folder(folder: Path) -> Check:
    if not folder.is_dir():
        return Check(
            "feed",
            Level.FAIL,
            f"feeds.source is the folder {folder}, which does not exist",
            "Set feeds.source to the JMA feed URL, or to an existing folder of telegrams.",
        )
    count = len(telegram_files([folder]))
    return Check(
        "feed",
        Level.WARN,
        f"feeds.source is a folder of {count} telegrams to replay, not the live JMA feed",
        "For live service set feeds.source to "
        "https://www.data.jma.go.jp/developer/xml/feed/extra.xml.",
    )


def _check_feed_url(client: httpx.Client, url: str, clock: Clock, limits: Limits) -> Check:
    before = time.monotonic()
    try:
        with client.stream("GET", url) as response:
            status, date = response.status_code, response.headers.get("date")
    except httpx.HTTPError as error:
        text = str(error) or type(error).__name__
        if "CERTIFICATE_VERIFY_FAILED" in text or "certificate verify failed" in text:
            return Check(
                "feed",
                Level.FAIL,
                f"{url}: the TLS certificate could not be verified",
                "A proxy that inspects TLS needs its CA installed in the system store; ask "
                "the network team.",
            )
        return Check(
            "feed",
            Level.FAIL,
            f"{url}: not reachable ({text})",
            "Check the network path, proxy and firewall to the feed (HTTPS, port 443).",
        )
    round_trip = time.monotonic() - before
    if status not in (200, 304):
        return Check(
            "feed",
            Level.FAIL,
            f"{url}: HTTP {status}",
            "Check the URL in feeds.source; if it is right, the feed may be down: try later.",
        )
    skew = _skew(date, clock, round_trip)
    if skew is None:
        return Check(
            "feed",
            Level.WARN,
            f"{url}: reachable (HTTP {status}) but it sent no usable Date to check the clock",
            "Check that this PC's clock is synchronised (Windows: w32tm /query /status).",
        )
    found = f"{url}: reachable (HTTP {status}), clock {skew:+.0f} s against the feed's Date"
    if abs(skew) > limits.max_skew_seconds:
        return Check(
            "feed",
            Level.WARN,
            found,
            "Synchronise this PC's clock (Windows: w32tm /resync; Linux: timedatectl); "
            "alert times, TOTP codes and the audit log depend on it.",
        )
    return Check("feed", Level.OK, found)


def _skew(date_header: str | None, clock: Clock, round_trip: float) -> float | None:
    """Our clock minus the server's (positive: this PC is ahead)."""
    if not date_header:
        return None
    try:
        theirs = email.utils.parsedate_to_datetime(date_header)
    except (TypeError, ValueError):
        return None
    if theirs.tzinfo is None:
        theirs = theirs.replace(tzinfo=UTC)
    # The server stamped its Date somewhere within the round trip: compare with its middle.
    ours = clock.now().timestamp() - round_trip / 2
    return ours - theirs.timestamp()


# ---- gauges -----------------------------------------------------------------------------------


def check_gauges(connection: Connection, clock: Clock, limits: Limits | None = None) -> list[Check]:
    """Each gauge source switched on (JMA's AMeDAS page data fetched once: its update time),
    and each station's last usable reading and its age."""
    folder = get_setting(connection, "observations.folder")
    amedas = split_codes(get_setting(connection, "observations.amedas_stations"))
    kriver = kriver_codes(connection)
    if not folder and not amedas and not kriver:
        return [Check("gauge", Level.OK, "no gauge source configured (off)")]
    timeout = (limits or Limits()).feed_timeout
    checks = [
        Check("gauge", Level(level), found, action)
        for level, found, action in kriver_findings(connection, clock, timeout)
    ]
    if amedas:
        base = get_setting(connection, "observations.amedas_url")
        checks.append(_check_amedas(base, timeout))
    if folder and not Path(folder).is_dir():
        checks.append(
            Check(
                "gauge",
                Level.FAIL,
                f"observations.folder {folder} does not exist",
                "Create the folder the office's fetcher writes to, or correct the setting.",
            )
        )
    state = TelegramLog(connection, clock).load_state(GAUGE_STATE) or {}
    latest = {code: from_iso(at) for kind, code, at in state.get("latest", []) if kind == "rain"}
    latest |= {
        f"{code} (water level)": from_iso(at)
        for kind, code, at in state.get("latest", [])
        if kind == "water_level" and code not in kriver  # those: kriver_findings
    }
    limit = timedelta(minutes=get_setting(connection, "observations.stale_minutes"))
    now = clock.now()
    for station in sorted(set(latest) | set(amedas)):
        at = latest.get(station)
        source = "AMeDAS " if station in amedas else ""
        if at is None:
            checks.append(
                Check(
                    "gauge",
                    Level.WARN,
                    f"{source}{station}: no reading yet",
                    "Start the service (kishomail run) and let it poll; if this stays, check "
                    "the network and observations.amedas_stations.",
                )
            )
            continue
        age = now - at
        found = (
            f"{source}{station}: last reading {at.astimezone(TOKYO):%Y-%m-%d %H:%M} JST, "
            f"{int(age.total_seconds() // 60)} min ago"
        )
        if age > limit:
            checks.append(
                Check(
                    "gauge",
                    Level.WARN,
                    found + " (stale)",
                    "Is the service running? Check the source (the office's CSV fetcher, or JMA's "
                    "AMeDAS page data) and the log; rain from this gauge is not being watched.",
                )
            )
        else:
            checks.append(Check("gauge", Level.OK, found))
    return checks


def _check_amedas(base: str, timeout: float) -> Check:
    url = (base if base.endswith("/") else base + "/") + "data/latest_time.txt"
    headers = {"User-Agent": USER_AGENT}
    try:
        with httpx.Client(timeout=timeout, headers=headers, follow_redirects=True) as client:
            response = client.get(url)
    except httpx.HTTPError as error:
        return Check(
            "gauge",
            Level.WARN,
            f"AMeDAS page data not reachable at {url} ({type(error).__name__})",
            "Check the network and proxy, and observations.amedas_url.",
        )
    if response.status_code != 200:
        return Check(
            "gauge",
            Level.WARN,
            f"AMeDAS page data at {url} answered HTTP {response.status_code}",
            "JMA may have moved its page data: check observations.amedas_url and docs/feeds.md.",
        )
    return Check(
        "gauge", Level.OK, f"AMeDAS page data reachable (latest {response.text.strip()[:25]})"
    )
