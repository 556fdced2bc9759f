"""Bounces received for alert mail: tied to a delivery by its token, counted, acted on.

A bounce counts only when it came back to a bounce address we issued (``bounce+TOKEN@…``,
the token stored with the delivery or its batch envelope) **and** every address it reports is
one of that delivery's (or envelope's) own recipients. Anything else — a token never issued,
two tokens, an address that was not in that envelope, more recipients than an envelope holds —
is recorded as *forged* and changes nothing. The tokens are 96 random bits: they cannot be
built from dispatch or subscriber numbers, so a forger needs a mail we really sent.

What a genuine bounce does (:class:`BounceRules`, from the ``bounces.*`` settings and the
carrier groups):

* **hard** (5.x.x): recorded with the delivery; the subscriber is suspended after
  ``suspend_after`` hard bounces within ``window_days`` — or at once for "no such user"
  (5.1.x) when ``unknown_user_at_once``: docomo blocks senders that keep mailing unknown
  addresses, and the token check means only a real bounce of a real delivery gets here;
* **soft** (4.x.x, e.g. a full mailbox): the delivery is sent again after the carrier's
  spacing, up to the carrier's retries; after that it is recorded as a soft bounce. A soft
  bounce never suspends anyone.
"""

from __future__ import annotations

import collections
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from dispatch.base.clock import Clock, from_iso, to_iso
from dispatch.mail.bounces import Bounce, Failure, bounce_address
from dispatch.mail.imap import ImapSettings
from dispatch.mail.smtp import CarrierGroups, policies_from_json
from dispatch.records.settings import get_setting, mailbox_settings
from dispatch.store.database import Connection

log = logging.getLogger(__name__)

#: ``bounces.source`` of an address the relay refused at once (RCPT), not a bounce mail:
#: counted by the same rule, left out of the "bounced" figures (the delivery failed).
RELAY_SOURCE = "relay"
#: Soft-bounce rule of the domains in no carrier group.
OTHER_SOFT_RETRIES = 2
OTHER_SOFT_MINUTES = 10


@dataclass(frozen=True)
class SoftRule:
    """How a carrier group treats soft bounces: its name, retries, seconds between them."""

    group: str
    retries: int
    spacing: float


@dataclass(frozen=True)
class BounceRules:
    suspend_after: int = 3
    window_days: int = 30
    unknown_user_at_once: bool = True
    #: address → the carrier group's soft-bounce rule.
    soft_rule: Callable[[str], SoftRule] = lambda address: SoftRule(
        "other", OTHER_SOFT_RETRIES, OTHER_SOFT_MINUTES * 60.0
    )


@dataclass(frozen=True)
class Taken:
    """What one bounce mail did: ``hard``, ``soft`` (given up), ``retry`` or ``forged``, and
    the subscribers suspended by it."""

    outcome: str
    suspended: tuple[int, ...] = ()
    note: str = ""


class BounceBook:
    def __init__(self, connection: Connection, clock: Clock) -> None:
        self._connection = connection
        self._clock = clock

    def issue_tokens(self, token_of_delivery: list[tuple[str, int]]) -> None:
        """Store (token, delivery id) pairs: a batch envelope's token on each of its members
        (caller's transaction)."""
        self._connection.executemany(
            "UPDATE deliveries SET bounce_token = ? WHERE id = ?", token_of_delivery
        )

    def refused_by_relay(self, delivery_id: int, status: str, rules: BounceRules) -> bool:
        """The relay refused a delivery's address at once (``550 5.1.1`` at RCPT): a hard
        bounce by the same rule as one read from the bounce mailbox (caller's transaction);
        True when it suspended the subscriber. Recorded with source ``relay``: the delivery
        counts as failed, not as accepted-then-bounced."""
        return self.hard_for_delivery(delivery_id, status, rules, source=RELAY_SOURCE)

    def hard_for_delivery(
        self, delivery_id: int, status: str, rules: BounceRules, *, source: str
    ) -> bool:
        """A hard bounce already tied to ``delivery_id`` by the caller (the relay's refusal, a
        DSN naming a Message-ID we sent), counted by the one rule; True when it suspended."""
        row = self._connection.execute(
            "SELECT d.id, d.dispatch_id, d.subscriber_id, lower(s.email) FROM deliveries d "
            "JOIN subscribers s ON s.id = d.subscriber_id WHERE d.id = ?",
            (delivery_id,),
        ).fetchone()
        if row is None:
            return False
        return self._hard(row, Failure(row[3], status), source, rules)

    def take(self, bounce: Bounce, rules: BounceRules) -> Taken:
        """Record ``bounce`` and act on it (caller's transaction)."""
        if bounce.too_many:
            return self._forged(bounce, "more recipients than an envelope holds")
        if len(bounce.tokens) != 1:
            return self._forged(bounce, "not one bounce token" if bounce.tokens else "no token")
        rows = self._connection.execute(
            "SELECT d.id, d.dispatch_id, d.subscriber_id, lower(s.email), d.soft_bounces, "
            "d.state FROM deliveries d JOIN subscribers s ON s.id = d.subscriber_id "
            "WHERE d.bounce_token = ?",
            (bounce.tokens[0],),
        ).fetchall()
        if not rows:
            return self._forged(bounce, "a token that was never issued")
        by_address = {row[3]: row for row in rows}
        if any(f.address.lower() not in by_address for f in bounce.failures):
            return self._forged(bounce, "an address that was not a recipient of that mail")
        suspended: list[int] = []
        outcomes: list[str] = []
        for failure in bounce.failures:
            row = by_address[failure.address.lower()]
            if failure.hard:
                outcomes.append("hard")
                if self._hard(row, failure, bounce.source, rules):
                    suspended.append(row[2])
            else:
                outcomes.append(self._soft(row, failure, bounce.source, rules))
        outcome = "hard" if "hard" in outcomes else ("retry" if "retry" in outcomes else "soft")
        return Taken(outcome, tuple(suspended))

    # ---- the kinds ------------------------------------------------------------------------

    def _insert(
        self, kind: str, status: str, source: str, carrier: str, row: Any, note: str = ""
    ) -> None:
        self._connection.execute(
            "INSERT INTO bounces (received_at, kind, status, source, carrier, dispatch_id, "
            "delivery_id, subscriber_id, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                to_iso(self._clock.now()),
                kind,
                status,
                source,
                carrier,
                row[1] if row else None,
                row[0] if row else None,
                row[2] if row else None,
                note,
            ),
        )

    def _forged(self, bounce: Bounce, why: str) -> Taken:
        self._insert("forged", "", bounce.source, "", None, why)
        log.warning("a bounce was not counted (forged or not ours): %s", why)
        return Taken("forged", note=why)

    def _hard(self, row: Any, failure: Failure, source: str, rules: BounceRules) -> bool:
        """Record a hard bounce; True when it suspended the subscriber.

        A delivery counts once however many bounces it gets (its batch envelope sent again
        after a crash or a lost reply bounces twice): the later ones are recorded, not
        counted."""
        delivery_id, _, subscriber_id = row[0], row[1], row[2]
        carrier = rules.soft_rule(failure.address).group
        again = self._connection.execute(
            "SELECT 1 FROM bounces WHERE delivery_id = ? AND kind = 'hard' LIMIT 1",
            (delivery_id,),
        ).fetchone()
        self._insert("hard", failure.status, source, carrier, row, "again" if again else "")
        if source != RELAY_SOURCE:  # accepted, then bounced
            self._connection.execute(
                "UPDATE deliveries SET bounced = ? WHERE id = ?",
                (f"hard {failure.status}", delivery_id),
            )
        if again:
            log.info("a second hard bounce of one delivery: recorded, counted once")
            return False
        since = to_iso(self._clock.now() - timedelta(days=rules.window_days))
        (count,) = self._connection.execute(
            "SELECT count(DISTINCT delivery_id) FROM bounces WHERE subscriber_id = ? "
            "AND kind = 'hard' AND received_at >= ?",
            (subscriber_id, since),
        ).fetchone()
        self._connection.execute(
            "UPDATE subscribers SET hard_failures = hard_failures + 1 WHERE id = ?",
            (subscriber_id,),
        )
        unknown = rules.unknown_user_at_once and failure.status.startswith("5.1.")
        if count < rules.suspend_after and not unknown:
            return False
        cursor = self._connection.execute(
            "UPDATE subscribers SET status = 'suspended', status_changed_at = ? "
            "WHERE id = ? AND status = 'active'",
            (to_iso(self._clock.now()), subscriber_id),
        )
        if cursor.rowcount:
            log.info("a subscriber was suspended after %d hard bounce(s)", count)
        return bool(cursor.rowcount)

    def _soft(self, row: Any, failure: Failure, source: str, rules: BounceRules) -> str:
        delivery_id, dispatch_id, _, _, soft_bounces, state = row
        rule = rules.soft_rule(failure.address)
        if soft_bounces < rule.retries and state == "sent":
            due = self._clock.now() + timedelta(seconds=rule.spacing)
            self._connection.execute(
                "UPDATE deliveries SET state = 'deferred', next_attempt_at = ?, "
                "soft_bounces = soft_bounces + 1, bounced = ? WHERE id = ?",
                (to_iso(due), f"soft {failure.status} (sent again)", delivery_id),
            )
            # Out of the sent count until it is accepted again; the dispatch is open again
            # (its finished_at stays: its "done" is not announced a second time).
            self._connection.execute(
                "UPDATE dispatches SET sent = max(0, sent - 1), "
                "status = CASE WHEN status = 'done' THEN 'sending' ELSE status END WHERE id = ?",
                (dispatch_id,),
            )
            return "retry"
        self._insert("soft", failure.status, source, rule.group, row)
        self._connection.execute(
            "UPDATE deliveries SET bounced = ? WHERE id = ?",
            (f"soft {failure.status}", delivery_id),
        )
        return "soft"


# ---- the settings, read ---------------------------------------------------------------------


def bounce_rules(connection: Connection) -> BounceRules:
    """The ``bounces.*`` settings and the carrier groups' soft-bounce rules."""
    groups = CarrierGroups(policies_from_json(get_setting(connection, "smtp.carrier_groups")))

    def soft_rule(address: str) -> SoftRule:
        policy = groups.of(address)
        if policy is None:
            return SoftRule("other", OTHER_SOFT_RETRIES, OTHER_SOFT_MINUTES * 60.0)
        return SoftRule(policy.name, policy.soft_retries, policy.soft_retry_minutes * 60.0)

    return BounceRules(
        suspend_after=int(get_setting(connection, "bounces.suspend_after")),
        window_days=int(get_setting(connection, "bounces.window_days")),
        unknown_user_at_once=bool(get_setting(connection, "bounces.unknown_user_at_once")),
        soft_rule=soft_rule,
    )


def bounce_sender(connection: Connection) -> Callable[[str], str]:
    """Token → ``MAIL FROM`` address, from ``bounces.local_part`` and ``bounces.domain`` (the
    office address's domain when empty)."""
    local = str(get_setting(connection, "bounces.local_part"))
    domain = (
        str(get_setting(connection, "bounces.domain"))
        or str(get_setting(connection, "office.address")).rpartition("@")[2]
    )
    return lambda token: bounce_address(local, token, domain)


def bounce_mailbox(connection: Connection) -> ImapSettings | None:
    """The bounce mailbox's IMAP settings; ``None`` while ``bounces.imap_host`` is empty."""
    return mailbox_settings(connection, "bounces")


# ---- delivery figures per carrier group (statistics: counts only, never an address) ---------


@dataclass(frozen=True)
class CarrierFigures:
    group: str
    #: Deliveries tried at least once; accepted by the relay; waiting to be retried; failed.
    sent: int
    accepted: int
    deferred: int
    failed: int
    bounced_hard: int
    bounced_soft: int
    #: Seconds from the detection of the alert to the relay's acceptance: median, 95th pct.
    accept_median: float | None
    accept_p95: float | None
    #: … and to the last acceptance (how late the slowest carrier's residents got it).
    accept_last: float | None = None

    @property
    def bounced(self) -> int:
        return self.bounced_hard + self.bounced_soft


def _percentile(values: list[float], fraction: float) -> float | None:
    """Nearest-rank percentile of sorted ``values``."""
    if not values:
        return None
    rank = max(1, -(-len(values) * fraction // 1))
    return round(values[int(rank) - 1], 1)


def carrier_figures(
    connection: Connection, low: str, high: str, *, dispatch_id: int | None = None
) -> list[CarrierFigures]:
    """Per carrier group (``smtp.carrier_groups``, then ``other``), the deliveries of the
    dispatches created in [``low``, ``high``) — or of one dispatch. Addresses are read only to
    find the group."""
    which, params = (
        ("p.created_at >= ? AND p.created_at < ?", (low, high))
        if dispatch_id is None
        else ("p.id = ?", (dispatch_id,))
    )
    policies = policies_from_json(get_setting(connection, "smtp.carrier_groups"))
    names = [p.name for p in policies] + ["other"]
    groups = CarrierGroups(policies)

    def group_of(address: str) -> str:
        policy = groups.of(address)
        return "other" if policy is None else policy.name

    counts = {name: collections.Counter[str]() for name in names}
    delays: dict[str, list[float]] = {name: [] for name in names}
    rows = connection.execute(
        "SELECT s.email, d.state, d.attempts, d.sent_at, coalesce(p.detected_at, p.created_at) "
        "FROM deliveries d JOIN dispatches p ON p.id = d.dispatch_id "
        f"JOIN subscribers s ON s.id = d.subscriber_id WHERE {which}",
        params,
    )
    for email, state, attempts, sent_at, detected in rows:
        group = group_of(email)
        counts[group]["tried"] += attempts > 0 or state == "sent"
        counts[group][f"state:{state}"] += 1
        if state == "sent" and sent_at and detected:
            delays[group].append((from_iso(sent_at) - from_iso(detected)).total_seconds())
    for carrier, kind, number in connection.execute(
        "SELECT b.carrier, b.kind, count(DISTINCT b.delivery_id) FROM bounces b JOIN dispatches p "
        "ON p.id = b.dispatch_id WHERE b.kind IN ('hard', 'soft') AND b.source != 'relay' "
        f"AND {which} GROUP BY b.carrier, b.kind",
        params,
    ):
        counts.setdefault(carrier, collections.Counter())[f"bounced_{kind}"] += number
        delays.setdefault(carrier, [])
    figures = []
    for name, counter in counts.items():
        ordered = sorted(delays[name])
        figures.append(
            CarrierFigures(
                name,
                counter["tried"],
                counter["state:sent"],
                counter["state:deferred"],
                counter["state:failed"],
                counter["bounced_hard"],
                counter["bounced_soft"],
                _percentile(ordered, 0.5),
                _percentile(ordered, 0.95),
                ordered[-1] if ordered else None,
            )
        )
    return figures
