"""Counting bounces: hard ones suspend after N within the window (or at once for an unknown
user), soft ones never; a bounce that is not a real reply to one of our deliveries is forged."""

from __future__ import annotations

from dispatch.base.clock import FixedClock
from dispatch.mail.bounces import Bounce, Failure
from dispatch.operations import subscribers as subscriber_ops
from dispatch.operations.session import Session
from dispatch.records.bounces import BounceBook, BounceRules, bounce_rules
from dispatch.records.subscribers import NewSubscriber, Topics, WarningLevel
from dispatch.store.database import transaction
from tests.unit.dispatch.conftest import Office

ADDRESS = "taro@docomo.ne.jp"


def delivered(session: Session, clock: FixedClock, subscriber_id: int, token: str) -> None:
    """One dispatch whose delivery to the subscriber was accepted, with bounce token ``token``."""
    connection = session.connection
    with transaction(connection):
        dispatch_id = connection.execute(
            "INSERT INTO dispatches (kind, subject, mode, status, created_at, sent, total) "
            "VALUES ('alert', 'alert', 'individual', 'done', ?, 1, 1)",
            (clock.now().isoformat(),),
        ).lastrowid
        connection.execute(
            "INSERT INTO deliveries (dispatch_id, subscriber_id, language, charset, message_id, "
            "state, next_attempt_at, bounce_token) VALUES (?, ?, 'ja', 'utf-8', ?, 'sent', ?, ?)",
            (dispatch_id, subscriber_id, f"<m{token}@x.jp>", clock.now().isoformat(), token),
        )


def take(session: Session, clock: FixedClock, token: str, status: str, rules: BounceRules) -> str:
    bounce = Bounce((token,), (Failure(ADDRESS, status),), "dsn")
    with transaction(session.connection):
        return BounceBook(session.connection, clock).take(bounce, rules).outcome


def status(session: Session) -> str:
    row = session.connection.execute(
        "SELECT status FROM subscribers WHERE email = ?", (ADDRESS,)
    ).fetchone()
    return str(row[0])


def subscriber(office: Office) -> tuple[Session, int]:
    session = office.operator()
    topics = Topics(warning_level=WarningLevel.WARNING)
    added = subscriber_ops.add_subscriber(
        session, NewSubscriber(ADDRESS, topics, office.clock.now())
    )
    return session, added.id


def test_three_hard_bounces_within_the_window_suspend_older_ones_do_not_count(
    office: Office,
) -> None:
    session, sid = subscriber(office)
    clock = office.clock
    rules = bounce_rules(session.connection)  # the defaults: 3 within 30 days
    assert (rules.suspend_after, rules.window_days) == (3, 30)
    for n in range(3):  # days 0, 20 and 40: never 3 within 30 days
        if n:
            clock.advance(days=20)
        token = f"{n:024x}"
        delivered(session, clock, sid, token)
        assert take(session, clock, token, "5.2.1", rules) == "hard"  # mailbox disabled
    assert status(session) == "active"
    delivered(session, clock, sid, "a" * 24)  # day 40 again: days 20, 40, 40
    assert take(session, clock, "a" * 24, "5.2.1", rules) == "hard"
    assert status(session) == "suspended"  # 3 within the last 30 days


def test_an_unknown_user_suspends_at_once_unless_the_setting_says_otherwise(
    office: Office,
) -> None:
    session, sid = subscriber(office)
    clock = office.clock
    patient = BounceRules(suspend_after=3, unknown_user_at_once=False)
    delivered(session, clock, sid, "b" * 24)
    take(session, clock, "b" * 24, "5.1.1", patient)
    assert status(session) == "active"
    delivered(session, clock, sid, "c" * 24)
    take(session, clock, "c" * 24, "5.1.1", BounceRules())
    assert status(session) == "suspended"


def test_soft_bounces_never_suspend_and_forged_ones_change_nothing(office: Office) -> None:
    session, sid = subscriber(office)
    clock = office.clock
    rules = BounceRules(suspend_after=1)
    for n in range(5):
        token = f"{n + 16:024x}"
        delivered(session, clock, sid, token)
        assert take(session, clock, token, "4.2.2", rules) in ("retry", "soft")
    assert status(session) == "active"
    # A token never issued; two tokens; a recipient not of that delivery; thousands claimed.
    delivered(session, clock, sid, "d" * 24)
    forged = [
        Bounce(("e" * 24,), (Failure(ADDRESS, "5.1.1"),), "dsn"),
        Bounce(("d" * 24, "f" * 24), (Failure(ADDRESS, "5.1.1"),), "dsn"),
        Bounce(("d" * 24,), (Failure("hanako@docomo.ne.jp", "5.1.1"),), "dsn"),
        Bounce(("d" * 24,), (), "dsn", too_many=True),
    ]
    with transaction(session.connection):
        book = BounceBook(session.connection, clock)
        assert [book.take(b, rules).outcome for b in forged] == ["forged"] * 4
    assert status(session) == "active"
    hard = session.connection.execute("SELECT count(*) FROM bounces WHERE kind = 'hard'")
    assert hard.fetchone() == (0,)
