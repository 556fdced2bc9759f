"""The ``Body/Warning`` structure shared by VPWW53, VPWW54 and the R06 VPWW55–61 telegrams.

Only the 市町村等 items are kept (``Warning[@type="気象警報・注意報（市町村等）"]``): that is the
level at which a ward is named, and the level the state machine keeps state for.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from feeds.jma.codes import classify_warning
from feeds.jma.common import B, child_text, level_in_name
from feeds.model import AreaWarnings, WarningKind, WarningReport

MUNICIPALITY_SUFFIX = "（市町村等）"
PREFECTURE_SUFFIX = "（府県予報区等）"
NOTHING_IN_FORCE = "発表警報・注意報はなし"


def read_kind(kind: ET.Element) -> WarningKind | None:
    """One ``Kind``; ``None`` for the 発表警報・注意報はなし placeholder (it has no Code)."""
    code = child_text(kind, B + "Code")
    status = child_text(kind, B + "Status")
    if not code or status == NOTHING_IN_FORCE:
        return None
    name = child_text(kind, B + "Name")
    hazard, severity = classify_warning(code, name)
    last = kind.find(B + "LastKind")
    return WarningKind(
        code=code,
        name=name,
        status=status,
        hazard=hazard,
        severity=severity,
        level=level_in_name(name),
        last_kind_code=child_text(last, B + "Code") or None,
        last_kind_name=child_text(last, B + "Name") or None,
        conditions=tuple(
            text for element in kind.iterfind(B + "Condition") if (text := (element.text or ""))
        ),
    )


def read_area_items(warning: ET.Element) -> tuple[AreaWarnings, ...]:
    """Every ``Item`` of one ``Warning`` element as :class:`AreaWarnings`."""
    areas: list[AreaWarnings] = []
    for item in warning.iterfind(B + "Item"):
        area = item.find(B + "Area")
        code = child_text(area, B + "Code")
        if not code:
            continue
        kinds = tuple(kind for element in item.iterfind(B + "Kind") if (kind := read_kind(element)))
        areas.append(
            AreaWarnings(
                code=code,
                name=child_text(area, B + "Name"),
                kinds=kinds,
                change_status=child_text(item, B + "ChangeStatus"),
            )
        )
    return tuple(areas)


def read_warning_report(root: ET.Element, hazards: frozenset[str] | None) -> WarningReport:
    """The 市町村等 items and the prefecture of a warning telegram."""
    body = root.find(B + "Body")
    prefecture_code = prefecture_name = ""
    areas: tuple[AreaWarnings, ...] = ()
    if body is not None:
        for warning in body.iterfind(B + "Warning"):
            kind_of_list = warning.get("type", "")
            if kind_of_list.endswith(MUNICIPALITY_SUFFIX):
                areas = read_area_items(warning)
            elif kind_of_list.endswith(PREFECTURE_SUFFIX) and not prefecture_code:
                area = warning.find(f"{B}Item/{B}Area")
                prefecture_code = child_text(area, B + "Code")
                prefecture_name = child_text(area, B + "Name")
    if hazards is not None:
        # An R06 telegram speaks only for its hazards; drop anything outside them defensively.
        areas = tuple(
            AreaWarnings(
                area.code,
                area.name,
                tuple(kind for kind in area.kinds if kind.hazard in hazards),
                area.change_status,
            )
            for area in areas
        )
    return WarningReport(
        prefecture_code=prefecture_code,
        prefecture_name=prefecture_name,
        hazards=hazards,
        areas=areas,
        notice=child_text(body, B + "Notice"),
    )
