"""A TCP peer on 127.0.0.1 that takes connections and then never speaks TLS: what a client
meets at a wrong port, a half-dead relay or a hostile server. Optionally it first plays a
short plain-text exchange (a greeting, replies to the first commands), e.g. an SMTP or IMAP
server that says yes to STARTTLS and then stays silent."""

from __future__ import annotations

import socket
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

#: Plays the plain-text part on a fresh connection (then the peer is silent).
Script = Callable[[socket.socket], None]


@contextmanager
def silent_peer(script: Script | None = None) -> Iterator[int]:
    """The port of a listener whose connections are held open and silent until the block
    ends (or the client hangs up)."""
    listener = socket.create_server(("127.0.0.1", 0))
    listener.settimeout(0.2)
    held: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        while not stop.is_set():
            try:
                connection, _ = listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            held.append(connection)
            if script is not None:
                connection.settimeout(10)
                try:
                    script(connection)
                except OSError:
                    pass

    thread = threading.Thread(target=accept, name="silent-peer", daemon=True)
    thread.start()
    try:
        yield listener.getsockname()[1]
    finally:
        stop.set()
        thread.join(5)
        listener.close()
        for connection in held:
            connection.close()


def read_line(connection: socket.socket) -> bytes:
    """One CRLF-ended line from the client (byte by byte: nothing after it is consumed)."""
    line = b""
    while not line.endswith(b"\n"):
        byte = connection.recv(1)
        if not byte:
            break
        line += byte
    return line


def imap_starttls_then_silence(connection: socket.socket) -> None:
    """An IMAP server that offers STARTTLS, says OK to it, then never answers the handshake."""
    connection.sendall(b"* OK [CAPABILITY IMAP4rev1 STARTTLS] ready\r\n")
    while line := read_line(connection):
        tag, _, command = line.strip().partition(b" ")
        if command.upper() == b"CAPABILITY":
            connection.sendall(b"* CAPABILITY IMAP4rev1 STARTTLS\r\n" + tag + b" OK done\r\n")
        elif command.upper() == b"STARTTLS":
            connection.sendall(tag + b" OK begin TLS now\r\n")
            return
        else:
            connection.sendall(tag + b" BAD not here\r\n")


def closed_within(sock: socket.socket, seconds: float) -> bool:
    """Did the other end close ``sock`` within ``seconds`` (a server dropping a silent client)?"""
    sock.settimeout(seconds)
    try:
        while sock.recv(4096):
            pass
    except TimeoutError:
        return False
    except OSError:
        return True
    return True
