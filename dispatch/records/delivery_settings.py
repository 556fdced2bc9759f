"""The settings of alert-mail delivery beyond the relay itself: bounces and carrier pacing.

* ``bounces.*``: the per-delivery bounce address (``bounce+TOKEN@domain``, see
  :mod:`dispatch.mail.bounces`), the mailbox it is read from over IMAP with verified TLS, and
  when hard bounces suspend a subscriber;
* ``smtp.carrier_groups``: the carrier groups (domains, recipients per second and per SMTP
  session, soft-bounce retries and spacing), today's values by default;
* ``smtp.backoff_*``: how a group backs off on 4xx replies and dropped connections, and how
  it recovers (:mod:`dispatch.mail.smtp.pacing`).
"""

from __future__ import annotations

import re

from dispatch.mail.dns_lookup import parse_server
from dispatch.mail.smtp.settings import (
    DEFAULT_DOMAIN_POLICIES,
    policies_from_json,
    policies_to_json,
)
from dispatch.records.setting_kind import Setting

_LOCAL_PART = re.compile(r"[a-z0-9][a-z0-9._-]{0,30}")
_DOMAIN = re.compile(r"(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}")


def _local_part(value: str) -> None:
    if not _LOCAL_PART.fullmatch(value):
        raise ValueError(
            "give a plain local part such as bounce (a-z, 0-9, . _ -, no +, at most 31 characters)"
        )


def _domain(value: str) -> None:
    if value and not _DOMAIN.fullmatch(value):
        raise ValueError("give a mail domain such as city.example.jp, or leave it empty")


def _dns_server(value: str) -> None:
    if value:
        parse_server(value)


def _security(value: str) -> None:
    if value not in ("implicit", "starttls"):
        raise ValueError("implicit or starttls; never plain text")


DELIVERY_SETTINGS: tuple[Setting, ...] = (
    Setting(
        "smtp.carrier_groups",
        str,
        policies_to_json(DEFAULT_DOMAIN_POLICIES),
        "The carrier groups as a JSON list: each {name, domains, rate (recipients per second "
        "over all connections, null: no limit), per_session (recipients per SMTP session, "
        "null: no limit), soft_retries, soft_retry_minutes}. Tune the rates with the relay's "
        "operator (admin manual, mail relay §3). Other domains: no rate of their own.",
        validate=policies_from_json,
    ),
    Setting(
        "smtp.backoff_floor",
        int,
        1,
        "A carrier group whose mail gets 4xx replies (421, 450, 451, 452) or dropped "
        "connections halves its pace, at most once a second, but goes no slower than this "
        "many recipients a second (nor faster than its own rate). Other domains do not back "
        "off.",
        minimum=1,
        maximum=1000,
    ),
    Setting(
        "smtp.backoff_recover_seconds",
        int,
        60,
        "Seconds without another 4xx or dropped connection after which a slowed carrier group "
        "goes a quarter faster, again each such period, until it is back at its rate.",
        minimum=5,
        minimum_reason="one busy moment of the carrier would be forgotten at once",
        maximum=3600,
    ),
    Setting(
        "monitor.dns_server",
        str,
        "",
        "DNS server doctor asks for the SPF, DKIM and DMARC records (address or address:port); "
        "empty: the system's resolver. For a network whose resolver cannot see the public DNS.",
        validate=_dns_server,
    ),
    Setting(
        "bounces.local_part",
        str,
        "bounce",
        "Local part of the bounce address: every alert mail goes out with MAIL FROM "
        "<LOCAL+TOKEN@DOMAIN>, TOKEN random per delivery (per envelope in batch mode).",
        validate=_local_part,
    ),
    Setting(
        "bounces.domain",
        str,
        "",
        "Domain of the bounce address; empty: the domain of office.address.",
        validate=_domain,
    ),
    Setting("bounces.imap_host", str, "", "IMAP server of the bounce mailbox (empty: not read)."),
    Setting("bounces.imap_port", int, 993, "993 for implicit TLS, 143 for STARTTLS."),
    Setting(
        "bounces.imap_security",
        str,
        "implicit",
        "implicit or starttls; never plain text.",
        validate=_security,
    ),
    Setting("bounces.imap_user", str, "", "Login name of the bounce mailbox."),
    Setting("bounces.imap_password", str, "", "Password of the bounce mailbox.", secret=True),
    Setting(
        "bounces.imap_cafile",
        str,
        "",
        "PEM file of the CA to trust for the bounce mailbox instead of the system store.",
    ),
    Setting("bounces.imap_folder", str, "INBOX", "Folder of the bounce mailbox that is read."),
    Setting(
        "bounces.imap_poll_seconds",
        int,
        300,
        "Seconds between reads of the bounce mailbox.",
        minimum=30,
        minimum_reason="the mail server would be polled too often",
    ),
    Setting(
        "bounces.suspend_after",
        int,
        3,
        "Hard bounces (5.x.x) within bounces.window_days after which a subscriber is suspended.",
        minimum=1,
        maximum=20,
    ),
    Setting(
        "bounces.window_days",
        int,
        30,
        "Days over which hard bounces are counted; older ones no longer count.",
        minimum=1,
        maximum=365,
    ),
    Setting(
        "bounces.unknown_user_at_once",
        bool,
        True,
        "A bounce saying the address does not exist (5.1.x, e.g. docomo's 550 Unknown user) "
        "suspends the subscriber at once: carriers block senders that keep mailing unknown "
        "addresses.",
    ),
)
