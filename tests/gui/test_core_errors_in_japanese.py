"""No English left in the Japanese GUI when the core refuses something: the core says what
went wrong in English (for the CLI and the logs); every error a staff member meets from it is
shown in Japanese — a wrong password, an invalid address, a CSV file's bad lines, a relay that
refuses, a busy or full store."""

from __future__ import annotations

import socket
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from desktop.errors import describe
from desktop.windows.settings import SettingsPage
from desktop.windows.subscribers import SubscribersPage
from dispatch.base.errors import KishomailError
from dispatch.engine.backups import BackupError, BackupForeign, check_database
from dispatch.mail.message import Attachment, check_attachments, check_header_value
from dispatch.operations import subscribers as subscriber_ops
from dispatch.operations.session import Session, login
from dispatch.records.subscribers import NewSubscriber, Topics, WarningLevel
from dispatch.store.database import storage_error
from tests.gui.test_japanese_throughout import _english
from tests.support.certs import ServerCertificate
from tests.support.smtp_server import FaultySmtpServer


def _japanese_only(text: str) -> str:
    assert text.strip(), "nothing was shown"
    assert not _english(text.replace("'", "")), f"English left: {text!r}"
    return text


def _raised(action: Callable[[], object]) -> KishomailError:
    with pytest.raises(KishomailError) as raised:
        action()
    return raised.value


def test_wrong_password_busy_and_full_store(admin: Session, data_dir: Path) -> None:
    wrong = _raised(lambda: login(data_dir, "opr", "not-the-password"))
    assert "パスワード" in _japanese_only(describe(wrong))
    busy = storage_error(sqlite3.OperationalError("database is locked"), data_dir)
    full = storage_error(sqlite3.OperationalError("database or disk is full"), data_dir)
    assert busy is not None and full is not None
    assert "使用中" in _japanese_only(describe(busy))
    assert "ディスク" in _japanese_only(describe(full))


@pytest.mark.parametrize(
    ("address", "said"),
    [
        ("no-at-sign.example.jp", "「@」"),
        ("a@b@example.jp", "「@」"),
        ("たろう@example.jp", "「@」より前"),
        (".taro@example.jp", "ドット"),
        ("taro@localhost", "ドメイン"),
        ("taro@example.invalid-tld1", "トップレベル"),
        ("", "入力されていません"),
    ],
)
def test_an_invalid_address_is_explained_in_japanese(
    operator: Session, address: str, said: str
) -> None:
    error = _raised(
        lambda: subscriber_ops.add_subscriber(
            operator,
            NewSubscriber(
                address, Topics(warning_level=WarningLevel.WARNING), operator.clock.now()
            ),
        )
    )
    assert said in _japanese_only(describe(error))


def test_an_address_already_registered_is_said_in_japanese(operator: Session) -> None:
    def add() -> object:
        return subscriber_ops.add_subscriber(
            operator,
            NewSubscriber(
                "hanako@example.jp",
                Topics(warning_level=WarningLevel.WARNING),
                operator.clock.now(),
            ),
        )

    add()
    assert "すでに登録" in _japanese_only(describe(_raised(add)))


def test_the_bad_lines_of_a_csv_file_are_explained_in_japanese(
    qtbot: QtBot, operator: Session, tmp_path: Path
) -> None:
    page = SubscribersPage(operator)
    qtbot.addWidget(page)
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "email,topics,warning_level,rain_mm,river_stage,language,quiet_hours,consent_at\n"
        "not-an-address,warnings,,,,,,\n"
        "a@example.jp,snow,,,,,,\n"
        "b@example.jp,warnings,level9,,,,,\n"
        "c@example.jp,rain,,15,,,,\n"
        "d@example.jp,rain,,lots,,,,\n"
        "e@example.jp,river,,,high,,,\n"
        "f@example.jp,warnings,,,,klingon,,\n"
        "g@example.jp,warnings,,,,,late evening,\n"
        "h@example.jp,warnings,,,,,,yesterday\n"
        "i@example.jp,warnings,,,,,,\n"
        "i@example.jp,rain,,,,,,\n",
        encoding="utf-8",
    )
    wizard = page.open_import()
    qtbot.addWidget(wizard)
    wizard.file_page.path.setText(str(bad))
    with qtbot.waitSignal(wizard.checked, timeout=5000):
        wizard.next()
    model = wizard.report_page.problems
    assert model.rowCount() == 10
    for row in range(model.rowCount()):
        for column in range(model.columnCount()):
            _japanese_only(str(model.data(model.index(row, column))) or "0")
    page.shutdown()


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_a_relay_that_refuses_is_explained_in_japanese(
    qtbot: QtBot,
    admin: Session,
    smtp_server_factory: Callable[..., FaultySmtpServer],
    server_certificate: ServerCertificate,
) -> None:
    page = SettingsPage(admin)
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: bool(page.loaded_values), timeout=5000)
    page.fields["smtp.host"].setText("127.0.0.1")
    page.fields["smtp.port"].setValue(_closed_port())  # nobody listens: refused
    with qtbot.waitSignal(page.tested, timeout=20_000) as tested:
        page.test_connection()
    assert isinstance(tested.args[0], KishomailError)
    assert "接続できません" in _japanese_only(page.banner.text())

    server = smtp_server_factory(credentials=("office", "right-one"))
    page.fields["smtp.port"].setValue(server.port)
    page.fields["smtp.cafile"].setText(str(server_certificate.cafile))
    page.fields["smtp.username"].setText("office")
    page.fields["smtp.password"].setText("wrong-one")
    with qtbot.waitSignal(page.tested, timeout=20_000) as tested:
        page.test_connection()
    assert isinstance(tested.args[0], KishomailError)
    assert "パスワード" in _japanese_only(page.banner.text())


@pytest.mark.parametrize(
    ("attachment", "said"),
    [
        (Attachment("", "application/pdf", b"x"), "名前"),
        (Attachment("dir/plan.pdf", "application/pdf", b"x"), "フォルダ"),
        (Attachment("a" * 300 + ".pdf", "application/pdf", b"x"), "文字"),
        (Attachment("plan.pdf", "multipart/mixed", b"x"), "種類"),
        (Attachment("plan.pdf", "application/pdf", b""), "空"),
        (Attachment("big.pdf", "application/pdf", b"x" * (12 * 1024 * 1024)), "携帯キャリア"),
    ],
)
def test_an_attachment_the_mail_cannot_carry_is_explained_in_japanese(
    attachment: Attachment, said: str
) -> None:
    error = _raised(lambda: check_attachments([attachment]))
    assert said in _japanese_only(describe(error))


def test_a_line_break_in_a_header_is_explained_in_japanese() -> None:
    error = _raised(lambda: check_header_value("Subject", "避難情報\r\nBcc: x@example.jp"))
    assert "改行" in _japanese_only(describe(error).replace("Subject", ""))


def test_a_damaged_or_foreign_backup_is_explained_in_japanese(tmp_path: Path) -> None:
    junk = tmp_path / "backup.db"
    junk.write_bytes(b"not a database at all" * 100)
    error = _raised(lambda: check_database(junk, b"k" * 32, None))
    assert isinstance(error, BackupError)
    assert "バックアップ" in _japanese_only(describe(error))
    foreign = BackupForeign("The backup's database is not a kishomail store.")
    assert "鍵" in _japanese_only(describe(foreign))
