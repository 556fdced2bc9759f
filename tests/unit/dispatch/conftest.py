"""Fixtures for the core's tests: real SQLCipher stores in temporary folders."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest

from dispatch.base.clock import FixedClock
from dispatch.mail.smtp import MailTransport
from dispatch.operations import accounts as account_ops
from dispatch.operations.session import WITHOUT_TOTP, Session, initialise
from dispatch.records.accounts import Role

ADMIN_PASSWORD = "admin-password-1"
OPERATOR_PASSWORD = "operator-password-1"
DUTY_PASSWORD = "duty-password-1"
AUDITOR_PASSWORD = "auditor-password-1"


#: Transports opened by the tests' helpers (``test_outbox.make_dispatcher``); each is closed
#: when its test ends, in whichever module the helper was called.
OPEN_TRANSPORTS: list[MailTransport] = []


@pytest.fixture(autouse=True)
def close_transports() -> Iterator[None]:
    # Here and not in test_outbox: test_resend uses the helper too, and a transport left open
    # keeps its TLS connections to the test server until the interpreter exits.
    yield
    while OPEN_TRANSPORTS:
        OPEN_TRANSPORTS.pop().close()


@pytest.fixture(autouse=True)
def fast_kdf(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Cheap Argon2id in tests (the cost is a parameter stored per slot; the default is
    tested on its own), and logs in the test's folder."""
    monkeypatch.setenv("KISHOMAIL_TEST_FAST_KDF", "1")
    monkeypatch.setenv("KISHOMAIL_LOG_DIR", str(tmp_path / "logs"))


@pytest.fixture
def in_process_cli() -> Iterator[None]:
    """For a test that calls ``dispatch.cli.main`` in this process: the log handlers it sets
    up (in this test's log folder) are removed afterwards, so later tests log where they say."""
    yield
    root = logging.getLogger()
    for handler in [h for h in root.handlers if getattr(h, "_kishomail", False)]:
        handler.close()
        root.removeHandler(handler)


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(datetime(2026, 11, 21, 3, 0, tzinfo=UTC))


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "store"


@dataclass
class Office:
    """A store with one account per role."""

    data_dir: Path
    admin: Session
    clock: FixedClock
    recovery_key: str = ""

    def login(self, name: str, password: str) -> Session:
        from dispatch.operations.session import login

        return login(self.data_dir, name, password, clock=self.clock)

    def operator(self) -> Session:
        return self.login("opr", OPERATOR_PASSWORD)

    def duty(self) -> Session:
        return self.login("duty", DUTY_PASSWORD)

    def auditor(self) -> Session:
        return self.login("aud", AUDITOR_PASSWORD)


@pytest.fixture
def office(data_dir: Path, clock: FixedClock) -> Iterator[Office]:
    admin, recovery_key = initialise(data_dir, "admin", ADMIN_PASSWORD, clock, totp=WITHOUT_TOTP)
    account_ops.add_account(admin, "opr", Role.OPERATOR, OPERATOR_PASSWORD)
    account_ops.add_account(admin, "duty", Role.DUTY_OFFICER, DUTY_PASSWORD)
    account_ops.add_account(admin, "aud", Role.AUDITOR, AUDITOR_PASSWORD)
    yield Office(data_dir, admin, clock, recovery_key)
    admin.close()


@dataclass
class CliResult:
    returncode: int
    stdout: str
    stderr: str


@pytest.fixture
def cli(tmp_path: Path):  # type: ignore[no-untyped-def]
    """Run ``kishomail`` as a real subprocess with the given environment additions."""

    def run(*args: str, env: dict[str, str] | None = None, stdin: str | None = None) -> CliResult:
        # The test's own machine folders (tests/conftest.py) stay: a command never touches
        # the machine's service slot or systemd units.
        kept = ("KISHOMAIL_SERVICE_DIR", "KISHOMAIL_UNIT_DIR")
        full_env = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith("KISHOMAIL_") or key in kept
        }
        full_env.update(
            {
                "KISHOMAIL_TEST_FAST_KDF": "1",
                "KISHOMAIL_LOG_DIR": str(tmp_path / "logs"),
                "KISHOMAIL_DATA_DIR": str(tmp_path / "store"),
            }
        )
        full_env.update(env or {})
        result = subprocess.run(
            [sys.executable, "-m", "dispatch", *args],
            capture_output=True,
            text=True,
            env=full_env,
            input=stdin if stdin is not None else "",
            timeout=120,
        )
        return CliResult(result.returncode, result.stdout, result.stderr)

    return run
