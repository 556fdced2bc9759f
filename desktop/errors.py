"""Errors in words, and the crash handler.

Expected failures (the core's :class:`~dispatch.base.errors.KishomailError`) are shown where the
user looks, in plain words chosen by the error's ``code``. Anything else is a crash:
``sys.excepthook`` and ``threading.excepthook`` log the trace and ask the GUI thread to show
one dialog (none with ``--no-error-dialogs``).
"""

from __future__ import annotations

import logging
import re
import sys
import threading
import traceback
from types import TracebackType

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop.core_words import CoreWords
from dispatch.base.errors import KishomailError
from dispatch.base.paths import log_dir

log = logging.getLogger(__name__)

_SECONDS = re.compile(r"in (\d+) seconds")
#: The last unexpected error's trace, offered on the next start (then renamed to SEEN).
CRASH_FILE = "last-crash.txt"
CRASH_SEEN = "last-crash.seen.txt"


def save_crash(text: str) -> None:
    try:
        folder = log_dir()
        folder.mkdir(parents=True, exist_ok=True)
        (folder / CRASH_FILE).write_text(text, encoding="utf-8")
    except OSError:
        log.warning("the crash trace could not be saved")


def pending_crash() -> str | None:
    """The trace saved by the last run's crash, once: it is marked seen when read."""
    path = log_dir() / CRASH_FILE
    try:
        text = path.read_text(encoding="utf-8")
        path.replace(path.with_name(CRASH_SEEN))
    except OSError:
        return None
    return text


def locked_seconds(error: KishomailError) -> int | None:
    """The wait an ``auth.locked`` error names (the core says it only in its message)."""
    found = _SECONDS.search(error.message)
    return int(found.group(1)) if found else None


class ErrorWords(QObject):
    """The words for each error code, in the chosen language."""

    def describe(self, error: BaseException) -> str:
        if not isinstance(error, KishomailError):
            return self.tr("Something unexpected went wrong: %1").replace("%1", str(error))
        family = error.code.partition(".")[0]
        if family == "auth":
            return self._login_words(error)
        if family in ("keyfile", "store"):
            return self._store_words(error)
        if family == "smtp":
            return self._relay_words(error)
        if family == "backup":
            return self._backup_words(error)
        return self._action_words(error)

    def _login_words(self, error: KishomailError) -> str:
        code = error.code
        if code == "auth.wrong":
            return self.tr("The account name or the password is wrong. Check both and try again.")
        if code == "auth.locked":
            seconds = locked_seconds(error)
            if seconds is not None:
                return self.tr(
                    "This account is locked after too many failed logins. Try again in %n "
                    "second(s), or ask an administrator.",
                    "",
                    seconds,
                )
            return self.tr("This account is locked after too many failed logins.")
        if code == "auth.inactive":
            return self.tr(
                "This account has been deactivated. Ask an administrator to reactivate it."
            )
        if code == "auth.totp_required":
            return self.tr("Enter the 6-digit code from your authenticator app.")
        if code == "auth.totp_enrolment_required":
            return self.tr(
                "Two-step login is required for every account. Ask an administrator to set "
                "it up for you."
            )
        return error.message

    def _store_words(self, error: KishomailError) -> str:
        code = error.code
        if code == "keyfile.missing":
            return self.tr(
                "The key file (kishomail.keys) is missing from the data folder. Without it the "
                "data cannot be opened: restore the key file from your backup into that folder."
            )
        if code == "keyfile.damaged":
            return self.tr("The key file (kishomail.keys) is damaged. Restore it from a backup.")
        if code == "keyfile.busy":
            return self.tr(
                "Another kishomail program is changing the key file (a login, a password change "
                "or a re-encryption). Nothing was changed; try again when it has finished."
            )
        if code == "store.missing":
            return self.tr("There is no kishomail data in this folder.")
        if code == "store.foreign":
            return self.tr("This folder holds a database that is not kishomail's.")
        if code == "store.too_new":
            return self.tr("The data was written by a newer kishomail. Update this program.")
        if code == "store.busy":
            return self.tr(
                "The data is busy: another kishomail program has been writing to it for more "
                "than 10 seconds. Nothing was changed; try again in a minute."
            )
        if code == "store.full":
            return self.tr(
                "The data cannot be written: the disk is full (or the folder cannot be written). "
                "Nothing was changed. Free space on that disk and try again."
            )
        return error.message

    def _relay_words(self, error: KishomailError) -> str:
        """The relay's refusals and failures (the connection test, a staff notification):
        the code says which; the core's line names host and reply, for the log."""
        code = error.code
        if code == "smtp.tls.certificate":
            return self.tr(
                "The relay's certificate is not trusted or not made out to its host name. "
                "Check the host name and the CA file. Nothing was sent."
            )
        if code == "smtp.tls.missing":
            return self.tr(
                "The relay does not offer STARTTLS, so kishomail did not log in or send "
                "(never without encryption). Check the security choice and the port."
            )
        if code == "smtp.tls":
            return self.tr(
                "The encrypted connection to the relay failed. Check that the security "
                "choice (STARTTLS or implicit TLS) matches the port."
            )
        if code == "smtp.auth":
            return self.tr(
                "The relay refused the user name or the password. Check both in Settings."
            )
        return self.tr(
            "The relay could not be reached or refused the connection. Check the host name, "
            "the port and the network, and try again in a few minutes. Nothing was sent."
        )

    def _backup_words(self, error: KishomailError) -> str:
        if error.code == "backup.foreign":
            return self.tr(
                "This backup does not open with this data's key: it belongs to other data or "
                "was made before a key change. Choose another backup, or restore with the "
                "recovery key of that time (administrator manual). Nothing was changed."
            )
        return self.tr(
            "This backup is damaged or incomplete: it cannot be used. Choose another backup. "
            "Nothing was changed."
        )

    def _action_words(self, error: KishomailError) -> str:
        code = error.code
        if code == "permission":
            return self.tr("Your role may not do this. Ask a colleague with that role.")
        if code == "not_found":
            return self.tr("It no longer exists (someone may have deleted it).")
        said = CoreWords().say(error.message)
        if code == "conflict":
            return said or self.tr("This cannot be done now: %1").replace("%1", error.message)
        if code in ("invalid", "message.invalid_address", "message.header_injection"):
            return self.tr("Please check the input: %1").replace("%1", said or error.message)
        return said or error.message


def describe(error: BaseException) -> str:
    return ErrorWords().describe(error)


class CrashReporter(QObject):
    """Receives unexpected exceptions from any thread and shows one dialog at a time."""

    crashed = Signal(str)

    def __init__(self, dialogs: bool) -> None:
        super().__init__()
        self.dialogs = dialogs
        self.count = 0
        self._showing = False
        self.crashed.connect(self._show, Qt.ConnectionType.QueuedConnection)

    def report(
        self, kind: type[BaseException], value: BaseException, tb: TracebackType | None
    ) -> None:
        text = "".join(traceback.format_exception(kind, value, tb))
        log.error("unexpected error:\n%s", text)
        save_crash(text)
        self.count += 1
        self.crashed.emit(text)

    def _show(self, text: str) -> None:
        if not self.dialogs or self._showing or QApplication.instance() is None:
            return
        self._showing = True
        try:
            box = QMessageBox(
                QMessageBox.Icon.Critical,
                self.tr("kishomail: unexpected error"),
                self.tr(
                    "Something unexpected went wrong. The details are in the "
                    "log file in %1. The work in progress continues; if this "
                    "repeats, tell the system administrator."
                ).replace("%1", str(log_dir())),
            )
            box.setDetailedText(text)
            box.exec()
        finally:
            self._showing = False

    def install(self) -> None:
        sys.excepthook = self.report

        def thread_hook(args: threading.ExceptHookArgs) -> None:
            if args.exc_value is not None:
                self.report(args.exc_type, args.exc_value, args.exc_traceback)

        threading.excepthook = thread_hook
