"""Per-carrier pacing: how fast mail toward each group of domains may go.

Token buckets per :class:`~dispatch.mail.smtp.settings.DomainPolicy` and an overall one that a
relay's ``421`` halves (and that recovers slowly, AIMD), so an alert burst is not taken for spam
by the carriers; :func:`group_for_batches` cuts batch-mode envelopes along the same policies.
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


class Pace:
    """Per-domain buckets and the overall one that a relay's 421 turns down (AIMD)."""

    def __init__(self, settings: SmtpSettings, clock: Callable[[], float]) -> None:
        self.settings = settings
        self.clock = clock
        now = clock()
        self.domains = {
            p.name: Bucket(p.rate, now) for p in (*settings.domain_policies, settings.other_domains)
        }
        self.overall = Bucket(settings.max_rate, now)
        self.recent: collections.deque[float] = collections.deque(maxlen=512)
        self.slowed_at: float | None = None
        #: Messages per session after which the relay said 421, learned (None: unknown).
        self.session_limit: int | None = settings.max_messages_per_connection
        self.slowdowns = 0

    def ready_at(self, policy: str, now: float) -> float:
        self._maybe_recover(now)
        return max(self.domains[policy].ready_at(now), self.overall.ready_at(now))

    def take(self, policy: str, recipients: int, now: float) -> None:
        self.domains[policy].take(recipients, now)
        self.overall.take(1, now)
        self.recent.append(now)

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
        elif ceiling is None and faster > 2000:
            self.overall, self.slowed_at = Bucket(None, now), None
        else:
            self.overall = Bucket(faster, now)
            self.slowed_at = now

    @property
    def overall_rate(self) -> float | None:
        return self.overall.rate
