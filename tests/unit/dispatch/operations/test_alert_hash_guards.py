"""The two-person rule has no side door: what goes out is exactly what the approver approved.

Real SQLCipher store, two real duty officers on their own connections. The interleaving is
forced (not timed): the second officer's edit lands right after the approver's last check and
before the approval is written.
"""

from __future__ import annotations

import json

import pytest

from dispatch.base.errors import Conflict
from dispatch.operations import manual_alert_sending as sending
from dispatch.operations import manual_alerts as ma
from dispatch.operations.session import Session
from dispatch.records.audit import AuditQuery
from dispatch.records.dispatch_log import DispatchLog
from dispatch.records.manual_alerts import ManualAlertRepository, content_hash
from dispatch.store.database import transaction
from tests.unit.dispatch.conftest import Office
from tests.unit.dispatch.operations.test_manual_alerts import draft

CHANGED = {"ja": ma.AlertText("【新宿区】避難所を閉鎖しました", "戸山小学校を閉鎖しました。")}


def test_a_change_between_the_approvers_check_and_the_approval_is_refused(
    office: Office,
    duty: Session,
    duty2: Session,
    residents: list[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    alert = ma.submit(duty, ma.compose(duty, draft()).alert.id)
    real_stored_hash = ManualAlertRepository.stored_hash
    interleaved: list[int] = []

    def then_the_author_edits(repo: ManualAlertRepository, alert_id: int) -> str:
        seen = real_stored_hash(repo, alert_id)
        if not interleaved:  # once: the author rewrites and resubmits on their own connection
            interleaved.append(alert_id)
            ma.edit(duty, alert_id, draft(texts=CHANGED))
            ma.submit(duty, alert_id)
        return seen

    monkeypatch.setattr(ManualAlertRepository, "stored_hash", then_the_author_edits)
    with pytest.raises(Conflict, match="changed while you were approving"):
        sending.approve(duty2, alert.id, seen_hash=alert.content_hash, seen_count=4)
    monkeypatch.undo()
    assert interleaved == [alert.id]
    now = ManualAlertRepository(office.admin.connection).get(alert.id)
    assert now.status is ma.AlertStatus.SUBMITTED and now.approver is None
    assert now.approved_hash is None and now.texts["ja"] == CHANGED["ja"]
    with pytest.raises(Conflict, match="approved"):
        sending.send(duty2, alert.id)
    assert DispatchLog(office.admin.connection).summary(1) is None  # nothing was queued
    approvals = office.admin.audit_log.search(AuditQuery(action="alert.approve"))
    assert [e for e in approvals if e.outcome == "ok"] == []


def rewrite_behind_the_approval(session: Session, alert_id: int) -> None:
    """What a careless or dishonest insider with the store open does: new text and a
    matching ``content_hash`` column, the status left as approved."""
    repo = ManualAlertRepository(session.connection)
    alert = repo.get(alert_id)
    digest = content_hash(
        alert.category, CHANGED, alert.audience, None, alert.send_at, alert.correction_of
    )
    content = json.dumps({k: {"subject": v.subject, "body": v.body} for k, v in CHANGED.items()})
    with transaction(session.connection):
        session.connection.execute(
            "UPDATE manual_alerts SET content = ?, languages = '[\"ja\"]', content_hash = ? "
            "WHERE id = ?",
            (content, digest, alert_id),
        )


def test_send_refuses_content_other_than_the_approved_one(
    office: Office, duty: Session, duty2: Session, residents: list[str]
) -> None:
    alert = ma.submit(duty, ma.compose(duty, draft()).alert.id)
    approved = sending.approve(duty2, alert.id, seen_hash=alert.content_hash, seen_count=4)
    assert approved.status is ma.AlertStatus.APPROVED
    rewrite_behind_the_approval(office.admin, alert.id)
    with pytest.raises(Conflict, match="content its approver approved"):
        sending.send(duty, alert.id)
    after = ManualAlertRepository(office.admin.connection).get(alert.id)
    assert after.status is ma.AlertStatus.APPROVED and after.dispatch_id is None
    assert DispatchLog(office.admin.connection).summary(1) is None  # nothing was queued
    sends = office.admin.audit_log.search(AuditQuery(action="alert.send"))
    assert [e for e in sends if e.outcome == "ok"] == []
