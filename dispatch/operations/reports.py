"""The handling report (個人情報の取扱い状況報告) the ward asks for at its yearly audit (R4.9).

001 特記事項 13–17: designated handlers are reported, and the handling of personal data is
reported on request and audited at least once a year. ``kishomail report handling`` gathers,
for a period: the designated handlers (accounts and roles) and every change to them; exports of
personal data and who made them; manual alerts with author and approver; erasures; failed
logins and lockouts; backups and restores; and the result of verifying the audit chain. It is
built from the accounts table, the manual alerts and the audit log only — no address appears.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from dispatch.base.clock import TOKYO, from_iso, to_iso
from dispatch.base.errors import ValidationError
from dispatch.base.pdf import write_text_pdf
from dispatch.operations.declare import operation
from dispatch.operations.session import Session
from dispatch.operations.statistics import Table
from dispatch.records.accounts import AccountRepository, Permission
from dispatch.records.audit import AuditQuery
from dispatch.records.audit_anchors import verify_outside_in
from dispatch.store.vault import FREE_ATTEMPTS

ROLE_JA = {
    "administrator": "管理者（取扱責任者）",
    "operator": "運用担当（取扱者）",
    "duty_officer": "当直（取扱者）",
    "auditor": "監査",
}


@dataclass(frozen=True)
class HandlingReport:
    period_from: date
    period_to: date
    generated_at: str
    generated_by: str
    audit_ok: bool
    audit_checked: int
    audit_problems: tuple[str, ...]
    audit_head: str
    tables: list[Table]

    @property
    def period_text(self) -> str:
        return f"{self.period_from.isoformat()} ～ {self.period_to.isoformat()}"

    def as_dict(self) -> dict[str, Any]:
        return {
            "period": [self.period_from.isoformat(), self.period_to.isoformat()],
            "generated_at": self.generated_at,
            "generated_by": self.generated_by,
            "audit_chain": {
                "ok": self.audit_ok,
                "checked": self.audit_checked,
                "problems": list(self.audit_problems),
                "head": self.audit_head,
            },
            "tables": [t.as_dict() for t in self.tables],
        }


def _local(stamp: str | None) -> str:
    return from_iso(stamp).astimezone(TOKYO).strftime("%Y-%m-%d %H:%M") if stamp else ""


def _detail(detail: Any, *keys: str) -> str:
    if not detail:
        return ""
    picked = {k: detail[k] for k in keys if k in detail} if keys else dict(detail)
    return json.dumps(picked, ensure_ascii=False, sort_keys=True) if picked else ""


@operation(Permission.READ_AUDIT, "report.handling")
def handling_report(session: Session, since: date, until: date) -> HandlingReport:
    if since > until:
        raise ValidationError("--from is after --to; swap them.")
    low = datetime.combine(since, time(), TOKYO)
    high = datetime.combine(until + timedelta(days=1), time(), TOKYO)
    log = session.audit_log

    def entries(action: str) -> list[Any]:
        return log.search(AuditQuery(since=low, until=high, action=action))

    tables = []
    accounts = AccountRepository(session.connection).list()
    tables.append(
        Table(
            "取扱責任者・取扱者（アカウント）",
            ("アカウント", "氏名", "役割", "有効", "二要素認証", "作成", "無効化"),
            [
                (
                    a.name,
                    a.display_name,
                    ROLE_JA.get(str(a.role), str(a.role)),
                    "有効" if a.active else "無効",
                    "あり" if a.totp_enabled else "なし",
                    _local(a.created_at),
                    _local(a.deactivated_at),
                )
                for a in accounts
            ],
        )
    )
    changes = [e for e in entries("account") if e.outcome == "ok"]
    tables.append(
        Table(
            "アカウントの変更",
            ("日時", "実行者", "操作", "対象", "内容"),
            [
                (_local(e.at), e.actor, e.action, e.target, _detail(e.detail, "role", "old", "new"))
                for e in changes
            ],
        )
    )
    exports = entries("subscriber.export") + entries("audit.export") + entries("statistics.export")
    exports.sort(key=lambda e: e.seq)
    tables.append(
        Table(
            "個人情報等の持出し（エクスポート）",
            ("日時", "実行者", "操作", "件数", "内容"),
            [
                (
                    _local(e.at),
                    e.actor,
                    e.action,
                    e.detail.get("rows", ""),
                    _detail(e.detail, "file", "files", "formats", "approver", "reason", "sha256"),
                )
                for e in exports
            ],
        )
    )
    manual = session.connection.execute(
        "SELECT id, status, category, content, author, approver, approved_at, emergency, sent_by, "
        "sent_at, dispatch_id, content_hash, created_at FROM manual_alerts "
        "WHERE created_at >= ? AND created_at < ? ORDER BY id",
        (to_iso(low), to_iso(high)),
    ).fetchall()
    rows = []
    for r in manual:
        total = None
        if r[10] is not None:
            found = session.connection.execute(
                "SELECT total FROM dispatches WHERE id = ?", (r[10],)
            ).fetchone()
            total = found[0] if found else None
        subject = json.loads(r[3]).get("ja", {}).get("subject", "")
        rows.append(
            (
                r[0],
                subject,
                r[1],
                r[4],
                r[5] or ("（緊急・単独送信）" if r[7] else ""),
                _local(r[6]),
                "緊急単独" if r[7] else "二人確認",
                r[8] or "",
                _local(r[9]),
                total if total is not None else "",
                r[11][:16],
            )
        )
    tables.append(
        Table(
            "手動配信（作成者・承認者）",
            (
                "番号",
                "件名",
                "状態",
                "作成者",
                "承認者",
                "承認日時",
                "確認",
                "送信者",
                "送信日時",
                "宛先数",
                "内容ハッシュ",
            ),
            rows,
        )
    )
    erasures = session.connection.execute(
        "SELECT substr(erased_at, 1, 7), reason, count(*) FROM erasures "
        "WHERE erased_at >= ? AND erased_at < ? GROUP BY 1, 2 ORDER BY 1, 2",
        (to_iso(low), to_iso(high)),
    ).fetchall()
    tables.append(Table("登録者の消去", ("月 (UTC)", "理由", "件数"), [tuple(r) for r in erasures]))
    certificates = session.connection.execute(
        "SELECT id, erased_at, actor, counts FROM erasure_certificates "
        "WHERE erased_at >= ? AND erased_at < ? ORDER BY id",
        (to_iso(low), to_iso(high)),
    ).fetchall()
    tables.append(
        Table(
            "消去証明書",
            ("番号", "日時", "実施者", "件数"),
            [(r[0], _local(r[1]), r[2], r[3]) for r in certificates],
        )
    )
    failed = [e for e in entries("login") if e.outcome != "ok" or e.action == "login.failed"]
    tables.append(
        Table(
            "ログイン失敗・ロック",
            ("日時", "アカウント", "内容", "失敗回数", "ロック"),
            [
                (
                    _local(e.at),
                    e.actor,
                    e.outcome,
                    e.detail.get("failed_logins_before_this_one", 1),
                    "ロックあり"
                    if int(e.detail.get("failed_logins_before_this_one", 1)) >= FREE_ATTEMPTS
                    else "",
                )
                for e in failed
            ],
        )
    )
    denied = [
        e for e in log.search(AuditQuery(since=low, until=high)) if e.outcome.startswith("denied")
    ]
    tables.append(
        Table(
            "権限外の操作（拒否）",
            ("日時", "実行者", "操作", "対象", "結果"),
            [(_local(e.at), e.actor, e.action, e.target, e.outcome) for e in denied],
        )
    )
    backups = entries("backup")
    tables.append(
        Table(
            "バックアップ・復元",
            ("日時", "実行者", "操作", "対象", "結果"),
            [(_local(e.at), e.actor, e.action, e.target, e.outcome) for e in backups],
        )
    )
    verify = verify_outside_in(session.connection, session.store.data_dir, session.clock)
    report = HandlingReport(
        since,
        until,
        session.clock.now().astimezone(TOKYO).strftime("%Y-%m-%d %H:%M"),
        session.account.name,
        verify.ok,
        verify.checked,
        verify.problems,
        verify.head_hash,
        tables,
    )
    log.append(
        session.account.name,
        "report.handling",
        outcome="ok" if verify.ok else "audit chain problems",
        detail={"from": since.isoformat(), "to": until.isoformat(), "audit_ok": verify.ok},
    )
    return report


def report_text(report: HandlingReport) -> str:
    lines = [
        "個人情報の取扱い状況報告書 / Report on the handling of personal data",
        f"期間 / Period: {report.period_text}",
        f"作成 / Made: {report.generated_at} {report.generated_by}",
        "",
        "監査ログの検証 / Audit chain: "
        + (
            f"正常 OK（{report.audit_checked} 件）"
            if report.audit_ok
            else f"問題あり PROBLEMS: {'; '.join(report.audit_problems)}"
        ),
        f"  先頭ハッシュ / head: {report.audit_head}",
    ]
    for table in report.tables:
        lines += ["", f"■ {table.title}（{len(table.rows)} 件）", "  " + " | ".join(table.headers)]
        lines += ["  " + " | ".join(str(v) for v in row) for row in table.rows] or ["  （なし）"]
    return "\n".join(lines)


def write_report_xlsx(path: Path, report: HandlingReport) -> None:
    workbook = Workbook()
    first = workbook.active
    assert first is not None
    first.title = "概要"
    first["A1"] = f"個人情報の取扱い状況報告書（期間: {report.period_text}）"
    first["A1"].font = Font(bold=True, size=14)
    first.append([])
    first.append(["作成日時", report.generated_at])
    first.append(["作成者", report.generated_by])
    first.append(["監査ログの検証", "正常" if report.audit_ok else "問題あり"])
    first.append(["検証した件数", report.audit_checked])
    first.append(["先頭ハッシュ", report.audit_head])
    for problem in report.audit_problems:
        first.append(["問題", problem])
    first.append([])
    for table in report.tables:
        first.append([table.title, len(table.rows)])
    first.column_dimensions["A"].width = 36
    first.column_dimensions["B"].width = 70
    fill = PatternFill("solid", fgColor="DDEBF7")
    for table in report.tables:
        sheet = workbook.create_sheet(table.title[:31].replace("/", "・"))
        sheet["A1"] = f"{table.title}（期間: {report.period_text}）"
        sheet["A1"].font = Font(bold=True, size=13)
        sheet.append(list(table.headers))
        for cell in sheet[2]:
            cell.font = Font(bold=True)
            cell.fill = fill
            cell.alignment = Alignment(wrap_text=True)
        for row in table.rows:
            sheet.append(list(row))
            for cell in sheet[sheet.max_row]:
                if isinstance(cell.value, str):
                    cell.data_type = "s"
        for column in range(1, len(table.headers) + 1):
            sheet.column_dimensions[get_column_letter(column)].width = 20
        sheet.freeze_panes = "A3"
    workbook.save(path)


def write_report_pdf(path: Path, report: HandlingReport) -> None:
    write_text_pdf(path, report_text(report), title="個人情報の取扱い状況報告書")
