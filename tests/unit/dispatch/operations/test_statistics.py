"""Statistics: the right numbers, in .xlsx and CSV files Excel opens, and no personal data."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from openpyxl import load_workbook

from dispatch.base.vocabulary import Language
from dispatch.operations import manual_alert_sending as sending
from dispatch.operations import manual_alerts as ma
from dispatch.operations import settings as setting_ops
from dispatch.operations import statistics, statistics_files
from dispatch.operations import subscribers as subscriber_ops
from dispatch.records.subscribers import (
    KandaRiver,
    NewSubscriber,
    RiverStage,
    Topics,
    WarningLevel,
)
from tests.unit.dispatch.conftest import ADMIN_PASSWORD, CliResult, Office

PEOPLE = [
    ("s1@example.jp", Topics(warning_level=WarningLevel.WARNING), Language.JA),
    ("s2@example.jp", Topics(warning_level=WarningLevel.ADVISORY, rain_mm=30), Language.EN),
    ("s3@example.jp", Topics(rain_mm=30, kanda_rivers=KandaRiver.KANDA), Language.JA),
    ("s4@example.jp", Topics(river_stage=RiverStage.EVACUATION), Language.EASY_JA),
]


def fill(office: Office) -> None:
    operator = office.operator()
    ids = [
        subscriber_ops.add_subscriber(operator, NewSubscriber(a, t, office.clock.now(), lang)).id
        for a, t, lang in PEOPLE
    ]
    office.clock.advance(days=1)
    subscriber_ops.unsubscribe(operator, ids[3])
    subscriber_ops.delete_subscriber(operator, ids[2])
    operator.close()
    setting_ops.change_setting(office.admin, "alerts.single_person_emergency", True)
    duty = office.duty()
    alert = ma.compose(duty, ma.Draft("notice", {"ja": ma.AlertText("お知らせ", "本文")})).alert
    sending.send(duty, alert.id, emergency=True)
    duty.close()


def test_counts_by_topic_language_status_and_day(office: Office) -> None:
    fill(office)
    result = statistics.statistics(office.auditor(), date(2026, 11, 1), date(2026, 11, 30))
    tables = {t.title: dict((r[0], r[1]) for r in t.rows) for t in result.subscribers}
    assert tables["状態別の登録者数"]["配信中"] == 2 and tables["状態別の登録者数"]["解除"] == 1
    topics = tables["情報の種類別の登録者数（配信中）"]
    assert (topics["気象警報・注意報"], topics["雨量情報"], topics["河川水位情報"]) == (2, 1, 0)
    assert tables["言語別（配信中）"] == {"日本語": 1, "英語": 1, "やさしい日本語": 0}
    # Every offered rain threshold, with how many a reading of that much reaches.
    [rain] = [t for t in result.subscribers if t.title == "雨量のしきい値別（配信中）"]
    assert rain.rows == [
        ("1時間10ミリ以上", 0, 0),
        ("1時間20ミリ以上", 0, 0),
        ("1時間30ミリ以上", 1, 1),
        ("1時間50ミリ以上", 0, 1),
        ("1時間80ミリ以上", 0, 1),
    ]
    assert result.daily is not None
    # Registered on the 21st (Tokyo), one unsubscribed and one erased on the 22nd.
    assert result.daily.rows == [("2026-11-21", 4, 0, 0), ("2026-11-22", 0, 1, 1)]
    assert result.dispatches is not None and len(result.dispatches.rows) == 1
    row = result.dispatches.rows[0]
    assert (row[1], row[8]) == ("手動", 2)  # two active subscribers are the audience
    text = json.dumps(result.as_dict(), ensure_ascii=False)
    assert "@" not in text  # no personal data in any statistic


def test_xlsx_and_csv_exports(office: Office, tmp_path: Path) -> None:
    fill(office)
    xlsx, csv = tmp_path / "stats.xlsx", tmp_path / "stats.csv"
    statistics_files.export(office.admin, date(2026, 11, 1), date(2026, 11, 30), xlsx=xlsx, csv=csv)
    book = load_workbook(xlsx)
    assert book.sheetnames == ["登録者", "登録・解除", "配信実績", "キャリア別"]
    sheet = book["登録者"]
    assert "2026-11-01 ～ 2026-11-30" in str(sheet["A1"].value)
    values = {
        row[0]: row[1] for row in sheet.iter_rows(values_only=True) if row[0] and row[1] is not None
    }
    assert values["配信中"] == 2 and values["気象警報・注意報"] == 2
    assert len(sheet._charts) >= 3  # native Excel charts
    assert book["配信実績"].cell(row=5, column=10).value == 0  # nothing accepted yet
    assert book["配信実績"].cell(row=5, column=9).value == 2
    raw = csv.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert "状態別の登録者数,配信中,2" in raw.decode("utf-8-sig")
    assert (tmp_path / "stats-dispatches.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    carriers = (tmp_path / "stats-carriers.csv").read_bytes().decode("utf-8-sig")
    # Per carrier group, counts only: the two queued deliveries are to other domains.
    assert carriers.splitlines()[1:] == [
        *(f"{g},0,0,0,0,0,0,,," for g in ("docomo", "au", "softbank", "rakuten", "gmail",
                                           "yahoo-japan", "icloud")),
        "other,0,0,0,0,0,0,,,",
    ]  # fmt: skip
    assert "@" not in carriers
    assert [r[0] for r in book["キャリア別"].iter_rows(min_row=5, values_only=True)][:2] == [
        "docomo",
        "au",
    ]


def test_stats_from_the_command_line(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    env = {"KISHOMAIL_PASSWORD": ADMIN_PASSWORD, "KISHOMAIL_USER": "admin"}
    assert cli("init", "--admin", "admin", "--without-totp", env=env).returncode == 0
    out = tmp_path / "s.xlsx"
    result: CliResult = cli("stats", "--from", "2026-01-01", "--xlsx", str(out), "--json", env=env)
    assert result.returncode == 0, result.stderr
    figures = json.loads(result.stdout)
    assert figures["period"]["from"] == "2026-01-01"
    carriers = {c["group"]: c for c in figures["carriers"]}
    assert {"docomo", "au", "softbank", "other"} <= carriers.keys()
    assert carriers["docomo"] | {"accepted": 0, "bounced": 0} == carriers["docomo"]
    assert load_workbook(out).sheetnames[0] == "登録者"
    bad = cli("stats", "--from", "yesterday", env=env)
    assert bad.returncode == 1 and "YYYY-MM-DD" in bad.stderr


def test_river_subscribers_per_station_and_whom_a_stage_there_reaches(office: Office) -> None:
    """Per station of the one list (the shipped one): who chose it, and how many a stage
    crossed there reaches — those who chose it or every station, at or below that stage."""
    operator = office.operator()
    sagimori, chitose = "83030400470000016", "83030400470000099"
    for address, stage, stations in (
        ("all1@example.jp", RiverStage.CAUTION, None),
        ("all3@example.jp", RiverStage.DANGER, None),
        ("sagi@example.jp", RiverStage.EVACUATION, (sagimori,)),
        ("both@example.jp", RiverStage.CAUTION, (sagimori, chitose)),
    ):
        topics = Topics(river_stage=stage, river_stations=stations)
        subscriber_ops.add_subscriber(operator, NewSubscriber(address, topics, office.clock.now()))
    result = statistics.statistics(office.auditor(), None, None)
    [table] = [t for t in result.subscribers if t.title == statistics.STATION_TABLE]
    assert table.rows == [
        ("すべての観測所（今後加わる観測所も）", "", 2, "", "", ""),
        ("妙正寺川 鷺盛橋", sagimori, 2, 2, 3, 4),
        ("妙正寺川 千歳橋", chitose, 1, 2, 2, 3),
    ]
