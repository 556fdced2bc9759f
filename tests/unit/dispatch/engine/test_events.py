"""Engine events: their JSON form for the engine process, and ``kishomail run``'s lines for
each — including the two that once went unseen (a failed daily backup) or broke the printer
(a scheduled manual alert)."""

from __future__ import annotations

import json
import logging
import os
import queue
import signal
import subprocess
import sys
import threading
import types
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, Union, get_args, get_origin, get_type_hints

import pytest

from dispatch.base.clock import TOKYO, FixedClock
from dispatch.cli.events_printer import describe
from dispatch.engine.assembly import build_engine
from dispatch.engine.events import (
    EVENT_TYPES,
    AlertEnqueued,
    BackupFailed,
    EngineEvent,
    Event,
    EventFormatError,
    from_json,
    to_json,
)
from dispatch.operations import accounts as account_ops
from dispatch.operations import manual_alert_sending as sending
from dispatch.operations import manual_alerts as ma
from dispatch.operations import subscribers as subscriber_ops
from dispatch.records.accounts import Role
from dispatch.records.settings import set_setting
from dispatch.records.subscribers import NewSubscriber, Topics, WarningLevel
from dispatch.store.database import transaction
from tests.unit.dispatch.conftest import ADMIN_PASSWORD, Office

DUTY2_PASSWORD = "duty2-password-1"


def sample(event_type: type[EngineEvent]) -> EngineEvent:
    """An instance of ``event_type`` with a made-up value in every field (non-ASCII text, an
    aware datetime, a tuple), so that a round trip exercises every conversion."""
    made_up: dict[Any, Any] = {
        str: "新宿区 test",
        int: 7,
        float: 12.5,
        bool: True,
        datetime: datetime(2026, 10, 12, 19, 0, 30, tzinfo=TOKYO),
    }
    values: dict[str, Any] = {}
    for name, hint in get_type_hints(event_type).items():
        if name == "name":  # the ClassVar tag
            continue
        if get_origin(hint) in (Union, types.UnionType):
            (hint,) = [option for option in get_args(hint) if option is not type(None)]
        values[name] = (3, 4) if get_origin(hint) is tuple else made_up[hint]
    return event_type(**values)


def all_samples() -> list[EngineEvent]:
    return [sample(event_type) for event_type in EVENT_TYPES]


# ---- the JSON form ----------------------------------------------------------------------------


def test_every_event_type_is_listed_once_and_in_the_union() -> None:
    assert set(EVENT_TYPES) == set(Event.__subclasses__()) == set(get_args(EngineEvent))
    names = [event_type.name for event_type in EVENT_TYPES]
    assert len(set(names)) == len(names) and all(names)


@pytest.mark.parametrize("event", all_samples(), ids=lambda event: event.name)
def test_every_event_survives_the_process_protocol(event: EngineEvent) -> None:
    line = to_json(event)
    assert line.isascii() and "\n" not in line  # one line, whatever the console's code page
    assert json.loads(line)["event"] == event.name
    assert from_json(line) == event


def test_an_event_with_nothing_optional_survives_too() -> None:
    event = AlertEnqueued(
        dispatch_id=1,
        title="気象警報・注意報",
        kind=None,
        change="new",
        area="新宿区",
        level=None,
        recipients=0,
        exercise=False,
        report_datetime=datetime(2026, 10, 12, 19, 0, tzinfo=TOKYO),
    )
    assert from_json(to_json(event)) == event


@pytest.mark.parametrize(
    ("line", "says"),
    [
        ('{"event": "comet_sighted", "data": {}}', "unknown engine event 'comet_sighted'"),
        ('{"kind": "alert", "data": {}}', "unknown engine event None"),
        ("Traceback (most recent call last):", "not JSON"),
        ('["started"]', "no data object"),
        ('{"event": "backup_failed", "data": {}}', "lacks 'message'"),
        ('{"event": "started", "data": {"local_mailbox": "yes"}}', "'local_mailbox' is not"),
        ('{"event": "dispatch_done", "data": {"dispatch_id": true}}', "'dispatch_id' is not"),
    ],
)
def test_a_line_that_is_not_an_event_is_a_clear_error(line: str, says: str) -> None:
    with pytest.raises(EventFormatError) as raised:
        from_json(line)
    assert says in raised.value.message


# ---- kishomail run's lines ----------------------------------------------------------------------


@pytest.mark.parametrize("event", all_samples(), ids=lambda event: event.name)
def test_kishomail_run_has_a_line_for_every_event(event: EngineEvent) -> None:
    line = describe(event)
    assert line.text.strip()
    assert line.is_failure == event.name.endswith("failed")


def test_a_failed_daily_backup_is_logged_as_an_error_and_reported(
    office: Office, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the backup folder should be")
    with transaction(office.admin.connection):
        set_setting(office.admin.connection, "backup.folder", str(blocked / "backups"))
    events: list[EngineEvent] = []
    engine = build_engine(office.admin.store, clock=office.clock, listeners=[events.append])
    try:
        with caplog.at_level(logging.INFO):
            engine.service.backup_once()
    finally:
        engine.close()
    failures = [e for e in events if isinstance(e, BackupFailed)]
    assert len(failures) == 1 and "not-a-folder" in failures[0].message
    assert [r.levelno for r in caplog.records if "daily backup failed" in r.message] == [
        logging.ERROR
    ]
    assert describe(failures[0]).text.startswith("ERROR  the daily backup failed")


# ---- the two defects, as an operator meets them: `kishomail run` in a terminal -----------------


@pytest.fixture
def clock() -> FixedClock:
    """Three hours ago: the test composes with it what `kishomail run` (the real clock) finds
    due at once."""
    return FixedClock(datetime.now(UTC).replace(microsecond=0) - timedelta(hours=3))


class Run:
    """``kishomail run`` as a real subprocess; its terminal lines read by a thread."""

    def __init__(self, office: Office, tmp_path: Path) -> None:
        env = {k: v for k, v in os.environ.items() if not k.startswith("KISHOMAIL_")}
        env |= {
            "KISHOMAIL_TEST_FAST_KDF": "1",
            "KISHOMAIL_LOG_DIR": str(tmp_path / "logs"),
            "KISHOMAIL_DATA_DIR": str(office.data_dir),
            "KISHOMAIL_PASSWORD": ADMIN_PASSWORD,
        }
        self.child = subprocess.Popen(
            [sys.executable, "-m", "dispatch", "--user", "admin", "run"],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            text=True,
            encoding="utf-8",
            env=env,
        )
        self.lines: queue.Queue[str] = queue.Queue()
        self.seen: list[str] = []
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.child.stdout is not None
        for line in self.child.stdout:
            self.lines.put(line.rstrip("\n"))

    def wait_for(self, text: str, timeout: float) -> str:
        """The first line containing ``text``; fails with everything seen after ``timeout``."""
        deadline = datetime.now(UTC) + timedelta(seconds=timeout)
        while True:
            left = (deadline - datetime.now(UTC)).total_seconds()
            try:
                line = self.lines.get(timeout=max(left, 0.01))
            except queue.Empty:
                pytest.fail(f"no line with {text!r} within {timeout} s; seen: {self.seen}")
            self.seen.append(line)
            if text in line:
                return line

    def stop(self) -> None:
        """SIGTERM, as a service manager stops it: the messages in flight are finished."""
        if self.child.poll() is None:
            self.child.send_signal(signal.SIGTERM)
        try:
            self.child.wait(timeout=120)
        finally:
            if self.child.poll() is None:
                self.child.kill()
                self.child.wait()
            self._reader.join(timeout=10)


@pytest.fixture
def run(office: Office, tmp_path: Path) -> Iterator[Any]:
    # An empty folder for a feed: no telegrams, and no request to JMA from a test.
    (tmp_path / "telegrams").mkdir()
    with transaction(office.admin.connection):
        set_setting(office.admin.connection, "feeds.source", str(tmp_path / "telegrams"))
    started: list[Run] = []

    def start() -> Run:
        started.append(Run(office, tmp_path))
        return started[-1]

    yield start
    for terminal in started:
        if terminal.child.poll() is None:
            terminal.child.kill()
        terminal.child.wait()
        terminal._reader.join(timeout=10)
        if terminal.child.stdout is not None:
            terminal.child.stdout.close()


def test_kishomail_run_prints_a_scheduled_manual_alert(office: Office, run: Any) -> None:
    """Once the printer's KeyError: 'exercise' — the line was lost and a trace logged."""
    operator = office.operator()
    subscriber_ops.add_subscriber(
        operator,
        NewSubscriber(
            "a@example.jp", Topics(warning_level=WarningLevel.WARNING), office.clock.now()
        ),
    )
    operator.close()
    account_ops.add_account(office.admin, "duty2", Role.DUTY_OFFICER, DUTY2_PASSWORD)
    duty, duty2 = office.duty(), office.login("duty2", DUTY2_PASSWORD)
    try:
        texts = {"ja": ma.AlertText("【新宿区】（訓練）配信訓練", "これは訓練です。")}
        send_at = (office.clock.now() + timedelta(hours=2)).astimezone(TOKYO)
        alert = ma.compose(duty, ma.Draft("exercise", texts, send_at=send_at)).alert
        ma.submit(duty, alert.id)
        assert sending.approve(duty2, alert.id).status is ma.AlertStatus.SCHEDULED
    finally:
        duty.close()
        duty2.close()
    office.admin.close()  # the terminal's `kishomail run` is the only one at work now
    terminal = run()
    terminal.wait_for("kishomail is running", timeout=60)
    done = terminal.wait_for("DONE   dispatch", timeout=60)
    terminal.stop()
    announced = [line for line in terminal.seen if "ALERT" in line]
    assert len(announced) == 1 and "【新宿区】（訓練）配信訓練" in announced[0], terminal.seen
    dispatch_id = done.split("dispatch ")[1].split(":")[0]
    assert f"→ dispatch {dispatch_id}, 1 recipients" in announced[0]  # the one resident
    log = "".join(p.read_text() for p in (office.data_dir.parent / "logs").glob("*.log*"))
    assert "listener failed" not in log and "KeyError" not in log


def test_kishomail_run_prints_a_failed_daily_backup(
    office: Office, run: Any, tmp_path: Path
) -> None:
    """Once only a line in the log file: the terminal said nothing."""
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the backup folder should be")
    # The daily backup falls due in the next minute (two, if this one is nearly over).
    now = datetime.now(TOKYO)
    at = now + timedelta(minutes=1 if now.second < 40 else 2)
    with transaction(office.admin.connection):
        set_setting(office.admin.connection, "backup.folder", str(blocked / "backups"))
        set_setting(office.admin.connection, "backup.daily_at", at.strftime("%H:%M"))
    office.admin.close()
    terminal = run()
    terminal.wait_for("kishomail is running", timeout=60)
    failed = terminal.wait_for("backup", timeout=150)
    terminal.stop()
    assert "ERROR  the daily backup failed" in failed and "not-a-folder" in failed
