"""The embedded mail sink: with no relay configured, mail goes nowhere but a local mailbox.

A loopback SMTP server (aiosmtpd) on 127.0.0.1 with STARTTLS required, using a CA and a
server certificate made on first start and kept in the data folder. The client trusts that
CA through ``cafile`` only (the same verified-TLS path as a real relay, never "verification
off"). Each message received is stored as one ``.eml`` file, with a header saying it was
not sent, next to a ``.json`` file with its envelope, so that ``kishomail mailbox list`` and
the GUI can show who it *would* have gone to.

The mailbox holds subscriber addresses: its folder and files are private to the user (0700
/ 0600), and :func:`clear_mailbox` empties it.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import email.parser
import email.policy
import ipaddress
import itertools
import json
import logging
import os
import ssl
import threading
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from aiosmtpd.smtp import SMTP, Envelope, Session
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from dispatch.mail.smtp import Security, SmtpSettings

__all__ = [
    "NOT_SENT_HEADER",
    "MailSink",
    "MailboxEntry",
    "SinkTlsFiles",
    "clear_mailbox",
    "ensure_tls_files",
    "forget_addresses",
    "list_mailbox",
    "read_message",
]

log = logging.getLogger(__name__)

NOT_SENT_HEADER = "X-Kishomail-Not-Sent"
NOT_SENT_NOTICE = (
    "kept in the local mailbox of kishomail (no mail relay is configured); "
    "this message was not sent to anyone"
)
_MAX_MESSAGE = 10 * 1024 * 1024
_RENEW_BEFORE = dt.timedelta(days=30)
_LOOPBACK = "127.0.0.1"


# -- TLS material -----------------------------------------------------------------------------


@dataclass(frozen=True)
class SinkTlsFiles:
    cafile: Path  # what the client trusts
    certfile: Path
    keyfile: Path


def ensure_tls_files(folder: Path) -> SinkTlsFiles:
    """The sink's CA and server certificate (127.0.0.1, localhost): made when missing or
    due to expire within 30 days, otherwise kept as they are."""
    files = SinkTlsFiles(folder / "ca.pem", folder / "server.pem", folder / "server.key")
    if all(p.exists() for p in (files.cafile, files.certfile, files.keyfile)):
        cert = x509.load_pem_x509_certificate(files.certfile.read_bytes())
        if cert.not_valid_after_utc - _RENEW_BEFORE > dt.datetime.now(dt.UTC):
            return files
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    now = dt.datetime.now(dt.UTC)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "kishomail local mail sink CA")])
    ca_cert = (
        x509.CertificateBuilder()
        .subject_name(ca_name)
        .issuer_name(ca_name)
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=3650))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()), False)
        .sign(ca_key, hashes.SHA256())
    )
    key = ec.generate_private_key(ec.SECP256R1())
    server_cert = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")]))
        .issuer_name(ca_name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=825))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.SubjectAlternativeName(
                [x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address(_LOOPBACK))]
            ),
            critical=False,
        )
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), False
        )
        .sign(ca_key, hashes.SHA256())
    )
    # The CA key is not kept: nothing else can ever be signed with it.
    _write_private(files.keyfile, key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ))  # fmt: skip
    _write_private(files.certfile, server_cert.public_bytes(serialization.Encoding.PEM))
    _write_private(files.cafile, ca_cert.public_bytes(serialization.Encoding.PEM))
    log.info("made a new TLS certificate for the local mail sink")
    return files


def _write_private(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically, readable by this user only."""
    temporary = path.with_name(path.name + ".tmp")
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, path)


# -- the mailbox ------------------------------------------------------------------------------


@dataclass(frozen=True)
class MailboxEntry:
    id: str
    received_at: dt.datetime
    sender: str
    recipients: tuple[str, ...]
    subject: str
    message_id: str
    size: int
    not_sent: bool = True


def _entries(mailbox: Path) -> Iterator[MailboxEntry]:
    if not mailbox.is_dir():
        return
    for meta in mailbox.glob("*.json"):
        try:
            record = json.loads(meta.read_text("utf-8"))
            yield MailboxEntry(
                id=meta.stem,
                received_at=dt.datetime.fromisoformat(record["received_at"]),
                sender=record["sender"],
                recipients=tuple(record["recipients"]),
                subject=record["subject"],
                message_id=record["message_id"],
                size=int(record["size"]),
                not_sent=bool(record.get("not_sent", True)),
            )
        except (OSError, ValueError, KeyError, TypeError):
            log.warning("skipping an unreadable mailbox record %s", meta.name)


def list_mailbox(mailbox: Path) -> list[MailboxEntry]:
    """Everything the sink kept, newest first."""
    return sorted(_entries(mailbox), key=lambda e: (e.received_at, e.id), reverse=True)


def read_message(mailbox: Path, entry_id: str) -> bytes:
    """The stored message (with its "not sent" header) as bytes."""
    if not entry_id or "/" in entry_id or "\\" in entry_id or entry_id.startswith("."):
        raise ValueError("not a mailbox entry id")
    return (mailbox / f"{entry_id}.eml").read_bytes()


def clear_mailbox(mailbox: Path) -> int:
    """Delete every stored message; returns how many there were."""
    removed = 0
    if mailbox.is_dir():
        for meta in mailbox.glob("*.json"):
            meta.with_suffix(".eml").unlink(missing_ok=True)
            meta.unlink(missing_ok=True)
            removed += 1
    return removed


def forget_addresses(mailbox: Path, addresses: set[str]) -> int:
    """Erase what the mailbox keeps of these (normalised) addresses: a message to one of them
    alone is deleted; in a message to several (batch mode, the others in its envelope only)
    the address is taken out of the envelope record. Returns how many messages were deleted."""
    deleted = 0
    if not addresses or not mailbox.is_dir():
        return 0
    for meta in mailbox.glob("*.json"):
        try:
            record = json.loads(meta.read_text("utf-8"))
            recipients = [str(r) for r in record["recipients"]]
        except (OSError, ValueError, KeyError, TypeError):
            continue
        kept = [r for r in recipients if r.lower() not in addresses]
        if len(kept) == len(recipients):
            continue
        if kept:
            record["recipients"] = kept
            _write_private(meta, json.dumps(record, ensure_ascii=False).encode("utf-8"))
        else:
            meta.with_suffix(".eml").unlink(missing_ok=True)
            meta.unlink(missing_ok=True)
            deleted += 1
    return deleted


class _Store:
    """aiosmtpd handler: keep each message in the mailbox, marked as not sent."""

    def __init__(self, mailbox: Path) -> None:
        self.mailbox = mailbox
        self._sequence = itertools.count(1)
        self._parser = email.parser.BytesHeaderParser(policy=email.policy.default)

    async def handle_EHLO(
        self,
        server: SMTP,
        session: Session,
        envelope: Envelope,
        hostname: str,
        responses: list[str],
    ) -> list[str]:
        session.host_name = hostname
        # Commands are read one line at a time, so pipelined ones are handled correctly.
        responses.insert(len(responses) - 1, "250-PIPELINING")
        return responses

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        data: bytes = envelope.original_content or b""
        now = dt.datetime.now().astimezone()
        entry_id = f"{now:%Y%m%dT%H%M%S%f}-{next(self._sequence):06d}"
        headers = self._parser.parsebytes(data)
        marked = f"{NOT_SENT_HEADER}: {NOT_SENT_NOTICE}\r\n".encode("ascii") + data
        record = {
            "received_at": now.isoformat(),
            "sender": str(envelope.mail_from),
            "recipients": list(envelope.rcpt_tos),
            "subject": str(headers.get("Subject", "")),
            "message_id": str(headers.get("Message-ID", "")),
            "size": len(data),
            "not_sent": True,
            "notice": NOT_SENT_NOTICE,
        }
        try:
            _write_private(self.mailbox / f"{entry_id}.eml", marked)
            # The record last: a listing never shows a message that is not fully written.
            _write_private(
                self.mailbox / f"{entry_id}.json",
                json.dumps(record, ensure_ascii=False).encode("utf-8"),
            )
        except OSError:
            log.exception("the local mailbox could not store a message")
            return "451 4.3.0 Local mailbox not writable"
        return f"250 2.0.0 Kept in the local mailbox as {entry_id} (not sent)"


# -- the server -------------------------------------------------------------------------------


class MailSink:
    """The loopback server in a background thread.

    ``with MailSink(data_folder) as sink: transport = MailTransport(sink.smtp_settings())``
    """

    def __init__(self, data_folder: Path, *, port: int = 0) -> None:
        self.data_folder = data_folder
        self.mailbox = data_folder / "mailbox"
        self.tls_folder = data_folder / "mailsink-tls"
        self.host = _LOOPBACK
        self.port = port
        self.tls: SinkTlsFiles | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._server: asyncio.AbstractServer | None = None
        self._connections: set[SMTP] = set()

    def smtp_settings(self, **changes: Any) -> SmtpSettings:
        """Client settings for this sink: STARTTLS, trusting the sink's own CA only."""
        if self.tls is None:
            raise RuntimeError("start the mail sink first")
        base = SmtpSettings(
            host=self.host,
            port=self.port,
            security=Security.STARTTLS,
            cafile=self.tls.cafile,
            connections=4,
            domain_policies=(),  # nothing leaves this machine: no carrier to be polite to
        )
        return replace(base, **changes)

    def __enter__(self) -> MailSink:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def start(self) -> None:
        self.mailbox.mkdir(parents=True, exist_ok=True, mode=0o700)
        self.tls = ensure_tls_files(self.tls_folder)
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.minimum_version = ssl.TLSVersion.TLSv1_2
        context.load_cert_chain(self.tls.certfile, self.tls.keyfile)
        handler = _Store(self.mailbox)
        ready = threading.Event()
        failure: list[BaseException] = []

        def run() -> None:
            loop = asyncio.new_event_loop()
            self._loop = loop
            try:
                self._server = loop.run_until_complete(
                    loop.create_server(
                        lambda: self._protocol(handler, context), self.host, self.port
                    )
                )
            except BaseException as error:
                failure.append(error)
                ready.set()
                loop.close()
                return
            self.port = self._server.sockets[0].getsockname()[1]
            ready.set()
            try:
                loop.run_forever()
            finally:
                loop.close()

        self._thread = threading.Thread(target=run, name="kishomail-mail-sink", daemon=True)
        self._thread.start()
        if not ready.wait(10) or failure:
            self._thread.join(1)
            self._loop = self._thread = None
            raise OSError(f"the local mail sink could not listen on {self.host}:{self.port}") from (
                failure[0] if failure else None
            )
        log.info(
            "local mail sink listening on %s:%d (mail is kept, not sent)", self.host, self.port
        )

    def _protocol(self, handler: _Store, context: ssl.SSLContext) -> SMTP:
        sink = self

        class _SinkSMTP(SMTP):
            def connection_made(self, transport: asyncio.BaseTransport) -> None:
                super().connection_made(transport)
                sink._connections.add(self)

            def connection_lost(self, exc: Exception | None) -> None:
                sink._connections.discard(self)
                super().connection_lost(exc)

        return _SinkSMTP(
            handler,
            hostname="localhost",
            tls_context=context,
            require_starttls=True,
            data_size_limit=_MAX_MESSAGE,
            timeout=60,
        )

    def stop(self) -> None:
        loop, thread = self._loop, self._thread
        if loop is None or thread is None:
            return
        with contextlib.suppress(RuntimeError):
            asyncio.run_coroutine_threadsafe(self._shutdown(), loop).result(10)
            loop.call_soon_threadsafe(loop.stop)
        thread.join(10)
        self._loop = self._thread = None

    async def _shutdown(self) -> None:
        assert self._server is not None
        self._server.close()
        for protocol in list(self._connections):
            if isinstance(protocol.transport, asyncio.Transport):
                protocol.transport.abort()
        await self._server.wait_closed()
        current = asyncio.current_task()
        tasks = [t for t in asyncio.all_tasks() if t is not current]
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
