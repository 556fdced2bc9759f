"""Accounts, roles, lockout and TOTP, enforced in the core (not in a GUI)."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest

from dispatch.base.errors import (
    AccountLocked,
    Conflict,
    PermissionDenied,
    TotpEnrolmentRequired,
    TotpRequired,
    ValidationError,
    WrongCredentials,
)
from dispatch.operations import accounts as account_ops
from dispatch.operations import audit as audit_ops
from dispatch.operations import exports as export_ops
from dispatch.operations import settings as setting_ops
from dispatch.operations import subscribers as subscriber_ops
from dispatch.operations.session import login
from dispatch.records.accounts import Permission, Role, totp_code
from dispatch.records.audit import AuditQuery
from dispatch.records.subscriber_queries import SubscriberQuery
from dispatch.records.subscribers import NewSubscriber, Topics, WarningLevel
from dispatch.store.vault import FREE_ATTEMPTS
from tests.unit.dispatch.conftest import (
    ADMIN_PASSWORD,
    AUDITOR_PASSWORD,
    OPERATOR_PASSWORD,
    Office,
)


def a_subscriber(office: Office) -> NewSubscriber:
    return NewSubscriber(
        "ichiro@example.jp", Topics(warning_level=WarningLevel.WARNING), office.clock.now()
    )


def test_each_role_may_do_its_own_work_only(office: Office) -> None:
    operator, duty, auditor = office.operator(), office.duty(), office.auditor()
    added = subscriber_ops.add_subscriber(operator, a_subscriber(office))
    # A duty officer counts an audience but sees no address.
    assert subscriber_ops.count_subscribers(duty) == 1
    with pytest.raises(PermissionDenied, match="may not see subscribers"):
        subscriber_ops.get_subscriber(duty, added.id)
    # An auditor reads the log, touches no subscriber and no account.
    assert audit_ops.search_audit(auditor, AuditQuery(action="subscriber.add"))
    with pytest.raises(PermissionDenied):
        subscriber_ops.list_subscribers(auditor, SubscriberQuery())
    with pytest.raises(PermissionDenied):
        account_ops.add_account(auditor, "mallory", Role.ADMINISTRATOR, "mallory-password")
    # An administrator manages accounts but handles no personal data.
    with pytest.raises(PermissionDenied, match="may not see subscribers"):
        subscriber_ops.list_subscribers(office.admin, SubscriberQuery())
    # An operator cannot give itself more rights.
    with pytest.raises(PermissionDenied, match="may not manage accounts"):
        account_ops.set_role(operator, "opr", Role.ADMINISTRATOR)


def test_refusals_are_audited(office: Office) -> None:
    auditor = office.auditor()
    with pytest.raises(PermissionDenied):
        export_ops.request_subscriber_export(auditor, "監査のための書き出し")
    denied = audit_ops.search_audit(office.admin, AuditQuery(actor="aud", action="export.request"))
    assert [e.outcome for e in denied] == ["denied"]
    assert not (office.data_dir / "x.zip").exists()


def test_deactivated_accounts_have_no_permissions_and_cannot_log_in(office: Office) -> None:
    operator = office.operator()
    account_ops.deactivate_account(office.admin, "opr")
    accounts = {a.name: a for a in account_ops.list_accounts(office.admin)}
    assert not accounts["opr"].active
    assert not accounts["opr"].permissions
    with pytest.raises(Exception, match="deactivated"):
        office.operator()
    # Reactivation needs a new password; the old one stays void.
    account_ops.reactivate_account(office.admin, "opr", "a-new-password-2")
    with pytest.raises(WrongCredentials):
        office.login("opr", OPERATOR_PASSWORD)
    office.login("opr", "a-new-password-2").close()
    operator.close()


def test_the_last_administrator_cannot_be_removed(office: Office) -> None:
    with pytest.raises(Conflict, match="last active administrator"):
        account_ops.deactivate_account(office.admin, "admin")
    with pytest.raises(Conflict, match="last active administrator"):
        account_ops.set_role(office.admin, "admin", Role.OPERATOR)
    account_ops.add_account(office.admin, "admin2", Role.ADMINISTRATOR, "second-admin-pw")
    account_ops.deactivate_account(office.admin, "admin")  # now allowed


def test_account_names_are_checked(office: Office) -> None:
    with pytest.raises(ValidationError, match="account name"):
        account_ops.add_account(office.admin, "Bad Name!", Role.OPERATOR, "long-enough-pw")
    with pytest.raises(Conflict, match="exists already"):
        account_ops.add_account(office.admin, "opr", Role.OPERATOR, "long-enough-pw")


def test_password_change_rewraps_the_key(office: Office) -> None:
    operator = office.operator()
    with pytest.raises(WrongCredentials):
        account_ops.change_own_password(operator, "not-my-password", "new-operator-pw")
    account_ops.change_own_password(operator, OPERATOR_PASSWORD, "new-operator-pw")
    operator.close()
    with pytest.raises(WrongCredentials):
        office.login("opr", OPERATOR_PASSWORD)
    office.login("opr", "new-operator-pw").close()


def test_administrator_resets_a_forgotten_password(office: Office) -> None:
    account_ops.reset_password(office.admin, "aud", "reset-by-admin-1")
    with pytest.raises(WrongCredentials):
        office.login("aud", AUDITOR_PASSWORD)
    office.login("aud", "reset-by-admin-1").close()


def test_repeated_wrong_passwords_lock_with_back_off(office: Office) -> None:
    for _ in range(FREE_ATTEMPTS - 1):
        with pytest.raises(WrongCredentials):
            office.login("opr", "wrong-password")
    with pytest.raises(WrongCredentials):
        office.login("opr", "wrong-password")  # the fifth: now locked for 30 s
    with pytest.raises(AccountLocked, match=r"Try again in 30 seconds"):
        office.login("opr", OPERATOR_PASSWORD)  # even the right password waits
    office.clock.advance(seconds=31)
    with pytest.raises(WrongCredentials):
        office.login("opr", "wrong-password")  # the sixth: 60 s
    with pytest.raises(AccountLocked, match=r"in 60 seconds"):
        office.login("opr", OPERATOR_PASSWORD)
    office.clock.advance(seconds=61)
    session = office.login("opr", OPERATOR_PASSWORD)
    # The failures are in the audit log, recorded at the next successful login.
    failed = session.audit_log.search(AuditQuery(actor="opr", action="login.failed"))
    assert failed[-1].detail == {"failed_logins_before_this_one": 6}
    session.close()
    # ...and the counter starts again from zero.
    with pytest.raises(WrongCredentials):
        office.login("opr", "wrong-password")
    office.login("opr", OPERATOR_PASSWORD).close()


def enrol(office: Office, name: str, password: str) -> str:
    session = office.login(name, password)
    uri = account_ops.start_totp(session)
    assert uri.startswith("otpauth://totp/kishomail:" + name)
    account_ops.confirm_totp(session, totp_code(uri, office.clock.now()))
    session.close()
    return uri


def test_totp_login(office: Office) -> None:
    uri = enrol(office, "opr", OPERATOR_PASSWORD)
    with pytest.raises(TotpRequired):
        office.login("opr", OPERATOR_PASSWORD)
    office.clock.advance(seconds=30)
    code = totp_code(uri, office.clock.now())
    login(office.data_dir, "opr", OPERATOR_PASSWORD, code, clock=office.clock).close()
    # The same code again is a replay.
    with pytest.raises(WrongCredentials, match="already used"):
        login(office.data_dir, "opr", OPERATOR_PASSWORD, code, clock=office.clock)
    office.clock.advance(seconds=30)
    wrong = f"{(int(totp_code(uri, office.clock.now())) + 1) % 1_000_000:06d}"
    with pytest.raises(WrongCredentials, match="TOTP"):
        login(office.data_dir, "opr", OPERATOR_PASSWORD, wrong, clock=office.clock)


def test_totp_codes_drift_one_step_at_most(office: Office) -> None:
    uri = enrol(office, "opr", OPERATOR_PASSWORD)
    office.clock.advance(seconds=60)
    late = totp_code(uri, office.clock.now() - timedelta(seconds=30))
    login(office.data_dir, "opr", OPERATOR_PASSWORD, late, clock=office.clock).close()
    office.clock.advance(seconds=60)
    too_old = totp_code(uri, office.clock.now() - timedelta(seconds=90))
    with pytest.raises(WrongCredentials):
        login(office.data_dir, "opr", OPERATOR_PASSWORD, too_old, clock=office.clock)


def test_wrong_totp_codes_count_towards_the_lock(office: Office) -> None:
    enrol(office, "opr", OPERATOR_PASSWORD)
    office.clock.advance(seconds=30)
    for _ in range(FREE_ATTEMPTS):
        with pytest.raises(WrongCredentials):
            login(office.data_dir, "opr", OPERATOR_PASSWORD, "000000", clock=office.clock)
    with pytest.raises(AccountLocked):
        login(office.data_dir, "opr", OPERATOR_PASSWORD, "000000", clock=office.clock)


def test_enrolment_needs_a_valid_code(office: Office) -> None:
    session = office.operator()
    uri = account_ops.start_totp(session)
    right = totp_code(uri, office.clock.now())
    with pytest.raises(ValidationError, match="does not match"):
        account_ops.confirm_totp(session, f"{(int(right) + 1) % 1_000_000:06d}")
    accounts = {a.name: a for a in account_ops.list_accounts(office.admin)}
    assert not accounts["opr"].totp_enabled
    account_ops.confirm_totp(session, right)
    accounts = {a.name: a for a in account_ops.list_accounts(office.admin)}
    assert accounts["opr"].totp_enabled


def test_mandatory_totp_allows_only_enrolment_until_done(office: Office) -> None:
    setting_ops.change_setting(office.admin, "security.require_totp", "on")
    operator = office.operator()
    assert operator.enrolment_only
    with pytest.raises(TotpEnrolmentRequired, match="enrol first"):
        subscriber_ops.list_subscribers(operator, SubscriberQuery())
    assert not operator.can(Permission.READ_SUBSCRIBERS)
    uri = account_ops.start_totp(operator)
    account_ops.confirm_totp(operator, totp_code(uri, office.clock.now()))
    assert subscriber_ops.list_subscribers(operator, SubscriberQuery()) == []
    operator.close()


def test_administrator_can_turn_off_a_lost_authenticator(office: Office) -> None:
    enrol(office, "opr", OPERATOR_PASSWORD)
    account_ops.disable_totp(office.admin, "opr")
    office.login("opr", OPERATOR_PASSWORD).close()


def test_every_account_change_is_audited(office: Office) -> None:
    account_ops.set_role(office.admin, "aud", Role.OPERATOR)
    account_ops.reset_password(office.admin, "aud", "reset-by-admin-1")
    account_ops.deactivate_account(office.admin, "aud")
    actions = [
        e.action for e in audit_ops.search_audit(office.admin, AuditQuery(text="account:aud"))
    ]
    assert actions == [
        "account.add",
        "account.role",
        "account.password_reset",
        "store.rekey",  # the key changes after a reset and after a departure
        "account.deactivate",
        "store.rekey",
    ]
    role_change = audit_ops.search_audit(office.admin, AuditQuery(action="account.role"))[0]
    assert role_change.detail == {"old": "auditor", "new": "operator"}


def test_no_password_reaches_the_log_file(office: Office, tmp_path) -> None:  # type: ignore[no-untyped-def]
    import logging

    from dispatch.base.logs import configure_logging

    configure_logging()
    added = [h for h in logging.getLogger().handlers if getattr(h, "_kishomail", False)]
    with pytest.raises(WrongCredentials):
        office.login("opr", "a-wrong-secret-pw")
    office.login("opr", OPERATOR_PASSWORD).close()
    for handler in added:
        handler.flush()
        handler.close()
        logging.getLogger().removeHandler(handler)
    text = "".join(p.read_text() for p in (tmp_path / "logs").glob("*.log*"))
    assert "failed login for account opr" in text
    for secret in ("a-wrong-secret-pw", OPERATOR_PASSWORD, ADMIN_PASSWORD):
        assert secret not in text
    assert not re.search(r"[\w.]+@example\.jp", text)


def test_settings_changes_are_audited_without_secrets_or_addresses(office: Office) -> None:
    setting_ops.change_setting(office.admin, "office.address", "bousai@example.jp")
    setting_ops.change_setting(office.admin, "smtp.password", "relay-secret-1")
    setting_ops.change_setting(office.admin, "feeds.poll_interval", "30")
    assert setting_ops.setting_value(office.admin, "office.address") == "bousai@example.jp"
    assert setting_ops.setting_value(office.admin, "smtp.password") == "(set)"
    entries = audit_ops.search_audit(office.admin, AuditQuery(action="settings.change"))
    assert [(e.target, e.detail["value"]) for e in entries] == [
        ("setting:office.address", "(an address, not logged)"),
        ("setting:smtp.password", "(secret)"),
        ("setting:feeds.poll_interval", 30),
    ]
    with pytest.raises(PermissionDenied):
        setting_ops.change_setting(office.operator(), "smtp.host", "relay.example.jp")
