"""The main window: one tab per screen the person's role may open."""

from __future__ import annotations

import logging

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QFrame,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QScrollArea,
    QSystemTrayIcon,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop import font_size, i18n, icons
from desktop.bridge import ServiceBridge
from desktop.dialogs.setup import open_demo_as
from desktop.display import short_path
from desktop.errors import describe
from desktop.formatting import when
from desktop.help import ManualWindow, version_text
from desktop.service_control import ServiceControl
from desktop.sound import WarningSound
from desktop.tasks import run_in_background
from desktop.training import TrainingBanner, training_demo_dir
from desktop.widgets.common import confirm, place_on_screen
from desktop.windows.dashboard import DashboardPage
from desktop.windows.shortcuts import WindowKeys
from desktop.words import words
from dispatch.operations.session import Session
from dispatch.records.accounts import Permission

log = logging.getLogger(__name__)


class MainWindow(QMainWindow):
    logoutRequested = Signal()
    #: The window closed for good (not a logout, not a language change): the app should end.
    quitRequested = Signal()
    languageChanged = Signal(str)
    #: The training demo's window opened (desktop.training).
    trainingOpened = Signal(object)

    def __init__(
        self,
        session: Session,
        settings: QSettings,
        bridge: ServiceBridge,
        control: ServiceControl,
        *,
        training: bool = False,
    ) -> None:
        super().__init__()
        self.session = session
        self.settings = settings
        font_size.apply_font_size(font_size.chosen_size(settings))
        #: A training demo's window (desktop.training): marked, and closing it ends only it.
        self.training = training
        self.training_window: MainWindow | None = None
        self.training_folder = training_demo_dir()
        self.setWindowIcon(icons.app_icon())
        title = (
            self.tr("kishomail — %1 (%2)")
            .replace("%1", session.account.name)
            .replace("%2", words().role(session.account.role))
        )
        if training:
            title = self.tr("[TRAINING · DEMO] %1").replace("%1", title)
        self.setWindowTitle(title)
        self.bridge = bridge
        self.control = control
        self._stopping_to_close = False
        # Set by logout(); kept while the close waits for the engine to stop.
        self._logging_out = False
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self._shown_page: str | None = None
        self.tabs.currentChanged.connect(self._page_changed)
        if training:
            central = QWidget()
            column = QVBoxLayout(central)
            column.setContentsMargins(0, 0, 0, 0)
            column.setSpacing(0)
            self.training_banner = TrainingBanner()
            column.addWidget(self.training_banner)
            column.addWidget(self.tabs, 1)
            self.setCentralWidget(central)
        else:
            self.setCentralWidget(self.tabs)
        self.pages: dict[str, object] = {}
        self._holders: dict[str, QScrollArea] = {}
        self._build_pages()
        self.keys = WindowKeys(self, self.tabs, self.pages, self.current_key)
        self._build_menu()
        self.state_label = QLabel()
        self.statusBar().addPermanentWidget(self.state_label)
        self.control.stateChanged.connect(self._show_state)
        self.control.statusChanged.connect(lambda _: self._show_state(self.control.state))
        self._show_state(self.control.state)
        self.statusBar().showMessage(
            self.tr("Logged in as %1. Data folder: %2")
            .replace("%1", session.account.name)
            .replace("%2", short_path(session.store.data_dir))
        )
        self.resize(1200, 720)
        geometry = settings.value("ui/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        place_on_screen(self)
        if not training:
            self._tray()

    def _add(self, key: str, page: QWidget, title: str, shortcut: int) -> None:
        self.pages[key] = page
        # Each page scrolls when the window is smaller than the page wants (a 1366×768
        # screen): the window itself never grows past the screen.
        holder = QScrollArea()
        holder.setWidget(page)
        holder.setWidgetResizable(True)
        holder.setFrameShape(QFrame.Shape.NoFrame)
        self._holders[key] = holder
        index = self.tabs.addTab(holder, title)
        action = QAction(self)
        action.setShortcut(QKeySequence(f"Ctrl+{shortcut}"))
        action.triggered.connect(lambda: self.tabs.setCurrentIndex(index))
        self.addAction(action)
        self.tabs.setTabToolTip(index, f"{title} (Ctrl+{shortcut})")

    def _page_changed(self, index: int) -> None:
        # Leaving a page with unsaved edits asks first; "stay" goes back to it.
        keys = list(self._holders)
        left = self._shown_page
        if left is not None and 0 <= index < len(keys) and keys[index] != left:
            keep = getattr(self.pages[left], "keep_or_drop_edits", None)
            if keep is not None and not keep():
                blocked = self.tabs.blockSignals(True)
                self.tabs.setCurrentWidget(self._holders[left])
                self.tabs.blockSignals(blocked)
                return
        self._shown_page = keys[index] if 0 <= index < len(keys) else None

    def _unsaved_page(self) -> str | None:
        """The first page whose unsaved edits the person chose to keep (closing waits)."""
        for key, page in self.pages.items():
            keep = getattr(page, "keep_or_drop_edits", None)
            if keep is not None and not keep():
                return key
        return None

    def show_page(self, key: str) -> None:
        self.tabs.setCurrentWidget(self._holders[key])

    def current_key(self) -> str | None:
        keys = list(self._holders)
        index = self.tabs.currentIndex()
        return keys[index] if 0 <= index < len(keys) else None

    def current_page(self) -> object:
        holder = self.tabs.currentWidget()
        return holder.widget() if isinstance(holder, QScrollArea) else holder

    def _build_pages(self) -> None:
        # Imported here, not at the top: the pages (QtCharts among them) load only once someone
        # has logged in, so the login window of a cold start appears without waiting for them.
        from desktop.windows.audit import AuditPage
        from desktop.windows.history import HistoryPage
        from desktop.windows.mailbox import MailboxPage
        from desktop.windows.manual_alert import ManualAlertPage
        from desktop.windows.settings import SettingsPage
        from desktop.windows.statistics import StatisticsPage
        from desktop.windows.subscribers import SubscribersPage
        from desktop.windows.templates import TemplatesPage

        can = self.session.can
        n = 1
        self.dashboard = DashboardPage(self.session, self.bridge, self.control)
        # A training window is silent: at night the ward's chime must mean the ward.
        self.dashboard.sound = None if self.training else WarningSound(self.settings)
        self._add("dashboard", self.dashboard, self.tr("Dashboard"), n)
        if can(Permission.READ_SUBSCRIBERS):
            n += 1
            self._add("subscribers", SubscribersPage(self.session), self.tr("Subscribers"), n)
        if can(Permission.COMPOSE_ALERTS) or can(Permission.APPROVE_ALERTS):
            n += 1
            self._add(
                "manual", ManualAlertPage(self.session, self.bridge), self.tr("Manual alert"), n
            )
        if can(Permission.READ_STATISTICS):
            n += 1
            self._add(
                "history", HistoryPage(self.session, self.bridge), self.tr("Dispatch history"), n
            )
            n += 1
            self._add("statistics", StatisticsPage(self.session), self.tr("Statistics"), n)
        if can(Permission.READ_SUBSCRIBERS):  # its messages name residents' addresses
            n += 1
            self._add("mailbox", MailboxPage(self.session, self.bridge), self.tr("Mailbox"), n)
        if can(Permission.READ_AUDIT):
            n += 1
            self._add("audit", AuditPage(self.session), self.tr("Audit log"), n)
        if can(Permission.MANAGE_TEMPLATES):
            n += 1
            self._add("templates", TemplatesPage(self.session), self.tr("Templates"), n)
        if can(Permission.MANAGE_SETTINGS) or can(Permission.MANAGE_ACCOUNTS):
            n += 1
            self._add(
                "settings", SettingsPage(self.session, ui=self.settings), self.tr("Settings"), n
            )

    def _build_menu(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        self.keys.fill_service_menu(file_menu)
        if not file_menu.isEmpty():
            file_menu.addSeparator()
        if not self.training:
            self.training_action = file_menu.addAction(self.tr("Open the training demo…"))
            self.training_action.triggered.connect(self.open_training_demo)
            file_menu.addSeparator()
        logout = file_menu.addAction(
            self.tr("Close the training demo") if self.training else self.tr("Log out")
        )
        logout.setShortcut(QKeySequence("Ctrl+L"))
        logout.triggered.connect(self.logout)
        quit_action = file_menu.addAction(self.tr("Quit"))
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.request_quit)
        quit_action.setVisible(not self.training)  # a training window only closes
        self.view_menu = self.menuBar().addMenu(self.tr("&View"))
        self.keys.fill_view_menu(self.view_menu)
        self.view_menu.addSeparator()
        sizes = self.view_menu.addMenu(self.tr("Text size"))
        size_group = QActionGroup(self)
        self.size_actions: dict[str, QAction] = {}
        chosen = font_size.chosen_size(self.settings)
        for code, label in (
            ("normal", self.tr("Standard")),
            ("large", self.tr("Large")),
            ("xlarge", self.tr("Extra large")),
        ):
            action = sizes.addAction(label)
            action.setCheckable(True)
            action.setChecked(code == chosen)
            size_group.addAction(action)
            action.triggered.connect(lambda _=False, c=code: self.choose_font_size(c))
            self.size_actions[code] = action
        view_menu = self.menuBar().addMenu(self.tr("&Language"))
        group = QActionGroup(self)
        self.language_actions: dict[str, QAction] = {}
        for code, name in i18n.LANGUAGES.items():
            action = view_menu.addAction(name)
            action.setCheckable(True)
            group.addAction(action)
            action.triggered.connect(lambda _=False, c=code: self._choose_language(c))
            self.language_actions[code] = action
        self._check_language()
        # A training window follows the language of the ward's window it came from.
        view_menu.setEnabled(not self.training)
        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        manual = help_menu.addAction(self.tr("Staff manual"))
        manual.setShortcut(QKeySequence.StandardKey.HelpContents)
        manual.triggered.connect(self.show_manual)
        keys = help_menu.addAction(self.tr("Keyboard shortcuts…"))
        keys.triggered.connect(lambda: self.keys.show_listing((logout, quit_action, manual)))
        about = help_menu.addAction(self.tr("About kishomail"))
        about.triggered.connect(self._about)
        self.manual_window: ManualWindow | None = None

    # ---- the training demo ------------------------------------------------------------------

    def open_training_demo(self) -> None:
        """The training demo in a second window, for this person's role; the ward's window,
        store and engine go on as they are."""
        if self.training_window is not None:
            self.training_window.showNormal()
            self.training_window.raise_()
            self.training_window.activateWindow()
            return
        folder, role = self.training_folder, self.session.account.role
        self.training_action.setEnabled(False)
        self.statusBar().showMessage(self.tr("Preparing the training demo…"))

        def opened(session: Session) -> None:
            self.training_action.setEnabled(True)
            self.statusBar().clearMessage()
            bridge = ServiceBridge()
            window = MainWindow(
                session, self.settings, bridge, ServiceControl(session, bridge), training=True
            )
            bridge.setParent(window)
            window.control.setParent(window)
            self.training_window = window
            window.destroyed.connect(lambda: setattr(self, "training_window", None))
            window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            window.show()
            self.trainingOpened.emit(window)

        def failed(error: BaseException) -> None:
            self.training_action.setEnabled(True)
            self.statusBar().clearMessage()
            QMessageBox.warning(self, self.tr("Training demo"), describe(error))

        run_in_background(lambda: open_demo_as(folder, role), opened, failed)

    def show_manual(self) -> ManualWindow:
        """The staff manual in a window of its own (F1), kept open beside the work."""
        if self.manual_window is None:
            self.manual_window = ManualWindow(self)
        self.manual_window.show()
        self.manual_window.raise_()
        return self.manual_window

    def about_text(self) -> str:
        return (
            self.tr(
                "%1 (weather alert mail) — the crisis-management office's alert mail system.\n"
                "Data folder: %2\nThe staff manual: Help → Staff manual (F1)."
            )
            .replace("%1", version_text())
            .replace("%2", short_path(self.session.store.data_dir))
        )

    def _about(self) -> None:
        QMessageBox.about(self, self.tr("About kishomail"), self.about_text())

    def _tray(self) -> None:
        if QSystemTrayIcon.isSystemTrayAvailable():
            tray = QSystemTrayIcon(icons.app_icon(), self)
            tray.setToolTip("kishomail")
            menu = QMenu(self)
            menu.addAction(self.tr("Show window"), self._bring_back)
            menu.addAction(self.tr("Log out"), self.logout)
            menu.addAction(self.tr("Quit"), self.request_quit)
            tray.setContextMenu(menu)
            tray.activated.connect(lambda _: self._bring_back())
            tray.show()
            self.dashboard.tray = tray

    def _bring_back(self) -> None:
        self.showNormal()
        self.raise_()
        self.activateWindow()

    def _show_state(self, state: str) -> None:
        text = {
            "stopped": self.tr("Service: stopped"),
            "starting": self.tr("Service: starting"),
            "running": self.tr("Service: running"),
            "stopping": self.tr("Service: stopping"),
        }[state]
        status = self.control.status
        if state == "running" and status is not None:
            if status.os_service:
                text = self.tr("Service: running (OS service)")
            if status.last_good_poll_at is not None:
                text += self.tr(" · last poll %1").replace(
                    "%1", when(status.last_good_poll_at.isoformat(), seconds=True)
                )
        self.state_label.setText(text)

    def choose_font_size(self, size: str) -> None:
        """Kept for this computer and applied at once to every window and page."""
        font_size.remember_size(self.settings, size)
        font_size.apply_font_size(size)
        self.size_actions[size].setChecked(True)

    def _choose_language(self, code: str) -> None:
        self.languageChanged.emit(code)
        self._check_language()  # still this language if the window was kept open

    def _check_language(self) -> None:
        current = i18n.chosen_language(self.settings)
        for code, action in self.language_actions.items():
            action.setChecked(code == current)

    def logout(self) -> None:
        self._logging_out = True
        # close() is False both when the person kept the window (unsaved wording, "cancel")
        # and when the close waits for the engine to stop; only the first ends the logout.
        if not self.close() and not self._stopping_to_close:
            self._logging_out = False

    # ---- closing ----------------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:
        """Logging out, switching officer or changing the language never stop the engine (it
        is a process of its own, or the OS service). Quitting while the desktop-started engine
        runs asks whether it keeps alerting in the background (yes by default) or stops."""
        if not self.training:
            self.settings.setValue("ui/geometry", self.saveGeometry())
        if not self._stopping_to_close:
            unsaved = self._unsaved_page()
            if unsaved is not None:
                self.show_page(unsaved)
                event.ignore()
                return
        quitting = not self.property("keepSession") and not self._logging_out
        if quitting and self._must_stop_first(event):
            return
        self.shutdown()
        event.accept()
        if self.training:
            # Only this window ends: its watch on the demo's engine and its session.
            self.control.release()
            self.session.close()
            return
        if self._logging_out:
            self.logoutRequested.emit()
        elif not self.property("keepSession"):
            self.quitRequested.emit()

    def _must_stop_first(self, event: QCloseEvent) -> bool:
        """While quitting: True (and the event ignored) when the close waits — the person
        cancelled, or chose to stop the engine and the window closes once it has stopped."""
        control = self.control
        if self._stopping_to_close:
            event.ignore()
            return control.state != "stopped"
        status = control.status
        if control.state != "running" or status is None or status.os_service:
            return False  # nothing runs, or the OS service runs whatever this window does
        answer = self._ask_keep_running()
        if answer == "keep":
            return False
        event.ignore()
        if answer == "stop":
            # The window stays on screen, saying what it waits for: a hidden window with
            # no way back looked like a stuck program.
            self._stopping_to_close = True
            control.stateChanged.connect(self._close_when_stopped)
            self.tabs.setEnabled(False)
            self.menuBar().setEnabled(False)
            self.statusBar().showMessage(
                self.tr("Stopping the service… the window closes when it has stopped.")
            )
            control.stop()
        return True

    def request_quit(self) -> None:
        """Quit from the menu, Ctrl+Q or the tray: asked first, キャンセル by default (while the
        service runs, the question about stopping it is the one asked)."""
        if self.control.state == "stopped" and not self._confirm_quit():
            return
        self.close()

    def _confirm_quit(self) -> bool:
        """Asked before quitting; tests replace this."""
        return confirm(
            self,
            self.tr("Quit kishomail?"),
            self.tr("Quit kishomail? You are logged out and the window closes."),
            self.tr("Quit"),
        )

    def _close_when_stopped(self, state: str) -> None:
        if state == "stopped":
            self.close()

    def _ask_keep_running(self) -> str:
        """Asked when quitting while the engine started from a desktop app runs: ``keep`` (the
        default: it goes on alerting in the background), ``stop`` or ``cancel``. Tests
        replace this."""
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("Keep alerting in the background?"))
        box.setText(
            self.tr(
                "The service is running. It can keep reading the feed and sending alerts after "
                "this window closes (the next login shows it again), or stop now: then no alert "
                "is sent until someone starts it again."
            )
        )
        keep = box.addButton(
            self.tr("Keep alerting in the background"), QMessageBox.ButtonRole.AcceptRole
        )
        stop = box.addButton(
            self.tr("Stop the service and close"), QMessageBox.ButtonRole.DestructiveRole
        )
        cancel = box.addButton(self.tr("Cancel"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(keep)
        box.setEscapeButton(cancel)
        box.setObjectName("keepRunning")
        box.exec()
        clicked = box.clickedButton()
        return "keep" if clicked is keep else "stop" if clicked is stop else "cancel"

    def shutdown(self) -> None:
        """Stop the pages' own threads (the subscriber reader); a training window opened from
        here closes too."""
        if self.training_window is not None:
            self.training_window.close()
            self.training_window = None
        for page in self.pages.values():
            stop = getattr(page, "shutdown", None)
            if stop is not None:
                stop()
