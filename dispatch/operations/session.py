"""A logged-in person's session: the one place where permissions are checked and audited.

The CLI and the GUI both act through a :class:`Session`; neither checks permissions itself,
so no screen can do what the person's role does not allow. Each operation that touches
personal data, accounts or keys writes its audit entry in the same transaction as the change,
so the log and the data cannot disagree. A refused operation is audited too.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dispatch.base.clock import Clock, SystemClock
from dispatch.base.errors import (
    Conflict,
    PermissionDenied,
    TotpEnrolmentRequired,
    TotpRequired,
    ValidationError,
    WrongCredentials,
)
from dispatch.base.spreadsheet import write_csv, write_xlsx
from dispatch.base.vocabulary import Charset, Language
from dispatch.records.accounts import (
    Account,
    AccountRepository,
    Permission,
    Role,
    check_account_name,
)
from dispatch.records.audit import AuditEntry, AuditLog, AuditQuery, VerifyReport
from dispatch.records.settings import DECLARED, get_setting, set_setting
from dispatch.records.subscriber_files import (
    ImportReport,
    mark_already_registered,
    read_import,
    write_encrypted_export,
)
from dispatch.records.subscribers import (
    AudienceFilter,
    NewSubscriber,
    QuietHours,
    Status,
    Subscriber,
    SubscriberQuery,
    SubscriberRepository,
    Topics,
)
from dispatch.store import vault
from dispatch.store.database import Connection, Store, transaction
from dispatch.store.keys import check_password_strength

log = logging.getLogger(__name__)

SYSTEM_ACTOR = "system"
AUDIT_HEADERS = ("番号 (seq)", "日時 (UTC)", "実行者 (actor)", "操作 (action)", "対象 (target)",
                 "結果 (outcome)", "詳細 (detail)")  # fmt: skip


def initialise(
    data_dir: Path, admin_name: str, password: str, clock: Clock | None = None
) -> tuple[Session, str]:
    """Create a store with its first administrator; returns the session and the recovery key."""
    clock = clock or SystemClock()
    check_account_name(admin_name)
    check_password_strength(password)
    store, recovery_key = vault.create_store(data_dir, admin_name, password)
    connection = store.connection()
    with transaction(connection):
        account = AccountRepository(connection).add(admin_name, Role.ADMINISTRATOR, "", clock.now())
        AuditLog(connection, clock).append(
            admin_name, "store.init", detail={"store_id": store.store_id}
        )
    return Session(store, account, clock), recovery_key


def login(
    data_dir: Path,
    name: str,
    password: str,
    totp_code: str | None = None,
    clock: Clock | None = None,
) -> Session:
    """Unlock the store as ``name``. Wrong passwords and wrong TOTP codes both count towards
    the account's lock."""
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
    audit.append(name, "login", target=f"account:{name}")
    session = Session(store, account, clock)
    session.enrolment_only = enrolment_only
    return session


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
        keyfile = vault.load_keyfile(data_dir)
        slot = keyfile.new_account_slot(admin_name, new_password, store.data_key)
        vault.save_keyfile(store, keyfile.with_account(admin_name, slot))
        AuditLog(connection, clock).append(
            admin_name, "store.recover", target=f"account:{admin_name}"
        )
    return Session(store, accounts.get(admin_name), clock)


@dataclass(frozen=True)
class ImportOutcome:
    report: ImportReport
    added: int
    committed: bool


class Session:
    def __init__(self, store: Store, account: Account, clock: Clock) -> None:
        self.store = store
        self.account = account
        self.clock = clock
        #: True when TOTP is mandatory and this account has not enrolled yet.
        self.enrolment_only = False

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
        return permission in self.account.permissions and not self.enrolment_only

    def require(self, permission: Permission, action: str, target: str = "") -> None:
        if self.enrolment_only:
            raise TotpEnrolmentRequired(
                "TOTP is mandatory for every account: enrol first with "
                "'kishomail accounts totp enable' and 'accounts totp confirm CODE'."
            )
        if permission not in self.account.permissions:
            self.audit_log.append(
                self.account.name,
                action,
                target=target,
                outcome="denied",
                detail={"role": str(self.account.role)},
            )
            raise PermissionDenied(
                f"Your role ({self.account.role}) may not {permission.value}. Ask a colleague "
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

    def _now(self) -> Any:
        return self.clock.now()

    # ---- accounts -------------------------------------------------------------------------

    def list_accounts(self) -> list[Account]:
        self.require(Permission.MANAGE_ACCOUNTS, "account.list")
        return AccountRepository(self.connection).list()

    def add_account(self, name: str, role: Role, password: str, display_name: str = "") -> Account:
        self.require(Permission.MANAGE_ACCOUNTS, "account.add", f"account:{name}")
        check_account_name(name)
        keyfile = vault.load_keyfile(self.store.data_dir)
        if name in keyfile.accounts:
            raise Conflict(f"An account named {name} exists already; choose another name.")
        slot = keyfile.new_account_slot(name, password, self.store.data_key)
        with self.audited("account.add", f"account:{name}", role=str(role)):
            account = AccountRepository(self.connection).add(name, role, display_name, self._now())
            vault.save_keyfile(self.store, keyfile.with_account(name, slot))
        return account

    def deactivate_account(self, name: str) -> None:
        """Staff transfer: the account's key slot is removed, so its password opens nothing."""
        self.require(Permission.MANAGE_ACCOUNTS, "account.deactivate", f"account:{name}")
        accounts = AccountRepository(self.connection)
        account = accounts.get(name)
        if not account.active:
            raise Conflict(f"Account {name} is already deactivated.")
        if account.role is Role.ADMINISTRATOR and accounts.count_active_administrators() <= 1:
            raise Conflict(
                f"{name} is the last active administrator; add another administrator first."
            )
        keyfile = vault.load_keyfile(self.store.data_dir)
        with self.audited("account.deactivate", f"account:{name}"):
            accounts.set_active(name, False, self._now())
            vault.save_keyfile(self.store, keyfile.without_account(name))

    def reactivate_account(self, name: str, password: str) -> None:
        self.require(Permission.MANAGE_ACCOUNTS, "account.reactivate", f"account:{name}")
        accounts = AccountRepository(self.connection)
        if accounts.get(name).active:
            raise Conflict(f"Account {name} is active already.")
        keyfile = vault.load_keyfile(self.store.data_dir)
        slot = keyfile.new_account_slot(name, password, self.store.data_key)
        with self.audited("account.reactivate", f"account:{name}"):
            accounts.set_active(name, True, self._now())
            accounts.password_changed(name, self._now())
            vault.save_keyfile(self.store, keyfile.with_account(name, slot))

    def set_role(self, name: str, role: Role) -> None:
        self.require(Permission.MANAGE_ACCOUNTS, "account.role", f"account:{name}")
        accounts = AccountRepository(self.connection)
        account = accounts.get(name)
        if (
            account.role is Role.ADMINISTRATOR
            and role is not Role.ADMINISTRATOR
            and accounts.count_active_administrators() <= 1
        ):
            raise Conflict(f"{name} is the last active administrator; add another one first.")
        with self.audited("account.role", f"account:{name}", old=str(account.role), new=str(role)):
            accounts.set_role(name, role)

    def change_own_password(self, old_password: str, new_password: str) -> None:
        """Rewrap this person's key with the new password."""
        name = self.account.name
        keyfile = vault.load_keyfile(self.store.data_dir)
        rewrapped = keyfile.rewrapped(name, old_password, new_password)
        with self.audited("account.password", f"account:{name}"):
            AccountRepository(self.connection).password_changed(name, self._now())
            vault.save_keyfile(self.store, rewrapped)

    def reset_password(self, name: str, new_password: str) -> None:
        """An administrator sets a new password for someone who forgot theirs (a new key pair;
        the old password opens nothing)."""
        self.require(Permission.MANAGE_ACCOUNTS, "account.password_reset", f"account:{name}")
        accounts = AccountRepository(self.connection)
        if not accounts.get(name).active:
            raise Conflict(f"Account {name} is deactivated; reactivate it instead.")
        keyfile = vault.load_keyfile(self.store.data_dir)
        slot = keyfile.new_account_slot(name, new_password, self.store.data_key)
        with self.audited("account.password_reset", f"account:{name}"):
            accounts.password_changed(name, self._now())
            vault.save_keyfile(self.store, keyfile.with_account(name, slot))

    def start_totp(self, name: str | None = None) -> str:
        """Begin TOTP enrolment (for oneself, or by an administrator for someone); returns the
        ``otpauth://`` URI to show once as text or QR code."""
        name = name or self.account.name
        if name != self.account.name:
            self.require(Permission.MANAGE_ACCOUNTS, "account.totp.enable", f"account:{name}")
        with self.audited("account.totp.enable", f"account:{name}"):
            return AccountRepository(self.connection).start_totp_enrolment(name)

    def confirm_totp(self, code: str, name: str | None = None) -> None:
        name = name or self.account.name
        if name != self.account.name:
            self.require(Permission.MANAGE_ACCOUNTS, "account.totp.confirm", f"account:{name}")
        with self.audited("account.totp.confirm", f"account:{name}"):
            AccountRepository(self.connection).confirm_totp_enrolment(name, code, self._now())
        if name == self.account.name:
            self.enrolment_only = False
            self.account = AccountRepository(self.connection).get(name)

    def disable_totp(self, name: str) -> None:
        self.require(Permission.MANAGE_ACCOUNTS, "account.totp.disable", f"account:{name}")
        with self.audited("account.totp.disable", f"account:{name}"):
            AccountRepository(self.connection).disable_totp(name)

    # ---- settings and keys ----------------------------------------------------------------

    def get_setting(self, name: str) -> Any:
        """A setting's value; a secret one only says whether it is set."""
        value = get_setting(self.connection, name)
        if DECLARED[name].secret:
            return "(set)" if value else "(not set)"
        return value

    def change_setting(self, name: str, value: Any) -> Any:
        self.require(Permission.MANAGE_SETTINGS, "settings.change", f"setting:{name}")
        with self.audited("settings.change", f"setting:{name}") as detail:
            checked = set_setting(self.connection, name, value)
            if DECLARED[name].secret:
                detail["value"] = "(secret)"
            elif "@" in str(checked):  # an office address: the audit log never holds one
                detail["value"] = "(an address, not logged)"
            else:
                detail["value"] = checked
        return checked

    def rekey(self) -> None:
        """Re-encrypt the store under a new data key (after a suspected leak)."""
        self.require(Permission.MANAGE_KEYS, "store.rekey")
        vault.rekey(self.store)
        self.audit_log.append(self.account.name, "store.rekey")

    # ---- subscribers ----------------------------------------------------------------------

    def _subscribers(self) -> SubscriberRepository:
        return SubscriberRepository(self.connection)

    def add_subscriber(self, new: NewSubscriber) -> Subscriber:
        self.require(Permission.WRITE_SUBSCRIBERS, "subscriber.add")
        with self.audited("subscriber.add") as detail:
            subscriber_id = self._subscribers().add(new, self._now())
            detail.update(id=subscriber_id, topics=new.topics.names(), channel=str(new.channel))
        return self._subscribers().get(subscriber_id)

    def get_subscriber(self, subscriber_id: int) -> Subscriber:
        target = f"subscriber:{subscriber_id}"
        self.require(Permission.READ_SUBSCRIBERS, "subscriber.view", target)
        with self.audited("subscriber.view", target):
            return self._subscribers().get(subscriber_id)

    def find_subscriber(self, email: str) -> Subscriber | None:
        self.require(Permission.READ_SUBSCRIBERS, "subscriber.view")
        found = self._subscribers().find_by_email(email)
        target = f"subscriber:{found.id}" if found else ""
        self.audit_log.append(
            self.account.name, "subscriber.view", target=target,
            outcome="ok" if found else "not found",
        )  # fmt: skip
        return found

    def change_subscriber(
        self,
        subscriber_id: int,
        *,
        topics: Topics | None = None,
        language: Language | None = None,
        charset: Charset | None = None,
        quiet_hours: QuietHours | None = None,
        clear_quiet_hours: bool = False,
        status: Status | None = None,
    ) -> Subscriber:
        target = f"subscriber:{subscriber_id}"
        self.require(Permission.WRITE_SUBSCRIBERS, "subscriber.change", target)
        with self.audited("subscriber.change", target) as detail:
            before = self._subscribers().get(subscriber_id)
            after = self._subscribers().change(
                subscriber_id,
                self._now(),
                topics=topics,
                language=language,
                charset=charset,
                quiet_hours=quiet_hours,
                clear_quiet_hours=clear_quiet_hours,
                status=status,
            )
            detail["changed"] = sorted(
                key
                for key, value in after.as_dict().items()
                if key not in ("updated_at",) and before.as_dict()[key] != value
            )
        return after

    def unsubscribe(self, subscriber_id: int) -> Subscriber:
        return self.change_subscriber(subscriber_id, status=Status.UNSUBSCRIBED)

    def delete_subscriber(self, subscriber_id: int, reason: str = "requested") -> int:
        """Erase the subscriber; returns the erasure record's id."""
        target = f"subscriber:{subscriber_id}"
        self.require(Permission.WRITE_SUBSCRIBERS, "subscriber.delete", target)
        with self.audited("subscriber.delete", target, reason=reason) as detail:
            erasure_id = self._subscribers().erase(
                subscriber_id, self._now(), self.account.name, reason
            )
            detail["erasure"] = erasure_id
        return erasure_id

    def list_subscribers(self, query: SubscriberQuery) -> list[Subscriber]:
        self.require(Permission.READ_SUBSCRIBERS, "subscriber.list")
        found = self._subscribers().search(query)
        self.audit_log.append(
            self.account.name,
            "subscriber.list",
            detail={"shown": len(found), **_query_detail(query)},
        )
        return found

    def count_subscribers(self, query: SubscriberQuery | None = None) -> int:
        if not self.can(Permission.COUNT_AUDIENCE):
            self.require(Permission.READ_SUBSCRIBERS, "subscriber.count")
        return self._subscribers().count(query)

    def count_by_topic(self) -> dict[str, int]:
        if not (self.can(Permission.COUNT_AUDIENCE) or self.can(Permission.READ_STATISTICS)):
            self.require(Permission.READ_STATISTICS, "subscriber.count")
        return self._subscribers().count_by_topic()

    def audience_size(self, wanted: AudienceFilter) -> int:
        self.require(Permission.COUNT_AUDIENCE, "subscriber.audience")
        return len(self._subscribers().audience(wanted))

    def check_import(self, path: Path) -> ImportReport:
        """The dry run: what an import of ``path`` would do, changing nothing."""
        self.require(Permission.WRITE_SUBSCRIBERS, "subscriber.import")
        report = read_import(path, self._now())
        registered = self._subscribers().existing_emails(n.email for n in report.to_add)
        mark_already_registered(report, registered)
        return report

    def import_subscribers(self, path: Path, *, dry_run: bool = False) -> ImportOutcome:
        """All or nothing: with any bad row nothing is imported."""
        report = self.check_import(path)
        if dry_run or not report.ok:
            self.audit_log.append(
                self.account.name,
                "subscriber.import",
                outcome="dry run" if dry_run else "refused: bad rows",
                detail=_import_detail(report),
            )
            return ImportOutcome(report, 0, False)
        with self.audited("subscriber.import", **_import_detail(report)) as detail:
            added = self._subscribers().add_many(report.to_add, self._now())
            detail["added"] = added
        return ImportOutcome(report, added, True)

    def export_subscribers(
        self, out: Path, query: SubscriberQuery | None = None
    ) -> tuple[str, int]:
        """Write an encrypted ZIP; returns the password (show it once) and the row count."""
        self.require(Permission.EXPORT_SUBSCRIBERS, "subscriber.export")
        subscribers = self._subscribers().iter_search(query or SubscriberQuery())
        password, count = write_encrypted_export(out, subscribers)
        self.audit_log.append(
            self.account.name,
            "subscriber.export",
            detail={"rows": count, "file": out.name, **_query_detail(query or SubscriberQuery())},
        )
        return password, count

    # ---- audit ----------------------------------------------------------------------------

    def search_audit(self, query: AuditQuery) -> list[AuditEntry]:
        self.require(Permission.READ_AUDIT, "audit.search")
        return self.audit_log.search(query)

    def verify_audit(self) -> VerifyReport:
        self.require(Permission.READ_AUDIT, "audit.verify")
        report = self.audit_log.verify()
        self.audit_log.append(
            self.account.name,
            "audit.verify",
            outcome="ok" if report.ok else "problems found",
            detail={"checked": report.checked, "problems": len(report.problems)},
        )
        return report

    def export_audit(
        self, query: AuditQuery, *, xlsx: Path | None = None, csv: Path | None = None
    ) -> int:
        self.require(Permission.EXPORT_AUDIT, "audit.export")
        entries = self.audit_log.search(query)
        rows = [
            (e.seq, e.at, e.actor, e.action, e.target, e.outcome, _detail_text(e.detail))
            for e in entries
        ]
        if xlsx is not None:
            write_xlsx(xlsx, "監査ログ Audit log", AUDIT_HEADERS, rows)
        if csv is not None:
            write_csv(csv, AUDIT_HEADERS, rows)
        self.audit_log.append(
            self.account.name,
            "audit.export",
            detail={"rows": len(rows), "formats": [p.suffix for p in (xlsx, csv) if p]},
        )
        return len(rows)


def _detail_text(detail: Any) -> str:
    return json.dumps(detail, ensure_ascii=False, sort_keys=True) if detail else ""


def _query_detail(query: SubscriberQuery) -> dict[str, Any]:
    return {
        key: str(value)
        for key, value in (
            ("status", query.status),
            ("language", query.language),
            ("channel", query.channel),
            ("topic", query.topic),
            ("text_filter", "yes" if query.text else None),
        )
        if value is not None
    }


def _import_detail(report: ImportReport) -> dict[str, Any]:
    return {
        "rows": report.rows,
        "bad_rows": len(report.problems),
        "duplicates_in_file": len(report.duplicates_in_file),
        "already_registered": len(report.already_registered),
        "encoding": report.encoding,
    }
