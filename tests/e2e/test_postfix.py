"""One end-to-end run through a real MTA: Debian's postfix on loopback, STARTTLS required,
configured through the store's settings so that ``build_engine`` takes the production path."""

from __future__ import annotations

import shutil
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from dispatch.engine.assembly import build_engine
from dispatch.engine.sources import PacedReplay
from dispatch.records.dispatch_log import DispatchLog
from tests.e2e.processes import (
    REPO,
    integrity,
    prepare_store,
    relay_settings_for,
)
from tests.support.certs import ServerCertificate
from tests.support.postfix import Postfix, postfix_unavailable

RECIPIENTS = 300
TELEGRAM = "02_20261012T1900_VPWW55.xml"  # レベル３大雨警報 for 新宿区


@pytest.fixture
def postfix(server_certificate: ServerCertificate) -> Iterator[Postfix]:
    reason = postfix_unavailable()
    if reason:
        pytest.skip(reason)
    with Postfix(server_certificate) as mta:
        yield mta


@pytest.mark.slow
def test_an_alert_relayed_through_postfix_reaches_every_recipient(
    tmp_path: Path, postfix: Postfix, server_certificate: ServerCertificate
) -> None:
    feed = tmp_path / "feed"
    feed.mkdir()
    shutil.copy(REPO / "resources" / "demo_telegrams" / TELEGRAM, feed / TELEGRAM)
    admin = prepare_store(
        tmp_path / "store",
        recipients=RECIPIENTS,
        settings=relay_settings_for(postfix.port, server_certificate.cafile, connections=4),
    )
    engine = build_engine(admin.store, clock=admin.clock, source=PacedReplay(feed, speed=None))
    try:
        assert engine.sink is None  # the configured relay, not the embedded mailbox
        report = engine.service.run_once()
        assert report.error is None
        assert (report.accepted, report.failed, report.in_doubt) == (RECIPIENTS, 0, 0)
        assert report.control_copies == 1
        # postfix took every recipient (and the office's copy) and delivered it (discard).
        assert postfix.wait_for_sent(RECIPIENTS + 1, timeout=60) == RECIPIENTS + 1
        summaries = DispatchLog(admin.connection).list_dispatches()
        assert [(s.status, s.sent, s.failed) for s in summaries] == [("done", RECIPIENTS, 0)]
        assert integrity(admin) == "ok"
    finally:
        engine.close()  # QUIT on the pooled connections: postfix logs each session
        admin.close()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and postfix.log_text().count("disconnect from") < 5:
        time.sleep(0.1)
    log = postfix.log_text()
    assert "status=deferred" not in log and "status=bounced" not in log
    sessions = [line for line in log.splitlines() if "disconnect from" in line and "mail=" in line]
    assert sessions and all("starttls=1" in line for line in sessions), sessions  # TLS always
