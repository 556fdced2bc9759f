"""VPWW54 気象警報・注意報（Ｈ２７） — legacy full snapshot with time series.

Same ``Body/Warning`` as VPWW53 plus 量的予想時系列 (not needed for alerts). A transition
telegram since the 2026 revision.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from feeds.jma.warning_body import read_warning_report
from feeds.model import Category, Family, Telegram, TelegramHead

TITLE = "気象警報・注意報(H27)"  # NFKC of 気象警報・注意報（Ｈ２７）


def matches(title: str) -> bool:
    """True for the NFKC-normalised ``Control/Title`` of this family."""
    return title == TITLE


def parse(root: ET.Element, head: TelegramHead, source: str) -> Telegram:
    """Read a VPWW54 telegram."""
    return Telegram(
        source, Family.VPWW54, Category.WARNING, head, read_warning_report(root, hazards=None)
    )
