"""``doctor``'s SPF, DKIM and DMARC checks against a real DNS server on loopback (UDP): what
is published is found, what is missing or wrong is a WARN (a DKIM record of another key a
FAIL) saying what to publish, and a silent server skips the checks with one clear line."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import pytest

from dispatch.checks.doctor import check_sender_domain
from dispatch.checks.findings import Level
from dispatch.mail.dkim import dns_record, generate_private_key
from dispatch.records.settings import set_setting
from dispatch.store.database import Connection, transaction
from tests.support.dns_server import DnsServer
from tests.support.office import OWN_OFFICE
from tests.unit.dispatch.conftest import Office

DOMAIN = "city.example.jp"  # office.address's domain, and so the bounce address's
SELECTOR = "kishomail2026"
KEY = generate_private_key(2048).decode()
OTHER_KEY = generate_private_key(2048).decode()

Records = dict[str, list[tuple[str, str]]]


def published(spf: str | None, *, key: str | None = KEY, dmarc: str | None = None) -> Records:
    records: Records = {DOMAIN: [("MX", f"10 mx.{DOMAIN}")], f"mx.{DOMAIN}": [("A", "127.0.0.1")]}
    if spf is not None:
        records[DOMAIN].append(("TXT", spf))
    if key is not None:
        name, value = dns_record(SELECTOR, DOMAIN, key)
        records[name] = [("TXT", value)]
    if dmarc is not None:
        records[f"_dmarc.{DOMAIN}"] = [("TXT", dmarc)]
    return records


@pytest.fixture
def connection(office: Office) -> Iterator[Connection]:
    """The office's store with a relay on loopback and kishomail signing with DKIM."""
    connection = office.admin.connection
    with transaction(connection):
        for name, value in OWN_OFFICE.items():
            set_setting(connection, name, value)
        set_setting(connection, "smtp.host", "127.0.0.1")
        set_setting(connection, "dkim.domain", DOMAIN)
        set_setting(connection, "dkim.selector", SELECTOR)
        set_setting(connection, "dkim.key", KEY)
    yield connection


def doctor(connection: Connection, records: Records) -> dict[str, tuple[Level, str, str]]:
    with DnsServer(records) as server:
        with transaction(connection):
            set_setting(connection, "monitor.dns_server", server.address)
        checks = check_sender_domain(connection)
        assert server.queries, "the checks asked the DNS server on loopback"
    return {c.name: (c.level, c.found, c.action) for c in checks}


def levels(found: dict[str, tuple[Level, str, str]]) -> Sequence[tuple[str, Level]]:
    return sorted((name, level) for name, (level, _, _) in found.items())


def test_published_records_that_cover_the_relay_are_ok(connection: Connection) -> None:
    records = published(
        f"v=spf1 ip4:192.0.2.0/24 include:_spf.{DOMAIN} -all",
        dmarc="v=DMARC1; p=quarantine; rua=mailto:dmarc@city.example.jp",
    )
    records[f"_spf.{DOMAIN}"] = [("TXT", f"v=spf1 mx:{DOMAIN} ~all")]  # the relay: its MX
    found = doctor(connection, records)
    assert levels(found) == [("dkim", Level.OK), ("dmarc", Level.OK), ("spf", Level.OK)]
    assert "allows the relay 127.0.0.1" in found["spf"][1]
    assert "policy quarantine" in found["dmarc"][1]
    assert f"{SELECTOR}._domainkey.{DOMAIN} matches dkim.key" in found["dkim"][1]


def test_missing_records_are_warned_with_what_to_publish(connection: Connection) -> None:
    found = doctor(connection, published(None, key=None))
    assert levels(found) == [("dkim", Level.WARN), ("dmarc", Level.WARN), ("spf", Level.WARN)]
    assert f"no SPF record at {DOMAIN}" in found["spf"][1]
    assert "v=spf1 ip4:" in found["spf"][2]
    assert f"_dmarc.{DOMAIN}" in found["dmarc"][1] and "v=DMARC1; p=none" in found["dmarc"][2]
    _, expected = dns_record(SELECTOR, DOMAIN, KEY)
    assert f"no DKIM record at {SELECTOR}._domainkey.{DOMAIN}" in found["dkim"][1]
    assert expected in found["dkim"][2]  # the record to publish, the public key only
    assert "PRIVATE" not in found["dkim"][2]


def test_an_spf_that_does_not_cover_the_relay_is_warned(connection: Connection) -> None:
    records = published("v=spf1 ip4:192.0.2.0/24 a:mail.example.net ~all", dmarc="v=DMARC1; p=none")
    records["mail.example.net"] = [("A", "198.51.100.7")]
    found = doctor(connection, records)
    level, text, action = found["spf"]
    assert level is Level.WARN
    assert "does not allow the relay 127.0.0.1: 127.0.0.1 (softfail)" in text
    assert "ip4:127.0.0.1" in action


def test_a_dkim_record_of_another_key_fails(connection: Connection) -> None:
    found = doctor(connection, published("v=spf1 ip4:127.0.0.1 -all", key=OTHER_KEY))
    assert found["dkim"][0] is Level.FAIL
    assert "another key than dkim.key" in found["dkim"][1]
    assert dns_record(SELECTOR, DOMAIN, KEY)[1] in found["dkim"][2]


def test_dmarc_of_the_organisational_domain_counts(connection: Connection) -> None:
    records = published("v=spf1 ip4:127.0.0.1 -all")
    records["_dmarc.example.jp"] = [("TXT", "v=DMARC1; p=reject")]
    found = doctor(connection, records)
    assert found["dmarc"][:2] == (Level.OK, "_dmarc.example.jp: policy reject")


def test_no_dns_answer_skips_the_checks_with_one_clear_line(connection: Connection) -> None:
    with DnsServer(published(None)) as server:
        server.silent = True
        with transaction(connection):
            set_setting(connection, "monitor.dns_server", server.address)
        checks = check_sender_domain(connection)
    assert [(c.name, c.level) for c in checks] == [("dns", Level.WARN)]
    assert "SPF, DKIM and DMARC not checked: no DNS server answered" in checks[0].found
    assert "monitor.dns_server" in checks[0].action


def test_nothing_is_looked_up_while_mail_stays_in_the_embedded_sink(office: Office) -> None:
    assert check_sender_domain(office.admin.connection) == []
