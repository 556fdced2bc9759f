"""A throw-away CA and a server certificate for localhost (the shared test helpers)."""

from __future__ import annotations

import ssl
from pathlib import Path

from tests.support.certs import issue_server_certificate, make_ca


def make_tls(folder: Path) -> tuple[Path, ssl.SSLContext]:
    """Write a CA into ``folder``; return its PEM and a server context for ``localhost``."""
    certificate = issue_server_certificate(make_ca(folder), folder)
    return certificate.cafile, certificate.server_context()
