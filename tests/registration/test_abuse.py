"""Registration under abuse: a global hourly cap on sign-up mails, IPv6 clients counted by
their /64, and slow clients (slowloris) that cannot starve a normal one — real sockets against
the real uvicorn server, no proxy in front."""

from __future__ import annotations

import logging
import socket
import ssl
import time
from collections.abc import Iterator

import httpx
import pytest

from dispatch.operations import notifications as notify_ops
from dispatch.registration.guard import SlowClientLimits
from dispatch.registration.limits import client_key
from dispatch.registration.server import WebServer
from tests.registration.conftest import Portal, free_port
from tests.registration.test_pages_in_chromium import sign_up
from tests.support.certs import ServerCertificate


def test_the_hourly_cap_on_sign_up_mails_holds_for_all_clients_together(
    portal: Portal, caplog: pytest.LogCaptureFixture
) -> None:
    registrations = portal.service.registrations
    registrations.all_mail.limit = 3
    reached: list[int] = []
    registrations.on_mail_cap_reached = reached.append
    addresses = [f"botnet{n}@example.jp" for n in range(6)]
    with caplog.at_level(logging.WARNING), portal.client() as client:
        answers = [sign_up(client, address) for address in addresses]
    portal.service.mailer.wait_idle(15)
    assert {a.status_code for a in answers} == {200}
    assert len({a.text for a in answers}) == 1  # the page says the same in every case
    mailed = [a for a in addresses if portal.mails_to(a)]
    assert mailed == addresses[:3]
    assert portal.count() == 3  # over the cap nothing is stored either
    assert reached == [3]  # the staff hook, once
    assert "registration mail cap reached" in caplog.text
    portal.clock.advance(minutes=61)  # an hour later sign-ups are mailed again
    with portal.client() as client:
        sign_up(client, "later@example.jp")
    assert len(portal.wait_mails("later@example.jp", 1)) == 1


def test_the_administrators_are_mailed_when_the_hourly_cap_is_hit(portal: Portal) -> None:
    """The relay's reputation is the office's: a flood of sign-ups reaches an administrator's
    phone (staff notification ``registration-cap``) through the real TLS relay (at most once an
    hour: the hook's own test above)."""
    admin_phone = "kanri-phone@docomo.ne.jp"
    notify_ops.add_contact(portal.admin, portal.admin.account.name, admin_phone)
    portal.service.registrations.all_mail.limit = 2
    with portal.client() as client:
        for n in range(4):
            sign_up(client, f"flood{n}@example.jp")
    notices = portal.wait_mails(admin_phone, 1)
    assert notices[0]["X-Kishomail-Notification"] == "registration-cap"
    assert "2" in notices[0].get_body(("plain",)).get_content()  # type: ignore[union-attr]


def test_ipv6_clients_are_counted_by_their_64(portal: Portal) -> None:
    assert client_key("2001:db8:1:2::1") == client_key("2001:db8:1:2:ffff:ffff:ffff:fffe")
    assert client_key("2001:db8:1:2::1") == "2001:db8:1:2::/64"
    assert client_key("2001:db8:1:3::1") != client_key("2001:db8:1:2::1")
    assert client_key("::ffff:192.0.2.7") == "192.0.2.7"
    registrations = portal.service.registrations
    limit = registrations.per_client.limit
    answers = [registrations.client_allowed(f"2001:db8:1:2::{n:x}") for n in range(limit + 1)]
    assert answers == [True] * limit + [False]  # a new address in the same /64 does not help
    assert registrations.client_allowed("2001:db8:1:3::1")  # the next /64 is another client


@pytest.fixture
def bare_server(portal: Portal) -> Iterator[WebServer]:
    """The same service, plain HTTP, no proxy in front; short deadlines for the test."""
    web = WebServer(
        portal.service,
        port=free_port(),
        slow_clients=SlowClientLimits(header_seconds=2.0, body_seconds=2.0, per_client=8),
    )
    web.start()
    yield web
    web.stop()


def _slow(port: int, source: str, first: bytes) -> socket.socket:
    sock = socket.socket()
    sock.bind((source, 0))
    sock.settimeout(10)
    sock.connect(("127.0.0.1", port))
    sock.sendall(first)
    return sock


def _closed_within(sock: socket.socket, seconds: float) -> bool:
    sock.settimeout(seconds)
    try:
        while True:
            data = sock.recv(4096)
            if not data:
                return True
    except TimeoutError:
        return False
    except OSError:
        return True


def test_slow_clients_do_not_starve_a_normal_one(bare_server: WebServer) -> None:
    port = bare_server.port
    # 210 connections from one slow client (more than uvicorn's 200 before it answers 503),
    # each sending its headers a piece at a time.
    horde: list[socket.socket] = []
    for _ in range(210):
        try:
            horde.append(_slow(port, "127.0.0.2", b"GET / HTTP/1.1\r\nHost: x\r\n"))
        except OSError:
            continue
    try:
        time.sleep(0.5)
        for sock in horde:
            try:
                sock.sendall(b"X-Slow: 1\r\n")
            except OSError:
                pass
        started = time.monotonic()
        answer = httpx.get(f"http://127.0.0.1:{port}/", timeout=10)
        assert answer.status_code == 200, answer.status_code
        assert time.monotonic() - started < 5
        open_ones = [s for s in horde if not _closed_within(s, 0.01)]
        assert len(open_ones) <= 8  # the cap per client
        # Whoever still drips headers is cut off by the header deadline.
        assert all(_closed_within(sock, 5) for sock in open_ones)
    finally:
        for sock in horde:
            sock.close()


def test_a_body_that_never_arrives_is_cut_off(bare_server: WebServer) -> None:
    sock = _slow(
        bare_server.port,
        "127.0.0.3",
        b"POST /register HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded"
        b"\r\nContent-Length: 100\r\n\r\nemail=",
    )
    try:
        assert _closed_within(sock, 6)
    finally:
        sock.close()


def test_a_client_that_never_sends_its_client_hello_is_dropped_and_others_are_served(
    portal: Portal, server_certificate: ServerCertificate
) -> None:
    """The service terminating TLS itself: connections that never start the handshake are
    closed after the handshake bound (here 1 s; asyncio alone waits 60 s, and the header
    deadline only starts once the handshake is done), while a normal client is served."""
    web = WebServer(
        portal.service,
        port=free_port(),
        certfile=str(server_certificate.certfile),
        keyfile=str(server_certificate.keyfile),
        slow_clients=SlowClientLimits(handshake_seconds=1.0),
    )
    web.start()
    silent = [socket.create_connection(("127.0.0.1", web.port), timeout=10) for _ in range(20)]
    try:
        trusted = ssl.create_default_context(cafile=str(server_certificate.cafile))
        answer = httpx.get(web.url, verify=trusted, timeout=10)
        assert answer.status_code == 200
        started = time.monotonic()
        assert all(_closed_within(sock, 6) for sock in silent)
        assert time.monotonic() - started < 6
        assert httpx.get(web.url, verify=trusted, timeout=10).status_code == 200
    finally:
        for sock in silent:
            sock.close()
        web.stop()
