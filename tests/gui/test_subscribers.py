"""The subscriber screen: lazy table, filter, add, edit, delete, import wizard, export."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QTableView
from pytestqt.qtbot import QtBot

from desktop.dialogs.subscriber import SubscriberDialog
from desktop.windows.subscribers import SubscribersPage
from dispatch.base.clock import TOKYO
from dispatch.base.vocabulary import Language
from dispatch.operations import exports as export_ops
from dispatch.operations import subscribers as subscriber_ops
from dispatch.operations.session import Session, login
from dispatch.records.stations import bundled_stations
from dispatch.records.subscribers import (
    RAIN_THRESHOLDS_MM,
    Channel,
    NewSubscriber,
    Topics,
    WarningLevel,
)
from tests.gui.conftest import ADMIN_PASSWORD


def seed(session: Session, count: int) -> None:
    from dispatch.records.subscriber_table import SubscriberRepository
    from dispatch.store.database import transaction

    now = session.clock.now()
    rows = [
        NewSubscriber(
            f"person{n:06d}@example.jp",
            Topics(warning_level=WarningLevel.WARNING, rain_mm=30 if n % 2 else None),
            now,
            language=Language.EN if n % 10 == 0 else Language.JA,
            channel=Channel.WEB,
        )
        for n in range(1, count + 1)
    ]
    with transaction(session.connection):
        SubscriberRepository(session.connection).add_many(rows, now)


@pytest.fixture
def page(qtbot: QtBot, operator: Session) -> SubscribersPage:
    seed(operator, 450)
    page = SubscribersPage(operator)
    qtbot.addWidget(page)
    page.resize(1000, 600)
    page.show()
    qtbot.waitUntil(lambda: page.model.total == 450, timeout=10_000)
    return page


def test_rows_load_a_page_at_a_time_and_the_count_is_shown(
    qtbot: QtBot, page: SubscribersPage
) -> None:
    assert page.model.rowCount() == 200  # the first page only
    assert "450" in page.count_label.text()
    page.view.scrollToBottom()
    qtbot.waitUntil(lambda: page.model.rowCount() == 400, timeout=5000)
    page.view.scrollToBottom()
    qtbot.waitUntil(lambda: page.model.rowCount() == 450, timeout=5000)
    assert not page.model.canFetchMore()
    assert page.count_label.text() == "該当 450 人"


def test_filter_by_address_fragment_and_language(qtbot: QtBot, page: SubscribersPage) -> None:
    page.search.setText("person00012")
    page.apply_filter()
    qtbot.waitUntil(lambda: page.model.total == 10, timeout=5000)
    assert all("person00012" in s.email for s in page.model.rows)
    page.search.clear()
    page.language.setCurrentIndex(page.language.findData("en"))
    qtbot.waitUntil(lambda: page.model.total == 45, timeout=5000)
    assert {s.language for s in page.model.rows} == {Language.EN}


def test_add_change_and_delete_a_subscriber(
    qtbot: QtBot, page: SubscribersPage, operator: Session
) -> None:
    filled: list[SubscriberDialog] = []

    def fill_new(dialog: SubscriberDialog) -> bool:
        dialog.email.setText("Newcomer@Example.JP")
        dialog.want_rain.setChecked(True)
        # The one list of thresholds, the same as the registration page's and the tracker's.
        offered = [dialog.rain_mm.itemData(i) for i in range(dialog.rain_mm.count())]
        assert offered == list(RAIN_THRESHOLDS_MM)
        assert dialog.rain_mm.itemText(0) == "1時間10ミリ以上"
        dialog.rain_mm.setCurrentIndex(dialog.rain_mm.findData(50))
        dialog.language.setCurrentIndex(dialog.language.findData(Language.EASY_JA))
        filled.append(dialog)
        return True

    page.exec_dialog = fill_new  # type: ignore[method-assign]
    with qtbot.waitSignal(page.changed, timeout=5000):
        page.add_subscriber()
    added = subscriber_ops.find_subscriber(operator, "newcomer@example.jp")
    assert added is not None and added.topics.rain_mm == 50
    assert added.language is Language.EASY_JA
    assert page.banner.text() == "登録者を追加しました。"

    page.search.setText("newcomer")
    page.apply_filter()
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=5000)
    page.view.selectRow(0)

    def change(dialog: SubscriberDialog) -> bool:
        dialog.want_warnings.setChecked(True)
        dialog.warning_level.setCurrentIndex(0)
        dialog.quiet.setText("22:00-06:00")
        return True

    page.exec_dialog = change  # type: ignore[method-assign]
    with qtbot.waitSignal(page.changed, timeout=5000):
        page.edit_selected()
    changed = subscriber_ops.find_subscriber(operator, "newcomer@example.jp")
    assert changed is not None and changed.topics.warning_level == WarningLevel.ADVISORY
    assert str(changed.quiet_hours) == "22:00-06:00"

    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=5000)
    page.view.selectRow(0)
    page.confirm = lambda text, details="": "完全に削除" in text  # type: ignore[method-assign]
    with qtbot.waitSignal(page.changed, timeout=5000):
        page.delete_selected()
    assert subscriber_ops.find_subscriber(operator, "newcomer@example.jp") is None
    qtbot.waitUntil(lambda: page.model.total == 0, timeout=5000)


def test_a_dialog_without_topic_says_so_and_stays_open(qtbot: QtBot) -> None:
    dialog = SubscriberDialog()
    qtbot.addWidget(dialog)
    dialog.email.setText("a@example.jp")
    dialog.want_warnings.setChecked(False)
    dialog._accept()
    assert dialog.result() == 0
    assert dialog.banner.text() == "情報の種類を1つ以上選んでください。"


def test_import_wizard_shows_bad_lines_then_imports_a_good_file(
    qtbot: QtBot, page: SubscribersPage, operator: Session, tmp_path: Path
) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "email,topics,language\nok1@example.jp,warnings,ja\nnot-an-address,warnings,ja\n",
        encoding="utf-8",
    )
    wizard = page.open_import()
    qtbot.addWidget(wizard)
    wizard.file_page.path.setText(str(bad))
    with qtbot.waitSignal(wizard.checked, timeout=5000):
        wizard.next()
    assert [p.line for p in wizard.report.problems] == [3]  # type: ignore[union-attr]
    assert wizard.report_page.problems.rowCount() == 1
    assert "誤りのある行を直すまで" in wizard.report_page.banner.text()
    assert not wizard.report_page.isComplete()  # cannot go on to import

    good = tmp_path / "good.csv"
    good.write_text(
        "email,topics,language\nok1@example.jp,warnings,ja\nok2@example.jp,rain,en\n",
        encoding="utf-8",
    )
    wizard.back()
    wizard.file_page.path.setText(str(good))
    with qtbot.waitSignal(wizard.checked, timeout=5000):
        wizard.next()
    assert wizard.report_page.isComplete()
    with qtbot.waitSignal(wizard.imported, timeout=5000) as imported:
        wizard.next()
    assert imported.args == [2]
    assert subscriber_ops.find_subscriber(operator, "ok2@example.jp") is not None
    assert "2 人を登録しました" in wizard.done_page.result.text()


def test_encrypted_export_shows_the_password_once(
    qtbot: QtBot, page: SubscribersPage, tmp_path: Path
) -> None:
    out = tmp_path / "export.zip"
    shown: list[tuple[str, int]] = []
    page.ask_export_path = lambda: out  # type: ignore[method-assign]
    page.ask_export_reason = lambda: "区の訓練の名簿照合"  # type: ignore[method-assign]
    page.show_password = lambda password, count: shown.append((password, count))  # type: ignore[method-assign]
    # The first press asks for the export; nothing is written before someone else approves.
    page.export()
    qtbot.waitUntil(lambda: "承認" in page.banner.text(), timeout=10_000)
    assert not out.exists()
    (request, rows), *_ = export_ops.export_requests(page.session)
    assert (request.status, rows) == ("requested", 450)
    admin = login(page.session.store.data_dir, "admin", ADMIN_PASSWORD)
    export_ops.approve_export(admin, request.id)
    admin.close()
    # Approved: the next press writes the file, once.
    page.export()
    qtbot.waitUntil(lambda: bool(shown), timeout=10_000)
    password, count = shown[0]
    assert count == 450 and len(password) >= 16
    assert out.exists() and password.encode() not in out.read_bytes()


def test_the_dialog_offers_the_station_list_and_saves_the_stations_ticked(
    qtbot: QtBot, page: SubscribersPage, operator: Session
) -> None:
    """The one list of river stations (the shipped one here): every station by default; the
    ones ticked are saved, and shown ticked when the subscriber is changed."""
    sagimori = "83030400470000016"

    def fill_new(dialog: SubscriberDialog) -> bool:
        assert [box.text() for box in dialog.station_boxes.values()] == [
            "妙正寺川 鷺盛橋",
            "妙正寺川 千歳橋",
        ]
        assert dialog.all_stations.isChecked()
        dialog.email.setText("kawa@example.jp")
        dialog.want_warnings.setChecked(False)
        dialog.want_river.setChecked(True)
        dialog.station_boxes[sagimori].setChecked(True)  # ticking one means "only these"
        assert dialog.only_stations.isChecked()
        return True

    page.exec_dialog = fill_new  # type: ignore[method-assign]
    with qtbot.waitSignal(page.changed, timeout=5000):
        page.add_subscriber()
    added = subscriber_ops.find_subscriber(operator, "kawa@example.jp")
    assert added is not None and added.topics.river_stations == (sagimori,)

    page.search.setText("kawa@")
    page.apply_filter()
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=5000)
    page.view.selectRow(0)

    def back_to_all(dialog: SubscriberDialog) -> bool:
        assert dialog.only_stations.isChecked() and dialog.station_boxes[sagimori].isChecked()
        dialog.all_stations.setChecked(True)
        return True

    page.exec_dialog = back_to_all  # type: ignore[method-assign]
    with qtbot.waitSignal(page.changed, timeout=5000):
        page.edit_selected()
    changed = subscriber_ops.find_subscriber(operator, "kawa@example.jp")
    assert changed is not None and changed.topics.river_stations is None


def test_only_these_stations_without_a_tick_says_so_and_stays_open(qtbot: QtBot) -> None:
    dialog = SubscriberDialog(stations=bundled_stations())
    qtbot.addWidget(dialog)
    dialog.email.setText("a@example.jp")
    dialog.want_river.setChecked(True)
    dialog.only_stations.setChecked(True)
    dialog._accept()
    assert dialog.result() == 0
    assert dialog.banner.text() == (
        "河川の観測所を1つ以上選ぶか、「すべての観測所」を選んでください。"
    )


def test_delete_names_the_address_and_a_tired_enter_deletes_nothing(
    qtbot: QtBot, page: SubscribersPage, operator: Session
) -> None:
    page.search.setText("person000007")
    page.apply_filter()
    qtbot.waitUntil(lambda: page.model.total == 1, timeout=5000)
    page.view.selectRow(0)
    seen: list[tuple[str, str, str]] = []

    def answer() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        seen.append((box.text(), box.informativeText(), box.defaultButton().text()))
        qtbot.keyClick(box, Qt.Key.Key_Return)  # a tired Enter

    QTimer.singleShot(100, answer)
    page.delete_selected()
    assert seen, "no question was asked"
    text, details, default = seen[0]
    assert "person000007@example.jp" in text and "完全に削除" in text
    assert "元に戻せません" in details
    assert default == "キャンセル"
    assert subscriber_ops.find_subscriber(operator, "person000007@example.jp") is not None


def test_full_width_search_and_times_are_read_as_typed(qtbot: QtBot, page: SubscribersPage) -> None:
    page.search.setText("ｐｅｒｓｏｎ０００１２")  # an IME left in full-width mode
    page.apply_filter()
    qtbot.waitUntil(lambda: page.model.total == 10, timeout=5000)
    assert all("person00012" in s.email for s in page.model.rows)
    dialog = SubscriberDialog()
    qtbot.addWidget(dialog)
    for typed_text in ("２２：００－０６：００", "22:00〜06:00", " 22:00 ～ 06:00 "):
        dialog.quiet.setText(typed_text)
        assert str(dialog.quiet_hours()) == "22:00-06:00", typed_text


def _header_click(qtbot: QtBot, view: QTableView, column: int) -> None:
    header = view.horizontalHeader()
    x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))


def test_a_header_click_sorts_every_subscriber_not_the_loaded_page(
    qtbot: QtBot, operator: Session
) -> None:
    seed(operator, 250)
    page = SubscribersPage(operator)
    page.reader.page_size = 50  # five pages: the greatest address is not on the first
    qtbot.addWidget(page)
    page.resize(1000, 600)
    page.show()
    qtbot.waitUntil(lambda: page.model.total == 250 and len(page.model.rows) == 50, timeout=10_000)
    assert page.model.rows[0].email == "person000001@example.jp"
    header = page.view.horizontalHeader()
    assert header.isSortIndicatorShown()

    _header_click(qtbot, page.view, 1)  # 「メールアドレス」
    if header.sortIndicatorOrder() != Qt.SortOrder.DescendingOrder:
        _header_click(qtbot, page.view, 1)
    assert (header.sortIndicatorSection(), header.sortIndicatorOrder()) == (
        1,
        Qt.SortOrder.DescendingOrder,
    )
    qtbot.waitUntil(
        lambda: bool(page.model.rows) and page.model.rows[0].email == "person000250@example.jp",
        timeout=5000,
    )
    assert len(page.model.rows) == 50
    # The next page continues the same order: no gap, no repeat.
    page.view.scrollToBottom()
    qtbot.waitUntil(lambda: len(page.model.rows) == 100, timeout=5000)
    emails = [s.email for s in page.model.rows]
    assert emails == [f"person{n:06d}@example.jp" for n in range(250, 150, -1)]
    # A new filter keeps the order chosen.
    page.language.setCurrentIndex(page.language.findData("en"))
    qtbot.waitUntil(lambda: page.model.total == 25, timeout=5000)
    assert page.model.rows[0].email == "person000250@example.jp"

    # A column the core cannot order by (topics) leaves order and indicator as they were.
    _header_click(qtbot, page.view, 3)
    assert (header.sortIndicatorSection(), header.sortIndicatorOrder()) == (
        1,
        Qt.SortOrder.DescendingOrder,
    )


def test_sorting_by_keyboard(qtbot: QtBot, operator: Session) -> None:
    seed(operator, 250)
    page = SubscribersPage(operator)
    page.reader.page_size = 50
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: len(page.model.rows) == 50, timeout=10_000)
    page.view.setFocus()
    page.view.setCurrentIndex(page.model.index(0, 0))
    qtbot.keyClick(
        page.view,
        Qt.Key.Key_O,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    qtbot.waitUntil(lambda: page.model.query.sort == "id", timeout=2000)
    qtbot.keyClick(
        page.view,
        Qt.Key.Key_O,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    qtbot.waitUntil(lambda: bool(page.model.rows) and page.model.rows[0].id == 250, timeout=5000)
    header = page.view.horizontalHeader()
    assert (header.sortIndicatorSection(), header.sortIndicatorOrder()) == (
        0,
        Qt.SortOrder.DescendingOrder,
    )


def test_an_import_reads_full_width_names_choices_and_times(
    qtbot: QtBot, page: SubscribersPage, operator: Session, tmp_path: Path
) -> None:
    """A file typed on a Japanese keyboard in full-width mode (and a header in half-width
    カナ) imports as if typed in ASCII: the import is NFKC, cell by cell."""
    typed = tmp_path / "full-width.csv"
    typed.write_text(
        "ﾒｰﾙｱﾄﾞﾚｽ,ｔｏｐｉｃｓ,雨量しきい値,言語,配信停止時間帯,登録日時\n"
        "ｈａｎａｋｏ＠ｅｘａｍｐｌｅ．ｊｐ,ｒａｉｎ,５０ｍｍ,ＥＮ,２２：００－０６：００,"
        "２０２４／０４／０１ ０９：００\n",
        encoding="utf-8",
    )
    wizard = page.open_import()
    qtbot.addWidget(wizard)
    wizard.file_page.path.setText(str(typed))
    with qtbot.waitSignal(wizard.checked, timeout=5000):
        wizard.next()
    assert wizard.report is not None and not wizard.report.problems, wizard.report
    with qtbot.waitSignal(wizard.imported, timeout=5000):
        wizard.next()
    added = subscriber_ops.find_subscriber(operator, "hanako@example.jp")
    assert added is not None
    assert added.topics.rain_mm == 50
    assert added.language is Language.EN
    assert str(added.quiet_hours) == "22:00-06:00"
    consent = datetime.fromisoformat(added.consent_at).astimezone(TOKYO)
    assert consent.isoformat().startswith("2024-04-01T09:00")
