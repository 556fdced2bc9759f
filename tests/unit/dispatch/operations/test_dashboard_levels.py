"""The dashboard's 警戒レベル: only kinds that carry one (as the mail's wording decides)."""

from __future__ import annotations

from dispatch.operations.dashboard import _alert_level


def test_warnings_have_a_level_only_when_their_name_says_so() -> None:
    assert _alert_level("warning", "強風注意報", 2) is None
    assert _alert_level("warning", "暴風警報", 3) is None
    assert _alert_level("warning", "レベル３大雨警報", 3) == 3
    assert _alert_level("warning", "レベル４土砂災害危険警報", 4) == 4


def test_floods_and_landslides_keep_their_level_and_rain_has_none() -> None:
    assert _alert_level("flood", "氾濫危険情報", 4) == 4
    assert _alert_level("landslide", "土砂災害警戒情報", 4) == 4
    assert _alert_level("rain", "記録的短時間大雨情報", 100) is None
