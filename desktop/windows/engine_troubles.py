"""The dashboard's words for the engine's troubles that need a person: the relay cannot be
used, the daily backup failed, a staff notification reached nobody's phone.

Kept in the dashboard's translation context (``DashboardPage``)."""

from __future__ import annotations

from typing import assert_never

from PySide6.QtCore import QCoreApplication

from dispatch.engine.events import BackupFailed, RelayFailed, StaffNoticeFailed

Trouble = RelayFailed | BackupFailed | StaffNoticeFailed


def trouble_words(event: Trouble) -> str:
    """What happened and what to do, for the banner."""
    match event:
        case RelayFailed():
            return QCoreApplication.translate(
                "DashboardPage",
                "The mail relay could not be used; sending is retried in a minute. (%1)",
            ).replace("%1", event.message)
        case BackupFailed():
            return QCoreApplication.translate(
                "DashboardPage",
                "The daily backup failed: no new backup was made. Check the backup folder and "
                'its disk, then press "Back up now" (tab "Settings"). (%1)',
            ).replace("%1", event.message)
        case StaffNoticeFailed():
            return (
                QCoreApplication.translate(
                    "DashboardPage",
                    "A staff notification did not reach the duty phones: 「%1」 reached %2 of %3 "
                    "contacts (relay and second relay failed). Check the mail relay, and tell "
                    "the duty officers by telephone.",
                )
                .replace("%1", event.subject)
                .replace("%2", str(event.accepted))
                .replace("%3", str(event.contacts))
            )
        case _:
            assert_never(event)
