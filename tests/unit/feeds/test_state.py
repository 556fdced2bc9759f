"""The state machine: one alert per change a resident cares about, never a duplicate."""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from datetime import datetime, timedelta, timezone

from feeds.jma import parse_file, parse_telegram
from feeds.model import Alert, Category, Change, Telegram, WarningReport
from feeds.state import AlertTracker

from .conftest import JMA, SYNTHETIC, TelegramLoader

JST = timezone(timedelta(hours=9))
SHINJUKU = "1310400"


def synthetic(*names: str) -> list[Telegram]:
    return [parse_file(SYNTHETIC / name) for name in names]


def sequence() -> list[Telegram]:
    """The 新宿区 evening: every R06 and legacy warning telegram, in file order."""
    return [parse_file(path) for path in sorted(SYNTHETIC.glob("0*.xml"))]


def summary(alerts: Iterable[Alert]) -> list[tuple[str, str, str | None, int | None]]:
    return [(a.change.value, a.hazard or a.river or "", a.kind_code, a.level) for a in alerts]


# -- synthetic 新宿区 sequence -------------------------------------------------------------------


def test_shinjuku_evening_yields_one_alert_per_change_despite_triple_delivery() -> None:
    alerts = AlertTracker(areas=[SHINJUKU]).process_all(sequence())
    assert summary(alerts) == [
        ("new", "大雨", "10", 2),
        ("new", "雷", "14", 2),
        ("upgrade", "大雨", "03", 3),
        ("upgrade", "大雨", "43", 4),
        ("downgrade", "大雨", "10", 2),
        ("lifted", "雷", "14", 2),
        ("lifted", "大雨", "10", 2),
    ]
    assert all(alert.area_code == SHINJUKU and alert.area_name == "新宿区" for alert in alerts)
    assert all(alert.category is Category.WARNING for alert in alerts)
    # Only R06 telegrams speak after the cutover; the legacy copies were absorbed.
    assert {alert.source_id[-10:] for alert in alerts} == {"VPWW55.xml", "VPWW61.xml"}


def test_follow_ups_link_to_the_alert_they_follow() -> None:
    alerts = AlertTracker(areas=[SHINJUKU]).process_all(sequence())
    heavy_rain = [alert for alert in alerts if alert.hazard == "大雨"]
    assert heavy_rain[0].supersedes is None
    for earlier, later in itertools.pairwise(heavy_rain):
        assert later.supersedes == earlier.dedupe_key
    downgrade = heavy_rain[3]
    assert downgrade.is_follow_up
    assert (downgrade.previous_kind_name, downgrade.previous_level) == ("レベル４大雨危険警報", 4)
    assert downgrade.kind_name == "レベル２大雨注意報"
    assert not heavy_rain[1].is_follow_up  # an upgrade goes to everyone who subscribed


def test_alert_carries_what_the_mail_needs() -> None:
    first = AlertTracker(areas=[SHINJUKU]).process_all(sequence())[0]
    assert first.report_datetime == datetime(2026, 9, 20, 18, 0, tzinfo=JST)
    assert first.report_datetime.isoformat() == "2026-09-20T18:00:00+09:00"
    assert first.title == "東京都大雨警報・注意報"
    assert first.headline == "２３区西部では、低い土地の浸水に注意してください。"
    assert first.issuing_offices == ("気象庁",)
    assert first.source_id == "01_20260920T1800_VPWW55.xml"
    assert not first.is_exercise and not first.is_correction


def test_rerunning_the_same_telegrams_gives_the_same_keys_and_no_second_alert() -> None:
    first_run = AlertTracker(areas=[SHINJUKU]).process_all(sequence())
    second_run = AlertTracker(areas=[SHINJUKU]).process_all(sequence())
    assert [a.dedupe_key for a in first_run] == [a.dedupe_key for a in second_run]
    assert len({a.dedupe_key for a in first_run}) == len(first_run)
    tracker = AlertTracker(areas=[SHINJUKU])
    tracker.process_all(sequence())
    assert tracker.process_all(sequence()) == []  # everything is a re-send now


def test_out_of_order_files_are_ordered_by_report_time() -> None:
    shuffled = list(reversed(sequence()))
    assert summary(AlertTracker(areas=[SHINJUKU]).process_all(shuffled)) == summary(
        AlertTracker(areas=[SHINJUKU]).process_all(sequence())
    )


def test_a_late_file_of_a_stream_is_ignored_when_fed_one_by_one() -> None:
    tracker = AlertTracker(areas=[SHINJUKU])
    upgrade, advisory = synthetic("03_20260920T1910_VPWW55.xml", "01_20260920T1800_VPWW55.xml")
    assert summary(tracker.process(upgrade)) == [("new", "大雨", "03", 3)]
    assert tracker.process(advisory) == []  # 18:00 arrives after 19:10: stale


def test_r06_nothing_in_force_clears_only_its_own_hazard() -> None:
    tracker = AlertTracker(areas=[SHINJUKU])
    tracker.process_all(synthetic("01_20260920T1800_VPWW55.xml", "01_20260920T1800_VPWW61.xml"))
    # The その他注意報 telegram lifts 雷; the 大雨 advisory of VPWW55 must survive.
    lifted = tracker.process(synthetic("05_20260920T2240_VPWW61.xml")[0])
    assert summary(lifted) == [("lifted", "雷", "14", 2)]
    remaining = {key[3] for key in tracker.in_force() if key[0] == "real" and key[1] == "r06"}
    assert remaining == {"大雨"}


def test_cancellation_withdraws_and_restores_the_previous_state() -> None:
    tracker = AlertTracker(areas=[SHINJUKU])
    tracker.process_all(synthetic("01_20260920T1800_VPWW55.xml"))
    [upgrade] = tracker.process_all(synthetic("03_20260920T1910_VPWW55.xml"))
    [withdrawal] = tracker.process_all(synthetic("cancel_20260920T1915_VPWW55.xml"))
    assert withdrawal.change is Change.WITHDRAWN
    assert withdrawal.is_follow_up
    assert withdrawal.supersedes == upgrade.dedupe_key
    assert withdrawal.headline.endswith("取り消します。")
    assert withdrawal.kind_name == "レベル３大雨警報"  # what is withdrawn
    # The state is back to the advisory: the next upgrade counts from level 2.
    [danger] = tracker.process_all(synthetic("04_20260920T2020_VPWW55.xml"))
    assert (danger.change, danger.previous_level, danger.level) == (Change.UPGRADE, 2, 4)
    # A second 取消 has nothing left to withdraw from the stream's previous report.
    assert tracker.process_all(synthetic("cancel_20260920T1915_VPWW55.xml")) == []


def test_correction_with_the_same_state_is_silent() -> None:
    tracker = AlertTracker(areas=[SHINJUKU])
    tracker.process_all(synthetic("01_20260920T1800_VPWW55.xml", "03_20260920T1910_VPWW55.xml"))
    assert tracker.process_all(synthetic("correct_same_20260920T1915_VPWW55.xml")) == []


def test_correction_that_changes_the_state_alerts_once_as_a_correction() -> None:
    tracker = AlertTracker(areas=[SHINJUKU])
    first = tracker.process_all(
        synthetic("01_20260920T1800_VPWW55.xml", "03_20260920T1910_VPWW55.xml")
    )
    [corrected] = tracker.process_all(synthetic("correct_level_20260920T1915_VPWW55.xml"))
    assert corrected.is_correction
    assert (corrected.change, corrected.level, corrected.previous_level) == (
        Change.DOWNGRADE,
        2,
        3,
    )
    assert corrected.supersedes == first[-1].dedupe_key
    assert corrected.dedupe_key.startswith("corrected|")


def test_exercise_is_marked_and_never_touches_the_real_state() -> None:
    tracker = AlertTracker(areas=[SHINJUKU])
    [exercise] = tracker.process_all(synthetic("exercise_20261105T1000_VPWW55.xml"))
    assert exercise.is_exercise
    assert exercise.dedupe_key.startswith("exercise|")
    assert (exercise.kind_name, exercise.level) == ("レベル５大雨特別警報", 5)
    assert not any(key[0] == "real" for key in tracker.in_force())
    # A real advisory afterwards is still "new" for the real state.
    [real] = tracker.process_all(synthetic("01_20260920T1800_VPWW55.xml"))
    assert (real.change, real.is_exercise) == (Change.NEW, False)


def test_area_filter_drops_other_wards() -> None:
    alerts = AlertTracker(areas=["1311400"]).process_all(sequence())  # 中野区: nothing in force
    assert [a for a in alerts if a.category is Category.WARNING] == []


# -- 神田川 flood forecasts ----------------------------------------------------------------------


def kanda() -> list[Telegram]:
    return [parse_file(path) for path in sorted(SYNTHETIC.glob("kanda_*.xml"))]


def test_kanda_flood_levels_change_once_each_and_resend_is_silent() -> None:
    alerts = AlertTracker(areas=[SHINJUKU]).process_all(kanda())
    assert [(a.change.value, a.kind_code, a.level, a.previous_level) for a in alerts] == [
        ("new", "20", 2, None),
        ("upgrade", "40", 4, 2),
        # serial 3 (code 41, same level 4) produces nothing
        ("downgrade", "22", 2, 4),
        ("lifted", "10", None, 2),
    ]
    assert {(a.category, a.river, a.area_code) for a in alerts} == {
        (Category.FLOOD, "神田川", "830304004400")
    }
    assert alerts[1].title == "神田川レベル４氾濫危険警報"
    assert alerts[1].issuing_offices == ("東京都建設局", "気象庁")
    assert "南小滝橋 3.35m" in dict(alerts[1].extra)["stations"]
    assert alerts[3].supersedes == alerts[2].dedupe_key


def test_each_kanda_river_is_its_own_event_and_flood_cancel_withdraws() -> None:
    tracker = AlertTracker(areas=[SHINJUKU])
    [zenpukuji] = tracker.process_all(synthetic("zenpukuji_1_20260920T2000_VXKO.xml"))
    [kanda_first] = tracker.process_all(kanda()[:1])
    assert (zenpukuji.river, kanda_first.river) == ("善福寺川", "神田川")
    [withdrawn] = tracker.process_all(synthetic("zenpukuji_cancel_20260920T2010_VXKO.xml"))
    assert (withdrawn.change, withdrawn.supersedes) == (Change.WITHDRAWN, zenpukuji.dedupe_key)
    assert not any(key[2] == "830304004900" for key in tracker.in_force())


def test_floods_outside_the_followed_rivers_are_ignored(telegram: type[TelegramLoader]) -> None:
    kozagawa = telegram.real("flood_vxko/16_00_01_260603_VXKO70_kozagawa_l5.xml")
    assert AlertTracker(areas=[SHINJUKU]).process(kozagawa) == []
    [alert] = AlertTracker(areas=None, flood_areas=None).process(kozagawa)
    assert (alert.river, alert.level, alert.change) == ("和歌山県古座川水系古座川", 5, Change.NEW)
    assert alert.text.startswith("【警戒レベル２】")


# -- rain ----------------------------------------------------------------------------------------


def test_record_rain_reported_twice_by_vpbs50_and_vpoa50_alerts_once() -> None:
    alerts = AlertTracker(areas=[SHINJUKU]).process_all(
        synthetic("rain_20260920T2005_VPBS50.xml", "rain_20260920T2005_VPOA50.xml")
    )
    [rain] = alerts
    assert (rain.category, rain.change, rain.mm_per_hour) == (Category.RAIN, Change.REPORT, 110)
    assert (rain.area_code, rain.area_name) == (SHINJUKU, "新宿区")


def test_a_re_sent_rain_report_with_the_same_reading_is_not_a_new_alert(
    telegram: type[TelegramLoader],
) -> None:
    """The rule itself, not the outbox's identical key: each pair below would give a second
    alert without it (VPBS50 is never silenced by the R06 cutover, and the VPOA50 twin is taken
    as dated before it)."""
    resent = [
        parse_telegram((JMA / "rain_vpbs50/82_01_02_250630_VPBS50.xml").read_bytes(), name)
        for name in ("first.xml", "resent.xml")
    ]
    tracker = AlertTracker(areas=["0154300"])
    assert len(tracker.process(resent[0])) == 1
    assert tracker.process(resent[1]) == []
    # The same 新宿区 record rain from VPBS50 and its VPOA50 twin, both able to alert.
    twins = synthetic("rain_20260920T2005_VPBS50.xml", "rain_20260920T2005_VPOA50.xml")
    before_cutover = AlertTracker(areas=[SHINJUKU], r06_cutover=_far_future())
    assert len(before_cutover.process(twins[0])) == 1
    assert before_cutover.process(twins[1]) == []
    # 線状降水帯 has no amount: the same detection time again is the same report.
    band = synthetic("senjo_1_20260920T1940_VPBS50.xml")[0]
    copy = parse_telegram((SYNTHETIC / "senjo_1_20260920T1940_VPBS50.xml").read_bytes(), "copy")
    tracker = AlertTracker(areas=[SHINJUKU])
    assert len(tracker.process(band)) == 1
    assert tracker.process(copy) == []
    # Its follow-up (a later detection) is a new report for everyone.
    [follow_up] = tracker.process(synthetic("senjo_2_20260920T2010_VPBS50.xml")[0])
    assert (follow_up.change, follow_up.kind_name) == (Change.REPORT, "線状降水帯")


def test_real_itabashi_record_rain_is_not_shinjuku_but_is_itabashi(
    telegram: type[TelegramLoader],
) -> None:
    itabashi = telegram.real("rain_vpoa50/phase6b_VPOA50_JPTK202608221709_202608221717.xml")
    assert AlertTracker(areas=[SHINJUKU], r06_cutover=_far_future()).process(itabashi) == []
    [alert] = AlertTracker(areas=["1311900"], r06_cutover=_far_future()).process(itabashi)
    assert (alert.mm_per_hour, alert.area_name) == (120, "板橋区")
    # After the cutover VPOA50 is a transition telegram: VPBS50 speaks instead.
    assert AlertTracker(areas=["1311900"]).process(itabashi) == []


def _far_future() -> datetime:
    return datetime(2099, 1, 1, tzinfo=JST)


# -- real telegrams ------------------------------------------------------------------------------


def test_real_tokyo_2017_vpww53_and_vpww54_of_one_event_alert_once(
    telegram: type[TelegramLoader],
) -> None:
    tracker = AlertTracker(areas=[SHINJUKU])
    alerts = tracker.process_all(
        [
            telegram.real("warning_vpww53/15_14_01_170216_VPWW53.xml"),
            telegram.real("warning_vpww54/15_14_01_170216_VPWW54.xml"),
        ]
    )
    assert summary(alerts) == [("new", "大雨", "33", 5)]
    assert alerts[0].kind_name == "大雨特別警報"
    assert alerts[0].text == "土砂災害"


def test_real_yamagata_vpno50_and_vpww54_share_the_special_warning(
    telegram: type[TelegramLoader],
) -> None:
    tracker = AlertTracker(areas=["0620400"])  # 酒田市
    alerts = tracker.process_all(
        [
            telegram.real("special_notice_vpno50/20240725040512_0_VPNO50_060000.xml"),
            telegram.real("warning_vpww54/20240725040511_0_VPWW54_060000.xml"),
        ]
    )
    special = [a for a in alerts if a.kind_code == "33"]
    assert len(special) == 1 and special[0].level == 5


def test_real_resend_of_the_same_state_is_silent(telegram: type[TelegramLoader]) -> None:
    tracker = AlertTracker(areas=None)
    gifu = telegram.real("warning_r06/keiho_multi_pref_gifu.xml")
    first = tracker.process(gifu)
    assert isinstance(gifu.payload, WarningReport)
    in_force = [area for area in gifu.payload.areas if area.in_force()]
    assert len(first) == len(in_force) == 19  # one alert per municipality with a kind in force
    assert {a.kind_name for a in first} == {"レベル２大雨注意報", "レベル３大雨警報"}
    assert tracker.process(gifu) == []


def test_real_downgrade_and_lift_against_the_state_from_last_kind(
    telegram: type[TelegramLoader],
) -> None:
    # Build the state the real telegram's LastKind describes (レベル４ before the downgrade,
    # レベル２ before the 解除), then feed the real telegram.
    path = JMA / "warning_r06" / "sample_dosha_keiho.xml"
    real = path.read_bytes()
    before = (
        real.replace(
            "<Status>危険警報から注意報</Status>".encode(), "<Status>継続</Status>".encode()
        )
        .replace(
            "<Name>レベル２土砂災害注意報</Name>\n<Code>29</Code>\n<Status>継続</Status>\n"
            "<LastKind>\n<Name>レベル４土砂災害危険警報</Name>".encode(),
            "<Name>レベル４土砂災害危険警報</Name>\n<Code>49</Code>\n<Status>継続</Status>\n"
            "<LastKind>\n<Name>レベル４土砂災害危険警報</Name>".encode(),
        )
        .replace("<Status>解除</Status>".encode(), "<Status>継続</Status>".encode())
        .replace(
            b"2026-07-26T20:13:00+09:00</ReportDateTime>",
            b"2026-07-26T19:00:00+09:00</ReportDateTime>",
        )
    )
    tracker = AlertTracker(areas=None)
    tracker.process(parse_telegram(before, "before.xml"))
    alerts = tracker.process(parse_file(path))
    changes = {(a.area_name, a.change.value, a.kind_code, a.previous_kind_code) for a in alerts}
    assert ("三条市", "lifted", "29", "29") in changes
    downgrades = [a for a in alerts if a.change is Change.DOWNGRADE]
    assert downgrades and all(
        (a.level, a.previous_level, a.kind_name) == (2, 4, "レベル２土砂災害注意報")
        for a in downgrades
    )
    assert len(alerts) == len(changes)


def test_real_toyama_landslide_legacy_is_silent_after_cutover(
    telegram: type[TelegramLoader],
) -> None:
    toyama = telegram.real("landslide_vxww50/dosha_keikai_joho_toyama_serial1.xml")
    assert AlertTracker(areas=None).process(toyama) == []
    alerts = AlertTracker(areas=None, r06_cutover=_far_future()).process(toyama)
    assert [(a.category, a.area_name, a.level) for a in alerts] == [
        (Category.LANDSLIDE, "小矢部市", 4),
        (Category.LANDSLIDE, "南砺市", 4),
    ]
