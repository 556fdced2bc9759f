"""``kishomail doctor``: is this installation fit to send tonight's warnings?

Each check gives one line — ``OK``, ``WARN`` or ``FAIL`` — with what was found and, when not
OK, what to do. Nothing is changed and nothing is sent: the relay is only connected to (TLS,
certificate, AUTH, then QUIT), the feed is fetched once, the store is read.

Checks, in order: mail relay · feed reachability and clock skew (the feed's HTTP ``Date``) ·
free disk space of the data folder · store integrity (``PRAGMA cipher_integrity_check`` —
every page's HMAC — and ``PRAGMA integrity_check``) · audit chain · age of the newest backup.
"""

from __future__ import annotations

import email.utils
import enum
import shutil
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import UTC
from pathlib import Path

import httpx
import sqlcipher3

from dispatch.base.clock import Clock, SystemClock, from_iso
from dispatch.base.errors import KishomailError
from dispatch.engine.assembly import DEMO_SOURCE, demo_telegrams_folder
from dispatch.engine.backups import list_backups
from dispatch.engine.relay import SINK_FOLDER, relay_settings
from dispatch.mail.sink import MailSink
from dispatch.mail.smtp import (
    AuthenticationError,
    CertificateError,
    MailTransport,
    RelayUnavailableError,
    TlsError,
)
from dispatch.records.audit import AuditLog
from dispatch.records.settings import example_office_settings, get_setting
from dispatch.store.database import Connection
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
    checks.append(_guarded("office", lambda: check_office(connection)))
    checks += _guarded_many("feed", lambda: check_feeds(connection, clock, limits))
    checks.append(_guarded("disk", lambda: check_disk(data_dir, limits)))
    checks.append(_guarded("store", lambda: check_store(connection)))
    checks.append(_guarded("audit", lambda: check_audit(connection)))
    checks.append(_guarded("backup", lambda: check_backups(connection, data_dir, clock, limits)))
    return DoctorReport(tuple(checks))


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
        with MailSink(data_dir / SINK_FOLDER) as sink:
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


def check_audit(connection: Connection) -> Check:
    report = AuditLog(connection).verify()
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
        f"{report.checked} entries chained; head {report.head_seq} {report.head_hash[:16]}…",
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
