"""Per-carrier pacing: how fast mail toward each group of domains may go.

Token buckets per :class:`~dispatch.mail.smtp.settings.DomainPolicy` and an overall one that a
relay's ``421`` at ``MAIL`` halves (and that recovers slowly, AIMD), so an alert burst is not
taken for spam by the carriers; :func:`group_for_batches` cuts batch-mode envelopes along the
same policies.

**A group backs off by itself** (:meth:`Pace.group_said_slow_down`): a 4xx reply to its mail
(421 after ``MAIL``, 450, 451, 452) or a connection dropped during it halves that group's pace —
at most once a second, however many connections hear it — down to ``backoff_floor``
recipients a second. After ``backoff_recover`` seconds without another such sign its pace grows
by a quarter, and again each quiet period, until it is back at the group's configured rate.
The other groups keep their pace: a carrier throttling the relay says nothing about the others.
Domains in no group (``other``) do not back off: a 451 from one of them says nothing about the
rest (the relay's own limits are the overall pace's business).
"""

from __future__ import annotations

import collections
from collections.abc import Callable, Iterable

from dispatch.mail.smtp.settings import SmtpSettings


def group_for_batches(
    recipients: Iterable[str], settings: SmtpSettings, batch_size: int = 50
) -> list[tuple[str, ...]]:
    """Batch mode: recipients grouped by destination policy, in envelopes of at most
    ``batch_size`` and at most the policy's recipients per session."""
    groups: dict[str, list[str]] = {}
    limits: dict[str, int] = {}
    for recipient in recipients:
        policy = settings.policy_for(recipient)
        groups.setdefault(policy.name, []).append(recipient)
        limits[policy.name] = min(batch_size, policy.max_recipients_per_session or batch_size)
    batches: list[tuple[str, ...]] = []
    for name, members in groups.items():
        size = limits[name]
        batches.extend(tuple(members[i : i + size]) for i in range(0, len(members), size))
    return batches


class Bucket:
    """Token bucket allowing debt: a 50-recipient envelope may go at once, and then the
    bucket pays it back at ``rate``. None: unlimited."""

    def __init__(self, rate: float | None, now: float) -> None:
        self.rate = rate
        self.tokens = rate or 0.0
        self.stamp = now

    def ready_at(self, now: float) -> float:
        if self.rate is None:
            return now
        self._refill(now)
        return now if self.tokens > 0 else now + (-self.tokens + 1e-9) / self.rate

    def take(self, amount: int, now: float) -> None:
        if self.rate is not None:
            self._refill(now)
            self.tokens -= amount

    def _refill(self, now: float) -> None:
        assert self.rate is not None
        self.tokens = min(self.rate, self.tokens + (now - self.stamp) * self.rate)
        self.stamp = now


#: Replies that mean "slower, please" from the relay or the carrier behind it.
SLOW_DOWN_CODES = frozenset({421, 450, 451, 452})
#: An unlimited group (or the overall pace) counts as recovered once it may go this fast.
UNLIMITED_AGAIN = 2000.0


class GroupPace:
    """One carrier group's bucket, its configured rate and its back-off."""

    def __init__(self, rate: float | None, now: float) -> None:
        self.configured = rate
        self.bucket = Bucket(rate, now)
        self.recent: collections.deque[float] = collections.deque(maxlen=256)
        self.slowed_at: float | None = None
        self.backoffs = 0

    def observed(self, now: float) -> float:
        """Recipients a second over the last 5 s (at least 1)."""
        window = [t for t in self.recent if t > now - 5.0]
        span = max(now - window[0], 0.2) if window else 1.0
        return max(len(window) / span, 1.0)

    def set_rate(self, rate: float | None, now: float) -> None:
        debt = self.bucket.tokens
        self.bucket = Bucket(rate, now)
        if rate is not None:
            self.bucket.tokens = min(debt, rate)  # a debt is still owed at the new pace

    def back_off(self, floor: float, now: float) -> bool:
        """Halve the pace (not below ``floor``, nor above the configured rate); False when it
        was already lowered within the last second (the same sign heard twice)."""
        if self.slowed_at is not None and now - self.slowed_at < 1.0:
            return False
        current = self.bucket.rate if self.bucket.rate is not None else self.observed(now)
        lowest = min(floor, self.configured) if self.configured is not None else floor
        self.set_rate(max(lowest, current / 2), now)
        self.slowed_at = now
        self.backoffs += 1
        return True

    def maybe_recover(self, quiet: float, now: float) -> None:
        """A quarter faster after ``quiet`` seconds without a back-off; back to the configured
        rate at last."""
        if self.slowed_at is None or now - self.slowed_at < quiet:
            return
        assert self.bucket.rate is not None
        faster = self.bucket.rate * 1.25
        ceiling = self.configured
        if (ceiling is not None and faster >= ceiling) or (
            ceiling is None and faster > UNLIMITED_AGAIN
        ):
            self.set_rate(ceiling, now)
            self.slowed_at = None
        else:
            self.set_rate(faster, now)
            self.slowed_at = now


class Pace:
    """Per-group paces that back off by themselves, and the overall one that a relay's 421 at
    ``MAIL`` turns down (AIMD)."""

    def __init__(self, settings: SmtpSettings, clock: Callable[[], float]) -> None:
        self.settings = settings
        self.clock = clock
        now = clock()
        self.groups = {
            p.name: GroupPace(p.rate, now)
            for p in (*settings.domain_policies, settings.other_domains)
        }
        self.overall = Bucket(settings.max_rate, now)
        self.recent: collections.deque[float] = collections.deque(maxlen=512)
        self.slowed_at: float | None = None
        #: Messages per session after which the relay said 421, learned (None: unknown).
        self.session_limit: int | None = settings.max_messages_per_connection
        self.slowdowns = 0

    def ready_at(self, policy: str, now: float) -> float:
        self._maybe_recover(now)
        group = self.groups[policy]
        group.maybe_recover(self.settings.backoff_recover, now)
        return max(group.bucket.ready_at(now), self.overall.ready_at(now))

    def take(self, policy: str, recipients: int, now: float) -> None:
        group = self.groups[policy]
        group.bucket.take(recipients, now)
        group.recent.extend([now] * min(recipients, 100))
        self.overall.take(1, now)
        self.recent.append(now)

    def group_said_slow_down(self, policy: str) -> float | None:
        """A 4xx or a dropped connection for ``policy``'s mail: its new pace (recipients a
        second), or ``None`` when this sign was already taken into account."""
        if policy == self.settings.other_domains.name:
            return None  # many unrelated domains: one's 451 says nothing about the rest
        group = self.groups[policy]
        if not group.back_off(self.settings.backoff_floor, self.clock()):
            return None
        return group.bucket.rate

    def group_rates(self) -> dict[str, float | None]:
        """Each group's pace now, recipients a second (None: no limit)."""
        return {name: group.bucket.rate for name, group in self.groups.items()}

    def group_backoffs(self) -> dict[str, int]:
        return {name: group.backoffs for name, group in self.groups.items() if group.backoffs}

    def relay_said_slow_down(self, messages_in_session: int) -> None:
        now = self.clock()
        # Several connections usually hear the same 421 together: one slow-down per second.
        if self.slowed_at is None or now - self.slowed_at >= 1.0:
            window = [t for t in self.recent if t > now - 5.0]
            span = max(now - window[0], 0.2) if window else 1.0
            observed = max(len(window) / span, 1.0)
            current = self.overall.rate if self.overall.rate is not None else observed
            self.overall = Bucket(max(0.5, min(current, observed) / 2), now)
            self.slowed_at = now
            self.slowdowns += 1
        if messages_in_session >= 1:
            limit = self.session_limit
            self.session_limit = (
                messages_in_session if limit is None else min(limit, messages_in_session)
            )

    def _maybe_recover(self, now: float) -> None:
        # Every 10 s without a 421, a quarter faster; back to the configured limit at last.
        if self.slowed_at is None or now - self.slowed_at < 10.0:
            return
        assert self.overall.rate is not None
        faster = self.overall.rate * 1.25
        ceiling = self.settings.max_rate
        if ceiling is not None and faster >= ceiling:
            self.overall, self.slowed_at = Bucket(ceiling, now), None
        elif ceiling is None and faster > UNLIMITED_AGAIN:
            self.overall, self.slowed_at = Bucket(None, now), None
        else:
            self.overall = Bucket(faster, now)
            self.slowed_at = now

    @property
    def overall_rate(self) -> float | None:
        return self.overall.rate
