"""Languages: Japanese by default, English selectable; the choice is kept in ``QSettings``.

Our own strings come from ``resources/translations/kishomail_<lang>.qm`` (source texts are
English; the Japanese catalogue translates every one of them). Qt's own ``qtbase_<lang>.qm``
is loaded too so that standard buttons and dialogs speak the same language.
"""

from __future__ import annotations

import logging
from importlib.resources import as_file, files

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QSettings, QTranslator

log = logging.getLogger(__name__)

LANGUAGES = {"ja": "日本語", "en": "English"}
DEFAULT_LANGUAGE = "ja"
_SETTING = "ui/language"

_installed: list[QTranslator] = []


def chosen_language(settings: QSettings) -> str:
    value = str(settings.value(_SETTING, DEFAULT_LANGUAGE))
    return value if value in LANGUAGES else DEFAULT_LANGUAGE


def remember_language(settings: QSettings, language: str) -> None:
    settings.setValue(_SETTING, language)
    settings.sync()


def install_translations(language: str) -> str:
    """Replace the installed translators with those of ``language``; returns it."""
    app = QCoreApplication.instance()
    assert app is not None
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    QLocale.setDefault(
        QLocale(QLocale.Language.Japanese if language == "ja" else QLocale.Language.English)
    )
    ours = QTranslator(app)
    with as_file(files("resources") / "translations" / f"kishomail_{language}.qm") as path:
        if path.exists() and ours.load(str(path)):
            app.installTranslator(ours)
            _installed.append(ours)
        else:
            log.warning("no translation catalogue for %s", language)
    qt_folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if language != "en":
        qtbase = QTranslator(app)
        if qtbase.load(f"qtbase_{language}", qt_folder):
            app.installTranslator(qtbase)
            _installed.append(qtbase)
    return language
