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

import shutil
from collections.abc import Callable
from pathlib import Path

import sqlcipher3

from dispatch.base.clock import Clock, SystemClock, from_iso
from dispatch.base.errors import KishomailError
from dispatch.base.paths import service_dir
from dispatch.checks.bounce_mailbox import probe_bounce_mailbox
from dispatch.checks.feed_checks import check_feeds, check_gauges
from dispatch.checks.findings import Check, DoctorReport, Level, Limits
from dispatch.checks.sender_domain import sender_domain_findings
from dispatch.engine.backups import list_backups
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
from dispatch.store.database import Connection
from dispatch.store.machine_slot import MachineSlot, Protection


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
