"""Alert mail wording: what a resident reads, for the demo typhoon night and the other telegrams.

Every mail here goes the whole way: JMA telegram files → feeds parser → AlertTracker → render →
MessageTemplate (per-recipient bytes) → parsed back with the ``email`` package, so the assertions
are about the text a mail program shows.
"""

from __future__ import annotations

import dataclasses
import email
import email.policy
import logging
from collections.abc import Iterator
from datetime import datetime
from email.message import EmailMessage
from importlib.resources import as_file, files
from pathlib import Path

import pytest

from dispatch.base.vocabulary import Charset
from dispatch.mail.message import (
    UNSUBSCRIBE_URL_SLOT,
    HeaderInjectionError,
    InvalidAddressError,
    MessageContent,
    MessageTemplate,
    Mode,
)
from dispatch.records.settings import OfficeProfile
from dispatch.wording.alerts import DEMO_OFFICE, render_alert
from dispatch.wording.library import (
    LANGUAGES,
    TEMPLATE_NAMES,
    TemplateLibrary,
    TemplateLoadError,
    UnsupportedLanguageError,
    default_library,
)
from feeds.jma import parse_file
from feeds.model import JST, Alert, Category, Change
from feeds.observations import ObservationTracker, StationThresholds, read_csv
from feeds.replay import ReplaySource
from feeds.state import AlertTracker

SHINJUKU = "1310400"
SYNTHETIC = Path(__file__).resolve().parents[3] / "data" / "jma" / "synthetic"
REAL_TELEGRAMS = Path(__file__).resolve().parents[3] / "data" / "jma"
RESIDENT = "hanako@docomo.ne.jp"
PERSONAL_URL = "https://example.jp/kishomail/u/7Qx2pL?a=unsub"
DISPATCH_DATE = datetime(2026, 10, 12, 19, 1, tzinfo=JST)

# A phone lock screen shows about this many characters of a subject.
MAX_SUBJECT = {"ja": 30, "ja-easy": 30, "en": 70}


# ---------------------------------------------------------------------------------------------
# The real pipeline


@pytest.fixture(scope="module")
def night() -> list[Alert]:
    """The demo typhoon night over 新宿区 and the 神田川 system, as the tracker reports it."""
    with as_file(files("resources") / "demo_telegrams") as folder:
        source = ReplaySource(folder)
    assert not source.errors
    return AlertTracker(areas=[SHINJUKU]).process_all(source.poll())


def synthetic(*names: str) -> list[Alert]:
    """Alerts of a sequence of the synthetic 新宿区 telegrams (取消, 訂正, 訓練 …)."""
    tracker = AlertTracker(areas=[SHINJUKU])
    return tracker.process_all(parse_file(SYNTHETIC / name) for name in names)


def gauges() -> list[Alert]:
    """River and rain gauge alerts from the office CSV format."""
    rows = "\n".join(
        [
            "station_code,station_name,river,kind,value,observed_at",
            "0020,南小滝橋,神田川,water_level,3.5,2026-10-12T21:00+09:00",
            "0020,南小滝橋,神田川,water_level,2.9,2026-10-12T22:00+09:00",
            "0020,南小滝橋,神田川,water_level,1.0,2026-10-12T23:00+09:00",
            "R1,新宿区役所,,rain,55,2026-10-12T21:00+09:00",
            "R1,新宿区役所,,rain,5,2026-10-12T23:00+09:00",
        ]
    )
    tracker = ObservationTracker([StationThresholds("0020", 2.0, 2.8, 3.3)])
    return tracker.process(read_csv(rows.encode(), "office.csv"))


def pick(alerts: list[Alert], category: Category, change: Change, kind: str = "") -> Alert:
    found = [
        alert
        for alert in alerts
        if alert.category is category and alert.change is change and kind in (alert.kind_name or "")
    ]
    assert len(found) == 1, found
    return found[0]


def mail(
    alert: Alert, language: str, charset: Charset = Charset.UTF8
) -> tuple[str, str, MessageTemplate]:
    """Subject and body as the resident's mail program decodes them (individual mode)."""
    content = render_alert(
        alert, language, charset, DEMO_OFFICE, mode=Mode.INDIVIDUAL, date=DISPATCH_DATE
    )
    template = MessageTemplate(content, Mode.INDIVIDUAL)
    envelope = template.individual(RESIDENT, "<m1@example.jp>", PERSONAL_URL)
    message = parse(envelope.data)
    assert message["To"] == RESIDENT
    assert message["List-Unsubscribe"] == f"<{PERSONAL_URL}>"
    assert message.get_content_charset() == charset.value
    body = message.get_content().replace("\r\n", "\n")
    return str(message["Subject"]), body, template


def parse(data: bytes) -> EmailMessage:
    message = email.message_from_bytes(data, policy=email.policy.default)
    assert isinstance(message, EmailMessage)
    return message


def every_language_and_charset() -> Iterator[tuple[str, Charset]]:
    for language in LANGUAGES:
        for charset in Charset:
            yield language, charset


LANGUAGE_CHARSETS = list(every_language_and_charset())


# ---------------------------------------------------------------------------------------------
# The 大雨警報 of 19:00, word by word


@pytest.mark.parametrize("charset", list(Charset))
def test_heavy_rain_warning_in_japanese(night: list[Alert], charset: Charset) -> None:
    alert = pick(night, Category.WARNING, Change.UPGRADE, "大雨警報")
    subject, body, template = mail(alert, "ja", charset)

    assert subject == "【新宿区】レベル３大雨警報 発表"
    assert "新宿区に「レベル３大雨警報」が発表されました。" in body
    assert "（これまでの情報: レベル２大雨注意報）" in body
    assert "■ 対象地域: 新宿区" in body
    assert "■ 警戒レベル: 警戒レベル３相当" in body
    assert "■ 発表時刻: 2026年10月12日 19時00分" in body
    assert "危険な場所から高齢者等は避難してください。" in body
    assert "■ 気象庁発表\n２３区西部では、低い土地の浸水に警戒してください。\n" in body
    assert f"配信の変更・停止はこちら:\n{PERSONAL_URL}\n" in body
    assert "お問い合わせ: 新宿区危機管理課（電話 03-0000-0000）" in body
    assert UNSUBSCRIBE_URL_SLOT not in body
    assert template.replaced_characters == 0


@pytest.mark.parametrize("charset", list(Charset))
def test_heavy_rain_warning_in_english(night: list[Alert], charset: Charset) -> None:
    alert = pick(night, Category.WARNING, Change.UPGRADE, "大雨警報")
    subject, body, template = mail(alert, "en", charset)

    assert subject == "[Shinjuku] Heavy Rain Warning (Level 3)"
    assert "Issued for Shinjuku (新宿区): Heavy Rain Warning (Level 3) [レベル３大雨警報]" in body
    assert "- Level: Alert Level 3 equivalent" in body
    assert "- Issued at: 12 October 2026, 19:00 JST" in body
    assert "Older people and others who need time to evacuate must leave" in body
    assert "気象庁発表 - issued by the Japan Meteorological Agency" in body
    # JMA's wording is relayed as published, in Japanese, not translated by us.
    assert "As published (Japanese):\n２３区西部では、低い土地の浸水に警戒してください。" in body
    assert f"Change or stop these mails:\n{PERSONAL_URL}\n" in body
    assert "Contact: Shinjuku City Crisis Management Division, phone 03-0000-0000" in body
    assert template.replaced_characters == 0


@pytest.mark.parametrize("charset", list(Charset))
def test_heavy_rain_warning_in_easy_japanese(night: list[Alert], charset: Charset) -> None:
    alert = pick(night, Category.WARNING, Change.UPGRADE, "大雨警報")
    subject, body, template = mail(alert, "ja-easy", charset)

    assert subject == "【新宿区】レベル３大雨警報が 出ました"
    assert "新宿区に「レベル３大雨警報」が 出ました。" in body
    assert "（大雨: 雨が たくさん ふる こと）" in body
    assert "■ レベル: レベル３（あぶないです）" in body
    assert "■ 時間: 2026年10月12日 午後7時00分" in body
    assert "おとしよりや、にげるのに 時間が かかる 人は、あぶない ところから にげて" in body
    assert "気象庁発表（気象庁が 出した 情報です）\n２３区西部では、低い土地の浸水に警戒" in body
    assert f"メールを かえる・止める ときは ここ:\n{PERSONAL_URL}\n" in body
    assert template.replaced_characters == 0


# ---------------------------------------------------------------------------------------------
# The whole night, every language and charset


@pytest.mark.parametrize(("language", "charset"), LANGUAGE_CHARSETS)
def test_every_mail_of_the_night_says_what_where_when_and_who(
    night: list[Alert], language: str, charset: Charset
) -> None:
    assert len(night) == 14
    for alert in night:
        subject, body, template = mail(alert, language, charset)
        where = f"{alert.source_id} ({language}, {charset})"

        assert len(subject) <= MAX_SUBJECT[language], where
        assert alert.kind_name and alert.kind_name in body, where
        assert alert.area_name in body, where
        assert alert.headline in body, where
        assert "気象庁発表" in body, where
        assert "・".join(alert.issuing_offices) in body, where
        assert body.count(PERSONAL_URL) == 1, where
        assert UNSUBSCRIBE_URL_SLOT not in body, where
        assert template.replaced_characters == 0, where
        if language != "en":
            assert alert.kind_name in subject or "記録的短時間大雨" in subject, where
            assert "【新宿区】" in subject, where
        else:
            assert subject.startswith("[Shinjuku] "), where
        report_time = alert.report_datetime.astimezone(JST)
        if language == "en":
            assert f"{report_time:%H:%M} JST" in body, where
        else:
            assert f"{report_time.month}月{report_time.day}日" in body, where


@pytest.mark.parametrize("language", LANGUAGES)
def test_kanda_flood_danger_names_both_issuers_and_says_everyone_evacuates(
    night: list[Alert], language: str
) -> None:
    alert = pick(night, Category.FLOOD, Change.UPGRADE, "レベル４氾濫危険警報")
    subject, body, _ = mail(alert, language)

    assert "東京都建設局・気象庁" in body
    assert "南小滝橋 3.32m、和田見橋 3.12m" in body
    expected = {
        "ja": (
            "【新宿区】神田川レベル４氾濫危険警報 発表",
            ["■ 警戒レベル: 警戒レベル４相当", "危険な場所から全員避難", "共同発表"],
        ),
        "en": (
            "[Shinjuku] Kanda River: Flood Danger Warning (Level 4)",
            ["Alert Level 4 equivalent", "Everyone in a dangerous place must evacuate"],
        ),
        "ja-easy": (
            "【新宿区】神田川レベル４氾濫危険警報が 出ました",
            ["レベル４（とても あぶないです）", "みんな にげて ください"],
        ),
    }[language]
    assert subject == expected[0]
    for phrase in expected[1]:
        assert phrase in body


@pytest.mark.parametrize("language", LANGUAGES)
def test_level_4_and_5_heavy_rain_call_for_evacuation_and_immediate_safety(
    night: list[Alert], language: str
) -> None:
    level4 = pick(night, Category.WARNING, Change.UPGRADE, "レベル４大雨危険警報")
    _, body4, _ = mail(level4, language)
    [level5] = synthetic("exercise_20261105T1000_VPWW55.xml")
    _, body5, _ = mail(level5, language)

    phrases = {
        "ja": ("危険な場所から全員避難", "命の危険 ただちに安全確保！"),
        "en": ("Everyone in a dangerous place must evacuate", "secure your safety immediately"),
        "ja-easy": ("みんな にげて ください", "すぐに いのちを 守って ください"),
    }[language]
    assert phrases[0] in body4
    assert phrases[1] in body5
    if language == "en":
        assert "Heavy Rain Danger Warning (Level 4)" in body4
        assert "Heavy Rain Emergency Warning (Level 5)" in body5


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_storm_warning_has_no_evacuation_level_but_a_class_and_advice(
    night: list[Alert], language: str
) -> None:
    # 暴風警報 is not part of the 警戒レベル scale: no "レベル３" may be made up for it.
    alert = pick(night, Category.WARNING, Change.UPGRADE, "暴風警報")
    subject, body, _ = mail(alert, language)

    assert "レベル" not in subject and "Level" not in subject
    assert {
        "ja": "■ 種別: 警報",
        "en": "- Type: Warning",
        "ja-easy": "■ しゅるい: 警報（あぶないです）",
    }[language] in body
    assert {
        "ja": "不要不急の外出は控え",
        "en": "Do not go out unless you must",
        "ja-easy": "外に 出ないで ください",
    }[language] in body
    if language == "en":
        assert subject == "[Shinjuku] Storm Warning"


@pytest.mark.parametrize("language", LANGUAGES)
def test_record_rain_report_gives_the_amount(night: list[Alert], language: str) -> None:
    alert = pick(night, Category.RAIN, Change.REPORT)
    subject, body, _ = mail(alert, language)

    amount = {"ja": "（1時間100ミリ）", "en": " (100 mm/h)", "ja-easy": "（1時間100ミリ）"}
    assert subject.endswith(amount[language])
    assert "記録的短時間大雨" in body
    assert "新宿区付近で１時間に約１００ミリ。" in body  # JMA's own wording
    intensity = {"ja": "■ 雨の強さ: 猛烈な雨", "en": "- Intensity: torrential rain"}
    assert intensity.get(language, "■ 雨の 強さ: いちばん 強い 雨") in body
    if language == "en":
        assert "Record Short-Term Heavy Rain Information" in subject


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_linear_rainband_says_what_it_is_where_and_what_to_do(language: str) -> None:
    [band] = synthetic("senjo_1_20260920T1940_VPBS50.xml")
    subject, body, _ = mail(band, language)
    expected = {
        "ja": ("【新宿区】線状降水帯の発生", "東京地方（新宿区を含む）", "線状降水帯とは、"),
        "en": (
            "[Shinjuku] Linear Rainband",
            "東京地方 (including Shinjuku)",
            "A linear rainband is",
        ),
        "ja-easy": ("【新宿区】線状降水帯", "東京地方（新宿区も 入ります）", "列に なって"),
    }[language]
    assert subject.startswith(expected[0])
    assert expected[1] in body and expected[2] in body
    what_to_do = {"ja": "ただちに安全な場所へ避難", "en": "move somewhere safe immediately"}
    assert what_to_do.get(language, "すぐに 安全な ところへ 逃げて") in body
    assert "線状降水帯による非常に激しい雨" in body  # JMA's own wording, relayed


# ---------------------------------------------------------------------------------------------
# Follow-ups: downgrade, 解除, 取消, 訂正, 訓練


@pytest.mark.parametrize("language", LANGUAGES)
def test_lifted_mails_say_lifted(night: list[Alert], language: str) -> None:
    rain = pick(night, Category.WARNING, Change.LIFTED, "大雨")
    flood = pick(night, Category.FLOOD, Change.LIFTED)
    rain_subject, rain_body, _ = mail(rain, language)
    flood_subject, flood_body, _ = mail(flood, language)

    if language == "en":
        assert rain_subject == "[Shinjuku] Heavy Rain Advisory (Level 2) lifted"
        assert "Heavy Rain Advisory (Level 2) [レベル２大雨注意報] has been lifted." in rain_body
        assert flood_subject == "[Shinjuku] Kanda River: Flood Advisory (Level 2) lifted"
        assert "The flood forecast for Kanda River has ended" in flood_body
    else:
        assert rain_subject == "【新宿区】レベル２大雨注意報 解除"
        assert flood_subject == "【新宿区】神田川レベル２氾濫注意報解除"
        lifted = "は解除されました" if language == "ja" else "は 終わりました（解除）"
        assert f"新宿区の「レベル２大雨注意報」{lifted}" in rain_body
        assert "神田川の" in flood_body and "解除" in flood_body
    assert "注意報を解除します。" in rain_body
    assert "神田川では、氾濫のおそれがなくなりました" in flood_body
    # A lifted mail gives no evacuation instruction.
    for body in (rain_body, flood_body):
        assert "避難して" not in body and "evacuate" not in body and "にげて" not in body


@pytest.mark.parametrize("language", LANGUAGES)
def test_downgrade_says_from_what_to_what_and_that_it_stays_in_force(
    night: list[Alert], language: str
) -> None:
    alert = pick(night, Category.WARNING, Change.DOWNGRADE, "大雨")
    subject, body, _ = mail(alert, language)

    expected = {
        "ja": (
            "【新宿区】レベル２大雨注意報に切替",
            "新宿区の「レベル４大雨危険警報」は「レベル２大雨注意報」に切り替わりました。",
        ),
        "en": (
            "[Shinjuku] Downgraded: Heavy Rain Advisory (Level 2)",
            "Heavy Rain Danger Warning (Level 4) has been downgraded to Heavy Rain Advisory",
        ),
        "ja-easy": (
            "【新宿区】レベル２大雨注意報に かわりました",
            "新宿区の「レベル４大雨危険警報」は「レベル２大雨注意報」に かわりました。",
        ),
    }[language]
    assert subject == expected[0]
    assert expected[1] in body


@pytest.mark.parametrize(("language", "charset"), LANGUAGE_CHARSETS)
def test_withdrawal_says_the_earlier_mail_is_withdrawn(language: str, charset: Charset) -> None:
    *_, withdrawn = synthetic(
        "01_20260920T1800_VPWW55.xml",
        "03_20260920T1910_VPWW55.xml",
        "cancel_20260920T1915_VPWW55.xml",
    )
    assert withdrawn.change is Change.WITHDRAWN
    subject, body, _ = mail(withdrawn, language, charset)

    expected = {
        "ja": (
            "【新宿区】取消：レベル３大雨警報",
            "先にお送りした「レベル３大雨警報」（新宿区）のメールは取り消されました。",
        ),
        "en": (
            "[Shinjuku] WITHDRAWN: Heavy Rain Warning (Level 3)",
            "Our earlier mail about Heavy Rain Warning (Level 3) for Shinjuku (新宿区) is"
            " withdrawn.",
        ),
        "ja-easy": (
            "【新宿区】取り消し：レベル３大雨警報",
            "前に 送った「レベル３大雨警報」（新宿区）の メールは 取り消しです（取消）。",
        ),
    }[language]
    assert subject == expected[0]
    assert expected[1] in body
    assert "２０日１９時１０分に発表した大雨警報・注意報を取り消します。" in body
    # The withdrawn warning's advice must not be repeated.
    assert "高齢者等は避難" not in body and "Older people" not in body


@pytest.mark.parametrize("language", LANGUAGES)
def test_withdrawn_flood_forecast_does_not_repeat_the_withdrawn_text(language: str) -> None:
    *_, withdrawn = synthetic(
        "zenpukuji_1_20260920T2000_VXKO.xml", "zenpukuji_cancel_20260920T2010_VXKO.xml"
    )
    _, body, _ = mail(withdrawn, language)

    assert "２０日２０時００分に発表した善福寺川の洪水予報を取り消します。" in body
    assert "氾濫注意水位に到達" not in body
    assert "東京都建設局・気象庁" in body


@pytest.mark.parametrize(("language", "charset"), LANGUAGE_CHARSETS)
def test_correction_says_so_in_the_subject_and_body(language: str, charset: Charset) -> None:
    *_, corrected = synthetic(
        "01_20260920T1800_VPWW55.xml",
        "03_20260920T1910_VPWW55.xml",
        "correct_level_20260920T1915_VPWW55.xml",
    )
    assert corrected.is_correction
    subject, body, _ = mail(corrected, language, charset)

    mark = "[CORRECTION] " if language == "en" else "【訂正】"
    assert subject.startswith(mark + ("[Shinjuku]" if language == "en" else "【新宿区】"))
    assert body.startswith(mark)
    assert len(subject) <= MAX_SUBJECT[language]
    assert {"ja": "訂正します", "en": "corrects an earlier", "ja-easy": "なおします"}[
        language
    ] in body


@pytest.mark.parametrize(("language", "charset"), LANGUAGE_CHARSETS)
def test_exercise_is_marked_loudly(language: str, charset: Charset) -> None:
    [exercise] = synthetic("exercise_20261105T1000_VPWW55.xml")
    assert exercise.is_exercise
    subject, body, _ = mail(exercise, language, charset)

    mark = "[EXERCISE] " if language == "en" else "【訓練】"
    assert subject.startswith(mark)
    assert body.startswith(mark)
    assert {"ja": "実際の気象情報ではありません", "en": "NOT real", "ja-easy": "本当の"}[
        language
    ] in body.split("\n")[0]
    assert len(subject) <= MAX_SUBJECT[language]


# ---------------------------------------------------------------------------------------------
# Gauges are not JMA


@pytest.mark.parametrize("language", LANGUAGES)
def test_gauge_readings_are_not_presented_as_jma_announcements(language: str) -> None:
    alerts = gauges()
    river = pick(alerts, Category.RIVER, Change.NEW)
    subject, body, _ = mail(river, language)

    assert "気象庁発表" not in body
    assert {"ja": "気象庁の発表ではありません", "en": "not a JMA announcement"}.get(
        language, "気象庁の 発表では ありません"
    ) in body
    assert "南小滝橋" in subject and "南小滝橋 3.5m" in body
    # 氾濫危険水位 corresponds to 警戒レベル４: everyone evacuates.
    assert {"ja": "全員避難", "en": "Everyone", "ja-easy": "みんな にげて"}[language] in body
    rain = pick(alerts, Category.RAIN, Change.REPORT)
    rain_subject, rain_body, _ = mail(rain, language)
    assert "55" in rain_subject and "気象庁発表" not in rain_body


# ---------------------------------------------------------------------------------------------
# Batch mode


def test_batch_mode_links_the_general_page_and_names_no_one() -> None:
    [exercise] = synthetic("exercise_20261105T1000_VPWW55.xml")
    content = render_alert(exercise, "ja", Charset.ISO_2022_JP, DEMO_OFFICE, mode=Mode.BATCH)
    assert UNSUBSCRIBE_URL_SLOT not in content.body
    envelope = MessageTemplate(content, Mode.BATCH).batch(
        ["a@docomo.ne.jp", "b@ezweb.ne.jp"], "<b1@example.jp>"
    )

    message = parse(envelope.data)
    assert message["To"] == "kishomail@example.jp"
    assert message["List-Unsubscribe"] == "<https://example.jp/kishomail/>"
    body = message.get_content().replace("\r\n", "\n")
    assert "配信の変更・停止はこちら:\nhttps://example.jp/kishomail/\n" in body
    assert "docomo" not in body and "ezweb" not in body
    assert max(envelope.data) < 0x80


def test_content_carries_the_office_and_the_dispatch_date(night: list[Alert]) -> None:
    alert = night[0]
    content = render_alert(
        alert, "en", Charset.UTF8, DEMO_OFFICE, mode=Mode.INDIVIDUAL, date=DISPATCH_DATE
    )
    assert isinstance(content, MessageContent)
    assert content.office_address == "kishomail@example.jp"
    assert content.office_name == "Shinjuku City Crisis Management Division"
    assert content.list_unsubscribe_url == "https://example.jp/kishomail/"
    assert content.date == DISPATCH_DATE
    assert content.body.count(UNSUBSCRIBE_URL_SLOT) == 1


# ---------------------------------------------------------------------------------------------
# Hostile or unusual JMA text


def test_characters_missing_from_iso_2022_jp_are_marked_not_fatal(night: list[Alert]) -> None:
    alert = dataclasses.replace(night[0], headline="①新宿区で１時間に５０㎜～の雨")
    subject, body, template = mail(alert, "ja", Charset.ISO_2022_JP)

    assert "〓新宿区で１時間に５０〓〓の雨" in body
    assert template.replaced_characters == 3
    assert subject == "【新宿区】レベル２大雨注意報 発表"


def test_a_very_long_headline_is_wrapped_for_7bit_but_kept_whole(night: list[Alert]) -> None:
    long_headline = "２３区西部では、低い土地の浸水に警戒してください。" * 60
    alert = dataclasses.replace(night[0], headline=long_headline)
    _, body, _ = mail(alert, "ja", Charset.ISO_2022_JP)

    assert long_headline in body.replace("\n", "")
    assert max(len(line) for line in body.split("\n")) < 300


def test_jma_text_cannot_move_the_unsubscribe_link(night: list[Alert]) -> None:
    alert = dataclasses.replace(
        night[0], headline="続報は {unsubscribe_url} を参照", area_name="新宿区\r\nBcc: x@y.jp"
    )
    subject, body, _ = mail(alert, "ja")

    assert body.count(PERSONAL_URL) == 1
    assert "続報は ｛unsubscribe_url｝ を参照" in body
    assert "\r" not in subject and "Bcc" not in subject


# ---------------------------------------------------------------------------------------------
# Templates


def test_every_shipped_template_loads() -> None:
    templates = default_library().load_all()
    assert len(templates) == len(LANGUAGES) * len(TEMPLATE_NAMES)
    # Each language ships its own file for each name (no silent fallback to Japanese).
    assert {(t.language, t.name) for t in templates} == {
        (language, name) for language in LANGUAGES for name in TEMPLATE_NAMES
    }


def one_alert_per_category(night: list[Alert]) -> list[Alert]:
    landslide_2019 = REAL_TELEGRAMS / "landslide_vxww50" / "17_01_01_190529_VXWW50.xml"
    landslides = AlertTracker(areas=None).process_all([parse_file(landslide_2019)])
    [level5] = synthetic("exercise_20261105T1000_VPWW55.xml")
    alerts = {
        Category.WARNING: pick(night, Category.WARNING, Change.UPGRADE, "大雨警報"),
        Category.FLOOD: pick(night, Category.FLOOD, Change.UPGRADE),
        Category.RAIN: pick(night, Category.RAIN, Change.REPORT),
        Category.LANDSLIDE: landslides[0],
        Category.SPECIAL: dataclasses.replace(level5, category=Category.SPECIAL),
        Category.RIVER: pick(gauges(), Category.RIVER, Change.NEW),
        Category.OTHER: dataclasses.replace(night[0], category=Category.OTHER),
    }
    assert set(alerts) == set(Category)
    assert alerts[Category.LANDSLIDE].category is Category.LANDSLIDE
    return list(alerts.values())


@pytest.mark.parametrize(("language", "charset"), LANGUAGE_CHARSETS)
def test_every_template_renders_with_every_category(
    night: list[Alert], language: str, charset: Charset
) -> None:
    for alert in one_alert_per_category(night):
        for name in TEMPLATE_NAMES:
            if name == "footer":
                continue
            content = render_alert(
                alert, language, charset, DEMO_OFFICE, mode=Mode.INDIVIDUAL, template_name=name
            )
            where = f"{language}/{name}.txt with {alert.category}"
            assert "$" not in content.subject and "$" not in content.body, where
            assert content.body.count(UNSUBSCRIBE_URL_SLOT) == 1, where
            assert "\n\n\n" not in content.body, where
            template = MessageTemplate(content, Mode.INDIVIDUAL)
            template.individual(RESIDENT, "<m2@example.jp>", PERSONAL_URL)
            assert template.replaced_characters == 0, where


@pytest.mark.parametrize(("language", "charset"), LANGUAGE_CHARSETS)
def test_every_real_telegram_alert_renders(language: str, charset: Charset) -> None:
    # Real telegrams of many prefectures (and years): nothing crashes, nothing is lost.
    source = ReplaySource(REAL_TELEGRAMS)
    alerts = AlertTracker(areas=None, flood_areas=None).process_all(source.poll())
    assert len(alerts) > 100
    for alert in alerts:
        _, body, template = mail(alert, language, charset)
        assert alert.headline.strip() in body.replace("\r", "")
        assert template.replaced_characters == 0, alert.source_id


def write(folder: Path, relative: str, text: str) -> None:
    path = folder / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


FOOTER = "--\n停止: ${manage_url}\n"


def test_a_template_missing_in_a_language_falls_back_to_japanese(
    tmp_path: Path, night: list[Alert], caplog: pytest.LogCaptureFixture
) -> None:
    # An office's own wording: Japanese warning only, English footer only.
    write(
        tmp_path,
        "ja/warning.txt",
        "Subject: ${marks}【${ward}】${kind}\n\n${area}: ${kind}\n$footer\n",
    )
    write(tmp_path, "ja/footer.txt", FOOTER)
    write(tmp_path, "en/footer.txt", "--\nStop: ${manage_url}\n")
    library = TemplateLibrary(tmp_path)
    alert = pick(night, Category.WARNING, Change.UPGRADE, "大雨警報")

    with caplog.at_level(logging.DEBUG, logger="dispatch.wording.library"):
        content = render_alert(
            alert, "en", Charset.UTF8, DEMO_OFFICE, mode=Mode.BATCH, library=library
        )
    # The whole mail is then Japanese: a Japanese sentence with English values reads as neither.
    assert content.subject == "【新宿区】レベル３大雨警報"
    assert content.body == "新宿区: レベル３大雨警報\n--\n停止: https://example.jp/kishomail/\n"
    assert content.office_name == "新宿区危機管理課"
    assert "en/warning.txt missing; using the Japanese one" in caplog.text


def test_a_template_with_an_unknown_placeholder_fails_at_load(tmp_path: Path) -> None:
    write(tmp_path, "ja/warning.txt", "Subject: 【${ward}】${kind}\n\n${kindname}\n$footer\n")
    with pytest.raises(TemplateLoadError, match=r"ja/warning.txt: unknown placeholder \$kindname"):
        TemplateLibrary(tmp_path).get("ja", "warning")


@pytest.mark.parametrize(
    ("text", "complaint"),
    [
        ("【${ward}】\n\n$footer\n", "must start with 'Subject: …'"),
        ("Subject: ${ward}\n\n${area}\n", r"must use \$footer exactly once"),
        ("Subject: ${ward}\n\n${footer}\n$footer\n", r"must use \$footer exactly once"),
        ("Subject: ${ward}\n\n100$ ${area}\n$footer\n", r"write \$\$"),
        ("Subject: ${jma_text}\n\n$footer\n", r"unknown placeholder \$jma_text"),
        ("Subject: x\n\n{unsubscribe_url}\n$footer\n", "use \\$manage_url"),
    ],
)
def test_malformed_templates_fail_loudly(tmp_path: Path, text: str, complaint: str) -> None:
    write(tmp_path, "ja/warning.txt", text)
    with pytest.raises(TemplateLoadError, match=complaint):
        TemplateLibrary(tmp_path).get("ja", "warning")


def test_a_footer_without_the_link_fails_at_load(tmp_path: Path) -> None:
    write(tmp_path, "ja/footer.txt", "お問い合わせ: ${office_name}\n")
    with pytest.raises(TemplateLoadError, match=r"must use \$manage_url exactly once"):
        TemplateLibrary(tmp_path).get("ja", "footer")


def test_an_edited_template_saved_with_a_bom_and_crlf_still_reads(
    tmp_path: Path, night: list[Alert]
) -> None:
    (tmp_path / "ja").mkdir()
    (tmp_path / "ja" / "warning.txt").write_bytes(
        "\ufeffSubject: 【${ward}】${kind}\r\n\r\n${area}\r\n$footer\r\n".encode()
    )
    write(tmp_path, "ja/footer.txt", FOOTER)
    content = render_alert(
        night[0],
        "ja",
        Charset.UTF8,
        DEMO_OFFICE,
        mode=Mode.BATCH,
        library=TemplateLibrary(tmp_path),
    )
    assert content.subject == "【新宿区】レベル２大雨注意報"
    assert content.body == "新宿区\n--\n停止: https://example.jp/kishomail/\n"


def test_an_unknown_language_is_refused(night: list[Alert]) -> None:
    with pytest.raises(UnsupportedLanguageError):
        render_alert(night[0], "ko", Charset.UTF8, DEMO_OFFICE, mode=Mode.BATCH)


# ---------------------------------------------------------------------------------------------
# The office profile


def test_office_profile_refuses_header_injection_and_odd_addresses() -> None:
    with pytest.raises(HeaderInjectionError):
        dataclasses.replace(DEMO_OFFICE, name_ja="危機管理課\r\nBcc: all@example.jp")
    with pytest.raises(InvalidAddressError):
        dataclasses.replace(DEMO_OFFICE, from_address="kishomail@example.jp, x@y.jp")
    with pytest.raises(InvalidAddressError):
        dataclasses.replace(DEMO_OFFICE, subscription_page_url="http://example.jp/kishomail/")
    with pytest.raises(TemplateLoadError):
        dataclasses.replace(DEMO_OFFICE, phone="{unsubscribe_url}")
    office = OfficeProfile(
        name_ja="新宿区危機管理課",
        name_en="Shinjuku City Crisis Management Division",
        from_address="bousai@city.example.jp",
        ward_name_ja="新宿区",
        ward_name_en="Shinjuku",
        subscription_page_url="https://city.example.jp/mail/",
        phone="03-0000-0000",
        reply_to="bousai-help@city.example.jp",
        envelope_sender="bounces@city.example.jp",
    )
    assert office.name("en") == "Shinjuku City Crisis Management Division"
    assert office.ward("ja-easy") == "新宿区"
