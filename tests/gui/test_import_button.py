"""The CSV import's writing step says what it does on its button (issue 19: it committed on a
button labelled 「次へ」)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QWizard
from pytestqt.qtbot import QtBot

from desktop.dialogs.import_wizard import ImportWizard
from dispatch.operations import subscribers as subscriber_ops
from dispatch.operations.session import Session


def test_the_button_that_imports_names_the_count(
    qtbot: QtBot, operator: Session, tmp_path: Path
) -> None:
    good = tmp_path / "good.csv"
    good.write_text(
        "email,topics,language\nok1@example.jp,warnings,ja\nok2@example.jp,rain,en\n",
        encoding="utf-8",
    )
    wizard = ImportWizard(operator)
    qtbot.addWidget(wizard)
    wizard.show()
    assert "次へ" in wizard.button(QWizard.WizardButton.NextButton).text()  # checking: harmless
    wizard.file_page.path.setText(str(good))
    with qtbot.waitSignal(wizard.checked, timeout=5000):
        wizard.next()
    assert subscriber_ops.count_subscribers(operator) == 0  # the dry run wrote nothing
    button = wizard.button(QWizard.WizardButton.NextButton).text().replace("&", "")
    assert "2 人を取り込む" in button
    assert "「2 人を取り込む」" in wizard.report_page.banner.text()
    with qtbot.waitSignal(wizard.imported, timeout=5000):
        wizard.next()
    assert subscriber_ops.count_subscribers(operator) == 2
