"""VPWW53 気象特別警報・警報・注意報 — legacy full snapshot of a prefecture's warnings.

Since the 2026 revision it is a transition (経過措置) telegram sent alongside the R06 ones; it
cannot express 危険警報 and shows 氾濫 warnings as 洪水警報. Every hazard in force is listed per
area, so one telegram is the full state of its prefecture.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from feeds.jma.warning_body import read_warning_report
from feeds.model import Category, Family, Telegram, TelegramHead

TITLE = "気象特別警報・警報・注意報"


def matches(title: str) -> bool:
    """True for the NFKC-normalised ``Control/Title`` of this family."""
    return title == TITLE


def parse(root: ET.Element, head: TelegramHead, source: str) -> Telegram:
    """Read a VPWW53 telegram."""
    return Telegram(
        source, Family.VPWW53, Category.WARNING, head, read_warning_report(root, hazards=None)
    )
