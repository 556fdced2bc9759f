"""Templates: the office's own mail wording, edited with a live preview.

The text is checked and saved by :mod:`dispatch.wording.office_templates` (it refuses a template the
dispatcher could not load); "Revert" deletes the office's file so that the bundled wording is
used again. The preview renders a sample alert through the same code as the dispatcher, in
the GUI thread (it takes microseconds), with the edited text in place of the saved one.
"""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from desktop.errors import describe
from desktop.widgets.common import Banner, heading
from desktop.words import words
from dispatch.base.errors import KishomailError
from dispatch.operations import templates as template_ops
from dispatch.operations.session import Session
from dispatch.operations.templates import LANGUAGES, TEMPLATE_NAMES, TemplateLoadError

# Milliseconds between the last key press and the preview.
PREVIEW_DELAY_MS = 250


class TemplatesPage(QWidget):
    saved = Signal(str)
    previewed = Signal(bool)

    def _template_words(self) -> dict[str, str]:
        return {
            "warning": self.tr("Warnings and advisories"),
            "flood": self.tr("Flood forecasts"),
            "rain": self.tr("Record rain"),
            "landslide": self.tr("Landslide alert"),
            "special": self.tr("Emergency warnings"),
            "river": self.tr("River levels"),
            "other": self.tr("Other reports"),
            "downgrade": self.tr("Lowered"),
            "lifted": self.tr("Lifted"),
            "withdrawn": self.tr("Withdrawn"),
            "flood_downgrade": self.tr("Flood forecast lowered"),
            "flood_lifted": self.tr("Flood forecast lifted"),
            "rain_observed": self.tr("Heavy rain observed"),
            "rain_lifted": self.tr("Heavy rain over"),
            "river_downgrade": self.tr("River level lowered"),
            "river_lifted": self.tr("River level back to normal"),
            "footer": self.tr("Footer of every mail"),
        }

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.office = template_ops.preview_office(session)

        self.language = QComboBox()
        self.language.setAccessibleName(self.tr("Language"))
        for language in LANGUAGES:
            self.language.addItem(words().language(language), language)
        self.template = QComboBox()
        self.template.setAccessibleName(self.tr("Template"))
        described = self._template_words()
        for name in TEMPLATE_NAMES:
            # What the template is for, then its file (the name the admin manual uses).
            self.template.addItem(f"{described.get(name, name)}（{name}.txt）", name)
        self.origin = QLabel()

        fixed = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        self.editor = QPlainTextEdit()
        self.editor.setAccessibleName(self.tr("Template text"))
        self.editor.setFont(fixed)
        self.editor.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.subject = QLineEdit()
        self.subject.setReadOnly(True)
        self.subject.setAccessibleName(self.tr("Preview subject"))
        self.body = QPlainTextEdit()
        self.body.setReadOnly(True)
        self.body.setAccessibleName(self.tr("Preview body"))
        self.problem = Banner()
        self.banner = Banner()

        self.save_button = QPushButton(self.tr("Save"))
        self.revert_button = QPushButton(self.tr("Revert to the bundled text"))
        self.save_button.clicked.connect(lambda: self.save())
        self.revert_button.clicked.connect(lambda: self.revert())

        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(PREVIEW_DELAY_MS)
        self.timer.timeout.connect(self.update_preview)

        choose = QHBoxLayout()
        choose.addWidget(QLabel(self.tr("Language")))
        choose.addWidget(self.language)
        choose.addWidget(QLabel(self.tr("Template")))
        choose.addWidget(self.template)
        choose.addWidget(self.origin, 1)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(
            QLabel(self.tr("Wording (placeholders such as ${area} are filled in)"))
        )
        left_layout.addWidget(self.editor)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(
            QLabel(self.tr("Preview: a level-3 heavy rain warning for Shinjuku (sample)"))
        )
        form = QFormLayout()
        form.addRow(self.tr("Subject"), self.subject)
        right_layout.addLayout(form)
        right_layout.addWidget(self.body)
        right_layout.addWidget(self.problem)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setSizes([1, 1])

        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.revert_button)
        buttons.addStretch(1)

        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("Mail templates")))
        explain = QLabel(
            self.tr(
                "The office's own wording replaces the wording shipped with the program, file by "
                "file. JMA's text is always relayed as published: write only the office's words."
            )
        )
        explain.setWordWrap(True)
        layout.addWidget(explain)
        layout.addLayout(choose)
        layout.addWidget(self.banner)
        layout.addWidget(splitter, 1)
        layout.addLayout(buttons)

        # What the editor held when it was loaded or saved: (language, name, text).
        self._loaded: tuple[str, str, str] | None = None
        self.language.currentIndexChanged.connect(self._selection_changed)
        self.template.currentIndexChanged.connect(self._selection_changed)
        self.editor.textChanged.connect(self.timer.start)
        self.load()

    # ---- what is selected ------------------------------------------------------------------

    def current(self) -> tuple[str, str]:
        return str(self.language.currentData()), str(self.template.currentData())

    def select(self, language: str, name: str) -> None:
        self.language.setCurrentIndex(self.language.findData(language))
        self.template.setCurrentIndex(self.template.findData(name))

    def _selection_changed(self) -> None:
        if self._loaded is not None and self.current() != self._loaded[:2]:
            if not self.keep_or_drop_edits():
                self._select_quietly(*self._loaded[:2])  # Cancel: stay on the edited template
                return
        self.load()

    def _select_quietly(self, language: str, name: str) -> None:
        for box, value in ((self.language, language), (self.template, name)):
            box.blockSignals(True)
            box.setCurrentIndex(box.findData(value))
            box.blockSignals(False)

    def has_unsaved_edits(self) -> bool:
        return self._loaded is not None and self.editor.toPlainText() != self._loaded[2]

    def keep_or_drop_edits(self) -> bool:
        """Before the edited text leaves the editor: save it, drop it, or stay (False)."""
        if not self.has_unsaved_edits():
            return True
        assert self._loaded is not None
        answer = self.ask_about_edits(f"{self._loaded[0]}/{self._loaded[1]}.txt")
        if answer == QMessageBox.StandardButton.Save:
            return self.save(self._loaded[0], self._loaded[1])
        return answer == QMessageBox.StandardButton.Discard

    def ask_about_edits(self, file_name: str) -> QMessageBox.StandardButton:
        """Asked when edited wording would be lost; tests replace this."""
        return QMessageBox.question(
            self,
            self.tr("Unsaved wording"),
            self.tr("The wording of %1 was edited and not saved. Save it now?").replace(
                "%1", file_name
            ),
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Save,
        )

    def load(self) -> None:
        """Show the office's text for the selected template, else the bundled one."""
        language, name = self.current()
        text, own = template_ops.template_text(self.session, language, name)
        self.editor.setPlainText(text)
        self._loaded = (language, name, self.editor.toPlainText())
        self._show_origin(own)
        self.banner.clear_message()
        self.update_preview()

    def _show_origin(self, own: bool) -> None:
        self.origin.setText(
            self.tr("The office's own wording") if own else self.tr("The bundled wording")
        )
        self.revert_button.setEnabled(own)

    # ---- preview ---------------------------------------------------------------------------

    def update_preview(self) -> None:
        self.timer.stop()
        language, name = self.current()
        try:
            content = template_ops.preview_template(
                self.session, self.office, language, name, self.editor.toPlainText()
            )
        except (KishomailError, KeyError, ValueError) as error:
            self.subject.clear()
            self.body.clear()
            self.problem.show_message(self._problem_words(error), "error")
            self.previewed.emit(False)
            return
        self.problem.clear_message()
        self.subject.setText(content.subject)
        self.body.setPlainText(content.body)
        self.previewed.emit(True)

    def _problem_words(self, error: BaseException) -> str:
        if isinstance(error, TemplateLoadError):
            return self.tr("This wording cannot be used: %1").replace(
                "%1", self._template_problem(error)
            )
        return describe(error)

    # ---- save and revert -------------------------------------------------------------------

    def _template_problem(self, error: TemplateLoadError) -> str:
        if error.problem == "subject_line":
            return self.tr("the first line must be 'Subject: …', followed by an empty line.")
        if error.problem == "unknown_placeholder":
            return self.tr(
                "%1 is not a placeholder kishomail fills (the list is in docs/templates.md)."
            ).replace("%1", error.detail)
        if error.problem == "placeholder_count":
            return self.tr(
                "%1 must appear exactly once (it carries the unsubscribe link every mail needs)."
            ).replace("%1", error.detail)
        if error.problem == "stray_dollar":
            return self.tr("a '$' that is not a placeholder. Write $$ for a dollar sign.")
        if error.problem == "slot":
            return self.tr("write $manage_url for the unsubscribe link.")
        return error.message

    def save(self, language: str | None = None, name: str | None = None) -> bool:
        """Save the editor's text as the office's wording of the selected template (or of
        ``language``/``name``: the one being left)."""
        if language is None or name is None:
            language, name = self.current()
        text = self.editor.toPlainText()
        try:
            template_ops.save_template(self.session, language, name, text)
        except TemplateLoadError as error:
            self.banner.show_message(
                self.tr("Not saved. %1").replace("%1", self._problem_words(error)), "error"
            )
            return False
        except (KishomailError, OSError) as error:
            self.banner.show_message(
                self.tr("Not saved. %1").replace("%1", describe(error)), "error"
            )
            return False
        self._loaded = (language, name, text)
        self._show_origin(True)
        self.banner.show_message(
            self.tr("Saved. The next mail uses this wording (%1).").replace(
                "%1", f"{language}/{name}.txt"
            ),
            "ok",
        )
        self.saved.emit(f"{language}/{name}")
        return True

    def revert(self, confirm: bool = True) -> None:
        language, name = self.current()
        if confirm:
            answer = QMessageBox.question(
                self,
                self.tr("Revert to the bundled text"),
                self.tr(
                    "Delete the office's wording of %1 and use the bundled text again?"
                ).replace("%1", f"{language}/{name}.txt"),
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        try:
            template_ops.delete_template(self.session, language, name)
        except (KishomailError, OSError) as error:
            self.banner.show_message(describe(error), "error")
            return
        self.load()
        self.banner.show_message(self.tr("The bundled text is used again."), "ok")


__all__ = ["TemplatesPage"]
