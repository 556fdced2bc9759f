"""Fault tests of the dispatch engine with real processes (notes F1, F2, F7, F15, F17).

The engine runs as it does in ``kishomail run``: built by ``dispatch.engine.assembly.build_engine``
from a real SQLCipher store, sending over verified STARTTLS to an aiosmtpd server that runs in
another process (so that killing the engine does not take the server down).
"""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from dispatch.base.clock import FixedClock, SystemClock
from dispatch.engine.assembly import build_engine
from dispatch.engine.sender import Dispatcher, DrainReport
from dispatch.mail.smtp import MailTransport, SmtpSettings
from dispatch.records.outbox import Outbox
from dispatch.store.database import Store
from feeds.model import Telegram
from feeds.replay import ReplaySource
from tests.e2e.processes import (
    OPERATOR,
    OPERATOR_PASSWORD,
    REPO,
    Child,
    assert_nobody_missed_and_doubles_only_in_flight,
    child_env,
    enqueue_warning,
    kill_outcome,
    open_store,
    prepare_store,
    real_dispatcher,
    reaped,
    relay_settings_for,
    resident,
    smtp_server_process,
)
from tests.support.certs import ServerCertificate
from tests.support.smtp_server import Fault, FaultySmtpServer

#: F1's dispatch size. Lower it (e.g. KISHOMAIL_F1_RECIPIENTS=2000) on a slow machine; the
#: issue asks for 10,000.
F1_RECIPIENTS = int(os.environ.get("KISHOMAIL_F1_RECIPIENTS", "10000"))
F1_KILLS = 10
F1_CONNECTIONS = 4

DEMO_TELEGRAMS = REPO / "resources" / "demo_telegrams"


def worker(data_dir: Path, *options: str) -> Child:
    return Child.start(
        ["-m", "tests.e2e.dispatch_worker", str(data_dir), *options],
        env=child_env(KISHOMAIL_USER=OPERATOR, KISHOMAIL_PASSWORD=OPERATOR_PASSWORD),
    )


# ---- F1: kill -9 mid-dispatch, repeated --------------------------------------------------------


@pytest.mark.slow
def test_f1_repeated_kill_9_misses_nobody_and_counts_every_duplicate(tmp_path: Path) -> None:
    data_dir = tmp_path / "store"
    rng = random.Random(os.environ.get("KISHOMAIL_F1_SEED", "f1"))
    with smtp_server_process() as server:
        admin = prepare_store(
            data_dir,
            recipients=F1_RECIPIENTS,
            settings=relay_settings_for(server.port, server.cafile, F1_CONNECTIONS),
        )
        dispatch_id = enqueue_warning(admin)
        admin.close()

        kills = runs = 0
        started = time.monotonic()
        finished = False
        while not finished and runs < 4 * F1_KILLS + 10:  # bounded: each run makes progress
            runs += 1
            child = worker(data_dir)
            with reaped(child):
                if kills < F1_KILLS:
                    # A random moment once sending has begun: in a claim, between a 250 and
                    # its commit, in a commit, in the middle of recording results …
                    assert child.wait_for("draining", timeout=60), child.finish(5)
                    time.sleep(rng.uniform(0.0, 0.6))
                    if child.process.poll() is None:
                        os.kill(child.pid, signal.SIGKILL)
                        code, out, err = child.finish(timeout=30)
                        assert code == -signal.SIGKILL, (code, err[-2000:])
                        kills += 1
                        continue
                code, out, err = child.finish(timeout=300)
                assert code == 0, (code, out[-2000:], err[-2000:])
                finished = True
        elapsed = time.monotonic() - started
        report = server.stop()

    counts: dict[str, int] = report["recipient_counts"]
    outcome = kill_outcome(counts, F1_RECIPIENTS, data_dir, dispatch_id)
    print(
        f"\nF1: {F1_RECIPIENTS} recipients, {kills} kills (SIGKILL), {runs} runs, "
        f"{elapsed:.1f} s: {outcome.line()}"
    )
    # What the residents got comes first: a lost mail must show as a lost mail, not as a
    # complaint about how the kills were timed.
    assert finished, "the dispatch did not complete"
    assert_nobody_missed_and_doubles_only_in_flight(outcome, kills)
    assert outcome.control_copies >= 1  # the office's control copy went out
    # Last, the test's own timing: did enough kills land while sending to prove anything?
    assert kills >= F1_KILLS, f"only {kills} kills landed while sending; lower nothing, slow down"


# ---- F2: kill -9 between feed poll and enqueue -------------------------------------------------

WARNING_TELEGRAM = "02_20261012T1900_VPWW55.xml"  # レベル３大雨警報 for 新宿区


def rows(data_dir: Path, sql: str, *params: object) -> list[tuple[object, ...]]:
    session = open_store(data_dir)
    try:
        return [tuple(r) for r in session.connection.execute(sql, params).fetchall()]
    finally:
        session.close()


def polled(child: Child) -> list[int]:
    line = child.wait_for("polled ", timeout=0)
    assert line is not None, child.lines
    return list(json.loads(line.removeprefix("polled ")))


@pytest.mark.slow
def test_f2_a_kill_inside_the_enqueue_transaction_neither_loses_nor_doubles_the_alert(
    tmp_path: Path, smtp_server: FaultySmtpServer, server_certificate: ServerCertificate
) -> None:
    data_dir, feed = tmp_path / "store", tmp_path / "feed"
    feed.mkdir()
    shutil.copy(DEMO_TELEGRAMS / WARNING_TELEGRAM, feed / WARNING_TELEGRAM)
    prepare_store(
        data_dir,
        recipients=40,
        settings=relay_settings_for(smtp_server.port, server_certificate.cafile),
    ).close()

    # 1. Killed after the telegram and the alert's deliveries were written, before COMMIT.
    child = worker(data_dir, "--poll", str(feed), "--pause-in-transaction")
    with reaped(child):
        assert child.wait_for("in-transaction", timeout=60), child.finish(5)
        os.kill(child.pid, signal.SIGKILL)
        assert child.finish(timeout=30)[0] == -signal.SIGKILL
    counts = "SELECT (SELECT count(*) FROM telegrams), (SELECT count(*) FROM alerts), "
    counts += "(SELECT count(*) FROM dispatches), (SELECT count(*) FROM deliveries)"
    assert rows(data_dir, counts) == [(0, 0, 0, 0)]  # nothing half-recorded
    assert rows(data_dir, "PRAGMA integrity_check") == [("ok",)]

    # 2. The restart polls the same telegram again: recorded and enqueued now, once.
    child = worker(data_dir, "--poll", str(feed))
    with reaped(child):
        code, out, err = child.finish(timeout=120)
    assert code == 0, (out, err)
    assert len(polled(child)) == 1
    assert rows(data_dir, counts) == [(1, 1, 1, 40)]

    # 3. The same telegram polled again (the feed still lists it), and a copy under another
    #    name (re-sent with a new id): still one dispatch, nobody mailed twice.
    shutil.copy(DEMO_TELEGRAMS / WARNING_TELEGRAM, feed / ("again_" + WARNING_TELEGRAM))
    child = worker(data_dir, "--poll", str(feed))
    with reaped(child):
        code, out, err = child.finish(timeout=120)
    assert code == 0, (out, err)
    assert polled(child) == []
    assert rows(data_dir, counts)[0][2:] == (1, 40)
    received = smtp_server.recipients_received()
    assert {received[resident(n)] for n in range(40)} == {1}


# ---- F7: a stalled server ----------------------------------------------------------------------


# ---- F7: a stalled server ----------------------------------------------------------------------


def drain_in_thread(dispatcher: Dispatcher, store: Store, timeout: float) -> DrainReport | None:
    """Drain in a worker thread (as the service's sender does); ``None`` if it did not end
    within ``timeout`` (the stop event is then set and the thread given time to end)."""
    stop = threading.Event()
    result: list[DrainReport] = []

    def run() -> None:
        try:
            result.append(dispatcher.drain(stop))
        finally:
            store.close_thread_connection()

    thread = threading.Thread(target=run, name="drain")
    thread.start()
    thread.join(timeout)
    if thread.is_alive():
        stop.set()
        thread.join(60)
    return result[0] if result else None


@pytest.mark.slow
def test_f7_a_stalled_server_costs_one_timeout_and_loses_nothing(
    tmp_path: Path,
    smtp_server_factory: Callable[..., FaultySmtpServer],
    server_certificate: ServerCertificate,
) -> None:
    stalled = resident(3)
    server = smtp_server_factory(faults=[Fault("DATA", action="stall", address=stalled)])
    clock = FixedClock(SystemClock().now())
    admin = prepare_store(
        tmp_path / "store",
        recipients=20,
        clock=clock,
        settings=relay_settings_for(server.port, server_certificate.cafile),
    )
    dispatch_id = enqueue_warning(admin)
    smtp = SmtpSettings(
        host=server.host,
        port=server.port,
        cafile=server_certificate.cafile,
        connections=2,
        command_timeout=1.0,
        data_timeout=1.0,
        domain_policies=(),
    )
    transport = MailTransport(smtp)
    dispatcher = real_dispatcher(admin.store, clock, transport)
    try:
        started = time.monotonic()
        report = drain_in_thread(dispatcher, admin.store, timeout=30)
        elapsed = time.monotonic() - started
        assert report is not None, "the drain did not end while the server stalled"
        assert report.accepted == 19 and report.in_doubt >= 1 and report.error is None
        outbox = Outbox(admin.connection, clock, "example.jp")
        summary = outbox.dispatch_log().summary(dispatch_id)
        assert summary is not None
        assert summary.sent == 19 and summary.status == "sending"
        assert summary.queued + summary.deferred == 1  # kept, to be sent again: not lost
        assert server.recipients_received()[stalled] == 0
        assert elapsed < 15, elapsed  # a few 1-second timeouts, not a loop
        # The server recovers; once the delivery is due again it goes out, counted as a
        # possible duplicate.
        server.clear_faults()
        clock.advance(hours=1)
        report = drain_in_thread(dispatcher, admin.store, timeout=30)
        assert report is not None and report.accepted == 1
        summary = outbox.dispatch_log().summary(dispatch_id)
        assert summary is not None
        assert (summary.status, summary.sent, summary.failed) == ("done", 20, 0)
        assert summary.resent_in_doubt >= 1
        assert server.recipients_received()[stalled] == 1
    finally:
        transport.close()
        admin.close()


# ---- F15: disk full ----------------------------------------------------------------------------


@pytest.mark.slow
def test_f15_a_full_disk_is_reported_leaves_the_store_consistent_and_loses_nothing(
    tmp_path: Path, smtp_server: FaultySmtpServer, server_certificate: ServerCertificate
) -> None:
    data_dir, feed = tmp_path / "store", tmp_path / "feed"
    feed.mkdir()
    shutil.copy(DEMO_TELEGRAMS / WARNING_TELEGRAM, feed / WARNING_TELEGRAM)
    recipients = 3000
    prepare_store(
        data_dir,
        recipients=recipients,
        settings=relay_settings_for(smtp_server.port, server_certificate.cafile),
    ).close()
    counts = "SELECT (SELECT count(*) FROM telegrams), (SELECT count(*) FROM dispatches), "
    counts += "(SELECT count(*) FROM deliveries)"

    # The disk fills up: no file may grow beyond 256 KiB, far less than the ~1 MB the
    # enqueue of 3,000 deliveries writes to the WAL.
    child = worker(data_dir, "--poll", str(feed), "--max-file-size", str(256 * 1024))
    with reaped(child):
        code, out, err = child.finish(timeout=120)
    assert polled(child) == [], (out, err)
    errors = [line for line in child.lines if line.startswith("event poll_failed")]
    assert errors and WARNING_TELEGRAM in errors[0], (out, err)  # surfaced, with the telegram
    print("\nF15:", errors[0], "|", err.strip().splitlines()[-1:])
    assert rows(data_dir, "PRAGMA integrity_check") == [("ok",)]
    assert rows(data_dir, counts) == [(0, 0, 0)]  # all or nothing: nothing half-recorded
    assert smtp_server.recipients_received().total() == 0

    # Space is back: the next run records the telegram and mails everyone, once.
    child = worker(data_dir, "--poll", str(feed))
    with reaped(child):
        code, out, err = child.finish(timeout=120)
    assert code == 0, (out, err)
    assert len(polled(child)) == 1
    assert rows(data_dir, counts) == [(1, 1, recipients)]
    assert rows(data_dir, "PRAGMA integrity_check") == [("ok",)]
    received = smtp_server.recipients_received()
    assert {received[resident(n)] for n in range(recipients)} == {1}


# ---- F17: the clock jumps ----------------------------------------------------------------------


class RelistingFolder:
    """A feed that lists every telegram of a folder at each poll, as JMA's Atom feed keeps
    listing recent entries: what is new must be told by the telegram's id, not by time."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def poll(self) -> list[Telegram]:
        return list(ReplaySource(self.folder).telegrams)


@pytest.mark.slow
def test_f17_clock_jumps_neither_miss_nor_repeat_a_poll_or_a_dispatch(
    tmp_path: Path, smtp_server: FaultySmtpServer, server_certificate: ServerCertificate
) -> None:
    data_dir, feed = tmp_path / "store", tmp_path / "feed"
    feed.mkdir()
    shutil.copy(DEMO_TELEGRAMS / WARNING_TELEGRAM, feed / WARNING_TELEGRAM)
    clock = FixedClock(SystemClock().now())
    admin = prepare_store(
        data_dir,
        recipients=20,
        clock=clock,
        settings=relay_settings_for(smtp_server.port, server_certificate.cafile),
    )
    engine = build_engine(admin.store, clock=clock, source=RelistingFolder(feed))
    service = engine.service
    try:
        assert len(service.poll_once()) == 1
        # The clock is set back two hours between the enqueue and the send: still sent now.
        clock.advance(hours=-2)
        assert service.drain_once().accepted == 20
        assert service.poll_once() == []  # the same telegram listed again, earlier "now"
        # … and forward a day: nothing is sent again, nothing is polled twice.
        clock.advance(hours=26)
        assert service.poll_once() == []
        assert service.drain_once().attempted == 0
        # A new telegram while the clock is off: polled and sent once.
        upgrade = "05_20261012T2105_VPWW55.xml"  # レベル４大雨危険警報
        shutil.copy(DEMO_TELEGRAMS / upgrade, feed / upgrade)
        clock.advance(hours=-30)
        assert len(service.poll_once()) == 1
        assert service.poll_once() == []
        assert service.drain_once().accepted == 20
        received = smtp_server.recipients_received()
        assert {received[resident(n)] for n in range(20)} == {2}

        # The poll job itself: one at a time, missed runs coalesced, an explicit grace time
        # (APScheduler's default of 1 s would drop a poll after a short clock hop).
        service.start()
        try:
            job = service._scheduler.get_job("poll") if service._scheduler else None
            assert job is not None
            assert job.coalesce is True and job.max_instances == 1
            assert job.misfire_grace_time is not None and job.misfire_grace_time >= 30
        finally:
            service.stop()
    finally:
        engine.close()
        admin.close()
