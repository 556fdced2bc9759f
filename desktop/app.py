"""The desktop app's entry point: QApplication, translations, crash handling, and the flow
first start → login → main window (and back to login on logout)."""

from __future__ import annotations

import argparse
import logging
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QObject, QSettings, QtMsgType, qInstallMessageHandler
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QWidget

from desktop import font_size, i18n, icons
from desktop.bridge import ServiceBridge
from desktop.collector import QuietCollector
from desktop.errors import CrashReporter
from desktop.service_control import ServiceControl
from desktop.tasks import runner
from desktop.widgets.common import apply_focus_ring
from dispatch.base.logs import configure_logging
from dispatch.base.paths import resolve_data_dir
from dispatch.operations.demo import DEMO_FOLDER
from dispatch.operations.session import Session, store_exists

log = logging.getLogger("desktop")

ORGANISATION = "kishomail"
APPLICATION = "kishomail-desktop"
GUI_SWITCH_INTERVAL = 0.001


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m desktop", description="kishomail desktop")
    parser.add_argument("--data-dir", help="the data folder (default: the user data folder)")
    parser.add_argument("--lang", choices=sorted(i18n.LANGUAGES), help="language for this run")
    parser.add_argument(
        "--no-error-dialogs", action="store_true", help="log unexpected errors without dialogs"
    )
    parser.add_argument("--version", action="store_true", help="print the version and exit")
    return parser.parse_args(list(argv))


def _qt_messages(mode: QtMsgType, context: object, message: str) -> None:
    level = {
        QtMsgType.QtDebugMsg: logging.DEBUG,
        QtMsgType.QtInfoMsg: logging.INFO,
        QtMsgType.QtWarningMsg: logging.WARNING,
        QtMsgType.QtCriticalMsg: logging.ERROR,
        QtMsgType.QtFatalMsg: logging.CRITICAL,
    }.get(mode, logging.WARNING)
    logging.getLogger("qt").log(level, "%s", message)


def app_settings() -> QSettings:
    return QSettings(ORGANISATION, APPLICATION)


def demo_dir(data_dir: Path) -> Path:
    """Where "try the demo" keeps its store: the same folder ``kishomail run --demo`` uses."""
    return data_dir / DEMO_FOLDER


def has_store(data_dir: Path) -> bool:
    return store_exists(data_dir)


class Controller(QObject):
    """Which window is showing: setup, login, or the main window for a session."""

    crash_dialog: QWidget | None = None

    def __init__(self, data_dir: Path, settings: QSettings) -> None:
        super().__init__()
        self.data_dir = data_dir
        self.settings = settings
        self.window: QWidget | None = None
        self.session: Session | None = None
        self.bridge: ServiceBridge | None = None
        self.control: ServiceControl | None = None
        self.last_progress = float("-inf")
        # A full cycle collection (a short stall) waits while a dispatch is being sent.
        self.collector = QuietCollector(
            busy=lambda: time.monotonic() - self.last_progress < 60, parent=self
        )

    def start(self) -> None:
        if has_store(self.data_dir):
            self.show_login(self.data_dir)
        else:
            self.show_setup()

    def _replace(self, window: QWidget) -> None:
        old = self.window
        self.window = window
        window.show()
        if old is not None:
            old.close()
            old.deleteLater()

    def show_setup(self) -> None:
        # Each window's module loads when that window is first wanted (a cold start shows the
        # login window without loading the main window's pages).
        from desktop.dialogs.setup import SetupWindow

        window = SetupWindow(self.data_dir, demo_dir(self.data_dir))
        window.ready.connect(self.open_session)
        window.loginInstead.connect(self.show_login)
        self._replace(window)

    def show_login(self, data_dir: Path | None = None, fresh: bool = False) -> None:
        # (see show_setup: each window's module loads when it is first wanted)
        from desktop.dialogs.login import LoginWindow

        # After a logout the next officer logs in: no account filled in for them.
        window = LoginWindow(data_dir or self.data_dir, self.settings, remember=not fresh)
        window.loggedIn.connect(self.open_session)
        window.setupInstead.connect(self.show_setup)
        self._replace(window)

    def open_session(self, session: Session) -> None:
        # The main window and its pages load after the login, not on the way to it.
        from desktop.windows.main_window import MainWindow

        if session is not self.session or self.control is None:
            if self.control is not None:
                self.control.release()
            self.session = session
            self.bridge = ServiceBridge(self)
            self.bridge.progress.connect(self._progress)
            self.control = ServiceControl(session, self.bridge, self)
        assert self.bridge is not None
        window = MainWindow(session, self.settings, self.bridge, self.control)
        window.logoutRequested.connect(self._logout)
        window.quitRequested.connect(self.quit)
        window.languageChanged.connect(self.change_language)
        self._replace(window)

    def change_language(self, language: str) -> None:
        old = self.window if self.session is not None else None
        if old is not None:
            # Every text is set when a window is built: build it again in the new language.
            old.setProperty("keepSession", True)
            if not old.close():  # e.g. unsaved template wording the user chose to keep
                old.setProperty("keepSession", False)
                return
            self.window = None
            old.deleteLater()
        i18n.remember_language(self.settings, language)
        i18n.install_translations(language)
        if old is not None and self.session is not None:
            self.open_session(self.session)

    def quit(self) -> None:
        """End the app: the main window has closed for good (an engine left running in the
        background, or the OS service, goes on sending)."""
        if self.control is not None:
            self.control.release()
        app = QApplication.instance()
        if app is not None:
            app.quit()

    def _progress(self, _: object) -> None:
        self.last_progress = time.monotonic()

    def _logout(self) -> None:
        data_dir = self.session.store.data_dir if self.session else self.data_dir
        if self.session is not None:
            self.session.close()
        self.session = None
        if self.control is not None:  # the engine runs on; the next login attaches to it
            self.control.release()
        self.control = None
        self.show_login(data_dir, fresh=True)
        self.collector.collect_everything()  # the session's windows and pages are gone


def create_application(argv: Sequence[str] = ()) -> QApplication:
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(list(argv) or ["kishomail"])
    app.setOrganizationName(ORGANISATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationDisplayName("kishomail 気象メール")
    QGuiApplication.setDesktopFileName("kishomail")
    app.setWindowIcon(icons.app_icon())
    apply_focus_ring(app)
    return app


def offer_last_crash(parent: QWidget | None, dialogs: bool = True) -> str | None:
    """Show the last run's crash trace once, if there is one; returns it."""
    # Loaded only when asked: the crash machinery is not needed on the way to the login window.
    from desktop.errors import pending_crash

    trace = pending_crash()
    if trace and dialogs:
        # Only when there is a trace to show.
        from desktop.dialogs.crash import CrashTraceDialog

        dialog = CrashTraceDialog(trace, parent)
        dialog.setModal(False)
        dialog.show()
        dialog.raise_()
        Controller.crash_dialog = dialog  # kept alive while it shows
    return trace


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    if args.version:
        from importlib.metadata import version

        print(f"kishomail {version('kishomail')}")
        return 0
    configure_logging()
    # The engine runs in its own process, but the subscriber reader and the background tasks
    # run Python beside the GUI thread; a shorter GIL switch interval hands the GUI thread the
    # interpreter sooner (longest stall 73 ms against 91 ms at Python's default 5 ms, measured
    # before the collector below).
    sys.setswitchinterval(GUI_SWITCH_INTERVAL)
    qInstallMessageHandler(_qt_messages)
    app = create_application([sys.argv[0]])
    reporter = CrashReporter(dialogs=not args.no_error_dialogs)
    reporter.install()
    runner().on_unexpected = lambda error: reporter.report(type(error), error, error.__traceback__)
    settings = app_settings()
    font_size.apply_font_size(font_size.chosen_size(settings))  # 表示 → 文字の大きさ
    language = args.lang or i18n.chosen_language(settings)
    i18n.install_translations(language)
    data_dir = resolve_data_dir(args.data_dir)
    log.info("desktop starting on %s (language %s)", data_dir, language)
    controller = Controller(data_dir, settings)
    controller.collector.install()
    controller.start()
    offer_last_crash(controller.window, dialogs=not args.no_error_dialogs)
    code = app.exec()
    runner().wait_for_done()
    return code


if __name__ == "__main__":  # pragma: no cover
    os.environ.setdefault("QT_AUTO_SCREEN_SCALE_FACTOR", "1")
    sys.exit(main())
