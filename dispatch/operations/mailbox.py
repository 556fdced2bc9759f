"""The local mailbox: what the embedded sink received while no relay was set.

Its messages are addressed to residents, so the rule is the one for seeing subscribers:
``READ_SUBSCRIBERS`` lists and reads it (operators; in the demo store, the demo account). The CLI
and the desktop both come here, so there is one rule, and every look is in the audit log
(the message's id, never an address). The messages are in the encrypted store
(``dispatch.records.mailbox``); a mailbox an older version kept as plain files is moved in
the first time it is listed.
"""

from __future__ import annotations

from dispatch.base.errors import NotFound
from dispatch.mail.sink import MailboxEntry as MailboxEntry  # the page shows these
from dispatch.operations.declare import operation
from dispatch.operations.session import Session
from dispatch.records import mailbox
from dispatch.records.accounts import Permission


@operation(Permission.READ_SUBSCRIBERS, "mailbox.list")
def list_local_mailbox(session: Session) -> list[MailboxEntry]:
    mailbox.adopt_plaintext_mailbox(session.connection, session.store.data_dir)
    entries = mailbox.list_messages(session.connection)
    session.audit_log.append(session.account.name, "mailbox.list", detail={"shown": len(entries)})
    return entries


@operation(Permission.READ_SUBSCRIBERS, "mailbox.show", target="mailbox:{message_id}")
def read_local_message(session: Session, message_id: str) -> bytes:
    """One message as the sink received it (its raw bytes)."""
    raw = mailbox.read_message(session.connection, message_id)
    if raw is None:
        raise NotFound(
            f"There is no message {message_id} in the local mailbox "
            "('kishomail mailbox list' shows what there is)."
        )
    session.audit_log.append(session.account.name, "mailbox.show", target=f"mailbox:{message_id}")
    return raw
