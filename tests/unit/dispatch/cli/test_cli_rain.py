"""The acceptance contract for rain, on the real command line: a subscriber for every offered
threshold, the office CSV drop processed by ``kishomail run --once``, mail at the TLS test
relay."""

from __future__ import annotations

import json
from pathlib import Path

from dispatch.records.subscribers import RAIN_THRESHOLDS_MM
from tests.support.certs import ServerCertificate
from tests.support.office import OWN_OFFICE, OWN_OFFICE_ADDRESS
from tests.support.smtp_server import FaultySmtpServer

from .test_cli import ADMIN, OPERATOR, init_office


def test_every_offered_threshold_from_the_cli_and_the_csv_drop_by_run_once(  # type: ignore[no-untyped-def]
    cli, tmp_path: Path, smtp_server: FaultySmtpServer, server_certificate: ServerCertificate
) -> None:
    init_office(cli)
    for mm in RAIN_THRESHOLDS_MM:
        added = cli(
            "subscribers", "add", f"rain{mm}@example.jp", "--topics", "rain",
            "--rain-mm", str(mm), "--json", env=OPERATOR,
        )  # fmt: skip
        assert added.returncode == 0, added.stderr
        assert json.loads(added.stdout)["rain_mm"] == mm
    # A threshold nobody offers is refused with a message that names the choices.
    refused = cli(
        "subscribers", "add", "odd@example.jp", "--topics", "rain", "--rain-mm", "15", env=OPERATOR
    )
    assert refused.returncode == 1
    assert "one of 10, 20, 30, 50, 80 mm/h" in refused.stderr

    gauges, telegrams = tmp_path / "gauges", tmp_path / "telegrams"
    gauges.mkdir()
    telegrams.mkdir()
    for name, value in (
        ("smtp.host", smtp_server.host),
        ("smtp.port", str(smtp_server.port)),
        ("smtp.cafile", str(server_certificate.cafile)),
        ("feeds.source", str(telegrams)),
        ("observations.folder", str(gauges)),
        *OWN_OFFICE.items(),  # a real relay refuses the shipped example office values
    ):
        changed = cli("settings", "set", name, value, env=ADMIN)
        assert changed.returncode == 0, changed.stderr
    (gauges / "1520.csv").write_text(
        "station_code,station_name,river,kind,value,observed_at\n"
        "R1,新宿区役所,,rain,8,2026-07-01T15:10:00+09:00\n"
        "R1,新宿区役所,,rain,25,2026-07-01T15:20:00+09:00\n",
        encoding="utf-8",
    )
    ran = cli("run", "--once", env=OPERATOR)
    assert ran.returncode == 0, ran.stderr
    received = smtp_server.recipients_received()
    # 25 mm/h reached the 10 and 20 thresholds: those two, once, and the office's copy.
    assert received == {"rain10@example.jp": 1, "rain20@example.jp": 1, OWN_OFFICE_ADDRESS: 1}
