"""Subscribers: strict addresses, topics and choices, erasure, search, counts, audiences."""

from __future__ import annotations

import pytest

from dispatch.base.addresses import normalise_address
from dispatch.base.errors import Conflict, NotFound, ValidationError
from dispatch.base.vocabulary import Language
from dispatch.operations import subscribers as subscriber_ops
from dispatch.records.subscriber_queries import AudienceFilter, SubscriberQuery, audience_condition
from dispatch.records.subscriber_table import SubscriberRepository
from dispatch.records.subscribers import (
    Channel,
    KandaRiver,
    NewSubscriber,
    QuietHours,
    RiverStage,
    Status,
    Topics,
    WarningLevel,
)
from tests.unit.dispatch.conftest import Office


@pytest.mark.parametrize(
    ("given", "normal"),
    [
        ("Hanako.Sato@Example.JP", "hanako.sato@example.jp"),
        ("  taro@example.jp ", "taro@example.jp"),
        # Legacy carrier addresses (consecutive dots, dot before @) are still delivered.
        ("taro..yamada.@docomo.ne.jp", "taro..yamada.@docomo.ne.jp"),
        ("a+alerts@ezweb.ne.jp", "a+alerts@ezweb.ne.jp"),
        ("user@新宿.jp", "user@xn--oct34u.jp"),
        # IDNA 2008 / UTS #46 non-transitional, as mail systems resolve it today: ß is kept.
        ("taro@straße.de", "taro@xn--strae-oqa.de"),
        ("taro@STRASSE.de", "taro@strasse.de"),
        # Typed on a Japanese keyboard in full-width mode, with the ideographic full stop.
        ("ｔａｒｏ＠ｅｘａｍｐｌｅ．ｊｐ", "taro@example.jp"),
        ("Ｔａｒｏ＠新宿。jp", "taro@xn--oct34u.jp"),
    ],
)
def test_addresses_are_normalised(given: str, normal: str) -> None:
    assert normalise_address(given) == normal


@pytest.mark.parametrize(
    ("given", "reason"),
    [
        ("", "empty"),
        ("no-at-sign.example.jp", "exactly one '@'"),
        ("a@b@example.jp", "exactly one '@'"),
        ("taro@example.jp\r\nBcc: everyone@example.jp", "line break"),
        ("taro\n@example.jp", "line break"),
        ('"quoted"@example.jp', "before '@'"),
        ("たろう@example.jp", "before '@'"),
        (".taro@example.jp", "may not start with a dot"),
        ("taro@localhost", "not a valid domain"),
        ("taro@-bad-.jp", "not a valid domain"),
        ("taro@[127.0.0.1]", "not a valid domain"),
        ("taro@example.123", "top-level domain"),
        ("x" * 65 + "@example.jp", "before '@'"),
        ("taro@" + "a" * 250 + ".jp", "254"),
        # Compatibility characters other than full-width ASCII are not folded into an address.
        ("\ufb01le@example.jp", "before '@'"),  # the "fi" ligature
        ("taro@ex_ample.jp", "not a valid domain"),
    ],
)
def test_bad_addresses_are_refused_with_a_reason(given: str, reason: str) -> None:
    with pytest.raises(ValidationError, match=reason):
        normalise_address(given)


def test_strasse_and_strasse_with_sharp_s_are_two_residents(office: Office) -> None:
    repo = SubscriberRepository(office.admin.connection)
    sharp = repo.add(new(office, "taro@straße.de"), office.clock.now())
    double_s = repo.add(new(office, "taro@strasse.de"), office.clock.now())
    assert sharp != double_s
    assert repo.get(sharp).email == "taro@xn--strae-oqa.de"
    assert repo.get(double_s).email == "taro@strasse.de"
    full_width = repo.add(new(office, "ｈａｎａｋｏ＠ｅｘａｍｐｌｅ．ｊｐ"), office.clock.now())
    assert repo.get(full_width).email == "hanako@example.jp"
    with pytest.raises(Conflict):
        repo.add(new(office, "hanako@example.jp"), office.clock.now())


def new(office: Office, email: str, **choices: object) -> NewSubscriber:
    topics = choices.pop("topics", Topics(warning_level=WarningLevel.WARNING))
    return NewSubscriber(email, topics, office.clock.now(), **choices)  # type: ignore[arg-type]


def test_add_change_unsubscribe_and_erase(office: Office) -> None:
    operator = office.operator()
    added = subscriber_ops.add_subscriber(
        operator,
        new(
            office,
            "Hanako@Example.jp",
            topics=Topics(rain_mm=50, kanda_rivers=KandaRiver.KANDA),
            language=Language.EASY_JA,
            quiet_hours=QuietHours.parse("22:00-06:30"),
            channel=Channel.WEB,
        ),
    )
    assert added.email == "hanako@example.jp"
    assert added.topics.names() == ["rain", "kanda"]
    assert str(added.quiet_hours) == "22:00-06:30"
    with pytest.raises(Conflict, match="already registered"):
        subscriber_ops.add_subscriber(operator, new(office, "HANAKO@example.jp"))

    office.clock.advance(minutes=5)
    changed = subscriber_ops.change_subscriber(
        operator, added.id, topics=Topics(warning_level=WarningLevel.DANGER), clear_quiet_hours=True
    )
    assert changed.topics == Topics(warning_level=WarningLevel.DANGER)
    assert changed.quiet_hours is None
    assert changed.language is Language.EASY_JA  # untouched
    assert changed.updated_at > added.updated_at

    gone = subscriber_ops.unsubscribe(operator, added.id)
    assert gone.status is Status.UNSUBSCRIBED
    assert gone.status_changed_at > added.status_changed_at

    erasure_id = subscriber_ops.delete_subscriber(operator, added.id, reason="本人の申出")
    with pytest.raises(NotFound):
        subscriber_ops.get_subscriber(operator, added.id)
    record = operator.connection.execute(
        "SELECT * FROM erasures WHERE id = ?", (erasure_id,)
    ).fetchone()
    assert added.id in record and "本人の申出" in record and "opr" in record
    assert not any("@" in str(value) for value in record)


def test_choices_are_checked(office: Office) -> None:
    with pytest.raises(ValidationError, match="at least one topic"):
        new(office, "a@example.jp", topics=Topics())
    for off_list in (0, 15, 100):  # only the offered thresholds: the tracker's bands
        with pytest.raises(ValidationError, match="one of 10, 20, 30, 50, 80 mm/h"):
            new(office, "a@example.jp", topics=Topics(rain_mm=off_list))
    with pytest.raises(ValidationError, match="22:00-06:00"):
        QuietHours.parse("late evening")
    with pytest.raises(ValidationError, match="differ"):
        QuietHours.parse("22:00-22:00")


def test_search_filters_and_counts(office: Office) -> None:
    operator = office.operator()
    subscriber_ops.add_subscriber(operator, new(office, "a1@docomo.ne.jp", language=Language.EN))
    subscriber_ops.add_subscriber(
        operator, new(office, "a2@docomo.ne.jp", topics=Topics(rain_mm=30))
    )
    subscriber_ops.add_subscriber(
        operator,
        new(office, "b1@gmail.com", topics=Topics(river_stage=RiverStage.CAUTION, rain_mm=20)),
    )
    third = subscriber_ops.find_subscriber(operator, "b1@gmail.com")
    assert third is not None
    subscriber_ops.unsubscribe(operator, third.id)

    def emails(**query: object) -> list[str]:
        wanted = SubscriberQuery(**query)  # type: ignore[arg-type]
        return [s.email for s in subscriber_ops.list_subscribers(operator, wanted)]

    assert emails(text="docomo") == ["a1@docomo.ne.jp", "a2@docomo.ne.jp"]
    assert emails(text="_") == []  # wildcards are literal
    assert emails(topic="rain") == ["a2@docomo.ne.jp", "b1@gmail.com"]
    assert emails(language=Language.EN) == ["a1@docomo.ne.jp"]
    assert emails(status=Status.UNSUBSCRIBED) == ["b1@gmail.com"]
    assert emails(limit=1, offset=1) == ["a2@docomo.ne.jp"]
    # Ordered in the store before paging, ties broken by id; only whitelisted columns.
    assert emails(sort="email", descending=True) == [
        "b1@gmail.com",
        "a2@docomo.ne.jp",
        "a1@docomo.ne.jp",
    ]
    assert emails(sort="email", descending=True, limit=1, offset=1) == ["a2@docomo.ne.jp"]
    assert emails(sort="language") == ["a1@docomo.ne.jp", "a2@docomo.ne.jp", "b1@gmail.com"]
    with pytest.raises(ValidationError, match="cannot be sorted"):
        emails(sort="email; DROP TABLE subscribers")
    assert subscriber_ops.count_by_topic(operator) == {
        "total": 2,
        "warnings": 1,
        "rain": 1,
        "river": 0,
        "kanda": 0,
    }


def test_audience_selection(office: Office) -> None:
    operator = office.operator()
    for email, topics, language in [
        ("heavy@example.jp", Topics(rain_mm=20), Language.JA),
        ("light@example.jp", Topics(rain_mm=80), Language.JA),
        ("english@example.jp", Topics(rain_mm=30), Language.EN),
        (
            "both@example.jp",
            Topics(rain_mm=10, warning_level=WarningLevel.ADVISORY),
            Language.JA,
        ),
        ("zen@example.jp", Topics(kanda_rivers=KandaRiver.ZENPUKUJI), Language.JA),
        ("special@example.jp", Topics(warning_level=WarningLevel.SPECIAL), Language.JA),
    ]:
        subscriber_ops.add_subscriber(
            operator, new(office, email, topics=topics, language=language)
        )
    quiet = subscriber_ops.find_subscriber(operator, "both@example.jp")
    repository = SubscriberRepository(operator.connection)

    def audience(**wanted: object) -> list[str]:
        chosen = AudienceFilter(**wanted)  # type: ignore[arg-type]
        emails = sorted(row[1] for row in repository.audience(chosen))
        # The staff's preview counts in the index what the engine would send to.
        assert subscriber_ops.audience_size(operator, chosen) == len(emails)
        return emails

    assert audience(rain_mm=30, languages=(Language.JA,)) == ["both@example.jp", "heavy@example.jp"]
    assert audience(rain_mm=30) == ["both@example.jp", "english@example.jp", "heavy@example.jp"]
    # A 警報 (level 3) goes to those whose minimum is 2 or 3, not to special-only subscribers.
    assert audience(warning_level=3) == ["both@example.jp"]
    assert audience(warning_level=5) == ["both@example.jp", "special@example.jp"]
    assert audience(kanda_river=KandaRiver.ZENPUKUJI) == ["zen@example.jp"]
    assert audience(kanda_river=KandaRiver.KANDA) == []
    # Matching two topics still means one row.
    assert audience(rain_mm=30, warning_level=3) == [
        "both@example.jp",
        "english@example.jp",
        "heavy@example.jp",
    ]
    assert quiet is not None
    subscriber_ops.unsubscribe(operator, quiet.id)
    assert "both@example.jp" not in audience(rain_mm=30)
    plan = operator.connection.execute(
        "EXPLAIN QUERY PLAN SELECT id FROM subscribers WHERE status = 'active' "
        "AND rain_mm IS NOT NULL AND rain_mm <= 30"
    ).fetchall()[0][3]
    assert "INDEX subscribers_rain" in plan  # no full scan for a rain alert
    # A later band of the same rain event, and JMA's rain information: the same index.
    for wanted in (AudienceFilter(rain_mm=50, rain_mm_above=30), AudienceFilter(any_rain=True)):
        condition = audience_condition(wanted)
        assert condition is not None
        where, params = condition
        plan = operator.connection.execute(
            f"EXPLAIN QUERY PLAN SELECT id FROM subscribers WHERE {where}", params
        ).fetchall()[0][3]
        assert "INDEX subscribers_rain" in plan, plan
