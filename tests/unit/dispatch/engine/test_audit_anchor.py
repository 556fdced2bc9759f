"""The service's anchor of the audit head, timestamped by an RFC 3161 authority: a real one,
``openssl ts -reply`` behind a local HTTP endpoint, and the token checked by ``openssl ts
-verify`` against the anchor's signed bytes."""

from __future__ import annotations

import http.server
import shutil
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from dispatch.engine.audit_anchor import timestamp_request
from dispatch.operations import service as service_ops
from dispatch.operations import settings as setting_ops
from dispatch.records.audit_anchors import anchors_path, read_anchors
from dispatch.store.machine_slot import Protection
from tests.unit.dispatch.conftest import Office

pytestmark = pytest.mark.skipif(shutil.which("openssl") is None, reason="no openssl here")

TSA_CONFIG = """\
[ req ]
distinguished_name = dn
prompt = no
[ dn ]
CN = kishomail test TSA
[ tsa_ext ]
basicConstraints = critical,CA:false
keyUsage = critical,digitalSignature
extendedKeyUsage = critical,timeStamping
[ tsa ]
default_tsa = tsa_config
[ tsa_config ]
serial = {folder}/serial
crypto_device = builtin
signer_cert = {folder}/tsa.crt
signer_key = {folder}/tsa.key
signer_digest = sha256
default_policy = 1.2.3.4.1
digests = sha256
accuracy = secs:1
ordering = no
tsa_name = no
ess_cert_id_chain = no
ess_cert_id_alg = sha256
"""


def openssl(*args: str, data: bytes | None = None) -> bytes:
    done = subprocess.run(
        ["openssl", *args], input=data, capture_output=True, timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr.decode(errors="replace")
    return done.stdout


@pytest.fixture
def authority(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """A timestamp authority on 127.0.0.1 (``openssl ts -reply``); yields its URL and its
    certificate."""
    folder = tmp_path / "tsa"
    folder.mkdir()
    config = folder / "tsa.cnf"
    config.write_text(TSA_CONFIG.format(folder=folder), encoding="utf-8")
    (folder / "serial").write_text("01\n", encoding="ascii")
    openssl(
        "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
        "-keyout", str(folder / "tsa.key"), "-out", str(folder / "tsa.crt"), "-days", "2",
        "-config", str(config), "-extensions", "tsa_ext",
    )  # fmt: skip

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            query = folder / "query.der"
            query.write_bytes(self.rfile.read(int(self.headers["Content-Length"])))
            assert self.headers["Content-Type"] == "application/timestamp-query"
            answer = openssl(
                "ts", "-reply", "-config", str(config), "-queryfile", str(query), "-out", "-"
            )
            self.send_response(200)
            self.send_header("Content-Type", "application/timestamp-reply")
            self.send_header("Content-Length", str(len(answer)))
            self.end_headers()
            self.wfile.write(answer)

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/tsa", folder / "tsa.crt"
    finally:
        server.shutdown()
        server.server_close()


def test_the_request_is_one_openssl_reads(tmp_path: Path) -> None:
    query = tmp_path / "query.der"
    query.write_bytes(timestamp_request(b"anchor bytes", 4242))
    text = openssl("ts", "-query", "-in", str(query), "-text").decode()
    assert "Hash Algorithm: sha256" in text
    assert "Nonce: 0x1092" in text and "Certificate required: yes" in text


def test_the_services_anchor_carries_a_token_the_authority_signed(
    office: Office, authority: tuple[str, Path], tmp_path: Path
) -> None:
    url, certificate = authority
    setting_ops.change_setting(office.admin, "audit.tsa_url", url)
    service_ops.install_service(office.admin, protection=Protection.FILE, start=False)
    service_ops.open_service_session(office.data_dir).close()  # the start's anchor
    anchors, problems = read_anchors(anchors_path(), office.admin.store.store_id)
    assert problems == [] and len(anchors) == 1
    anchor = anchors[0]
    assert anchor.timestamp_token, "the anchor has no timestamp token"
    (tmp_path / "anchor.bin").write_bytes(anchor.message())
    (tmp_path / "token.der").write_bytes(anchor.timestamp_token)
    verified = openssl(
        "ts", "-verify", "-data", str(tmp_path / "anchor.bin"), "-in", str(tmp_path / "token.der"),
        "-token_in", "-CAfile", str(certificate),
    )  # fmt: skip
    assert b"Verification: OK" in verified
    # Another anchor's bytes do not match the token.
    (tmp_path / "other.bin").write_bytes(anchor.message() + b" ")
    refused = subprocess.run(
        ["openssl", "ts", "-verify", "-data", str(tmp_path / "other.bin"), "-in",
         str(tmp_path / "token.der"), "-token_in", "-CAfile", str(certificate)],
        capture_output=True, timeout=60, check=False,
    )  # fmt: skip
    assert refused.returncode != 0


def test_an_authority_that_does_not_answer_leaves_the_anchor_untimestamped(
    office: Office,
) -> None:
    setting_ops.change_setting(office.admin, "audit.tsa_url", "http://127.0.0.1:9/none")
    service_ops.install_service(office.admin, protection=Protection.FILE, start=False)
    service_ops.open_service_session(office.data_dir).close()
    anchors, _ = read_anchors(anchors_path(), office.admin.store.store_id)
    assert len(anchors) == 1 and anchors[0].timestamp_token == b""
