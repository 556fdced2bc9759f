"""The office's own mail wording: ``<data_dir>/templates/<language>/<name>.txt``.

A file there replaces the bundled template of the same name (``resources/templates``), file by
file; :func:`office_library` is the :class:`~dispatch.wording.render.TemplateLibrary` that looks
there first. Saving checks the text exactly as loading does and refuses a bad template with the
:class:`~dispatch.wording.render.TemplateLoadError` message, so a broken file never reaches the
dispatcher. Saving and deleting need
:attr:`~dispatch.records.accounts.Permission.MANAGE_TEMPLATES` and are audited. No Qt here.
"""

from __future__ import annotations

import os
import tempfile
from importlib.resources import files
from pathlib import Path
from typing import Final

from dispatch.operations.session import Session
from dispatch.records.accounts import Permission
from dispatch.wording.render import (
    LANGUAGES,
    TEMPLATE_NAMES,
    TemplateLibrary,
    TemplateLoadError,
    parse_template,
)

__all__ = [
    "OFFICE_TEMPLATE_FOLDER",
    "bundled_text",
    "delete_template",
    "office_folder",
    "office_library",
    "office_text",
    "save_template",
]

OFFICE_TEMPLATE_FOLDER: Final = "templates"


def office_folder(data_dir: Path) -> Path:
    """Where the office's templates live (the folder may not exist yet)."""
    return data_dir / OFFICE_TEMPLATE_FOLDER


def office_library(data_dir: Path) -> TemplateLibrary:
    """The bundled templates with the office's files in front of them."""
    return TemplateLibrary(office=office_folder(data_dir))


def _checked_name(language: str, name: str) -> None:
    if language not in LANGUAGES:
        raise TemplateLoadError(f"language {language!r}: expected one of {', '.join(LANGUAGES)}")
    if name not in TEMPLATE_NAMES:
        raise TemplateLoadError(f"no template called {name!r}")


def bundled_text(language: str, name: str) -> str:
    """The text shipped with the program (what "revert" goes back to)."""
    _checked_name(language, name)
    bundled = files("resources") / "templates" / language / f"{name}.txt"
    if not bundled.is_file():
        bundled = files("resources") / "templates" / "ja" / f"{name}.txt"
    return bundled.read_text(encoding="utf-8").removeprefix("\ufeff")


def office_text(data_dir: Path, language: str, name: str) -> str | None:
    """The office's own text for the template, or ``None`` when the bundled one is used."""
    _checked_name(language, name)
    path = office_folder(data_dir) / language / f"{name}.txt"
    try:
        return path.read_text(encoding="utf-8").removeprefix("\ufeff")
    except FileNotFoundError:
        return None


def save_template(session: Session, language: str, name: str, text: str) -> Path:
    """Check ``text`` as a template and write it as the office's version (atomically).

    Raises :class:`TemplateLoadError` (nothing written) when the template is not valid, and
    :class:`~dispatch.operations.session.PermissionDenied` without the permission.
    """
    target = f"template:{language}/{name}"
    session.require(Permission.MANAGE_TEMPLATES, "template.save", target)
    _checked_name(language, name)
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
    _checked_name(language, name)
    path = office_folder(session.store.data_dir) / language / f"{name}.txt"
    if not path.is_file():
        return False
    with session.audited("template.delete", target):
        path.unlink()
    return True
