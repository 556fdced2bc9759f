"""``doctor``'s look at the sender domains in the DNS: SPF, DKIM and DMARC.

Carriers judge alert mail by these records; a missing or wrong one sends it to spam or gets it
refused (docomo and au refuse mail that fails SPF for a domain with a DMARC ``reject``).

* **SPF** of the bounce address's domain (``MAIL FROM``: ``bounces.domain``, else the domain of
  ``office.address``): a record exists, and it allows the address(es) ``smtp.host`` resolves
  to — ``ip4``, ``ip6``, ``a``, ``mx``, ``include``, ``redirect`` and ``all`` are evaluated (RFC
  7208, at most 10 lookups); ``exists``, ``ptr`` and macros make it "cannot tell";
* **DKIM**: when kishomail signs (``dkim.domain``), the record at
  ``SELECTOR._domainkey.DOMAIN`` exists and holds the public half of ``dkim.key``;
* **DMARC** of the ``From`` domain (``office.address``): ``_dmarc.DOMAIN``, else its parent's.

Each answer is (name, level, what was found, what to publish); :mod:`dispatch.checks.doctor`
wraps them. Looked up through :class:`dispatch.mail.dns_lookup.Lookup`; when no DNS server
answers, one line says the checks were skipped. Nothing is checked while mail goes to the
embedded sink (it reaches nobody).
"""

from __future__ import annotations

import ipaddress
import re
import socket

from dispatch.engine.relay import relay_settings
from dispatch.mail.dkim import DkimError, dns_record
from dispatch.mail.dns_lookup import DnsLookup, DnsUnavailable, Lookup
from dispatch.records.settings import get_setting
from dispatch.store.database import Connection

Finding = tuple[str, str, str, str]

#: RFC 7208 §4.6.4: at most 10 mechanisms and modifiers that look up DNS.
MAX_SPF_LOOKUPS = 10
_MECHANISM = re.compile(
    r"(?P<name>all|include|a|mx|ptr|ip4|ip6|exists)(?::(?P<arg>[^/]*))?"
    r"(?:/(?P<cidr>\d{1,3}))?(?://(?P<cidr6>\d{1,3}))?",
    re.IGNORECASE,
)
_RESULT = {"+": "pass", "-": "fail", "~": "softfail", "?": "neutral"}


class _CannotTell(Exception):
    """The record needs what is not evaluated here (exists, ptr, macros) or is broken."""


class SpfEvaluator:
    """Does ``domain``'s SPF allow ``address``? (``pass``, ``fail``, ``softfail``,
    ``neutral``, ``none``; :class:`_CannotTell` otherwise)."""

    def __init__(self, lookup: Lookup) -> None:
        self.lookup = lookup
        self.lookups = 0

    def record(self, domain: str) -> str | None:
        records = [
            t for t in self.lookup.txt(domain) if re.match(r"v=spf1(\s|$)", t, re.IGNORECASE)
        ]
        if len(records) > 1:
            raise _CannotTell(f"{domain} has {len(records)} SPF records (only one is allowed)")
        return records[0] if records else None

    def check(self, domain: str, address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> str:
        record = self.record(domain)
        if record is None:
            return "none"
        redirect = None
        for term in record.split()[1:]:
            if term.lower().startswith("redirect="):
                redirect = term.partition("=")[2]
                continue
            qualifier = term[0] if term[0] in _RESULT else "+"
            match = _MECHANISM.fullmatch(term.lstrip("+-~?"))
            if match is None:
                if "=" in term:
                    continue  # exp= and unknown modifiers
                raise _CannotTell(f"unknown term {term!r} in the SPF of {domain}")
            if self._matches(match, domain, address):
                return _RESULT[qualifier]
        if redirect is not None:
            self._count()
            return self.check(redirect, address)
        return "neutral"

    def _count(self) -> None:
        self.lookups += 1
        if self.lookups > MAX_SPF_LOOKUPS:
            raise _CannotTell(f"more than {MAX_SPF_LOOKUPS} DNS lookups (permerror)")

    def _matches(
        self,
        match: re.Match[str],
        domain: str,
        address: ipaddress.IPv4Address | ipaddress.IPv6Address,
    ) -> bool:
        name, arg = match.group("name").lower(), match.group("arg")
        if arg and "%" in arg:
            raise _CannotTell("the SPF record uses macros")
        if name == "all":
            return True
        if name in ("ip4", "ip6"):
            cidr = match.group("cidr")
            network = ipaddress.ip_network(f"{arg}/{cidr}" if cidr else str(arg), strict=False)
            return address.version == network.version and address in network
        if name in ("exists", "ptr"):
            raise _CannotTell(f"the SPF record uses {name}")
        self._count()
        target = arg or domain
        if name == "include":
            result = self.check(target, address)
            if result == "none":
                raise _CannotTell(f"include:{target} has no SPF record (permerror)")
            return result == "pass"
        hosts = self.lookup.mx(target) if name == "mx" else [target]
        cidr = match.group("cidr") if address.version == 4 else match.group("cidr6")
        for host in hosts:
            for found in self.lookup.addresses(host):
                network = ipaddress.ip_network(f"{found}/{cidr or address.max_prefixlen}", False)
                if address.version == network.version and address in network:
                    return True
        return False


def _relay_addresses(host: str) -> list[ipaddress.IPv4Address | ipaddress.IPv6Address]:
    try:
        infos = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
    except OSError:
        return []
    return sorted({ipaddress.ip_address(str(info[4][0]).split("%")[0]) for info in infos}, key=str)


def check_spf(lookup: Lookup, domain: str, relay_host: str) -> Finding:
    evaluator = SpfEvaluator(lookup)
    example = 'TXT "v=spf1 ip4:<the relay\'s sending address> -all"'
    try:
        record = evaluator.record(domain)
    except _CannotTell as why:
        return ("spf", "WARN", str(why), f"Keep one SPF record at {domain}.")
    if record is None:
        return (
            "spf",
            "WARN",
            f"no SPF record at {domain} (the bounce address's domain, MAIL FROM)",
            f"Publish at {domain}: {example}, with the relay's operator.",
        )
    addresses = _relay_addresses(relay_host)
    if not addresses:
        return ("spf", "WARN", f"{domain}: {record}; {relay_host} does not resolve", "")
    verdicts = {}
    for address in addresses:
        try:
            verdicts[address] = SpfEvaluator(lookup).check(domain, address)
        except _CannotTell as why:
            return ("spf", "WARN", f"{domain}: {record}; cannot tell ({why})", "")
    refused = [f"{a} ({v})" for a, v in verdicts.items() if v != "pass"]
    if not refused:
        allowed = ", ".join(str(a) for a in addresses)
        return ("spf", "OK", f"{domain}: SPF allows the relay {relay_host} ({allowed})", "")
    return (
        "spf",
        "WARN",
        f"{domain}: SPF ({record}) does not allow the relay {relay_host}: {', '.join(refused)}",
        f"Add the relay's sending address to the SPF record at {domain} (e.g. "
        f"ip4:{addresses[0]}); if the relay sends out from another address, list that one.",
    )


def check_dmarc(lookup: Lookup, domain: str) -> Finding:
    labels = domain.split(".")
    # The domain, then its parents down to an organisational domain (two labels; three
    # under a Japanese second-level suffix such as lg.jp or co.jp).
    lowest = 3 if len(labels) >= 3 and len(labels[-2]) == 2 and labels[-1] == "jp" else 2
    for start in range(0, max(1, len(labels) - lowest + 1)):
        name = "_dmarc." + ".".join(labels[start:])
        records = [t for t in lookup.txt(name) if re.match(r"v=DMARC1\s*(;|$)", t, re.I)]
        if records:
            policy = re.search(r"\bp\s*=\s*(\w+)", records[0])
            said = policy.group(1) if policy else "no p= (invalid)"
            return ("dmarc", "OK", f"{name}: policy {said}", "")
    return (
        "dmarc",
        "WARN",
        f"no DMARC record at _dmarc.{domain} (the From domain)",
        f'Publish at _dmarc.{domain}: TXT "v=DMARC1; p=none; rua=mailto:<a mailbox of the '
        'office>", and move to p=quarantine once SPF and DKIM pass.',
    )


def check_dkim(lookup: Lookup, connection: Connection) -> Finding:
    domain = str(get_setting(connection, "dkim.domain")).strip()
    selector = str(get_setting(connection, "dkim.selector")).strip()
    if not domain:
        return ("dkim", "OK", "kishomail does not sign (dkim.domain empty): the relay should", "")
    name = f"{selector}._domainkey.{domain}"
    try:
        _, expected = dns_record(selector, domain, str(get_setting(connection, "dkim.key")))
    except (DkimError, ValueError):
        return (
            "dkim",
            "WARN",
            f"dkim.domain is {domain} but there is no usable dkim.key",
            "Run 'kishomail dkim keygen', then publish the record it prints.",
        )
    records = [t for t in lookup.txt(name) if "p=" in t]
    publish = f'Publish at {name}: TXT "{expected}" (kishomail dkim record prints it).'
    if not records:
        return ("dkim", "WARN", f"no DKIM record at {name} (selector dkim.selector)", publish)
    published = re.sub(r"\s+", "", records[0]).partition("p=")[2].split(";")[0]
    if published != expected.partition("p=")[2]:
        found = f"{name} holds another key than dkim.key: every signature fails"
        return ("dkim", "FAIL", found, publish)
    return ("dkim", "OK", f"{name} matches dkim.key", "")


def sender_domain_findings(connection: Connection, lookup: Lookup | None = None) -> list[Finding]:
    """SPF, DKIM and DMARC findings; none while mail goes to the embedded sink."""
    relay = relay_settings(connection)
    if relay is None:
        return []
    office = str(get_setting(connection, "office.address")).rpartition("@")[2].lower()
    bounce = str(get_setting(connection, "bounces.domain")).strip().lower() or office
    try:
        lookup = lookup or DnsLookup(str(get_setting(connection, "monitor.dns_server")))
        return [
            check_spf(lookup, bounce, relay.host),
            check_dkim(lookup, connection),
            check_dmarc(lookup, office),
        ]
    except DnsUnavailable as why:
        return [
            (
                "dns",
                "WARN",
                f"SPF, DKIM and DMARC not checked: no DNS server answered ({why})",
                "Run doctor where the public DNS answers, or set monitor.dns_server to a DNS "
                f"server that answers for {office}.",
            )
        ]
