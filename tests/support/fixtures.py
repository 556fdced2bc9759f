"""pytest fixtures over :mod:`tests.support`: TLS material and fault-injecting servers."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest

from tests.support.certs import (
    CertificateAuthority,
    ServerCertificate,
    issue_server_certificate,
    make_ca,
)
from tests.support.dovecot import Dovecot, running_dovecot
from tests.support.smtp_server import FaultySmtpServer


@pytest.fixture(scope="session")
def test_ca(tmp_path_factory: pytest.TempPathFactory) -> CertificateAuthority:
    """A CA the tests trust explicitly (through a client's ``cafile``)."""
    return make_ca(tmp_path_factory.mktemp("tls-ca"))


@pytest.fixture(scope="session")
def server_certificate(
    test_ca: CertificateAuthority, tmp_path_factory: pytest.TempPathFactory
) -> ServerCertificate:
    """A certificate for 127.0.0.1/localhost signed by :func:`test_ca`."""
    return issue_server_certificate(test_ca, tmp_path_factory.mktemp("tls-server"))


@pytest.fixture
def smtp_server_factory(
    server_certificate: ServerCertificate,
) -> Iterator[Callable[..., FaultySmtpServer]]:
    """Start servers with any options (``tls=``, ``faults=``, ``certificate=`` …); all are
    stopped at the end of the test."""
    started: list[FaultySmtpServer] = []

    def start(**options: Any) -> FaultySmtpServer:
        certificate = options.pop("certificate", server_certificate)
        server = FaultySmtpServer(certificate, **options)
        server.start()
        started.append(server)
        return server

    yield start
    for server in started:
        server.stop()


@pytest.fixture
def smtp_server(smtp_server_factory: Callable[..., FaultySmtpServer]) -> FaultySmtpServer:
    """A well-behaved STARTTLS server with PIPELINING on 127.0.0.1."""
    return smtp_server_factory()


@pytest.fixture
def dovecot(server_certificate: ServerCertificate) -> Iterator[Dovecot]:
    """Debian's dovecot on loopback over TLS (skipped when it is not installed)."""
    with running_dovecot(server_certificate) as server:
        yield server
