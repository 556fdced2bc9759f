"""Debian's dovecot as a real IMAP server on loopback, over TLS (implicit and STARTTLS):
the registration mailbox and the bounce mailbox are read from it in tests."""

from __future__ import annotations

import contextlib
import imaplib
import os
import shutil
import socket
import ssl
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from dispatch.mail.imap import ImapSettings
from tests.support.certs import ServerCertificate


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


DOVECOT = shutil.which("dovecot") or "/usr/sbin/dovecot"
USER, PASSWORD = "touroku", "mailbox-password-1"
NOBODY = 65534


@dataclass
class Dovecot:
    host: str
    port: int  # STARTTLS
    tls_port: int  # implicit TLS
    cafile: Path

    def settings(self, security: str = "implicit") -> ImapSettings:
        port = self.tls_port if security == "implicit" else self.port
        return ImapSettings(
            self.host, port, security, USER, PASSWORD, self.cafile, "INBOX", timeout=10
        )

    def append(self, message: str | bytes) -> None:
        """Put a mail in the INBOX: text with LF line ends, or bytes as they are."""
        data = message if isinstance(message, bytes) else message.replace("\n", "\r\n").encode()
        with self._imap() as imap:
            imap.append("INBOX", "", None, data)

    def _imap(self) -> imaplib.IMAP4_SSL:
        context = ssl.create_default_context(cafile=str(self.cafile))
        imap = imaplib.IMAP4_SSL(self.host, self.tls_port, ssl_context=context, timeout=10)
        imap.login(USER, PASSWORD)
        return imap

    def messages(self) -> list[tuple[bytes, str]]:
        """Every mail still in the INBOX (deleted or not): its bytes and its flags."""
        with self._imap() as imap:
            imap.select("INBOX", readonly=True)
            _, data = imap.uid("SEARCH", "ALL")
            found = []
            for uid in (data[0] or b"").decode().split():
                _, fetched = imap.uid("FETCH", uid, "(FLAGS BODY.PEEK[])")
                raw = next(p[1] for p in fetched if isinstance(p, tuple))
                head = next(p[0] for p in fetched if isinstance(p, tuple)).decode()
                found.append((raw, head))
            return found

    def count(self) -> int:
        with self._imap() as imap:
            _, data = imap.select("INBOX")
            return int(data[0] or 0)


def _wait_for_port(port: int, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with socket.socket() as sock:
            sock.settimeout(0.5)
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    raise RuntimeError(f"dovecot did not listen on {port}")


@contextlib.contextmanager
def running_dovecot(server_certificate: ServerCertificate) -> Iterator[Dovecot]:
    if not os.path.exists(DOVECOT):
        pytest.skip("Debian's dovecot-imapd is not installed (install-system-deps.sh --test)")
    folder = Path(tempfile.mkdtemp(prefix="kishomail-dovecot-"))
    folder.chmod(0o755)  # the mailbox user (nobody) must reach its mail folder
    mail = folder / "mail"
    mail.mkdir()
    if os.geteuid() == 0:
        os.chown(mail, NOBODY, NOBODY)
    else:
        mail.chmod(0o777)
    port, tls_port = free_port(), free_port()
    config = folder / "dovecot.conf"
    config.write_text(
        f"""protocols = imap
listen = 127.0.0.1
base_dir = {folder}/run
state_dir = {folder}/state
log_path = {folder}/dovecot.log
ssl = required
ssl_cert = <{server_certificate.certfile}
ssl_key = <{server_certificate.keyfile}
ssl_min_protocol = TLSv1.2
disable_plaintext_auth = yes
auth_mechanisms = plain
passdb {{
  driver = static
  args = password={PASSWORD}
}}
userdb {{
  driver = static
  args = uid={NOBODY} gid={NOBODY} home={mail}/%u
}}
mail_location = maildir:{mail}/%u
first_valid_uid = 1
first_valid_gid = 1
service imap-login {{
  inet_listener imap {{
    port = {port}
  }}
  inet_listener imaps {{
    port = {tls_port}
    ssl = yes
  }}
}}
"""
    )
    subprocess.run([DOVECOT, "-c", str(config)], check=True, timeout=30)
    try:
        _wait_for_port(port)
        _wait_for_port(tls_port)
        yield Dovecot("127.0.0.1", port, tls_port, server_certificate.cafile)
    finally:
        subprocess.run([DOVECOT, "-c", str(config), "stop"], timeout=30, check=False)
        pid_file = folder / "run" / "master.pid"
        deadline = time.monotonic() + 10
        while pid_file.exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        shutil.rmtree(folder, ignore_errors=True)
