"""Where mail goes: the office's relay, or — when none is set — the embedded local mailbox.

This is the one place that choice is made. The engine, the registration service, a manual
alert's test mail, the relay test and ``doctor`` all take their way out from here, so "no relay
configured" means the same everywhere: mail lands in the local mailbox, kept in the encrypted
store (``dispatch.records.mailbox``), and reaches nobody.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dispatch.mail.sink import MailSink
from dispatch.mail.smtp import MailTransport, Security, SmtpSettings, policies_from_json
from dispatch.records.mailbox import StoreKeeper, adopt_plaintext_mailbox
from dispatch.records.settings import DECLARED, setting
from dispatch.store.database import Connection, Store

log = logging.getLogger(__name__)

#: The embedded sink's folder inside the data folder: its TLS files (its messages are in the
#: store; an older version's plain ``mailbox/`` here is moved in on first open).
SINK_FOLDER = "mailsink"


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
        domain_policies=policies_from_json(setting(connection, "smtp.carrier_groups")),
        backoff_floor=float(setting(connection, "smtp.backoff_floor")),
        backoff_recover=float(setting(connection, "smtp.backoff_recover_seconds")),
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


def outgoing(store: Store, *, purpose: str = "mail") -> Outgoing:
    """The relay, or a started embedded sink keeping its mail in ``store`` when no relay is
    set (``close()`` stops it)."""
    connection = store.connection()
    # An older version's plain-file mailbox moves into the store at the first start, relay
    # or not (with a relay set nothing else would ever open it).
    adopt_plaintext_mailbox(connection, store.data_dir)
    relay = relay_settings(connection)
    if relay is not None:
        return Outgoing(relay, None)
    sink = MailSink(store.data_dir / SINK_FOLDER, StoreKeeper(store))
    sink.start()
    log.info("no relay configured: %s goes to the embedded local mailbox only", purpose)
    return Outgoing(sink.smtp_settings(), sink)


def fallback_relay_settings(connection: Connection) -> SmtpSettings | None:
    """The second relay staff notifications use when the first fails, or ``None``."""
    return _relay(connection, "notify.fallback_", connections=1, retries=1)
