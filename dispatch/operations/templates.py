"""The office's own mail wording, changed by staff: save or delete one template file.

Saving checks the text exactly as loading does and refuses a bad template with the
:class:`~dispatch.wording.library.TemplateLoadError` message, so a broken file never reaches the
dispatcher; the file is written atomically. Saving and deleting need
:attr:`~dispatch.records.accounts.Permission.MANAGE_TEMPLATES` and are audited. Reading the
office's files is :mod:`dispatch.wording.office_templates`.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from dispatch.operations.session import Session
from dispatch.records.accounts import Permission
from dispatch.wording.library import parse_template
from dispatch.wording.office_templates import check_name, office_folder


def save_template(session: Session, language: str, name: str, text: str) -> Path:
    """Check ``text`` as a template and write it as the office's version (atomically).

    Raises :class:`TemplateLoadError` (nothing written) when the template is not valid, and
    :class:`~dispatch.operations.session.PermissionDenied` without the permission.
    """
    target = f"template:{language}/{name}"
    session.require(Permission.MANAGE_TEMPLATES, "template.save", target)
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


def delete_template(session: Session, language: str, name: str) -> bool:
    """Remove the office's version so that the bundled text is used again. ``False`` when
    there was none."""
    target = f"template:{language}/{name}"
    session.require(Permission.MANAGE_TEMPLATES, "template.delete", target)
    check_name(language, name)
    path = office_folder(session.store.data_dir) / language / f"{name}.txt"
    if not path.is_file():
        return False
    with session.audited("template.delete", target):
        path.unlink()
    return True
