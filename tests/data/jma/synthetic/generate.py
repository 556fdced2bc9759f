"""Write the synthetic telegrams used by the tests and the demo replay.

Run from the repository root: ``python tests/data/jma/synthetic/generate.py``. The output is
committed; the script documents how it was made. Every telegram is built in the real JMA format
(element names, namespaces, codes, wording patterns copied from the real telegrams in
tests/data/jma) and carries an XML comment saying that it is synthetic.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

JST = timezone(timedelta(hours=9))
HERE = Path(__file__).resolve().parent
REPO = HERE.parents[3]

SYNTHETIC_NOTE = (
    "<!-- SYNTHETIC telegram written for kishomail tests/demo in the real JMA format; "
    "never published by JMA. {what} -->"
)

# 市町村等 listed in the synthetic Tokyo warnings (a real telegram lists every one of 東京都).
WARDS = [
    ("1310100", "千代田区"),
    ("1310400", "新宿区"),
    ("1311400", "中野区"),
    ("1311500", "杉並区"),
]


@dataclass(frozen=True)
class Kind:
    """One Kind of a 市町村等 item: ``name``/``code`` in force (or lifted), status, LastKind."""

    name: str
    code: str
    status: str
    last_name: str = ""
    last_code: str = ""


def _control(title: str, at: datetime, status: str, office: str, publishing: str) -> str:
    sent = at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return (
        f"<Control>\n<Title>{title}</Title>\n<DateTime>{sent}</DateTime>\n"
        f"<Status>{status}</Status>\n<EditorialOffice>{office}</EditorialOffice>\n"
        f"<PublishingOffice>{publishing}</PublishingOffice>\n</Control>\n"
    )


def _head_open(
    title: str,
    at: datetime,
    info_type: str,
    info_kind: str,
    version: str,
    event_id: str = "",
    serial: str = "",
) -> str:
    stamp = at.isoformat()
    event = f"<EventID>{event_id}</EventID>" if event_id else "<EventID/>"
    serial_element = f"<Serial>{serial}</Serial>" if serial else "<Serial/>"
    return (
        '<Head xmlns="http://xml.kishou.go.jp/jmaxml1/informationBasis1/">\n'
        f"<Title>{title}</Title>\n<ReportDateTime>{stamp}</ReportDateTime>\n"
        f"<TargetDateTime>{stamp}</TargetDateTime>\n{event}\n<InfoType>{info_type}</InfoType>\n"
        f"{serial_element}\n<InfoKind>{info_kind}</InfoKind>\n"
        f"<InfoKindVersion>{version}</InfoKindVersion>\n"
    )


def _report_open(what: str) -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        + SYNTHETIC_NOTE.format(what=what)
        + "\n"
        + '<Report xmlns="http://xml.kishou.go.jp/jmaxml1/" '
        'xmlns:jmx="http://xml.kishou.go.jp/jmaxml1/" '
        'xmlns:jmx_add="http://xml.kishou.go.jp/jmaxml1/addition1/">\n'
    )


def _kind_element(kind: Kind) -> str:
    if kind.status == "発表警報・注意報はなし":
        return "<Kind>\n<Status>発表警報・注意報はなし</Status>\n</Kind>\n"
    last = ""
    if kind.last_code:
        last = (
            f"<LastKind>\n<Name>{kind.last_name}</Name>\n<Code>{kind.last_code}</Code>\n"
            "</LastKind>\n"
        )
    return (
        f"<Kind>\n<Name>{kind.name}</Name>\n<Code>{kind.code}</Code>\n"
        f"<Status>{kind.status}</Status>\n{last}</Kind>\n"
    )


def _headline_information(info_type: str, kinds: list[Kind], areas: list[tuple[str, str]]) -> str:
    in_force = [kind for kind in kinds if kind.status not in ("解除", "発表警報・注意報はなし")]
    if not in_force:
        return ""
    code_type = (
        "気象・地震・火山情報／市町村等"
        if info_type.endswith("（市町村等）")
        else "気象情報／府県予報区・細分区域等"
    )
    items = "".join(
        f"<Item>\n<Kind>\n<Name>{kind.name}</Name>\n<Code>{kind.code}</Code>\n</Kind>\n"
        f'<Areas codeType="{code_type}">\n'
        + "".join(
            f"<Area>\n<Name>{name}</Name>\n<Code>{code}</Code>\n</Area>\n" for code, name in areas
        )
        + "</Areas>\n</Item>\n"
        for kind in in_force
    )
    return f'<Information type="{info_type}">\n{items}</Information>\n'


def warning_telegram(
    *,
    control_title: str,
    head_title: str,
    at: datetime,
    headline: str,
    shinjuku: list[Kind],
    others: list[Kind] | None = None,
    info_type: str = "発表",
    status: str = "通常",
    version: str = "1.5_0",
    notice: str = "",
    what: str = "",
) -> str:
    """A Tokyo warning telegram (R06 VPWW55–61, VPWW53 or VPWW54 by ``control_title``).

    ``shinjuku`` are the kinds of 新宿区; ``others`` the kinds of the other listed wards
    (default: 発表警報・注意報はなし).
    """
    others = others if others is not None else [Kind("", "", "発表警報・注意報はなし")]
    upper = [
        ("130000", "東京都", "府県予報区等"),
        ("130010", "東京地方", "一次細分区域等"),
        ("130011", "２３区西部", "市町村等をまとめた地域等"),
    ]
    head = _head_open(head_title, at, info_type, "気象警報・注意報", version)
    head += f"<Headline>\n<Text>{headline}</Text>\n"
    if info_type != "取消":
        for code, name, level in upper:
            head += _headline_information(f"気象警報・注意報（{level}）", shinjuku, [(code, name)])
        head += _headline_information(
            "気象警報・注意報（市町村等）", shinjuku, [("1310400", "新宿区")]
        )
    head += "</Headline>\n</Head>\n"
    body = (
        '<Body xmlns="http://xml.kishou.go.jp/jmaxml1/body/meteorology1/" '
        'xmlns:jmx_eb="http://xml.kishou.go.jp/jmaxml1/elementBasis1/">\n'
    )
    if notice:
        body += f"<Notice>{notice}</Notice>\n"
    if info_type != "取消":
        for code, name, level in upper:
            body += f'<Warning type="気象警報・注意報（{level}）">\n<Item>\n'
            body += "".join(_kind_element(kind) for kind in shinjuku)
            body += (
                f"<Area>\n<Name>{name}</Name>\n<Code>{code}</Code>\n</Area>\n</Item>\n</Warning>\n"
            )
        body += '<Warning type="気象警報・注意報（市町村等）">\n'
        for code, name in WARDS:
            kinds = shinjuku if code == "1310400" else others
            change = "警報・注意報種別に変化有" if code == "1310400" else ""
            body += "<Item>\n" + "".join(_kind_element(kind) for kind in kinds)
            body += f"<Area>\n<Name>{name}</Name>\n<Code>{code}</Code>\n</Area>\n"
            if change and kinds[0].status != "発表警報・注意報はなし":
                body += f"<ChangeStatus>{change}</ChangeStatus>\n"
            body += "</Item>\n"
        body += "</Warning>\n"
    body += "</Body>\n"
    control = _control(control_title, at, status, "気象庁本庁", "気象庁")
    return _report_open(what) + control + head + body + "</Report>\n"


@dataclass(frozen=True)
class Gauge:
    """A synthetic 神田川 station reading with its criteria (metres)."""

    name: str
    code: str
    location: str
    now_m: float
    now_level: int
    later: tuple[tuple[float, int], ...]
    criteria: tuple[float, float, float, float]  # 待機, 氾濫注意, 避難判断, 氾濫危険


KANDA_STATIONS = {
    "南小滝橋": ("83030400440000020", "新宿区高田馬場", (1.50, 2.40, 2.90, 3.30)),
    "和田見橋": ("83030400440000019", "中野区弥生町", (1.70, 2.60, 3.10, 3.60)),
}


def flood_telegram(
    *,
    at: datetime,
    serial: int,
    area_code: str,
    area_name: str,
    river_code: str,
    kind_name: str,
    kind_code: str,
    headline: str,
    main_text: str,
    gauges: list[Gauge],
    info_type: str = "発表",
    status: str = "通常",
    what: str = "",
) -> str:
    """A VXKO 指定河川洪水予報 for a Tokyo river (joint issuers 東京都建設局 and 気象庁)."""
    title = f"{area_name}{kind_name}"
    head = _head_open(title, at, info_type, "指定河川洪水予報", "1.1_1", area_code, str(serial))
    head += f"<Headline>\n<Text>{headline}</Text>\n"
    if info_type != "取消":
        for suffix, code_type, code, name in (
            ("予報区域", "指定河川洪水予報（予報区域）", area_code, area_name),
            ("河川", "河川", river_code, area_name),
            ("府県予報区等", "気象情報／府県予報区・細分区域等", "130000", "東京都"),
        ):
            head += (
                f'<Information type="指定河川洪水予報（{suffix}）">\n<Item>\n<Kind>\n'
                f"<Name>{kind_name}</Name>\n<Code>{kind_code}</Code>\n"
                f"<Condition>{kind_name}</Condition>\n</Kind>\n"
                f'<Areas codeType="{code_type}">\n<Area>\n<Name>{name}</Name>\n'
                f"<Code>{code}</Code>\n</Area>\n</Areas>\n</Item>\n</Information>\n"
            )
    head += "</Headline>\n</Head>\n"
    body = (
        '<Body xmlns="http://xml.kishou.go.jp/jmaxml1/body/meteorology1/" '
        'xmlns:jmx_eb="http://xml.kishou.go.jp/jmaxml1/elementBasis1/">\n'
    )
    if info_type != "取消":
        body += '<Warning type="指定河川洪水予報">\n<Item>\n<Kind>\n<Property>\n<Type>主文</Type>\n'
        body += f"<Text>{main_text}</Text>\n</Property>\n</Kind>\n"
        body += f'<Areas codeType="河川">\n<Area>\n<Name>{area_name}</Name>\n'
        body += f"<Code>{river_code}</Code>\n</Area>\n</Areas>\n<Stations>\n"
        for gauge in gauges:
            body += (
                f"<Station>\n<Name>{gauge.name}</Name>\n"
                f'<Code type="水位観測所">{gauge.code}</Code>\n'
                f"<Location>{gauge.location}</Location>\n</Station>\n"
            )
        body += "</Stations>\n</Item>\n"
        if kind_code != "10":
            body += (
                "<Item>\n<Kind>\n<Name>浸水想定地区</Name>\n<Code>1</Code>\n"
                "<Status>対象地域</Status>\n</Kind>\n<Areas>\n"
            )
            for city_code, city in (("1310400", "新宿区"), ("1311400", "中野区")):
                body += (
                    f'<Area codeType="水位観測所">\n<Name>{gauges[0].name}</Name>\n'
                    f"<Code>{gauges[0].code}</Code>\n<Prefecture>東京都</Prefecture>\n"
                    f"<PrefectureCode>13000</PrefectureCode>\n<City>{city}</City>\n"
                    f"<CityCode>{city_code}</CityCode>\n</Area>\n"
                )
            body += "</Areas>\n</Item>\n"
        body += "</Warning>\n"
        times = [at - timedelta(minutes=10) + timedelta(hours=step) for step in range(4)]
        names = ["現況", "１時間後", "２時間後", "３時間後"]
        body += '<MeteorologicalInfos type="水位・流量情報">\n<TimeSeriesInfo>\n<TimeDefines>\n'
        for number, (when, name) in enumerate(zip(times, names, strict=True), start=1):
            body += (
                f'<TimeDefine timeId="{number}">\n<DateTime>{when.isoformat()}</DateTime>\n'
                f"<Name>{name}</Name>\n</TimeDefine>\n"
            )
        body += "</TimeDefines>\n"
        for gauge in gauges:
            body += "<Item>\n<Kind>\n<Name>水位</Name>\n<Property>\n<Type>水位</Type>\n"
            body += "<WaterLevelPart>\n"
            values = ((gauge.now_m, gauge.now_level), *gauge.later)
            for number, (metres, level) in enumerate(values, start=1):
                body += (
                    f'<jmx_eb:WaterLevel type="水位" refID="{number}" unit="m" '
                    f'condition="正常">{metres:.2f}</jmx_eb:WaterLevel>\n'
                    f'<jmx_eb:WaterLevel type="レベル" refID="{number}">{level}'
                    "</jmx_eb:WaterLevel>\n"
                )
            body += "</WaterLevelPart>\n</Property>\n</Kind>\n"
            body += (
                f"<Station>\n<Name>{gauge.name}</Name>\n"
                f'<Code type="水位観測所">{gauge.code}</Code>\n'
                f"<Location>{gauge.location}</Location>\n</Station>\n</Item>\n"
            )
        body += "</TimeSeriesInfo>\n</MeteorologicalInfos>\n"
        body += "<AdditionalInfo>\n<FloodForecastAddition>\n"
        for gauge in gauges:
            standby, caution, evacuation, danger = gauge.criteria
            body += (
                "<HydrometricStationPart>\n"
                f'<Area codeType="水位観測所">\n<Name>{gauge.name}</Name>\n'
                f"<Code>{gauge.code}</Code>\n<Location>{gauge.location}</Location>\n</Area>\n"
                "<Criteria>\n"
                f'<jmx_eb:WaterLevel type="レベル１水防団待機水位" unit="m" condition="有効">{standby:.2f}</jmx_eb:WaterLevel>\n'  # noqa: E501
                f'<jmx_eb:WaterLevel type="レベル２氾濫注意水位" unit="m" condition="有効">{caution:.2f}</jmx_eb:WaterLevel>\n'  # noqa: E501
                f'<jmx_eb:WaterLevel type="レベル３避難判断水位" unit="m" condition="有効">{evacuation:.2f}</jmx_eb:WaterLevel>\n'  # noqa: E501
                f'<jmx_eb:WaterLevel type="レベル４氾濫危険水位" unit="m" condition="有効">{danger:.2f}</jmx_eb:WaterLevel>\n'  # noqa: E501
                "</Criteria>\n</HydrometricStationPart>\n"
            )
        body += "</FloodForecastAddition>\n</AdditionalInfo>\n"
    body += "</Body>\n"
    control = _control("指定河川洪水予報", at, status, "気象庁本庁", "東京都建設局 気象庁")
    return _report_open(what) + control + head + body + "</Report>\n"


def gauge(name: str, now_m: float, now_level: int, trend: float) -> Gauge:
    """A Kanda gauge reading with three hourly forecast steps following ``trend`` m/h."""
    code, location, criteria = KANDA_STATIONS[name]
    later = []
    for step in range(1, 4):
        metres = max(0.3, now_m + trend * step)
        level = 1 + sum(metres >= limit for limit in criteria[1:])
        later.append((round(metres, 2), level))
    return Gauge(name, code, location, now_m, now_level, tuple(later), criteria)


def vpbs50_telegram(
    *, at: datetime, observed: datetime, mm: int, serial: int, status: str = "通常", what: str = ""
) -> str:
    """A 東京都気象防災速報（記録的短時間大雨） naming 新宿区."""
    hour = f"{observed.hour}時{observed.minute:02d}分" if observed.minute else f"{observed.hour}時"
    full = str.maketrans("0123456789", "０１２３４５６７８９")
    event = f"JPTK{observed:%Y%m%d%H%M}_{at:%Y%m%d%H%M}"
    headline = (
        f"{hour}、東京都新宿区で記録的短時間大雨。\n新宿区付近で１時間に約{mm}ミリ。\n"
        "猛烈な雨が降っており、災害発生の危険度が急激に高まっています。"
    ).translate(full)
    head = _head_open(
        "東京都気象防災速報（記録的短時間大雨）",
        at,
        "発表",
        "気象解説情報",
        "1.5_0",
        event,
        str(serial),
    )
    head += (
        f'<Headline>\n<Text>{headline}</Text>\n<Information type="情報タグ">\n<Item>\n<Kind>\n'
        "<Name>情報タグ</Name>\n<Condition>記録雨</Condition>\n</Kind>\n"
        '<Areas codeType="気象情報／府県予報区・細分区域等">\n<Area>\n<Name>東京地方</Name>\n'
        "<Code>130010</Code>\n</Area>\n</Areas>\n</Item>\n</Information>\n</Headline>\n</Head>\n"
    )
    body = (
        '<Body xmlns="http://xml.kishou.go.jp/jmaxml1/body/meteorology1/" '
        'xmlns:jmx_eb="http://xml.kishou.go.jp/jmaxml1/elementBasis1/">\n'
        '<MeteorologicalInfos type="観測実況">\n<MeteorologicalInfo>\n'
        f"<DateTime>{at.isoformat()}</DateTime>\n<Item>\n<Kind>\n<Property>\n"
        "<Type>雨の実況</Type>\n<PrecipitationPart>\n"
        f'<jmx_eb:Precipitation description="約{mm}ミリ" type="前１時間解析雨量" unit="mm" '
        f'condition="約">{mm}</jmx_eb:Precipitation>\n'
        f"<Time>{observed.isoformat()}</Time>\n</PrecipitationPart>\n</Property>\n</Kind>\n"
        '<Area codeType="気象・地震・火山情報／市町村等">\n<Name>新宿区</Name>\n'
        "<Code>1310400</Code>\n<Status>付近</Status>\n</Area>\n</Item>\n"
        "</MeteorologicalInfo>\n</MeteorologicalInfos>\n</Body>\n"
    )
    control = _control("府県気象防災速報", at, status, "気象庁本庁", "気象庁")
    return _report_open(what) + control + head + body + "</Report>\n"


def senjo_telegram(
    *, at: datetime, observed: datetime, serial: int, first: datetime, what: str
) -> str:
    """A 東京都気象防災速報（線状降水帯発生） for 東京地方 (130010), laid out like JMA's real
    Chiba sample (tests/data/jma/rain_vpbs50/82_01_01_241031_VPBS50.xml): same elements, tag
    and wording pattern, Tokyo's area instead of Chiba's three."""
    event = f"JPTK{first:%Y%m%d%H%M}_{at:%Y%m%d%H%M}"
    headline = (
        "東京地方では、線状降水帯による非常に激しい雨が同じ場所で降り続いています。"
        "命に危険が及ぶ土砂災害や洪水による災害発生の危険度が急激に高まっています。"
    )
    area = "<Area>\n<Name>東京地方</Name>\n<Code>130010</Code>\n</Area>\n"
    head = _head_open(
        "東京都気象防災速報（線状降水帯発生）",
        at,
        "発表",
        "気象解説情報",
        "1.5_0",
        event,
        str(serial),
    )
    head += (
        f'<Headline>\n<Text>{headline}</Text>\n<Information type="情報タグ">\n<Item>\n<Kind>\n'
        "<Name>情報タグ</Name>\n<Condition>線状降水帯発生</Condition>\n</Kind>\n"
        f'<Areas codeType="気象情報／府県予報区・細分区域等">\n{area}</Areas>\n</Item>\n'
        "</Information>\n</Headline>\n</Head>\n"
    )
    body = (
        '<Body xmlns="http://xml.kishou.go.jp/jmaxml1/body/meteorology1/" '
        'xmlns:jmx_eb="http://xml.kishou.go.jp/jmaxml1/elementBasis1/">\n'
        '<MeteorologicalInfos type="観測実況">\n<MeteorologicalInfo>\n'
        f"<DateTime>{observed.isoformat()}</DateTime>\n<Item>\n<Kind>\n<Property>\n"
        "<Type>気象現象の実況</Type>\n<EventPart>\n"
        '<Event type="線状降水帯">\n<EventName>線状降水帯発生</EventName>\n'
        f"<Time>{observed.isoformat()}</Time>\n</Event>\n</EventPart>\n</Property>\n</Kind>\n"
        '<Area codeType="気象情報／府県予報区・細分区域等">\n<Name>東京地方</Name>\n'
        "<Code>130010</Code>\n</Area>\n</Item>\n"
        "</MeteorologicalInfo>\n</MeteorologicalInfos>\n</Body>\n"
    )
    control = _control("府県気象防災速報", at, "通常", "気象庁本庁", "気象庁")
    return _report_open(what) + control + head + body + "</Report>\n"


def vpoa50_telegram(*, at: datetime, observed: datetime, mm: int, serial: int, what: str) -> str:
    """A 東京都記録的短時間大雨情報 (VPOA50) naming 新宿区 in its headline."""
    full = str.maketrans("0123456789", "０１２３４５６７８９")
    headline = (
        f"{observed.hour}時、東京都新宿区で記録的短時間大雨。\n新宿区付近で１時間に約{mm}ミリ。\n"
        "猛烈な雨が降っており、災害発生の危険度が急激に高まっています。"
    ).translate(full)
    event = f"JPTK{observed:%Y%m%d%H%M}_{at:%Y%m%d%H%M}"
    head = _head_open(
        "東京都記録的短時間大雨情報",
        at,
        "発表",
        "記録的短時間大雨情報",
        "1.0_0",
        event,
        str(serial),
    )
    area = "<Area>\n<Name>東京都</Name>\n<Code>130000</Code>\n</Area>\n"
    head += (
        f"<Headline>\n<Text>{headline}</Text>\n"
        '<Information type="記録的短時間大雨情報（発表細分）">\n<Item>\n<Kind>\n'
        "<Name>記録的短時間大雨情報</Name>\n<Code>1</Code>\n<Condition>発表</Condition>\n</Kind>\n"
        f'<Areas codeType="気象情報／府県予報区・細分区域等">\n{area}</Areas>\n</Item>\n'
        "</Information>\n</Headline>\n</Head>\n"
    )
    body = (
        '<Body xmlns="http://xml.kishou.go.jp/jmaxml1/body/meteorology1/">\n'
        '<Warning type="記録的短時間大雨情報（発表細分）">\n<Item>\n<Kind>\n'
        "<Name>記録的短時間大雨情報</Name>\n<Code>1</Code>\n<Status>発表</Status>\n</Kind>\n"
        f"{area}</Item>\n</Warning>\n</Body>\n"
    )
    control = _control("記録的短時間大雨情報", at, "通常", "気象庁本庁", "気象庁")
    return _report_open(what) + control + head + body + "</Report>\n"


# --------------------------------------------------------------------------------------------
# The test sequences

R06_RAIN = "気象警報・注意報（Ｒ０６）（大雨）"
R06_OTHER = "気象警報・注意報（Ｒ０６）（その他注意報）"
R06_WIND = "気象警報・注意報（Ｒ０６）（暴風）"
LEGACY_53 = "気象特別警報・警報・注意報"
LEGACY_54 = "気象警報・注意報（Ｈ２７）"
NOTICE_NONE = "［危険警報・氾濫特別警報の発表状況］\nなし"

L2 = ("レベル２大雨注意報", "10")
L3 = ("レベル３大雨警報", "03")
L4 = ("レベル４大雨危険警報", "43")
L5 = ("レベル５大雨特別警報", "33")


def t(day: int, hour: int, minute: int = 0) -> datetime:
    """A time in September 2026, JST."""
    return datetime(2026, 9, day, hour, minute, tzinfo=JST)


def shinjuku_warning_sequence(out: Path) -> None:
    """A 新宿区 heavy-rain evening: R06 VPWW55/61 with their legacy VPWW53/54 copies."""
    what = "Shinjuku heavy-rain sequence for the state-machine tests."

    def write(name: str, text: str) -> None:
        (out / name).write_text(text, encoding="utf-8")

    rain_head = "東京都大雨警報・注意報"
    # 1. 18:00 advisory issued — R06 plus legacy copies (triple delivery of one event).
    write(
        "01_20260920T1800_VPWW55.xml",
        warning_telegram(
            control_title=R06_RAIN,
            head_title=rain_head,
            at=t(20, 18),
            headline="２３区西部では、低い土地の浸水に注意してください。",
            shinjuku=[Kind(*L2, "発表")],
            what=what,
        ),
    )
    write(
        "01_20260920T1800_VPWW61.xml",
        warning_telegram(
            control_title=R06_OTHER,
            head_title="東京都雷注意報",
            at=t(20, 18),
            headline="２３区西部では、落雷や突風に注意してください。",
            shinjuku=[Kind("雷注意報", "14", "発表")],
            what=what,
        ),
    )
    for title, version, tag in ((LEGACY_53, "1.1_2", "VPWW53"), (LEGACY_54, "1.2_2", "VPWW54")):
        write(
            f"01_20260920T1800_{tag}.xml",
            warning_telegram(
                control_title=title,
                head_title="東京都気象警報・注意報",
                at=t(20, 18),
                version=version,
                headline="２３区西部では、低い土地の浸水、落雷に注意してください。",
                shinjuku=[Kind("大雨注意報", "10", "発表"), Kind("雷注意報", "14", "発表")],
                notice=NOTICE_NONE,
                what=what,
            ),
        )
    # 2. 18:40 same state re-sent (ChangeStatus 変化無) — must produce nothing.
    write(
        "02_20260920T1840_VPWW55_resend.xml",
        warning_telegram(
            control_title=R06_RAIN,
            head_title=rain_head,
            at=t(20, 18, 40),
            headline="２３区西部では、低い土地の浸水に注意してください。",
            shinjuku=[Kind(*L2, "継続", *L2)],
            what=what,
        ),
    )
    # 3. 19:10 upgrade to warning.
    write(
        "03_20260920T1910_VPWW55.xml",
        warning_telegram(
            control_title=R06_RAIN,
            head_title=rain_head,
            at=t(20, 19, 10),
            headline="２３区西部では、低い土地の浸水に警戒してください。",
            shinjuku=[Kind(*L3, "発表", *L2)],
            what=what,
        ),
    )
    write(
        "03_20260920T1910_VPWW53.xml",
        warning_telegram(
            control_title=LEGACY_53,
            head_title="東京都気象警報・注意報",
            at=t(20, 19, 10),
            version="1.1_2",
            headline="２３区西部では、低い土地の浸水に警戒してください。",
            shinjuku=[
                Kind("大雨警報", "03", "発表", "大雨注意報", "10"),
                Kind("雷注意報", "14", "継続", "雷注意報", "14"),
            ],
            notice=NOTICE_NONE,
            what=what,
        ),
    )
    # 4. 20:20 upgrade to danger warning (legacy telegrams can only say 大雨警報 継続).
    write(
        "04_20260920T2020_VPWW55.xml",
        warning_telegram(
            control_title=R06_RAIN,
            head_title="東京都レベル４大雨危険警報",
            at=t(20, 20, 20),
            headline="【レベル４大雨危険警報】２３区西部では、低い土地の浸水に厳重に警戒してください。",
            shinjuku=[Kind(*L4, "発表", *L3)],
            what=what,
        ),
    )
    write(
        "04_20260920T2020_VPWW53.xml",
        warning_telegram(
            control_title=LEGACY_53,
            head_title="東京都気象警報・注意報",
            at=t(20, 20, 20),
            version="1.1_2",
            headline="２３区西部では、低い土地の浸水に厳重に警戒してください。",
            shinjuku=[
                Kind("大雨警報", "03", "継続", "大雨警報", "03"),
                Kind("雷注意報", "14", "継続", "雷注意報", "14"),
            ],
            notice="［危険警報・氾濫特別警報の発表状況］\n大雨危険警報：２３区西部",
            what=what,
        ),
    )
    # 5. 22:40 downgrade 危険警報から注意報; the その他注意報 telegram clears 雷 only.
    write(
        "05_20260920T2240_VPWW55.xml",
        warning_telegram(
            control_title=R06_RAIN,
            head_title=rain_head,
            at=t(20, 22, 40),
            headline="２３区西部では、低い土地の浸水に注意してください。",
            shinjuku=[Kind(*L2, "危険警報から注意報", *L4)],
            what=what,
        ),
    )
    write(
        "05_20260920T2240_VPWW61.xml",
        warning_telegram(
            control_title=R06_OTHER,
            head_title="東京都雷注意報",
            at=t(20, 22, 40),
            headline="雷注意報を解除します。",
            shinjuku=[Kind("雷注意報", "14", "解除", "雷注意報", "14")],
            what=what,
        ),
    )
    # 6. 23:50 everything lifted.
    write(
        "06_20260920T2350_VPWW55.xml",
        warning_telegram(
            control_title=R06_RAIN,
            head_title=rain_head,
            at=t(20, 23, 50),
            headline="注意報を解除します。",
            shinjuku=[Kind(*L2, "解除", *L2)],
            what=what,
        ),
    )


def special_cases(out: Path) -> None:
    """取消, 訂正 and 訓練 telegrams (one file each, used with the sequence above)."""
    rain_head = "東京都大雨警報・注意報"

    def write(name: str, text: str) -> None:
        (out / name).write_text(text, encoding="utf-8")

    write(
        "cancel_20260920T1915_VPWW55.xml",
        warning_telegram(
            control_title=R06_RAIN,
            head_title=rain_head,
            at=t(20, 19, 15),
            info_type="取消",
            headline="２０日１９時１０分に発表した大雨警報・注意報を取り消します。",
            shinjuku=[],
            what="取消 of the 19:10 VPWW55 (03_…).",
        ),
    )
    write(
        "correct_same_20260920T1915_VPWW55.xml",
        warning_telegram(
            control_title=R06_RAIN,
            head_title=rain_head,
            at=t(20, 19, 15),
            info_type="訂正",
            headline="２３区西部では、低い土地の浸水や河川の増水に警戒してください。",
            shinjuku=[Kind(*L3, "発表", *L2)],
            what="訂正 of the 19:10 VPWW55 that changes only the wording.",
        ),
    )
    write(
        "correct_level_20260920T1915_VPWW55.xml",
        warning_telegram(
            control_title=R06_RAIN,
            head_title=rain_head,
            at=t(20, 19, 15),
            info_type="訂正",
            headline="２３区西部では、低い土地の浸水に注意してください。",
            shinjuku=[Kind(*L2, "継続", *L2)],
            what="訂正 of the 19:10 VPWW55: the warning was issued in error, 注意報 remains.",
        ),
    )
    write(
        "exercise_20261105T1000_VPWW55.xml",
        warning_telegram(
            control_title=R06_RAIN,
            head_title="東京都レベル５大雨特別警報",
            at=datetime(2026, 11, 5, 10, 0, tzinfo=JST),
            status="訓練",
            headline="【訓練】【レベル５大雨特別警報】２３区西部に大雨特別警報を発表しました。",
            shinjuku=[Kind(*L5, "発表")],
            what="訓練 (exercise) telegram: must never reach residents.",
        ),
    )


def kanda_sequence(out: Path) -> None:
    """神田川 flood forecasts: L2 → L4 → L4 re-sent → L2 (警報解除) → 解除; plus 善福寺川."""
    what = "神田川 flood-forecast sequence for the state-machine tests."
    area, river = "830304004400", "8303040044"
    steps = [
        (
            t(20, 19, 40),
            1,
            "レベル２氾濫注意報",
            "20",
            "【警戒レベル２相当情報［洪水］】神田川では、氾濫注意水位に到達し、今後、水位はさらに上昇する見込み",
            [gauge("南小滝橋", 2.45, 2, 0.4), gauge("和田見橋", 2.30, 1, 0.3)],
        ),
        (
            t(20, 20, 50),
            2,
            "レベル４氾濫危険警報",
            "40",
            "【警戒レベル４相当情報［洪水］】〔警戒レベル２相当から４相当に切替〕神田川では、氾濫危険水位に到達",
            [gauge("南小滝橋", 3.35, 4, 0.1), gauge("和田見橋", 3.15, 3, 0.1)],
        ),
        (
            t(20, 21, 50),
            3,
            "レベル４氾濫危険警報",
            "41",
            "【警戒レベル４相当情報［洪水］】神田川では、氾濫危険水位を超過しています",
            [gauge("南小滝橋", 3.38, 4, -0.2), gauge("和田見橋", 3.20, 3, -0.2)],
        ),
        (
            t(20, 23, 30),
            4,
            "レベル２氾濫注意報（警報解除）",
            "22",
            "【警戒レベル２相当情報［洪水］】神田川では、水位は下降し、氾濫危険水位を下回りました",
            [gauge("南小滝橋", 2.60, 2, -0.3), gauge("和田見橋", 2.40, 1, -0.3)],
        ),
        (
            t(21, 2, 0),
            5,
            "レベル２氾濫注意報解除",
            "10",
            "神田川では、氾濫のおそれがなくなりました",
            [gauge("南小滝橋", 1.20, 1, -0.1), gauge("和田見橋", 1.10, 1, -0.1)],
        ),
    ]
    for at, serial, name, code, headline, gauges in steps:
        text = flood_telegram(
            at=at,
            serial=serial,
            area_code=area,
            area_name="神田川",
            river_code=river,
            kind_name=name,
            kind_code=code,
            headline=headline,
            main_text=headline.split("】")[-1] + "。",
            gauges=gauges,
            what=what,
        )
        (out / f"kanda_{serial}_{at:%Y%m%dT%H%M}_VXKO.xml").write_text(text, encoding="utf-8")
    zenpuku = flood_telegram(
        at=t(20, 20, 0),
        serial=1,
        area_code="830304004900",
        area_name="善福寺川",
        river_code="8303040049",
        kind_name="レベル２氾濫注意報",
        kind_code="20",
        headline="【警戒レベル２相当情報［洪水］】善福寺川では、氾濫注意水位に到達",
        main_text="善福寺川では、氾濫注意水位に到達しました。",
        gauges=[gauge("和田見橋", 2.70, 2, 0.1)],
        what="善福寺川 forecast (station borrowed from 神田川; station codes of 善福寺川 unknown).",
    )
    (out / "zenpukuji_1_20260920T2000_VXKO.xml").write_text(zenpuku, encoding="utf-8")
    cancel = flood_telegram(
        at=t(20, 20, 10),
        serial=2,
        area_code="830304004900",
        area_name="善福寺川",
        river_code="8303040049",
        kind_name="レベル２氾濫注意報",
        kind_code="20",
        headline="２０日２０時００分に発表した善福寺川の洪水予報を取り消します。",
        main_text="",
        gauges=[],
        info_type="取消",
        what="取消 of the 善福寺川 forecast above.",
    )
    (out / "zenpukuji_cancel_20260920T2010_VXKO.xml").write_text(cancel, encoding="utf-8")


def rain_reports(out: Path) -> None:
    """The same 新宿区 record rain reported by VPBS50 and by its transition twin VPOA50."""
    observed = t(20, 20, 0)
    (out / "rain_20260920T2005_VPBS50.xml").write_text(
        vpbs50_telegram(
            at=t(20, 20, 5),
            observed=observed,
            mm=110,
            serial=1,
            what="新宿区 記録的短時間大雨 (VPBS50).",
        ),
        encoding="utf-8",
    )
    (out / "rain_20260920T2005_VPOA50.xml").write_text(
        vpoa50_telegram(
            at=t(20, 20, 5),
            observed=observed,
            mm=110,
            serial=1,
            what="Transition twin (VPOA50) of the VPBS50 report.",
        ),
        encoding="utf-8",
    )


def senjo_reports(out: Path) -> None:
    """A 線状降水帯 over 東京地方: the first 発生 report and a follow-up half an hour later
    (JMA issues the information again while the band persists)."""
    first = t(20, 19, 30)
    for serial, (at, observed) in enumerate(
        ((t(20, 19, 40), first), (t(20, 20, 10), t(20, 20, 0))), start=1
    ):
        (out / f"senjo_{serial}_{at:%Y%m%dT%H%M}_VPBS50.xml").write_text(
            senjo_telegram(
                at=at,
                observed=observed,
                serial=serial,
                first=first,
                what=f"東京地方 線状降水帯発生 (VPBS50), report {serial}; modelled on JMA's "
                "Chiba sample 82_01_01_241031_VPBS50.xml.",
            ),
            encoding="utf-8",
        )


def demo_typhoon_night(out: Path) -> None:
    """A plausible 新宿区 typhoon night for the app's demo replay (resources/demo_telegrams)."""
    what = "Demo: typhoon night over Shinjuku (resources/demo_telegrams)."

    def at(day: int, hour: int, minute: int = 0) -> datetime:
        return datetime(2026, 10, day, hour, minute, tzinfo=JST)

    def write(name: str, text: str) -> None:
        (out / name).write_text(text, encoding="utf-8")

    rain_head, wind_head = "東京都大雨警報・注意報", "東京都暴風警報・注意報"
    strong_wind = ("強風注意報", "15")
    storm = ("暴風警報", "05")
    write(
        "01_20261012T1600_VPWW55.xml",
        warning_telegram(
            control_title=R06_RAIN,
            head_title=rain_head,
            at=at(12, 16),
            headline="台風第１９号の接近に伴い、２３区西部では、低い土地の浸水に注意してください。",
            shinjuku=[Kind(*L2, "発表")],
            what=what,
        ),
    )
    write(
        "01_20261012T1600_VPWW58.xml",
        warning_telegram(
            control_title=R06_WIND,
            head_title="東京都強風注意報",
            at=at(12, 16),
            headline="２３区西部では、強風に注意してください。",
            shinjuku=[Kind(*strong_wind, "発表")],
            what=what,
        ),
    )
    write(
        "02_20261012T1900_VPWW55.xml",
        warning_telegram(
            control_title=R06_RAIN,
            head_title=rain_head,
            at=at(12, 19),
            headline="２３区西部では、低い土地の浸水に警戒してください。",
            shinjuku=[Kind(*L3, "発表", *L2)],
            what=what,
        ),
    )
    write(
        "02_20261012T1900_VPWW58.xml",
        warning_telegram(
            control_title=R06_WIND,
            head_title=wind_head,
            at=at(12, 19),
            headline="２３区西部では、暴風に警戒してください。",
            shinjuku=[Kind(*storm, "発表", *strong_wind)],
            what=what,
        ),
    )
    write(
        "02_20261012T1900_VPWW53.xml",
        warning_telegram(
            control_title=LEGACY_53,
            head_title="東京都気象警報・注意報",
            at=at(12, 19),
            version="1.1_2",
            headline="２３区西部では、低い土地の浸水、暴風に警戒してください。",
            shinjuku=[
                Kind("大雨警報", "03", "発表", "大雨注意報", "10"),
                Kind(*storm, "発表", *strong_wind),
            ],
            notice=NOTICE_NONE,
            what=what + " Legacy copy: produces no alert after the revision.",
        ),
    )
    write(
        "03_20261012T2005_VPBS50.xml",
        vpbs50_telegram(at=at(12, 20, 5), observed=at(12, 20), mm=100, serial=1, what=what),
    )
    kanda_steps = [
        (
            at(12, 20, 10),
            1,
            "レベル２氾濫注意報",
            "20",
            "【警戒レベル２相当情報［洪水］】神田川では、氾濫注意水位に到達し、今後、水位はさらに上昇する見込み",
            [gauge("南小滝橋", 2.50, 2, 0.4), gauge("和田見橋", 2.30, 1, 0.4)],
        ),
        (
            at(12, 21, 0),
            2,
            "レベル４氾濫危険警報",
            "40",
            "【警戒レベル４相当情報［洪水］】〔警戒レベル２相当から４相当に切替〕神田川では、氾濫危険水位に到達",
            [gauge("南小滝橋", 3.32, 4, 0.1), gauge("和田見橋", 3.12, 3, 0.1)],
        ),
        (
            at(12, 23, 30),
            3,
            "レベル２氾濫注意報（警報解除）",
            "22",
            "【警戒レベル２相当情報［洪水］】神田川では、水位は下降し、氾濫危険水位を下回りました",
            [gauge("南小滝橋", 2.55, 2, -0.4), gauge("和田見橋", 2.35, 1, -0.4)],
        ),
        (
            at(13, 3, 0),
            4,
            "レベル２氾濫注意報解除",
            "10",
            "神田川では、氾濫のおそれがなくなりました",
            [gauge("南小滝橋", 1.10, 1, -0.1), gauge("和田見橋", 1.00, 1, -0.1)],
        ),
    ]
    for when, serial, name, code, headline, gauges in kanda_steps:
        write(
            f"04_{when:%Y%m%dT%H%M}_VXKO_kanda_{serial}.xml",
            flood_telegram(
                at=when,
                serial=serial,
                area_code="830304004400",
                area_name="神田川",
                river_code="8303040044",
                kind_name=name,
                kind_code=code,
                headline=headline,
                main_text=headline.split("】")[-1] + "。",
                gauges=gauges,
                what=what,
            ),
        )
    write(
        "05_20261012T2105_VPWW55.xml",
        warning_telegram(
            control_title=R06_RAIN,
            head_title="東京都レベル４大雨危険警報",
            at=at(12, 21, 5),
            headline="【レベル４大雨危険警報】２３区西部では、低い土地の浸水に厳重に警戒してください。",
            shinjuku=[Kind(*L4, "発表", *L3)],
            what=what,
        ),
    )
    write(
        "06_20261012T2330_VPWW55.xml",
        warning_telegram(
            control_title=R06_RAIN,
            head_title=rain_head,
            at=at(12, 23, 30),
            headline="２３区西部では、低い土地の浸水に注意してください。",
            shinjuku=[Kind(*L2, "危険警報から注意報", *L4)],
            what=what,
        ),
    )
    write(
        "07_20261013T0500_VPWW58.xml",
        warning_telegram(
            control_title=R06_WIND,
            head_title="東京都強風注意報",
            at=at(13, 5),
            headline="２３区西部では、強風に注意してください。",
            shinjuku=[Kind(*strong_wind, "警報から注意報", *storm)],
            what=what,
        ),
    )
    write(
        "08_20261013T0700_VPWW55.xml",
        warning_telegram(
            control_title=R06_RAIN,
            head_title=rain_head,
            at=at(13, 7),
            headline="注意報を解除します。",
            shinjuku=[Kind(*L2, "解除", *L2)],
            what=what,
        ),
    )
    write(
        "08_20261013T0700_VPWW58.xml",
        warning_telegram(
            control_title=R06_WIND,
            head_title=wind_head,
            at=at(13, 7),
            headline="注意報を解除します。",
            shinjuku=[Kind(*strong_wind, "解除", *strong_wind)],
            what=what,
        ),
    )


def main() -> None:
    """Write every synthetic telegram."""
    out = HERE
    shinjuku_warning_sequence(out)
    special_cases(out)
    kanda_sequence(out)
    rain_reports(out)
    senjo_reports(out)
    demo = REPO / "resources" / "demo_telegrams"
    demo.mkdir(exist_ok=True)
    demo_typhoon_night(demo)


if __name__ == "__main__":
    main()
