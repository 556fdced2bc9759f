"""The manual alert page's composer: the form (template, category, the texts, the audience,
one attachment, a send time), the draft it makes, and submitting it for approval.

A part of :class:`desktop.windows.manual_alert.ManualAlertPage` (mixed in, like
:class:`~desktop.windows.alert_parts.DispatchFollower`); its words are in the page's translation
context (``ManualAlertPage``), each a literal in a ``translate`` call so that ``lupdate`` finds
it."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any, cast

from PySide6.QtCore import QCoreApplication, QDateTime, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.tasks import run_in_background
from desktop.widgets.common import Banner
from desktop.windows.alert_parts import _line, show_password_once
from desktop.words import Words
from dispatch.base.clock import TOKYO
from dispatch.operations import manual_alerts as core
from dispatch.operations.session import Session
from dispatch.records.accounts import Permission
from dispatch.records.subscribers import TOPIC_NAMES


class ComposerPart:
    """The composer's widgets and steps; the page provides the session, banner and queue."""

    session: Session
    banner: Banner
    changed: Any  # the page's Signal

    def reload(self) -> None:
        raise NotImplementedError

    def ask(self, title: str, text: str, action: str, details: str) -> bool:
        """A confirmation with キャンセル as the default (the page's; tests replace it)."""
        raise NotImplementedError

    def _failed(self, error: BaseException) -> None:
        raise NotImplementedError

    def _composer(self, w: Words) -> QGroupBox:
        """Build the form (its fields become the page's attributes) and return its group."""
        self.category = QComboBox()
        for value, text in (
            ("evacuation", QCoreApplication.translate("ManualAlertPage", "Evacuation information")),
            ("shelter", QCoreApplication.translate("ManualAlertPage", "Shelters open")),
            ("weather", QCoreApplication.translate("ManualAlertPage", "Weather information")),
            ("notice", QCoreApplication.translate("ManualAlertPage", "Notice")),
            ("exercise", QCoreApplication.translate("ManualAlertPage", "Exercise")),
        ):
            self.category.addItem(text, value)
        self.category.setAccessibleName(QCoreApplication.translate("ManualAlertPage", "Category"))
        # ---- templates: the core's ready wording, with the officer's details
        self.template = QComboBox()
        self.template.setAccessibleName(QCoreApplication.translate("ManualAlertPage", "Template"))
        self.template.addItem(
            QCoreApplication.translate("ManualAlertPage", "(no template: write freely)"), ""
        )
        for name, text in (
            ("shelter_open", QCoreApplication.translate("ManualAlertPage", "Shelters opened")),
            ("evacuation", QCoreApplication.translate("ManualAlertPage", "Evacuation information")),
            ("exercise", QCoreApplication.translate("ManualAlertPage", "Delivery exercise")),
        ):
            if name in core.TEMPLATES:
                self.template.addItem(text, name)
        self.template_details = QLineEdit()
        self.template_details.setAccessibleName(
            QCoreApplication.translate("ManualAlertPage", "Details for the template")
        )
        self.template_details.setPlaceholderText(
            QCoreApplication.translate(
                "ManualAlertPage", "e.g. 戸山小学校、落合第一小学校 (goes into every language)"
            )
        )
        self.use_template = QPushButton(
            QCoreApplication.translate("ManualAlertPage", "Fill in from template")
        )
        self.use_template.clicked.connect(self.apply_template)
        # ---- attachment (one file; personal data goes as an encrypted ZIP)
        self.attachment_path: Path | None = None
        self.attachment_label = QLabel(
            QCoreApplication.translate("ManualAlertPage", "No attachment.")
        )
        self.attachment_label.setWordWrap(True)
        self.add_attachment_button = QPushButton(
            QCoreApplication.translate("ManualAlertPage", "Attach file…")
        )
        self.add_attachment_button.clicked.connect(self.choose_attachment)
        self.remove_attachment_button = QPushButton(
            QCoreApplication.translate("ManualAlertPage", "Remove")
        )
        self.remove_attachment_button.setEnabled(False)
        self.remove_attachment_button.clicked.connect(self.remove_attachment)
        self.personal_data = QCheckBox(
            QCoreApplication.translate(
                "ManualAlertPage",
                "Contains personal data (sent as an encrypted ZIP; password shown once)",
            )
        )
        self.personal_data.setEnabled(False)
        # ---- optional send time (Tokyo time); approved alerts then wait for it
        self.schedule = QCheckBox(
            QCoreApplication.translate("ManualAlertPage", "Send at (Tokyo time):")
        )
        self.send_at = QDateTimeEdit()
        self.send_at.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.send_at.setCalendarPopup(True)
        self.send_at.setAccessibleName(
            QCoreApplication.translate("ManualAlertPage", "Send time (Tokyo time)")
        )
        self.send_at.setDateTime(
            QDateTime.fromSecsSinceEpoch(int(time.time()) + 3600 - int(time.time()) % 300)
        )
        self.send_at.setEnabled(False)
        self.schedule.toggled.connect(self.send_at.setEnabled)
        self.subject_ja = QLineEdit()
        self.subject_ja.setAccessibleName(
            QCoreApplication.translate("ManualAlertPage", "Subject (Japanese)")
        )
        self.body_ja = QPlainTextEdit()
        self.body_ja.setAccessibleName(
            QCoreApplication.translate("ManualAlertPage", "Text (Japanese)")
        )
        self.subject_en = QLineEdit()
        self.subject_en.setAccessibleName(
            QCoreApplication.translate("ManualAlertPage", "Subject (English, optional)")
        )
        self.body_en = QPlainTextEdit()
        self.body_en.setAccessibleName(
            QCoreApplication.translate("ManualAlertPage", "Text (English, optional)")
        )
        self.subject_easy = QLineEdit()
        self.subject_easy.setAccessibleName(
            QCoreApplication.translate("ManualAlertPage", "Subject (easy Japanese, optional)")
        )
        self.body_easy = QPlainTextEdit()
        self.body_easy.setAccessibleName(
            QCoreApplication.translate("ManualAlertPage", "Text (easy Japanese, optional)")
        )
        #: Each language's subject and text fields, in the order of the form.
        self.text_fields = {
            "ja": (self.subject_ja, self.body_ja),
            "en": (self.subject_en, self.body_en),
            "ja-easy": (self.subject_easy, self.body_easy),
        }
        for _, edit in self.text_fields.values():
            edit.setMinimumHeight(70)
            edit.setTabChangesFocus(True)  # Tab goes on to the next field, types no tab
        self.topics = {t: QCheckBox(w.topic(t)) for t in TOPIC_NAMES}
        topics_line = QHBoxLayout()
        for box in self.topics.values():
            topics_line.addWidget(box)
        topics_line.addStretch(1)
        self.audience_label = QLabel(
            QCoreApplication.translate(
                "ManualAlertPage", "Audience: every active subscriber (no topic chosen)."
            )
        )
        form = QFormLayout()
        form.addRow(
            QCoreApplication.translate("ManualAlertPage", "Template"),
            _line(self.template, self.template_details, self.use_template, stretch=1),
        )
        form.addRow(QCoreApplication.translate("ManualAlertPage", "Category"), self.category)
        form.addRow(
            QCoreApplication.translate("ManualAlertPage", "Subject (Japanese)"), self.subject_ja
        )
        form.addRow(QCoreApplication.translate("ManualAlertPage", "Text (Japanese)"), self.body_ja)
        form.addRow(
            QCoreApplication.translate("ManualAlertPage", "Subject (English, optional)"),
            self.subject_en,
        )
        form.addRow(
            QCoreApplication.translate("ManualAlertPage", "Text (English, optional)"), self.body_en
        )
        form.addRow(
            QCoreApplication.translate("ManualAlertPage", "Subject (easy Japanese, optional)"),
            self.subject_easy,
        )
        form.addRow(
            QCoreApplication.translate("ManualAlertPage", "Text (easy Japanese, optional)"),
            self.body_easy,
        )
        form.addRow(
            QCoreApplication.translate("ManualAlertPage", "Only subscribers of"), topics_line
        )
        form.addRow(
            QCoreApplication.translate("ManualAlertPage", "Attachment"),
            _line(self.attachment_label, self.add_attachment_button, self.remove_attachment_button),
        )
        form.addRow("", self.personal_data)
        form.addRow(self.schedule, self.send_at)
        self.compose_button = QPushButton(
            QCoreApplication.translate(
                "ManualAlertPage", "Save draft and submit for approval (Ctrl+Enter)"
            )
        )
        self.compose_button.setEnabled(self.session.can(Permission.COMPOSE_ALERTS))
        self.compose_button.clicked.connect(self.compose_and_submit)
        composer = QGroupBox(QCoreApplication.translate("ManualAlertPage", "Compose"))
        composer_layout = QVBoxLayout(composer)
        composer_layout.addLayout(form)
        composer_layout.addWidget(self.audience_label)
        self.preview_draft_button = QPushButton(
            QCoreApplication.translate("ManualAlertPage", "See it as mailed (&W)")
        )
        self.preview_draft_button.setToolTip(
            QCoreApplication.translate(
                "ManualAlertPage",
                "Shows the draft exactly as each language will be mailed, with the number of "
                "recipients now, before anything is saved.",
            )
        )
        self.preview_draft_button.clicked.connect(self.preview_composed)
        composer_layout.addWidget(_line(self.preview_draft_button, self.compose_button, stretch=1))
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            shortcut = QShortcut(QKeySequence(keys), composer)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(self.compose_and_submit)
        #: The texts the last template filled in (to tell edited text from it).
        self._filled: tuple[str, ...] | None = None
        self._submitting = False

        return composer

    def draft(self) -> Any:
        """The form as a draft (without the attachment, which is read off the GUI thread)."""
        texts = {
            language: core.AlertText(subject.text().strip(), body.toPlainText().strip())
            for language, (subject, body) in self.text_fields.items()
            if language == "ja" or subject.text().strip() or body.toPlainText().strip()
        }
        topics = tuple(t for t, box in self.topics.items() if box.isChecked())
        send_at = None
        if self.schedule.isChecked():
            send_at = datetime.fromtimestamp(self.send_at.dateTime().toSecsSinceEpoch(), TOKYO)
        return core.Draft(
            self.category.currentData(),
            texts,
            core.Audience(topics=topics),
            send_at=send_at,
        )

    # ---- template and attachment -----------------------------------------------------------

    def apply_template(self) -> None:
        name = self.template.currentData()
        if not name:
            return
        if self._edited_text() and not self.ask(
            QCoreApplication.translate("ManualAlertPage", "Replace the text?"),
            QCoreApplication.translate(
                "ManualAlertPage",
                "The subject and text were edited. Replace them with the template?",
            ),
            QCoreApplication.translate("ManualAlertPage", "Replace with the template"),
            "",
        ):
            return
        try:
            texts = core.from_template(name, {"ja": self.template_details.text().strip()})
        except Exception as error:
            self._failed(error)
            return
        for language, (subject, body) in self.text_fields.items():
            text = texts.get(language)
            subject.setText(text.subject if text else "")
            body.setPlainText(text.body if text else "")
        category = {"shelter_open": "shelter"}.get(name, name)
        index = self.category.findData(category)
        if index >= 0:
            self.category.setCurrentIndex(index)
        self._filled = self._texts()

    def _texts(self) -> tuple[str, ...]:
        return tuple(
            text
            for subject, body in self.text_fields.values()
            for text in (subject.text(), body.toPlainText())
        )

    def _edited_text(self) -> bool:
        """Text a person typed that a template would overwrite."""
        texts = self._texts()
        return any(t.strip() for t in texts) and texts != self._filled

    def clear_form(self) -> None:
        """After a submit: an empty form, so a second click cannot submit it again."""
        self.template_details.clear()
        for subject, body in self.text_fields.values():
            subject.clear()
            body.clear()
        for box in self.topics.values():
            box.setChecked(False)
        self.schedule.setChecked(False)
        self.remove_attachment()
        self._filled = None

    def ask_attachment_path(self) -> Path | None:
        """The file to attach (tests replace this)."""
        name, _ = QFileDialog.getOpenFileName(
            cast(QWidget, self), QCoreApplication.translate("ManualAlertPage", "Attach a file")
        )
        return Path(name) if name else None

    def choose_attachment(self) -> None:
        path = self.ask_attachment_path()
        if path is None:
            return
        self.attachment_path = path
        self.attachment_label.setText(path.name)
        self.remove_attachment_button.setEnabled(True)
        self.personal_data.setEnabled(True)

    def remove_attachment(self) -> None:
        self.attachment_path = None
        self.attachment_label.setText(
            QCoreApplication.translate("ManualAlertPage", "No attachment.")
        )
        self.remove_attachment_button.setEnabled(False)
        self.personal_data.setChecked(False)
        self.personal_data.setEnabled(False)

    def show_password_once(self, password: str) -> None:
        """The encrypted ZIP's password, shown once (tests replace this)."""
        show_password_once(cast(QWidget, self), password)

    # ---- compose and submit ----------------------------------------------------------------

    def _draft_reader(self) -> Callable[[], Any]:
        """The form's draft now; the attachment file is read when called (off the GUI thread)."""
        draft, path = self.draft(), self.attachment_path
        personal = self.personal_data.isChecked()

        def read() -> Any:
            if path is None:
                return draft
            attachment = core.Attachment(path.name, path.read_bytes(), personal)
            return core.Draft(
                draft.category, draft.texts, draft.audience, attachment, draft.send_at
            )

        return read

    def preview_composed(self) -> None:
        """The draft exactly as mailed, before anything is stored (shown by the page)."""
        session, read_draft = self.session, self._draft_reader()
        run_in_background(
            lambda: core.preview_draft(session, read_draft()),
            self.show_draft_preview,
            self._failed,
            store=session.store,
        )

    def show_draft_preview(self, preview: Any) -> None:
        raise NotImplementedError

    def compose_and_submit(self) -> None:
        if self._submitting or not self.compose_button.isEnabled():
            return  # one submit at a time: a double click or Ctrl+Enter twice is one alert
        if not self.subject_ja.text().strip():
            self.banner.show_message(
                QCoreApplication.translate("ManualAlertPage", "Write a subject first."), "warning"
            )
            self.subject_ja.setFocus()
            return
        self._submitting = True
        self.compose_button.setEnabled(False)
        session, read_draft = self.session, self._draft_reader()

        def work() -> Any:
            composed = core.compose(session, read_draft())
            return core.submit(session, composed.alert.id), composed.zip_password

        def done(result: tuple[Any, str | None]) -> None:
            alert, password = result
            self._submit_ended()
            self.clear_form()
            self.banner.show_message(
                QCoreApplication.translate(
                    "ManualAlertPage", "Alert %1 waits for a second officer's approval."
                ).replace("%1", str(alert.id)),
                "ok",
            )
            self.reload()
            self.changed.emit()
            if password:
                self.show_password_once(password)

        def failed(error: BaseException) -> None:
            self._submit_ended()
            self._failed(error)

        run_in_background(work, done, failed, store=session.store)

    def _submit_ended(self) -> None:
        self._submitting = False
        self.compose_button.setEnabled(self.session.can(Permission.COMPOSE_ALERTS))
