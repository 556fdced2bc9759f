"""VXWW50 土砂災害警戒情報 — per-municipality 警戒 (level 4 landslide) announcements.

Since the 2026 revision a transition telegram (only L4 土砂 発表/解除, may lag VPWW56 by
minutes); the R06 VPWW56 telegram is canonical for 土砂災害 levels. ``EventID`` is the same
Japanese string for every event of a prefecture.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from feeds.jma.common import B, child_text
from feeds.model import Category, Family, LandslideArea, LandslideReport, Telegram, TelegramHead

TITLE = "土砂災害警戒情報"


def matches(title: str) -> bool:
    """True for the NFKC-normalised ``Control/Title`` of this family."""
    return title == TITLE


def parse(root: ET.Element, head: TelegramHead, source: str) -> Telegram:
    """Read a VXWW50 telegram."""
    body = root.find(B + "Body")
    target = body.find(B + "TargetArea") if body is not None else None
    areas: list[LandslideArea] = []
    if body is not None:
        for item in body.iterfind(f"{B}Warning/{B}Item"):
            kind = item.find(B + "Kind")
            area = item.find(B + "Area")
            code = child_text(area, B + "Code")
            if not code:
                continue
            areas.append(
                LandslideArea(
                    code=code,
                    name=child_text(area, B + "Name"),
                    kind_code=child_text(kind, B + "Code"),
                    kind_name=child_text(kind, B + "Name"),
                    status=child_text(kind, B + "Status"),
                )
            )
    report = LandslideReport(
        prefecture_code=child_text(target, B + "Code"),
        prefecture_name=child_text(target, B + "Name"),
        areas=tuple(areas),
    )
    return Telegram(source, Family.VXWW50, Category.LANDSLIDE, head, report)
