"""No placeholder reaches a resident: the shipped example office values are caught by doctor
and refuse alert mail through a real relay (the embedded sink is unaffected)."""

from __future__ import annotations

import pytest

from dispatch.base.errors import ValidationError
from dispatch.checks.doctor import run_doctor
from dispatch.checks.findings import Level
from dispatch.engine.assembly import build_engine
from dispatch.records.settings import set_setting
from dispatch.registration.server import open_service
from dispatch.store.database import transaction
from tests.support.certs import ServerCertificate
from tests.support.office import OWN_OFFICE
from tests.support.smtp_server import FaultySmtpServer
from tests.unit.dispatch.checks.test_doctor import ROOMY
from tests.unit.dispatch.conftest import Office


def _relay(office: Office, server: FaultySmtpServer, certificate: ServerCertificate) -> None:
    connection = office.admin.connection
    with transaction(connection):
        set_setting(connection, "smtp.host", server.host)
        set_setting(connection, "smtp.port", server.port)
        set_setting(connection, "smtp.cafile", str(certificate.cafile))


def _office_check(office: Office):  # type: ignore[no-untyped-def]
    report = run_doctor(office.admin.connection, office.data_dir, limits=ROOMY)
    (found,) = [c for c in report.checks if c.name == "office"]
    return report, found


def test_doctor_fails_naming_the_example_values_while_a_relay_is_set(
    office: Office, smtp_server: FaultySmtpServer, server_certificate: ServerCertificate
) -> None:
    _relay(office, smtp_server, server_certificate)
    report, found = _office_check(office)
    assert found.level is Level.FAIL and not report.ok
    for name in ("office.address", "office.page_url", "office.contact"):
        assert name in found.found
    with transaction(office.admin.connection):
        set_setting(office.admin.connection, "office.address", OWN_OFFICE["office.address"])
    _, found = _office_check(office)
    assert found.level is Level.FAIL and "office.address" not in found.found
    with transaction(office.admin.connection):
        for name, value in OWN_OFFICE.items():
            set_setting(office.admin.connection, name, value)
    _, found = _office_check(office)
    assert found.level is Level.OK


def test_the_embedded_sink_only_warns(office: Office) -> None:
    _, found = _office_check(office)
    assert found.level is Level.WARN and "office.contact" in found.found


def test_alert_mail_through_a_relay_is_refused_with_what_to_set(
    office: Office, smtp_server: FaultySmtpServer, server_certificate: ServerCertificate
) -> None:
    _relay(office, smtp_server, server_certificate)
    with pytest.raises(ValidationError) as refused:
        build_engine(office.admin.store, clock=office.clock, speed=None)
    assert "office.page_url" in refused.value.message
    assert "settings set" in refused.value.message
    assert smtp_server.received == []
    with transaction(office.admin.connection):
        for name, value in OWN_OFFICE.items():
            set_setting(office.admin.connection, name, value)
    build_engine(office.admin.store, clock=office.clock, speed=None).close()


def test_the_embedded_sink_still_runs_on_the_example_office(office: Office) -> None:
    engine = build_engine(office.admin.store, clock=office.clock, speed=None)
    assert engine.sink is not None
    engine.close()


def test_the_registration_service_through_a_relay_is_refused_too(
    office: Office, smtp_server: FaultySmtpServer, server_certificate: ServerCertificate
) -> None:
    _relay(office, smtp_server, server_certificate)
    operator = office.operator()
    try:
        with pytest.raises(ValidationError) as refused:
            open_service(operator)
    finally:
        operator.close()
    assert "office.contact" in refused.value.message
