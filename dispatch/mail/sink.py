"""The embedded mail sink: with no relay configured, mail goes nowhere but a local mailbox.

A loopback SMTP server (aiosmtpd) on 127.0.0.1 with STARTTLS required, using a CA and a
server certificate made on first start and kept in the data folder. The client trusts that
CA through ``cafile`` only (the same verified-TLS path as a real relay, never "verification
off"). Each message received, with a header saying it was not sent, and its envelope record go
to a :class:`Keeper` given by the caller, so that ``kishomail mailbox list`` and the GUI can
show who it *would* have gone to.

The mailbox holds subscriber addresses, so nothing of it is written here as a file: the
engine's keeper (``dispatch.records.mailbox``) keeps it in the SQLCipher store. An older
version kept ``.eml``/``.json`` files; :func:`plaintext_messages` reads them once so that they
can be moved into the store and removed (:func:`destroy_file`).
"""

from __future__ import annotations

import asyncio
import concurrent.futures
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
from typing import Any, Protocol

from aiosmtpd.smtp import SMTP, Envelope, Session, syntax
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from dispatch.mail.smtp import Security, SmtpSettings
from dispatch.mail.smtp.settings import TLS_HANDSHAKE_TIMEOUT

__all__ = [
    "NOT_SENT_HEADER",
    "Keeper",
    "KeptMessage",
    "MailSink",
    "MailboxEntry",
    "MemoryKeeper",
    "SinkTlsFiles",
    "destroy_file",
    "ensure_tls_files",
    "is_unreadable",
    "plaintext_messages",
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
#: Messages being kept at once (one per client connection the engine opens, and some spare).
_KEEPING_THREADS = 8


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


@dataclass(frozen=True)
class KeptMessage:
    """One message the sink received: its envelope record and its bytes (with the "not sent"
    header)."""

    entry: MailboxEntry
    raw: bytes


class Keeper(Protocol):
    """Where the sink keeps what it receives. The sink knows nothing of the store: the caller
    gives it a keeper (``dispatch.records.mailbox`` keeps each message in the encrypted store).
    ``keep`` returns once the message is kept (the SMTP reply waits for it) and is called from
    several worker threads at once, so that a keeper can keep messages arriving together in
    one go; ``close`` is called once, after the last ``keep``."""

    def keep(self, message: KeptMessage) -> None: ...

    def close(self) -> None: ...


class MemoryKeeper:
    """Keeps messages in memory only (doctor's check that the sink answers; the mail floor's
    tests)."""

    def __init__(self) -> None:
        self.messages: list[KeptMessage] = []

    def keep(self, message: KeptMessage) -> None:
        self.messages.append(message)

    def close(self) -> None:
        pass


def plaintext_messages(mailbox: Path) -> Iterator[tuple[KeptMessage, tuple[Path, ...]]]:
    """Messages an older version kept as plain files (``<id>.eml`` and ``<id>.json`` in
    ``mailbox``), each with its files, to be moved into the store and the files removed."""
    if not mailbox.is_dir():
        return
    for meta in sorted(mailbox.glob("*.json")):
        eml = meta.with_suffix(".eml")
        try:
            record = json.loads(meta.read_text("utf-8"))
            entry = MailboxEntry(
                id=meta.stem,
                received_at=dt.datetime.fromisoformat(record["received_at"]),
                sender=record["sender"],
                recipients=tuple(str(r) for r in record["recipients"]),
                subject=record["subject"],
                message_id=record["message_id"],
                size=int(record["size"]),
                not_sent=bool(record.get("not_sent", True)),
            )
            raw = eml.read_bytes() if eml.exists() else b""
        except (OSError, ValueError, KeyError, TypeError):
            log.warning("an unreadable mailbox record %s is removed unread", meta.name)
            yield _UNREADABLE, (meta, eml)
            continue
        yield KeptMessage(entry, raw), (meta, eml)
    for stray in sorted(mailbox.glob("*.eml")):  # a message whose record was never written
        if not stray.with_suffix(".json").exists():
            yield _UNREADABLE, (stray,)


_UNREADABLE = KeptMessage(
    MailboxEntry("", dt.datetime.fromtimestamp(0, dt.UTC), "", (), "", "", 0), b""
)


def is_unreadable(message: KeptMessage) -> bool:
    return message is _UNREADABLE


def destroy_file(path: Path) -> int:
    """Overwrite ``path`` with zeros, then delete it; returns its size (0 when missing)."""
    try:
        size = path.stat().st_size
        with path.open("r+b") as handle:
            handle.write(b"\0" * size)
            handle.flush()
            os.fsync(handle.fileno())
    except FileNotFoundError:
        return 0
    path.unlink(missing_ok=True)
    return size


class _Handler:
    """aiosmtpd handler: give each message to the keeper, marked as not sent."""

    def __init__(self, keeper: Keeper, workers: concurrent.futures.Executor) -> None:
        self.keeper = keeper
        self.workers = workers
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
        entry = MailboxEntry(
            id=entry_id,
            received_at=now,
            sender=str(envelope.mail_from),
            recipients=tuple(envelope.rcpt_tos),
            subject=str(headers.get("Subject", "")),
            message_id=str(headers.get("Message-ID", "")),
            size=len(data),
        )
        try:
            # Off the event loop: the other connections go on while this one is kept.
            await asyncio.get_running_loop().run_in_executor(
                self.workers, self.keeper.keep, KeptMessage(entry, marked)
            )
        except Exception:
            log.exception("the local mailbox could not keep a message")
            return "451 4.3.0 Local mailbox not writable"
        return f"250 2.0.0 Kept in the local mailbox as {entry_id} (not sent)"


# -- the server -------------------------------------------------------------------------------


class MailSink:
    """The loopback server in a background thread.

    ``with MailSink(folder, keeper) as sink: transport = MailTransport(sink.smtp_settings())``;
    ``folder`` holds the sink's TLS files only, the messages go to ``keeper``.
    """

    def __init__(
        self,
        data_folder: Path,
        keeper: Keeper,
        *,
        port: int = 0,
        handshake_timeout: float = TLS_HANDSHAKE_TIMEOUT,
    ) -> None:
        self.data_folder = data_folder
        #: A client that says STARTTLS and then never completes the handshake is dropped
        #: after this (asyncio would wait 60 s, aiosmtpd's idle timer as long).
        self.handshake_timeout = handshake_timeout
        self.keeper = keeper
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
        self.tls = ensure_tls_files(self.tls_folder)
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.minimum_version = ssl.TLSVersion.TLSv1_2
        context.load_cert_chain(self.tls.certfile, self.tls.keyfile)
        workers = concurrent.futures.ThreadPoolExecutor(
            _KEEPING_THREADS, thread_name_prefix="kishomail-mail-sink-keep"
        )
        handler = _Handler(self.keeper, workers)
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
                workers.shutdown(wait=False)
                self.keeper.close()
                return
            self.port = self._server.sockets[0].getsockname()[1]
            ready.set()
            try:
                loop.run_forever()
            finally:
                loop.close()
                workers.shutdown(wait=True)
                self.keeper.close()

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

    def _protocol(self, handler: _Handler, context: ssl.SSLContext) -> SMTP:
        sink = self

        class _SinkSMTP(SMTP):
            def connection_made(self, transport: asyncio.BaseTransport) -> None:
                super().connection_made(transport)
                sink._connections.add(self)

            def connection_lost(self, exc: Exception | None) -> None:
                sink._connections.discard(self)
                super().connection_lost(exc)

            @syntax("STARTTLS", when="tls_context")
            async def smtp_STARTTLS(self, arg: str) -> None:
                raw = self.transport
                assert isinstance(raw, asyncio.Transport)
                # Aborting the raw connection fails aiosmtpd's handshake waiter: the session ends.
                late = self.loop.call_later(sink.handshake_timeout, raw.abort)
                try:
                    await super().smtp_STARTTLS(arg)
                finally:
                    late.cancel()

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
