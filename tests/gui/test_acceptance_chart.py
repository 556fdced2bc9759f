"""Delivery over time and per carrier (issue 17 point 3): after a real dispatch through the TLS
test relay, the statistics' chart draws the acceptances of the latest large dispatch against
the seconds from the detection, and the history names each carrier group's figures."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

from PySide6.QtCharts import QLineSeries
from pytestqt.qtbot import QtBot

from desktop.bridge import ServiceBridge
from desktop.windows.acceptance_chart import AcceptanceChartBox, curve_points
from desktop.windows.history import HistoryPage
from dispatch.engine.assembly import build_engine, telegram_source
from dispatch.operations import manual_alert_sending as sending
from dispatch.operations import manual_alerts as core
from dispatch.operations.demo import seed_demo_subscribers
from dispatch.operations.session import Session, login
from dispatch.store.database import transaction
from tests.gui.conftest import DUTY2_PASSWORD, DUTY_PASSWORD
from tests.gui.test_service import use_relay
from tests.support.certs import ServerCertificate
from tests.support.smtp_server import FaultySmtpServer


def _sent_dispatch(admin: Session, quiet_feed: Path) -> int:
    author = login(admin.store.data_dir, "duty", DUTY_PASSWORD)
    second = login(admin.store.data_dir, "duty2", DUTY2_PASSWORD)
    texts = {"ja": core.AlertText("【新宿区】避難所を開設しました", "戸山小学校に開設しました。")}
    alert = core.submit(author, core.compose(author, core.Draft("shelter", texts)).alert.id)
    sending.approve(second, alert.id)
    dispatch_id = sending.send(second, alert.id).dispatch_id or 0
    author.close()
    second.close()
    quiet_feed.mkdir()  # no telegrams: the engine only sends what is queued
    engine = build_engine(
        admin.store, speed=None, source=telegram_source(str(quiet_feed), speed=None)
    )
    try:
        engine.service.run_once()
    finally:
        engine.close()
    return dispatch_id


def test_the_latest_dispatch_is_drawn_over_time_and_named_per_carrier(
    qtbot: QtBot,
    admin: Session,
    smtp_server: FaultySmtpServer,
    server_certificate: ServerCertificate,
    tmp_path: Path,
) -> None:
    with transaction(admin.connection):
        seed_demo_subscribers(admin.connection, admin.clock.now())
    use_relay(admin, smtp_server, server_certificate)
    dispatch_id = _sent_dispatch(admin, tmp_path / "feed")
    accepted = len(smtp_server.recipients_received())
    assert accepted > 10

    box = AcceptanceChartBox(admin, at_least=10)
    qtbot.addWidget(box)
    box.reload()
    qtbot.waitUntil(lambda: box.view.chart() is not None and bool(box.view.chart().series()))
    (series,) = box.view.chart().series()
    assert isinstance(series, QLineSeries)
    points = series.points()
    assert points[0].y() == 0 and points[-1].y() >= accepted - 1  # less the office's copy
    assert all(b.x() >= a.x() and b.y() >= a.y() for a, b in itertools.pairwise(points))
    assert str(dispatch_id) in box.caption.text()

    history = HistoryPage(admin, ServiceBridge())
    qtbot.addWidget(history)
    qtbot.waitUntil(lambda: history.model.rowCount() == 1, timeout=10_000)
    with qtbot.waitSignal(history.detailShown, timeout=10_000):
        history.view.setCurrentIndex(history.model.index(0, 0))
    # Per carrier group (the demo's residents are all in "other"): accepted, and how late.
    line = re.search(
        r"other：受付 ([\d,]+)、.*最後の受付まで ([\d.,]+) 秒", history.detail.toPlainText()
    )
    assert line is not None and int(line[1].replace(",", "")) >= accepted - 1


def test_a_long_curve_is_thinned_keeping_its_ends() -> None:
    seconds = [n / 10 for n in range(100_000)]
    points = curve_points(seconds)
    assert len(points) <= 203 and points[0] == (0.0, 0) and points[-1] == (seconds[-1], 100_000)
