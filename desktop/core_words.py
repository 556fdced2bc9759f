"""The core's messages in the chosen language.

The core (``dispatch``) says what went wrong in English, one plain line for the CLI and the
logs; the GUI chooses its words by an error's ``code`` (:mod:`desktop.errors`). Where the code
alone does not say enough — which part of an address is wrong, why a CSV line is refused,
which quiet hours were typed — the message itself is matched here against the core's wording
and said again in the chosen language, with the values it names (a line number, the text
typed) carried over. A message not matched is shown as the core wrote it (the test
``tests/gui/test_core_errors_in_japanese.py`` fails on the ones a staff member meets).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from PySide6.QtCore import QObject

_Pattern = tuple[re.Pattern[str], Callable[[re.Match[str]], str]]


def _fill(template: str, *values: str) -> str:
    for number, value in enumerate(values, start=1):
        template = template.replace(f"%{number}", value)
    return template


class CoreWords(QObject):
    """One translation of a core message, or ``None`` when it is not one this knows."""

    def say(self, message: str) -> str | None:
        text = message.strip()
        for pattern, words in self._patterns():
            found = pattern.fullmatch(text)
            if found is not None:
                return words(found)
        return None

    def _patterns(self) -> list[_Pattern]:
        return [
            *self._address_patterns(),
            *self._choice_patterns(),
            *self._file_patterns(),
            *self._mail_patterns(),
            *self._feed_patterns(),
        ]

    def _address_patterns(self) -> list[_Pattern]:
        return [
            (
                re.compile(r"An e-mail address cannot contain a line break\."),
                lambda m: self.tr("An e-mail address cannot contain a line break."),
            ),
            (
                re.compile(r"The e-mail address is empty\."),
                lambda m: self.tr("The e-mail address is empty."),
            ),
            (
                re.compile(r"The e-mail address is longer than 254 characters\."),
                lambda m: self.tr("The e-mail address is longer than 254 characters."),
            ),
            (
                re.compile(r"An e-mail address has exactly one '@'\."),
                lambda m: self.tr("An e-mail address has exactly one '@'."),
            ),
            (
                re.compile(r"The part before '@' may hold only .*", re.S),
                lambda m: self.tr(
                    "The part before '@' may hold only half-width letters, digits, dots and "
                    "!#$%&'*+/=?^_`{|}~-, and may not start with a dot."
                ),
            ),
            (
                re.compile(r"The part after '@' is not a valid domain name.*", re.S),
                lambda m: self.tr(
                    "The part after '@' is not a valid domain name; check the spelling."
                ),
            ),
            (
                re.compile(r"The domain after '@' does not end in a real top-level domain\."),
                lambda m: self.tr("The domain after '@' does not end in a real top-level domain."),
            ),
            (
                re.compile(r"This address is already registered.*", re.S),
                lambda m: self.tr(
                    "This address is already registered; change the existing entry instead."
                ),
            ),
        ]

    def _choice_patterns(self) -> list[_Pattern]:
        return [
            (
                re.compile(r"Choose at least one topic.*", re.S),
                lambda m: self.tr(
                    "Choose at least one topic (warnings, rain, river or Kanda River)."
                ),
            ),
            (
                re.compile(r"Choose at least one river station, or all\."),
                lambda m: self.tr("Choose at least one river station, or all."),
            ),
            (
                re.compile(r"The rain threshold must be one of (.+) mm/h, not (.+)\."),
                lambda m: _fill(
                    self.tr("The rain threshold must be one of %1 mm/h, not %2."), m[1], m[2]
                ),
            ),
            (
                re.compile(r"Quiet hours are times of day between 00:00 and 23:59\."),
                lambda m: self.tr("Quiet hours are times of day between 00:00 and 23:59."),
            ),
            (
                re.compile(r"Quiet hours need a start and an end that differ\."),
                lambda m: self.tr("Quiet hours need a start and an end that differ."),
            ),
            (
                re.compile(r"Quiet hours must look like 22:00-06:00, not (.+)\."),
                lambda m: _fill(self.tr("Quiet hours must look like 22:00-06:00, not %1."), m[1]),
            ),
            (
                re.compile(r"Unknown river (.+?); choose from .*", re.S),
                lambda m: _fill(
                    self.tr("Unknown river %1; choose from Kanda, Zenpukuji or Myoshoji."), m[1]
                ),
            ),
            (
                re.compile(r"Unknown topic (.+?); choose from .*", re.S),
                lambda m: _fill(
                    self.tr("Unknown topic %1; choose from warnings, rain, river or kanda."), m[1]
                ),
            ),
            (
                re.compile(r"Unknown river station (.+?); choose from (.*) or all\.", re.S),
                lambda m: _fill(
                    self.tr("Unknown river station %1; choose from %2 or all."), m[1], m[2]
                ),
            ),
        ]

    def _file_patterns(self) -> list[_Pattern]:
        """The reasons a CSV line is refused (lower case: they follow 「line N:」)."""
        return [
            (
                re.compile(r"unknown topic (.+)"),
                lambda m: _fill(self.tr("unknown topic %1"), m[1]),
            ),
            (
                re.compile(r"unknown language (.+)"),
                lambda m: _fill(self.tr("unknown language %1 (ja, en, やさしい日本語)"), m[1]),
            ),
            (
                re.compile(r"unknown warning level (.+?) \(.*\)"),
                lambda m: _fill(
                    self.tr("unknown warning level %1 (注意報/警報/危険警報/特別警報)"), m[1]
                ),
            ),
            (
                re.compile(r"unknown river stage (.+?) \(.*\)"),
                lambda m: _fill(
                    self.tr("unknown river stage %1 (氾濫注意/避難判断/氾濫危険)"), m[1]
                ),
            ),
            (
                re.compile(r"the rain threshold (.+) is not a whole number of mm/h"),
                lambda m: _fill(
                    self.tr("the rain threshold %1 is not a whole number of mm/h"), m[1]
                ),
            ),
            (
                re.compile(r"the rain threshold (.+) is not one of (.+) mm/h"),
                lambda m: _fill(self.tr("the rain threshold %1 is not one of %2 mm/h"), m[1], m[2]),
            ),
            (
                re.compile(r"the consent time (.+) is not a date and time"),
                lambda m: _fill(self.tr("the consent time %1 is not a date and time"), m[1]),
            ),
            (
                re.compile(r"river stations are chosen but the river topic is not"),
                lambda m: self.tr("river stations are chosen but the river topic is not"),
            ),
            (
                re.compile(r"repeats the address of line (\d+)"),
                lambda m: _fill(self.tr("repeats the address of line %1"), m[1]),
            ),
        ]

    def _mail_patterns(self) -> list[_Pattern]:
        """What a mail cannot carry: header values, attachments (the manual alert)."""
        return [
            (
                re.compile(r"(.+): control characters \(CR/LF\) are not allowed in a header"),
                lambda m: self.tr(
                    "%1: a line break or another control character is not allowed"
                ).replace("%1", m[1]),
            ),
            (
                re.compile(r"(.+): not a plain ASCII address/identifier"),
                lambda m: self.tr("%1: not a plain half-width address or link").replace("%1", m[1]),
            ),
            (
                re.compile(r"attachment filename: give the file's name only.*", re.S),
                lambda m: self.tr(
                    "Give the attachment's file name only, without a folder (no / or \\)."
                ),
            ),
            (
                re.compile(r"attachment filename: the file needs a name"),
                lambda m: self.tr("The attachment needs a file name."),
            ),
            (
                re.compile(r"attachment filename: at most (\d+) characters, please"),
                lambda m: self.tr(
                    "The attachment's file name may have at most %1 characters."
                ).replace("%1", m[1]),
            ),
            (
                re.compile(r"attachment (.+): (.+) is not a file type.*", re.S),
                lambda m: (
                    self.tr("Attachment %1: %2 is not a file type (e.g. application/pdf).")
                    .replace("%1", m[1])
                    .replace("%2", m[2])
                ),
            ),
            (
                re.compile(r"attachment (.+) is empty"),
                lambda m: self.tr("Attachment %1 is empty.").replace("%1", m[1]),
            ),
            (
                re.compile(
                    r"the attachments \((.+) MB\) take (.+) MB in the mail .* over (\d+) MB.*", re.S
                ),
                lambda m: _fill(
                    self.tr(
                        "The attachments (%1 MB) take %2 MB in the mail; the mobile carriers "
                        "refuse mail over %3 MB, so many residents would get nothing. Send a "
                        "smaller file, or put it on the ward's web page and give its address."
                    ),
                    m[1],
                    m[2],
                    m[3],
                ),
            ),
        ]

    def _feed_patterns(self) -> list[_Pattern]:
        """Why a poll failed (the dashboard's 「最後の受信エラー」): the feed, a telegram, a
        gauge file, the store. The technical reason in brackets stays as the source said it."""
        return [
            (
                re.compile(
                    r"could not fetch (\S+): (.+) \(the feed is polled again later;.*", re.S
                ),
                lambda m: _fill(
                    self.tr(
                        "%1 could not be read (%2). It is tried again by itself; check the "
                        "network, the proxy and the feed address in Settings."
                    ),
                    m[1],
                    m[2],
                ),
            ),
            (
                re.compile(r"(.+): not a usable Atom feed: (.+)", re.S),
                lambda m: _fill(self.tr("%1 is not a usable Atom feed (%2)."), m[1], m[2]),
            ),
            (
                re.compile(r"(.+): (.+) \(see docs/feeds\.md for the observation file formats\)"),
                lambda m: _fill(
                    self.tr("The gauge file %1 could not be read (%2): see the feeds manual."),
                    m[1],
                    m[2],
                ),
            ),
            (
                re.compile(
                    r"(.+): (.+) \((?:check that the file is an unmodified JMA XML telegram"
                    r"|the size cap protects.*|JMA telegrams never contain a DTD.*"
                    r"|only JMA 防災情報XML telegrams can be parsed)\)",
                    re.S,
                ),
                lambda m: _fill(
                    self.tr(
                        "The telegram %1 could not be read (%2): only JMA's 防災情報XML "
                        "telegrams, unmodified, are taken."
                    ),
                    m[1],
                    m[2],
                ),
            ),
            (
                re.compile(r"(.+) could not be stored \((.+)\); it will be taken again.*", re.S),
                lambda m: _fill(
                    self.tr(
                        "The telegram %1 could not be stored (%2); it is taken again at the next "
                        "poll. Check the disk of the data folder."
                    ),
                    m[1],
                    m[2],
                ),
            ),
            (
                re.compile(r"This is not a valid recovery key \(a character is mistyped.*", re.S),
                lambda m: self.tr(
                    "This is not a valid recovery key: a character is mistyped or missing. Type "
                    "it again exactly as it was printed."
                ),
            ),
            (
                re.compile(r"This recovery key does not belong to this store\."),
                lambda m: self.tr(
                    "This recovery key belongs to another data folder, not this one."
                ),
            ),
            (
                re.compile(r"scheduled manual alerts could not be enqueued"),
                lambda m: self.tr("The scheduled manual alerts could not be queued."),
            ),
        ]


def say(message: str) -> str:
    """``message`` in the chosen language when known, else as the core wrote it."""
    return CoreWords().say(message) or message
