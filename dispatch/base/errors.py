"""Typed errors of the core.

Every error a person can meet carries a stable ``code`` (the GUI turns codes into words in the
chosen language) and an English message that says what happened and what to do; the CLI prints
the message as one plain line. Messages never contain a password, a key or a subscriber's
address.
"""


class KishomailError(Exception):
    """Base of every expected failure of the core (not a crash)."""

    code = "error"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class StoreError(KishomailError):
    code = "store"


class StoreMissing(StoreError):
    code = "store.missing"


class StoreExists(StoreError):
    code = "store.exists"


class NotAKishomailDatabase(StoreError):
    code = "store.foreign"


class StoreTooNew(StoreError):
    code = "store.too_new"


class StoreBusy(StoreError):
    """Another program held the database's write lock longer than the busy timeout (10 s)."""

    code = "store.busy"


class StoreFull(StoreError):
    """The disk holding the store is full, or its files cannot be written."""

    code = "store.full"


class KeyFileError(StoreError):
    code = "keyfile"


class KeyFileMissing(KeyFileError):
    code = "keyfile.missing"


class KeyFileDamaged(KeyFileError):
    code = "keyfile.damaged"


class KeyFileBusy(KeyFileError):
    """Another program kept the key file's lock for too long."""

    code = "keyfile.busy"


class AuthError(KishomailError):
    code = "auth"


class WrongCredentials(AuthError):
    code = "auth.wrong"


class AccountLocked(AuthError):
    code = "auth.locked"


class AccountInactive(AuthError):
    code = "auth.inactive"


class TotpRequired(AuthError):
    code = "auth.totp_required"


class TotpEnrolmentRequired(AuthError):
    code = "auth.totp_enrolment_required"


class PasswordChangeRequired(AuthError):
    """The password was set by an administrator: its owner changes it before anything else."""

    code = "auth.password_change_required"


class PermissionDenied(KishomailError):
    code = "permission"


class ValidationError(KishomailError):
    code = "invalid"


class NotFound(KishomailError):
    code = "not_found"


class Conflict(KishomailError):
    code = "conflict"
