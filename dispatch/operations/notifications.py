"""Staff notification contacts and the test notification.

Each staff account may have notification addresses (a duty phone, the office mailbox); the
engine mails its staff notifications there (:mod:`dispatch.engine.notifications`). They are
staff data, kept apart from the residents, and the audit log records which account's contacts
changed but never the address itself.
"""

from __future__ import annotations

from dispatch.engine.notifications import Kind
from dispatch.engine.staff_mail import Notice, NoticeReport, mail_notice
from dispatch.operations.declare import operation
from dispatch.operations.session import Session
from dispatch.records.accounts import AccountRepository, Permission
from dispatch.records.staff_contacts import StaffContact, StaffContacts, require_contacts


@operation(Permission.MANAGE_ACCOUNTS, "account.contact.add", target="account:{name}")
def add_contact(session: Session, name: str, address: str) -> StaffContact:
    AccountRepository(session.connection).get(name)
    contacts = StaffContacts(session.connection)
    with session.audited("account.contact.add", f"account:{name}") as detail:
        contact = contacts.add(name, address.strip(), session.clock.now())
        detail["contacts"] = len(contacts.listed(name))
    return contact


@operation(Permission.MANAGE_ACCOUNTS, "account.contact.remove", target="account:{name}")
def remove_contact(session: Session, name: str, address: str) -> None:
    contacts = StaffContacts(session.connection)
    with session.audited("account.contact.remove", f"account:{name}") as detail:
        contacts.remove(name, address.strip())
        detail["contacts"] = len(contacts.listed(name))


@operation(Permission.MANAGE_ACCOUNTS, "account.contact.list")
def list_contacts(session: Session, name: str | None = None) -> list[StaffContact]:
    if name is not None:
        AccountRepository(session.connection).get(name)
    return StaffContacts(session.connection).listed(name)


@operation(Permission.MANAGE_SETTINGS, "notify.test")
def send_test_notification(session: Session) -> NoticeReport:
    """One test notification to every staff contact, through the relay (or the second relay
    when the first fails); when no relay is set, into the local mailbox."""
    recipients = require_contacts(StaffContacts(session.connection).addresses(), "any account")
    notice = Notice(
        str(Kind.TEST),
        "試験通知 test notification",
        "気象メールからの試験通知です。このメールが届けば、職員への通知は届きます。\n"
        "This is a test notification from kishomail: staff notifications reach this "
        f"address.\nSent by {session.account.name}.",
    )
    return mail_notice(
        session.store,
        session.clock,
        notice,
        recipients,
        actor=session.account.name,
    )
