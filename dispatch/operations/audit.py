"""The audit log as staff read it: search, verify the hash chain, export to .xlsx or CSV."""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

from dispatch.base.clock import TOKYO, from_iso
from dispatch.base.spreadsheet import write_csv, write_xlsx
from dispatch.operations.declare import operation
from dispatch.operations.session import Session
from dispatch.records.accounts import (
    Permission,
)
from dispatch.records.audit import AuditEntry, AuditQuery, VerifyReport
from dispatch.records.audit_anchors import verify_outside_in

log = logging.getLogger(__name__)


AUDIT_HEADERS = ("番号 (seq)", "日時 (日本時間 JST)", "実行者 (actor)", "操作 (action)",
                 "対象 (target)", "結果 (outcome)", "詳細 (detail)")  # fmt: skip


def _tokyo(stamp: str) -> str:
    """The entry's time in Tokyo time, as on the screen (a UTC column was a 9-hour trap in an
    incident report)."""
    return from_iso(stamp).astimezone(TOKYO).strftime("%Y-%m-%d %H:%M:%S")


def _detail_text(detail: Any) -> str:
    return json.dumps(detail, ensure_ascii=False, sort_keys=True) if detail else ""


@operation(Permission.READ_AUDIT, "audit.search")
def search_audit(session: Session, query: AuditQuery) -> list[AuditEntry]:
    return session.audit_log.search(query)


@operation(Permission.READ_AUDIT, "audit.verify")
def verify_audit(session: Session, anchors_file: Path | None = None) -> VerifyReport:
    """Check the chain against the key file's public keys and the anchors outside the store
    (``anchors_file``: the machine folder's unless given)."""
    report = verify_outside_in(
        session.connection, session.store.data_dir, session.clock, anchors_file
    )
    session.audit_log.append(
        session.account.name,
        "audit.verify",
        outcome="ok" if report.ok else "problems found",
        detail={
            "checked": report.checked,
            "problems": len(report.problems),
            "signed": report.signed,
            "anchors": report.anchors,
        },
    )
    return report


@operation(Permission.EXPORT_AUDIT, "audit.export")
def export_audit(
    session: Session, query: AuditQuery, *, xlsx: Path | None = None, csv: Path | None = None
) -> int:
    entries = session.audit_log.search(query)
    rows = [
        (e.seq, _tokyo(e.at), e.actor, e.action, e.target, e.outcome, _detail_text(e.detail))
        for e in entries
    ]
    if xlsx is not None:
        write_xlsx(xlsx, "監査ログ Audit log", AUDIT_HEADERS, rows)
    if csv is not None:
        write_csv(csv, AUDIT_HEADERS, rows)
    session.audit_log.append(
        session.account.name,
        "audit.export",
        detail={"rows": len(rows), "formats": [p.suffix for p in (xlsx, csv) if p]},
    )
    return len(rows)
