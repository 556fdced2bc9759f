"""Staff notification contacts: the addresses (a duty phone, the office mailbox) where the
engine mails staff notifications, per staff account.

They live in their own table, never joined with the residents' tables, and are never logged
(the audit log names the account, not the address). The whole store is SQLCipher-encrypted.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from dispatch.base.clock import to_iso
from dispatch.base.errors import Conflict, NotFound
from dispatch.mail.message import check_address
from dispatch.records.accounts import Role
from dispatch.store.database import Connection


@dataclass(frozen=True)
class StaffContact:
    account: str
    address: str
    added_at: str

    def as_dict(self) -> dict[str, str]:
        return {"account": self.account, "address": self.address, "added_at": self.added_at}


class StaffContacts:
    """Rows of ``staff_contacts``; the operations layer checks permissions and audits."""

    def __init__(self, connection: Connection) -> None:
        self._connection = connection

    def add(self, account: str, address: str, now: datetime) -> StaffContact:
        check_address("notification address", address)
        if address in {c.address for c in self.listed(account)}:
            raise Conflict(f"{account} has that notification address already.")
        self._connection.execute(
            "INSERT INTO staff_contacts (account, address, added_at) VALUES (?, ?, ?)",
            (account, address, to_iso(now)),
        )
        return StaffContact(account, address, to_iso(now))

    def remove(self, account: str, address: str) -> None:
        cursor = self._connection.execute(
            "DELETE FROM staff_contacts WHERE account = ? AND address = ?", (account, address)
        )
        if cursor.rowcount == 0:
            raise NotFound(f"{account} has no such notification address; see 'contact list'.")

    def listed(self, account: str | None = None) -> list[StaffContact]:
        query = "SELECT account, address, added_at FROM staff_contacts"
        rows = (
            self._connection.execute(query + " ORDER BY account, id")
            if account is None
            else self._connection.execute(query + " WHERE account = ? ORDER BY id", (account,))
        )
        return [StaffContact(*row) for row in rows]

    def addresses(self) -> list[str]:
        """Every contact address of an active account (for ``notify test``)."""
        rows = self._connection.execute(
            "SELECT DISTINCT c.address FROM staff_contacts c JOIN accounts a ON a.name = c.account"
            " WHERE a.active = 1 ORDER BY c.address"
        )
        return [row[0] for row in rows]

    def addresses_for(self, roles: Iterable[Role]) -> list[str]:
        """The contact addresses of the active accounts holding one of ``roles``."""
        wanted = sorted({str(role) for role in roles})
        if not wanted:
            return []
        marks = ", ".join("?" for _ in wanted)
        rows = self._connection.execute(
            "SELECT DISTINCT c.address FROM staff_contacts c JOIN accounts a ON a.name = c.account"
            f" WHERE a.active = 1 AND a.role IN ({marks}) ORDER BY c.address",
            wanted,
        )
        return [row[0] for row in rows]

    def is_staff_address(self, address: str) -> bool:
        row = self._connection.execute(
            "SELECT 1 FROM staff_contacts c JOIN accounts a ON a.name = c.account"
            " WHERE a.active = 1 AND lower(c.address) = lower(?)",
            (address,),
        ).fetchone()
        return row is not None

    def of_account(self, account: str) -> list[str]:
        return [c.address for c in self.listed(account)]


def require_contacts(addresses: list[str], what: str) -> list[str]:
    if not addresses:
        raise NotFound(
            f"No staff notification address for {what}: add one with "
            "'kishomail --user ADMIN accounts contact add NAME ADDRESS'."
        )
    return addresses
