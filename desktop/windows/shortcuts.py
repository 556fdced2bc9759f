"""The main window's keys, the same on every page.

A button's shortcut works only while its page is on screen, so F5 refreshed three pages and the
service keys worked only on the Dashboard. The window owns these keys instead: F5 refreshes the
page shown, Ctrl+F puts the cursor in its search field, Ctrl+PgDown / Ctrl+PgUp and Ctrl+1…9
change page, Ctrl+Shift+S / Ctrl+Shift+X start and stop the service from anywhere. A page
button still carrying one of these keys loses it here (two owners of one key make Qt run
neither). :meth:`WindowKeys.listing` is what ヘルプ → キーボード操作 shows.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractButton,
    QLineEdit,
    QMainWindow,
    QMenu,
    QMessageBox,
    QTabWidget,
    QWidget,
)

REFRESH = QKeySequence("F5")
FIND = QKeySequence("Ctrl+F")
START = QKeySequence("Ctrl+Shift+S")
STOP = QKeySequence("Ctrl+Shift+X")
NEXT_PAGE = QKeySequence("Ctrl+PgDown")
PREVIOUS_PAGE = QKeySequence("Ctrl+PgUp")

#: What refreshes each page (a method of the page). Settings and templates hold edits: F5
#: does not reload them.
REFRESHERS = {
    "dashboard": "reload",
    "subscribers": "apply_filter",
    "manual": "reload",
    "history": "reload",
    "statistics": "reload",
    "mailbox": "reload",
    "audit": "search",
}
#: The search field of each page that has one (an attribute of the page).
SEARCH_FIELDS = {
    "subscribers": "search",
    "history": "search",
    "mailbox": "search",
    "audit": "text",
}


class WindowKeys(QObject):
    def __init__(
        self,
        window: QMainWindow,
        tabs: QTabWidget,
        pages: dict[str, object],
        page_shown: Callable[[], str | None],
    ) -> None:
        super().__init__(window)
        self.window = window
        self.tabs = tabs
        self.pages = pages
        self.page_shown = page_shown
        for page in pages.values():
            if isinstance(page, QWidget):
                _drop_keys(page, (REFRESH, FIND, START, STOP))
        self.refresh_action = self._action(self.tr("Refresh this page"), REFRESH, self.refresh)
        self.find_action = self._action(self.tr("Search on this page"), FIND, self.find)
        self.next_action = self._action(self.tr("Next page"), NEXT_PAGE, lambda: self._turn(1))
        self.previous_action = self._action(
            self.tr("Previous page"), PREVIOUS_PAGE, lambda: self._turn(-1)
        )
        self.start_action = self._action(
            self.tr("Start the service"), START, lambda: self._press("start_button")
        )
        self.stop_action = self._action(
            self.tr("Stop the service"), STOP, lambda: self._press("stop_button")
        )

    def _action(self, text: str, keys: QKeySequence, slot: Callable[[], object]) -> QAction:
        action = QAction(text, self.window)
        action.setShortcut(keys)
        action.triggered.connect(lambda: slot())
        self.window.addAction(action)
        return action

    def fill_view_menu(self, menu: QMenu) -> None:
        for action in (self.refresh_action, self.find_action):
            menu.addAction(action)
        menu.addSeparator()
        for action in (self.next_action, self.previous_action):
            menu.addAction(action)

    def fill_service_menu(self, menu: QMenu) -> None:
        if "dashboard" in self.pages:
            menu.addAction(self.start_action)
            menu.addAction(self.stop_action)

    # ---- what the keys do -------------------------------------------------------------------

    def refresh(self) -> bool:
        key = self.page_shown()
        method = getattr(self.pages.get(key or ""), REFRESHERS.get(key or "", ""), None)
        if method is None:
            self._say(self.tr("This page has nothing to refresh (it holds your edits)."))
            return False
        method()
        return True

    def find(self) -> bool:
        key = self.page_shown()
        field = getattr(self.pages.get(key or ""), SEARCH_FIELDS.get(key or "", ""), None)
        if not isinstance(field, QLineEdit):
            self._say(self.tr("This page has no search field."))
            return False
        field.setFocus()
        field.selectAll()
        return True

    def _turn(self, step: int) -> None:
        count = self.tabs.count()
        if count:
            self.tabs.setCurrentIndex((self.tabs.currentIndex() + step) % count)

    def _press(self, name: str) -> None:
        button = getattr(self.pages.get("dashboard"), name, None)
        if isinstance(button, QAbstractButton) and button.isEnabled():
            button.click()

    def _say(self, text: str) -> None:
        self.window.statusBar().showMessage(text, 5000)

    # ---- the listing under ヘルプ -------------------------------------------------------------

    def listing(self, menu_actions: tuple[QAction, ...] = ()) -> list[tuple[str, str]]:
        """(keys, what they do) for every key of the window, in the order a person learns them;
        ``menu_actions``: the menus' own (log out, quit, manual), as they are bound here."""
        native = QKeySequence.SequenceFormat.NativeText
        rows = [
            (a.shortcut().toString(native), a.text().replace("&", ""))
            for a in (
                self.refresh_action,
                self.find_action,
                self.next_action,
                self.previous_action,
                *((self.start_action, self.stop_action) if "dashboard" in self.pages else ()),
            )
        ]
        for index in range(min(self.tabs.count(), 9)):
            rows.append(
                (f"Ctrl+{index + 1}", self.tr("Page: %1").replace("%1", self.tabs.tabText(index)))
            )
        rows += [
            ("Ctrl+Tab / Ctrl+Shift+Tab", self.tr("Next / previous page")),
            ("Ctrl+Shift+O", self.tr("Table: sort by the chosen column (again: reverse)")),
            ("Ctrl+Enter", self.tr("Manual alert: save the draft and submit it for approval")),
            ("Ctrl+S", self.tr("Settings: save")),
        ]
        rows += [
            (a.shortcut().toString(native), a.text().replace("&", ""))
            for a in menu_actions
            if not a.shortcut().isEmpty()
        ]
        return rows

    def show_listing(self, menu_actions: tuple[QAction, ...] = ()) -> QMessageBox:
        box = QMessageBox(self.window)
        box.setWindowTitle(self.tr("Keyboard shortcuts"))
        box.setIcon(QMessageBox.Icon.Information)
        box.setText(
            "<table>"
            + "".join(
                f"<tr><td><b>{keys}</b></td><td>&nbsp;&nbsp;{what}</td></tr>"
                for keys, what in self.listing(menu_actions)
            )
            + "</table>"
        )
        box.setObjectName("keyboardShortcuts")
        box.open()
        return box


def _drop_keys(page: QWidget, keys: tuple[QKeySequence, ...]) -> None:
    """Take the window's keys off the page's buttons (the window's action does their work)."""
    for button in page.findChildren(QAbstractButton):
        if button.shortcut() in keys:
            button.setShortcut(QKeySequence())
