"""Sign-ups never confirmed are erased after 72 hours: an erasure record is left and the audit
log says so, never with the address."""

from __future__ import annotations

import pytest

from dispatch.records.subscribers import Status
from tests.registration.conftest import Portal
from tests.registration.test_pages_in_chromium import add_active, sign_up

pytestmark = pytest.mark.slow


def purge(portal: Portal) -> int:
    registrations = portal.service.registrations
    return portal.service.runtime.worker.call(registrations.purge_unconfirmed)


def test_an_unconfirmed_sign_up_is_erased_after_72_hours_with_a_record_and_no_address(
    portal: Portal,
) -> None:
    add_active(portal, "confirmed.long.ago@example.jp")
    with portal.client() as client:
        assert sign_up(client, "never.clicked@example.jp").status_code == 200
    link = portal.link_in(portal.wait_mails("never.clicked@example.jp", 1)[0], "confirm")
    pending = portal.subscriber("never.clicked@example.jp")
    assert pending is not None and pending.status is Status.PENDING

    portal.clock.advance(hours=71)
    assert purge(portal) == 0  # still within the 72 hours
    assert portal.subscriber("never.clicked@example.jp") is not None

    portal.clock.advance(hours=2)
    assert purge(portal) == 1
    assert portal.subscriber("never.clicked@example.jp") is None
    active = portal.subscriber("confirmed.long.ago@example.jp")
    assert active is not None and active.status is Status.ACTIVE  # only pending entries go
    assert purge(portal) == 0

    connection = portal.admin.connection
    (record,) = connection.execute(
        "SELECT subscriber_id, actor, reason, subscribed_since FROM erasures"
    ).fetchall()
    assert record[:3] == (pending.id, "registration", "never confirmed")
    assert record[3] == pending.created_at
    audited = connection.execute(
        "SELECT actor, target FROM audit_log WHERE action = 'registration.purge'"
    ).fetchall()
    assert audited == [("registration", f"subscriber:{pending.id}")]
    for row in connection.execute("SELECT actor, action, target, detail FROM audit_log"):
        assert "never.clicked" not in " ".join(row) and "@" not in " ".join(row)

    # The link in the mail leads nowhere now.
    with portal.client() as client:
        answer = client.get(link)
    assert answer.status_code == 400 and "このリンクは使えません" in answer.text
    assert portal.subscriber("never.clicked@example.jp") is None
