"""Secure by default (issue 16 point 6): a new store requires TOTP of every staff account and
enrols its first administrator at set-up; only an explicit opt-out makes one without; the
machine's service slot needs no code."""

from __future__ import annotations

from pathlib import Path

import pytest

from dispatch.base.clock import FixedClock
from dispatch.base.errors import TotpEnrolmentRequired, TotpRequired, ValidationError
from dispatch.operations import accounts as account_ops
from dispatch.operations import authorise
from dispatch.operations import backup as backup_ops
from dispatch.operations import service as service_ops
from dispatch.operations import settings as setting_ops
from dispatch.operations import subscribers as subscriber_ops
from dispatch.operations.session import WITHOUT_TOTP, Session, initialise, login, new_first_totp
from dispatch.records.accounts import Role, totp_code
from dispatch.records.audit import AuditQuery
from dispatch.records.settings import get_setting
from dispatch.store.files import DB_FILE
from dispatch.store.machine_slot import Protection

PASSWORD = "chief-password-1"


def new_office_store(data_dir: Path, clock: FixedClock) -> tuple[Session, str]:
    """Set-up as an office does it: a secret, the code the app shows, then the store."""
    first = new_first_totp("chief")
    code = totp_code(first.uri, clock.now())
    session, _ = initialise(data_dir, "chief", PASSWORD, clock, totp=first.with_code(code))
    return session, first.uri


def test_a_new_store_enrols_its_first_administrator_and_requires_totp(
    data_dir: Path, clock: FixedClock
) -> None:
    first = new_first_totp("chief")
    right = totp_code(first.uri, clock.now())
    wrong = "000000" if right != "000000" else "111111"
    with pytest.raises(ValidationError, match="does not match"):
        initialise(data_dir, "chief", PASSWORD, clock, totp=first.with_code(wrong))
    assert not (data_dir / DB_FILE).exists()  # a wrong code creates nothing

    admin, _ = initialise(data_dir, "chief", PASSWORD, clock, totp=first.with_code(right))
    assert admin.account.totp_enabled
    assert get_setting(admin.connection, "security.require_totp") is True
    (init,) = admin.audit_log.search(AuditQuery(action="store.init"))
    assert init.detail["totp_required"] is True
    account_ops.add_account(admin, "opr", Role.OPERATOR, "operator-password-1")
    admin.close()

    with pytest.raises(TotpRequired):
        login(data_dir, "chief", PASSWORD, clock=clock)
    clock.advance(seconds=30)
    chief = login(data_dir, "chief", PASSWORD, totp_code(first.uri, clock.now()), clock=clock)
    chief.close()
    # A colleague added later may do nothing but enrol until they have a code.
    operator = login(data_dir, "opr", "operator-password-1", clock=clock)
    with pytest.raises(TotpEnrolmentRequired):
        subscriber_ops.count_subscribers(operator)
    operator.close()


def test_the_service_slot_of_a_new_store_opens_without_a_code(
    data_dir: Path, clock: FixedClock
) -> None:
    admin, _ = new_office_store(data_dir, clock)
    service_ops.install_service(admin, protection=Protection.FILE, start=False)
    admin.close()
    service = service_ops.open_service_session(data_dir, clock)
    try:
        authorise.start_engine(service)  # the machine enrols nothing and types no code
    finally:
        service.close()


def test_only_an_explicit_opt_out_makes_a_store_without_totp(
    data_dir: Path, clock: FixedClock
) -> None:
    first = new_first_totp("chief")
    with pytest.raises(TypeError):  # no default: every caller says which it is
        initialise(data_dir, "chief", PASSWORD, clock)  # type: ignore[call-arg]
    with pytest.raises(ValidationError):  # a secret made for someone else
        initialise(data_dir, "other", PASSWORD, clock, totp=first.with_code("123456"))
    admin, _ = initialise(data_dir, "chief", PASSWORD, clock, totp=WITHOUT_TOTP)
    assert get_setting(admin.connection, "security.require_totp") is False
    (init,) = admin.audit_log.search(AuditQuery(action="store.init"))
    assert init.detail["totp_required"] is False
    admin.close()
    login(data_dir, "chief", PASSWORD, clock=clock).close()  # no code asked


def test_a_restore_never_turns_totp_off_again(data_dir: Path, clock: FixedClock) -> None:
    admin, _ = new_office_store(data_dir, clock)
    setting_ops.change_setting(admin, "security.require_totp", False)
    setting_ops.change_setting(admin, "office.contact", "03-1234-5678")
    made = backup_ops.create(admin)
    setting_ops.change_setting(admin, "security.require_totp", True)
    setting_ops.change_setting(admin, "office.contact", "03-0000-0000")
    backup_ops.restore(admin, made.name)
    # The resident-side settings come back; whether staff need a code stays as it is now.
    assert get_setting(admin.connection, "office.contact") == "03-1234-5678"
    assert get_setting(admin.connection, "security.require_totp") is True
    admin.close()
