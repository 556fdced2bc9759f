"""VXKOii 指定河川洪水予報 — flood forecasts for designated rivers (神田川, 善福寺川, 妙正寺川 …).

Selected by ``Control/Title`` only (the ii number says nothing reliable). The XML is unchanged by
the 2026 revision; only kind names changed (氾濫危険情報 → レベル４氾濫危険警報 …), and both
parse. Each forecast area is its own event: ``Head/EventID`` is the 12-digit 予報区域 code.
The telegram carries the stations' current and forecast water levels and their criteria.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import datetime

from feeds.jma.codes import flood_level
from feeds.jma.common import EB, B, H, child_text, parse_float, parse_time
from feeds.model import (
    Category,
    Family,
    FloodForecast,
    FloodStation,
    Telegram,
    TelegramHead,
    WaterLevelForecast,
)

TITLE = "指定河川洪水予報"


def matches(title: str) -> bool:
    """True for the NFKC-normalised ``Control/Title`` of this family."""
    return title == TITLE


def _headline_item(root: ET.Element, type_suffix: str) -> ET.Element | None:
    for information in root.iterfind(f"{H}Head/{H}Headline/{H}Information"):
        if information.get("type", "").endswith(type_suffix):
            return information.find(H + "Item")
    return None


def _time_defines(series: ET.Element, source: str) -> dict[str, tuple[str, datetime | None]]:
    defines: dict[str, tuple[str, datetime | None]] = {}
    for define in series.iterfind(f"{B}TimeDefines/{B}TimeDefine"):
        at = parse_time(child_text(define, B + "DateTime"), source, "TimeDefine", required=False)
        defines[define.get("timeId", "")] = (child_text(define, B + "Name"), at)
    return defines


def _criteria(body: ET.Element) -> dict[str, tuple[tuple[str, float], ...]]:
    by_station: dict[str, tuple[tuple[str, float], ...]] = {}
    path = f"{B}AdditionalInfo/{B}FloodForecastAddition/{B}HydrometricStationPart"
    for part in body.iterfind(path):
        code = child_text(part, f"{B}Area/{B}Code")
        found: list[tuple[str, float]] = []
        for level in part.iterfind(f"{B}Criteria/{EB}WaterLevel"):
            metres = parse_float((level.text or "").strip())
            if metres is not None:
                found.append((level.get("type", ""), metres))
        by_station[code] = tuple(found)
    return by_station


def _stations(body: ET.Element, source: str) -> list[FloodStation]:
    criteria = _criteria(body)
    stations: dict[str, FloodStation] = {}
    for infos in body.iterfind(B + "MeteorologicalInfos"):
        if infos.get("type") != "水位・流量情報":
            continue
        for series in infos.iterfind(B + "TimeSeriesInfo"):
            defines = _time_defines(series, source)
            for item in series.iterfind(B + "Item"):
                station = item.find(B + "Station")
                code = child_text(station, B + "Code")
                metres: dict[str, float | None] = {}
                levels: dict[str, int | None] = {}
                conditions: dict[str, str] = {}
                for value in item.iterfind(f"{B}Kind/{B}Property/{B}WaterLevelPart/{EB}WaterLevel"):
                    ref = value.get("refID", "")
                    if value.get("type") == "水位":
                        metres[ref] = parse_float((value.text or "").strip())
                        conditions[ref] = value.get("condition", "")
                    elif value.get("type") == "レベル":
                        level = parse_float((value.text or "").strip())
                        # 9 marks "not computed" in the samples; only 1–5 are levels.
                        levels[ref] = int(level) if level is not None and 1 <= level <= 5 else None
                current = next((ref for ref, (name, _) in defines.items() if name == "現況"), "1")
                forecasts = tuple(
                    WaterLevelForecast(name, at, metres.get(ref), levels.get(ref))
                    for ref, (name, at) in defines.items()
                    if ref != current
                )
                key = f"{code}/{child_text(station, B + 'Name')}"
                stations[key] = FloodStation(
                    code=code,
                    name=child_text(station, B + "Name"),
                    location=child_text(station, B + "Location"),
                    water_level_m=metres.get(current),
                    level=levels.get(current),
                    observed_at=defines.get(current, ("", None))[1],
                    condition=conditions.get(current, ""),
                    forecasts=forecasts,
                    criteria_m=criteria.get(code, ()),
                )
    # Stations named in the 主文 items but without a time series (e.g. reference stations).
    for station in body.iterfind(f"{B}Warning/{B}Item/{B}Stations/{B}Station"):
        code = child_text(station, B + "Code")
        key = f"{code}/{child_text(station, B + 'Name')}"
        if key not in stations:
            stations[key] = FloodStation(
                code=code,
                name=child_text(station, B + "Name"),
                location=child_text(station, B + "Location"),
                water_level_m=None,
                level=None,
                observed_at=None,
                condition="",
                forecasts=(),
                criteria_m=criteria.get(code, ()),
            )
    return list(stations.values())


def parse(root: ET.Element, head: TelegramHead, source: str) -> Telegram:
    """Read a VXKO telegram."""
    area_item = _headline_item(root, "（予報区域）")
    kind = area_item.find(H + "Kind") if area_item is not None else None
    area = area_item.find(f"{H}Areas/{H}Area") if area_item is not None else None
    kind_code = child_text(kind, H + "Code")
    kind_name = child_text(kind, H + "Name")
    river_item = _headline_item(root, "（河川）")
    rivers = tuple(
        (child_text(river, H + "Code"), child_text(river, H + "Name"))
        for river in (river_item.iterfind(f"{H}Areas/{H}Area") if river_item is not None else ())
    )
    body = root.find(B + "Body")
    main_texts: list[str] = []
    city_codes: list[str] = []
    stations: list[FloodStation] = []
    if body is not None:
        for item in body.iterfind(f"{B}Warning/{B}Item"):
            for prop in item.iterfind(f"{B}Kind/{B}Property"):
                if child_text(prop, B + "Type") == "主文":
                    main_texts.append(child_text(prop, B + "Text"))
            if child_text(item, f"{B}Kind/{B}Name").startswith("浸水想定地区"):
                for city in item.iterfind(f"{B}Areas/{B}Area/{B}CityCode"):
                    if city.text and city.text.strip() not in city_codes:
                        city_codes.append(city.text.strip())
        stations = _stations(body, source)
    forecast = FloodForecast(
        area_code=head.event_id or child_text(area, H + "Code"),
        area_name=child_text(area, H + "Name"),
        rivers=rivers,
        kind_code=kind_code,
        kind_name=kind_name,
        level=flood_level(kind_code, kind_name) if kind_code else None,
        condition=child_text(kind, H + "Condition"),
        stations=tuple(stations),
        city_codes=tuple(city_codes),
        main_text="\n".join(text for text in main_texts if text),
    )
    return Telegram(source, Family.VXKO, Category.FLOOD, head, forecast)
