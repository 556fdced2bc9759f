"""Reading amounts and times out of the published rain wording (full-width digits)."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

from feeds.jma.common import nfkc

_MM = re.compile(r"(\d+)\s*ミリ")
_CLOCK = re.compile(r"(\d{1,2})時(?:(\d{1,2})分)?")


def largest_mm(text: str) -> int | None:
    """The largest ``NNミリ`` amount in ``text`` (``１２０ミリ以上`` → 120)."""
    amounts = [int(value) for value in _MM.findall(nfkc(text))]
    return max(amounts) if amounts else None


def clock_time(text: str, report: datetime) -> datetime | None:
    """The first ``HH時[MM分]`` in ``text`` as a time on or before ``report`` (same zone)."""
    match = _CLOCK.search(nfkc(text))
    if match is None:
        return None
    hour, minute = int(match.group(1)), int(match.group(2) or 0)
    if hour > 23 or minute > 59:
        return None
    at = report.replace(hour=hour, minute=minute, second=0, microsecond=0)
    return at - timedelta(days=1) if at > report else at
