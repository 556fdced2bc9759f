"""The ``feeds`` sub-commands, driven through argparse exactly as dispatch.cli does."""

from __future__ import annotations

import argparse
import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from feeds.cli import register
from feeds.errors import FeedFetchError
from feeds.localfeed import LocalFeedServer

from .conftest import JMA, SYNTHETIC


def run(argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    register(parser.add_subparsers())
    args = parser.parse_args(argv)
    result: int = args.func(args)
    return result


def lines(capsys: pytest.CaptureFixture[str]) -> tuple[list[dict[str, Any]], str]:
    # JSON objects: a value's type depends on its key.
    captured = capsys.readouterr()
    return [json.loads(line) for line in captured.out.splitlines()], captured.err


def test_parse_prints_one_json_line_per_telegram(capsys: pytest.CaptureFixture[str]) -> None:
    rc = run(
        [
            "feeds",
            "parse",
            str(JMA / "warning_vpww53/15_14_01_170216_VPWW53.xml"),
            str(JMA / "flood_vxko/16_00_01_260603_VXKO70_kozagawa_l5.xml"),
            str(JMA / "rain_vpoa50/phase6b_VPOA50_JPTK202608221709_202608221717.xml"),
            "--json",
        ]
    )
    assert rc == 0
    (warning, flood, rain), err = lines(capsys)
    assert err == ""
    assert warning["category"] == "warning"
    assert warning["title"] == "気象特別警報・警報・注意報"
    assert warning["status"] == "通常" and warning["info_type"] == "発表"
    assert warning["report_datetime"] == "2017-01-26T17:20:00+09:00"
    assert warning["event_id"] == "" and warning["serial"] is None
    shinjuku = next(area for area in warning["areas"] if area["code"] == "1310400")
    assert shinjuku == {
        "code": "1310400",
        "name": "新宿区",
        "kinds": [
            {"code": "33", "name": "大雨特別警報", "status": "発表", "level": 5, "hazard": "大雨"}
        ],
    }
    assert flood["category"] == "flood" and flood["level"] == 5
    assert flood["kinds"] == [{"code": "51", "name": "レベル５氾濫特別警報"}]
    assert {"code": "30001300010000053", "name": "月野瀬", "water_level_m": 6.77}.items() <= (
        flood["stations"][0].items()
    )
    assert rain["category"] == "rain" and rain["mm_per_hour"] == 120
    assert rain["areas"] == [{"code": "1311900", "name": "板橋区"}]
    assert rain["serial"] == 2


def test_parse_reports_a_bad_file_and_still_parses_the_others(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    bad = tmp_path / "bad.xml"
    bad.write_bytes(b"<Report><Control>")
    good = JMA / "warning_r06/keiho_multi_pref_gifu.xml"
    rc = run(["feeds", "parse", str(bad), str(good), "--json"])
    assert rc == 1
    objects, err = lines(capsys)
    assert [obj["title"] for obj in objects] == ["気象警報・注意報（Ｒ０６）（大雨）"]
    assert err.count("\n") == 1 and "bad.xml" in err and "Traceback" not in err


def test_alerts_for_shinjuku_from_a_folder(capsys: pytest.CaptureFixture[str]) -> None:
    rc = run(["feeds", "alerts", str(SYNTHETIC), "--area", "1310400", "--json"])
    assert rc == 0
    alerts, _ = lines(capsys)
    keys = [alert["dedupe_key"] for alert in alerts]
    assert len(keys) == len(set(keys))
    changes = [(a["category"], a["change"], a["kind_code"]) for a in alerts if not a["is_exercise"]]
    assert ("warning", "upgrade", "43") in changes
    assert ("flood", "upgrade", "40") in changes
    assert ("rain", "report", None) in changes
    assert all(str(a["report_datetime"]).endswith("+09:00") for a in alerts)
    assert any(a["is_exercise"] for a in alerts)


def test_poll_a_folder_once(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    for name in ("kanda_1_20260920T1940_VXKO.xml", "kanda_2_20260920T2050_VXKO.xml"):
        shutil.copy(SYNTHETIC / name, tmp_path / name)
    assert run(["feeds", "poll", "--source", str(tmp_path), "--once"]) == 0
    alerts, _ = lines(capsys)
    assert [(a["change"], a["level"], a["river"]) for a in alerts] == [
        ("new", 2, "神田川"),
        ("upgrade", 4, "神田川"),
    ]


def test_poll_an_atom_url_once(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    shutil.copy(SYNTHETIC / "04_20260920T2020_VPWW55.xml", tmp_path)
    with LocalFeedServer(tmp_path) as server:
        assert run(["feeds", "poll", "--source", server.feed_url, "--once"]) == 0
    [alert], _ = lines(capsys)
    assert (alert["kind_name"], alert["level"], alert["area_code"]) == (
        "レベル４大雨危険警報",
        4,
        "1310400",
    )


def test_poll_an_unreachable_url_raises_the_typed_error() -> None:
    with LocalFeedServer(SYNTHETIC) as server:
        url = server.feed_url
    with pytest.raises(FeedFetchError):
        run(["feeds", "poll", "--source", url, "--once"])
