"""A logged-in person's session: who they are, whether their role allows a step, and the
audited transaction a change is written in.

A session is identity and nothing more: what a person can do are the declared operations of
this floor (``dispatch.operations.accounts``, ``.subscribers``, ``.audit`` …), each a function
taking the session. Their declaration checks the permission through :meth:`Session.require`, so
no front end checks one itself. Each change that touches personal data, accounts or keys writes
its audit entry in the same transaction as the change (:meth:`Session.audited`), so the log and
the data cannot disagree. A refused operation is audited too.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from enum import Enum
from pathlib import Path
from typing import Any

from dispatch.base.clock import Clock, SystemClock
from dispatch.base.errors import (
    PasswordChangeRequired,
    PermissionDenied,
    TotpEnrolmentRequired,
    TotpRequired,
    ValidationError,
    WrongCredentials,
)
from dispatch.records.accounts import (
    SERVICE_ACTOR,
    Account,
    AccountRepository,
    Permission,
    Role,
    ServiceAccount,
    check_account_name,
)
from dispatch.records.accounts import FirstTotp as FirstTotp  # set-up shows its secret
from dispatch.records.accounts import new_first_totp as new_first_totp
from dispatch.records.audit import AuditLog
from dispatch.records.settings import get_setting, set_setting
from dispatch.store import vault
from dispatch.store.database import Connection, Store, transaction
from dispatch.store.files import DB_FILE
from dispatch.store.key_lock import key_file_lock
from dispatch.store.keys import check_password_strength

log = logging.getLogger(__name__)

SYSTEM_ACTOR = "system"


def store_exists(data_dir: Path) -> bool:
    """Is there a store in ``data_dir`` (to offer set-up or login)?"""
    return (data_dir / DB_FILE).exists()


class WithoutTotp(Enum):
    """The explicit opt-out of TOTP for a new store: the demo store (invented data and a
    published password) and test stores. An office's store is made with a :class:`FirstTotp`."""

    WITHOUT_TOTP = "without TOTP"


WITHOUT_TOTP = WithoutTotp.WITHOUT_TOTP


def check_first_administrator(admin_name: str, password: str) -> None:
    """Refuse an account name or password ``initialise`` would refuse (set-up checks them
    before it shows the TOTP secret)."""
    check_account_name(admin_name)
    check_password_strength(password)


def initialise(
    data_dir: Path,
    admin_name: str,
    password: str,
    clock: Clock | None = None,
    *,
    totp: FirstTotp | WithoutTotp,
) -> tuple[Session, str]:
    """Create a store with its first administrator; returns the session and the recovery key.

    Secure by default: with ``totp`` (a :class:`FirstTotp` holding a code the person read
    from the app) the administrator is enrolled and TOTP is required of every staff account
    (``security.require_totp``); the code is checked before anything is written. Only
    ``WITHOUT_TOTP`` makes a store without it, recorded in the audit log."""
    clock = clock or SystemClock()
    check_first_administrator(admin_name, password)
    required = isinstance(totp, FirstTotp)
    if isinstance(totp, FirstTotp):
        if totp.name != admin_name:
            raise ValidationError(f"The TOTP secret was made for {totp.name}, not {admin_name}.")
        totp.step(clock.now())  # a wrong code creates nothing
    store, recovery_key = vault.create_store(data_dir, admin_name, password)
    connection = store.connection()
    with transaction(connection):
        accounts = AccountRepository(connection)
        account = accounts.add(admin_name, Role.ADMINISTRATOR, "", clock.now())
        if isinstance(totp, FirstTotp):
            accounts.enrol_totp(admin_name, totp, clock.now())
            account = accounts.get(admin_name)
        set_setting(connection, "security.require_totp", required)
        # An office store (with TOTP) also makes administrator-set passwords temporary.
        set_setting(connection, "security.change_first_password", required)
        AuditLog(connection, clock).append(
            admin_name,
            "store.init",
            detail={"store_id": store.store_id, "totp_required": required},
        )
    return Session(store, account, clock), recovery_key


def login(
    data_dir: Path,
    name: str,
    password: str,
    totp_code: str | None = None,
    clock: Clock | None = None,
    *,
    in_place_of: str | None = None,
) -> Session:
    """Unlock the store as ``name``. Wrong passwords and wrong TOTP codes both count towards
    the account's lock. ``in_place_of``: see :func:`second_officer`."""
    clock = clock or SystemClock()
    unlocked = vault.unlock_with_password(data_dir, name, password, clock.now().timestamp())
    store = unlocked.store
    connection = store.connection()
    accounts = AccountRepository(connection)
    audit = AuditLog(connection, clock)
    account = accounts.get(name)
    enrolment_only = False
    if account.totp_enabled:
        if not totp_code:
            store.close_thread_connection()
            raise TotpRequired(f"Account {name} needs a TOTP code from its authenticator app.")
        with transaction(connection):
            valid = accounts.check_totp(name, totp_code, clock.now())
            if not valid:
                audit.append(name, "login", target=f"account:{name}", outcome="wrong TOTP code")
        if not valid:
            store.close_thread_connection()
            vault.record_failed_login(data_dir, name, clock.now().timestamp())
            raise WrongCredentials(
                "Wrong or already used TOTP code. Wait for the next code and try again."
            )
    elif get_setting(connection, "security.require_totp"):
        enrolment_only = True
    if unlocked.failures_since_last_login:
        audit.append(
            name,
            "login.failed",
            target=f"account:{name}",
            outcome="failed",
            detail={"failed_logins_before_this_one": unlocked.failures_since_last_login},
        )
    vault.record_successful_login(data_dir, name)
    audit.checkpoint_unsigned()  # a log from before signed entries: sealed by this login
    if in_place_of is None:
        audit.append(name, "login", target=f"account:{name}")
    else:
        audit.append(
            name,
            "login.in_place",
            target=f"account:{name}",
            detail={"at_the_workstation_of": in_place_of},
        )
    session = Session(store, account, clock)
    session.enrolment_only = enrolment_only
    session.password_change_only = account.password_temporary
    return session


@contextmanager
def second_officer(
    host: Session,
    name: str,
    password: str,
    totp_code: str | None = None,
    *,
    may_be_host: bool = False,
) -> Iterator[Session]:
    """Officer ``name`` proves who they are at ``host``'s workstation, for one act.

    The night two-person check at one computer: the officer logged in (``host``) stays logged
    in and the engine keeps sending; the second officer types their password (and TOTP code)
    and gets a session of their own — their own key signs their audit entries, so the act is
    theirs, not the host's — which is closed when the ``with`` block ends. The log shows
    ``login.in_place`` (naming the host) and then the act, both as the second officer. Wrong
    passwords count towards the second officer's lock exactly as at the login window.

    ``may_be_host``: for an act one person may do (the single-person emergency send), where
    typing the password again confirms who decided; the two-person check never allows it."""
    if name.strip() == host.account.name and not may_be_host:
        raise ValidationError(
            f"You are logged in as {name}. The second officer enters their own account "
            "name and password here."
        )
    guest = login(
        host.store.data_dir,
        name.strip(),
        password,
        totp_code or None,
        host.clock,
        in_place_of=host.account.name,
    )
    try:
        yield guest
    finally:
        guest.close()


def recover(
    data_dir: Path,
    recovery_key: str,
    admin_name: str,
    new_password: str,
    clock: Clock | None = None,
) -> Session:
    """With the recovery key: give administrator ``admin_name`` a new password (and create or
    reactivate the account if needed). For when every administrator's password is lost."""
    clock = clock or SystemClock()
    check_password_strength(new_password)
    store = vault.unlock_with_recovery_key(data_dir, recovery_key)
    connection = store.connection()
    accounts = AccountRepository(connection)
    with transaction(connection):
        account = accounts.find(admin_name)
        if account is None:
            accounts.add(admin_name, Role.ADMINISTRATOR, "", clock.now())
        else:
            if account.role is not Role.ADMINISTRATOR:
                raise ValidationError(
                    f"{admin_name} is not an administrator; recover an administrator account."
                )
            accounts.set_active(admin_name, True, clock.now())
            accounts.password_changed(admin_name, clock.now())
        with key_file_lock(data_dir):
            keyfile = vault.load_keyfile(data_dir)
            slot = keyfile.new_account_slot(admin_name, new_password, store.data_key)
            vault.save_keyfile(store, keyfile.with_account(admin_name, slot))
        store.audit_signer = vault.signer_for_account(data_dir, admin_name, new_password)
        AuditLog(connection, clock).append(
            admin_name, "store.recover", target=f"account:{admin_name}"
        )
    return Session(store, accounts.get(admin_name), clock)


class Session:
    def __init__(self, store: Store, account: Account, clock: Clock) -> None:
        self.store = store
        self.account = account
        self.clock = clock
        #: True when TOTP is mandatory and this account has not enrolled yet.
        self.enrolment_only = False
        #: True while the password is one an administrator set: it must be changed first.
        self.password_change_only = False

    # ---- plumbing -------------------------------------------------------------------------

    @property
    def connection(self) -> Connection:
        return self.store.connection()

    @property
    def audit_log(self) -> AuditLog:
        return AuditLog(self.connection, self.clock)

    def close(self) -> None:
        self.store.close_thread_connection()

    def can(self, permission: Permission) -> bool:
        return permission in self.account.permissions and not (
            self.enrolment_only or self.password_change_only
        )

    def require_enrolled(self) -> None:
        """While TOTP is mandatory and this account has not enrolled, it may only enrol; while
        its password is one an administrator set, it may only change it."""
        if self.enrolment_only:
            raise TotpEnrolmentRequired(
                "TOTP is mandatory for every account: enrol first with "
                "'kishomail accounts totp enable' and 'accounts totp confirm CODE'."
            )
        if self.password_change_only:
            raise PasswordChangeRequired(
                f"The password of {self.account.name} was set by an administrator: change it "
                "first with 'kishomail accounts passwd' (or at the login window)."
            )

    def require(self, permission: Permission, action: str, target: str = "") -> None:
        """Refuse (and audit the refusal) unless this person's role has ``permission``.

        Operations do not call this themselves: their declaration
        (:func:`dispatch.operations.declare.operation`) does, before the body runs."""
        self.require_enrolled()
        if permission not in self.account.permissions:
            service = isinstance(self.account, ServiceAccount)
            role = SERVICE_ACTOR if service else str(self.account.role)
            self.audit_log.append(
                self.account.name,
                action,
                target=target,
                outcome="denied",
                detail={"role": role},
            )
            raise PermissionDenied(
                f"Your role ({role}) may not {permission.value}. Ask a colleague "
                "with that role, or an administrator."
            )

    @contextmanager
    def audited(self, action: str, target: str = "", **detail: Any) -> Iterator[dict[str, Any]]:
        """Do the work and write its audit entry in one transaction. The body may add to the
        yielded detail dict."""
        extra: dict[str, Any] = dict(detail)
        with transaction(self.connection):
            yield extra
            self.audit_log.append(self.account.name, action, target=target, detail=extra)
