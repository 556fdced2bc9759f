"""A sample alert for tests and benchmarks: a level-3 heavy-rain warning for 新宿区, as the
state machine makes it from a VPWW53/55 telegram."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from dispatch.base.clock import TOKYO
from feeds.model import Alert, Category, Change

SHINJUKU_WARNING = Alert(
    dedupe_key="sample-warning",
    category=Category.WARNING,
    change=Change.UPGRADE,
    area_code="1310400",
    area_name="新宿区",
    report_datetime=datetime(2026, 10, 12, 19, 0, tzinfo=TOKYO),
    title="東京都気象警報・注意報",
    headline="東京地方では、土砂災害や低い土地の浸水に警戒してください。",
    issuing_offices=("気象庁",),
    source_id="sample-warning.xml",
    level=3,
    kind_name="レベル３大雨警報",
)


def sample_warning(dedupe_key: str, **changes: object) -> Alert:
    """The sample warning under its own dedupe key (and any other field changed)."""
    return replace(SHINJUKU_WARNING, dedupe_key=dedupe_key, **changes)  # type: ignore[arg-type]
