"""What a check of ``kishomail doctor`` finds: one line at a level (OK, WARN, FAIL) with what
was found and what to do, the report of them all, and the limits the checks judge by."""

from __future__ import annotations

import enum
from dataclasses import asdict, dataclass

#: Clock skew against the feed's ``Date`` above which doctor warns (JMA times, dedup, TOTP).
MAX_SKEW_SECONDS = 60.0
#: Free space below which the store may soon fail to write (FAIL) or should be looked at (WARN).
FAIL_FREE_BYTES = 256 * 1024 * 1024
WARN_FREE_BYTES = 2 * 1024 * 1024 * 1024
#: The daily backup is expected every 24 h; a little slack before warning, a week before FAIL.
WARN_BACKUP_HOURS = 26.0
FAIL_BACKUP_HOURS = 7 * 24.0


class Level(enum.StrEnum):
    OK = "OK"
    WARN = "WARN"
    FAIL = "FAIL"


@dataclass(frozen=True)
class Check:
    name: str
    level: Level
    found: str
    #: What to do; empty when OK.
    action: str = ""

    def as_dict(self) -> dict[str, str]:
        return {k: str(v) for k, v in asdict(self).items()}


@dataclass(frozen=True)
class DoctorReport:
    checks: tuple[Check, ...]

    @property
    def ok(self) -> bool:
        return all(c.level is not Level.FAIL for c in self.checks)

    def as_dict(self) -> dict[str, object]:
        return {"ok": self.ok, "checks": [c.as_dict() for c in self.checks]}


@dataclass(frozen=True)
class Limits:
    max_skew_seconds: float = MAX_SKEW_SECONDS
    fail_free_bytes: int = FAIL_FREE_BYTES
    warn_free_bytes: int = WARN_FREE_BYTES
    warn_backup_hours: float = WARN_BACKUP_HOURS
    fail_backup_hours: float = FAIL_BACKUP_HOURS
    feed_timeout: float = 15.0
