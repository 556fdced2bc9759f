"""A tiny real DNS server on 127.0.0.1 (UDP) for ``doctor``'s SPF, DKIM and DMARC checks.

It answers from a table — name → [(type, value)] for TXT, A, AAAA and MX — in the RFC 1035
wire format, written here by hand so that the client's library (dnspython) is tested against
bytes it did not make: a name not in the table is NXDOMAIN, a type it lacks an empty NOERROR.
:attr:`DnsServer.silent` makes it read queries and never answer (no DNS server answers).
"""

from __future__ import annotations

import ipaddress
import socket
import struct
import threading
from collections.abc import Mapping, Sequence

TYPES = {"A": 1, "MX": 15, "TXT": 16, "AAAA": 28}
_CLASS_IN = 1


def _name(text: str) -> bytes:
    labels = [label.encode("ascii") for label in text.rstrip(".").split(".") if label]
    return b"".join(bytes([len(label)]) + label for label in labels) + b"\x00"


def _rdata(rdtype: str, value: str) -> bytes:
    if rdtype in ("A", "AAAA"):
        return ipaddress.ip_address(value).packed
    if rdtype == "MX":
        preference, _, host = value.partition(" ")
        return struct.pack("!H", int(preference)) + _name(host)
    data = value.encode("utf-8")  # TXT: strings of at most 255 bytes
    chunks = [data[i : i + 255] for i in range(0, len(data), 255)] or [b""]
    return b"".join(bytes([len(chunk)]) + chunk for chunk in chunks)


def _question(query: bytes) -> tuple[str, int, int]:
    """(name, type, end offset of the question) of a query."""
    offset, labels = 12, []
    while query[offset]:
        length = query[offset]
        labels.append(query[offset + 1 : offset + 1 + length].decode("ascii"))
        offset += 1 + length
    qtype = struct.unpack("!H", query[offset + 1 : offset + 3])[0]
    return ".".join(labels).lower(), qtype, offset + 5


class DnsServer:
    def __init__(self, records: Mapping[str, Sequence[tuple[str, str]]]) -> None:
        self.records = {name.lower().rstrip("."): list(rows) for name, rows in records.items()}
        self.silent = False
        self.queries: list[tuple[str, int]] = []
        self._socket = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self._socket.bind(("127.0.0.1", 0))
        self._socket.settimeout(0.2)
        self.port = self._socket.getsockname()[1]
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, name="test-dns", daemon=True)

    @property
    def address(self) -> str:
        return f"127.0.0.1:{self.port}"

    def __enter__(self) -> DnsServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join(5)
        self._socket.close()

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                query, client = self._socket.recvfrom(4096)
            except TimeoutError:
                continue
            if not self.silent:
                self._socket.sendto(self._answer(query), client)

    def _answer(self, query: bytes) -> bytes:
        name, qtype, end = _question(query)
        self.queries.append((name, qtype))
        rows = self.records.get(name)
        answers = [
            b"\xc0\x0c" + struct.pack("!HHIH", qtype, _CLASS_IN, 60, len(data)) + data
            for rdtype, value in rows or ()
            if TYPES[rdtype] == qtype
            for data in [_rdata(rdtype, value)]
        ]
        rcode = 3 if rows is None else 0  # NXDOMAIN for a name not in the table
        flags = 0x8000 | 0x0400 | (query[2] & 0x01) << 8 | 0x0080 | rcode  # QR AA RD RA
        header = query[:2] + struct.pack("!HHHHH", flags, 1, len(answers), 0, 0)
        return header + query[12:end] + b"".join(answers)
