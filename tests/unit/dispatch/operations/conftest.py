"""Fixtures shared by the operations' tests: two duty officers and a few residents."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from dispatch.base.vocabulary import Language
from dispatch.operations import accounts as account_ops
from dispatch.operations import subscribers as subscriber_ops
from dispatch.operations.session import Session
from dispatch.records.accounts import Role
from dispatch.records.subscribers import NewSubscriber, RiverStage, Topics, WarningLevel
from tests.unit.dispatch.conftest import Office

DUTY2_PASSWORD = "duty2-password-1"


@pytest.fixture
def duty(office: Office) -> Iterator[Session]:
    session = office.duty()
    yield session
    session.close()


@pytest.fixture
def duty2(office: Office) -> Iterator[Session]:
    account_ops.add_account(office.admin, "duty2", Role.DUTY_OFFICER, DUTY2_PASSWORD)
    session = office.login("duty2", DUTY2_PASSWORD)
    yield session
    session.close()


@pytest.fixture
def residents(office: Office) -> list[str]:
    operator = office.operator()
    people = [
        ("a@example.jp", Topics(warning_level=WarningLevel.WARNING), Language.JA),
        ("b@example.jp", Topics(rain_mm=30), Language.EN),
        ("c@example.jp", Topics(warning_level=WarningLevel.WARNING, rain_mm=20), Language.JA),
        ("d@example.jp", Topics(river_stage=RiverStage.EVACUATION), Language.EASY_JA),
    ]
    for address, topics, language in people:
        subscriber_ops.add_subscriber(
            operator, NewSubscriber(address, topics, office.clock.now(), language)
        )
    gone = subscriber_ops.add_subscriber(
        operator, NewSubscriber("gone@example.jp", Topics(rain_mm=10), office.clock.now())
    )
    subscriber_ops.unsubscribe(operator, gone.id)
    operator.close()
    return [p[0] for p in people]
