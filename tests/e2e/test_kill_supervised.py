"""``kill -9`` of the engine mid-dispatch, under a supervisor that starts it again (issue 13).

The engine is the real command ``kishomail run`` (started with the operator's password in its
environment, as a unit file would), sending one warning to 10,000 residents over verified
STARTTLS to the test relay in a process of its own. The test is the supervisor — what systemd's
``Restart=always`` does, as systemd cannot run here: whenever the engine is sending it is killed
with SIGKILL at a random moment, and started again, until the dispatch is done. The relay's
count per address is the truth: nobody missed, and a resident got a second message only if
that delivery was in flight at a kill (the store counts it "resent in doubt").

Slow (about a minute and a half here): every restart is a new process that opens the store,
and 10,000 deliveries go through the relay.
"""

from __future__ import annotations

import os
import random
import signal
import time
from pathlib import Path

import pytest

from tests.e2e.processes import (
    OPERATOR,
    OPERATOR_PASSWORD,
    Child,
    assert_nobody_missed_and_doubles_only_in_flight,
    child_env,
    enqueue_warning,
    kill_outcome,
    prepare_store,
    reaped,
    relay_settings_for,
    smtp_server_process,
    summary_of,
)

#: The issue's size. Lower it (KISHOMAIL_SUPERVISED_RECIPIENTS=2000) on a slow machine.
RECIPIENTS = int(os.environ.get("KISHOMAIL_SUPERVISED_RECIPIENTS", "10000"))
KILLS = 5
CONNECTIONS = 4


def start_engine(data_dir: Path, feed: Path, logs: Path) -> Child:
    return Child.start(
        ["-m", "dispatch", "--data-dir", str(data_dir), "run", "--source", str(feed)],
        env=child_env(
            KISHOMAIL_USER=OPERATOR,
            KISHOMAIL_PASSWORD=OPERATOR_PASSWORD,
            KISHOMAIL_LOG_DIR=str(logs),
            PYTHONUNBUFFERED="1",
        ),
    )


@pytest.mark.slow
def test_kill_9_under_a_supervisor_misses_nobody_and_doubles_only_what_was_in_flight(
    tmp_path: Path,
) -> None:
    data_dir, feed = tmp_path / "store", tmp_path / "feed"
    feed.mkdir()  # no telegram: the engine sends the warning already enqueued
    rng = random.Random(os.environ.get("KISHOMAIL_SUPERVISED_SEED", "supervised"))
    with smtp_server_process() as relay:
        admin = prepare_store(
            data_dir,
            recipients=RECIPIENTS,
            settings=relay_settings_for(relay.port, relay.cafile, CONNECTIONS),
        )
        dispatch_id = enqueue_warning(admin)
        admin.close()

        kills = starts = 0
        started = time.monotonic()
        done = False
        while not done and starts < 4 * KILLS + 10:  # bounded: each run makes progress
            starts += 1
            engine = start_engine(data_dir, feed, tmp_path / "logs")
            with reaped(engine):
                if kills < KILLS:
                    # Sending has begun (a progress line): a random moment inside it.
                    assert engine.wait_for("SEND", timeout=120, anywhere=True), engine.finish(5)
                    time.sleep(rng.uniform(0.0, 0.8))
                    if engine.process.poll() is None:
                        os.kill(engine.pid, signal.SIGKILL)
                        code, _, err = engine.finish(timeout=30)
                        assert code == -signal.SIGKILL, (code, err[-2000:])
                        kills += 1
                        continue
                # The last run: left alone until the dispatch is done, then stopped.
                deadline = time.monotonic() + 300
                while not done and time.monotonic() < deadline:
                    assert engine.process.poll() is None, engine.finish(5)
                    done = summary_of(data_dir, dispatch_id)[0].status == "done"
                    time.sleep(0.5)
                engine.process.send_signal(signal.SIGTERM)
                code, out, err = engine.finish(timeout=120)
                assert code == 0, (code, out[-2000:], err[-2000:])
        elapsed = time.monotonic() - started
        report = relay.stop()

    outcome = kill_outcome(report["recipient_counts"], RECIPIENTS, data_dir, dispatch_id)
    print(
        f"\nsupervised kill -9: {RECIPIENTS} recipients, {kills} kills, {starts} starts of "
        f"`kishomail run`, {elapsed:.1f} s: {outcome.line()}"
    )
    assert done, "the dispatch did not complete"
    assert_nobody_missed_and_doubles_only_in_flight(outcome, kills)
    assert kills == KILLS, f"only {kills} kills landed while sending"
