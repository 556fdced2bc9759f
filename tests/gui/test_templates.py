"""The Templates page: edit the office's wording, see the mail, save it through the core."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop.windows.templates import SAMPLE_ALERT, TemplatesPage
from dispatch.message import Charset, Mode
from dispatch.office_templates import office_folder, office_library
from dispatch.render import DEMO_OFFICE, render_alert
from dispatch.session import Session


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
