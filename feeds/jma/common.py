"""Reading helpers shared by the JMA telegram parsers: namespaces, head, element access."""

from __future__ import annotations

import re
import unicodedata
import xml.etree.ElementTree as ET
from datetime import datetime
from typing import Final

from feeds.errors import MalformedTelegramError
from feeds.model import JST, TelegramHead

NS_REPORT: Final = "http://xml.kishou.go.jp/jmaxml1/"
NS_HEAD: Final = "http://xml.kishou.go.jp/jmaxml1/informationBasis1/"
NS_BODY: Final = "http://xml.kishou.go.jp/jmaxml1/body/meteorology1/"
NS_EB: Final = "http://xml.kishou.go.jp/jmaxml1/elementBasis1/"

R: Final = "{" + NS_REPORT + "}"
H: Final = "{" + NS_HEAD + "}"
B: Final = "{" + NS_BODY + "}"
EB: Final = "{" + NS_EB + "}"

_LEVEL_IN_NAME: Final = re.compile(r"レベル(\d)")
_WHITESPACE: Final = re.compile(r"\s+")


def nfkc(text: str) -> str:
    """NFKC-normalise for comparisons (titles carry full-width Ｒ０６, names full-width digits)."""
    return unicodedata.normalize("NFKC", text)


def text_of(element: ET.Element | None) -> str:
    """Stripped text of an element, ``""`` when the element or its text is missing."""
    if element is None or element.text is None:
        return ""
    return element.text.strip()


def child_text(parent: ET.Element | None, path: str) -> str:
    """Stripped text of ``parent.find(path)``; ``""`` when absent."""
    if parent is None:
        return ""
    return text_of(parent.find(path))


def level_in_name(name: str) -> int | None:
    """The 警戒レベル相当 a kind name carries (``レベル４大雨危険警報`` → 4), else ``None``."""
    match = _LEVEL_IN_NAME.search(nfkc(name))
    return int(match.group(1)) if match else None


def parse_time(value: str, source: str, what: str, *, required: bool = True) -> datetime | None:
    """Parse an ISO 8601 time with zone; a missing zone or bad value is a malformed telegram."""
    if not value:
        if required:
            raise MalformedTelegramError(source, f"{what} is missing")
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise MalformedTelegramError(source, f"{what} is not an ISO 8601 time: {value!r}") from None
    if parsed.tzinfo is None:
        raise MalformedTelegramError(source, f"{what} has no time zone: {value!r}")
    return parsed


def parse_int(value: str, source: str, what: str) -> int | None:
    """An optional integer element (``Serial``); garbage is a malformed telegram."""
    if not value:
        return None
    try:
        return int(nfkc(value))
    except ValueError:
        raise MalformedTelegramError(source, f"{what} is not a number: {value!r}") from None


def parse_float(value: str) -> float | None:
    """A measured value; empty (欠測) or unreadable becomes ``None``."""
    if not value:
        return None
    try:
        return float(nfkc(value))
    except ValueError:
        return None


def read_head(root: ET.Element, source: str) -> TelegramHead:
    """Read ``Control`` and ``Head``; raise :class:`MalformedTelegramError` if essentials lack."""
    control = root.find(R + "Control")
    head = root.find(H + "Head")
    if control is None:
        raise MalformedTelegramError(source, "Control is missing")
    if head is None:
        raise MalformedTelegramError(source, "Head is missing")
    control_title = child_text(control, R + "Title")
    status = child_text(control, R + "Status")
    info_type = child_text(head, H + "InfoType")
    if not control_title:
        raise MalformedTelegramError(source, "Control/Title is missing")
    if status not in ("通常", "訓練", "試験"):
        raise MalformedTelegramError(source, f"Control/Status is not 通常/訓練/試験: {status!r}")
    if not info_type:
        raise MalformedTelegramError(source, "Head/InfoType is missing")
    report_datetime = parse_time(
        child_text(head, H + "ReportDateTime"), source, "Head/ReportDateTime"
    )
    assert report_datetime is not None  # required=True
    publishing = child_text(control, R + "PublishingOffice")
    headline = head.find(H + "Headline")
    return TelegramHead(
        control_title=control_title,
        status=status,
        editorial_office=child_text(control, R + "EditorialOffice"),
        publishing_offices=tuple(publishing.split()),
        sent_at=parse_time(
            child_text(control, R + "DateTime"), source, "Control/DateTime", required=False
        ),
        title=child_text(head, H + "Title"),
        report_datetime=report_datetime.astimezone(JST),
        target_datetime=parse_time(
            child_text(head, H + "TargetDateTime"), source, "Head/TargetDateTime", required=False
        ),
        event_id=child_text(head, H + "EventID"),
        info_type=info_type,
        serial=parse_int(child_text(head, H + "Serial"), source, "Head/Serial"),
        info_kind=child_text(head, H + "InfoKind"),
        info_kind_version=child_text(head, H + "InfoKindVersion"),
        headline=child_text(headline, H + "Text"),
    )


def headline_areas(root: ET.Element, info_type_suffix: str) -> list[tuple[str, str, str, str]]:
    """``(kind_code, kind_name, area_code, area_name)`` from ``Head/Headline/Information``.

    Only ``Information`` elements whose ``type`` ends with ``info_type_suffix`` are read.
    """
    found: list[tuple[str, str, str, str]] = []
    for information in root.iterfind(f"{H}Head/{H}Headline/{H}Information"):
        if not information.get("type", "").endswith(info_type_suffix):
            continue
        for item in information.iterfind(H + "Item"):
            kinds = [
                (child_text(kind, H + "Code"), child_text(kind, H + "Name"))
                for kind in item.iterfind(H + "Kind")
            ]
            for area in item.iterfind(f"{H}Areas/{H}Area"):
                for code, name in kinds:
                    found.append(
                        (code, name, child_text(area, H + "Code"), child_text(area, H + "Name"))
                    )
    return found


def single_line(text: str) -> str:
    """Collapse whitespace, for log lines and one-line summaries."""
    return _WHITESPACE.sub(" ", text).strip()
