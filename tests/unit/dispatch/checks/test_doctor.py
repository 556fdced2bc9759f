"""``kishomail doctor`` against real parts: a TLS relay (aiosmtpd), an HTTP feed server whose
``Date`` we choose, a real SQLCipher store damaged on disk, a tampered audit chain."""

from __future__ import annotations

import email.utils
import http.server
import json
import os
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from dispatch.checks.doctor import check_backups, check_disk, run_doctor
from dispatch.checks.findings import Level, Limits
from dispatch.engine.assembly import DEMO_SOURCE, build_engine, demo_telegrams_folder
from dispatch.engine.backups import create_backup
from dispatch.operations import settings as setting_ops
from dispatch.operations import stations as station_ops
from dispatch.operations.session import Session
from dispatch.records.stations import Station
from dispatch.records.subscriber_table import SubscriberRepository
from dispatch.records.subscribers import NewSubscriber, Topics, WarningLevel
from dispatch.store.database import transaction
from dispatch.store.files import DB_FILE
from tests.support.amedas_site import publish, serve
from tests.support.certs import ServerCertificate
from tests.support.smtp_server import FaultySmtpServer
from tests.unit.dispatch.conftest import ADMIN_PASSWORD, OPERATOR_PASSWORD, Office

#: Disk limits no test machine can fail (the disk check has its own test).
ROOMY = Limits(fail_free_bytes=0, warn_free_bytes=0, feed_timeout=5.0)


def levels(session: Session, data_dir: Path, limits: Limits = ROOMY) -> dict[str, Level]:
    report = run_doctor(session.connection, data_dir, limits=limits)
    return {c.name: c.level for c in report.checks}


def check(session: Session, data_dir: Path, name: str, limits: Limits = ROOMY):  # type: ignore[no-untyped-def]
    report = run_doctor(session.connection, data_dir, limits=limits)
    (found,) = [c for c in report.checks if c.name == name]
    return found


def set_settings(session: Session, **values: object) -> None:
    for name, value in values.items():
        setting_ops.change_setting(session, name.replace("__", "."), value)


# ---- a feed server whose clock we set ---------------------------------------------------------


@dataclass
class FeedServer:
    url: str
    offset: list[float]  # seconds added to the real time in its Date header
    status: list[int]


@pytest.fixture
def feed_server() -> Iterator[FeedServer]:
    offset, status = [0.0], [200]

    class Handler(http.server.BaseHTTPRequestHandler):
        def date_time_string(self, timestamp: float | None = None) -> str:
            return email.utils.formatdate(time.time() + offset[0], usegmt=True)

        def do_GET(self) -> None:
            body = (
                b'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"/>'
            )
            self.send_response(status[0])
            self.send_header("Content-Type", "application/atom+xml")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield FeedServer(f"http://127.0.0.1:{server.server_address[1]}/extra.xml", offset, status)
    server.shutdown()
    server.server_close()


# ---- a fresh office store ---------------------------------------------------------------------


def test_a_fresh_store_on_embedded_defaults_passes_with_warnings(office: Office) -> None:
    set_settings(office.admin, feeds__source=str(demo_telegrams_folder()))
    report = run_doctor(office.admin.connection, office.data_dir, limits=ROOMY)
    by_name = {c.name: c for c in report.checks}
    assert report.ok
    assert [c.name for c in report.checks] == [
        "relay",
        "office",
        "feed",
        "disk",
        "store",
        "audit",
        "keys",
        "backup",
        "gauge",
        "engine",
    ]
    assert by_name["keys"].level is Level.OK
    assert by_name["gauge"].level is Level.OK and "off" in by_name["gauge"].found
    # No relay: the embedded sink answers over TLS, but the office is told nothing goes out.
    assert by_name["relay"].level is Level.WARN
    assert "embedded sink" in by_name["relay"].found
    assert "smtp.host" in by_name["relay"].action
    assert by_name["feed"].level is Level.WARN and "replay" in by_name["feed"].found
    assert by_name["store"].level is Level.OK
    assert by_name["audit"].level is Level.OK
    assert "signed (checked against the key file's keys)" in by_name["audit"].found
    assert by_name["backup"].level is Level.WARN and "no backup" in by_name["backup"].found
    assert by_name["engine"].level is Level.WARN and "never polled" in by_name["engine"].found


# ---- relay ------------------------------------------------------------------------------------


def test_a_trusted_relay_with_auth_is_ok(
    office: Office,
    smtp_server_factory: Callable[..., FaultySmtpServer],
    server_certificate: ServerCertificate,
) -> None:
    server = smtp_server_factory(credentials=("office", "relay-pass-1"))
    set_settings(
        office.admin,
        smtp__host="127.0.0.1",
        smtp__port=server.port,
        smtp__cafile=str(server_certificate.cafile),
        smtp__username="office",
        smtp__password="relay-pass-1",
    )
    found = check(office.admin, office.data_dir, "relay")
    assert found.level is Level.OK, found
    assert "TLSv1" in found.found and "authenticated" in found.found
    assert "relay-pass-1" not in json.dumps(found.as_dict())


def test_an_untrusted_certificate_fails_and_names_smtp_cafile(
    office: Office, smtp_server: FaultySmtpServer
) -> None:
    set_settings(office.admin, smtp__host="127.0.0.1", smtp__port=smtp_server.port)
    found = check(office.admin, office.data_dir, "relay")
    assert found.level is Level.FAIL
    assert "not trusted" in found.found
    assert "smtp.cafile" in found.action


def test_a_wrong_relay_password_fails(
    office: Office,
    smtp_server_factory: Callable[..., FaultySmtpServer],
    server_certificate: ServerCertificate,
) -> None:
    server = smtp_server_factory(credentials=("office", "right-one"))
    set_settings(
        office.admin,
        smtp__host="127.0.0.1",
        smtp__port=server.port,
        smtp__cafile=str(server_certificate.cafile),
        smtp__username="office",
        smtp__password="wrong-one",
    )
    found = check(office.admin, office.data_dir, "relay")
    assert found.level is Level.FAIL
    assert "smtp.password" in found.action


def test_an_unreachable_relay_fails(office: Office, smtp_server: FaultySmtpServer) -> None:
    port = smtp_server.port
    smtp_server.stop()
    set_settings(office.admin, smtp__host="127.0.0.1", smtp__port=port)
    found = check(office.admin, office.data_dir, "relay")
    assert found.level is Level.FAIL
    assert "not reachable" in found.found


# ---- feed and clock ---------------------------------------------------------------------------


def test_the_bundled_demo_telegrams_are_a_replay_not_the_live_feed(office: Office) -> None:
    set_settings(office.admin, feeds__source=DEMO_SOURCE)
    found = check(office.admin, office.data_dir, "feed")
    assert found.level is Level.WARN
    assert "telegrams to replay" in found.found
    assert "extra.xml" in found.action


def test_a_reachable_feed_with_our_time_is_ok(office: Office, feed_server: FeedServer) -> None:
    set_settings(office.admin, feeds__source=feed_server.url)
    found = check(office.admin, office.data_dir, "feed")
    assert found.level is Level.OK, found
    assert "reachable (HTTP 200)" in found.found


@pytest.mark.parametrize("offset", [-150.0, 150.0])
def test_a_clock_off_by_minutes_warns(
    office: Office, feed_server: FeedServer, offset: float
) -> None:
    feed_server.offset[0] = offset
    set_settings(office.admin, feeds__source=feed_server.url)
    found = check(office.admin, office.data_dir, "feed")
    assert found.level is Level.WARN
    # Our clock minus theirs: their Date ahead means we are behind.
    sign = "-" if offset > 0 else "+"
    assert f"clock {sign}1" in found.found and "against the feed's Date" in found.found
    assert "w32tm" in found.action


def test_a_feed_answering_503_fails(office: Office, feed_server: FeedServer) -> None:
    feed_server.status[0] = 503
    set_settings(office.admin, feeds__source=feed_server.url)
    found = check(office.admin, office.data_dir, "feed")
    assert found.level is Level.FAIL and "HTTP 503" in found.found


def test_every_feed_url_is_checked(office: Office, feed_server: FeedServer) -> None:
    set_settings(office.admin, feeds__source=f"{feed_server.url},http://127.0.0.1:9/closed.xml")
    report = run_doctor(office.admin.connection, office.data_dir, limits=ROOMY)
    feeds = [c for c in report.checks if c.name == "feed"]
    assert [c.level for c in feeds] == [Level.OK, Level.FAIL]
    assert "not reachable" in feeds[1].found
    assert not report.ok


# ---- disk, store, audit, backups --------------------------------------------------------------


def test_disk_space_thresholds(tmp_path: Path) -> None:
    assert check_disk(tmp_path, Limits(fail_free_bytes=0, warn_free_bytes=0)).level is Level.OK
    assert (
        check_disk(tmp_path, Limits(fail_free_bytes=0, warn_free_bytes=2**62)).level is Level.WARN
    )
    failed = check_disk(tmp_path, Limits(fail_free_bytes=2**62, warn_free_bytes=2**62))
    assert failed.level is Level.FAIL and "free" in failed.found and failed.action


def test_a_damaged_page_in_the_store_fails(office: Office) -> None:
    operator = office.operator()
    with transaction(operator.connection):
        SubscriberRepository(operator.connection).add_many(
            [
                NewSubscriber(
                    f"resident{n:05d}@example.jp",
                    Topics(warning_level=WarningLevel.WARNING),
                    office.clock.now(),
                )
                for n in range(3000)
            ],
            office.clock.now(),
        )
    operator.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    operator.close()
    office.admin.close()
    database = office.data_dir / DB_FILE
    size = database.stat().st_size
    page = 4096
    # A page in the middle of the subscribers' rows: flip bytes inside its encrypted content.
    with open(database, "r+b") as handle:
        handle.seek((size // page // 2) * page + 100)
        handle.write(os.urandom(64))
    admin = office.login("admin", ADMIN_PASSWORD)
    try:
        found = check(admin, office.data_dir, "store")
    finally:
        admin.close()
    assert found.level is Level.FAIL
    assert "damaged" in found.found
    assert "restore the latest backup" in found.action


def test_a_tampered_audit_chain_fails(office: Office) -> None:
    connection = office.admin.connection
    connection.execute("DROP TRIGGER audit_log_no_update")
    connection.execute("UPDATE audit_log SET outcome = 'denied' WHERE seq = 2")
    found = check(office.admin, office.data_dir, "audit")
    assert found.level is Level.FAIL
    assert "entry 2" in found.found
    assert "incident" in found.action


def test_backup_age(office: Office) -> None:
    connection, clock = office.admin.connection, office.clock
    # A copy made before a schema upgrade is not a backup.
    (office.data_dir / "backups" / "pre-upgrade-v3-20261101T000000Z").mkdir(parents=True)
    assert check_backups(connection, office.data_dir, clock, ROOMY).level is Level.WARN

    made = create_backup(office.admin.store, clock, actor="admin")
    fresh = check_backups(connection, office.data_dir, clock, ROOMY)
    assert fresh.level is Level.OK and made.name in fresh.found
    clock.advance(hours=30)  # the daily backup did not run
    assert check_backups(connection, office.data_dir, clock, ROOMY).level is Level.WARN
    clock.advance(hours=170)
    aged = check_backups(connection, office.data_dir, clock, ROOMY)
    assert aged.level is Level.FAIL and "200 h old" in aged.found
    assert "kishomail backup create" in aged.action


def test_the_backup_folder_setting_is_followed(office: Office, tmp_path: Path) -> None:
    elsewhere = tmp_path / "other-disk"
    set_settings(office.admin, backup__folder=str(elsewhere))
    create_backup(office.admin.store, office.clock, actor="admin")
    found = check_backups(office.admin.connection, office.data_dir, office.clock, ROOMY)
    assert found.level is Level.OK
    assert not (office.data_dir / "backups").exists()


# ---- the command ------------------------------------------------------------------------------


def cli_store(cli, tmp_path: Path) -> dict[str, str]:  # type: ignore[no-untyped-def]
    env = {"KISHOMAIL_PASSWORD": ADMIN_PASSWORD}
    assert cli("init", "--admin", "admin", "--without-totp", env=env).returncode == 0
    folder = str(demo_telegrams_folder())
    assert (
        cli("--user", "admin", "settings", "set", "feeds.source", folder, env=env).returncode == 0
    )
    return env


def test_doctor_command_prints_each_check_and_exits_0_without_fail(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    env = cli_store(cli, tmp_path)
    result = cli("--user", "admin", "doctor", env=env)
    lines = result.stdout.splitlines()
    assert any(line.startswith("OK    store") for line in lines), result.stdout
    assert any(line.startswith("OK    audit") for line in lines)
    assert any(line.startswith("WARN  relay") for line in lines)
    assert any("→" in line for line in lines)  # what to do, under each WARN
    if any(line.startswith("FAIL") for line in lines):  # only a nearly full disk
        assert result.returncode == 1 and "FAIL  disk" in result.stdout
    else:
        assert result.returncode == 0, result.stderr


def test_doctor_json_and_exit_1_on_fail(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    env = cli_store(cli, tmp_path)
    cli("--user", "admin", "settings", "set", "feeds.source", str(tmp_path / "missing"), env=env)
    result = cli("--user", "admin", "doctor", "--json", env=env)
    assert result.returncode == 1
    report = json.loads(result.stdout)
    assert report["ok"] is False
    feed = next(c for c in report["checks"] if c["name"] == "feed")
    assert feed["level"] == "FAIL" and "does not exist" in feed["found"]
    # The run is in the audit log.
    audit = cli("--user", "admin", "audit", "search", "--action", "doctor.run", "--json", env=env)
    assert len(json.loads(audit.stdout)) == 1


def test_doctor_needs_an_administrator(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    env = cli_store(cli, tmp_path)
    operator_env = {"KISHOMAIL_NEW_PASSWORD": OPERATOR_PASSWORD, **env}
    assert (
        cli(
            "--user", "admin", "accounts", "add", "opr", "--role", "operator", env=operator_env
        ).returncode
        == 0
    )
    result = cli("--user", "opr", "doctor", env={"KISHOMAIL_PASSWORD": OPERATOR_PASSWORD})
    assert result.returncode == 1
    assert "may not change settings" in result.stderr
    assert cli("doctor", env=env).returncode == 2  # who are you?


# ---- gauges -----------------------------------------------------------------------------------


def test_each_gauge_shows_its_last_reading_and_a_stale_one_warns(
    office: Office, tmp_path: Path
) -> None:
    gauges, telegrams = tmp_path / "gauges", tmp_path / "telegrams"
    gauges.mkdir()
    telegrams.mkdir()
    set_settings(office.admin, feeds__source=str(telegrams), observations__folder=str(gauges))
    # The office's CSV drop: R1 read ten minutes ago, R2 three hours ago (the clock: 12:00 JST).
    (gauges / "1150.csv").write_text(
        "station_code,station_name,river,kind,value,observed_at\n"
        "R1,新宿区役所,,rain,0,2026-11-21T11:50:00+09:00\n"
        "R2,落合,,rain,0.5,2026-11-21T09:00:00+09:00\n"
    )
    engine = build_engine(office.admin.store, clock=office.clock, speed=None)
    try:
        engine.service.run_once()
    finally:
        engine.close()
    # An AMeDAS station switched on since, never read yet; JMA's page data (a local copy in its
    # layout) answers.
    publish(tmp_path / "amedas")
    with serve(tmp_path / "amedas") as base:
        set_settings(
            office.admin, observations__amedas_stations="44132", observations__amedas_url=base
        )
        report = run_doctor(
            office.admin.connection, office.data_dir, clock=office.clock, limits=ROOMY
        )
    gauge = [(c.level, c.found) for c in report.checks if c.name == "gauge"]
    assert gauge == [
        (Level.OK, "AMeDAS page data reachable (latest 2021-02-24T15:00:00+09:00)"),
        (Level.WARN, "AMeDAS 44132: no reading yet"),
        (Level.OK, "R1: last reading 2026-11-21 11:50 JST, 10 min ago"),
        (Level.WARN, "R2: last reading 2026-11-21 09:00 JST, 180 min ago (stale)"),
    ]
    assert report.ok  # a stale gauge warns; JMA's warnings still go out


def test_the_crisis_gauges_need_consent_levels_and_a_recent_reading(
    office: Office, tmp_path: Path
) -> None:
    """The 危機管理型水位計 reader: off (WARN) until the office records its consent; then each
    gauge's last reading in the page data and its age — absent is normal (low water), older than
    a day is stale, and a gauge with no levels in the station list alerts nobody."""
    capture = Path(__file__).resolve().parents[3] / "data" / "river"
    document = json.loads((capture / "area_info_10000_reconstructed.json").read_text("utf-8"))
    for item in document["obss"]:  # synthetic: one gauge's time moved to 20 min before the clock
        if item["code"] == "1000000107":
            item["obsTime"] = "2026-11-21T11:40:00+09:00"
    (tmp_path / "current").mkdir()
    (tmp_path / "current" / "10000.json").write_text(json.dumps(document), "utf-8")
    codes = "1000000107,1000000174,1000099999"
    station_ops.save_river_stations(
        office.admin,
        [Station(code, "水位計", "鏑木川", danger_m=165.32) for code in codes.split(",")[:2]],
    )
    with serve(tmp_path / "current") as base:
        set_settings(
            office.admin, observations__kriver_stations=codes, observations__kriver_url=base,
            observations__kriver_pref="10000",
        )  # fmt: skip
        off = run_doctor(office.admin.connection, office.data_dir, clock=office.clock, limits=ROOMY)
        set_settings(office.admin, observations__kriver_consent="2026-11-20 課長決裁")
        report = run_doctor(
            office.admin.connection, office.data_dir, clock=office.clock, limits=ROOMY
        )
    [warned] = [c for c in off.checks if c.name == "gauge"]
    assert warned.level is Level.WARN and "kriver_consent is empty" in warned.found
    gauge = [(c.level, c.found) for c in report.checks if c.name == "gauge"]
    assert gauge == [
        (
            Level.WARN,
            "危機管理型水位計 1000099999: not in the river station list, so its readings alert "
            "nobody",
        ),
        (Level.OK, "危機管理型水位計 1000000107: last reading 2026-11-21 11:40 JST, 20 min ago"),
        (
            Level.WARN,
            "危機管理型水位計 1000000174: last reading 2025-09-12 20:53 JST, 625867 min ago "
            "(stale)",
        ),
        (Level.OK, "危機管理型水位計 1000099999: not reported now (low water: once a day)"),
    ]
