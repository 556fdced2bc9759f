"""DKIM signing: real rendered alert mail, signatures checked by dkimpy (no DNS: the record
`kishomail dkim keygen` prints is handed to dkimpy's lookup), over real TLS end to end."""

from __future__ import annotations

import base64
import email
import email.policy
import logging
import re
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path

import dkim as dkimpy
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec

from dispatch.base.vocabulary import Charset
from dispatch.base.vocabulary import Charset as SubscriberCharset
from dispatch.engine.assembly import Engine, build_engine
from dispatch.mail.dkim import DkimError, DkimSigner, dns_record
from dispatch.mail.dkim import generate_private_key as make_key
from dispatch.mail.message import (
    UNSUBSCRIBE_URL_SLOT,
    Envelope,
    MessageContent,
    MessageTemplate,
    Mode,
)
from dispatch.operations import settings as setting_ops
from dispatch.operations import subscribers as subscriber_ops
from dispatch.records.outbox import Outbox
from dispatch.records.settings import configured_signer, get_setting, set_setting
from dispatch.records.subscribers import NewSubscriber, Topics, WarningLevel
from dispatch.store.database import transaction
from tests.support.alerts import sample_warning
from tests.support.certs import ServerCertificate
from tests.support.office import OWN_OFFICE, OWN_OFFICE_ADDRESS
from tests.support.smtp_server import FaultySmtpServer
from tests.unit.dispatch.conftest import ADMIN_PASSWORD, Office

JST = timezone(timedelta(hours=9))
DOMAIN = "city.example.jp"
SELECTOR = "kishomail2026"
OFFICE = f"bousai@{DOMAIN}"
BODY = (
    "千代田区に大雨警報（土砂災害）が発表されました。\n"
    "気象庁発表　東京管区気象台\n\n"
    "土砂災害に警戒してください。\t危険な場所から離れてください。  \n"
    "配信の停止: " + UNSUBSCRIBE_URL_SLOT + "\n"
    "(このメールは送信専用です)\n\n\n"
)


@pytest.fixture(scope="module")
def key() -> bytes:
    return make_key()


def lookup_for(selector: str, domain: str, pem: bytes | str) -> Callable[..., bytes]:
    """dkimpy's DNS lookup, answered with the record we would publish (and nothing else)."""
    name, value = dns_record(selector, domain, pem)

    def dnsfunc(qname: bytes, timeout: int = 5) -> bytes:
        return value.encode("ascii") if qname == f"{name}.".encode("ascii") else b""

    return dnsfunc


def verifies(data: bytes, pem: bytes | str, selector: str = SELECTOR, domain: str = DOMAIN) -> bool:
    return bool(dkimpy.verify(data, dnsfunc=lookup_for(selector, domain, pem)))


def rendered(charset: Charset, mode: Mode) -> Envelope:
    body = BODY if mode is Mode.INDIVIDUAL else BODY.replace(UNSUBSCRIBE_URL_SLOT, "https://x.jp/")
    template = MessageTemplate(
        MessageContent(
            subject="【大雨警報】千代田区　土砂災害に警戒",
            body=body,
            office_address=OFFICE,
            office_name="千代田区 防災課",
            charset=charset,
            date=datetime(2026, 11, 21, 9, 30, tzinfo=JST),
            list_unsubscribe_url="https://mail.city.example.jp/stop",
        ),
        mode,
    )
    if mode is Mode.INDIVIDUAL:
        return template.individual(
            "taro@docomo.ne.jp", f"<a1b2@{DOMAIN}>", "https://mail.city.example.jp/u/Zx81?s=1"
        )
    return template.batch(["taro@docomo.ne.jp", "hanako@ezweb.ne.jp"], f"<b1@{DOMAIN}>")


def signature_tags(data: bytes) -> dict[str, str]:
    message = email.message_from_bytes(data, policy=email.policy.compat32)
    value = re.sub(r"\s+", "", str(message["DKIM-Signature"]))
    return dict(tag.split("=", 1) for tag in value.split(";") if tag)


@pytest.mark.parametrize("mode", list(Mode))
@pytest.mark.parametrize("charset", list(Charset))
def test_rendered_alert_mail_is_signed_and_verifies(
    charset: Charset, mode: Mode, key: bytes
) -> None:
    envelope = rendered(charset, mode)
    signer = DkimSigner(DOMAIN, SELECTOR, key, now=lambda: 1_795_000_000.0)
    signed = signer.sign_envelope(envelope)

    assert (signed.sender, signed.recipients, signed.message_id) == (
        envelope.sender,
        envelope.recipients,
        envelope.message_id,
    )
    assert signed.data.startswith(b"DKIM-Signature: ")
    assert signed.data.endswith(envelope.data)  # the message itself is untouched
    assert all(len(line) <= 998 for line in signed.data.split(b"\r\n"))
    assert verifies(signed.data, key)
    tags = signature_tags(signed.data)
    assert (tags["a"], tags["c"], tags["d"], tags["s"], tags["t"]) == (
        "rsa-sha256",
        "relaxed/relaxed",
        DOMAIN,
        SELECTOR,
        "1795000000",
    )
    signed_headers = tags["h"].split(":")
    expected = ["from", "from", "to", "subject", "date", "message-id", "mime-version"]
    expected += ["content-type", "list-unsubscribe"]
    if mode is Mode.INDIVIDUAL:
        expected.append("list-unsubscribe-post")
    assert signed_headers == expected


@pytest.mark.parametrize("charset", list(Charset))
def test_any_change_to_what_was_signed_fails_verification(charset: Charset, key: bytes) -> None:
    signed = DkimSigner(DOMAIN, SELECTOR, key).sign(rendered(charset, Mode.INDIVIDUAL).data)
    head, _, body = signed.partition(b"\r\n\r\n")
    assert verifies(signed, key)

    # One byte of the body (the base64 or 7bit text, not its trailing whitespace).
    index = len(body) // 2
    flipped = body[:index] + bytes([body[index] ^ 0x01]) + body[index + 1 :]
    assert not verifies(head + b"\r\n\r\n" + flipped, key)
    # Another subject, another link in List-Unsubscribe.
    subject = re.sub(rb"Subject: [^\r]*", b"Subject: =?utf-8?b?5YGc5q2i?=", signed, count=1)
    assert not verifies(subject, key)
    assert not verifies(signed.replace(b"Zx81?s=1", b"Zx81?s=2", 1), key)
    # A second From: added in front (From is signed once more than it occurs).
    assert not verifies(b"From: attacker@evil.example\r\n" + signed, key)
    # A signature made with another key, or checked against another selector's record.
    assert not verifies(signed, make_key())
    assert not verifies(signed, key, selector="other")


def test_relaxed_canonicalization_survives_what_relays_do(key: bytes) -> None:
    """Relays refold headers, change whitespace, add Received: and drop trailing blank lines."""
    signed = DkimSigner(DOMAIN, SELECTOR, key).sign(rendered(Charset.ISO_2022_JP, Mode.BATCH).data)
    relayed = b"Received: from kishomail by relay.city.example.jp; Sat, 21 Nov 2026\r\n" + signed
    relayed = relayed.replace(b"Precedence: bulk", b"Precedence:   bulk", 1)
    relayed = relayed.replace(b"Message-ID: <", b"Message-ID:\r\n\t<", 1)
    relayed = relayed.replace(b"Subject: ", b"Subject:\t ", 1)
    assert relayed.endswith(b"\r\n\r\n\r\n")  # the body's empty last lines
    relayed = relayed.rstrip(b"\r\n") + b"\r\n"
    head, sep, body = relayed.partition(b"\r\n\r\n")
    relayed = head + sep + body.replace(b"\r\n", b"  \r\n")  # trailing spaces added
    assert verifies(relayed, key)


def test_a_resent_message_gets_the_same_signature(key: bytes) -> None:
    """A delivery sent again (in doubt after a crash) carries the same signature: PKCS#1 v1.5
    is deterministic and nothing per-attempt is signed."""
    envelope = rendered(Charset.UTF8, Mode.INDIVIDUAL)
    signer = DkimSigner(DOMAIN, SELECTOR, key)
    signatures = {signer.sign(envelope.data).partition(b"\r\n\r\n")[0] for _ in range(5)}
    assert len({s.split(b"b=")[-1] for s in signatures}) == 1  # PKCS#1 v1.5 is deterministic


def test_unusable_keys_and_names_are_refused_without_quoting_the_key(key: bytes) -> None:
    damaged = key.decode().replace("A", "B", 40)
    with pytest.raises(DkimError, match="not an unencrypted PEM private key") as caught:
        DkimSigner(DOMAIN, SELECTOR, damaged)
    body_line = damaged.splitlines()[3]
    assert body_line not in str(caught.value)
    ec_key = ec.generate_private_key(ec.SECP256R1()).private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    with pytest.raises(DkimError, match="must be an RSA key"):
        DkimSigner(DOMAIN, SELECTOR, ec_key)
    with pytest.raises(DkimError, match="not a domain name"):
        DkimSigner("city example jp", SELECTOR, key)
    with pytest.raises(DkimError, match="not a DNS label"):
        DkimSigner(DOMAIN, "sel;ector", key)
    with pytest.raises(DkimError, match="header, an empty line and a body"):
        DkimSigner(DOMAIN, SELECTOR, key).sign(b"Subject: no body")
    assert pem_body(key)[0] not in repr(DkimSigner(DOMAIN, SELECTOR, key))


def pem_body(pem: bytes | str) -> list[str]:
    """The lines of a PEM key's base64 (what must never reach a log)."""
    text = pem.decode() if isinstance(pem, bytes) else pem
    return [line for line in text.splitlines() if line and not line.startswith("-----")]


def test_signing_is_off_by_default_and_a_missing_key_leaves_it_off(
    office: Office, caplog: pytest.LogCaptureFixture
) -> None:
    connection = office.admin.connection
    assert get_setting(connection, "dkim.domain") == ""
    assert configured_signer(connection) is None
    with transaction(connection):
        set_setting(connection, "dkim.domain", DOMAIN)
    with caplog.at_level(logging.INFO, logger="dispatch.records.settings"):
        assert configured_signer(connection) is None
    assert "DKIM signing is OFF" in caplog.text and "dkim keygen" in caplog.text


# ---- end to end: keygen through the CLI, a dispatch through the engine, real TLS ----------

ADMIN = {"KISHOMAIL_USER": "admin", "KISHOMAIL_PASSWORD": ADMIN_PASSWORD}
WARNING = sample_warning("warn-dkim", headline="大雨警報を発表します。")


@pytest.fixture
def engines() -> Iterator[list[Engine]]:
    made: list[Engine] = []
    yield made
    for engine in made:
        engine.close()


def everything_logged(tmp_path: Path) -> str:
    folder = tmp_path / "logs"
    return "".join(p.read_text("utf-8", "replace") for p in folder.rglob("*") if p.is_file())


@pytest.mark.parametrize("mode", list(Mode))
def test_keygen_then_every_mail_sent_over_tls_verifies_and_the_key_is_never_logged(  # type: ignore[no-untyped-def]
    mode: Mode,
    office: Office,
    cli,
    smtp_server: FaultySmtpServer,
    server_certificate: ServerCertificate,
    engines: list[Engine],
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    connection = office.admin.connection
    domain = "example.jp"  # the domain of office.address
    made = cli("dkim", "keygen", "--selector", SELECTOR, "--domain", domain, env=ADMIN)
    assert made.returncode == 0, made.stderr
    assert f"{SELECTOR}._domainkey.{domain}. IN TXT (" in made.stdout
    assert "Signing is still OFF" in made.stdout
    assert get_setting(connection, "dkim.domain") == ""  # turned on only once DNS has it
    pem = str(get_setting(connection, "dkim.key"))
    assert pem.startswith("-----BEGIN PRIVATE KEY-----")
    assert get_setting(connection, "dkim.selector") == SELECTOR
    name, value = dns_record(SELECTOR, domain, pem)
    assert value in made.stdout.replace('" "', "") and name in made.stdout
    # The record again, for the DNS administrator; a second keygen does not overwrite.
    record = cli("dkim", "record", "--domain", domain, "--json", env=ADMIN)
    assert record.returncode == 0, record.stderr
    assert '"value": "' + value + '"' in record.stdout
    again = cli("dkim", "keygen", "--selector", "s2", "--domain", domain, env=ADMIN)
    assert again.returncode == 1 and "--replace" in again.stderr
    assert get_setting(connection, "dkim.key") == pem
    assert setting_ops.setting_value(office.admin, "dkim.key") == "(set)"

    with transaction(connection):
        set_setting(connection, "dkim.domain", domain)
        set_setting(connection, "dispatch.mode", str(mode))
        set_setting(connection, "smtp.host", smtp_server.host)
        for name, value in OWN_OFFICE.items():
            set_setting(connection, name, value)
        set_setting(connection, "smtp.port", smtp_server.port)
        set_setting(connection, "smtp.cafile", str(server_certificate.cafile))
        set_setting(connection, "smtp.connections", 2)
        set_setting(connection, "feeds.source", str(tmp_path))
    residents = {f"resident{n}@example.jp": SubscriberCharset.UTF8 for n in range(4)}
    residents |= {f"keitai{n}@docomo.ne.jp": SubscriberCharset.ISO_2022_JP for n in range(3)}
    operator = office.operator()
    warnings = Topics(warning_level=WarningLevel.WARNING)
    for address, charset in residents.items():
        subscriber_ops.add_subscriber(
            operator, NewSubscriber(address, warnings, office.clock.now(), charset=charset)
        )
    operator.close()
    with transaction(connection):
        Outbox(connection, office.clock, domain).enqueue_alert(WARNING, "大雨警報", str(mode))

    with caplog.at_level(logging.DEBUG):
        engine = build_engine(office.admin.store, clock=office.clock, speed=None)
        engines.append(engine)
        report = engine.service.drain_once()
    assert report.accepted == len(residents) and report.failed == 0
    assert report.control_copies == 1

    received = smtp_server.received
    assert {r for m in received for r in m.recipients} == {*residents, OWN_OFFICE_ADDRESS}
    charsets = set()
    for message in received:
        assert message.secure
        assert verifies(message.data, pem, SELECTOR, domain), message.data[:600]
        tags = signature_tags(message.data)
        assert (tags["d"], tags["s"]) == (domain, SELECTOR)
        assert tags["t"] == str(int(office.clock.now().timestamp()))
        charsets.add(email.message_from_bytes(message.data).get_content_charset())
    assert charsets == {"utf-8", "iso-2022-jp"}

    logged = caplog.text + everything_logged(tmp_path) + made.stderr + record.stdout
    logged += made.stdout + json_audit(office)
    for line in pem_body(pem):
        assert line not in logged
    assert "DKIM signing on: d=example.jp s=kishomail2026" in caplog.text


def json_audit(office: Office) -> str:
    rows = office.admin.connection.execute("SELECT * FROM audit_log").fetchall()
    return repr(rows)


def test_the_key_base64_is_long_enough_to_be_found(key: bytes) -> None:
    """The log checks above look for each line of the key: make sure they are real lines."""
    lines = pem_body(key)
    assert len(lines) > 20 and all(len(line) == 64 for line in lines[:-1])
    assert base64.b64decode("".join(lines))
