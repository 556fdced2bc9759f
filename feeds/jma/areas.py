"""JMA forecast-area hierarchy (市町村等 → 二次細分 → 一次細分 → 府県予報区).

Loaded once from ``feeds/jma/data/areas.json``, a compact extract of JMA's ``area.json``. Used to
decide whether a telegram about 東京地方 (130010) concerns 新宿区 (1310400), and to find the
wards a VPOA50 headline names in its text.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources

SHINJUKU: str = "1310400"
"""新宿区 (class20), parent 130011 ２３区西部 → 130010 東京地方 → office 130000 東京都."""


@cache
def _table() -> dict[str, dict[str, list[str]]]:
    raw = resources.files("feeds.jma.data").joinpath("areas.json").read_text(encoding="utf-8")
    loaded: dict[str, dict[str, list[str]]] = {
        key: value for key, value in json.loads(raw).items() if not key.startswith("_")
    }
    return loaded


def name_of(code: str) -> str:
    """Name of an area code of any class, ``""`` when unknown."""
    for level in ("class20s", "class15s", "class10s", "offices"):
        entry = _table()[level].get(code)
        if entry is not None:
            return entry[0]
    return ""


@cache
def ancestors(code: str) -> tuple[str, ...]:
    """``code`` followed by every enclosing area code up to the 府県予報区 (office)."""
    chain = [code]
    table = _table()
    for level in ("class20s", "class15s", "class10s"):
        entry = table[level].get(chain[-1])
        if entry is not None:
            chain.append(entry[1])
    return tuple(chain)


def covers(area_code: str, target: str) -> bool:
    """True if ``area_code`` is ``target`` or one of the areas enclosing it."""
    return area_code in ancestors(target)


@cache
def _wards_by_prefecture(prefix: str) -> tuple[tuple[str, str], ...]:
    found = [
        (code, entry[0]) for code, entry in _table()["class20s"].items() if code.startswith(prefix)
    ]
    # Longest names first, so that 大阪市中央区 wins over 中央区 when both exist.
    return tuple(sorted(found, key=lambda item: -len(item[1])))


def municipalities_named_in(text: str, prefecture_code: str) -> tuple[tuple[str, str], ...]:
    """``(code, name)`` of the 市町村等 of one prefecture whose names appear in ``text``."""
    if len(prefecture_code) < 2:
        return ()
    found: list[tuple[str, str]] = []
    remaining = text
    for code, name in _wards_by_prefecture(prefecture_code[:2]):
        if name and name in remaining:
            found.append((code, name))
            remaining = remaining.replace(name, "\0")
    return tuple(sorted(found))
