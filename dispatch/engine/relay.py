"""Where mail goes: the office's relay, or — when none is set — the embedded local mailbox.

This is the one place that choice is made. The engine, the registration service, a manual
alert's test mail, the relay test and ``doctor`` all take their way out from here, so "no relay
configured" means the same everywhere: mail lands in ``<data folder>/mailsink/mailbox`` and
reaches nobody.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dispatch.mail.sink import MailSink
from dispatch.mail.smtp import MailTransport, Security, SmtpSettings
from dispatch.records.settings import DECLARED, setting
from dispatch.store.database import Connection

log = logging.getLogger(__name__)

#: The embedded sink's folder inside the data folder; its messages are in ``mailbox/``.
SINK_FOLDER = "mailsink"


def mailbox_folder(data_dir: Path) -> Path:
    """The local mailbox: what would have gone out while no relay was set."""
    return data_dir / SINK_FOLDER / "mailbox"


def _relay(
    connection: Connection,
    prefix: str,
    typed: Mapping[str, Any] | None = None,
    **more: Any,
) -> SmtpSettings | None:
    """A relay from the settings ``{prefix}host``, ``port``, ``security``, ``username``,
    ``password`` and ``cafile``; ``None`` when no host is set. ``typed`` values (checked as
    :func:`set_setting` checks them) stand in for the stored ones: a relay test of what is
    typed in Settings before it is saved."""

    def value(name: str) -> Any:
        if typed is not None and name in typed:
            return DECLARED[name].check(typed[name])
        return setting(connection, name)

    host = value(f"{prefix}host")
    if not host:
        return None
    username = value(f"{prefix}username") or None
    cafile = value(f"{prefix}cafile")
    return SmtpSettings(
        host=host,
        port=value(f"{prefix}port"),
        security=Security(value(f"{prefix}security")),
        username=username,
        password=value(f"{prefix}password") if username else None,
        cafile=Path(cafile) if cafile else None,
        **more,
    )


def relay_settings(
    connection: Connection, typed: Mapping[str, Any] | None = None
) -> SmtpSettings | None:
    """The configured relay (with ``typed`` values in place of stored ones), or ``None`` for
    the embedded sink."""
    max_rate = setting(connection, "smtp.max_rate")
    return _relay(
        connection,
        "smtp.",
        typed,
        connections=setting(connection, "smtp.connections"),
        max_rate=float(max_rate) if max_rate else None,
    )


@dataclass
class Outgoing:
    """The relay's settings to send with, and the embedded sink when it stands in for one."""

    settings: SmtpSettings
    sink: MailSink | None

    def transport(self) -> MailTransport:
        return MailTransport(self.settings)

    def close(self) -> None:
        if self.sink is not None:
            self.sink.stop()


def outgoing(connection: Connection, data_dir: Path, *, purpose: str = "mail") -> Outgoing:
    """The relay, or a started embedded sink when no relay is set (``close()`` stops it)."""
    relay = relay_settings(connection)
    if relay is not None:
        return Outgoing(relay, None)
    sink = MailSink(data_dir / SINK_FOLDER)
    sink.start()
    log.info("no relay configured: %s goes to the embedded local mailbox only", purpose)
    return Outgoing(sink.smtp_settings(), sink)


def fallback_relay_settings(connection: Connection) -> SmtpSettings | None:
    """The second relay staff notifications use when the first fails, or ``None``."""
    return _relay(connection, "notify.fallback_", connections=1, retries=1)
