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

Template files and their choice: :mod:`dispatch.wording.library`; the terms and labels:
:mod:`dispatch.wording.vocabulary`.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import datetime
from typing import Final

from dispatch.base.vocabulary import Charset
from dispatch.mail.message import UNSUBSCRIBE_URL_SLOT, MessageContent, Mode
from dispatch.records.settings import OfficeProfile
from dispatch.wording.library import (
    LANGUAGES,
    TemplateLibrary,
    UnsupportedLanguageError,
    default_library,
    is_observation,
)
from dispatch.wording.vocabulary import (
    CLASS_ACTIONS,
    CLASS_EN,
    CLASSES,
    EASY_LEVEL_WORDS,
    FULL_WIDTH_DIGITS,
    HAZARD_EASY,
    HAZARD_EN,
    ISSUERS_EN,
    KIND_NAME,
    LEVEL_ACTIONS,
    MONTHS_EN,
    OTHER_ACTIONS,
    RAIN_ABOUT,
    RAIN_INTENSITY,
    RAIN_PHENOMENA,
    RIVERS_EN,
    STAGES,
    SUFFIX_EN,
    TEXT,
)
from feeds.model import JST, Alert, Category, Change

# A 7bit ISO-2022-JP line must stay under 998 octets (message.py refuses > 898); relayed JMA
# text is broken into lines of at most this many encoded octets.
_MAX_ISO_LINE_OCTETS: Final = 600
_CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_SUBJECT_BREAKS = re.compile(r"[\x00-\x1f\x7f]+")
# The slot is never allowed to come from JMA text: a telegram holding it would move the link.
_SLOT_LOOKALIKE = "｛unsubscribe_url｝"


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
    text = TEXT[language]
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
            level_label += f"（{EASY_LEVEL_WORDS[max(1, min(level, 5))]}）"
        level_line = text["level_line"].format(level_label)
    elif alert.category in (Category.WARNING, Category.SPECIAL) and alert.level in range(2, 6):
        level_label = CLASSES[language][alert.level or 0]
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
        "about_line": _about_line(alert, kind_name, language),
        "intensity_line": _intensity_line(alert, language),
        "stations_line": text["stations_line"].format(_relayed(stations)) if stations else "",
        "report_time": _format_time(alert.report_datetime, language),
        "action": _action(alert, level, language),
        "source_heading": _source_heading(alert, language),
        "issuers": _issuers(alert, language),
        "jma_text": _jma_text(alert),
        "footer": "",
    }
    return values


def _about_line(alert: Alert, kind_name: str, language: str) -> str:
    """What JMA's rain information is (線状降水帯, 記録的短時間大雨); empty for anything else."""
    if alert.category is not Category.RAIN or alert.is_observation or withdrawn(alert):
        return ""
    return RAIN_ABOUT.get(kind_name, {}).get(language, "")


def _intensity_line(alert: Alert, language: str) -> str:
    """JMA's word for how hard it rains (やや強い雨 … 猛烈な雨) for a rain amount."""
    amount = alert.mm_per_hour
    if alert.category is not Category.RAIN or amount is None or withdrawn(alert):
        return ""
    words = [names[language] for lowest, names in RAIN_INTENSITY if amount >= lowest]
    return TEXT[language]["intensity_line"].format(words[-1]) if words else ""


def withdrawn(alert: Alert) -> bool:
    return alert.change is Change.WITHDRAWN


def _relayed(text: str) -> str:
    """JMA text as published, minus control characters and anything that looks like the
    unsubscribe slot (a telegram must not be able to move or duplicate the link)."""
    return _CONTROL_CHARACTERS.sub("", text).replace(UNSUBSCRIBE_URL_SLOT, _SLOT_LOOKALIKE)


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
    match = KIND_NAME.match(unicodedata.normalize("NFKC", alert.kind_name or ""))
    if match and match.group("level"):
        return int(match.group("level"))
    return None


def _digits(number: int, language: str) -> str:
    text = str(number)
    return text if language == "en" else text.translate(FULL_WIDTH_DIGITS)


def _english_name(kind_name: str) -> str | None:
    """JMA's English name for a Japanese kind name, or ``None`` when there is none."""
    normal = unicodedata.normalize("NFKC", kind_name)
    match = KIND_NAME.match(normal)
    if match is None:
        return None
    hazard = HAZARD_EN.get(match.group("stem"))
    suffix = SUFFIX_EN.get(match.group("suffix"))
    if hazard is None or suffix is None:
        return None
    name = f"{hazard} {CLASS_EN[match.group('cls')]}"
    if match.group("level"):
        name += f" (Level {match.group('level')})"
    return name + suffix


def _display_name(kind_name: str, language: str) -> str:
    if language == "en":
        return _english_name(kind_name) or kind_name
    return kind_name


def _display_kind(alert: Alert, kind_name: str, language: str) -> str:
    if alert.category is Category.RAIN:
        if is_observation(alert):
            return TEXT[language]["rain_gauge"]
        phenomenon = RAIN_PHENOMENA.get(kind_name)
        if phenomenon is not None:
            return phenomenon[language]
    if alert.category is Category.RIVER and alert.stage:
        return STAGES[language].get(alert.stage, "")
    if not kind_name:
        return _relayed(alert.title)
    return _display_name(kind_name, language)


def _kind_full(kind: str, kind_name: str, language: str) -> str:
    """The kind in the mail's language with the published Japanese name beside it."""
    if language == "en" and kind_name and kind != kind_name:
        return f"{kind} [{kind_name}]"
    return kind or kind_name


def _display_river(river: str, language: str) -> str:
    if language == "en" and river in RIVERS_EN:
        return RIVERS_EN[river]
    return river


def _display_area(alert: Alert, office: OfficeProfile, language: str) -> str:
    area = _relayed(alert.area_name)
    wider = (
        alert.category is Category.RAIN
        and not alert.is_observation
        and area not in ("", office.ward_name_ja)
    )
    if wider:  # 線状降水帯 over 東京地方: say that the ward is in it
        if language == "en":
            return f"{area} (including {office.ward_name_en})"
        if language == "ja-easy":
            return f"{area}（{office.ward_name_ja}も 入ります）"
        return f"{area}（{office.ward_name_ja}を含む）"
    if language != "en":
        return area
    if area == office.ward_name_ja:
        return f"{office.ward_name_en} ({area})"
    if area in RIVERS_EN:
        return f"{RIVERS_EN[area]} ({area})"
    return area


def _topic(alert: Alert, kind: str, river: str, language: str) -> str:
    """What the mail is about, in a few words for the subject."""
    if alert.category is Category.FLOOD and river:
        return f"{river}: {kind}" if language == "en" else f"{river}{kind}"
    if alert.category is Category.RIVER:
        station = _relayed(alert.area_name)
        return TEXT[language]["river_topic"].format(river, station, kind).strip()
    return kind


def _easy_gloss(kind_name: str, alert: Alert) -> str:
    match = KIND_NAME.match(unicodedata.normalize("NFKC", kind_name))
    stem = match.group("stem") if match else (alert.hazard or "")
    meaning = HAZARD_EASY.get(stem)
    return f"（{stem}: {meaning}）" if meaning else ""


def _conditions_line(alert: Alert, language: str) -> str:
    # For warnings Alert.text holds the published 警戒事項 (土砂災害・浸水害).
    if alert.category not in (Category.WARNING, Category.SPECIAL) or not alert.text:
        return ""
    return TEXT[language]["conditions_line"].format(_relayed(alert.text))


def _action(alert: Alert, level: int | None, language: str) -> str:
    others = OTHER_ACTIONS[language]
    if alert.change is Change.WITHDRAWN:
        return others["withdrawn"]
    if alert.change is Change.LIFTED:
        if alert.category is Category.FLOOD:
            return others["flood_lifted"]
        return others["lifted"]
    if alert.category is Category.RAIN:
        if is_observation(alert):
            return others["rain_observed"]
        return others.get(alert.kind_name or "", others["rain"])
    if level is not None:
        return LEVEL_ACTIONS[language][max(1, min(level, 5))]
    if alert.level in CLASS_ACTIONS[language]:
        return CLASS_ACTIONS[language][alert.level or 0]
    return others["other"]


def _issuers(alert: Alert, language: str) -> str:
    offices = [_relayed(office) for office in alert.issuing_offices]
    if language == "en":
        english = [ISSUERS_EN.get(office, office) for office in offices]
        return f"{' and '.join(english)} ({'・'.join(offices)})" if offices else ""
    return "・".join(offices)


def _source_heading(alert: Alert, language: str) -> str:
    text = TEXT[language]
    if is_observation(alert):
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
        month = MONTHS_EN[local.month - 1]
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
