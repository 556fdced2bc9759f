"""Staff contacts and ``notify test`` as an administrator uses them: a real subprocess, a real
store and a real TLS relay."""

from __future__ import annotations

import json
from pathlib import Path

from tests.support.certs import ServerCertificate
from tests.support.smtp_server import FaultySmtpServer
from tests.unit.dispatch.cli.test_cli import ADMIN, init_office

DUTY_PHONE = "duty-phone@docomo.ne.jp"
OFFICE_BOX = "bousai@city.example.jp"


def _relay(cli, server: FaultySmtpServer, certificate: ServerCertificate) -> None:  # type: ignore[no-untyped-def]
    for name, value in (
        ("smtp.host", server.host),
        ("smtp.port", str(server.port)),
        ("smtp.cafile", str(certificate.cafile)),
    ):
        assert cli("settings", "set", name, value, env=ADMIN).returncode == 0


def test_contacts_are_added_listed_removed_and_notify_test_reaches_each(  # type: ignore[no-untyped-def]
    cli, tmp_path: Path, smtp_server: FaultySmtpServer, server_certificate: ServerCertificate
) -> None:
    init_office(cli)
    _relay(cli, smtp_server, server_certificate)
    assert cli("accounts", "contact", "add", "admin", DUTY_PHONE, env=ADMIN).returncode == 0
    assert cli("accounts", "contact", "add", "opr", OFFICE_BOX, env=ADMIN).returncode == 0
    twice = cli("accounts", "contact", "add", "opr", OFFICE_BOX, env=ADMIN)
    assert twice.returncode == 1 and "already" in twice.stderr
    bad = cli("accounts", "contact", "add", "opr", "not an address\r\nBcc: x@y.jp", env=ADMIN)
    assert bad.returncode == 1
    listed = json.loads(cli("accounts", "contact", "list", "--json", env=ADMIN).stdout)
    assert {(c["account"], c["address"]) for c in listed} == {
        ("admin", DUTY_PHONE),
        ("opr", OFFICE_BOX),
    }

    sent = cli("notify", "test", env=ADMIN)

    assert sent.returncode == 0, sent.stderr
    assert smtp_server.wait_until(lambda: len(smtp_server.received) == 2)
    assert sorted(m.recipients for m in smtp_server.received) == [(OFFICE_BOX,), (DUTY_PHONE,)]
    for message in smtp_server.received:
        assert b"X-Kishomail-Notification: test" in message.data
        assert message.secure
    # The audit log names the accounts and counts, never an address; the log files neither.
    audit = cli("audit", "search", "--json", env=ADMIN).stdout
    assert "account.contact.add" in audit and "notify.sent" in audit
    assert DUTY_PHONE not in audit and OFFICE_BOX not in audit
    for log_file in (tmp_path / "logs").glob("*"):
        text = log_file.read_text(encoding="utf-8", errors="replace")
        assert DUTY_PHONE not in text and OFFICE_BOX not in text

    assert cli("accounts", "contact", "remove", "opr", OFFICE_BOX, env=ADMIN).returncode == 0
    listed = json.loads(cli("accounts", "contact", "list", "--json", env=ADMIN).stdout)
    assert [c["address"] for c in listed] == [DUTY_PHONE]


def test_notify_test_without_any_contact_says_how_to_add_one(cli) -> None:  # type: ignore[no-untyped-def]
    init_office(cli)
    result = cli("notify", "test", env=ADMIN)
    assert result.returncode == 1
    assert "accounts contact add" in result.stderr


def test_only_an_administrator_manages_contacts(cli) -> None:  # type: ignore[no-untyped-def]
    init_office(cli)
    operator = {"KISHOMAIL_USER": "opr", "KISHOMAIL_PASSWORD": "operator-password-1"}
    result = cli("accounts", "contact", "add", "opr", OFFICE_BOX, env=operator)
    assert result.returncode == 1
    assert json.loads(cli("accounts", "contact", "list", "--json", env=ADMIN).stdout) == []
