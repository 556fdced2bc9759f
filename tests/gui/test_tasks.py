"""Background work whose page was closed meanwhile: the result is dropped, nothing raises.

Logging out or closing the window deletes the pages while their reads may still be running on
the pool; the result must not be handed to a deleted widget (Qt would raise "Internal C++ object
already deleted" in the event loop, seen under load in the login test)."""

from __future__ import annotations

import threading

import shiboken6
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from desktop.tasks import run_in_background, runner


class _Page(QLabel):
    def __init__(self) -> None:
        super().__init__()
        self.shown: list[str] = []

    def show_result(self, text: str) -> None:
        self.shown.append(text)
        self.setText(text)


def test_a_result_for_a_closed_page_is_dropped_without_an_error(qtbot: QtBot) -> None:
    page = _Page()
    release = threading.Event()
    run_in_background(lambda: release.wait(10) and "late", page.show_result)
    shiboken6.delete(page)  # the window closed while the read was running
    assert not shiboken6.isValid(page)
    release.set()
    qtbot.waitUntil(lambda: not runner().busy, timeout=5000)
    assert page.shown == []


def test_a_result_for_an_open_page_arrives(qtbot: QtBot) -> None:
    page = _Page()
    qtbot.addWidget(page)
    run_in_background(lambda: "on time", page.show_result)
    qtbot.waitUntil(lambda: page.text() == "on time", timeout=5000)
    assert page.shown == ["on time"]
