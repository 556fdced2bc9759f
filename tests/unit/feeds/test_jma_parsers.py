"""Every real fixture parses into the values it carries (titles, kinds, statuses, levels, …)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from feeds.jma import parse_file
from feeds.model import (
    Category,
    Family,
    FloodForecast,
    LandslideReport,
    RainReport,
    SpecialWarningNotice,
    WarningReport,
)

from .conftest import JMA, TelegramLoader, real_telegrams

JST = timezone(timedelta(hours=9))


def test_fixture_set_is_complete() -> None:
    # 24 real telegrams copied from the shared set; a silently missing file would hide a family.
    assert len(real_telegrams()) == 24


@pytest.mark.parametrize("path", real_telegrams(), ids=lambda path: path.name)
def test_every_real_fixture_parses_with_an_aware_jst_report_time(path: Path) -> None:
    parsed = parse_file(path)
    assert parsed.head.report_datetime.utcoffset() == timedelta(hours=9)
    assert parsed.head.control_title
    assert parsed.head.status == "通常"
    assert parsed.source_id == path.name


@pytest.mark.parametrize(
    ("relative", "family", "category"),
    [
        ("warning_vpww53/15_14_01_170216_VPWW53.xml", Family.VPWW53, Category.WARNING),
        ("warning_vpww54/keiho_niigata_samestate_1.xml", Family.VPWW54, Category.WARNING),
        ("warning_r06/keiho_multi_pref_gifu.xml", Family.R06, Category.WARNING),
        (
            "special_notice_vpno50/20240725040512_0_VPNO50_060000.xml",
            Family.VPNO50,
            Category.SPECIAL,
        ),
        ("flood_vxko/16_00_01_260603_VXKO70_kozagawa_l5.xml", Family.VXKO, Category.FLOOD),
        (
            "landslide_vxww50/dosha_keikai_joho_toyama_serial1.xml",
            Family.VXWW50,
            Category.LANDSLIDE,
        ),
        ("rain_vpoa50/18_01_01_100806_VPOA50.xml", Family.VPOA50, Category.RAIN),
        ("rain_vpbs50/82_01_02_250630_VPBS50.xml", Family.VPBS50, Category.RAIN),
        ("cancel_correction/32-35_06_02_100915_VXSE52.xml", Family.OTHER, Category.OTHER),
    ],
)
def test_family_is_chosen_by_control_title(
    telegram: type[TelegramLoader], relative: str, family: Family, category: Category
) -> None:
    parsed = telegram.real(relative)
    assert parsed.family is family
    assert parsed.category is category


def test_tokyo_vpww53_2017_shinjuku_has_heavy_rain_special_warning(
    telegram: type[TelegramLoader],
) -> None:
    parsed = telegram.real("warning_vpww53/15_14_01_170216_VPWW53.xml")
    head = parsed.head
    assert head.title == "東京都気象警報・注意報"
    assert head.info_type == "発表"
    assert head.event_id == ""
    assert head.serial is None
    assert head.report_datetime == datetime(2017, 1, 26, 17, 20, tzinfo=JST)
    assert head.headline.startswith("【特別警報（大雨）】２３区西部、多摩西部に特別警報")
    assert head.publishing_offices == ("気象庁予報部",)
    report = parsed.payload
    assert isinstance(report, WarningReport)
    assert report.hazards is None  # legacy: a full snapshot
    assert (report.prefecture_code, report.prefecture_name) == ("130000", "東京都")
    shinjuku = report.area("1310400")
    assert shinjuku is not None and shinjuku.name == "新宿区"
    [kind] = shinjuku.kinds
    assert (kind.name, kind.code, kind.status) == ("大雨特別警報", "33", "発表")
    assert (kind.hazard, kind.severity, kind.level) == ("大雨", 5, None)
    assert kind.conditions == ("土砂災害",)
    assert shinjuku.change_status == "警報・注意報種別に変化有"
    chiyoda = report.area("1310100")
    assert chiyoda is not None and chiyoda.kinds == ()  # 発表警報・注意報はなし


def test_vpww54_of_the_same_issuance_says_the_same_for_shinjuku(
    telegram: type[TelegramLoader],
) -> None:
    legacy53 = telegram.real("warning_vpww53/15_14_01_170216_VPWW53.xml").payload
    legacy54 = telegram.real("warning_vpww54/15_14_01_170216_VPWW54.xml").payload
    assert isinstance(legacy53, WarningReport) and isinstance(legacy54, WarningReport)
    assert legacy53.area("1310400") == legacy54.area("1310400")


def test_r06_gifu_heavy_rain_levels_and_scope(telegram: type[TelegramLoader]) -> None:
    parsed = telegram.real("warning_r06/keiho_multi_pref_gifu.xml")
    assert parsed.head.control_title == "気象警報・注意報（Ｒ０６）（大雨）"
    assert parsed.head.info_kind_version == "1.5_0"
    assert parsed.hazard_group == "大雨"
    report = parsed.payload
    assert isinstance(report, WarningReport)
    assert report.hazards == frozenset({"大雨"})
    kakamigahara = report.area("2121300")
    assert kakamigahara is not None and kakamigahara.name == "各務原市"
    [kind] = kakamigahara.kinds
    assert (kind.name, kind.code, kind.level, kind.severity) == ("レベル３大雨警報", "03", 3, 3)
    gifu = report.area("2120100")
    assert gifu is not None
    assert [(k.name, k.status) for k in gifu.kinds] == [("レベル２大雨注意報", "継続")]


def test_r06_niigata_landslide_downgrade_status_and_last_kind(
    telegram: type[TelegramLoader],
) -> None:
    report = telegram.real("warning_r06/sample_dosha_keiho.xml").payload
    assert isinstance(report, WarningReport)
    downgraded = [
        (area.name, kind)
        for area in report.areas
        for kind in area.kinds
        if kind.status == "危険警報から注意報"
    ]
    assert downgraded, "the real telegram carries a 危険警報から注意報 downgrade"
    for _, kind in downgraded:
        assert (kind.name, kind.code, kind.severity, kind.level) == (
            "レベル２土砂災害注意報",
            "29",
            2,
            2,
        )
        assert (kind.last_kind_name, kind.last_kind_code) == ("レベル４土砂災害危険警報", "49")
    sanjo = report.area("1520400")
    assert sanjo is not None
    assert [(k.name, k.status, k.in_force) for k in sanjo.kinds] == [
        ("レベル２土砂災害注意報", "解除", False)
    ]
    niigata = report.area("1510000")
    assert niigata is not None
    assert [(k.code, k.level, k.status) for k in niigata.kinds] == [("49", 4, "継続")]


def test_r06_other_advisories_telegram_scope(telegram: type[TelegramLoader]) -> None:
    parsed = telegram.real("warning_r06/sample_sonota_chuiho.xml")
    assert parsed.hazard_group == "その他注意報"
    report = parsed.payload
    assert isinstance(report, WarningReport)
    assert report.hazards is not None and "雷" in report.hazards and "大雨" not in report.hazards
    lifted = {kind.name for area in report.areas for kind in area.kinds if kind.status == "解除"}
    assert lifted == {"雷注意報"}


def test_r06_vpww56_soya_danger_warning(telegram: type[TelegramLoader]) -> None:
    report = telegram.real("warning_r06/15_16_01_241031_VPWW56.xml").payload
    assert isinstance(report, WarningReport)
    wakkanai = report.area("0121400")
    assert wakkanai is not None
    [kind] = wakkanai.kinds
    assert (kind.name, kind.status, kind.severity) == ("レベル４土砂災害危険警報", "発表", 4)
    assert kind.last_kind_code == "09"


def test_toyama_transition_vpww53_has_the_notice(telegram: type[TelegramLoader]) -> None:
    report = telegram.real("warning_vpww53/keiho_toyama_companion_vpww53.xml").payload
    assert isinstance(report, WarningReport)
    assert report.notice.startswith("［危険警報・氾濫特別警報の発表状況］")


def test_fukushima_all_clear(telegram: type[TelegramLoader]) -> None:
    report = telegram.real("warning_vpww53/2b441518-4e79-342c-a271-7c25597f3a69.xml").payload
    assert isinstance(report, WarningReport)
    statuses = {kind.status for area in report.areas for kind in area.kinds}
    assert statuses == {"解除"}
    assert all(not area.in_force() for area in report.areas)


def test_vpno50_yamagata_special_warning_areas(telegram: type[TelegramLoader]) -> None:
    notice = telegram.real("special_notice_vpno50/20240725040512_0_VPNO50_060000.xml").payload
    assert isinstance(notice, SpecialWarningNotice)
    assert (notice.prefecture_code, notice.prefecture_name) == ("060000", "山形県")
    assert [(a.code, a.name) for a in notice.areas] == [
        ("0620400", "酒田市"),
        ("0646100", "遊佐町"),
    ]
    assert {(k.name, k.severity) for a in notice.areas for k in a.kinds} == {("大雨特別警報", 5)}


def test_kozagawa_2026_flood_forecast_level5_stations_and_criteria(
    telegram: type[TelegramLoader],
) -> None:
    parsed = telegram.real("flood_vxko/16_00_01_260603_VXKO70_kozagawa_l5.xml")
    assert parsed.head.title == "和歌山県古座川水系古座川レベル５氾濫特別警報"
    assert parsed.head.publishing_offices == ("和歌山県東牟婁振興局串本建設部", "和歌山地方気象台")
    assert (parsed.head.event_id, parsed.head.serial) == ("300013000100", 3)
    flood = parsed.payload
    assert isinstance(flood, FloodForecast)
    assert (flood.area_code, flood.area_name) == ("300013000100", "和歌山県古座川水系古座川")
    assert (flood.kind_code, flood.kind_name, flood.level) == ("51", "レベル５氾濫特別警報", 5)
    assert flood.rivers == (("3000130001", "古座川"),)
    assert flood.city_codes == ("3042400", "3042800")
    assert "月野瀬基準観測所" in flood.main_text
    stations = {station.name: station for station in flood.stations}
    assert set(stations) == {"月野瀬", "相瀬"}
    tsukinose = stations["月野瀬"]
    assert tsukinose.code == "30001300010000053"
    assert (tsukinose.water_level_m, tsukinose.level) == (6.77, 4)
    assert tsukinose.observed_at == datetime(2026, 6, 3, 5, 20, tzinfo=JST)
    assert [(f.label, f.water_level_m, f.level) for f in tsukinose.forecasts[:2]] == [
        ("１時間後", 5.74, 3),
        ("２時間後", 4.75, 2),
    ]
    assert tsukinose.forecasts[-1].water_level_m is None  # 欠測
    assert tsukinose.criterion("氾濫注意水位") == 4.00
    assert tsukinose.criterion("避難判断水位") == 5.30
    assert tsukinose.criterion("氾濫危険水位") == 6.00


@pytest.mark.parametrize(
    ("relative", "code", "name", "level"),
    [
        ("flood_vxko/16_01_01_220728_VXKOii.xml", "20", "氾濫注意情報", 2),
        ("flood_vxko/16_02_01_220728_VXKOii.xml", "30", "氾濫警戒情報", 3),
        ("flood_vxko/16_04_01_220728_VXKOii.xml", "53", "氾濫発生情報（氾濫水の予報）", 5),
    ],
)
def test_pre_2026_flood_names_parse_to_levels(
    telegram: type[TelegramLoader], relative: str, code: str, name: str, level: int
) -> None:
    flood = telegram.real(relative).payload
    assert isinstance(flood, FloodForecast)
    assert (flood.kind_code, flood.kind_name, flood.level) == (code, name, level)
    assert flood.stations


def test_toyama_landslide_2026(telegram: type[TelegramLoader]) -> None:
    parsed = telegram.real("landslide_vxww50/dosha_keikai_joho_toyama_serial1.xml")
    assert parsed.head.title == "富山県レベル４土砂災害危険警報"
    assert parsed.head.event_id == "富山県土砂災害警戒情報"
    report = parsed.payload
    assert isinstance(report, LandslideReport)
    assert (report.prefecture_code, report.prefecture_name) == ("160000", "富山県")
    in_force = [(area.code, area.name) for area in report.areas if area.in_force]
    assert in_force == [("1620900", "小矢部市"), ("1621000", "南砺市")]


def test_kanagawa_landslide_all_lifted(telegram: type[TelegramLoader]) -> None:
    report = telegram.real("landslide_vxww50/17_04_03_250630_VXWW50.xml").payload
    assert isinstance(report, LandslideReport)
    assert not any(area.in_force for area in report.areas)
    assert sum(area.status == "解除" for area in report.areas) == 4


def test_tokyo_2026_record_rain_vpoa50_itabashi(telegram: type[TelegramLoader]) -> None:
    parsed = telegram.real("rain_vpoa50/phase6b_VPOA50_JPTK202608221709_202608221717.xml")
    assert parsed.head.event_id == "JPTK202608221709_202608221717"
    assert parsed.head.serial == 2
    rain = parsed.payload
    assert isinstance(rain, RainReport)
    assert rain.prefecture_code == "130000"
    assert rain.mm_per_hour == 120
    assert rain.observed_at == datetime(2026, 8, 22, 17, 0, tzinfo=JST)
    assert [(area.code, area.name) for area in rain.areas] == [("1311900", "板橋区")]


def test_osaka_record_rain_vpoa50(telegram: type[TelegramLoader]) -> None:
    rain = telegram.real("rain_vpoa50/18_01_01_100806_VPOA50.xml").payload
    assert isinstance(rain, RainReport)
    assert rain.mm_per_hour == 130
    assert rain.observed_at == datetime(2010, 6, 2, 11, 30, tzinfo=JST)
    assert [area.name for area in rain.areas] == ["大阪市"]


def test_vpbs50_record_rain_names_municipality_code(telegram: type[TelegramLoader]) -> None:
    rain = telegram.real("rain_vpbs50/82_01_02_250630_VPBS50.xml").payload
    assert isinstance(rain, RainReport)
    assert rain.phenomenon == "記録的短時間大雨"
    [area] = rain.areas
    assert (area.code, area.name, area.mm_per_hour, area.qualifier) == (
        "0154300",
        "美幌町",
        100,
        "付近 約",
    )
    assert rain.observed_at == datetime(2023, 7, 13, 13, 10, tzinfo=JST)


def test_vpbs50_linear_rainband(telegram: type[TelegramLoader]) -> None:
    rain = telegram.real("rain_vpbs50/82_01_01_241031_VPBS50.xml").payload
    assert isinstance(rain, RainReport)
    assert rain.phenomenon == "線状降水帯"
    assert [area.code for area in rain.areas] == ["120010", "120020", "120030"]
    assert rain.mm_per_hour is None
    assert rain.prefecture_code == "120000"
    # The band's detection time (EventPart/Event/Time), not the report time 10:19.
    assert rain.observed_at == datetime(2023, 9, 8, 10, 10, tzinfo=JST)


def test_cancel_sample_of_another_family_keeps_its_head(telegram: type[TelegramLoader]) -> None:
    parsed = telegram.real("cancel_correction/32-35_06_02_100915_VXSE52.xml")
    assert parsed.is_cancellation
    assert parsed.payload is None
    assert parsed.head.title == "震源に関する情報"


def test_the_fixture_folder_is_the_one_in_the_repository() -> None:
    assert (JMA / "SOURCES.md").read_text(encoding="utf-8").count("出典：気象庁") >= 1
