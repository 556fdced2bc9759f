"""The second officer at the same workstation (issue 14, point 4): officer B approves in place,
as themselves, while officer A stays logged in."""

from __future__ import annotations

import pytest

from dispatch.base.errors import (
    PermissionDenied,
    TotpRequired,
    ValidationError,
    WrongCredentials,
)
from dispatch.operations import accounts as account_ops
from dispatch.operations import manual_alert_sending as sending
from dispatch.operations import manual_alerts as ma
from dispatch.operations import settings as setting_ops
from dispatch.operations.session import Session, second_officer
from dispatch.records.accounts import totp_code
from dispatch.records.audit import AuditQuery
from dispatch.store import vault
from tests.unit.dispatch.conftest import DUTY_PASSWORD, Office
from tests.unit.dispatch.operations.conftest import DUTY2_PASSWORD
from tests.unit.dispatch.operations.test_manual_alerts import draft


def _submitted(duty: Session) -> ma.ManualAlert:
    return ma.submit(duty, ma.compose(duty, draft()).alert.id)


def _signing_actor(office: Office, action: str) -> list[tuple[str, str]]:
    """(entry actor, actor of the key that signed it) for each entry of ``action``."""
    rows = office.admin.connection.execute(
        "SELECT a.actor, k.actor FROM audit_log a JOIN audit_keys k ON k.key_id = a.signer "
        "WHERE a.action = ? ORDER BY a.seq",
        (action,),
    )
    return [(row[0], row[1]) for row in rows]


def test_the_second_officer_approves_in_place_as_themselves(
    office: Office, duty: Session, duty2: Session, residents: list[str]
) -> None:
    alert = _submitted(duty)
    preview = ma.preview(duty, alert.id)  # what the screen shows both officers
    with second_officer(duty, "duty2", DUTY2_PASSWORD) as guest:
        approved = sending.approve(
            guest, alert.id, seen_hash=alert.content_hash, seen_count=preview.audience_count
        )
    assert (approved.status, approved.approver) == (ma.AlertStatus.APPROVED, "duty2")
    # B's own key signed B's entries: the host could not have made them.
    assert _signing_actor(office, "alert.approve") == [("duty2", "duty2")]
    assert _signing_actor(office, "login.in_place") == [("duty2", "duty2")]
    entry = office.admin.audit_log.search(AuditQuery(action="login.in_place"))[-1]
    assert entry.detail == {"at_the_workstation_of": "duty"}
    # The host is still logged in and goes on working: nobody was logged out.
    assert ma.get_alert(duty, alert.id).approver == "duty2"
    sent = sending.send(duty, alert.id)
    assert sent.dispatch_id is not None


def test_the_author_cannot_approve_by_typing_their_own_account(
    office: Office, duty: Session, residents: list[str]
) -> None:
    alert = _submitted(duty)
    with pytest.raises(ValidationError, match="their own account"):
        with second_officer(duty, "duty", DUTY_PASSWORD):
            pass  # pragma: no cover - refused before
    # …nor through a second session of their own (the core's two-person rule).
    with second_officer(office.admin, "duty", DUTY_PASSWORD) as same_author:
        with pytest.raises(PermissionDenied, match="second duty officer"):
            sending.approve(same_author, alert.id)
    assert ma.get_alert(duty, alert.id).status is ma.AlertStatus.SUBMITTED


def test_a_wrong_password_approves_nothing_and_counts_towards_the_lock(
    office: Office, duty: Session, duty2: Session, residents: list[str]
) -> None:
    alert = _submitted(duty)
    with pytest.raises(WrongCredentials):
        with second_officer(duty, "duty2", "not-the-password"):
            pass  # pragma: no cover - refused before
    assert vault.load_keyfile(office.data_dir).account("duty2").failed_attempts == 1
    assert ma.get_alert(duty, alert.id).status is ma.AlertStatus.SUBMITTED


def test_an_enrolled_second_officer_needs_their_totp_code(
    office: Office, duty: Session, duty2: Session, residents: list[str]
) -> None:
    uri = account_ops.start_totp(duty2)
    account_ops.confirm_totp(duty2, totp_code(uri, office.clock.now()))
    office.clock.advance(seconds=31)  # a code is used once: the next one
    alert = _submitted(duty)
    with pytest.raises(TotpRequired):
        with second_officer(duty, "duty2", DUTY2_PASSWORD):
            pass  # pragma: no cover - refused before
    code = totp_code(uri, office.clock.now())
    with second_officer(duty, "duty2", DUTY2_PASSWORD, code) as guest:
        sending.approve(guest, alert.id)
    assert ma.get_alert(duty, alert.id).approver == "duty2"


def test_the_emergency_path_confirms_whoever_decides_even_the_officer_logged_in(
    office: Office, duty: Session, residents: list[str]
) -> None:
    setting_ops.change_setting(office.admin, "alerts.single_person_emergency", True)
    alert = ma.compose(duty, draft()).alert
    with second_officer(duty, "duty", DUTY_PASSWORD, may_be_host=True) as person:
        sent = sending.send(person, alert.id, emergency=True)
    assert sent.dispatch_id is not None and sent.emergency
    assert _signing_actor(office, "alert.emergency_send") == [("duty", "duty")]
