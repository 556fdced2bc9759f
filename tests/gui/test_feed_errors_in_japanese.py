"""The dashboard's 「最後の受信エラー」 in Japanese (issue 19: the engine's raw English was
shown): the feed, a telegram, a gauge file, the store — each said in the screen's words, the
technical detail the source gave kept in brackets."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from desktop.bridge import ServiceBridge
from desktop.core_words import say
from desktop.service_control import ServiceControl
from desktop.windows.dashboard import DashboardPage
from dispatch.engine.events import PollFailed
from dispatch.operations.session import Session
from feeds.atom import parse_atom
from feeds.errors import FeedError, FeedFetchError, ObservationError
from feeds.jma import parse_telegram

#: The core's own English lead words: none may be left around the bracketed detail.
_CORE_WORDS = re.compile(r"could not|not a usable|taken again|check the|see docs|polled again")


def _raised(action: object) -> FeedError:
    with pytest.raises(FeedError) as raised:
        action()  # type: ignore[operator]
    return raised.value


def test_every_kind_of_poll_failure_is_said_in_japanese(tmp_path: Path) -> None:
    failures = [
        FeedFetchError("https://www.data.jma.go.jp/developer/xml/feed/extra.xml", "HTTP 503"),
        _raised(lambda: parse_atom(b"<html><body>maintenance</body></html>", "extra.xml")),
        _raised(lambda: parse_telegram(b"<Report><broken", "VPWW53_bad.xml")),
        ObservationError("rain.csv", "line 3: the value is not a number"),
    ]
    messages = [str(error) for error in failures]
    messages.append(
        "VPWW53_x.xml could not be stored (database or disk is full); it will be taken again "
        "at the next poll. Check the disk of the data folder."
    )
    for message in messages:
        said = say(message)
        assert said != message, f"not matched: {message!r}"
        assert not _CORE_WORDS.search(said), f"English left: {said!r}"


def test_the_dashboard_shows_the_feed_error_in_japanese(qtbot: QtBot, admin: Session) -> None:
    bridge = ServiceBridge()
    page = DashboardPage(admin, bridge, ServiceControl(admin, bridge))
    qtbot.addWidget(page)
    failure = FeedFetchError("https://www.data.jma.go.jp/developer/xml/feed/extra.xml", "HTTP 503")
    bridge.pollError.emit(PollFailed(str(failure)))
    text = page.poll_error_label.text()
    assert "読み込めませんでした" in text and "HTTP 503" in text
    assert "polled again" not in text
