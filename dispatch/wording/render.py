"""Alert mail wording: one :class:`~feeds.model.Alert` → subject and body in one language.

Pure (no store, no Qt). The wording lives in ``resources/templates/<language>/<name>.txt``
(``string.Template``, ``$name`` placeholders, no logic) so that an office can edit it; this
module decides *which* template fits an alert and computes the values: the kind name as JMA
published it, the level, the area, the report time in JST, a standard action line per level
and the JMA wording relayed as published, introduced with "気象庁発表" and the issuer
(気象業務法: warnings are relayed, never invented or rewritten — the only change made to relayed
text is a line break where an ISO-2022-JP line would be too long for old phones).

:func:`render_alert` returns a :class:`~dispatch.mail.message.MessageContent`; the dispatcher
renders it once per (alert, language, charset, mode) and lets
:class:`~dispatch.mail.message.MessageTemplate` put in each recipient's address and unsubscribe
link.

Template choice (first file that exists wins; a file missing in a language is taken from
Japanese): ``<category>_<change>``, then for follow-ups ``<change>`` (``downgrade``,
``lifted``, ``withdrawn``), then ``<category>``. Rain from a gauge rather than from JMA uses
``rain_observed`` before ``rain``. ``footer`` is shared and is the only file without a subject.
"""

from __future__ import annotations

import logging
import re
import string
import threading
import unicodedata
from dataclasses import dataclass
from datetime import datetime
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Final

from dispatch.mail.message import (
    UNSUBSCRIBE_URL_SLOT,
    Charset,
    MessageContent,
    MessageError,
    Mode,
    TemplateLoadError,
)
from dispatch.records.settings import OfficeProfile
from feeds.model import JST, Alert, Category, Change

logger = logging.getLogger(__name__)

__all__ = [
    "DEMO_OFFICE",
    "LANGUAGES",
    "PLACEHOLDERS",
    "TEMPLATE_NAMES",
    "OfficeProfile",
    "TemplateLibrary",
    "TemplateLoadError",
    "UnsupportedLanguageError",
    "default_library",
    "parse_template",
    "render_alert",
    "template_candidates",
]

LANGUAGES: Final = ("ja", "en", "ja-easy")
FALLBACK_LANGUAGE: Final = "ja"

#: Every template file the product ships, per language (``footer`` has no subject).
TEMPLATE_NAMES: Final = (
    "warning",
    "flood",
    "rain",
    "landslide",
    "special",
    "river",
    "other",
    "downgrade",
    "lifted",
    "withdrawn",
    "flood_downgrade",
    "flood_lifted",
    "rain_observed",
    "rain_lifted",
    "river_downgrade",
    "river_lifted",
    "footer",
)

#: Placeholders a subject may use (all single-line).
SUBJECT_PLACEHOLDERS: Final = frozenset(
    {
        "marks",
        "ward",
        "area",
        "kind",
        "kind_name",
        "topic",
        "lifted_name",
        "river",
        "amount_short",
    }
)

#: Placeholders a body may use. Names ending in ``_line`` are whole labelled lines that may be
#: empty: a template line holding nothing but such a placeholder is dropped when it is empty.
PLACEHOLDERS: Final = SUBJECT_PLACEHOLDERS | frozenset(
    {
        "notices",
        "kind_full",
        "previous_kind",
        "previous_line",
        "level",
        "level_line",
        "gloss_line",
        "conditions_line",
        "amount_line",
        "stations_line",
        "report_time",
        "action",
        "source_heading",
        "issuers",
        "jma_text",
        "footer",
    }
)

#: Placeholders of ``footer.txt``. ``manage_url`` is the personal unsubscribe slot in
#: individual mode and the office's general subscription page in batch mode.
FOOTER_PLACEHOLDERS: Final = frozenset({"office_name", "ward", "phone", "manage_url"})

# A 7bit ISO-2022-JP line must stay under 998 octets (message.py refuses > 898); relayed JMA
# text is broken into lines of at most this many encoded octets.
_MAX_ISO_LINE_OCTETS: Final = 600
_CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_SUBJECT_BREAKS = re.compile(r"[\x00-\x1f\x7f]+")
_SOLE_PLACEHOLDER = re.compile(r"^\s*\$(?:\{(\w+)\}|(\w+))\s*$")
# The slot is never allowed to come from JMA text: a telegram holding it would move the link.
_SLOT_LOOKALIKE = "｛unsubscribe_url｝"


class UnsupportedLanguageError(MessageError):
    """The language is not one of :data:`LANGUAGES`."""

    code = "render.language"


# ---------------------------------------------------------------------------------------------
# The office


DEMO_OFFICE: Final = OfficeProfile(
    name_ja="新宿区危機管理課",
    name_en="Shinjuku City Crisis Management Division",
    from_address="kishomail@example.jp",
    ward_name_ja="新宿区",
    ward_name_en="Shinjuku",
    subscription_page_url="https://example.jp/kishomail/",
    phone="03-0000-0000",
)
"""The demo office (example.jp addresses, a placeholder phone number)."""


# ---------------------------------------------------------------------------------------------
# Templates


@dataclass(frozen=True, slots=True)
class MailTemplate:
    """One parsed template file. ``body_lines`` keeps the lines so that optional lines
    (``$something_line`` alone on a line) can be dropped when their value is empty."""

    language: str
    name: str
    subject: string.Template | None
    body_lines: tuple[str, ...]
    optional: tuple[str | None, ...]

    def render_body(self, values: dict[str, str]) -> str:
        kept = [
            line
            for line, sole in zip(self.body_lines, self.optional, strict=True)
            if sole is None or values.get(sole, "") != ""
        ]
        return string.Template("\n".join(kept)).substitute(values)

    def render_subject(self, values: dict[str, str]) -> str:
        if self.subject is None:
            raise TemplateLoadError(f"{self.language}/{self.name}.txt has no subject")
        return self.subject.substitute(values)


class TemplateLibrary:
    """Template files under one folder (``<root>/<language>/<name>.txt``), read once each.

    The default root is the package data ``resources/templates`` (:func:`default_library`); an
    office's own wording can be given as another folder with the same layout. ``office`` is a
    folder of overrides (same layout) looked at first, file by file: a file there replaces the
    one of the same name under ``root``, and is read again when it changes on disk.
    """

    def __init__(self, root: Traversable | None = None, office: Path | None = None) -> None:
        self.root = root if root is not None else files("resources") / "templates"
        self.office = office
        self._cache: dict[tuple[str, str], tuple[object, MailTemplate | None]] = {}
        self._lock = threading.Lock()

    def find(self, language: str, name: str) -> MailTemplate | None:
        """The template in ``language`` exactly (no fallback), or ``None`` if there is none."""
        key = (language, name)
        stamp = self._office_stamp(language, name)
        with self._lock:
            cached = self._cache.get(key)
            if cached is None or cached[0] != stamp:
                cached = (stamp, self._load(language, name))
                self._cache[key] = cached
            return cached[1]

    def _office_stamp(self, language: str, name: str) -> object:
        """What tells an office file's versions apart (``None``: no office file)."""
        if self.office is None:
            return None
        try:
            status = (self.office / language / f"{name}.txt").stat()
        except OSError:
            return None
        return (status.st_mtime_ns, status.st_size)

    def get(self, language: str, name: str) -> MailTemplate:
        """The template in ``language``, else the Japanese one; raises if neither exists."""
        template = self.find(language, name)
        if template is None and language != FALLBACK_LANGUAGE:
            template = self.find(FALLBACK_LANGUAGE, name)
            if template is not None:
                logger.debug("template %s/%s.txt missing; using the Japanese one", language, name)
        if template is None:
            raise TemplateLoadError(f"no template {name}.txt for {language} nor Japanese")
        return template

    def for_alert(self, alert: Alert, language: str) -> MailTemplate:
        """The most specific template for the alert (see :func:`template_candidates`)."""
        for name in template_candidates(alert):
            if self.find(language, name) is not None or self.find(FALLBACK_LANGUAGE, name):
                return self.get(language, name)
        raise TemplateLoadError(f"no template for {alert.category}/{alert.change}")

    def load_all(self) -> list[MailTemplate]:
        """Every shipped template in every language (parsing checks each one)."""
        return [self.get(language, name) for language in LANGUAGES for name in TEMPLATE_NAMES]

    def _load(self, language: str, name: str) -> MailTemplate | None:
        path: Traversable | Path = self.root / language / f"{name}.txt"
        if self.office is not None and (self.office / language / f"{name}.txt").is_file():
            path = self.office / language / f"{name}.txt"
        elif not path.is_file():
            return None
        return parse_template(language, name, path.read_text(encoding="utf-8"))


def parse_template(language: str, name: str, text: str) -> MailTemplate:
    """One template file's text, checked (raises :class:`TemplateLoadError`) and parsed."""
    where = f"{language}/{name}.txt"
    text = text.removeprefix("\ufeff")  # Notepad's BOM
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if UNSUBSCRIBE_URL_SLOT in text:
        raise TemplateLoadError(
            f"{where}: use $manage_url in footer.txt, not the slot", problem="slot"
        )
    if name == "footer":
        subject = None
        body = text
        allowed = FOOTER_PLACEHOLDERS
        required = {"manage_url"}
    else:
        first, blank, body = [*text.split("\n", 2), "", ""][:3]
        if not first.startswith("Subject:") or blank.strip():
            raise TemplateLoadError(
                f"{where}: must start with 'Subject: …' and a blank line", problem="subject_line"
            )
        subject = _checked(first.removeprefix("Subject:").strip(), SUBJECT_PLACEHOLDERS, where)
        allowed = PLACEHOLDERS
        required = {"footer"}
    body = body.rstrip("\n") + "\n"
    parsed_body = _checked(body, allowed, where)
    for needed in required:  # the unsubscribe link must appear exactly once
        if _occurrences(parsed_body, needed) != 1:
            raise TemplateLoadError(
                f"{where}: must use ${needed} exactly once",
                problem="placeholder_count",
                detail=f"${needed}",
            )
    lines = tuple(body.split("\n"))
    optional = tuple(_optional_placeholder(line) for line in lines)
    return MailTemplate(language, name, subject, lines, optional)


def _checked(text: str, allowed: frozenset[str], where: str) -> string.Template:
    template = string.Template(text)
    if not template.is_valid():
        raise TemplateLoadError(
            f"{where}: a '$' that is not a placeholder (write $$ for '$')", problem="stray_dollar"
        )
    unknown = set(template.get_identifiers()) - allowed
    if unknown:
        names = "$" + ", $".join(sorted(unknown))
        raise TemplateLoadError(
            f"{where}: unknown placeholder {names}", problem="unknown_placeholder", detail=names
        )
    return template


def _occurrences(template: string.Template, name: str) -> int:
    return sum(
        1
        for match in template.pattern.finditer(template.template)
        if name in (match.group("named"), match.group("braced"))
    )


def _optional_placeholder(line: str) -> str | None:
    match = _SOLE_PLACEHOLDER.match(line)
    if match is None:
        return None
    name = match.group(1) or match.group(2)
    return name if name.endswith("_line") or name in ("notices", "jma_text") else None


_default_library: TemplateLibrary | None = None
_default_lock = threading.Lock()


def default_library() -> TemplateLibrary:
    """The shipped templates, shared by every render (each file is read once)."""
    global _default_library
    with _default_lock:
        if _default_library is None:
            _default_library = TemplateLibrary()
        return _default_library


def template_candidates(alert: Alert) -> tuple[str, ...]:
    """Template names to try for ``alert``, most specific first."""
    category = alert.category.value
    names = [f"{category}_{alert.change.value}"]
    if alert.is_follow_up:
        names.append(alert.change.value)
    if alert.category is Category.RAIN and _is_observation(alert):
        names.append("rain_observed")
    names.append(category)
    names.append("other")
    return tuple(dict.fromkeys(names))


# ---------------------------------------------------------------------------------------------
# Tables: names, levels and action lines in the three languages

_FULL_WIDTH_DIGITS = str.maketrans("0123456789", "０１２３４５６７８９")

# JMA kind names: optional レベルN, a hazard stem, a class, an optional suffix (NFKC form).
_KIND_NAME = re.compile(
    r"^(?:レベル(?P<level>[1-5]))?(?P<stem>.+?)"
    r"(?P<cls>特別警報|危険警報|警報|注意報|警戒情報)(?P<suffix>.*)$"
)

# JMA's English names (Heavy Rain Warning, Storm Warning …); 危険警報 is new in 2026.
_HAZARD_EN: Final = {
    "大雨": "Heavy Rain",
    "洪水": "Flood",
    "氾濫": "Flood",
    "土砂災害": "Landslide",
    "高潮": "Storm Surge",
    "暴風": "Storm",
    "強風": "Gale",
    "暴風雪": "Snowstorm",
    "風雪": "Gale and Snow",
    "大雪": "Heavy Snow",
    "波浪": "High Wave",
    "雷": "Thunderstorm",
    "濃霧": "Dense Fog",
    "乾燥": "Dry Air",
    "なだれ": "Avalanche",
    "着氷": "Ice Accretion",
    "着雪": "Snow Accretion",
    "融雪": "Snowmelt",
    "霜": "Frost",
    "低温": "Low Temperature",
}
_CLASS_EN: Final = {
    "特別警報": "Emergency Warning",
    "危険警報": "Danger Warning",
    "警報": "Warning",
    "注意報": "Advisory",
    "警戒情報": "Alert Information",
}
_SUFFIX_EN: Final = {
    "": "",
    "解除": " lifted",
    "(警報解除)": " (warning lifted)",
    "(氾濫水の予報)": " (forecast of flood water)",
}
# やさしい日本語: what the hazard word means (a definition, never a claim about the weather).
_HAZARD_EASY: Final = {
    "大雨": "雨が たくさん ふる こと",
    "洪水": "川の 水が ふえて あふれる こと",
    "氾濫": "川の 水が あふれる こと",
    "土砂災害": "山や がけが くずれる こと",
    "高潮": "海の 水が 高く なる こと",
    "暴風": "とても 強い 風",
    "強風": "強い 風",
    "暴風雪": "とても 強い 風と 雪",
    "風雪": "強い 風と 雪",
    "大雪": "雪が たくさん ふる こと",
    "波浪": "海の 高い 波",
    "雷": "かみなり",
}
_RAIN_PHENOMENA: Final = {
    "記録的短時間大雨": {
        "ja": "記録的短時間大雨情報",
        "en": "Record Short-Term Heavy Rain Information",
        "ja-easy": "記録的短時間大雨情報",
    },
    "線状降水帯": {
        "ja": "線状降水帯の発生",
        "en": "Linear Rainband (persistent very heavy rain)",
        "ja-easy": "線状降水帯（強い 雨が 同じ ところで 続きます）",
    },
}
_RIVERS_EN: Final = {
    "神田川": "Kanda River",
    "妙正寺川": "Myoshoji River",
    "善福寺川": "Zenpukuji River",
    "石神井川": "Shakujii River",
    "渋谷川・古川": "Shibuya/Furukawa River",
    "目黒川": "Meguro River",
}
_ISSUERS_EN: Final = {
    "気象庁": "Japan Meteorological Agency",
    "東京都建設局": "Tokyo Metropolitan Government Bureau of Construction",
}
# River gauge stages (feeds.observations): 1 氾濫注意, 2 避難判断, 3 氾濫危険 水位.
_STAGES: Final = {
    "ja": {1: "氾濫注意水位", 2: "避難判断水位", 3: "氾濫危険水位"},
    "en": {1: "flood caution level", 2: "evacuation decision level", 3: "flood danger level"},
    "ja-easy": {
        1: "氾濫注意水位（気を つける 水の 高さ）",
        2: "避難判断水位（にげる じゅんびを する 水の 高さ）",
        3: "氾濫危険水位（とても あぶない 水の 高さ）",
    },
}
# The class of a warning (Alert.level for warnings): 2 注意報, 3 警報, 4 危険警報, 5 特別警報.
_CLASSES: Final = {
    "ja": {2: "注意報", 3: "警報", 4: "危険警報", 5: "特別警報"},
    "en": {2: "Advisory", 3: "Warning", 4: "Danger Warning", 5: "Emergency Warning"},
    "ja-easy": {
        2: "注意報（気を つけて ください）",
        3: "警報（あぶないです）",
        4: "危険警報（とても あぶないです）",
        5: "特別警報（いのちが あぶないです）",
    },
}

# What to do, per 警戒レベル相当 — the wording of the Cabinet Office evacuation guidelines that
# municipalities publish (レベル３ 高齢者等避難, レベル４ 全員避難, レベル５ 緊急安全確保).
_LEVEL_ACTIONS: Final = {
    "ja": {
        5: "命の危険 ただちに安全確保！ すでに災害が発生しているか、切迫しています。"
        "いる場所で少しでも安全な行動をとってください。",
        4: "危険な場所から全員避難してください。区が発令する避難指示も確認してください。",
        3: "危険な場所から高齢者等は避難してください。"
        "ほかの人も避難の準備をし、必要に応じて自主的に避難してください。",
        2: "ハザードマップなどで避難場所や避難経路を確認し、自らの避難行動を確認してください。",
        1: "最新の防災気象情報に注意し、災害への心構えを高めてください。",
    },
    "en": {
        5: "Your life is in danger: secure your safety immediately. A disaster is happening"
        " or imminent; do whatever makes you even a little safer where you are.",
        4: "Everyone in a dangerous place must evacuate now. Also check the evacuation"
        " instructions issued by the ward.",
        3: "Older people and others who need time to evacuate must leave dangerous places now."
        " Everyone else, get ready to evacuate.",
        2: "Check evacuation sites and routes on the hazard map and decide how you would evacuate.",
        1: "Watch the latest weather information and be prepared.",
    },
    "ja-easy": {
        5: "いのちが あぶないです。すぐに いのちを 守って ください。"
        "外に 出るのが あぶない ときは、家の 2階より 上など、安全な ところに いて ください。",
        4: "あぶない ところに いる 人は、みんな にげて ください。",
        3: "おとしよりや、にげるのに 時間が かかる 人は、あぶない ところから にげて ください。"
        "ほかの 人も、にげる じゅんびを して ください。",
        2: "にげる 場所と 道を、ハザードマップで たしかめて ください。",
        1: "天気の 情報に 気を つけて ください。",
    },
}
# Kinds without a 警戒レベル (暴風, 大雪, 波浪, 雷 …): by class.
_CLASS_ACTIONS: Final = {
    "ja": {
        5: "数十年に一度の危険な状況です。ただちに命を守る行動をとってください。",
        4: "非常に危険な状況です。安全な場所で過ごし、最新の情報を確認してください。",
        3: "重大な災害が起こるおそれがあります。不要不急の外出は控え、安全を確保してください。",
        2: "災害が起こるおそれがあります。今後の気象情報に注意してください。",
    },
    "en": {
        5: "A once-in-decades dangerous situation. Act immediately to protect your life.",
        4: "A very dangerous situation. Stay somewhere safe and check the latest information.",
        3: "Serious damage may occur. Do not go out unless you must, and stay safe.",
        2: "Damage may occur. Watch for further weather information.",
    },
    "ja-easy": {
        5: "とても あぶないです。すぐに いのちを 守って ください。",
        4: "とても あぶないです。安全な ところに いて ください。",
        3: "あぶないです。できるだけ 外に 出ないで ください。",
        2: "気を つけて ください。天気の 情報を よく 見て ください。",
    },
}
_OTHER_ACTIONS: Final = {
    "ja": {
        "記録的短時間大雨": "土砂災害や浸水、中小河川の洪水の危険度が急激に高まっています。"
        "危険な場所にいる人は、ただちに安全な場所へ移動してください。",
        "線状降水帯": "同じ場所で非常に激しい雨が降り続いています。"
        "命に危険が及ぶ土砂災害や洪水の危険度が急激に高まっています。"
        "危険な場所にいる人は、早めに安全な場所へ移動してください。",
        "rain_observed": "強い雨が観測されています。"
        "川や水路、低い土地、がけには近づかないでください。",
        "rain": "強い雨に注意し、最新の気象情報を確認してください。",
        "flood_lifted": "水位が下がるまでは、川に近づかないでください。",
        "lifted": "今後も最新の気象情報に注意してください。",
        "withdrawn": "最新の気象情報を確認してください。",
        "other": "最新の気象情報を確認してください。",
    },
    "en": {
        "記録的短時間大雨": "The risk of landslides, inundation and small rivers flooding is"
        " rising fast. If you are in a dangerous place, move somewhere safe immediately.",
        "線状降水帯": "Very heavy rain keeps falling over the same area. The risk of"
        " life-threatening landslides and floods is rising fast. If you are in a dangerous"
        " place, move somewhere safe early.",
        "rain_observed": "Heavy rain is being observed. Stay away from rivers, channels,"
        " low-lying land and slopes.",
        "rain": "Beware of heavy rain and check the latest weather information.",
        "flood_lifted": "Stay away from the river until the water has gone down.",
        "lifted": "Keep watching the latest weather information.",
        "withdrawn": "Check the latest weather information.",
        "other": "Check the latest weather information.",
    },
    "ja-easy": {
        "記録的短時間大雨": "とても 強い 雨が ふって います。"
        "あぶない ところに いる 人は、すぐに 安全な ところへ 行って ください。",
        "線状降水帯": "強い 雨が 同じ ところで ずっと ふって います。"
        "あぶない ところに いる 人は、早く 安全な ところへ 行って ください。",
        "rain_observed": "強い 雨が ふって います。川や がけに 近づかないで ください。",
        "rain": "強い 雨に 気を つけて ください。",
        "flood_lifted": "川の 水が 少なく なるまで、川に 近づかないで ください。",
        "lifted": "これからも 天気の 情報を 見て ください。",
        "withdrawn": "新しい 情報を 見て ください。",
        "other": "新しい 情報を 見て ください。",
    },
}

# Short labelled texts of this module, per language. ``{}`` fields are filled by format().
_TEXT: Final = {
    "ja": {
        "exercise_mark": "【訓練】",
        "correction_mark": "【訂正】",
        "exercise_notice": "【訓練】これは訓練のメールです。実際の気象情報ではありません。",
        "correction_notice": "【訂正】先にお送りした情報を訂正します。",
        "level_line": "■ 警戒レベル: {}",
        "class_line": "■ 種別: {}",
        "level": "警戒レベル{}相当",
        "previous_line": "（これまでの情報: {}）",
        "previous_unknown": "これまでの情報",
        "conditions_line": "■ 警戒・注意事項: {}",
        "amount_line": "■ 1時間の雨量: {}ミリ",
        "amount_short": "（1時間{}ミリ）",
        "stations_line": "観測水位: {}",
        "observed": "観測値（気象庁の発表ではありません）",
        "jma": "気象庁発表",
        "jma_joint": "気象庁発表（{} 共同発表）",
        "jma_office": "気象庁発表（{}）",
        "lifted": "{} 解除",
        "rain_gauge": "強い雨の観測",
        "river_topic": "{} {} {}",
    },
    "en": {
        "exercise_mark": "[EXERCISE] ",
        "correction_mark": "[CORRECTION] ",
        "exercise_notice": "[EXERCISE] This is an exercise mail. It is NOT real weather"
        " information.",
        "correction_notice": "[CORRECTION] This mail corrects an earlier one.",
        "level_line": "- Level: {}",
        "class_line": "- Type: {}",
        "level": "Alert Level {} equivalent",
        "previous_line": "(Before: {})",
        "previous_unknown": "the earlier information",
        "conditions_line": "- Watch out for: {}",
        "amount_line": "- Rain in one hour: {} mm",
        "amount_short": " ({} mm/h)",
        "stations_line": "Water levels: {}",
        "observed": "Observed value (not a JMA announcement)",
        "jma": "気象庁発表 - issued by the Japan Meteorological Agency",
        "jma_joint": "気象庁発表 - issued jointly by {}",
        "jma_office": "気象庁発表 - issued by {}",
        "lifted": "{} lifted",
        "rain_gauge": "Heavy rain observed",
        "river_topic": "{} {}: {}",
    },
    "ja-easy": {
        "exercise_mark": "【訓練】",
        "correction_mark": "【訂正】",
        "exercise_notice": "【訓練】これは 練習の メールです。本当の 天気の 情報では ありません。",
        "correction_notice": "【訂正】前に 送った 情報を なおします。",
        "level_line": "■ レベル: {}",
        "class_line": "■ しゅるい: {}",
        "level": "レベル{}",
        "previous_line": "（前の 情報: {}）",
        "previous_unknown": "前の 情報",
        "conditions_line": "■ 気を つける こと: {}",
        "amount_line": "■ 1時間に ふった 雨: {}ミリ",
        "amount_short": "（1時間{}ミリ）",
        "stations_line": "水の 高さ: {}",
        "observed": "観測した 数字です（気象庁の 発表では ありません）",
        "jma": "気象庁発表（気象庁が 出した 情報です）",
        "jma_joint": "気象庁発表（{}が いっしょに 出した 情報です）",
        "jma_office": "気象庁発表（{}が 出した 情報です）",
        "lifted": "{} 解除",
        "rain_gauge": "強い 雨",
        "river_topic": "{} {} {}",
    },
}
_EASY_LEVEL_WORDS: Final = {
    1: "気を つけて ください",
    2: "気を つけて ください",
    3: "あぶないです",
    4: "とても あぶないです",
    5: "いのちが あぶないです",
}
_MONTHS_EN: Final = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


# ---------------------------------------------------------------------------------------------
# Rendering


def render_alert(
    alert: Alert,
    language: str,
    charset: Charset,
    office: OfficeProfile,
    *,
    mode: Mode,
    date: datetime | None = None,
    library: TemplateLibrary | None = None,
    template_name: str | None = None,
) -> MessageContent:
    """The mail for ``alert`` in ``language`` (``ja``, ``en``, ``ja-easy``).

    In individual mode the body holds :data:`~dispatch.mail.message.UNSUBSCRIBE_URL_SLOT` once (the
    footer's ``$manage_url``) for :meth:`MessageTemplate.individual` to fill; in batch mode the
    footer links the office's general subscription page. ``date`` is the ``Date:`` of the
    dispatch (now when not given). ``library`` is the office's own wording (default: the shipped
    templates); ``template_name`` forces one template (previews of an edited file, tests).
    """
    if language not in LANGUAGES:
        raise UnsupportedLanguageError(f"language {language!r}: expected one of {LANGUAGES}")
    library = library or default_library()
    if template_name is None:
        template = library.for_alert(alert, language)
    else:
        template = library.get(language, template_name)
    # A template taken from Japanese makes the whole mail Japanese: its fixed wording with
    # English values and footer would read as neither language.
    language = template.language
    values = _values(alert, language, office)

    manage_url = UNSUBSCRIBE_URL_SLOT if mode is Mode.INDIVIDUAL else office.subscription_page_url
    footer = library.get(language, "footer").render_body(
        {
            "office_name": office.name(language),
            "ward": office.ward(language),
            "phone": office.phone,
            "manage_url": manage_url,
        }
    )
    values["footer"] = footer.rstrip("\n")

    subject = _SUBJECT_BREAKS.sub(" ", template.render_subject(values)).strip()
    body = template.render_body(values)
    if charset is Charset.ISO_2022_JP:
        body = "\n".join(_fit_7bit(line) for line in body.split("\n"))
    return MessageContent(
        subject=subject,
        body=body,
        office_address=office.from_address,
        office_name=office.name(language),
        envelope_sender=office.envelope_sender,
        reply_to=office.reply_to,
        charset=charset,
        date=date,
        list_unsubscribe_url=office.subscription_page_url,
    )


def _values(alert: Alert, language: str, office: OfficeProfile) -> dict[str, str]:
    """Every placeholder's value for ``alert`` (all of them, whatever the category, so that any
    template renders with any alert)."""
    text = _TEXT[language]
    kind_name = _relayed(alert.kind_name or "")
    previous_name = _relayed(alert.previous_kind_name or "")
    kind = _display_kind(alert, kind_name, language)
    previous = _display_name(previous_name, language) if previous_name else ""
    river = _display_river(_relayed(alert.river or ""), language)
    area = _display_area(alert, office, language)
    topic = _topic(alert, kind, river, language)

    marks = ""
    notices = []
    if alert.is_exercise:
        marks += text["exercise_mark"]
        notices.append(text["exercise_notice"])
    if alert.is_correction:
        marks += text["correction_mark"]
        notices.append(text["correction_notice"])

    level = _alert_level(alert)
    if level is not None:
        level_label = text["level"].format(_digits(level, language))
        if language == "ja-easy":
            level_label += f"（{_EASY_LEVEL_WORDS[max(1, min(level, 5))]}）"
        level_line = text["level_line"].format(level_label)
    elif alert.category in (Category.WARNING, Category.SPECIAL) and alert.level in range(2, 6):
        level_label = _CLASSES[language][alert.level or 0]
        level_line = text["class_line"].format(level_label)
    else:
        level_label = level_line = ""

    lifted_name = topic if "解除" in kind_name else text["lifted"].format(topic)
    amount = alert.mm_per_hour
    # A withdrawal keeps the fields of the alert it withdraws: relay only the 取消 wording.
    withdrawn = alert.change is Change.WITHDRAWN
    stations = "" if withdrawn else dict(alert.extra).get("stations", "")
    values = {
        "marks": marks,
        # Its own line(s) followed by a blank line; the line is dropped when there is nothing.
        "notices": "\n".join(notices) + "\n" if notices else "",
        "ward": office.ward(language),
        "area": area,
        "kind": kind,
        "kind_name": kind_name,
        "kind_full": _kind_full(kind, kind_name, language),
        "topic": topic,
        "lifted_name": lifted_name,
        "river": river,
        "previous_kind": previous or text["previous_unknown"],
        "previous_line": text["previous_line"].format(previous) if previous else "",
        "level": level_label,
        "level_line": level_line,
        "gloss_line": _easy_gloss(kind_name, alert) if language == "ja-easy" else "",
        "conditions_line": "" if withdrawn else _conditions_line(alert, language),
        "amount_short": text["amount_short"].format(amount) if amount is not None else "",
        "amount_line": text["amount_line"].format(amount) if amount is not None else "",
        "stations_line": text["stations_line"].format(_relayed(stations)) if stations else "",
        "report_time": _format_time(alert.report_datetime, language),
        "action": _action(alert, level, language),
        "source_heading": _source_heading(alert, language),
        "issuers": _issuers(alert, language),
        "jma_text": _jma_text(alert),
        "footer": "",
    }
    return values


def _relayed(text: str) -> str:
    """JMA text as published, minus control characters and anything that looks like the
    unsubscribe slot (a telegram must not be able to move or duplicate the link)."""
    return _CONTROL_CHARACTERS.sub("", text).replace(UNSUBSCRIBE_URL_SLOT, _SLOT_LOOKALIKE)


def _is_observation(alert: Alert) -> bool:
    """A gauge reading (feeds.observations), not a JMA announcement."""
    return alert.category in (Category.RAIN, Category.RIVER) and not alert.issuing_offices


def _alert_level(alert: Alert) -> int | None:
    """The 警戒レベル相当 the alert carries, if any. For warnings only names that say so
    (``レベル３大雨警報``): 暴風警報 and legacy names have a class, not a 警戒レベル."""
    if alert.category is Category.FLOOD:
        return alert.level
    if alert.category is Category.LANDSLIDE:
        return alert.level  # 土砂災害警戒情報: 警戒レベル４相当
    if alert.category is Category.RIVER:
        # 氾濫注意 / 避難判断 / 氾濫危険水位 correspond to 警戒レベル２ / ３ / ４.
        return alert.stage + 1 if alert.stage else None
    match = _KIND_NAME.match(unicodedata.normalize("NFKC", alert.kind_name or ""))
    if match and match.group("level"):
        return int(match.group("level"))
    return None


def _digits(number: int, language: str) -> str:
    text = str(number)
    return text if language == "en" else text.translate(_FULL_WIDTH_DIGITS)


def _english_name(kind_name: str) -> str | None:
    """JMA's English name for a Japanese kind name, or ``None`` when there is none."""
    normal = unicodedata.normalize("NFKC", kind_name)
    match = _KIND_NAME.match(normal)
    if match is None:
        return None
    hazard = _HAZARD_EN.get(match.group("stem"))
    suffix = _SUFFIX_EN.get(match.group("suffix"))
    if hazard is None or suffix is None:
        return None
    name = f"{hazard} {_CLASS_EN[match.group('cls')]}"
    if match.group("level"):
        name += f" (Level {match.group('level')})"
    return name + suffix


def _display_name(kind_name: str, language: str) -> str:
    if language == "en":
        return _english_name(kind_name) or kind_name
    return kind_name


def _display_kind(alert: Alert, kind_name: str, language: str) -> str:
    if alert.category is Category.RAIN:
        if _is_observation(alert):
            return _TEXT[language]["rain_gauge"]
        phenomenon = _RAIN_PHENOMENA.get(kind_name)
        if phenomenon is not None:
            return phenomenon[language]
    if alert.category is Category.RIVER and alert.stage:
        return _STAGES[language].get(alert.stage, "")
    if not kind_name:
        return _relayed(alert.title)
    return _display_name(kind_name, language)


def _kind_full(kind: str, kind_name: str, language: str) -> str:
    """The kind in the mail's language with the published Japanese name beside it."""
    if language == "en" and kind_name and kind != kind_name:
        return f"{kind} [{kind_name}]"
    return kind or kind_name


def _display_river(river: str, language: str) -> str:
    if language == "en" and river in _RIVERS_EN:
        return _RIVERS_EN[river]
    return river


def _display_area(alert: Alert, office: OfficeProfile, language: str) -> str:
    area = _relayed(alert.area_name)
    if language != "en":
        return area
    if area == office.ward_name_ja:
        return f"{office.ward_name_en} ({area})"
    if area in _RIVERS_EN:
        return f"{_RIVERS_EN[area]} ({area})"
    return area


def _topic(alert: Alert, kind: str, river: str, language: str) -> str:
    """What the mail is about, in a few words for the subject."""
    if alert.category is Category.FLOOD and river:
        return f"{river}: {kind}" if language == "en" else f"{river}{kind}"
    if alert.category is Category.RIVER:
        station = _relayed(alert.area_name)
        return _TEXT[language]["river_topic"].format(river, station, kind).strip()
    return kind


def _easy_gloss(kind_name: str, alert: Alert) -> str:
    match = _KIND_NAME.match(unicodedata.normalize("NFKC", kind_name))
    stem = match.group("stem") if match else (alert.hazard or "")
    meaning = _HAZARD_EASY.get(stem)
    return f"（{stem}: {meaning}）" if meaning else ""


def _conditions_line(alert: Alert, language: str) -> str:
    # For warnings Alert.text holds the published 警戒事項 (土砂災害・浸水害).
    if alert.category not in (Category.WARNING, Category.SPECIAL) or not alert.text:
        return ""
    return _TEXT[language]["conditions_line"].format(_relayed(alert.text))


def _action(alert: Alert, level: int | None, language: str) -> str:
    others = _OTHER_ACTIONS[language]
    if alert.change is Change.WITHDRAWN:
        return others["withdrawn"]
    if alert.change is Change.LIFTED:
        if alert.category is Category.FLOOD:
            return others["flood_lifted"]
        return others["lifted"]
    if alert.category is Category.RAIN:
        if _is_observation(alert):
            return others["rain_observed"]
        return others.get(alert.kind_name or "", others["rain"])
    if level is not None:
        return _LEVEL_ACTIONS[language][max(1, min(level, 5))]
    if alert.level in _CLASS_ACTIONS[language]:
        return _CLASS_ACTIONS[language][alert.level or 0]
    return others["other"]


def _issuers(alert: Alert, language: str) -> str:
    offices = [_relayed(office) for office in alert.issuing_offices]
    if language == "en":
        english = [_ISSUERS_EN.get(office, office) for office in offices]
        return f"{' and '.join(english)} ({'・'.join(offices)})" if offices else ""
    return "・".join(offices)


def _source_heading(alert: Alert, language: str) -> str:
    text = _TEXT[language]
    if _is_observation(alert):
        return text["observed"]
    if not alert.issuing_offices or alert.issuing_offices == ("気象庁",):
        return text["jma"]
    key = "jma_joint" if len(alert.issuing_offices) > 1 else "jma_office"
    return text[key].format(_issuers(alert, language))


def _jma_text(alert: Alert) -> str:
    """Headline and further text exactly as published; the further text only when the headline
    does not already say it (a flood 主文 usually repeats the headline)."""
    headline = _relayed(alert.headline).strip("\n")
    parts = [headline] if headline else []
    further = _relayed(alert.text).strip("\n")
    if alert.change is Change.WITHDRAWN:
        further = ""  # the withdrawn report's own text, not what the 取消 says
    if further and alert.category not in (Category.WARNING, Category.SPECIAL):

        def squeeze(value: str) -> str:
            return re.sub(r"[\s。]", "", value)

        if squeeze(further) not in squeeze(headline):
            parts.append(further)
    return "\n".join(parts)


def _format_time(moment: datetime, language: str) -> str:
    local = moment.astimezone(JST)
    if language == "en":
        month = _MONTHS_EN[local.month - 1]
        return f"{local.day} {month} {local.year}, {local.hour:02d}:{local.minute:02d} JST"
    if language == "ja-easy":
        noon = "午前" if local.hour < 12 else "午後"
        return (
            f"{local.year}年{local.month}月{local.day}日 "
            f"{noon}{local.hour % 12}時{local.minute:02d}分"
        )
    return f"{local.year}年{local.month}月{local.day}日 {local.hour:02d}時{local.minute:02d}分"


def _fit_7bit(line: str) -> str:
    """Break a line whose ISO-2022-JP form is too long for a 7bit message (old phones wrap
    anyway); the text itself is kept."""
    if len(line) * 5 <= _MAX_ISO_LINE_OCTETS:  # cheap bound: ≤ 5 octets per character
        return line
    pieces: list[str] = []
    start = 0
    while start < len(line):
        end = start + 1
        while end < len(line) and _iso_octets(line[start : end + 1]) <= _MAX_ISO_LINE_OCTETS:
            end += 1
        pieces.append(line[start:end])
        start = end
    return "\n".join(pieces)


def _iso_octets(text: str) -> int:
    return len(text.encode("iso-2022-jp", errors="replace"))
