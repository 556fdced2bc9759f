"""The embedded mail sink: mail goes into a local mailbox over verified TLS, sent to no one."""

from __future__ import annotations

import email
import email.policy
import smtplib
import stat
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from cryptography import x509

from dispatch.mail.message import UNSUBSCRIBE_URL_SLOT, MessageContent, MessageTemplate, Mode
from dispatch.mail.sink import (
    NOT_SENT_HEADER,
    KeptMessage,
    MailSink,
    MemoryKeeper,
    ensure_tls_files,
)
from dispatch.mail.smtp import CertificateError, MailTransport, Outcome
from tests.support.certs import issue_server_certificate, make_ca

JST = timezone(timedelta(hours=9))


def templates() -> tuple[MessageTemplate, MessageTemplate]:
    def content(body: str) -> MessageContent:
        return MessageContent(
            subject="【大雨警報】千代田区",
            body=body,
            office_address="bousai@city.example.jp",
            date=datetime(2026, 11, 21, 9, 30, tzinfo=JST),
        )

    return (
        MessageTemplate(content(f"警報です\n停止: {UNSUBSCRIBE_URL_SLOT}\n"), Mode.INDIVIDUAL),
        MessageTemplate(content("警報です\n"), Mode.BATCH),
    )


def test_mail_to_the_sink_is_given_to_its_keeper_marked_not_sent(tmp_path: Path) -> None:
    individual, batch = templates()
    envelopes = [
        individual.individual(f"r{n}@docomo.ne.jp", f"<m{n}@city.example.jp>", "https://x.jp/u")
        for n in range(3)
    ]
    envelopes.append(batch.batch(["a@ezweb.ne.jp", "b@ezweb.ne.jp"], "<b1@city.example.jp>"))
    keeper = MemoryKeeper()
    with MailSink(tmp_path, keeper) as sink, MailTransport(sink.smtp_settings()) as transport:
        results = list(transport.send(envelopes))
    assert {r.outcome for r in results} == {Outcome.ACCEPTED}
    assert all("not sent" in r.reply for r in results)

    by_id = {m.entry.message_id: m for m in keeper.messages}
    assert len(by_id) == 4
    assert by_id["<b1@city.example.jp>"].entry.recipients == ("a@ezweb.ne.jp", "b@ezweb.ne.jp")
    assert by_id["<m2@city.example.jp>"].entry.recipients == ("r2@docomo.ne.jp",)
    assert {m.entry.subject for m in keeper.messages} == {"【大雨警報】千代田区"}
    message = email.message_from_bytes(
        by_id["<m0@city.example.jp>"].raw, policy=email.policy.default
    )
    assert "not sent to anyone" in message[NOT_SENT_HEADER]
    assert message["To"] == "r0@docomo.ne.jp"
    # The sink itself writes no message to disk: only its TLS files are in its folder.
    assert {p.name for p in tmp_path.rglob("*") if p.is_file()} == {
        "ca.pem",
        "server.pem",
        "server.key",
    }


def test_certificate_is_made_once_and_trusted_only_through_its_ca_file(tmp_path: Path) -> None:
    individual, _ = templates()
    envelope = individual.individual("r@example.jp", "<m@city.example.jp>", "https://x.jp/u")
    keeper = MemoryKeeper()
    with MailSink(tmp_path, keeper) as sink:
        assert sink.tls is not None
        first = sink.tls.certfile.read_bytes()
        with pytest.raises(CertificateError):  # the system store does not know this CA
            list(MailTransport(sink.smtp_settings(cafile=None)).send([envelope]))
        report = MailTransport(sink.smtp_settings()).check_connection()
        assert report.tls_version in ("TLSv1.2", "TLSv1.3")
    assert keeper.messages == []

    with MailSink(tmp_path, keeper) as again:
        assert again.tls is not None and again.tls.certfile.read_bytes() == first
    assert stat.S_IMODE((tmp_path / "mailsink-tls" / "server.key").stat().st_mode) == 0o600


def test_sink_refuses_mail_without_tls(tmp_path: Path) -> None:
    keeper = MemoryKeeper()
    with (
        MailSink(tmp_path, keeper) as sink,
        smtplib.SMTP(sink.host, sink.port, timeout=5) as client,
    ):
        client.ehlo()
        with pytest.raises(smtplib.SMTPSenderRefused) as caught:
            client.sendmail("a@b.jp", ["c@d.jp"], b"Subject: x\r\n\r\nx\r\n")
        assert caught.value.smtp_code == 530
    assert keeper.messages == []


def test_certificate_near_its_end_is_renewed(tmp_path: Path) -> None:
    files = ensure_tls_files(tmp_path / "sink")
    assert ensure_tls_files(tmp_path / "sink").certfile.read_bytes() == files.certfile.read_bytes()
    # Put a certificate valid for two more days in its place: renewed on the next start.
    short_lived = issue_server_certificate(make_ca(tmp_path / "ca"), tmp_path / "short")
    files.certfile.write_bytes(short_lived.certfile.read_bytes())
    renewed = ensure_tls_files(tmp_path / "sink")
    cert = x509.load_pem_x509_certificate(renewed.certfile.read_bytes())
    assert cert.not_valid_after_utc - datetime.now(UTC) > timedelta(days=700)


class _FullDisk(MemoryKeeper):
    def keep(self, message: KeptMessage) -> None:
        raise OSError("no space left on device")


def test_a_message_the_keeper_cannot_keep_is_deferred_not_lost(tmp_path: Path) -> None:
    individual, _ = templates()
    envelope = individual.individual("r@example.jp", "<m@city.example.jp>", "https://x.jp/u")
    with MailSink(tmp_path, _FullDisk()) as sink, MailTransport(sink.smtp_settings()) as transport:
        (result,) = transport.send([envelope])
    assert result.outcome is Outcome.DEFERRED  # 451: the engine sends it again later
    assert "not writable" in result.reply
