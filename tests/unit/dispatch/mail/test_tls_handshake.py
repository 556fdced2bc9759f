"""Slow TLS handshakes are bounded: a peer that takes the connection and never speaks TLS makes
our SMTP and IMAP clients give up within their handshake bound, with a line saying so; the
embedded mail sink drops a client that says STARTTLS and then stays silent, while it keeps
taking mail from a normal one."""

from __future__ import annotations

import dataclasses
import socket
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from dispatch.mail.imap import HandshakeTimeout, ImapSettings, connect
from dispatch.mail.message import MessageContent, MessageTemplate, Mode
from dispatch.mail.sink import MailSink, MemoryKeeper
from dispatch.mail.smtp import MailTransport, Outcome, Security, SmtpSettings, TlsError
from tests.support.certs import ServerCertificate
from tests.support.silent_peer import (
    closed_within,
    imap_starttls_then_silence,
    read_line,
    silent_peer,
)
from tests.support.smtp_server import FaultySmtpServer

#: The bound the tests set; every other timeout stays at its (much longer) default, so a
#: client that ignored the bound would wait 30 s or more.
BOUND = 1.0
#: How long past the bound a give-up may take on a loaded machine.
SLACK = 5.0


def timed(action: Callable[[], object]) -> tuple[BaseException, float]:
    started = time.monotonic()
    with pytest.raises(Exception) as caught:  # the type is checked by the caller
        action()
    return caught.value, time.monotonic() - started


def smtp_settings(port: int, cafile: Path, security: Security) -> SmtpSettings:
    return SmtpSettings(
        host="127.0.0.1",
        port=port,
        security=security,
        cafile=cafile,
        handshake_timeout=BOUND,
        retries=1,
        retry_pause=0.01,
    )


def test_smtp_gives_up_on_an_implicit_tls_port_that_never_answers(
    server_certificate: ServerCertificate,
) -> None:
    with silent_peer() as port:
        settings = smtp_settings(port, server_certificate.cafile, Security.IMPLICIT)
        assert settings.connect_timeout >= 30  # not what ends the wait
        error, elapsed = timed(lambda: MailTransport(settings).check_connection())
    assert isinstance(error, TlsError)
    assert str(error).startswith(
        "The relay 127.0.0.1 did not complete the TLS handshake within 1 s; nothing was sent."
    )
    assert elapsed < BOUND + SLACK


def test_smtp_gives_up_when_the_relay_says_yes_to_starttls_and_then_nothing(
    smtp_server_factory: Callable[..., FaultySmtpServer], server_certificate: ServerCertificate
) -> None:
    server = smtp_server_factory(tls="silent-after-starttls")
    settings = smtp_settings(server.port, server_certificate.cafile, Security.STARTTLS)
    error, elapsed = timed(lambda: MailTransport(settings).check_connection())
    assert isinstance(error, TlsError)
    assert "did not complete the TLS handshake within 1 s" in str(error)
    assert elapsed < BOUND + SLACK
    assert server.counts["MAIL"] == 0


def imap_settings(port: int, cafile: Path, security: str) -> ImapSettings:
    return ImapSettings(
        host="127.0.0.1",
        port=port,
        security=security,
        user="bounces",
        password="imap-secret-1",
        cafile=cafile,
        handshake_timeout=BOUND,
    )


@pytest.mark.parametrize(
    ("security", "script"), [("implicit", None), ("starttls", imap_starttls_then_silence)]
)
def test_imap_gives_up_on_a_server_that_never_completes_the_handshake(
    server_certificate: ServerCertificate, security: str, script: object
) -> None:
    with silent_peer(script) as port:  # type: ignore[arg-type]
        settings = imap_settings(port, server_certificate.cafile, security)
        assert settings.timeout >= 30  # not what ends the wait
        error, elapsed = timed(lambda: connect(settings))
    assert isinstance(error, HandshakeTimeout)  # an OSError: the pollers retry next time
    assert str(error) == (
        f"the mail server 127.0.0.1:{port} did not complete the TLS handshake within 1 s "
        "(check its host, port and implicit/starttls)"
    )
    assert "imap-secret-1" not in str(error)
    assert elapsed < BOUND + SLACK


def test_the_mail_sink_drops_a_client_silent_after_starttls_and_serves_the_others(
    tmp_path: Path,
) -> None:
    template = MessageTemplate(
        MessageContent(subject="警報", body="警報です\n", office_address="bousai@city.example.jp"),
        Mode.BATCH,
    )
    keeper = MemoryKeeper()
    with MailSink(tmp_path, keeper, handshake_timeout=BOUND) as sink:
        stalled = socket.create_connection((sink.host, sink.port), timeout=10)
        try:
            assert read_line(stalled).startswith(b"220")
            stalled.sendall(b"EHLO stalled.example\r\n")
            while not (line := read_line(stalled)).startswith(b"250 "):
                assert line.startswith(b"250-"), line
            stalled.sendall(b"STARTTLS\r\n")
            assert read_line(stalled).startswith(b"220")
            # … and no ClientHello. A normal client is served meanwhile:
            settings = dataclasses.replace(sink.smtp_settings(), connections=1)
            with MailTransport(settings) as transport:
                envelope = template.batch(["a@example.jp"], "<m1@city.example.jp>")
                results = list(transport.send([envelope]))
            assert [r.outcome for r in results] == [Outcome.ACCEPTED]
            assert len(keeper.messages) == 1
            started = time.monotonic()
            assert closed_within(stalled, BOUND + SLACK)
            assert time.monotonic() - started < BOUND + SLACK
        finally:
            stalled.close()
