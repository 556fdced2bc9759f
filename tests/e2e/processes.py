"""Real processes for the end-to-end fault tests: an SMTP server that outlives the client's
kills, a prepared store, and child processes that are always reaped.

Everything listens on 127.0.0.1 only; every wait is bounded.
"""

from __future__ import annotations

import json
import os
import selectors
import signal
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dispatch.base.clock import Clock, SystemClock
from dispatch.base.vocabulary import Charset
from dispatch.engine.sender import CLAIM_SIZE, Dispatcher
from dispatch.mail.message import MessageContent, Mode
from dispatch.mail.smtp import MailTransport, SmtpSettings
from dispatch.operations import accounts as account_ops
from dispatch.operations.session import WITHOUT_TOTP, Session, initialise, login
from dispatch.records.accounts import Role
from dispatch.records.dispatch_log import DispatchSummary
from dispatch.records.outbox import Outbox
from dispatch.records.settings import get_setting, office_profile, set_setting
from dispatch.records.subscriber_table import SubscriberRepository
from dispatch.records.subscribers import NewSubscriber, Topics, WarningLevel
from dispatch.store.database import Store, transaction
from dispatch.wording.alerts import render_alert
from feeds.model import Alert
from tests.support.alerts import sample_warning
from tests.support.office import OWN_OFFICE, OWN_OFFICE_ADDRESS

REPO = Path(__file__).resolve().parents[2]

ADMIN, ADMIN_PASSWORD = "admin", "admin-password-1"
OPERATOR, OPERATOR_PASSWORD = "opr", "operator-password-1"
OFFICE = OWN_OFFICE_ADDRESS

#: A warning for Shinjuku, as the state machine makes it from a VPWW53/55 telegram.
WARNING = sample_warning("e2e-warning-1")


def child_env(**extra: str) -> dict[str, str]:
    """The environment of a child: no KISHOMAIL_ variable of the caller leaks in."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("KISHOMAIL_")}
    env["KISHOMAIL_TEST_FAST_KDF"] = "1"
    env["PYTHONPATH"] = str(REPO)
    env.update(extra)
    return env


# ---- the prepared store ------------------------------------------------------------------------


def resident(n: int) -> str:
    return f"resident{n:05d}@example.jp"


def prepare_store(
    data_dir: Path,
    *,
    recipients: int,
    clock: Clock | None = None,
    settings: dict[str, Any] | None = None,
) -> Session:
    """A store with an administrator, an operator and ``recipients`` residents who want
    warnings. Returns the administrator's session (the caller closes it)."""
    clock = clock or SystemClock()
    admin, _ = initialise(data_dir, ADMIN, ADMIN_PASSWORD, clock, totp=WITHOUT_TOTP)
    account_ops.add_account(admin, OPERATOR, Role.OPERATOR, OPERATOR_PASSWORD)
    connection = admin.connection
    now = clock.now()
    with transaction(connection):
        SubscriberRepository(connection).add_many(
            (
                NewSubscriber(resident(n), Topics(warning_level=WarningLevel.WARNING), now)
                for n in range(recipients)
            ),
            now,
        )
        for name, value in (settings or {}).items():
            set_setting(connection, name, value)
    return admin


def relay_settings_for(port: int, cafile: Path, connections: int = 4) -> dict[str, Any]:
    return {
        "smtp.host": "127.0.0.1",
        "smtp.port": port,
        "smtp.cafile": str(cafile),
        "smtp.connections": connections,
        **OWN_OFFICE,
    }


def enqueue_warning(session: Session, alert: Alert = WARNING) -> int:
    with transaction(session.connection):
        dispatch_id = Outbox(session.connection, session.clock, "example.jp").enqueue_alert(
            alert, alert.kind_name or alert.title
        )
    assert dispatch_id is not None
    return dispatch_id


def open_store(data_dir: Path) -> Session:
    return login(data_dir, OPERATOR, OPERATOR_PASSWORD)


def integrity(session: Session) -> str:
    return str(session.connection.execute("PRAGMA integrity_check").fetchone()[0])


def summary_of(data_dir: Path, dispatch_id: int) -> tuple[DispatchSummary, str]:
    """The dispatch's summary as the store holds it, and the store's integrity check."""
    session = open_store(data_dir)
    try:
        summary = (
            Outbox(session.connection, session.clock, "example.jp")
            .dispatch_log()
            .summary(dispatch_id)
        )
        assert summary is not None
        return summary, integrity(session)
    finally:
        session.close()


@dataclass(frozen=True)
class KillOutcome:
    """What the residents got after a dispatch sent through repeated ``kill -9``s."""

    recipients: int
    missed: int
    duplicates: int
    strangers: set[str]
    control_copies: int
    summary: DispatchSummary
    store_integrity: str

    def line(self) -> str:
        return (
            f"missed {self.missed}, duplicated {self.duplicates}, resent in doubt "
            f"{self.summary.resent_in_doubt}, control copies {self.control_copies}"
        )


def kill_outcome(
    recipient_counts: dict[str, int], recipients: int, data_dir: Path, dispatch_id: int
) -> KillOutcome:
    """From the relay's count of messages per address and the store's own record."""
    residents = {resident(n) for n in range(recipients)}
    received = {address: n for address, n in recipient_counts.items() if address != OFFICE}
    summary, store_integrity = summary_of(data_dir, dispatch_id)
    return KillOutcome(
        recipients,
        missed=sum(1 for address in residents if received.get(address, 0) == 0),
        duplicates=sum(n - 1 for n in received.values() if n > 1),
        strangers=set(received) - residents,
        control_copies=recipient_counts.get(OFFICE, 0),
        summary=summary,
        store_integrity=store_integrity,
    )


def assert_nobody_missed_and_doubles_only_in_flight(outcome: KillOutcome, kills: int) -> None:
    """Every resident got the warning, nobody else did, the store is whole and its record
    complete; and a second message went only where the relay had accepted a delivery whose
    250 the killed process had not committed: claimed and unanswered at a kill, which the
    restart resends and counts in doubt. At most the transport's read-ahead, the claim being
    handed to it and the next claim (made ahead by the outbox writer) per kill."""
    summary = outcome.summary
    assert outcome.missed == 0, f"{outcome.missed} residents never got the warning"
    assert not outcome.strangers
    assert outcome.store_integrity == "ok"
    assert (summary.status, summary.sent, summary.failed) == ("done", outcome.recipients, 0)
    assert (summary.queued, summary.sending, summary.deferred) == (0, 0, 0)
    read_ahead = SmtpSettings(host="x").read_ahead
    in_flight = kills * (2 * CLAIM_SIZE + read_ahead)
    assert outcome.duplicates <= summary.resent_in_doubt <= in_flight


# ---- child processes ---------------------------------------------------------------------------


@dataclass
class Child:
    """A child process whose stdout lines can be awaited with a deadline."""

    process: subprocess.Popen[bytes]
    lines: list[str] = field(default_factory=list)
    stderr: str = ""
    _buffer: bytes = b""
    _finished: bool = False

    @classmethod
    def start(
        cls, args: Sequence[str], *, env: dict[str, str] | None = None, stdin: bool = False
    ) -> Child:
        process = subprocess.Popen(
            [sys.executable, *args],
            stdin=subprocess.PIPE if stdin else subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env or child_env(),
            cwd=REPO,
        )
        return cls(process)

    @property
    def pid(self) -> int:
        return self.process.pid

    def wait_for(self, prefix: str, timeout: float, *, anywhere: bool = False) -> str | None:
        """The first line starting with ``prefix`` (or holding it, with ``anywhere``) seen
        before or arriving within ``timeout``; ``None`` when the child ended or the time ran
        out first."""
        deadline = time.monotonic() + timeout

        def matches(line: str) -> bool:
            return prefix in line if anywhere else line.startswith(prefix)

        for line in self.lines:
            if matches(line):
                return line
        stdout = self.process.stdout
        assert stdout is not None
        with selectors.DefaultSelector() as selector:
            selector.register(stdout, selectors.EVENT_READ)
            while (remaining := deadline - time.monotonic()) > 0:
                if not selector.select(remaining):
                    continue
                chunk = os.read(stdout.fileno(), 65536)
                if not chunk:
                    return None
                self._buffer += chunk
                while b"\n" in self._buffer:
                    raw, self._buffer = self._buffer.split(b"\n", 1)
                    line = raw.decode("utf-8", "replace")
                    self.lines.append(line)
                    if matches(line):
                        return line
        return None

    def kill(self) -> None:
        """SIGKILL (if still running) and reap."""
        if self.process.poll() is None:
            os.kill(self.process.pid, signal.SIGKILL)
        self.finish(timeout=10)

    def finish(self, timeout: float, stdin: bytes | None = None) -> tuple[int, str, str]:
        """Wait for the end (killing it when the time runs out); (exit code, stdout, stderr)."""
        if self._finished:
            return self.process.returncode, "\n".join(self.lines), self.stderr
        try:
            out, err = self.process.communicate(stdin, timeout=timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            out, err = self.process.communicate(timeout=10)
        text = (self._buffer + out).decode("utf-8", "replace")
        self._buffer = b""
        self.lines += text.splitlines()
        self.stderr = err.decode("utf-8", "replace")
        self._finished = True
        return self.process.returncode, "\n".join(self.lines), self.stderr


@contextmanager
def reaped(child: Child) -> Iterator[Child]:
    """The child is killed and waited for whatever happens in the block."""
    try:
        yield child
    finally:
        child.kill()


@dataclass
class ServerProcess:
    """``tests.support.smtp_server`` in its own process: a kill of the client leaves it up."""

    child: Child
    port: int
    cafile: Path
    report: dict[str, Any] = field(default_factory=dict)

    def stop(self) -> dict[str, Any]:
        """Close its stdin; it then prints what it accepted (JSON) and ends."""
        if not self.report and self.child.process.poll() is None:
            code, out, err = self.child.finish(timeout=60, stdin=b"")
            last = out.strip().splitlines()[-1] if out.strip() else ""
            if code != 0 or not last.startswith("{"):
                raise RuntimeError(f"the SMTP server process failed ({code}): {err[-2000:]}")
            self.report = json.loads(last)
        return self.report


@contextmanager
def smtp_server_process(*options: str) -> Iterator[ServerProcess]:
    child = Child.start(
        ["-m", "tests.support.smtp_server", "--recipient-counts", *options], stdin=True
    )
    with reaped(child):
        line = child.wait_for("", timeout=30)
        if not line:
            code, _, err = child.finish(timeout=5)
            raise RuntimeError(f"the SMTP server process did not start ({code}): {err[-2000:]}")
        port, cafile = line.split(" ", 1)
        server = ServerProcess(child, int(port), Path(cafile))
        try:
            yield server
        finally:
            if child.process.poll() is None:
                try:
                    server.stop()
                except RuntimeError:
                    pass


def real_dispatcher(store: Store, clock: Clock, transport: MailTransport) -> Dispatcher:
    """The dispatcher ``build_engine`` makes (real rendering of the stored alert, the office
    profile of the store's settings), with transport settings a test chooses (timeouts)."""
    connection = store.connection()
    office = office_profile(connection)
    mode = Mode(get_setting(connection, "dispatch.mode"))

    def render(dispatch_id: int, language: str, charset: Charset) -> MessageContent:
        alert = Outbox(store.connection(), clock, "example.jp").alert_content(dispatch_id)
        assert alert is not None
        return render_alert(alert, language, charset, office, mode=mode)

    return Dispatcher(
        store,
        transport,
        render=render,
        unsubscribe_link=lambda sid: f"https://example.jp/kishomail/u?s={sid}",
        office_address=office.from_address,
        message_domain="example.jp",
        clock=clock,
        mode=mode,
    )
