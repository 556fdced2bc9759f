"""VPWW55–61 気象警報・注意報（Ｒ０６）（大雨|土砂|高潮|暴風|波浪|大雪|その他注意報).

The canonical warning telegrams since the 2026 revision: one telegram per hazard group and
prefecture, sent only when that group changes. Names carry the level (``レベル４大雨危険警報``)
and downgrades have their own statuses (``危険警報から注意報`` …). A "発表警報・注意報はなし" in
one of them speaks only for its own hazard group, which :attr:`WarningReport.hazards` records.
The 集約通報 (VPWS50, regular feed) shares the prefix but is a periodic snapshot and is not read.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from feeds.jma.codes import R06_HAZARD_GROUPS
from feeds.jma.common import nfkc
from feeds.jma.warning_body import read_warning_report
from feeds.model import Category, Family, Telegram, TelegramHead

_TITLE = re.compile(r"^気象警報・注意報\(R06\)\((?P<group>[^)]+)\)$")

# Spelling variants seen in the wild (dmdata.jp#26: その他の注意報 vs その他注意報).
_GROUP_ALIASES = {"その他の注意報": "その他注意報", "土砂災害": "土砂", "暴風・暴風雪": "暴風"}


def hazard_group(title: str) -> str | None:
    """The hazard group of an NFKC-normalised R06 title, ``None`` if not an R06 telegram."""
    match = _TITLE.match(title)
    if match is None:
        return None
    group = match.group("group")
    return _GROUP_ALIASES.get(group, group)


def matches(title: str) -> bool:
    """True for per-hazard R06 titles (not the 集約通報 snapshot)."""
    group = hazard_group(title)
    return group is not None and group != "集約通報"


def parse(root: ET.Element, head: TelegramHead, source: str) -> Telegram:
    """Read an R06 per-hazard telegram."""
    group = hazard_group(nfkc(head.control_title)) or ""
    hazards = R06_HAZARD_GROUPS.get(group)
    if hazards is None:
        # A group a later revision adds: it speaks for the hazards it lists, and no others.
        listed = read_warning_report(root, hazards=None)
        hazards = frozenset(kind.hazard for area in listed.areas for kind in area.kinds)
    report = read_warning_report(root, hazards=hazards)
    return Telegram(source, Family.R06, Category.WARNING, head, report, hazard_group=group)
