"""The desktop app's engine process, driven as the desktop drives it: a real child process, the
store's key on its standard input, events read back as JSON lines."""

from __future__ import annotations

import json
import queue
import subprocess
import sys
import threading
from collections.abc import Iterator
from typing import TypeVar

import pytest

from dispatch.engine.assembly import demo_telegrams_folder
from dispatch.engine.events import (
    AlertEnqueued,
    DispatchDone,
    EngineEvent,
    Started,
    StartFailed,
    Stopped,
    from_json,
)
from dispatch.operations.demo import seed_demo_subscribers
from dispatch.records.mailbox import list_messages
from dispatch.records.settings import set_setting
from dispatch.store.database import transaction
from tests.unit.dispatch.conftest import Office

E = TypeVar("E", bound=EngineEvent)


class EngineProcess:
    """``python -m dispatch.engine.process`` with its events read by a thread (no test hangs
    on a child that stops talking)."""

    def __init__(self) -> None:
        self.child = subprocess.Popen(
            [sys.executable, "-m", "dispatch.engine.process"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            encoding="utf-8",
        )
        self.events: queue.Queue[EngineEvent] = queue.Queue()
        self.log = ""
        self._readers = [
            threading.Thread(target=self._read_events, daemon=True),
            threading.Thread(target=self._read_log, daemon=True),
        ]
        for reader in self._readers:
            reader.start()

    def _read_events(self) -> None:
        assert self.child.stdout is not None
        for line in self.child.stdout:
            self.events.put(from_json(line))

    def _read_log(self) -> None:
        assert self.child.stderr is not None
        self.log = self.child.stderr.read()

    def send(self, text: str) -> None:
        assert self.child.stdin is not None
        self.child.stdin.write(text)
        self.child.stdin.flush()

    def close_stdin(self) -> None:
        assert self.child.stdin is not None
        self.child.stdin.close()

    def next_event(self, event_type: type[E], timeout: float = 60.0) -> E:
        """The next event of ``event_type`` (others before it are skipped)."""
        while True:
            event = self.events.get(timeout=timeout)
            if isinstance(event, event_type):
                return event

    def all_events(self) -> list[EngineEvent]:
        """Every event not yet taken (call after :meth:`wait`)."""
        taken = []
        while not self.events.empty():
            taken.append(self.events.get())
        return taken

    def wait(self) -> int:
        code = self.child.wait(timeout=120)
        for reader in self._readers:
            reader.join(timeout=10)
        return code


@pytest.fixture
def engine() -> Iterator[EngineProcess]:
    process = EngineProcess()
    yield process
    if process.child.poll() is None:
        process.child.kill()
    process.wait()
    for stream in (process.child.stdin, process.child.stdout, process.child.stderr):
        if stream is not None:
            stream.close()


def handshake(office: Office, key: bytes | None = None) -> str:
    store = office.admin.store
    fields = {
        "data_dir": str(store.data_dir),
        "store_id": store.store_id,
        "data_key": (key if key is not None else store.data_key).hex(),
        "started_by": office.admin.account.name,
    }
    if store.audit_signer is not None:
        fields["signing_key"] = store.audit_signer.raw_private().hex()
    return json.dumps(fields) + "\n"


def demo_night(office: Office) -> None:
    with transaction(office.admin.connection):
        seed_demo_subscribers(office.admin.connection, office.clock.now())
        set_setting(office.admin.connection, "feeds.source", str(demo_telegrams_folder()))
        set_setting(office.admin.connection, "feeds.poll_interval", 1)


def test_the_engine_process_mails_the_demo_night_and_stops_when_asked(
    office: Office, engine: EngineProcess
) -> None:
    demo_night(office)
    engine.send(handshake(office))
    started = engine.next_event(Started)
    assert started == Started(local_mailbox=True)  # no relay configured: the embedded mailbox
    alert = engine.next_event(AlertEnqueued)
    assert alert.recipients > 0 and alert.title
    done = engine.next_event(DispatchDone)
    assert done.sent == done.total > 0 and done.failed == 0
    engine.send("stop\n")
    assert engine.next_event(Stopped) == Stopped()
    assert engine.wait() == 0
    assert len(list_messages(office.admin.connection)) >= done.total
    # The mailbox is in the encrypted store: no file of the data folder holds an address.
    addresses = [
        str(row[0]).encode()
        for row in office.admin.connection.execute("SELECT email FROM subscribers")
    ]
    assert addresses
    for path in (p for p in office.data_dir.rglob("*") if p.is_file()):
        data = path.read_bytes()
        assert not [a for a in addresses if a in data], path.name
    # The key travelled on stdin only: it is not in the engine's log.
    assert office.admin.store.data_key.hex() not in engine.log
    # The engine's entries are signed by the person who started it (issue 18).
    signer = office.admin.store.audit_signer
    assert signer is not None and signer.raw_private().hex() not in engine.log
    unsigned = office.admin.connection.execute(
        "SELECT count(*) FROM audit_log WHERE signer IS NULL"
    ).fetchone()[0]
    engine_entries = office.admin.connection.execute(
        "SELECT DISTINCT signer FROM audit_log WHERE action LIKE 'dispatch.%'"
    ).fetchall()
    assert unsigned == 0 and engine_entries == [(signer.key_id,)]
    assert "stopping: finishing the messages in flight" in engine.log


def test_the_end_of_stdin_stops_the_engine_gracefully(
    office: Office, engine: EngineProcess
) -> None:
    """What happens when the desktop app dies: its end of the pipe closes."""
    engine.send(handshake(office))
    engine.next_event(Started)
    engine.close_stdin()
    assert engine.next_event(Stopped) == Stopped()
    assert engine.wait() == 0


def test_a_wrong_key_is_refused_in_words_and_nothing_runs(
    office: Office, engine: EngineProcess
) -> None:
    engine.send(handshake(office, key=bytes(32)))
    assert engine.wait() == 1
    said = engine.all_events()
    assert [type(event) for event in said] == [StartFailed]  # never Started
    failed = said[0]
    assert isinstance(failed, StartFailed) and failed.code == "store.foreign"
    assert "cannot be opened with the key" in failed.message


def test_a_garbled_handshake_is_refused_in_words(engine: EngineProcess) -> None:
    engine.send("this is not json\n")
    failed = engine.next_event(StartFailed)
    assert "not a valid handshake" in failed.message
    assert engine.wait() == 1
