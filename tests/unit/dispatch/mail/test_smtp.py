"""Mail transport against a real aiosmtpd over real TLS on 127.0.0.1, with injected faults.

Covers, at transport level, the fault tests F3–F10 and F19 of the engineering notes. The
client trusts the test CA through ``cafile``; verification is never switched off.
"""

from __future__ import annotations

import dataclasses
import email
import email.policy
import logging
import re
import socket
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from dispatch.base.vocabulary import Charset
from dispatch.mail.message import (
    UNSUBSCRIBE_URL_SLOT,
    Envelope,
    MessageContent,
    MessageTemplate,
    Mode,
    message_id_for,
)
from dispatch.mail.smtp import (
    AuthenticationError,
    CertificateError,
    DomainPolicy,
    MailTransport,
    Outcome,
    RecipientResult,
    RelayUnavailableError,
    Security,
    SendProgress,
    SmtpSettings,
    StartTlsMissingError,
    TlsError,
    group_for_batches,
    retry_delay,
)
from dispatch.mail.smtp.client import dot_stuffed
from tests.support.certs import CertificateAuthority, issue_server_certificate, make_ca
from tests.support.latency_proxy import LatencyProxy
from tests.support.smtp_server import Fault, FaultySmtpServer

ServerFactory = Callable[..., FaultySmtpServer]
OFFICE = "bousai@city.example.jp"
JST = timezone(timedelta(hours=9))


def content(body: str, charset: Charset = Charset.UTF8) -> MessageContent:
    return MessageContent(
        subject="【大雨警報】千代田区",
        body=body,
        office_address=OFFICE,
        office_name="千代田区防災課",
        charset=charset,
        date=datetime(2026, 11, 21, 9, 30, tzinfo=JST),
    )


def individual(recipients: Iterable[str], charset: Charset = Charset.UTF8) -> list[Envelope]:
    template = MessageTemplate(
        content(f"大雨警報です。\n停止: {UNSUBSCRIBE_URL_SLOT}\n", charset), Mode.INDIVIDUAL
    )
    return [
        template.individual(
            r,
            message_id_for("alert-1", r, domain="city.example.jp"),
            f"https://mail.city.example.jp/u/{n}",
        )
        for n, r in enumerate(recipients)
    ]


def batches(recipients: list[str], size: int = 50) -> list[Envelope]:
    template = MessageTemplate(content("大雨警報です。\n"), Mode.BATCH)
    return [
        template.batch(recipients[i : i + size], f"<batch-{i}@city.example.jp>")
        for i in range(0, len(recipients), size)
    ]


def addresses(count: int, domain: str = "example.jp", prefix: str = "user") -> list[str]:
    return [f"{prefix}{n}@{domain}" for n in range(count)]


def settings_for(server: FaultySmtpServer, cafile: Path, **changes: object) -> SmtpSettings:
    base = SmtpSettings(
        host=server.host,
        port=server.port,
        security=Security.IMPLICIT if server.tls == "implicit" else Security.STARTTLS,
        cafile=cafile,
        connections=2,
        connect_timeout=5.0,
        command_timeout=5.0,
        data_timeout=5.0,
        retry_pause=0.01,
        domain_policies=(),
    )
    return dataclasses.replace(base, **changes)  # type: ignore[arg-type]


def send_all(settings: SmtpSettings, envelopes: list[Envelope]) -> list[RecipientResult]:
    with MailTransport(settings) as transport:
        return list(transport.send(envelopes))


def by_recipient(results: list[RecipientResult]) -> dict[str, RecipientResult]:
    return {r.recipient: r for r in results}


@pytest.fixture
def cafile(test_ca: CertificateAuthority) -> Path:
    return test_ca.cafile


# -- the good path ----------------------------------------------------------------------------


def test_individual_mail_reaches_every_recipient_exactly_once_over_tls(
    smtp_server: FaultySmtpServer, cafile: Path
) -> None:
    recipients = addresses(120)
    progress: list[SendProgress] = []
    with MailTransport(settings_for(smtp_server, cafile, connections=4)) as transport:
        results = list(transport.send(individual(recipients), on_progress=progress.append))

    assert {r.outcome for r in results} == {Outcome.ACCEPTED}
    assert sorted(r.recipient for r in results) == sorted(recipients)
    assert smtp_server.recipients_received() == {r: 1 for r in recipients}
    assert all(m.secure for m in smtp_server.received), "every message went over TLS"
    assert progress[-1].accepted == 120 and progress[-1].envelopes_done == 120


def test_connections_are_pooled_between_dispatches_and_all_closed_at_the_end(
    smtp_server: FaultySmtpServer, cafile: Path
) -> None:
    transport = MailTransport(settings_for(smtp_server, cafile, connections=3))
    results = list(transport.send(individual(addresses(30))))
    assert len(results) == 30
    assert smtp_server.open_connections == 3  # kept for the next dispatch
    transport.close()
    assert smtp_server.wait_until(lambda: smtp_server.open_connections == 0)
    # Closed while a dispatch is still sending (the service stopping mid-run): the workers'
    # connections are closed as they finish, not kept where nobody would close them.
    sending = transport.send(individual(addresses(60, prefix="second")))
    next(sending)
    transport.close()
    assert len(list(sending)) == 59
    assert smtp_server.wait_until(lambda: smtp_server.open_connections == 0)
    assert smtp_server.recipients_received()["second59@example.jp"] == 1


def test_lines_starting_with_a_dot_arrive_whole_and_do_not_end_the_message_early(
    smtp_server: FaultySmtpServer, cafile: Path
) -> None:
    """RFC 5321 §4.5.2: a line of the message that starts with a dot — or is a lone dot, which
    would otherwise end the message there — reaches the server as it was written."""
    data = b"Subject: test\r\n\r\n.first line\r\n.\r\nafter a lone dot\r\n..two dots\r\nend\r\n"
    envelope = Envelope(OFFICE, ("dots@example.jp",), data, "<dots@city.example.jp>")
    results = send_all(settings_for(smtp_server, cafile), [envelope])
    assert [r.outcome for r in results] == [Outcome.ACCEPTED]
    assert [m.data for m in smtp_server.received] == [data]
    # A dot after a bare LF is doubled too: a server that ends lines at a bare LF (SMTP
    # smuggling) never sees "\n.\r\n" as the end of the message.
    assert dot_stuffed(b"x\n.\r\ny") == b"x\n..\r\ny"


@pytest.mark.parametrize("charset", list(Charset))
def test_no_received_message_shows_any_other_recipients_address(
    smtp_server: FaultySmtpServer, cafile: Path, charset: Charset
) -> None:
    """R3.2, BCC safety: parse every message the server got, in both modes."""
    solo = addresses(20, "docomo.ne.jp", "solo")
    grouped = addresses(120, "ezweb.ne.jp", "group")
    envelopes = individual(solo, charset) + batches(grouped)
    results = send_all(settings_for(smtp_server, cafile), envelopes)
    assert {r.outcome for r in results} == {Outcome.ACCEPTED}

    everyone = set(solo) | set(grouped)
    assert len(smtp_server.received) == 20 + 3
    for received in smtp_server.received:
        message = email.message_from_bytes(received.data, policy=email.policy.default)
        shown = "\n".join(f"{k}: {v}" for k, v in message.items())
        shown += "\n" + message.get_content() + "\n" + received.data.decode("ascii")
        visible = {a for a in everyone if a in shown}
        if len(received.recipients) == 1 and received.recipients[0] in solo:
            assert visible == {received.recipients[0]}
            assert message["To"] == received.recipients[0]
        else:
            assert visible == set(), "a batch message must not name any recipient"
            assert message["To"] == OFFICE


def test_implicit_tls_with_authentication_and_the_connection_check(
    smtp_server_factory: ServerFactory, cafile: Path
) -> None:
    server = smtp_server_factory(tls="implicit", credentials=("office", "s3cret-pass"))
    settings = settings_for(server, cafile, username="office", password="s3cret-pass")
    with MailTransport(settings) as transport:
        report = transport.check_connection()
        assert report.tls_version in ("TLSv1.2", "TLSv1.3")
        assert report.authenticated and report.security is Security.IMPLICIT
        assert "commonName=localhost" in report.certificate_subject
        assert server.received == [], "the connection check sends nothing"
        results = list(transport.send(individual(addresses(5))))
    assert {r.outcome for r in results} == {Outcome.ACCEPTED}
    assert server.stats.auth_attempts and all(secure for secure, _ in server.stats.auth_attempts)


def test_wrong_password_is_refused_and_never_shown(
    smtp_server_factory: ServerFactory, cafile: Path, caplog: pytest.LogCaptureFixture
) -> None:
    server = smtp_server_factory(credentials=("office", "right-one"))
    secret = "Wr0ng-Pa55-4711"
    settings = settings_for(server, cafile, username="office", password=secret)
    caplog.set_level(logging.DEBUG)
    with pytest.raises(AuthenticationError) as caught:
        MailTransport(settings).check_connection()
    assert "password" in str(caught.value)
    assert secret not in str(caught.value) and secret not in repr(caught.value.__cause__)
    assert secret not in repr(settings)
    assert secret not in caplog.text
    # smtplib tries PLAIN, then LOGIN; both only on the encrypted channel.
    assert server.stats.auth_attempts and set(server.stats.auth_attempts) == {(True, "office")}


# -- F3: 4xx ----------------------------------------------------------------------------------


def test_f3_temporary_failures_are_deferred_to_the_caller_who_retries_with_back_off(
    smtp_server: FaultySmtpServer, cafile: Path
) -> None:
    smtp_server.add_fault(Fault("RCPT", reply="451 4.3.0 Try later", address="^slow", limit=2))
    smtp_server.add_fault(
        Fault("DATA", reply="452 4.3.1 Insufficient storage", probability=0.3, limit=8)
    )
    recipients = ["slow@example.jp", *addresses(30)]
    envelopes = {e.recipients[0]: e for e in individual(recipients)}
    settings = settings_for(smtp_server, cafile)
    delays: list[float] = []
    outcome: dict[str, Outcome] = {}
    pending = list(envelopes)
    with MailTransport(settings) as transport:
        for attempt in range(1, 8):
            results = list(transport.send(envelopes[r] for r in pending))
            outcome.update((r.recipient, r.outcome) for r in results)
            pending = [r.recipient for r in results if r.outcome is Outcome.DEFERRED]
            if not pending:
                break
            assert {r.code for r in results if r.outcome is Outcome.DEFERRED} <= {451, 452}
            delays.append(retry_delay(attempt, jitter=0))

    assert set(outcome.values()) == {Outcome.ACCEPTED}
    # One RCPT per attempt: the transport itself never loops on a 4xx.
    assert smtp_server.counts["fault:RCPT:reply"] == 2
    assert smtp_server.recipients_received()["slow@example.jp"] == 1
    assert smtp_server.recipients_received() == {r: 1 for r in recipients}
    assert delays == sorted(delays) and delays[0] >= 60


def test_retry_delay_grows_is_capped_and_spread() -> None:
    plain = [retry_delay(n, jitter=0) for n in range(1, 9)]
    assert plain[:4] == [60, 120, 240, 480] and max(plain) == 1800
    spread = {round(retry_delay(3), 3) for _ in range(50)}
    assert len(spread) > 10 and all(192 <= d <= 288 for d in spread)
    with pytest.raises(ValueError):
        retry_delay(0)


# -- F4: 5xx ----------------------------------------------------------------------------------


@pytest.mark.parametrize("pipelining", [True, False])
def test_f4_rejected_recipient_fails_with_its_reply_and_others_are_unaffected(
    smtp_server_factory: ServerFactory, cafile: Path, pipelining: bool
) -> None:
    server = smtp_server_factory(
        pipelining=pipelining,
        faults=[Fault("RCPT", reply="550 5.1.1 User unknown", address="^gone")],
    )
    recipients = addresses(10)
    recipients[3] = "gone3@example.jp"
    recipients[7] = "gone7@example.jp"
    results = by_recipient(send_all(settings_for(server, cafile), batches(recipients, 5)))

    for gone in ("gone3@example.jp", "gone7@example.jp"):
        assert results[gone].outcome is Outcome.FAILED
        assert results[gone].code == 550 and "User unknown" in results[gone].reply
    others = [r for r in recipients if not r.startswith("gone")]
    assert all(results[r].outcome is Outcome.ACCEPTED for r in others)
    assert server.recipients_received() == {r: 1 for r in others}


def test_f4_message_refused_at_data_fails_its_recipients_and_the_session_goes_on(
    smtp_server: FaultySmtpServer, cafile: Path
) -> None:
    smtp_server.add_fault(Fault("DATA", reply="554 5.6.0 Message rejected", nth={2}))
    envelopes = batches(addresses(12), 3)
    results = send_all(settings_for(smtp_server, cafile, connections=1), envelopes)

    failed = [r for r in results if r.outcome is Outcome.FAILED]
    assert len(failed) == 3 and {r.code for r in failed} == {554}
    assert {r.message_id for r in failed} == {envelopes[1].message_id}
    assert sum(r.outcome is Outcome.ACCEPTED for r in results) == 9
    assert smtp_server.counts["connect"] == 1, "a refused message does not cost the session"
    # The next message's commands were already out behind the refused data: nothing the
    # client sent after the refusal (a RSET) may end up inside that next message.
    received = [email.message_from_bytes(m.data) for m in smtp_server.received]
    assert [m["Message-ID"] for m in received] == [
        e.message_id for e in envelopes if e is not envelopes[1]
    ]


# -- F5, F6: the connection drops around the end of the data ---------------------------------


def test_f5_drop_during_data_is_in_doubt_and_a_resend_arrives_once(
    smtp_server: FaultySmtpServer, cafile: Path
) -> None:
    smtp_server.add_fault(Fault("DATA", action="drop", nth={2}))
    envelopes = individual(addresses(4))
    settings = settings_for(smtp_server, cafile, connections=1)
    results = send_all(settings, envelopes)

    doubtful = [r for r in results if r.outcome is Outcome.IN_DOUBT]
    assert [r.recipient for r in doubtful] == ["user1@example.jp"]
    assert "in doubt" in doubtful[0].reply and doubtful[0].code is None
    assert sum(r.outcome is Outcome.ACCEPTED for r in results) == 3

    resent = send_all(settings, [envelopes[1]])
    assert [r.outcome for r in resent] == [Outcome.ACCEPTED]
    assert smtp_server.recipients_received() == {r: 1 for r in addresses(4)}


def test_f6_reply_lost_after_accept_is_in_doubt_and_the_duplicate_keeps_its_message_id(
    smtp_server: FaultySmtpServer, cafile: Path
) -> None:
    smtp_server.add_fault(Fault("DATA", action="accept-then-drop", nth={1}))
    envelope = individual(["taro@example.jp"])[0]
    settings = settings_for(smtp_server, cafile, connections=1)
    first = send_all(settings, [envelope])
    assert [r.outcome for r in first] == [Outcome.IN_DOUBT]

    second = send_all(settings, [envelope])
    assert [r.outcome for r in second] == [Outcome.ACCEPTED]
    copies = [m for m in smtp_server.received if m.recipients == ("taro@example.jp",)]
    assert len(copies) == 2, "RFC 1047: the server had it; the resend is a duplicate"
    ids = {email.message_from_bytes(m.data)["Message-ID"] for m in copies}
    assert ids == {envelope.message_id}, "same Message-ID, so the duplicate can be recognised"


# -- F7: a stalled server ---------------------------------------------------------------------


def test_f7_stall_after_the_data_times_out_in_doubt_without_hanging(
    smtp_server: FaultySmtpServer, cafile: Path
) -> None:
    smtp_server.add_fault(Fault("DATA", action="stall", nth={1}))
    settings = settings_for(smtp_server, cafile, connections=1, data_timeout=0.5)
    started = time.monotonic()
    results = send_all(settings, individual(addresses(3)))
    elapsed = time.monotonic() - started

    assert [r.outcome for r in results] == [Outcome.IN_DOUBT, Outcome.ACCEPTED, Outcome.ACCEPTED]
    assert "timeout" in results[0].reply
    assert elapsed < 4.0


def test_f7_stall_before_the_data_is_retried_on_a_fresh_connection(
    smtp_server: FaultySmtpServer, cafile: Path
) -> None:
    smtp_server.add_fault(Fault("RCPT", action="stall", limit=1))
    settings = settings_for(smtp_server, cafile, connections=1, command_timeout=0.5)
    results = send_all(settings, individual(addresses(2)))
    assert [r.outcome for r in results] == [Outcome.ACCEPTED, Outcome.ACCEPTED]
    assert smtp_server.recipients_received() == {r: 1 for r in addresses(2)}
    assert smtp_server.counts["connect"] == 2


# -- F8, F9, F10: TLS ----------------------------------------------------------------------------


@pytest.mark.parametrize("tls", ["garbage-after-starttls", "tls1.0-only"])
def test_f8_tls_handshake_failure_stops_without_plaintext(
    smtp_server_factory: ServerFactory, cafile: Path, tls: str
) -> None:
    server = smtp_server_factory(tls=tls, credentials=("office", "pw"))
    settings = settings_for(server, cafile, username="office", password="pw", retries=1)
    with pytest.raises(TlsError) as caught:
        send_all(settings, individual(addresses(3)))
    assert "never falls back" in str(caught.value)
    assert server.received == [] and server.counts["MAIL"] == 0
    assert server.stats.auth_attempts == []


def test_f9_untrusted_certificate_is_refused_with_a_clear_message(
    smtp_server: FaultySmtpServer, tmp_path: Path
) -> None:
    stranger = make_ca(tmp_path / "other-ca", "someone else's CA")
    for trusted in (stranger.cafile, None):  # another CA; the system store
        settings = dataclasses.replace(settings_for(smtp_server, stranger.cafile), cafile=trusted)
        with pytest.raises(CertificateError) as caught:
            send_all(settings, individual(addresses(1)))
        assert "certificate" in str(caught.value) and "Nothing was sent" in str(caught.value)
    assert smtp_server.received == [] and smtp_server.counts["MAIL"] == 0


def test_f9_certificate_for_another_host_name_is_refused(
    smtp_server_factory: ServerFactory, test_ca: CertificateAuthority, tmp_path: Path
) -> None:
    elsewhere = issue_server_certificate(test_ca, tmp_path, ("mail.example.invalid",))
    server = smtp_server_factory(certificate=elsewhere)
    with pytest.raises(CertificateError) as caught:
        MailTransport(settings_for(server, test_ca.cafile)).check_connection()
    assert "mismatch" in str(caught.value).lower() or "not valid" in str(caught.value)
    assert server.counts["MAIL"] == 0


def test_f10_relay_without_starttls_gets_neither_password_nor_mail(
    smtp_server_factory: ServerFactory, cafile: Path
) -> None:
    server = smtp_server_factory(certificate=None, tls="none")
    settings = settings_for(server, cafile, username="office", password="pw")
    with pytest.raises(StartTlsMissingError) as caught:
        send_all(settings, individual(addresses(3)))
    assert "STARTTLS" in str(caught.value)
    assert server.counts["MAIL"] == 0 and server.counts["AUTH"] == 0
    assert server.stats.auth_attempts == [] and server.received == []


def test_unreachable_relay_is_a_clear_error(cafile: Path) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    settings = SmtpSettings(host="127.0.0.1", port=port, cafile=cafile, retries=1, retry_pause=0.01)
    with pytest.raises(RelayUnavailableError) as caught:
        send_all(settings, individual(addresses(2)))
    assert f"127.0.0.1:{port}" in str(caught.value)


# -- F19 and pacing -----------------------------------------------------------------------------


def test_f19_relay_rate_limit_slows_down_reconnects_and_completes(
    smtp_server_factory: ServerFactory, cafile: Path
) -> None:
    server = smtp_server_factory(messages_per_session=5)
    recipients = addresses(40)
    with MailTransport(settings_for(server, cafile, connections=2)) as transport:
        results = list(transport.send(individual(recipients)))
        assert transport.slowdowns >= 1
        assert transport.overall_rate_limit is not None, "the pace was lowered"

    assert {r.outcome for r in results} == {Outcome.ACCEPTED}
    assert server.recipients_received() == {r: 1 for r in recipients}
    # It learned the relay's limit: a few 421s at first, then fresh sessions in time.
    assert 1 <= server.counts["421"] <= 4
    assert server.counts["connect"] >= 8


def test_a_carrier_is_paced_while_other_domains_go_at_full_speed(
    smtp_server: FaultySmtpServer, cafile: Path
) -> None:
    docomo = DomainPolicy("docomo", ("docomo.ne.jp",), rate=10.0, max_recipients_per_session=4)
    settings = settings_for(smtp_server, cafile, domain_policies=(docomo,))
    envelopes = individual(addresses(16, "docomo.ne.jp") + addresses(16, "example.jp"))
    arrival: dict[str, float] = {}
    started = time.monotonic()
    with MailTransport(settings) as transport:
        for result in transport.send(envelopes):
            assert result.outcome is Outcome.ACCEPTED
            arrival[result.recipient] = time.monotonic() - started

    carrier = [t for r, t in arrival.items() if r.endswith("@docomo.ne.jp")]
    others = [t for r, t in arrival.items() if r.endswith("@example.jp")]
    assert max(carrier) >= 0.5, "16 at 10/s with a burst of 10 takes over half a second"
    assert max(others) < max(carrier), "a paced carrier does not hold back other domains"
    # At most 4 docomo recipients per session: at least 4 sessions were used for them.
    sessions = {m.session for m in smtp_server.received if m.recipients[0].endswith("docomo.ne.jp")}
    assert len(sessions) >= 4


def test_batches_are_grouped_per_carrier_within_its_session_limit() -> None:
    settings = SmtpSettings(host="relay.example.jp")
    recipients = addresses(130, "docomo.ne.jp") + addresses(10, "i.softbank.jp")
    recipients += addresses(60, "example.jp")
    groups = group_for_batches(recipients, settings, batch_size=50)
    assert [len(g) for g in groups] == [50, 50, 30, 10, 50, 10]
    for group in groups:
        assert len({settings.policy_for(r).name for r in group}) == 1


def test_stop_ends_the_run_after_the_messages_in_flight(
    smtp_server: FaultySmtpServer, cafile: Path
) -> None:
    stop = threading.Event()
    results: list[RecipientResult] = []
    with MailTransport(settings_for(smtp_server, cafile)) as transport:
        for result in transport.send(individual(addresses(200)), stop=stop):
            results.append(result)
            if len(results) == 10:
                stop.set()
    assert 10 <= len(results) < 200
    assert len(smtp_server.received) == len(results), "every message sent was reported"


def send_counting_pulls(
    settings: SmtpSettings, envelopes: list[Envelope], *, slow_pulls: int = 0
) -> tuple[RecipientResult, int, list[RecipientResult]]:
    """Send ``envelopes`` from a source that counts what the transport pulled, the first
    ``slow_pulls`` taking 2 ms each (as claims from the store): the first result, how many
    envelopes were pulled when it came, and the other results."""
    pulled = 0

    def source() -> Iterator[Envelope]:
        nonlocal pulled
        for envelope in envelopes:
            pulled += 1
            if pulled <= slow_pulls:
                time.sleep(0.002)
            yield envelope

    with MailTransport(settings) as transport:
        sending = transport.send(source())
        first = next(sending)
        pulled_at_first_reply = pulled
        return first, pulled_at_first_reply, list(sending)


def test_a_large_batch_dispatch_is_not_read_whole_before_its_first_reply(
    smtp_server: FaultySmtpServer, cafile: Path
) -> None:
    # The caller claims recipients from the outbox as the transport pulls envelopes: a
    # read-ahead of 2,000 *envelopes* of 50 took a 100,000-recipient dispatch whole before
    # the first reply could be recorded (the first acceptance 7 s after the alert).
    settings = settings_for(smtp_server, cafile, read_ahead=500)
    envelopes = batches(addresses(12_000), size=50)  # 240 envelopes
    first, pulled_at_first_reply, rest = send_counting_pulls(settings, envelopes)
    assert first.outcome is Outcome.ACCEPTED
    assert pulled_at_first_reply <= 500 // 50 + settings.connections + 1
    assert len(rest) + 1 == 12_000


def test_the_first_replies_are_not_held_back_by_reading_ahead(
    smtp_server: FaultySmtpServer, cafile: Path
) -> None:
    # Individual envelopes come from the outbox 200 to a claim, and a claim takes time. The
    # first residents' replies go to the caller (who records them) before more is read
    # ahead: reading the whole read-ahead first held them ~0.2 s at the start of a
    # 100,000-recipient dispatch. The first reply arrives while the slow pulls go on.
    settings = settings_for(smtp_server, cafile, read_ahead=1_000)
    envelopes = individual(addresses(1_200))
    first, pulled_at_first_reply, rest = send_counting_pulls(settings, envelopes, slow_pulls=600)
    assert first.outcome is Outcome.ACCEPTED
    assert pulled_at_first_reply < 600, "the read-ahead was filled before the first reply"
    assert len(rest) + 1 == 1_200


def test_pipelining_saves_round_trips_to_a_distant_relay(
    smtp_server_factory: ServerFactory, cafile: Path
) -> None:
    flights = {}
    for pipelining in (True, False):
        server = smtp_server_factory()
        with LatencyProxy(server.host, server.port, 0.05) as proxy:
            settings = dataclasses.replace(
                settings_for(server, cafile, connections=1, pipelining=pipelining),
                port=proxy.port,
            )
            with MailTransport(settings) as transport:
                list(transport.send(individual(["warm@example.jp"])))  # connect once
                before = proxy.client_flights
                results = list(transport.send(individual(addresses(4))))
                flights[pipelining] = proxy.client_flights - before
        assert {r.outcome for r in results} == {Outcome.ACCEPTED}
    # Counted, not timed (a loaded machine stretches every wait). Pipelined: MAIL+RCPT+DATA,
    # then each text goes out with the next message's MAIL+RCPT+DATA behind it (RFC 2920
    # §3.1), so one flight (one round trip) a message and one for the last text; one by one:
    # MAIL, RCPT, DATA, text = 4 a message. Four messages.
    assert flights[True] <= 4 + 1 + 1 < 4 * 4 <= flights[False]


def test_transport_logs_no_address(
    smtp_server: FaultySmtpServer, cafile: Path, caplog: pytest.LogCaptureFixture
) -> None:
    smtp_server.add_fault(
        Fault("RCPT", reply="550 5.1.1 <gone@example.jp> unknown", address="gone")
    )
    smtp_server.add_fault(Fault("DATA", action="accept-then-drop", nth={2}))
    smtp_server.add_fault(Fault("MAIL", action="drop", nth={4}))
    caplog.set_level(logging.DEBUG, logger="dispatch")
    recipients = [*addresses(5), "gone@example.jp"]
    send_all(settings_for(smtp_server, cafile, connections=1), individual(recipients))
    ours = "\n".join(r.getMessage() for r in caplog.records if r.name.startswith("dispatch"))
    assert ours, "the transport did log"
    assert not re.search(r"[\w.+-]+@[\w-]+\.[\w.]+", ours.replace("@city.example.jp", ""))
