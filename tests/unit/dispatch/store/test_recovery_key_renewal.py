"""A new recovery key (issue 19: "no way to issue a new recovery key"), and a key typed with the
characters it is mistaken for (0 for O, 1 for I, 8 for B; full width) still opens."""

from __future__ import annotations

from pathlib import Path

import pytest

from dispatch.base.errors import PermissionDenied, WrongCredentials
from dispatch.operations import keys as key_ops
from dispatch.operations.session import WITHOUT_TOTP, initialise, login, recover
from dispatch.records.audit import AuditQuery
from tests.unit.dispatch.conftest import ADMIN_PASSWORD, Office


def test_a_new_recovery_key_replaces_the_old_one(office: Office) -> None:
    old_key = office.recovery_key
    with pytest.raises(PermissionDenied):
        key_ops.new_recovery_key(office.operator())
    new_key = key_ops.new_recovery_key(office.admin)
    assert new_key != old_key
    with pytest.raises(WrongCredentials, match="does not belong to this store"):
        recover(office.data_dir, old_key, "admin", "after-the-old-key-1")
    recover(office.data_dir, new_key, "admin", "after-the-new-key-1").close()
    session = login(office.data_dir, "admin", "after-the-new-key-1", clock=office.clock)
    entries = session.audit_log.search(AuditQuery(action="store.recovery_key"))
    assert [(e.actor, e.outcome) for e in entries] == [("opr", "denied"), ("admin", "ok")]
    assert new_key not in repr(entries)
    session.close()


def test_look_alike_characters_and_full_width_are_read_as_the_key(data_dir: Path) -> None:
    admin, recovery_key = initialise(data_dir, "admin", ADMIN_PASSWORD, totp=WITHOUT_TOTP)
    admin.close()
    typed = recovery_key.replace("O", "0").replace("I", "1").replace("B", "8")
    typed = "".join(chr(ord(c) + 0xFEE0) if c.isalnum() else c for c in typed)  # full width
    recover(data_dir, typed, "admin", "typed-on-a-phone-1").close()
    login(data_dir, "admin", "typed-on-a-phone-1").close()
