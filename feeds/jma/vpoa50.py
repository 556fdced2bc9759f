"""VPOA50 記録的短時間大雨情報 — record short-time heavy rain (transition telegram since 2026).

The body only names the prefecture (130000 東京都); the wards and the amount are in the headline
text (``１７時、東京都板橋区で記録的短時間大雨。板橋区付近で１時間に１２０ミリ以上。``), so the
wards are found by looking the prefecture's municipality names up in that text.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from feeds.jma.areas import municipalities_named_in
from feeds.jma.common import B, child_text
from feeds.jma.rain_text import clock_time, largest_mm
from feeds.model import Category, Family, RainArea, RainReport, Telegram, TelegramHead

TITLE = "記録的短時間大雨情報"


def matches(title: str) -> bool:
    """True for the NFKC-normalised ``Control/Title`` of this family."""
    return title == TITLE


def parse(root: ET.Element, head: TelegramHead, source: str) -> Telegram:
    """Read a VPOA50 telegram."""
    prefecture = root.find(f"{B}Body/{B}Warning/{B}Item/{B}Area")
    prefecture_code = child_text(prefecture, B + "Code")
    mm_per_hour = largest_mm(head.headline)
    observed_at = clock_time(head.headline, head.report_datetime)
    wards = municipalities_named_in(head.headline, prefecture_code)
    report = RainReport(
        phenomenon="記録的短時間大雨",
        prefecture_code=prefecture_code,
        prefecture_name=child_text(prefecture, B + "Name"),
        areas=tuple(RainArea(code, name, mm_per_hour, observed_at, "付近") for code, name in wards),
        mm_per_hour=mm_per_hour,
        observed_at=observed_at,
    )
    return Telegram(source, Family.VPOA50, Category.RAIN, head, report)
