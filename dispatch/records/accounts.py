"""Staff accounts, their roles and what each role may do (R4.2, R4.3).

Passwords live nowhere in the database: an account's password opens its slot in the key file
(:mod:`dispatch.store.keys`). The database holds who the account is, its role, whether it is
active and its TOTP secret (encrypted at rest with the rest of the store).
"""

from __future__ import annotations

import base64
import re
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import Enum, StrEnum
from typing import Any

from cryptography.hazmat.primitives.hashes import SHA1
from cryptography.hazmat.primitives.twofactor import InvalidToken
from cryptography.hazmat.primitives.twofactor.totp import TOTP

from dispatch.base.clock import to_iso
from dispatch.base.errors import Conflict, NotFound, ValidationError
from dispatch.store.database import Connection


class Role(StrEnum):
    ADMINISTRATOR = "administrator"  # accounts, settings, keys
    OPERATOR = "operator"  # subscribers, templates
    DUTY_OFFICER = "duty_officer"  # compose, approve and send manual alerts
    AUDITOR = "auditor"  # reads the audit log and statistics, nothing else


class Permission(Enum):
    MANAGE_ACCOUNTS = "manage accounts"
    MANAGE_SETTINGS = "change settings"
    MANAGE_KEYS = "change the store's keys"
    READ_SUBSCRIBERS = "see subscribers"
    WRITE_SUBSCRIBERS = "add, change or delete subscribers"
    EXPORT_SUBSCRIBERS = "export subscribers' personal data"
    APPROVE_EXPORTS = "approve another person's export of personal data"
    COUNT_AUDIENCE = "count an alert's audience"
    MANAGE_TEMPLATES = "edit mail templates"
    COMPOSE_ALERTS = "compose manual alerts"
    APPROVE_ALERTS = "approve manual alerts"
    SEND_ALERTS = "send manual alerts"
    READ_AUDIT = "read the audit log"
    EXPORT_AUDIT = "export the audit log"
    READ_STATISTICS = "read statistics"
    RUN_SERVICE = "run the dispatch service"
    RUN_CHECKS = "run the installation checks (doctor) for monitoring"


ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.ADMINISTRATOR: frozenset(
        {
            Permission.MANAGE_ACCOUNTS,
            Permission.MANAGE_SETTINGS,
            Permission.MANAGE_KEYS,
            Permission.APPROVE_EXPORTS,
            Permission.READ_AUDIT,
            Permission.EXPORT_AUDIT,
            Permission.READ_STATISTICS,
            Permission.RUN_SERVICE,
        }
    ),
    Role.OPERATOR: frozenset(
        {
            Permission.READ_SUBSCRIBERS,
            Permission.WRITE_SUBSCRIBERS,
            Permission.EXPORT_SUBSCRIBERS,
            Permission.COUNT_AUDIENCE,
            Permission.MANAGE_TEMPLATES,
            Permission.READ_STATISTICS,
            Permission.RUN_SERVICE,
        }
    ),
    Role.DUTY_OFFICER: frozenset(
        {
            Permission.COMPOSE_ALERTS,
            Permission.APPROVE_ALERTS,
            Permission.SEND_ALERTS,
            Permission.COUNT_AUDIENCE,
            Permission.READ_STATISTICS,
            Permission.RUN_SERVICE,
        }
    ),
    Role.AUDITOR: frozenset(
        {Permission.READ_AUDIT, Permission.EXPORT_AUDIT, Permission.READ_STATISTICS}
    ),
}

#: The audit log's actor for the installed engine (``kishomail service run``), which opens the
#: store with the machine's service slot instead of a person's password.
SERVICE_ACTOR = "service"
#: Only what the engine needs: it cannot export, list subscribers for a person, approve alerts
#: or change accounts, settings or keys.
SERVICE_PERMISSIONS: frozenset[Permission] = frozenset(
    {Permission.RUN_SERVICE, Permission.RUN_CHECKS}
)
#: Names no staff account may take: they are the actors of the engine in the audit log.
RESERVED_NAMES = frozenset({SERVICE_ACTOR, "system"})

_NAME = re.compile(r"^[a-z][a-z0-9._-]{1,31}$")
TOTP_DIGITS = 6
TOTP_STEP_SECONDS = 30
TOTP_ISSUER = "kishomail"


def parse_role(text: str) -> Role:
    aliases = {
        "admin": Role.ADMINISTRATOR,
        "duty": Role.DUTY_OFFICER,
        "duty-officer": Role.DUTY_OFFICER,
    }
    try:
        return aliases[text] if text in aliases else Role(text)
    except ValueError:
        raise ValidationError(
            f"Unknown role {text!r}; choose from {', '.join(r.value for r in Role)}."
        ) from None


def check_account_name(name: str) -> str:
    if not _NAME.match(name):
        raise ValidationError(
            "An account name is 2–32 characters: lower-case letters, digits, '.', '_' or '-', "
            "starting with a letter (e.g. 'tanaka' or 'sato.h')."
        )
    if name in RESERVED_NAMES:
        raise ValidationError(
            f"'{name}' is the name the engine uses in the audit log; choose another name."
        )
    return name


@dataclass(frozen=True)
class Account:
    id: int
    name: str
    display_name: str
    role: Role
    active: bool
    totp_enabled: bool
    created_at: str
    password_changed_at: str
    deactivated_at: str | None
    #: Set by an administrator (a new account, a reset): its owner must change it first.
    password_temporary: bool = False

    @property
    def permissions(self) -> frozenset[Permission]:
        return ROLE_PERMISSIONS[self.role] if self.active else frozenset()

    def as_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "display_name": self.display_name,
            "role": str(self.role),
            "active": self.active,
            "totp": self.totp_enabled,
            "created_at": self.created_at,
            "password_changed_at": self.password_changed_at,
            "deactivated_at": self.deactivated_at,
            "password_temporary": self.password_temporary,
        }


@dataclass(frozen=True)
class ServiceAccount(Account):
    """The installed engine as an actor: not a row of ``accounts``, no role's permissions."""

    @property
    def permissions(self) -> frozenset[Permission]:
        return SERVICE_PERMISSIONS


def service_account(now: str) -> ServiceAccount:
    return ServiceAccount(
        id=0,
        name=SERVICE_ACTOR,
        display_name="kishomail service",
        role=Role.AUDITOR,  # unused: ``permissions`` above decides
        active=True,
        totp_enabled=False,
        created_at=now,
        password_changed_at=now,
        deactivated_at=None,
    )


_COLUMNS = (
    "id, name, display_name, role, active, totp_secret IS NOT NULL, created_at, "
    "password_changed_at, deactivated_at, password_temporary"
)


def _from_row(row: Sequence[Any]) -> Account:
    return Account(
        id=row[0],
        name=row[1],
        display_name=row[2],
        role=Role(row[3]),
        active=bool(row[4]),
        totp_enabled=bool(row[5]),
        created_at=row[6],
        password_changed_at=row[7],
        deactivated_at=row[8],
        password_temporary=bool(row[9]),
    )


class AccountRepository:
    """Rows of the ``accounts`` table; the session layer checks permissions and audits."""

    def __init__(self, connection: Connection) -> None:
        self._connection = connection

    def add(self, name: str, role: Role, display_name: str, now: datetime) -> Account:
        check_account_name(name)
        if self.find(name) is not None:
            raise Conflict(f"An account named {name} exists already; choose another name.")
        stamp = to_iso(now)
        self._connection.execute(
            "INSERT INTO accounts (name, display_name, role, created_at, password_changed_at) "
            "VALUES (?, ?, ?, ?, ?)",
            (name, display_name, str(role), stamp, stamp),
        )
        return self.get(name)

    def find(self, name: str) -> Account | None:
        row = self._connection.execute(
            f"SELECT {_COLUMNS} FROM accounts WHERE name = ?", (name,)
        ).fetchone()
        return None if row is None else _from_row(row)

    def get(self, name: str) -> Account:
        account = self.find(name)
        if account is None:
            raise NotFound(f"There is no account named {name}.")
        return account

    def list(self) -> list[Account]:
        rows = self._connection.execute(f"SELECT {_COLUMNS} FROM accounts ORDER BY name")
        return [_from_row(row) for row in rows]

    def count_active_administrators(self) -> int:
        return int(
            self._connection.execute(
                "SELECT count(*) FROM accounts WHERE role = 'administrator' AND active = 1"
            ).fetchone()[0]
        )

    def set_active(self, name: str, active: bool, now: datetime) -> None:
        self._connection.execute(
            "UPDATE accounts SET active = ?, deactivated_at = ? WHERE name = ?",
            (int(active), None if active else to_iso(now), name),
        )

    def set_role(self, name: str, role: Role) -> None:
        self._connection.execute("UPDATE accounts SET role = ? WHERE name = ?", (str(role), name))

    def password_changed(self, name: str, now: datetime, *, temporary: bool = False) -> None:
        """``temporary``: an administrator set it, so its owner must change it first."""
        self._connection.execute(
            "UPDATE accounts SET password_changed_at = ?, password_temporary = ? WHERE name = ?",
            (to_iso(now), int(temporary), name),
        )

    # ---- TOTP (RFC 6238) ------------------------------------------------------------------

    def start_totp_enrolment(self, name: str) -> str:
        """Store a new pending secret and return its ``otpauth://`` URI for the phone app."""
        secret = secrets.token_bytes(20)
        self._connection.execute(
            "UPDATE accounts SET totp_pending_secret = ? WHERE name = ?", (secret, name)
        )
        return _totp(secret).get_provisioning_uri(name, TOTP_ISSUER)

    def confirm_totp_enrolment(self, name: str, code: str, now: datetime) -> None:
        row = self._connection.execute(
            "SELECT totp_pending_secret FROM accounts WHERE name = ?", (name,)
        ).fetchone()
        if row is None or row[0] is None:
            raise ValidationError(
                "There is no TOTP enrolment to confirm; start one with 'accounts totp enable'."
            )
        step = _matching_step(row[0], code, now)
        if step is None:
            raise ValidationError(
                "That code does not match the new secret. Check the phone's clock and try the "
                "next code."
            )
        self._connection.execute(
            "UPDATE accounts SET totp_secret = totp_pending_secret, totp_pending_secret = NULL, "
            "totp_last_step = ? WHERE name = ?",
            (step, name),
        )

    def enrol_totp(self, name: str, first: FirstTotp, now: datetime) -> None:
        """Enrol ``name`` with a secret made before the account existed (the first
        administrator, at set-up), once its code has been checked."""
        step = first.step(now)
        self._connection.execute(
            "UPDATE accounts SET totp_secret = ?, totp_pending_secret = NULL, totp_last_step = ? "
            "WHERE name = ?",
            (first.secret, step, name),
        )

    def disable_totp(self, name: str) -> None:
        self._connection.execute(
            "UPDATE accounts SET totp_secret = NULL, totp_pending_secret = NULL, "
            "totp_last_step = 0 WHERE name = ?",
            (name,),
        )

    def check_totp(self, name: str, code: str, now: datetime) -> bool:
        """True for a valid code not used before (a code is good once: no replay)."""
        row = self._connection.execute(
            "SELECT totp_secret, totp_last_step FROM accounts WHERE name = ?", (name,)
        ).fetchone()
        if row is None or row[0] is None:
            return False
        step = _matching_step(row[0], code, now)
        if step is None or step <= row[1]:
            return False
        self._connection.execute(
            "UPDATE accounts SET totp_last_step = ? WHERE name = ?", (step, name)
        )
        return True


@dataclass(frozen=True, repr=False)
class FirstTotp:
    """The first administrator's TOTP secret, made before the store exists, and the code the
    person read from the authenticator app after adding it."""

    name: str
    secret: bytes
    code: str = ""

    @property
    def uri(self) -> str:
        """The ``otpauth://`` URI the authenticator app adds (as a QR code or typed)."""
        return _totp(self.secret).get_provisioning_uri(self.name, TOTP_ISSUER)

    @property
    def secret_text(self) -> str:
        """The secret in base32, in groups of four, for typing into the app by hand."""
        text = base64.b32encode(self.secret).decode("ascii").rstrip("=")
        return " ".join(text[i : i + 4] for i in range(0, len(text), 4))

    def with_code(self, code: str) -> FirstTotp:
        return FirstTotp(self.name, self.secret, code)

    def step(self, now: datetime) -> int:
        """The code's time step; refused when it does not match the secret."""
        step = _matching_step(self.secret, self.code, now)
        if step is None:
            raise ValidationError(
                "That code does not match the new secret. Check the phone's clock and enter "
                "the code the authenticator app shows now."
            )
        return step


def new_first_totp(name: str) -> FirstTotp:
    """A fresh TOTP secret for the first administrator ``name``."""
    return FirstTotp(name, secrets.token_bytes(20))


def _totp(secret: bytes) -> TOTP:
    # SHA-1 is what RFC 6238 and every authenticator app use; HMAC-SHA1 is not broken.
    algorithm = SHA1()  # noqa: S303
    return TOTP(secret, TOTP_DIGITS, algorithm, TOTP_STEP_SECONDS, enforce_key_length=False)


def _matching_step(secret: bytes, code: str, now: datetime) -> int | None:
    """The time step ``code`` belongs to, allowing one step of clock drift either way."""
    code = code.strip().replace(" ", "")
    if not code.isdigit() or len(code) != TOTP_DIGITS:
        return None
    totp = _totp(secret)
    current = int(now.timestamp()) // TOTP_STEP_SECONDS
    for step in (current, current - 1, current + 1):
        try:
            totp.verify(code.encode("ascii"), step * TOTP_STEP_SECONDS)
        except InvalidToken:
            continue
        return step
    return None


def totp_code(secret_uri: str, now: datetime) -> str:
    """The current code for an ``otpauth://`` URI (tests and the demo use it)."""
    match = re.search(r"secret=([A-Z2-7]+)", secret_uri)
    if match is None:
        raise ValidationError("Not an otpauth URI with a secret.")
    text = match.group(1)
    secret = base64.b32decode(text + "=" * (-len(text) % 8))
    return _totp(secret).generate(now.timestamp()).decode("ascii")
