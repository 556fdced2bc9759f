"""``kishomail doctor``: is this installation fit to send tonight's warnings?

Each check gives one line — ``OK``, ``WARN`` or ``FAIL`` — with what was found and, when not
OK, what to do. Nothing is changed and nothing is sent: the relay is only connected to (TLS,
certificate, AUTH, then QUIT), the feed is fetched once, the store is read.

Checks, in order: mail relay · bounce mailbox · SPF, DKIM and DMARC of the sender domains in
the DNS · office address · feed reachability and clock skew (the feed's HTTP ``Date``) ·
free disk space of the data folder · store integrity (``PRAGMA cipher_integrity_check`` —
every page's HMAC — and ``PRAGMA integrity_check``) · audit chain · a change of the data key
still owed · age of the newest backup · gauge sources (each configured station's last reading
and its age, as the service saved it) · the engine's heartbeat (FAIL when older than three poll
intervals) · how the installed service's secret is kept (WARN for a plain root-only file).
"""

from __future__ import annotations

import email.utils
import enum
import shutil
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import UTC, timedelta
from pathlib import Path

import httpx
import sqlcipher3

from dispatch.base.clock import TOKYO, Clock, SystemClock, from_iso
from dispatch.base.errors import KishomailError
from dispatch.base.paths import service_dir
from dispatch.checks.bounce_mailbox import probe_bounce_mailbox
from dispatch.checks.kriver_health import kriver_codes, kriver_findings
from dispatch.checks.sender_domain import sender_domain_findings
from dispatch.engine.assembly import DEMO_SOURCE, demo_telegrams_folder
from dispatch.engine.backups import list_backups
from dispatch.engine.gauge_health import GAUGE_STATE, split_codes
from dispatch.engine.heartbeat import STALE_POLLS, read_heartbeat
from dispatch.engine.relay import SINK_FOLDER, relay_settings
from dispatch.mail.dns_lookup import Lookup
from dispatch.mail.sink import MailSink, MemoryKeeper
from dispatch.mail.smtp import (
    AuthenticationError,
    CertificateError,
    MailTransport,
    RelayUnavailableError,
    TlsError,
)
from dispatch.records.audit_anchors import verify_outside_in
from dispatch.records.rekey_due import rekey_due
from dispatch.records.settings import example_office_settings, get_setting
from dispatch.records.telegram_log import TelegramLog
from dispatch.store.database import Connection
from dispatch.store.machine_slot import MachineSlot, Protection
from feeds.atom import USER_AGENT
from feeds.replay import telegram_files

#: Clock skew against the feed's ``Date`` above which doctor warns (JMA times, dedup, TOTP).
MAX_SKEW_SECONDS = 60.0
#: Free space below which the store may soon fail to write (FAIL) or should be looked at (WARN).
FAIL_FREE_BYTES = 256 * 1024 * 1024
WARN_FREE_BYTES = 2 * 1024 * 1024 * 1024
#: The daily backup is expected every 24 h; a little slack before warning, a week before FAIL.
WARN_BACKUP_HOURS = 26.0
FAIL_BACKUP_HOURS = 7 * 24.0


class Level(enum.StrEnum):
    OK = "OK"
    WARN = "WARN"
    FAIL = "FAIL"


@dataclass(frozen=True)
class Check:
    name: str
    level: Level
    found: str
    #: What to do; empty when OK.
    action: str = ""

    def as_dict(self) -> dict[str, str]:
        return {k: str(v) for k, v in asdict(self).items()}


@dataclass(frozen=True)
class DoctorReport:
    checks: tuple[Check, ...]

    @property
    def ok(self) -> bool:
        return all(c.level is not Level.FAIL for c in self.checks)

    def as_dict(self) -> dict[str, object]:
        return {"ok": self.ok, "checks": [c.as_dict() for c in self.checks]}


@dataclass(frozen=True)
class Limits:
    max_skew_seconds: float = MAX_SKEW_SECONDS
    fail_free_bytes: int = FAIL_FREE_BYTES
    warn_free_bytes: int = WARN_FREE_BYTES
    warn_backup_hours: float = WARN_BACKUP_HOURS
    fail_backup_hours: float = FAIL_BACKUP_HOURS
    feed_timeout: float = 15.0


def run_doctor(
    connection: Connection,
    data_dir: Path,
    *,
    clock: Clock | None = None,
    limits: Limits | None = None,
) -> DoctorReport:
    """Every check against the store open on ``connection`` in ``data_dir``. The caller has
    checked the person may run it."""
    clock = clock or SystemClock()
    limits = limits or Limits()
    checks: list[Check] = [_guarded("relay", lambda: check_relay(connection, data_dir))]
    checks += _guarded_many("bounces", lambda: check_bounces(connection))
    checks += _guarded_many("dns", lambda: check_sender_domain(connection))
    checks.append(_guarded("office", lambda: check_office(connection)))
    checks += _guarded_many("feed", lambda: check_feeds(connection, clock, limits))
    checks.append(_guarded("disk", lambda: check_disk(data_dir, limits)))
    checks.append(_guarded("store", lambda: check_store(connection)))
    checks.append(_guarded("audit", lambda: check_audit(connection, data_dir)))
    checks.append(_guarded("keys", lambda: check_rekey_owed(connection)))
    checks.append(_guarded("backup", lambda: check_backups(connection, data_dir, clock, limits)))
    checks += _guarded_many("gauge", lambda: check_gauges(connection, clock, limits))
    checks.append(_guarded("engine", lambda: check_heartbeat(connection, data_dir, clock)))
    checks += _guarded_many("service", lambda: check_service_secret(data_dir))
    return DoctorReport(tuple(checks))


# ---- the engine and the installed service ----------------------------------------------------


def check_heartbeat(connection: Connection, data_dir: Path, clock: Clock) -> Check:
    beat = read_heartbeat(connection)
    slot = MachineSlot.load(service_dir())
    installed = slot is not None and Path(slot.data_dir) == data_dir.resolve()
    if beat is None:
        if installed:
            return Check(
                "engine",
                Level.FAIL,
                "the service is installed but the engine has never polled on this store",
                "Start it ('kishomail --user ADMIN service start') and look at its log.",
            )
        return Check(
            "engine",
            Level.WARN,
            "the engine has never polled on this store",
            "Start the engine ('kishomail service install' for round-the-clock alerting).",
        )
    now = clock.now()
    age = beat.age(now)
    found = (
        f"last poll {age:.0f} s ago ({beat.last_poll_result or 'no result'}), queue "
        f"{beat.queue_depth}, last send: {beat.last_send_result or 'none yet'}"
    )
    if beat.stale(now):
        return Check(
            "engine",
            Level.FAIL,
            f"{found}: older than {STALE_POLLS} poll intervals ({beat.poll_interval:.0f} s)",
            "The engine is stopped or stuck: check 'kishomail service status' and its log, "
            "and start it again.",
        )
    if beat.last_poll_ok is False:
        return Check("engine", Level.WARN, found, "The last poll failed: check the feed.")
    return Check("engine", Level.OK, found)


def check_service_secret(data_dir: Path) -> list[Check]:
    """How the installed service's secret is kept; no line when no service is installed."""
    slot = MachineSlot.load(service_dir())
    if slot is None or Path(slot.data_dir) != data_dir.resolve():
        return []
    if slot.protection == Protection.FILE:
        return [
            Check(
                "service",
                Level.WARN,
                f"the service's secret is a root-only file in {service_dir()} (not encrypted "
                "by the OS): root, or a backup of that folder, can open the store unattended",
                "Where systemd ≥ 250 runs, install again with --protection systemd-creds.",
            )
        ]
    return [Check("service", Level.OK, f"the service's secret is kept by {slot.protection}")]


def _guarded(name: str, check: Callable[[], Check]) -> Check:
    return _guarded_many(name, lambda: [check()])[0]


def _guarded_many(name: str, check: Callable[[], list[Check]]) -> list[Check]:
    """A check that breaks is a FAIL of that check, not the end of the report."""
    try:
        return check()
    except KishomailError as error:
        return [Check(name, Level.FAIL, error.message, "See the message; then run doctor again.")]
    except Exception as error:
        return [
            Check(
                name,
                Level.FAIL,
                f"the check itself failed ({type(error).__name__}: {error})",
                "Report this with the log file.",
            )
        ]


def check_sender_domain(connection: Connection, lookup: Lookup | None = None) -> list[Check]:
    """SPF, DKIM and DMARC in the DNS (:mod:`dispatch.checks.sender_domain`)."""
    found = sender_domain_findings(connection, lookup)
    return [Check(name, Level(level), text, action) for name, level, text, action in found]


# ---- office ------------------------------------------------------------------------------------


def check_office(connection: Connection) -> Check:
    """The shipped example values of office.* must never reach a resident: FAIL while a relay
    is set (alert mail is then refused), WARN while mail stays in the embedded sink."""
    names = example_office_settings(connection)
    if not names:
        return Check("office", Level.OK, "office address, page and phone are the office's own")
    found = f"still the shipped example: {', '.join(names)}"
    action = f"Set {', '.join(names)} (kishomail settings set NAME VALUE)."
    if relay_settings(connection) is None:
        return Check("office", Level.WARN, found, action + " Needed before a relay is set.")
    return Check("office", Level.FAIL, found, action + " Alert mail is refused until then.")


# ---- relay ------------------------------------------------------------------------------------


def check_relay(connection: Connection, data_dir: Path) -> Check:
    relay = relay_settings(connection)
    if relay is None:
        # Prove the embedded sink works the way the service would use it.
        with MailSink(data_dir / SINK_FOLDER, MemoryKeeper()) as sink:  # keeps nothing
            report = MailTransport(sink.smtp_settings(connections=1)).check_connection()
        return Check(
            "relay",
            Level.WARN,
            f"no relay configured: the embedded sink ({report.tls_version}) keeps every mail "
            "in the local mailbox; nothing reaches residents",
            "Set smtp.host (and smtp.port, smtp.security, smtp.username/password, smtp.cafile) "
            "to the office's relay: see docs/admin/mail-relay.md, then 'kishomail smtp test'.",
        )
    where = f"{relay.host}:{relay.port} ({relay.security})"
    try:
        report = MailTransport(relay).check_connection()
    except CertificateError as error:
        return Check(
            "relay",
            Level.FAIL,
            f"{where}: the certificate is not trusted ({error.message})",
            "Ask the relay's operator for their CA certificate (PEM) and set smtp.cafile to it; "
            "check that smtp.host is the name in the certificate.",
        )
    except TlsError as error:
        return Check(
            "relay",
            Level.FAIL,
            f"{where}: TLS failed ({error.message})",
            "Check smtp.port and smtp.security (587 starttls, 465 implicit) with the relay's "
            "operator; kishomail never sends without TLS.",
        )
    except AuthenticationError as error:
        return Check(
            "relay",
            Level.FAIL,
            f"{where}: login refused ({error.message})",
            "Set the right smtp.username and smtp.password (ask the relay's operator).",
        )
    except RelayUnavailableError as error:
        return Check(
            "relay",
            Level.FAIL,
            f"{where}: not reachable ({error.message})",
            "Check the network path and firewall to the relay, and smtp.host/smtp.port.",
        )
    auth = "authenticated" if report.authenticated else "no AUTH"
    return Check(
        "relay",
        Level.OK,
        f"{where}: {report.tls_version}, certificate {report.certificate_subject}, {auth}",
    )


def check_bounces(connection: Connection) -> list[Check]:
    """The bounce mailbox (only when a relay sends: the embedded sink bounces nothing)."""
    found = probe_bounce_mailbox(connection)
    return [] if found is None else [Check("bounces", Level(found[0]), found[1], found[2])]


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


# ---- disk, store, audit -----------------------------------------------------------------------


def check_disk(data_dir: Path, limits: Limits) -> Check:
    free = shutil.disk_usage(data_dir).free
    found = f"{_size(free)} free for the data folder {data_dir}"
    action = (
        "Free space on that disk (old exports, the local mailbox), or move the data folder to "
        "a larger disk."
    )
    if free < limits.fail_free_bytes:
        return Check("disk", Level.FAIL, found, action)
    if free < limits.warn_free_bytes:
        return Check("disk", Level.WARN, found, action)
    return Check("disk", Level.OK, found)


def _size(count: float) -> str:
    for unit in ("B", "KB", "MB", "GB"):
        if count < 1024:
            return f"{count:.0f} {unit}"
        count /= 1024
    return f"{count:.1f} TB"


def check_store(connection: Connection) -> Check:
    problems = [str(row[0]) for row in connection.execute("PRAGMA cipher_integrity_check")]
    if not problems:  # the structure is only worth reading when every page decrypts
        try:
            plain = [str(row[0]) for row in connection.execute("PRAGMA integrity_check")]
        except sqlcipher3.DatabaseError as error:
            plain = [str(error)]
        problems = [p for p in plain if p != "ok"]
    if problems:
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        return Check(
            "store",
            Level.FAIL,
            f"the database is damaged: {problems[0]}{more}",
            "Stop kishomail, keep the damaged files for investigation, and restore the latest "
            "backup (administrator manual, backups and restore).",
        )
    pages = connection.execute("PRAGMA page_count").fetchone()[0]
    return Check(
        "store", Level.OK, f"every page's HMAC and the database structure check out ({pages} pages)"
    )


def check_rekey_owed(connection: Connection) -> Check:
    owed = rekey_due(connection)
    if owed is None:
        return Check("keys", Level.OK, "no change of the data key is owed")
    return Check(
        "keys",
        Level.WARN,
        f"a change of the data key is owed since {owed['since']} ({owed['reason']} left or had "
        "the password reset while the engine ran): until then an earlier copy of the key file "
        "opens the store with the old password",
        "Stop the service, run 'kishomail rekey', then start the service again.",
    )


def check_audit(connection: Connection, data_dir: Path) -> Check:
    report = verify_outside_in(connection, data_dir)
    if not report.ok:
        return Check(
            "audit",
            Level.FAIL,
            f"the audit chain is broken: {report.problems[0]}",
            "Report this as an incident (R4.10) and keep the database file as it is; "
            "'kishomail audit verify' lists every problem.",
        )
    return Check(
        "audit",
        Level.OK,
        f"{report.checked} entries chained, {report.signed} signed (checked against the "
        f"{report.keys_from}'s keys), {report.anchors} anchors outside the store; head "
        f"{report.head_seq} {report.head_hash[:16]}…",
    )


# ---- backups ----------------------------------------------------------------------------------


def backup_folder(connection: Connection, data_dir: Path) -> Path:
    """Where ``dispatch.engine.backups`` writes (``backup.folder``, else ``backups`` beside)."""
    configured = str(get_setting(connection, "backup.folder")).strip()
    return Path(configured) if configured else data_dir / "backups"


def check_backups(connection: Connection, data_dir: Path, clock: Clock, limits: Limits) -> Check:
    folder = backup_folder(connection, data_dir)
    backups = list_backups(folder)  # complete ones only; copies made before upgrades are not
    action = (
        "Keep the service running for its daily backup, or make one now with 'kishomail backup "
        f"create'; check that the backup folder {folder} is writable."
    )
    if not backups:
        return Check("backup", Level.WARN, f"no backup in {folder} yet", action)
    newest = backups[-1]
    hours = (clock.now() - from_iso(newest.created_at)).total_seconds() / 3600
    found = f"newest backup {newest.name} is {hours:.0f} h old ({len(backups)} kept)"
    if hours > limits.fail_backup_hours:
        return Check("backup", Level.FAIL, found, action)
    if hours > limits.warn_backup_hours:
        return Check("backup", Level.WARN, found, action)
    return Check("backup", Level.OK, found)


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
