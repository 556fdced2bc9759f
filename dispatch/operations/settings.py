"""The office's domain settings as a staff member reads and changes them.

A secret setting is never shown, only whether it is set; a change is audited without the value
of a secret or an address.
"""

from __future__ import annotations

import logging
from typing import Any

from dispatch.operations.declare import operation
from dispatch.operations.session import Session
from dispatch.records.accounts import (
    Permission,
)
from dispatch.records.settings import DECLARED, get_setting, set_setting

log = logging.getLogger(__name__)


@operation(None, "settings.read")
def setting_value(session: Session, name: str) -> Any:
    """A setting's value; a secret one only says whether it is set."""
    value = get_setting(session.connection, name)
    if DECLARED[name].secret:
        return "(set)" if value else "(not set)"
    return value


@operation(Permission.MANAGE_SETTINGS, "settings.change", target="setting:{name}")
def change_setting(session: Session, name: str, value: Any) -> Any:
    with session.audited("settings.change", f"setting:{name}") as detail:
        checked = set_setting(session.connection, name, value)
        if DECLARED[name].secret:
            detail["value"] = "(secret)"
        elif "@" in str(checked):  # an office address: the audit log never holds one
            detail["value"] = "(an address, not logged)"
        else:
            detail["value"] = checked
    return checked
