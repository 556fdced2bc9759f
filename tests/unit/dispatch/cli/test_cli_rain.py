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


def test_stations_from_the_cli_choose_from_the_list_the_office_saves(  # type: ignore[no-untyped-def]
    cli, tmp_path: Path
) -> None:
    """``subscribers add --stations`` takes codes or names of the one list; ``stations save``
    replaces the list (audited, all or nothing), ``stations reset`` brings back the shipped."""
    init_office(cli)
    listed = cli("stations", "list", "--csv", env=OPERATOR)
    assert listed.returncode == 0, listed.stderr
    assert "83030400470000016" in listed.stdout and "鷺盛橋" in listed.stdout
    added = cli(
        "subscribers", "add", "kawa@example.jp", "--topics", "river", "--stations", "鷺盛橋",
        "--json", env=OPERATOR,
    )  # fmt: skip
    assert added.returncode == 0, added.stderr
    assert json.loads(added.stdout)["river_stations"] == ["83030400470000016"]
    default = cli(
        "subscribers", "add", "all@example.jp", "--topics", "river", "--json", env=OPERATOR
    )
    assert json.loads(default.stdout)["river_stations"] == ["all"]
    unknown = cli(
        "subscribers", "add", "x@example.jp", "--topics", "river", "--stations", "南小滝橋",
        env=OPERATOR,
    )  # fmt: skip
    assert unknown.returncode == 1 and "Unknown river station '南小滝橋'" in unknown.stderr

    # The office adds 南小滝橋 (levels to be confirmed) by saving an edited copy of the list.
    edited = tmp_path / "stations.csv"
    edited.write_text(
        listed.stdout + "83030400440000020,,,2.5,南小滝橋,神田川,新宿区,,office,2026-12-01,no\n",
        encoding="utf-8",
    )
    refused = cli("stations", "save", str(edited), env=OPERATOR)
    assert refused.returncode == 1  # an operator does not change settings
    saved = cli("stations", "save", str(edited), env=ADMIN)
    assert saved.returncode == 0, saved.stderr
    assert "Saved 3 river stations." in saved.stdout
    now = cli(
        "subscribers", "add", "kanda@example.jp", "--topics", "river", "--stations", "南小滝橋",
        "--json", env=OPERATOR,
    )  # fmt: skip
    assert now.returncode == 0, now.stderr
    wrong = tmp_path / "wrong.csv"
    wrong.write_text(listed.stdout + "X1,3.0,2.0,2.5,逆橋,神田川,,,,,no\n", encoding="utf-8")
    bad = cli("stations", "save", str(wrong), env=ADMIN)
    assert bad.returncode == 1 and "the levels must rise" in bad.stderr
    assert "南小滝橋" in cli("stations", "list", env=OPERATOR).stdout  # nothing lost
    reset = cli("stations", "reset", env=ADMIN)
    assert reset.returncode == 0 and "2 stations" in reset.stdout
