"""JMA code tables the parsers and the state machine need.

Warning codes follow the 2026 警戒レベル等対応コード表 (dmdata.jp weather-warning schema, checked
against real 2026 telegrams); the pre-2026 codes are a subset. Flood-forecast codes follow the
指定河川洪水予報 table (unchanged by the 2026 revision; only the names changed).
"""

from __future__ import annotations

from typing import Final

from feeds.jma.common import nfkc

# Severity classes used for matching subscribers: 2 注意報, 3 警報, 4 危険警報, 5 特別警報.
ADVISORY: Final = 2
WARNING: Final = 3
DANGER_WARNING: Final = 4
SPECIAL_WARNING: Final = 5

WARNING_CODES: Final[dict[str, tuple[str, int]]] = {
    # code: (hazard, severity)
    "10": ("大雨", ADVISORY),
    "03": ("大雨", WARNING),
    "43": ("大雨", DANGER_WARNING),
    "33": ("大雨", SPECIAL_WARNING),
    "29": ("土砂災害", ADVISORY),
    "09": ("土砂災害", WARNING),
    "49": ("土砂災害", DANGER_WARNING),
    "39": ("土砂災害", SPECIAL_WARNING),
    "18": ("洪水", ADVISORY),  # legacy telegrams only
    "04": ("洪水", WARNING),  # legacy telegrams only (R06 氾濫 warnings also appear as this)
    "19": ("高潮", ADVISORY),
    "08": ("高潮", WARNING),
    "48": ("高潮", DANGER_WARNING),
    "38": ("高潮", SPECIAL_WARNING),
    "15": ("暴風", ADVISORY),  # 強風注意報
    "05": ("暴風", WARNING),
    "35": ("暴風", SPECIAL_WARNING),
    "13": ("暴風雪", ADVISORY),  # 風雪注意報
    "02": ("暴風雪", WARNING),
    "32": ("暴風雪", SPECIAL_WARNING),
    "12": ("大雪", ADVISORY),
    "06": ("大雪", WARNING),
    "36": ("大雪", SPECIAL_WARNING),
    "16": ("波浪", ADVISORY),
    "07": ("波浪", WARNING),
    "37": ("波浪", SPECIAL_WARNING),
    "14": ("雷", ADVISORY),
    "17": ("融雪", ADVISORY),
    "20": ("濃霧", ADVISORY),
    "21": ("乾燥", ADVISORY),
    "22": ("なだれ", ADVISORY),
    "23": ("低温", ADVISORY),
    "24": ("霜", ADVISORY),
    "25": ("着氷", ADVISORY),
    "26": ("着雪", ADVISORY),
    "27": ("その他", ADVISORY),
}

OTHER_ADVISORY_HAZARDS: Final = frozenset(
    {"雷", "融雪", "濃霧", "乾燥", "なだれ", "低温", "霜", "着氷", "着雪", "その他"}
)

R06_HAZARD_GROUPS: Final[dict[str, frozenset[str]]] = {
    # Title suffix of 気象警報・注意報（Ｒ０６）（…） (NFKC) → hazards that telegram speaks for.
    "大雨": frozenset({"大雨"}),
    "土砂": frozenset({"土砂災害"}),
    "高潮": frozenset({"高潮"}),
    "暴風": frozenset({"暴風", "暴風雪"}),
    "波浪": frozenset({"波浪"}),
    "大雪": frozenset({"大雪"}),
    "その他注意報": OTHER_ADVISORY_HAZARDS,
}

_SEVERITY_SUFFIXES: Final = (
    ("特別警報", SPECIAL_WARNING),
    ("危険警報", DANGER_WARNING),
    ("警報", WARNING),
    ("注意報", ADVISORY),
)


def classify_warning(code: str, name: str) -> tuple[str, int]:
    """``(hazard, severity)`` of a warning kind.

    The code table decides; a code it does not know (a future revision) falls back to the name:
    the suffix gives the severity and what precedes it, without any ``レベルN``, the hazard.
    """
    known = WARNING_CODES.get(code)
    if known is not None:
        return known
    plain = nfkc(name)
    if plain.startswith("レベル") and len(plain) > 4:
        plain = plain[4:]
    for suffix, severity in _SEVERITY_SUFFIXES:
        if plain.endswith(suffix):
            return plain[: -len(suffix)] or plain, severity
    return plain or f"code {code}", ADVISORY


FLOOD_LEVELS: Final[dict[str, int | None]] = {
    "10": None,  # 氾濫注意情報解除 / レベル２氾濫注意報解除: the forecast has ended
    "20": 2,
    "21": 2,
    "22": 2,  # 警戒情報解除 / 警報解除: a downgrade to level 2, still active
    "30": 3,
    "31": 3,
    "40": 4,
    "41": 4,
    "50": 5,
    "51": 5,
    "52": 5,
    "53": 5,
}

KANDA_FORECAST_AREAS: Final[dict[str, str]] = {
    # 指定河川洪水予報 予報区域 codes of the 神田川 system that flow through Shinjuku.
    "830304004400": "神田川",
    "830304004700": "妙正寺川",
    "830304004900": "善福寺川",
}


def flood_level(code: str, name: str) -> int | None:
    """Level (2–5) of a flood-forecast kind, ``None`` when it ended.

    Unknown codes fall back to the ``レベルN`` in the (new) name, or to the old names.
    """
    if code in FLOOD_LEVELS:
        return FLOOD_LEVELS[code]
    plain = nfkc(name)
    if plain.endswith("解除") and "警報解除" not in plain and "警戒情報解除" not in plain:
        return None
    for fragment, level in (
        ("レベル5", 5),
        ("氾濫発生", 5),
        ("レベル4", 4),
        ("氾濫危険", 4),
        ("レベル3", 3),
        ("氾濫警戒", 3),
        ("レベル2", 2),
        ("氾濫注意", 2),
    ):
        if fragment in plain:
            return level
    return None
