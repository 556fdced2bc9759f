"""The office's own mail wording: ``<data_dir>/templates/<language>/<name>.txt``.

A file there replaces the bundled template of the same name (``resources/templates``), file by
file; :func:`office_library` is the :class:`~dispatch.wording.library.TemplateLibrary` that looks
there first. Saving checks the text exactly as loading does and refuses a bad template with the
:class:`~dispatch.wording.library.TemplateLoadError` message, so a broken file never reaches the
dispatcher. This module only reads; saving and deleting are staff operations
(:mod:`dispatch.operations.templates`). No Qt here.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path
from typing import Final

from dispatch.wording.library import (
    LANGUAGES,
    TEMPLATE_NAMES,
    TemplateLibrary,
    TemplateLoadError,
)

__all__ = [
    "OFFICE_TEMPLATE_FOLDER",
    "bundled_text",
    "check_name",
    "office_folder",
    "office_library",
    "office_text",
]

OFFICE_TEMPLATE_FOLDER: Final = "templates"


def office_folder(data_dir: Path) -> Path:
    """Where the office's templates live (the folder may not exist yet)."""
    return data_dir / OFFICE_TEMPLATE_FOLDER


def office_library(data_dir: Path) -> TemplateLibrary:
    """The bundled templates with the office's files in front of them."""
    return TemplateLibrary(office=office_folder(data_dir))


def check_name(language: str, name: str) -> None:
    """Refuse (:class:`TemplateLoadError`) a language or template name the product does not have."""
    if language not in LANGUAGES:
        raise TemplateLoadError(f"language {language!r}: expected one of {', '.join(LANGUAGES)}")
    if name not in TEMPLATE_NAMES:
        raise TemplateLoadError(f"no template called {name!r}")


def bundled_text(language: str, name: str) -> str:
    """The text shipped with the program (what "revert" goes back to)."""
    check_name(language, name)
    bundled = files("resources") / "templates" / language / f"{name}.txt"
    if not bundled.is_file():
        bundled = files("resources") / "templates" / "ja" / f"{name}.txt"
    return bundled.read_text(encoding="utf-8").removeprefix("\ufeff")


def office_text(data_dir: Path, language: str, name: str) -> str | None:
    """The office's own text for the template, or ``None`` when the bundled one is used."""
    check_name(language, name)
    path = office_folder(data_dir) / language / f"{name}.txt"
    try:
        return path.read_text(encoding="utf-8").removeprefix("\ufeff")
    except FileNotFoundError:
        return None
