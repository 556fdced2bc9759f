"""A folder of telegrams as a feed: served in report-time order, at real speed or faster.

The embedded default source for demos and tests. Files that fail to parse are reported, not
fatal. ``speed`` scales the gaps between report times (1.0 = real time, 60.0 = a minute per
second, ``None`` = no waiting); ``sleep`` is injectable so tests do not wait.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from feeds.errors import SourceError, TelegramError
from feeds.jma import parse_file
from feeds.model import Telegram

logger = logging.getLogger(__name__)


def telegram_files(paths: list[Path]) -> list[Path]:
    """Expand folders to their ``*.xml`` files (recursively, sorted); keep files as given."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(sorted(child for child in path.rglob("*.xml") if child.is_file()))
        elif path.is_file():
            files.append(path)
        else:
            raise SourceError(f"{path}: no such file or folder (give telegram files or folders)")
    return files


class ReplaySource:
    """Telegrams of one or more folders/files, ordered by ``Head/ReportDateTime``."""

    def __init__(self, *paths: Path) -> None:
        self.telegrams: list[Telegram] = []
        self.errors: list[TelegramError] = []
        for path in telegram_files(list(paths)):
            try:
                self.telegrams.append(parse_file(path))
            except TelegramError as error:
                logger.warning("replay skips %s", error)
                self.errors.append(error)
        self.telegrams.sort(key=lambda item: (item.head.report_datetime, item.source_id))
        self._position = 0

    def __len__(self) -> int:
        return len(self.telegrams)

    def poll(self) -> list[Telegram]:
        """Every telegram not returned yet (all of them on the first call)."""
        pending = self.telegrams[self._position :]
        self._position = len(self.telegrams)
        return pending

    def play(
        self, speed: float | None = 60.0, sleep: Callable[[float], None] = time.sleep
    ) -> Iterator[Telegram]:
        """Yield telegrams, waiting the report-time gap divided by ``speed`` between them."""
        previous = None
        for telegram in self.telegrams:
            when = telegram.head.report_datetime
            if speed and previous is not None and when > previous:
                sleep((when - previous).total_seconds() / speed)
            previous = when
            yield telegram
