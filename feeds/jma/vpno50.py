"""VPNO50 気象特別警報報知 — the short notice that a 特別警報 was issued (or switched).

It only has a headline: the areas and kinds come from ``Head/Headline/Information`` of type
``気象特別警報報知（市町村等）``. The full state arrives in the warning telegrams of the same
issuance; the state machine uses this notice only to update the hazards it names.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from feeds.jma.codes import classify_warning
from feeds.jma.common import headline_areas, level_in_name
from feeds.model import (
    AreaWarnings,
    Category,
    Family,
    SpecialWarningNotice,
    Telegram,
    TelegramHead,
    WarningKind,
)

TITLE = "気象特別警報報知"


def matches(title: str) -> bool:
    """True for the NFKC-normalised ``Control/Title`` of this family."""
    return title == TITLE


def parse(root: ET.Element, head: TelegramHead, source: str) -> Telegram:
    """Read a VPNO50 telegram."""
    by_area: dict[tuple[str, str], list[WarningKind]] = {}
    for code, name, area_code, area_name in headline_areas(root, "（市町村等）"):
        hazard, severity = classify_warning(code, name)
        kind = WarningKind(code, name, "発表", hazard, severity, level_in_name(name))
        by_area.setdefault((area_code, area_name), []).append(kind)
    prefecture = headline_areas(root, "（府県予報区等）")
    notice = SpecialWarningNotice(
        prefecture_code=prefecture[0][2] if prefecture else "",
        prefecture_name=prefecture[0][3] if prefecture else "",
        areas=tuple(
            AreaWarnings(code, name, tuple(kinds)) for (code, name), kinds in by_area.items()
        ),
    )
    return Telegram(source, Family.VPNO50, Category.SPECIAL, head, notice)
