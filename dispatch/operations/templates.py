"""The office's own mail wording, as staff read, preview, save or delete a template file.

Saving checks the text exactly as loading does and refuses a bad template with the
:class:`~dispatch.wording.library.TemplateLoadError` message, so a broken file never reaches the
dispatcher; the file is written atomically. Saving and deleting need
:attr:`~dispatch.records.accounts.Permission.MANAGE_TEMPLATES` and are audited. Reading the
office's files is :mod:`dispatch.wording.office_templates`.
"""

from __future__ import annotations

import os
import tempfile
from datetime import datetime
from pathlib import Path

from dispatch.base.clock import TOKYO
from dispatch.base.errors import KishomailError
from dispatch.base.vocabulary import Charset
from dispatch.mail.message import MessageContent, Mode
from dispatch.operations.declare import operation
from dispatch.operations.session import Session
from dispatch.records.accounts import Permission
from dispatch.records.settings import OfficeProfile, office_profile
from dispatch.wording.alerts import DEMO_OFFICE, render_alert
from dispatch.wording.library import LANGUAGES as LANGUAGES  # the page lists them
from dispatch.wording.library import TEMPLATE_NAMES as TEMPLATE_NAMES
from dispatch.wording.library import MailTemplate, TemplateLibrary, parse_template
from dispatch.wording.library import TemplateLoadError as TemplateLoadError
from dispatch.wording.office_templates import bundled_text, check_name, office_folder, office_text
from feeds.model import Alert, Category, Change


@operation(Permission.MANAGE_TEMPLATES, "template.save", target="template:{language}/{name}")
def save_template(session: Session, language: str, name: str, text: str) -> Path:
    """Check ``text`` as a template and write it as the office's version (atomically).

    Raises :class:`TemplateLoadError` (nothing written) when the template is not valid, and
    :class:`~dispatch.operations.session.PermissionDenied` without the permission.
    """
    target = f"template:{language}/{name}"
    check_name(language, name)
    parse_template(language, name, text)  # the checks every loaded file goes through
    folder = office_folder(session.store.data_dir) / language
    path = folder / f"{name}.txt"
    with session.audited("template.save", target) as detail:
        folder.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=folder)
        try:
            with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as out:
                out.write(text)
                out.flush()
                os.fsync(out.fileno())
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        detail["characters"] = len(text)
    return path


@operation(Permission.MANAGE_TEMPLATES, "template.delete", target="template:{language}/{name}")
def delete_template(session: Session, language: str, name: str) -> bool:
    """Remove the office's version so that the bundled text is used again. ``False`` when
    there was none."""
    target = f"template:{language}/{name}"
    check_name(language, name)
    path = office_folder(session.store.data_dir) / language / f"{name}.txt"
    if not path.is_file():
        return False
    with session.audited("template.delete", target):
        path.unlink()
    return True


# ---- reading and previewing (the templates page) ------------------------------------------

#: The alert every preview shows: a level-3 heavy-rain warning for 新宿区.
SAMPLE_ALERT = Alert(
    dedupe_key="template-preview",
    category=Category.WARNING,
    change=Change.UPGRADE,
    area_code="1310400",
    area_name="新宿区",
    report_datetime=datetime(2026, 10, 12, 19, 0, tzinfo=TOKYO),
    title="東京都気象警報・注意報",
    headline="東京地方では、土砂災害や低い土地の浸水に警戒してください。",
    issuing_offices=("気象庁",),
    source_id="template-preview.xml",
    level=3,
    kind_name="レベル３大雨警報",
)


class _PreviewLibrary(TemplateLibrary):
    """The office's library with one file replaced by the text being edited."""

    def __init__(self, office: Path, edited: MailTemplate) -> None:
        super().__init__(office=office)
        self.edited = edited

    def find(self, language: str, name: str) -> MailTemplate | None:
        if (language, name) == (self.edited.language, self.edited.name):
            return self.edited
        return super().find(language, name)


@operation(None, "template.view")
def preview_office(session: Session) -> OfficeProfile:
    """The office as the mail names it; the demo office while the settings are incomplete."""
    try:
        return office_profile(session.connection)
    except (KishomailError, LookupError, TypeError, ValueError):
        return DEMO_OFFICE


@operation(None, "template.view")
def template_text(session: Session, language: str, name: str) -> tuple[str, bool]:
    """The wording in use: the office's own (``True``) or the bundled text (``False``)."""
    own = office_text(session.store.data_dir, language, name)
    return (own, True) if own is not None else (bundled_text(language, name), False)


@operation(None, "template.preview")
def preview_template(
    session: Session, office: OfficeProfile, language: str, name: str, text: str
) -> MessageContent:
    """The sample alert rendered with ``text`` as the wording of ``name`` (not saved).

    Raises :class:`TemplateLoadError` (with its ``problem``) when the text could not be used."""
    edited = parse_template(language, name, text)
    library = _PreviewLibrary(office_folder(session.store.data_dir), edited)
    return render_alert(
        SAMPLE_ALERT,
        language,
        Charset.UTF8,
        office,
        mode=Mode.BATCH,
        library=library,
        template_name="warning" if name == "footer" else name,
    )
