"""The handling report for the ward's yearly audit, and the alert workflow on the CLI."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from dispatch.base.errors import PermissionDenied, WrongCredentials
from dispatch.operations import accounts as account_ops
from dispatch.operations import audit as audit_ops
from dispatch.operations import manual_alert_sending as sending
from dispatch.operations import manual_alerts as ma
from dispatch.operations.reports import handling_report, write_report_pdf, write_report_xlsx
from dispatch.operations.session import login
from dispatch.records.accounts import Role
from dispatch.records.audit import AuditQuery
from tests.unit.dispatch.conftest import (
    ADMIN_PASSWORD,
    DUTY_PASSWORD,
    Office,
)

PERIOD = (date(2026, 11, 1), date(2026, 11, 30))


def activity(office: Office, tmp_path: Path) -> int:
    account_ops.add_account(office.admin, "duty2", Role.DUTY_OFFICER, "duty2-password-1")
    account_ops.set_role(office.admin, "opr", Role.AUDITOR)
    with pytest.raises(WrongCredentials):
        login(office.data_dir, "duty", "wrong-password", clock=office.clock)
    duty = office.duty()  # records the failed login
    alert = ma.compose(duty, ma.Draft("notice", {"ja": ma.AlertText("お知らせ", "本文")})).alert
    ma.submit(duty, alert.id)
    duty2 = office.login("duty2", "duty2-password-1")
    sending.approve(duty2, alert.id)
    sending.send(duty2, alert.id)
    duty.close()
    duty2.close()
    audit_ops.export_audit(office.admin, AuditQuery(), csv=tmp_path / "a.csv")
    return alert.id


def test_the_handling_report_names_handlers_approvers_exports_and_failures(
    office: Office, tmp_path: Path
) -> None:
    alert_id = activity(office, tmp_path)
    report = handling_report(office.auditor(), *PERIOD)
    tables = {t.title: t for t in report.tables}
    handlers = {r[0]: r[2] for r in tables["取扱責任者・取扱者（アカウント）"].rows}
    assert handlers["duty2"] == "当直（取扱者）" and handlers["opr"] == "監査"
    changes = tables["アカウントの変更"].rows
    assert any(r[2] == "account.role" and r[3] == "account:opr" for r in changes)
    (manual,) = tables["手動配信（作成者・承認者）"].rows
    assert (manual[0], manual[3], manual[4], manual[6]) == (alert_id, "duty", "duty2", "二人確認")
    assert any(
        r[2] == "audit.export" and r[1] == "admin"
        for r in tables["個人情報等の持出し（エクスポート）"].rows
    )
    assert [r[1] for r in tables["ログイン失敗・ロック"].rows] == ["duty"]
    assert report.audit_ok and report.audit_checked > 10
    assert "@" not in json.dumps(report.as_dict(), ensure_ascii=False)
    xlsx, pdf = tmp_path / "r.xlsx", tmp_path / "r.pdf"
    write_report_xlsx(xlsx, report)
    book = load_workbook(xlsx)
    assert book["概要"]["B5"].value == "正常"
    assert "2026-11-01 ～ 2026-11-30" in str(book["概要"]["A1"].value)
    write_report_pdf(pdf, report)
    text = "".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert "duty2" in text


def test_only_auditors_and_administrators_get_the_report(office: Office) -> None:
    duty = office.duty()
    with pytest.raises(PermissionDenied):
        handling_report(duty, *PERIOD)
    duty.close()


def test_alert_workflow_from_the_command_line(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    admin = {"KISHOMAIL_PASSWORD": ADMIN_PASSWORD, "KISHOMAIL_USER": "admin"}
    assert cli("init", "--admin", "admin", "--without-totp", env=admin).returncode == 0
    for name, password in (("duty", DUTY_PASSWORD), ("duty2", "duty2-password-1")):
        added = cli(
            "accounts",
            "add",
            name,
            "--role",
            "duty",
            env={**admin, "KISHOMAIL_NEW_PASSWORD": password},
            stdin="",
        )
        assert added.returncode == 0, added.stderr
    duty = {"KISHOMAIL_PASSWORD": DUTY_PASSWORD, "KISHOMAIL_USER": "duty"}
    duty2 = {"KISHOMAIL_PASSWORD": "duty2-password-1", "KISHOMAIL_USER": "duty2"}
    composed = cli(
        "alert",
        "compose",
        "--category",
        "shelter",
        "--template",
        "shelter_open",
        "--details-ja",
        "戸山小学校",
        "--submit",
        "--json",
        env=duty,
    )
    assert composed.returncode == 0, composed.stderr
    alert = json.loads(composed.stdout)
    assert alert["status"] == "submitted" and "戸山小学校" in alert["texts"]["ja"]["body"]
    own = cli("alert", "approve", str(alert["id"]), env=duty)
    assert own.returncode == 1 and "second duty officer" in own.stderr
    preview = cli("alert", "preview", str(alert["id"]), env=duty2)
    assert preview.returncode == 0 and "AUDIENCE NOW: 0" in preview.stdout
    wrong = cli("alert", "approve", str(alert["id"]), "--hash", "00000000", env=duty2)
    assert wrong.returncode == 1 and "Preview it again" in wrong.stderr
    ok = cli(
        "alert",
        "approve",
        str(alert["id"]),
        "--hash",
        alert["content_hash"][:12],
        "--count",
        "0",
        env=duty2,
    )
    assert ok.returncode == 0, ok.stderr
    sent = cli("alert", "send", str(alert["id"]), "--json", env=duty2)
    assert sent.returncode == 0 and json.loads(sent.stdout)["status"] == "sent"
    listed = json.loads(cli("alert", "list", "--json", env=duty).stdout)
    assert [a["approver"] for a in listed] == ["duty2"]
    misuse = cli("alert", "compose", env=duty)
    assert misuse.returncode == 2
    backup_made = cli("backup", "create", "--json", env=admin)
    assert backup_made.returncode == 0, backup_made.stderr
    name = json.loads(backup_made.stdout)["name"]
    assert cli("backup", "verify", name, env=admin).returncode == 0
    assert cli("backup", "restore", name, env=admin).returncode == 2  # needs --yes
    refused = cli("erase-all", "--certificate", str(tmp_path / "c.pdf"), env=admin)
    assert refused.returncode == 2
    erased = cli(
        "erase-all",
        "--certificate",
        str(tmp_path / "c.pdf"),
        "--yes-erase-everything",
        "--json",
        env=admin,
    )
    assert erased.returncode == 0, erased.stderr
    assert json.loads(erased.stdout)["counts"]["backups"] == 1
    report = cli(
        "report",
        "handling",
        "--from",
        "2026-01-01",
        "--to",
        "2030-12-31",
        "--xlsx",
        str(tmp_path / "h.xlsx"),
        env=admin,
    )
    assert report.returncode == 0, report.stderr
