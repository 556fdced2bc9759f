"""Domain settings: typed, declared in one place, stored (as JSON) in the encrypted store.

Every setting the office can change is declared in :data:`DECLARED`; the settings reference
of the administrator manual is generated from these declarations, so it cannot drift.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from dispatch.errors import ValidationError
from dispatch.store.database import Connection


@dataclass(frozen=True)
class Setting:
    name: str
    kind: type
    default: Any
    description: str

    def check(self, value: Any) -> Any:
        if self.kind is bool and isinstance(value, str):
            lowered = value.strip().lower()
            if lowered in ("on", "true", "yes", "1"):
                return True
            if lowered in ("off", "false", "no", "0"):
                return False
        if self.kind is int and isinstance(value, str) and value.strip().isdigit():
            return int(value)
        if not isinstance(value, self.kind) or (self.kind is int and isinstance(value, bool)):
            raise ValidationError(
                f"The setting {self.name} takes a {self.kind.__name__}, not {value!r}."
            )
        return value


DECLARED: dict[str, Setting] = {
    s.name: s
    for s in (
        Setting(
            "security.require_totp",
            bool,
            False,
            "Every account must log in with a TOTP code; accounts without one must enrol "
            "before doing anything else (R4.3).",
        ),
    )
}


def _declared(name: str) -> Setting:
    try:
        return DECLARED[name]
    except KeyError:
        raise ValidationError(
            f"There is no setting {name!r}; known settings: {', '.join(sorted(DECLARED))}."
        ) from None


def get_setting(connection: Connection, name: str) -> Any:
    setting = _declared(name)
    row = connection.execute("SELECT value FROM settings WHERE key = ?", (name,)).fetchone()
    return setting.default if row is None else json.loads(row[0])


def set_setting(connection: Connection, name: str, value: Any) -> Any:
    checked = _declared(name).check(value)
    connection.execute(
        "INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)", (name, json.dumps(checked))
    )
    return checked
