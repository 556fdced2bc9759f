"""The audit page as a duty officer reads it: actions and details in Japanese words, a search
in words finds the codes, and new entries appear without pressing anything."""

from __future__ import annotations

import importlib
import pkgutil

from pytestqt.qtbot import QtBot

import dispatch.operations
from desktop.audit_words import AuditWords
from desktop.windows.audit import AuditPage
from dispatch.operations import manual_alert_sending as sending
from dispatch.operations import manual_alerts as core
from dispatch.operations import settings as setting_ops
from dispatch.operations.declare import OPERATIONS
from dispatch.operations.session import Session, login
from dispatch.records.audit import AuditEntry
from tests.gui.conftest import DUTY2_PASSWORD, DUTY_PASSWORD


def _approved_alert(admin: Session) -> None:
    author = login(admin.store.data_dir, "duty", DUTY_PASSWORD)
    second = login(admin.store.data_dir, "duty2", DUTY2_PASSWORD)
    try:
        texts = {"ja": core.AlertText("【新宿区】避難情報", "避難してください。")}
        alert = core.compose(author, core.Draft("evacuation", texts)).alert
        core.submit(author, alert.id)
        sending.approve(second, alert.id)
    finally:
        author.close()
        second.close()


def _open(qtbot: QtBot, admin: Session) -> AuditPage:
    page = AuditPage(admin)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.model.rowCount() > 0, timeout=5000)
    return page


def _row_of(page: AuditPage, action: str) -> int:
    rows = [r for r, e in enumerate(page.model.rows) if e.action == action]
    assert rows, action
    return rows[0]


def _cell(page: AuditPage, row: int, column: int) -> str:
    return str(page.model.index(row, column).data())


def test_actions_and_details_read_in_japanese(qtbot: QtBot, admin: Session) -> None:
    _approved_alert(admin)
    page = _open(qtbot, admin)
    approve = _row_of(page, "alert.approve")
    assert _cell(page, approve, 3) == "手動配信の承認"
    assert _cell(page, approve, 4).startswith("手動配信 ")  # alert:1
    assert _cell(page, approve, 5) == "成功"
    assert "言語: 日本語" in _cell(page, approve, 6)
    added = _row_of(page, "account.add")
    assert _cell(page, added, 3) == "アカウント追加"
    assert _cell(page, added, 6) == "初回ログイン時のパスワード変更: いいえ / 役割: 当直"
    # The chosen entry below the table: one 「項目: 値」 line per detail.
    page.view.setCurrentIndex(page.model.index(approve, 0))
    lines = page.detail.toPlainText().splitlines()
    assert "操作: 手動配信の承認 (alert.approve)" in lines
    assert "結果: 成功" in lines
    assert "版: 1" in lines
    # A code the table does not know is shown as it is, never hidden.
    admin.audit_log.append("admin", "future.thing", detail={"novel_key": 3})
    page.search()
    qtbot.waitUntil(lambda: any(e.action == "future.thing" for e in page.model.rows))
    novel = _row_of(page, "future.thing")
    assert (_cell(page, novel, 3), _cell(page, novel, 6)) == ("future.thing", "novel_key: 3")


def test_a_search_in_japanese_words_finds_the_codes(qtbot: QtBot, admin: Session) -> None:
    _approved_alert(admin)
    page = _open(qtbot, admin)
    page.text.setText("承認")
    with qtbot.waitSignal(page.searched, timeout=5000):
        page.search()
    found: list[AuditEntry] = page.model.rows
    assert {e.action for e in found} == {"alert.approve", "alert.submit"}  # 承認依頼 too
    page.text.setText("")
    page.action.setText("アカウント追加")
    with qtbot.waitSignal(page.searched, timeout=5000) as searched:
        page.search()
    assert searched.args == [3] and {e.action for e in page.model.rows} == {"account.add"}
    page.action.setText("存在しない操作")
    with qtbot.waitSignal(page.searched, timeout=5000) as searched:
        page.search()
    assert searched.args == [0]


def test_new_entries_appear_by_themselves(qtbot: QtBot, admin: Session) -> None:
    page = _open(qtbot, admin)
    page.refresh_timer.setInterval(200)
    before = page.model.rowCount()
    setting_ops.change_setting(admin, "office.contact", "03-1234-5678")
    with qtbot.waitSignal(page.refreshed, timeout=5000) as refreshed:
        pass
    assert refreshed.args == [1]
    assert page.model.rowCount() == before + 1
    assert page.model.record(0).action == "settings.change"  # newest first
    assert _cell(page, 0, 3) == "設定の変更" and "03-1234-5678" in _cell(page, 0, 6)
    # A search that keeps it out is not undone by the next look.
    page.action.setText("login")
    with qtbot.waitSignal(page.searched, timeout=5000):
        page.search()
    setting_ops.change_setting(admin, "office.contact", "03-1234-0000")
    qtbot.wait(800)
    assert all(e.action.startswith("login") for e in page.model.rows)


def test_every_declared_operation_has_its_words() -> None:
    """A new operation gets its words here too (else the page shows its code)."""
    # Every operation module, so that each declaration is registered.
    for module in pkgutil.iter_modules(dispatch.operations.__path__):
        importlib.import_module(f"dispatch.operations.{module.name}")
    known = set(AuditWords().actions())
    assert sorted({d.action for d in OPERATIONS.values()} - known) == []
