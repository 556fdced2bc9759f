"""Fixtures for the registration service: a real store, the test SMTP server, and the pages
served by a real uvicorn over TLS on 127.0.0.1."""

from __future__ import annotations

import base64
import email
import email.policy
import hashlib
import os
import re
import socket
import ssl
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest
from cryptography import x509
from cryptography.hazmat.primitives import serialization

from dispatch.base.clock import FixedClock
from dispatch.operations import accounts as account_ops
from dispatch.operations.session import WITHOUT_TOTP, Session, initialise, login
from dispatch.records.accounts import Role
from dispatch.records.settings import set_setting
from dispatch.records.subscriber_table import SubscriberRepository
from dispatch.records.subscribers import Subscriber
from dispatch.registration.limits import Limits
from dispatch.registration.server import RegistrationService, WebServer, open_service
from dispatch.store.database import transaction
from tests.support.certs import ServerCertificate
from tests.support.smtp_server import FaultySmtpServer

ADMIN_PASSWORD = "admin-password-1"
OPERATOR_PASSWORD = "operator-password-1"


@pytest.fixture(autouse=True)
def fast_kdf(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Cheap Argon2id in tests, and logs in the test's folder."""
    monkeypatch.setenv("KISHOMAIL_TEST_FAST_KDF", "1")
    monkeypatch.setenv("KISHOMAIL_LOG_DIR", str(tmp_path / "logs"))


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(datetime(2026, 11, 21, 3, 0, tzinfo=UTC))


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "store"


@pytest.fixture
def admin(data_dir: Path, clock: FixedClock) -> Iterator[Session]:
    session, _ = initialise(data_dir, "admin", ADMIN_PASSWORD, clock, totp=WITHOUT_TOTP)
    account_ops.add_account(session, "opr", Role.OPERATOR, OPERATOR_PASSWORD)
    yield session
    session.close()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def spki_hash(certfile: Path) -> str:
    """What Chromium's --ignore-certificate-errors-spki-list pins: trust this one key."""
    cert = x509.load_pem_x509_certificate(certfile.read_bytes())
    spki = cert.public_key().public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    return base64.b64encode(hashlib.sha256(spki).digest()).decode()


@dataclass
class Portal:
    """The running registration service as residents and the office meet it."""

    url: str
    service: RegistrationService
    web: WebServer
    smtp: FaultySmtpServer
    admin: Session
    clock: FixedClock
    cafile: Path

    def client(self) -> httpx.Client:
        context = ssl.create_default_context(cafile=str(self.cafile))
        return httpx.Client(base_url=self.url, verify=context, timeout=10.0)

    def subscriber(self, address: str) -> Subscriber | None:
        return SubscriberRepository(self.admin.connection).find_by_email(address)

    def count(self) -> int:
        return SubscriberRepository(self.admin.connection).count()

    def mails_to(self, address: str) -> list[email.message.EmailMessage]:
        self.service.mailer.wait_idle(15)
        found = []
        for received in list(self.smtp.received):
            if address in received.recipients:
                message = email.message_from_bytes(received.data, policy=email.policy.default)
                assert isinstance(message, email.message.EmailMessage)
                found.append(message)
        return found

    def raw_mails_to(self, address: str, count: int = 1) -> list[bytes]:
        """The mails to ``address`` as the test SMTP server received them, bytes as sent."""
        self.wait_mails(address, count)
        return [r.data for r in list(self.smtp.received) if address in r.recipients]

    def wait_mails(self, address: str, count: int) -> list[email.message.EmailMessage]:
        self.smtp.wait_until(lambda: len(self.mails_to(address)) >= count, timeout=15)
        mails = self.mails_to(address)
        assert len(mails) >= count, f"expected {count} mails, got {len(mails)}"
        return mails

    def link_in(self, message: email.message.EmailMessage, path: str) -> str:
        body = message.get_body(preferencelist=("plain",))
        assert body is not None
        text = body.get_content()
        match = re.search(rf"{re.escape(self.url)}{path}\?\S+", text)
        assert match, f"no {path} link in: {text}"
        return match.group(0)


@pytest.fixture
def portal(
    admin: Session,
    clock: FixedClock,
    smtp_server: FaultySmtpServer,
    server_certificate: ServerCertificate,
) -> Iterator[Portal]:
    port = free_port()
    url = f"https://127.0.0.1:{port}/"
    for name, value in (
        ("smtp.host", "127.0.0.1"),
        ("smtp.port", smtp_server.port),
        ("smtp.security", "starttls"),
        ("smtp.cafile", str(server_certificate.cafile)),
        ("smtp.connections", 1),
        ("office.page_url", url),
        ("office.address", "kishomail@city.example.jp"),
        ("office.contact", "03-3209-1111"),
        ("registration.address", "touroku@city.example.jp"),
    ):
        # Session.change_setting would audit the value, and the audit log refuses any text
        # holding an address (office.address): set them as the installer does.
        with transaction(admin.connection):
            set_setting(admin.connection, name, value)
    operator = login(admin.store.data_dir, "opr", OPERATOR_PASSWORD, clock=clock)
    service = open_service(
        operator,
        limits=Limits(
            token_minutes=60, mails_per_address_per_hour=3, requests_per_client_per_hour=60
        ),
    )
    web = WebServer(
        service,
        port=port,
        certfile=str(server_certificate.certfile),
        keyfile=str(server_certificate.keyfile),
    )
    try:
        web.start()
        yield Portal(url, service, web, smtp_server, admin, clock, server_certificate.cafile)
    finally:
        web.stop()
        service.close()
        operator.close()


CHROMIUM = Path("/usr/bin/chromium")
SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
PHONE = {"width": 375, "height": 667}


@pytest.fixture(scope="session")
def browser(server_certificate: ServerCertificate) -> Iterator[object]:
    """Debian's headless Chromium driven by Playwright; it trusts exactly the test server's
    key (an SPKI pin), not every certificate."""
    if not CHROMIUM.exists():
        missing = (
            "THE REGISTRATION PAGES WERE NOT TESTED: Debian's chromium is not installed "
            "(bash installer/linux/install-system-deps.sh --test installs it)"
        )
        # CI installs it (.ci/run → make test → test-system-deps): there a missing browser
        # is a broken set-up, not a reason to pass without testing the pages.
        if os.environ.get("CI") == "true":
            pytest.fail(missing)
        pytest.skip(missing)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            args=[
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                f"--ignore-certificate-errors-spki-list={spki_hash(server_certificate.certfile)}",
            ],
            timeout=30_000,
        )
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def phone(browser: object) -> Iterator[object]:
    """A fresh phone-sized page (its own cookies)."""
    context = browser.new_context(  # type: ignore[attr-defined]
        viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True, locale="ja-JP"
    )
    context.set_default_timeout(15_000)
    page = context.new_page()
    try:
        yield page
    finally:
        context.close()
