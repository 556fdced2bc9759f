"""DNS lookups for ``doctor``'s sender-domain checks (SPF, DKIM, DMARC), behind one seam.

:class:`Lookup` is what the checks need — the TXT strings of a name, its addresses, its mail
exchangers — and :class:`DnsLookup` answers it by asking a DNS server with dnspython: the
system's resolver, or the one ``monitor.dns_server`` names (``host`` or ``host:port``; for an
office whose own resolver cannot see the public DNS, and for the tests' server on loopback).

A name that does not exist or has no such record is an empty answer; a server that does not
answer at all (timeout, refused, no network) is :class:`DnsUnavailable`, so that the checks
can say "not checked" instead of "missing".
"""

from __future__ import annotations

import re
from typing import Protocol

import dns.exception
import dns.resolver

#: Seconds for one lookup, retries included: doctor must not hang on a silent server.
LOOKUP_SECONDS = 3.0

_SERVER = re.compile(r"(?:\[(?P<v6>[0-9a-fA-F:.]+)\]|(?P<host>[^:\[\]]+))(?::(?P<port>\d{1,5}))?")


class DnsUnavailable(Exception):
    """No DNS server answered: nothing can be said about the records."""


class Lookup(Protocol):
    def txt(self, name: str) -> list[str]: ...
    def addresses(self, name: str) -> list[str]: ...
    def mx(self, name: str) -> list[str]: ...


def parse_server(text: str) -> tuple[str, int]:
    """``host``, ``host:port`` or ``[v6]:port`` → (host, port); ValueError saying the form."""
    match = _SERVER.fullmatch(text.strip())
    port = int(match.group("port") or 53) if match else 0
    if match is None or not 1 <= port <= 65535:
        raise ValueError("give a DNS server as an address, or address:port (e.g. 192.0.2.53:53)")
    return match.group("v6") or match.group("host"), port


class DnsLookup:
    """:class:`Lookup` by dnspython; ``server`` empty: the system's resolver."""

    def __init__(self, server: str = "", *, timeout: float = LOOKUP_SECONDS) -> None:
        try:
            self._resolver = dns.resolver.Resolver(configure=not server)
        except dns.exception.DNSException as error:  # no resolv.conf, no registry entry
            raise DnsUnavailable(f"no DNS server is configured ({error})") from None
        if server:
            host, port = parse_server(server)
            self._resolver.nameservers = [host]
            self._resolver.port = port
        self._resolver.lifetime = timeout
        self._resolver.timeout = timeout
        self.server = server or ", ".join(str(s) for s in self._resolver.nameservers)

    def _ask(self, name: str, rdtype: str) -> list[object]:
        try:
            answer = self._resolver.resolve(name, rdtype, search=False)
        except (dns.resolver.NXDOMAIN, dns.resolver.NoAnswer):
            return []
        except (dns.exception.Timeout, dns.resolver.NoNameservers, OSError) as error:
            raise DnsUnavailable(f"{self.server}: {type(error).__name__}") from None
        except dns.exception.DNSException as error:
            raise DnsUnavailable(f"{self.server}: {error}") from None
        return list(answer)

    def txt(self, name: str) -> list[str]:
        """Each TXT record of ``name``, its strings joined (RFC 7208 §3.3)."""
        return [
            b"".join(getattr(r, "strings", ())).decode("utf-8", "replace")
            for r in self._ask(name, "TXT")
        ]

    def addresses(self, name: str) -> list[str]:
        return [str(r) for rdtype in ("A", "AAAA") for r in self._ask(name, rdtype)]

    def mx(self, name: str) -> list[str]:
        return [str(getattr(r, "exchange", "")).rstrip(".") for r in self._ask(name, "MX")]
