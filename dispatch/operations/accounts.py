"""Staff accounts: add, deactivate, reactivate, roles, passwords and the TOTP second factor.

An account's key slot lives in the key file (``dispatch.store.vault``); each change writes the
slot and the audit entry together.
"""

from __future__ import annotations

import logging

from dispatch.base.errors import Conflict
from dispatch.operations.declare import operation
from dispatch.operations.keys import rekey_after_departure
from dispatch.operations.session import Session
from dispatch.records.accounts import (
    Account,
    AccountRepository,
    Permission,
    Role,
    check_account_name,
)
from dispatch.records.settings import get_setting
from dispatch.store import vault
from dispatch.store.key_lock import key_file_lock

log = logging.getLogger(__name__)


@operation(Permission.MANAGE_ACCOUNTS, "account.list")
def list_accounts(session: Session) -> list[Account]:
    return AccountRepository(session.connection).list()


@operation(Permission.MANAGE_ACCOUNTS, "account.add", target="account:{name}")
def add_account(
    session: Session, name: str, role: Role, password: str, display_name: str = ""
) -> Account:
    check_account_name(name)
    with key_file_lock(session.store.data_dir):
        keyfile = vault.load_keyfile(session.store.data_dir)
        if name in keyfile.accounts:
            raise Conflict(f"An account named {name} exists already; choose another name.")
        slot = keyfile.new_account_slot(name, password, session.store.data_key)
        with session.audited("account.add", f"account:{name}", role=str(role)) as detail:
            accounts = AccountRepository(session.connection)
            accounts.add(name, role, display_name, session.clock.now())
            detail["change_at_first_login"] = _set_by_administrator(session, accounts, name)
            vault.save_keyfile(session.store, keyfile.with_account(name, slot))
        return accounts.get(name)


def _set_by_administrator(session: Session, accounts: AccountRepository, name: str) -> bool:
    """Mark a password an administrator chose, so its owner changes it first (when the store
    asks for that: ``security.change_first_password``)."""
    temporary = bool(get_setting(session.connection, "security.change_first_password"))
    accounts.password_changed(name, session.clock.now(), temporary=temporary)
    return temporary


@operation(Permission.MANAGE_ACCOUNTS, "account.deactivate", target="account:{name}")
def deactivate_account(session: Session, name: str) -> bool:
    """Staff transfer: the account's key slot is removed from the key file and from every
    backup's, and the data key is changed, so that no earlier copy of the key file opens the
    live store with that password. Returns ``False`` when the engine runs: the key change is
    then owed (``doctor`` says so; ``rekey`` settles it)."""
    accounts = AccountRepository(session.connection)
    account = accounts.get(name)
    if not account.active:
        raise Conflict(f"Account {name} is already deactivated.")
    if account.role is Role.ADMINISTRATOR and accounts.count_active_administrators() <= 1:
        raise Conflict(f"{name} is the last active administrator; add another administrator first.")
    with key_file_lock(session.store.data_dir):
        keyfile = vault.load_keyfile(session.store.data_dir)
        with session.audited("account.deactivate", f"account:{name}"):
            accounts.set_active(name, False, session.clock.now())
            vault.save_keyfile(session.store, keyfile.without_account(name))
    return rekey_after_departure(session, name, left=True)


@operation(Permission.MANAGE_ACCOUNTS, "account.reactivate", target="account:{name}")
def reactivate_account(session: Session, name: str, password: str) -> None:
    accounts = AccountRepository(session.connection)
    if accounts.get(name).active:
        raise Conflict(f"Account {name} is active already.")
    with key_file_lock(session.store.data_dir):
        keyfile = vault.load_keyfile(session.store.data_dir)
        slot = keyfile.new_account_slot(name, password, session.store.data_key)
        with session.audited("account.reactivate", f"account:{name}") as detail:
            accounts.set_active(name, True, session.clock.now())
            detail["change_at_first_login"] = _set_by_administrator(session, accounts, name)
            vault.save_keyfile(session.store, keyfile.with_account(name, slot))


@operation(Permission.MANAGE_ACCOUNTS, "account.role", target="account:{name}")
def set_role(session: Session, name: str, role: Role) -> None:
    accounts = AccountRepository(session.connection)
    account = accounts.get(name)
    if (
        account.role is Role.ADMINISTRATOR
        and role is not Role.ADMINISTRATOR
        and accounts.count_active_administrators() <= 1
    ):
        raise Conflict(f"{name} is the last active administrator; add another one first.")
    with session.audited("account.role", f"account:{name}", old=str(account.role), new=str(role)):
        accounts.set_role(name, role)


@operation(None, "account.password")
def change_own_password(session: Session, old_password: str, new_password: str) -> None:
    """Rewrap this person's key with the new password; a new audit signing key with it."""
    name = session.account.name
    with key_file_lock(session.store.data_dir):
        keyfile = vault.load_keyfile(session.store.data_dir)
        rewrapped, signer = keyfile.rewrapped(name, old_password, new_password)
        with session.audited("account.password", f"account:{name}") as detail:
            AccountRepository(session.connection).password_changed(name, session.clock.now())
            vault.save_keyfile(session.store, rewrapped)
            # From this entry on, this person signs with the new key (and never the old).
            session.store.audit_signer = signer
            detail["signing_key"] = signer.key_id
    session.password_change_only = False


@operation(Permission.MANAGE_ACCOUNTS, "account.password_reset", target="account:{name}")
def reset_password(session: Session, name: str, new_password: str) -> bool:
    """An administrator sets a new password for someone who forgot theirs (a new key pair),
    and the data key is changed so that the old password opens no earlier copy of the key
    file either. Returns ``False`` when the engine runs (the key change is then owed)."""
    accounts = AccountRepository(session.connection)
    if not accounts.get(name).active:
        raise Conflict(f"Account {name} is deactivated; reactivate it instead.")
    with key_file_lock(session.store.data_dir):
        keyfile = vault.load_keyfile(session.store.data_dir)
        slot = keyfile.new_account_slot(name, new_password, session.store.data_key)
        with session.audited("account.password_reset", f"account:{name}") as detail:
            detail["change_at_first_login"] = _set_by_administrator(session, accounts, name)
            vault.save_keyfile(session.store, keyfile.with_account(name, slot))
    return rekey_after_departure(session, name, left=False)


@operation(None, "account.totp.enable")
def start_totp(session: Session, name: str | None = None) -> str:
    """Begin TOTP enrolment (for oneself, or by an administrator for someone); returns the
    ``otpauth://`` URI to show once as text or QR code."""
    name = name or session.account.name
    if name != session.account.name:
        session.require(Permission.MANAGE_ACCOUNTS, "account.totp.enable", f"account:{name}")
    with session.audited("account.totp.enable", f"account:{name}"):
        return AccountRepository(session.connection).start_totp_enrolment(name)


@operation(None, "account.totp.confirm")
def confirm_totp(session: Session, code: str, name: str | None = None) -> None:
    name = name or session.account.name
    if name != session.account.name:
        session.require(Permission.MANAGE_ACCOUNTS, "account.totp.confirm", f"account:{name}")
    with session.audited("account.totp.confirm", f"account:{name}"):
        AccountRepository(session.connection).confirm_totp_enrolment(
            name, code, session.clock.now()
        )
    if name == session.account.name:
        session.enrolment_only = False
        session.account = AccountRepository(session.connection).get(name)


@operation(Permission.MANAGE_ACCOUNTS, "account.totp.disable", target="account:{name}")
def disable_totp(session: Session, name: str) -> None:
    with session.audited("account.totp.disable", f"account:{name}"):
        AccountRepository(session.connection).disable_totp(name)
