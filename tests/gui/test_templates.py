"""The Templates page: edit the office's wording, see the mail, save it through the core."""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from desktop import i18n
from desktop.app import Controller
from desktop.windows.main_window import MainWindow
from desktop.windows.templates import TemplatesPage
from dispatch.base.vocabulary import Charset
from dispatch.mail.message import Mode
from dispatch.operations.session import Session
from dispatch.operations.templates import SAMPLE_ALERT
from dispatch.wording.alerts import DEMO_OFFICE, render_alert
from dispatch.wording.office_templates import office_folder, office_library


def page_for(qtbot: QtBot, session: Session) -> TemplatesPage:
    page = TemplatesPage(session)
    qtbot.addWidget(page)
    page.office = DEMO_OFFICE
    page.select("ja", "warning")
    return page


def test_an_edited_subject_is_previewed_saved_and_used(qtbot: QtBot, operator: Session) -> None:
    page = page_for(qtbot, operator)
    assert page.origin.text() == "同梱の文面"
    assert "レベル３大雨警報" in page.subject.text()
    lines = page.editor.toPlainText().split("\n")
    lines[0] = "Subject: 【区からのお知らせ】${kind}にご注意"
    with qtbot.waitSignal(page.previewed, timeout=2000) as previewed:
        page.editor.setPlainText("\n".join(lines))  # the preview waits for the typing to stop
    assert previewed.args == [True]
    assert page.subject.text() == "【区からのお知らせ】レベル３大雨警報にご注意"
    assert "気象庁発表" in page.body.toPlainText()

    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert page.banner.kind == "ok"
    path = office_folder(operator.store.data_dir) / "ja" / "warning.txt"
    assert path.read_text(encoding="utf-8").startswith("Subject: 【区からのお知らせ】")
    assert page.origin.text() == "区独自の文面"
    library = office_library(operator.store.data_dir)
    mail = render_alert(
        SAMPLE_ALERT, "ja", Charset.UTF8, DEMO_OFFICE, mode=Mode.BATCH, library=library
    )
    assert mail.subject == "【区からのお知らせ】レベル３大雨警報にご注意"

    page.revert(confirm=False)
    assert not path.exists()
    assert page.origin.text() == "同梱の文面"
    assert page.subject.text().startswith("【新宿区】")


def test_an_unknown_placeholder_is_shown_and_not_saved(qtbot: QtBot, operator: Session) -> None:
    page = page_for(qtbot, operator)
    text = page.editor.toPlainText().replace("${kind}", "${tomorrow}", 1)
    page.editor.setPlainText(text)
    page.update_preview()
    assert page.problem.isVisibleTo(page)
    assert "$tomorrow" in page.problem.text()
    assert page.subject.text() == ""
    assert page.save() is False
    assert page.banner.kind == "error"
    assert "$tomorrow" in page.banner.text()
    assert not (office_folder(operator.store.data_dir) / "ja" / "warning.txt").exists()


def test_a_broken_subject_line_is_explained_in_japanese(qtbot: QtBot, operator: Session) -> None:
    page = page_for(qtbot, operator)
    page.editor.setPlainText("件名なしの文面\n\n$footer\n")
    page.update_preview()
    assert "1行目は「Subject: …」" in page.problem.text()
    text = page.editor.toPlainText()
    page.editor.setPlainText("Subject: テスト\n\n本文\n")  # no $footer: no unsubscribe link
    page.update_preview()
    assert (
        "$footer はちょうど1回" in page.problem.text() and "配信停止リンク" in page.problem.text()
    )
    assert text != page.editor.toPlainText()


def test_edited_wording_is_not_lost_when_another_template_is_chosen(
    qtbot: QtBot, operator: Session
) -> None:
    page = page_for(qtbot, operator)
    answers: list[QMessageBox.StandardButton] = []
    asked: list[str] = []

    def ask(file_name: str) -> QMessageBox.StandardButton:
        asked.append(file_name)
        return answers.pop(0)

    page.ask_about_edits = ask  # type: ignore[method-assign]
    edited = page.editor.toPlainText().replace("${kind}", "${kind}（区より）", 1)
    page.editor.setPlainText(edited)

    answers.append(QMessageBox.StandardButton.Cancel)
    page.template.setCurrentIndex(page.template.findData("footer"))
    assert asked == ["ja/warning.txt"]
    assert page.current() == ("ja", "warning") and page.editor.toPlainText() == edited

    answers.append(QMessageBox.StandardButton.Save)
    page.template.setCurrentIndex(page.template.findData("footer"))
    assert page.current() == ("ja", "footer") and "manage_url" in page.editor.toPlainText()
    saved = office_folder(operator.store.data_dir) / "ja" / "warning.txt"
    assert saved.read_text(encoding="utf-8") == edited

    page.editor.setPlainText(page.editor.toPlainText() + "追記\n")
    answers.append(QMessageBox.StandardButton.Discard)
    page.select("en", "footer")
    assert page.current() == ("en", "footer") and not page.has_unsaved_edits()
    assert not (office_folder(operator.store.data_dir) / "ja" / "footer.txt").exists()
    assert asked == ["ja/warning.txt", "ja/warning.txt", "ja/footer.txt"]


def test_kept_wording_keeps_the_window_through_logout_and_a_language_change(
    qtbot: QtBot, operator: Session, settings: QSettings
) -> None:
    controller = Controller(operator.store.data_dir, settings)
    controller.open_session(operator)
    window = controller.window
    assert isinstance(window, MainWindow)
    qtbot.addWidget(window)
    page = window.pages["templates"]
    assert isinstance(page, TemplatesPage)
    page.editor.setPlainText(page.editor.toPlainText() + "追記\n")

    def cancel(file_name: str) -> QMessageBox.StandardButton:
        return QMessageBox.StandardButton.Cancel

    page.ask_about_edits = cancel  # type: ignore[method-assign]
    logged_out: list[bool] = []
    window.logoutRequested.connect(lambda: logged_out.append(True))

    window.logout()
    assert window.isVisible() and not logged_out and not window._logging_out
    assert window.current_page() is page

    window.language_actions["en"].trigger()
    assert controller.window is window and window.isVisible()
    assert i18n.chosen_language(settings) == "ja"
    assert window.language_actions["ja"].isChecked()
    assert page.has_unsaved_edits()

    def discard(file_name: str) -> QMessageBox.StandardButton:
        return QMessageBox.StandardButton.Discard

    page.ask_about_edits = discard  # type: ignore[method-assign]
    window.language_actions["en"].trigger()
    assert controller.window is not window and i18n.chosen_language(settings) == "en"
    assert isinstance(controller.window, MainWindow)
    qtbot.addWidget(controller.window)
    i18n.install_translations("ja")
