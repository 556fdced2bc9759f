"""The words every floor shares: the languages residents read and the charsets their mail uses.

One definition each, so a subscriber's stored language or charset, the template a mail is
rendered from and the bytes it is encoded in can never disagree about a spelling.
"""

from __future__ import annotations

from enum import StrEnum


class Language(StrEnum):
    JA = "ja"
    EN = "en"
    EASY_JA = "ja-easy"  # やさしい日本語


class Charset(StrEnum):
    UTF8 = "utf-8"
    ISO_2022_JP = "iso-2022-jp"  # 7bit, for old carrier phones
