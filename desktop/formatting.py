"""Times and numbers as a duty officer reads them: Tokyo time, no seconds unless useful."""

from __future__ import annotations

import unicodedata
from datetime import datetime

from dispatch.base.clock import TOKYO


def when(iso: str | None, seconds: bool = False) -> str:
    if not iso:
        return ""
    try:
        moment = datetime.fromisoformat(iso)
    except ValueError:
        return iso
    if moment.tzinfo is not None:
        moment = moment.astimezone(TOKYO)
    return moment.strftime("%Y-%m-%d %H:%M:%S" if seconds else "%Y-%m-%d %H:%M")


def duration(seconds: float | None) -> str:
    if seconds is None or seconds < 0:
        return ""
    seconds = round(seconds)
    if seconds < 60:
        return f"{seconds} s"
    minutes, seconds = divmod(seconds, 60)
    if minutes < 60:
        return f"{minutes}:{seconds:02d}"
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{seconds:02d}"


#: Dashes typed between two times (〜 and its look-alikes survive NFKC) as the ASCII hyphen.
_RANGE_DASHES = str.maketrans(dict.fromkeys("~〜～−–—―‐ー", "-"))


def typed(text: str) -> str:
    """What a person typed, as the program compares it: NFKC (「ｒｅｓｉｄｅｎｔ０４２」 is
    "resident042", half-width ｶﾅ is full-width カナ), without the spaces around it."""
    return unicodedata.normalize("NFKC", text).strip()


def typed_times(text: str) -> str:
    """A typed time range: 「２２：００－０６：００」 or 「22:00〜06:00」 as "22:00-06:00"."""
    return typed(text).translate(_RANGE_DASHES).replace(" ", "")
