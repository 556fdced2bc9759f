"""VPBS50 府県気象防災速報 — structured successor of VPOA50 (記録的短時間大雨, 線状降水帯 …).

``Body/MeteorologicalInfos[@type="観測実況"]`` names wards by 市町村等 code with the one-hour
analysed amount (``jmx_eb:Precipitation type="前１時間解析雨量"``); 線状降水帯 items name
一次細分区域. The phenomenon comes from the 情報タグ ``Condition`` (記録雨, 線状降水帯).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from feeds.jma.areas import ancestors, name_of
from feeds.jma.common import EB, B, H, child_text, parse_float, parse_time
from feeds.model import Category, Family, RainArea, RainReport, Telegram, TelegramHead

TITLE = "府県気象防災速報"

_TAGS = {"記録雨": "記録的短時間大雨", "線状降水帯": "線状降水帯"}


def matches(title: str) -> bool:
    """True for the NFKC-normalised ``Control/Title`` of this family."""
    return title == TITLE


def _phenomenon(root: ET.Element, head: TelegramHead) -> str:
    for information in root.iterfind(f"{H}Head/{H}Headline/{H}Information"):
        if information.get("type") == "情報タグ":
            tag = child_text(information, f"{H}Item/{H}Kind/{H}Condition")
            for prefix, phenomenon in _TAGS.items():
                if tag.startswith(prefix):  # 線状降水帯 / 線状降水帯発生 (2023 sample)
                    return phenomenon
            if tag:
                return tag
    # No tag (取消, older samples): the title says it in brackets.
    title = head.title
    for phenomenon in ("線状降水帯", "記録的短時間大雨"):
        if phenomenon in title:
            return phenomenon
    return title[title.rfind("（") + 1 : -1] if title.endswith("）") else ""


def parse(root: ET.Element, head: TelegramHead, source: str) -> Telegram:
    """Read a VPBS50 telegram."""
    areas: list[RainArea] = []
    station_amounts: list[int] = []
    path = f"{B}Body/{B}MeteorologicalInfos/{B}MeteorologicalInfo/{B}Item"
    for item in root.iterfind(path):
        amount = None
        observed_at = None
        qualifier = ""
        part = item.find(f"{B}Kind/{B}Property/{B}PrecipitationPart")
        if part is not None:
            value = part.find(EB + "Precipitation")
            if value is not None:
                number = parse_float((value.text or "").strip())
                amount = round(number) if number is not None else None
                qualifier = value.get("condition", "")
            observed_at = parse_time(child_text(part, B + "Time"), source, "Time", required=False)
        event = item.find(f"{B}Kind/{B}Property/{B}EventPart/{B}Event")
        if event is not None:  # 線状降水帯: the time the band was detected, no amount
            observed_at = parse_time(child_text(event, B + "Time"), source, "Time", required=False)
        area = item.find(B + "Area")
        if area is not None and child_text(area, B + "Code"):
            status = child_text(area, B + "Status")
            areas.append(
                RainArea(
                    code=child_text(area, B + "Code"),
                    name=child_text(area, B + "Name"),
                    mm_per_hour=amount,
                    observed_at=observed_at,
                    qualifier=" ".join(part for part in (status, qualifier) if part),
                )
            )
        elif amount is not None:
            station_amounts.append(amount)  # an AMeDAS station inside one of the areas
    amounts = [area.mm_per_hour for area in areas if area.mm_per_hour is not None]
    amounts = amounts or station_amounts
    times = [area.observed_at for area in areas if area.observed_at is not None]
    prefecture_code = ancestors(areas[0].code)[-1] if areas else ""
    report = RainReport(
        phenomenon=_phenomenon(root, head),
        prefecture_code=prefecture_code,
        prefecture_name=name_of(prefecture_code),
        areas=tuple(areas),
        mm_per_hour=max(amounts) if amounts else None,
        observed_at=min(times) if times else None,
    )
    return Telegram(source, Family.VPBS50, Category.RAIN, head, report)
