"""The demo store: invented residents, the bundled typhoon night as the feed, one account per role.

``kishomail run --demo`` and the desktop's "try the demo" open the same store, made and filled on
first use (``<data folder>/demo``), then reused. Nothing in it is real: the addresses are at
example.jp, a domain reserved for examples, and no relay is set, so mail lands in the local
mailbox.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from dispatch.base.errors import StoreMissing
from dispatch.base.vocabulary import Language
from dispatch.engine.assembly import DEMO_SOURCE, demo_telegrams_folder
from dispatch.operations import accounts as account_ops
from dispatch.operations.session import WITHOUT_TOTP, Session, initialise, login
from dispatch.records.accounts import Role
from dispatch.records.audit import AuditLog
from dispatch.records.settings import set_setting
from dispatch.records.subscriber_table import SubscriberRepository
from dispatch.records.subscribers import (
    Channel,
    KandaRiver,
    NewSubscriber,
    QuietHours,
    RiverStage,
    Topics,
    WarningLevel,
)
from dispatch.store.database import Connection, transaction

DEMO_ACCOUNT = "demo"
DEMO_PASSWORD = "demo-password"  # noqa: S105 - the demo store holds only invented data
DEMO_FOLDER = "demo"
#: One demo account per role, all with the demo password, so every screen can be tried.
DEMO_ROLE_ACCOUNTS = {
    Role.OPERATOR: "demo-operator",
    Role.DUTY_OFFICER: "demo-duty",
    Role.AUDITOR: "demo-auditor",
}


def open_demo(data_dir: Path) -> Session:
    """The demo store: made and filled on first use, then reused."""
    try:
        return login(data_dir, DEMO_ACCOUNT, DEMO_PASSWORD)
    except StoreMissing:
        pass
    # The one store made without TOTP on purpose: its data is invented and its password is
    # published, so a code would protect nothing, and the README's demo opens with no typing.
    # The set-up window says so next to the demo button; the audit log records it.
    session, _ = initialise(data_dir, DEMO_ACCOUNT, DEMO_PASSWORD, totp=WITHOUT_TOTP)
    connection = session.connection
    with transaction(connection):
        set_setting(connection, "feeds.source", DEMO_SOURCE)
        set_setting(connection, "feeds.poll_interval", 2)
        count = seed_demo_subscribers(connection, session.clock.now())
        AuditLog(connection, session.clock).append(
            DEMO_ACCOUNT, "demo.seed", detail={"subscribers": count}
        )
    for role, name in DEMO_ROLE_ACCOUNTS.items():
        account_ops.add_account(
            session, name, role, DEMO_PASSWORD, display_name=f"demo {role.value.replace('_', ' ')}"
        )
    return session


def seed_demo_subscribers(connection: Connection, now: datetime) -> int:
    """Invented residents at example.jp (a domain reserved for examples)."""
    repository = SubscriberRepository(connection)
    choices = [
        (Topics(warning_level=WarningLevel.ADVISORY, rain_mm=30), Language.JA),
        (Topics(warning_level=WarningLevel.WARNING), Language.JA),
        (Topics(warning_level=WarningLevel.DANGER, kanda_rivers=KandaRiver.ALL), Language.JA),
        (Topics(rain_mm=50, river_stage=RiverStage.CAUTION), Language.EN),
        (
            Topics(kanda_rivers=KandaRiver.KANDA, warning_level=WarningLevel.WARNING),
            Language.EASY_JA,
        ),
    ]
    rows = []
    for n in range(1, 101):
        topics, language = choices[n % len(choices)]
        quiet = QuietHours.parse("23:00-06:00") if n % 7 == 0 else None
        rows.append(
            NewSubscriber(
                f"resident{n:03d}@example.jp",
                topics,
                now,
                language=language,
                channel=Channel.WEB,
                quiet_hours=quiet,
            )
        )
    return repository.add_many(rows, now)


def is_demo_source(source: str) -> bool:
    """True when the feed source is the bundled demo telegrams folder."""
    if source == DEMO_SOURCE:
        return True
    try:
        return bool(source) and Path(source).resolve() == demo_telegrams_folder().resolve()
    except OSError:
        return False
