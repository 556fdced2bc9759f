"""How to reach the relay: :class:`SmtpSettings`, the TLS mode, per-carrier policies, TLS context.

The password is never shown by ``repr(settings)``. TLS is always verified (see the package
docstring): :func:`tls_context` checks the chain and host name, TLS 1.2 or newer.
"""

from __future__ import annotations

import enum
import json
import re
import ssl
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, Final

#: The most a TLS handshake may take, as a whole, for every TLS client of ours (SMTP, IMAP):
#: a peer that accepts the connection and never answers the ClientHello (or answers a byte at
#: a time) is given up after this, with a message saying so, instead of holding a worker
#: until the OS gives up. A handshake is two or three round trips plus a certificate check;
#: 20 s leaves room for a relay across a slow LGWAN link or one busy with an alert burst.
TLS_HANDSHAKE_TIMEOUT: Final = 20.0


class Security(enum.StrEnum):
    STARTTLS = "starttls"  # port 587: plain connect, then STARTTLS is required
    IMPLICIT = "implicit"  # port 465: TLS from the first byte


@dataclass(frozen=True, slots=True)
class DomainPolicy:
    """How fast mail to a group of destination domains may go.

    ``rate``: recipients per second toward these domains over all connections (None: no
    limit). ``max_recipients_per_session``: recipients of these domains in one SMTP session
    (and so in one envelope) before the connection is renewed.
    """

    name: str
    domains: tuple[str, ...]
    rate: float | None
    max_recipients_per_session: int | None = 100
    #: A soft bounce (4.x.x, e.g. a full mailbox) reported after the relay accepted the mail:
    #: sent again this many times, this many minutes apart, before it counts as a soft bounce.
    soft_retries: int = 2
    soft_retry_minutes: int = 10

    def as_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "domains": list(self.domains),
            "rate": self.rate,
            "per_session": self.max_recipients_per_session,
            "soft_retries": self.soft_retries,
            "soft_retry_minutes": self.soft_retry_minutes,
        }


#: Starting points, to be tuned with the relay's operator. Carrier servers accept about 100
#: recipients per session, and bursts to them were treated as spam in the July 2018 Okayama
#: alert (64,000 registrants, mail 21 minutes to 2 hours late). 30/s still puts 10,000 docomo
#: subscribers through in under 6 minutes.
DEFAULT_DOMAIN_POLICIES: tuple[DomainPolicy, ...] = (
    DomainPolicy("docomo", ("docomo.ne.jp",), rate=30.0),
    DomainPolicy("au", ("ezweb.ne.jp", "au.com"), rate=30.0),
    DomainPolicy(
        "softbank", ("softbank.ne.jp", "i.softbank.jp", "vodafone.ne.jp", "disney.ne.jp"), 30.0
    ),
    DomainPolicy("rakuten", ("rakumail.jp",), rate=20.0),
    DomainPolicy("gmail", ("gmail.com", "googlemail.com"), rate=50.0),
    DomainPolicy("yahoo-japan", ("yahoo.co.jp", "ymail.ne.jp"), rate=30.0),
    DomainPolicy("icloud", ("icloud.com", "me.com", "mac.com"), rate=30.0),
)
#: Every other domain: no rate of its own (the overall limit still applies).
OTHER_DOMAINS = DomainPolicy("other", (), rate=None, max_recipients_per_session=None)

_GROUP_KEYS = {"name", "domains", "rate", "per_session", "soft_retries", "soft_retry_minutes"}
_NAME = re.compile(r"[a-z0-9][a-z0-9_-]{0,31}")
_DOMAIN = re.compile(r"(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}")


def policies_to_json(policies: tuple[DomainPolicy, ...]) -> str:
    """The carrier groups as the setting ``smtp.carrier_groups`` holds them."""
    return json.dumps([p.as_dict() for p in policies], ensure_ascii=False)


def _number(group: str, key: str, value: Any, low: float, high: float, *, whole: bool) -> Any:
    kind = int if whole else (int, float)
    if isinstance(value, bool) or not isinstance(value, kind) or not low <= value <= high:
        raise ValueError(
            f"carrier group {group!r}: {key} must be a number from {low:g} to {high:g}"
            + (" (whole)" if whole else "")
            + f", not {value!r}"
        )
    return value


def _policy(item: Any, seen: set[str]) -> DomainPolicy:
    if not isinstance(item, dict) or not {"name", "domains"} <= item.keys():
        raise ValueError("each carrier group needs at least a name and its domains")
    unknown = set(item) - _GROUP_KEYS
    if unknown:
        raise ValueError(f"unknown key(s) {sorted(unknown)}; known: {sorted(_GROUP_KEYS)}")
    name = item["name"]
    if not isinstance(name, str) or not _NAME.fullmatch(name) or name == "other":
        raise ValueError(f"{name!r} is not a usable group name (a-z, 0-9, - or _; not 'other')")
    if name in seen:
        raise ValueError(f"the carrier group {name!r} is given twice")
    domains = item["domains"]
    if (
        not isinstance(domains, list)
        or not domains
        or not all(isinstance(d, str) and _DOMAIN.fullmatch(d) for d in domains)
    ):
        raise ValueError(f"carrier group {name!r}: domains must be a list of mail domains")
    rate = item.get("rate", None)
    session = item.get("per_session", 100)
    return DomainPolicy(
        name,
        tuple(domains),
        None if rate is None else float(_number(name, "rate", rate, 0.1, 10000, whole=False)),
        None if session is None else _number(name, "per_session", session, 1, 10000, whole=True),
        _number(name, "soft_retries", item.get("soft_retries", 2), 0, 10, whole=True),
        _number(
            name, "soft_retry_minutes", item.get("soft_retry_minutes", 10), 1, 1440, whole=True
        ),
    )


def policies_from_json(text: str) -> tuple[DomainPolicy, ...]:
    """Read ``smtp.carrier_groups``; ValueError saying what is wrong (and nothing else)."""
    try:
        items = json.loads(text)
    except json.JSONDecodeError as error:
        raise ValueError(f"not JSON ({error.msg} at character {error.pos})") from None
    if not isinstance(items, list):
        raise ValueError("give a JSON list of carrier groups")
    seen: set[str] = set()
    policies = []
    for item in items:
        policy = _policy(item, seen)
        seen.add(policy.name)
        policies.append(policy)
    return tuple(policies)


class CarrierGroups:
    """Which carrier group an address is in: the first group, in order, that lists its domain
    or a parent of it (``mail.docomo.ne.jp`` is in the group listing ``docomo.ne.jp``;
    ``notdocomo.ne.jp`` is not), whatever the address's case. Sending, the bounce rules and the
    per-group figures all ask this.

    Looked up by the domain and each of its parents in a table built once, not by asking
    every group in turn: 3.8 µs → 0.5 µs for an address that no group lists (the slowest case
    before), with the default groups."""

    def __init__(self, policies: tuple[DomainPolicy, ...]) -> None:
        self._policies = policies
        #: Each domain a group lists → the number of the first group listing it.
        self._first_listing: dict[str, int] = {}
        for number, policy in enumerate(policies):
            for domain in policy.domains:
                self._first_listing.setdefault(domain, number)

    def of(self, address: str) -> DomainPolicy | None:
        """``address``'s group; ``None`` when no group lists its domain."""
        domain = address.rpartition("@")[2].lower()
        found: int | None = None
        while True:
            number = self._first_listing.get(domain)
            if number is not None and (found is None or number < found):
                found = number
            dot = domain.find(".")
            if dot < 0:
                break
            domain = domain[dot + 1 :]
        return None if found is None else self._policies[found]


@dataclass(frozen=True)
class SmtpSettings:
    host: str
    port: int = 587
    security: Security = Security.STARTTLS
    username: str | None = None
    password: str | None = field(default=None, repr=False)
    #: PEM file of the CA (or the relay's own certificate) to trust *instead of* the system
    #: store: for an office CA or a pinned LGWAN relay certificate.
    cafile: Path | None = None
    #: Name given in EHLO; the machine's host name when not set (no DNS lookup).
    helo_name: str | None = None
    connections: int = 8
    connect_timeout: float = 30.0
    #: The whole TLS handshake (implicit TLS or after STARTTLS); see TLS_HANDSHAKE_TIMEOUT.
    handshake_timeout: float = TLS_HANDSHAKE_TIMEOUT
    command_timeout: float = 60.0
    #: Wait for the reply to the end of the message (servers may scan it first).
    data_timeout: float = 120.0
    pipelining: bool = True
    #: Overall messages per second (None: as fast as the relay answers). A 421 lowers it.
    max_rate: float | None = None
    max_messages_per_connection: int | None = None
    domain_policies: tuple[DomainPolicy, ...] = DEFAULT_DOMAIN_POLICIES
    other_domains: DomainPolicy = OTHER_DOMAINS
    #: Fresh-connection retries of one envelope after a 421 or a connection lost before its
    #: data was sent; then the recipients are reported ``deferred``.
    retries: int = 4
    #: First pause after a 421 or a lost connection (doubles per retry of the envelope).
    retry_pause: float = 1.0
    #: Recipients (of whole envelopes) read ahead from the caller, so that one slow domain
    #: does not hold the rest; few enough that the first replies are recorded at once.
    read_ahead: int = 2000
    #: A carrier group slowed by 4xx replies or dropped connections goes no slower than this
    #: (recipients a second) …
    backoff_floor: float = 1.0
    #: … and grows back by a quarter after this many seconds without another such sign.
    backoff_recover: float = 60.0

    def __post_init__(self) -> None:
        if not 1 <= self.connections <= 32:
            raise ValueError("connections must be between 1 and 32")
        if self.security is Security.STARTTLS and self.port == 465:
            raise ValueError("port 465 is implicit TLS; use security=implicit")
        if (self.username is None) != (self.password is None):
            raise ValueError("give both a user name and a password, or neither")
        timeouts = ("connect_timeout", "handshake_timeout", "command_timeout", "data_timeout")
        for name in (*timeouts, "backoff_floor"):
            if getattr(self, name) <= 0:
                raise ValueError(f"{name} must be positive")

    def policy_for(self, recipient: str) -> DomainPolicy:
        """The recipient's carrier group (:class:`CarrierGroups`), else :attr:`other_domains`.
        It runs once per envelope while sending, and once per recipient while batch envelopes
        are planned."""
        return self._groups.of(recipient) or self.other_domains

    @cached_property
    def _groups(self) -> CarrierGroups:
        return CarrierGroups(self.domain_policies)


def tls_context(cafile: Path | None = None) -> ssl.SSLContext:
    """The client TLS context: chain and host name verified, TLS 1.2 or newer."""
    context = ssl.create_default_context(cafile=str(cafile) if cafile else None)
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    return context
