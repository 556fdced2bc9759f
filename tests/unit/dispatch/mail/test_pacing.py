"""Which carrier group a recipient is paced in, and how a group backs off and recovers
(:mod:`dispatch.mail.smtp.pacing`), on a clock the test moves: halved per sign, once a second at
most, never below the floor, a quarter faster per quiet period, back at its own rate at last;
the other groups untouched."""

from __future__ import annotations

from dispatch.mail.smtp import DomainPolicy, SmtpSettings
from dispatch.mail.smtp.pacing import Pace

DOCOMO = DomainPolicy("docomo", ("docomo.ne.jp",), rate=30.0)
AU = DomainPolicy("au", ("ezweb.ne.jp",), rate=30.0)


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def pace(**settings: float) -> tuple[Pace, Clock]:
    clock = Clock()
    smtp = SmtpSettings(host="relay.example.jp", domain_policies=(DOCOMO, AU), **settings)  # type: ignore[arg-type]
    return Pace(smtp, clock), clock


def test_a_group_halves_once_a_second_down_to_the_floor_and_others_keep_their_pace() -> None:
    paced, clock = pace(backoff_floor=4.0)
    assert paced.group_said_slow_down("docomo") == 15.0
    assert paced.group_said_slow_down("docomo") is None  # the same sign, heard twice
    clock.now += 1.0
    assert paced.group_said_slow_down("docomo") == 7.5
    clock.now += 1.0
    assert paced.group_said_slow_down("docomo") == 4.0  # the floor
    clock.now += 1.0
    assert paced.group_said_slow_down("docomo") == 4.0
    assert paced.group_rates()["au"] == 30.0
    assert paced.group_said_slow_down("other") is None  # unrelated domains do not back off
    assert paced.group_rates()["other"] is None
    assert paced.group_backoffs() == {"docomo": 4}


def test_a_slowed_group_recovers_by_a_quarter_per_quiet_period_up_to_its_rate() -> None:
    paced, clock = pace(backoff_floor=1.0, backoff_recover=60.0)
    paced.group_said_slow_down("docomo")
    rates = []
    for _ in range(5):
        clock.now += 59.0
        paced.ready_at("docomo", clock.now)
        rates.append(paced.group_rates()["docomo"])  # not yet quiet long enough
        clock.now += 1.0
        paced.ready_at("docomo", clock.now)
        rates.append(paced.group_rates()["docomo"])
    assert rates == [15.0, 18.75, 18.75, 23.4375, 23.4375, 29.296875, 29.296875, 30.0, 30.0, 30.0]


def test_a_slowed_group_waits_for_its_slower_pace() -> None:
    paced, clock = pace(backoff_floor=1.0)
    paced.take("docomo", 31, clock.now)  # a burst: the bucket owes one recipient
    assert round(paced.ready_at("docomo", clock.now) - clock.now, 6) == round(1 / 30, 6)
    paced.group_said_slow_down("docomo")
    # The debt is paid back at the new pace.
    assert round(paced.ready_at("docomo", clock.now) - clock.now, 6) == round(1 / 15, 6)
    assert paced.ready_at("au", clock.now) == clock.now


def test_a_recipient_is_paced_in_the_first_group_listing_its_domain_or_a_parent_of_it() -> None:
    settings = SmtpSettings(
        host="relay.example.jp",
        domain_policies=(
            DomainPolicy("phones", ("docomo.ne.jp", "ne.jp"), rate=30.0),
            DomainPolicy("narrow", ("docomo.ne.jp", "sub.ezweb.ne.jp"), rate=10.0),
            DomainPolicy("gmail", ("gmail.com",), rate=50.0),
        ),
    )
    expected = {
        "taro@docomo.ne.jp": "phones",
        "taro@mail.DOCOMO.ne.jp": "phones",  # a sub-domain, in any case
        # "narrow" lists the nearer parent, but "phones" comes first and lists ne.jp.
        "hanako@x.sub.ezweb.ne.jp": "phones",
        "jiro@gmail.com": "gmail",
        "jiro@notgmail.com": "other",  # a name that only ends like the domain
        "saburo@gmail.com.example.jp": "other",
        "shiro@example.jp": "other",
    }
    assert {r: settings.policy_for(r).name for r in expected} == expected
    for recipient in expected:  # the same group as asking each group in turn
        domain = recipient.rpartition("@")[2].lower()
        in_turn = next(
            (
                p
                for p in settings.domain_policies
                if any(domain == d or domain.endswith("." + d) for d in p.domains)
            ),
            settings.other_domains,
        )
        assert settings.policy_for(recipient) is in_turn
