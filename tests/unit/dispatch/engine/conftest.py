"""Fixtures for the engine's tests: a store whose settings point at test folders and the TLS
test relay."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from dispatch.engine.assembly import Engine
from dispatch.engine.events import EngineEvent
from dispatch.operations.session import Session
from dispatch.records.settings import set_setting
from dispatch.store.database import transaction
from tests.support.certs import ServerCertificate
from tests.support.office import OWN_OFFICE
from tests.support.smtp_server import FaultySmtpServer
from tests.unit.dispatch.conftest import Office


@pytest.fixture
def engine_for(
    office: Office, smtp_server: FaultySmtpServer, server_certificate: ServerCertificate
) -> Iterator[tuple[Session, list[EngineEvent], list[Engine]]]:
    """The operator's session with relay, feed and observation settings pointing at test
    folders and the test SMTP server; engines built from it are closed at the end."""
    session = office.operator()
    connection = session.connection
    folder = office.data_dir.parent
    with transaction(connection):
        set_setting(connection, "smtp.host", smtp_server.host)
        for name, value in OWN_OFFICE.items():
            set_setting(connection, name, value)
        set_setting(connection, "smtp.port", smtp_server.port)
        set_setting(connection, "smtp.cafile", str(server_certificate.cafile))
        set_setting(connection, "smtp.connections", 2)
        set_setting(connection, "feeds.source", str(folder / "telegrams"))
        set_setting(connection, "observations.folder", str(folder / "gauges"))
        set_setting(connection, "observations.thresholds", str(folder / "thresholds.csv"))
    (folder / "telegrams").mkdir()
    (folder / "gauges").mkdir()
    (folder / "thresholds.csv").write_text(
        "station_code,caution_m,evacuation_m,danger_m\nKANDA1,2.0,2.9,3.4\n"
    )
    events: list[EngineEvent] = []
    engines: list[Engine] = []
    yield session, events, engines
    for engine in engines:
        engine.close()
    session.close()
