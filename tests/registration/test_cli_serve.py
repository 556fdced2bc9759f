"""``kishomail serve-registration`` as the office runs it: the real command in a child process
(its blocking path, uvicorn's own signal handling), a resident signing up over HTTP, and a
clean stop on SIGTERM."""

from __future__ import annotations

import fcntl
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from dispatch.operations.session import Session
from dispatch.records.settings import set_setting
from dispatch.records.subscriber_table import SubscriberRepository
from dispatch.records.subscribers import Status
from dispatch.store.database import transaction
from tests.registration.conftest import ADMIN_PASSWORD, OPERATOR_PASSWORD, free_port
from tests.support.certs import ServerCertificate
from tests.support.silent_peer import closed_within
from tests.support.smtp_server import FaultySmtpServer

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]


@dataclass
class Child:
    process: subprocess.Popen[bytes]
    out: Path
    err: Path

    def output(self) -> str:
        return self.out.read_text("utf-8", "replace") + self.err.read_text("utf-8", "replace")

    def wait_for_output(self, text: str, timeout: float = 30.0) -> None:
        deadline = time.monotonic() + timeout
        while text not in self.output():
            if self.process.poll() is not None or time.monotonic() > deadline:
                raise AssertionError(f"no {text!r} from the command; it said:\n{self.output()}")
            time.sleep(0.05)

    def stop(self, timeout: float = 10.0) -> int:
        """SIGTERM, as systemd or an administrator's ``kill`` stops the service."""
        started = time.monotonic()
        self.process.send_signal(signal.SIGTERM)
        code = self.process.wait(timeout)
        assert time.monotonic() - started < timeout
        return code


def configure(admin: Session, settings: dict[str, object]) -> None:
    # As the installer writes them (Session.change_setting refuses values holding addresses
    # in its audit entry).
    with transaction(admin.connection):
        for name, value in settings.items():
            set_setting(admin.connection, name, value)


@contextmanager
def kishomail(tmp_path: Path, data_dir: Path, *args: str) -> Iterator[Child]:
    """The installed command (``python -m dispatch``) logged in as the operator; always
    reaped, whatever the test does."""
    env = {
        **os.environ,
        "KISHOMAIL_USER": "opr",
        "KISHOMAIL_PASSWORD": OPERATOR_PASSWORD,
        "KISHOMAIL_TEST_FAST_KDF": "1",
        "KISHOMAIL_LOG_DIR": str(tmp_path / "child-logs"),
        "PYTHONUNBUFFERED": "1",
    }
    out, err = tmp_path / "child.out", tmp_path / "child.err"
    with out.open("wb") as stdout, err.open("wb") as stderr:
        process = subprocess.Popen(
            [sys.executable, "-m", "dispatch", "--data-dir", str(data_dir), *args],
            cwd=ROOT,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=stdout,
            stderr=stderr,
        )
    try:
        yield Child(process, out, err)
    finally:
        if process.poll() is None:
            process.kill()
        process.wait(30)


def port_is_free(port: int) -> bool:
    with socket.socket() as sock:
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
        return True


def logged(folder: Path) -> str:
    """Everything the command wrote to its log folder so far."""
    files = folder.rglob("*") if folder.exists() else []
    return "".join(p.read_text("utf-8", "replace") for p in files if p.is_file())


def stopped_cleanly(admin: Session, child: Child) -> None:
    assert "Traceback" not in child.output()
    (entry,) = admin.connection.execute(
        "SELECT actor FROM audit_log WHERE action = 'registration.stop'"
    ).fetchall()
    assert entry == ("opr",)
    for lock in admin.store.data_dir.rglob("*.lock"):  # kishomail.keys.lock stays, unheld
        with open(lock, "a+b") as handle:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)  # raises if still held


def test_serve_registration_serves_a_sign_up_and_stops_on_sigterm(
    tmp_path: Path,
    admin: Session,
    data_dir: Path,
    smtp_server: FaultySmtpServer,
    server_certificate: ServerCertificate,
) -> None:
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    configure(
        admin,
        {
            "smtp.host": "127.0.0.1",
            "smtp.port": smtp_server.port,
            "smtp.security": "starttls",
            "smtp.cafile": str(server_certificate.cafile),
            "smtp.connections": 1,
            # Published behind the ward's reverse proxy, which terminates TLS.
            "office.page_url": "https://www.city.example.jp/kishomail/",
            "office.address": "kishomail@city.example.jp",
            "office.contact": "03-3209-1111",
            "registration.address": "touroku@city.example.jp",
        },
    )
    args = ("serve-registration", "--host", "127.0.0.1", "--port", str(port))
    with kishomail(tmp_path, data_dir, *args) as child:
        child.wait_for_output(f"Registration page on {url}")
        if sys.platform.startswith("linux"):  # started with the password in its environment
            environ = Path(f"/proc/{child.process.pid}/environ").read_bytes()
            assert OPERATOR_PASSWORD.encode() not in environ  # re-executed without it
        with httpx.Client(base_url=url, timeout=10.0) as client:
            page = client.get("./")
            assert page.status_code == 200
            assert "気象メール" in page.text and 'name="charset"' in page.text
            assert page.headers["x-frame-options"] == "DENY"
            assert "script-src 'none'" in page.headers["content-security-policy"]
            assert "strict-transport-security" not in page.headers  # plain HTTP on loopback
            marker = 'name="csrf" value="'
            start = page.text.index(marker) + len(marker)
            csrf = page.text[start : page.text.index('"', start)]
            # Without the cookie the token is worth nothing: nothing stored, nothing sent.
            with httpx.Client(base_url=url, timeout=10.0) as stranger:
                refused = stranger.post(
                    "register",
                    data={"csrf": csrf, "email": "x@example.jp", "t_warnings": "1", "consent": "1"},
                )
                assert refused.status_code == 400
            answer = client.post(
                "register",
                data={
                    "csrf": csrf,
                    "lang": "ja",
                    "email": "Suzuki.Ichiro@Example.JP",
                    "t_warnings": "1",
                    "warning_level": "3",
                    "mail_language": "ja",
                    "charset": "utf-8",
                    "consent": "1",
                },
            )
            assert answer.status_code == 200 and "メールをお送りしました" in answer.text
        smtp_server.wait_until(
            lambda: any("suzuki.ichiro@example.jp" in r.recipients for r in smtp_server.received),
            timeout=15,
        )
        assert child.stop() == 0
    repo = SubscriberRepository(admin.connection)
    assert repo.find_by_email("x@example.jp") is None
    pending = repo.find_by_email("suzuki.ichiro@example.jp")
    assert pending is not None and pending.status is Status.PENDING
    assert port_is_free(port)
    stopped_cleanly(admin, child)


def test_serve_registration_imap_only_stops_on_sigterm(
    tmp_path: Path, admin: Session, data_dir: Path
) -> None:
    # A mailbox that does not answer: the poller keeps trying, the stop still comes at once.
    configure(
        admin,
        {
            "registration.imap_host": "127.0.0.1",
            "registration.imap_port": free_port(),
            "registration.imap_user": "touroku",
            "registration.imap_password": "mailbox-password-1",
        },
    )
    with kishomail(tmp_path, data_dir, "serve-registration", "--imap-only") as child:
        child.wait_for_output("Polling the registration mailbox.")
        # The poller's first attempt fails (nobody listens on that port) and is logged.
        logs = tmp_path / "child-logs"
        deadline = time.monotonic() + 30
        while "registration mailbox poll failed" not in logged(logs) + child.output():
            assert child.process.poll() is None, child.output()
            assert time.monotonic() < deadline, "the poller made no attempt in 30 s"
            time.sleep(0.05)
        assert child.process.poll() is None
        assert child.stop() == 0
    stopped_cleanly(admin, child)


def test_the_slow_client_limits_are_settings_that_take_effect(
    tmp_path: Path,
    admin: Session,
    data_dir: Path,
    smtp_server: FaultySmtpServer,
    server_certificate: ServerCertificate,
) -> None:
    configure(
        admin,
        {
            "smtp.host": "127.0.0.1",
            "smtp.port": smtp_server.port,
            "smtp.cafile": str(server_certificate.cafile),
            "office.page_url": "https://www.city.example.jp/kishomail/",
            "office.address": "kishomail@city.example.jp",
            "office.contact": "03-3209-1111",
        },
    )

    def settings_set(name: str, value: str) -> subprocess.CompletedProcess[str]:
        command = ("settings", "set", name, value)
        return subprocess.run(
            [sys.executable, "-m", "dispatch", "--data-dir", str(data_dir), *command],
            cwd=ROOT,
            env={
                **os.environ,
                "KISHOMAIL_USER": "admin",
                "KISHOMAIL_PASSWORD": ADMIN_PASSWORD,
                "KISHOMAIL_TEST_FAST_KDF": "1",
                "KISHOMAIL_LOG_DIR": str(tmp_path / "child-logs"),
            },
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )

    # Checked before they are kept: a bad value changes nothing and says what to choose.
    too_short = settings_set("registration.header_seconds", "0")
    assert too_short.returncode == 1
    assert "registration.header_seconds cannot be below 1" in too_short.stderr
    too_many = settings_set("registration.connections_per_client", "500")
    assert too_many.returncode == 1
    assert "cannot be above 200; choose a value from 1 to 200" in too_many.stderr
    for name, value in (
        ("registration.header_seconds", "1"),
        ("registration.connections_per_client", "2"),
    ):
        done = settings_set(name, value)
        assert done.returncode == 0, done.stderr

    port = free_port()
    args = ("serve-registration", "--host", "127.0.0.1", "--port", str(port))
    with kishomail(tmp_path, data_dir, *args) as child:
        child.wait_for_output("Registration page on")
        deadline = time.monotonic() + 30
        while port_is_free(port):  # the line comes just before uvicorn listens
            assert time.monotonic() < deadline and child.process.poll() is None, child.output()
            time.sleep(0.05)
        slow: list[socket.socket] = []
        try:
            for _ in range(3):  # one client (127.0.0.2, not the trusted proxy) dripping headers
                sock = socket.socket()
                sock.bind(("127.0.0.2", 0))
                sock.settimeout(10)
                sock.connect(("127.0.0.1", port))
                sock.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n")
                slow.append(sock)
            # The third is over the client's cap of 2 (16 by default): closed at once.
            assert closed_within(slow[2], 2.0)
            # The other two miss the 1 s header deadline (10 s by default).
            started = time.monotonic()
            assert closed_within(slow[0], 5.0) and closed_within(slow[1], 5.0)
            assert time.monotonic() - started < 5.0
            page = httpx.get(f"http://127.0.0.1:{port}/", timeout=10.0)
            assert page.status_code == 200  # a normal client is served
        finally:
            for sock in slow:
                sock.close()
        assert child.stop() == 0
