"""Secure by default (issue 16 point 6): a new store requires TOTP of every staff account and
enrols its first administrator at set-up; only an explicit opt-out makes one without; the
machine's service slot needs no code."""

from __future__ import annotations

from pathlib import Path

import pytest

from dispatch.base.clock import FixedClock
from dispatch.base.errors import (
    PasswordChangeRequired,
    TotpEnrolmentRequired,
    TotpRequired,
    ValidationError,
)
from dispatch.operations import accounts as account_ops
from dispatch.operations import authorise
from dispatch.operations import backup as backup_ops
from dispatch.operations import service as service_ops
from dispatch.operations import settings as setting_ops
from dispatch.operations import subscribers as subscriber_ops
from dispatch.operations.session import WITHOUT_TOTP, Session, initialise, login, new_first_totp
from dispatch.records.accounts import Permission, Role, totp_code
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


def test_a_password_an_administrator_chose_is_changed_by_its_owner_first(
    data_dir: Path, clock: FixedClock
) -> None:
    """Only the person knows their password: the administrator's choice works once, for the
    change (and TOTP enrolment) only; a reset marks it again. Test stores opt out."""
    admin, _ = new_office_store(data_dir, clock)
    assert get_setting(admin.connection, "security.change_first_password") is True
    account_ops.add_account(admin, "opr", Role.OPERATOR, "chosen-by-admin-1")
    added = admin.audit_log.search(AuditQuery(action="account.add"))[-1]
    assert added.detail["change_at_first_login"] is True
    operator = login(data_dir, "opr", "chosen-by-admin-1", clock=clock)
    assert operator.password_change_only and not operator.can(Permission.WRITE_SUBSCRIBERS)
    uri = account_ops.start_totp(operator)  # enrolling is allowed meanwhile
    account_ops.confirm_totp(operator, totp_code(uri, clock.now()))
    with pytest.raises(PasswordChangeRequired, match="accounts passwd"):
        subscriber_ops.count_subscribers(operator)
    account_ops.change_own_password(operator, "chosen-by-admin-1", "only-i-know-this-1")
    assert subscriber_ops.count_subscribers(operator) == 0  # now a normal session
    operator.close()
    clock.advance(seconds=30)
    again = login(data_dir, "opr", "only-i-know-this-1", totp_code(uri, clock.now()), clock=clock)
    assert not again.password_change_only
    again.close()
    # A reset by an administrator is temporary again.
    account_ops.reset_password(admin, "opr", "reset-by-admin-1")
    clock.advance(seconds=30)
    reset = login(data_dir, "opr", "reset-by-admin-1", totp_code(uri, clock.now()), clock=clock)
    assert reset.password_change_only
    reset.close()
    admin.close()


def test_a_store_without_totp_keeps_administrator_passwords_as_they_are(
    data_dir: Path, clock: FixedClock
) -> None:
    admin, _ = initialise(data_dir, "admin", PASSWORD, clock, totp=WITHOUT_TOTP)
    assert get_setting(admin.connection, "security.change_first_password") is False
    account_ops.add_account(admin, "opr", Role.OPERATOR, "chosen-by-admin-1")
    operator = login(data_dir, "opr", "chosen-by-admin-1", clock=clock)
    assert not operator.password_change_only
    assert subscriber_ops.count_subscribers(operator) == 0
    operator.close()
    admin.close()
