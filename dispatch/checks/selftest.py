"""``kishomail selftest``: the whole path once, on throw-away data, with no network.

It answers "does this installation work?" — after an install, an upgrade, or a build of the
bundle — without touching the office's store or sending anything to anyone:

1. a temporary encrypted store is created, opened, given a subscriber and its audit chain
   verified (SQLCipher, Argon2id, the key file, the migrations);
2. the bundled demo telegrams are parsed and tracked into alerts (the JMA parsers);
3. an alert mail is rendered from the shipped templates in every language;
4. the mail is sent over verified STARTTLS to the embedded loopback sink and found in its
   mailbox (aiosmtpd, TLS, the SMTP client);
5. the scheduler finds its triggers and executors (APScheduler loads them by entry point, the
   part a frozen build most easily loses).

Each step reports ``OK`` or raises :class:`SelftestFailed` naming the step. The temporary
folder is removed afterwards.
"""

from __future__ import annotations

import secrets
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from importlib.resources import as_file, files
from pathlib import Path

from dispatch.base.errors import KishomailError
from dispatch.base.vocabulary import Charset
from dispatch.mail.message import MessageTemplate, Mode
from dispatch.mail.sink import MailSink
from dispatch.mail.smtp import MailTransport, Outcome
from dispatch.operations.session import WITHOUT_TOTP, Session, initialise, login
from dispatch.records.mailbox import StoreKeeper, list_messages
from dispatch.records.subscriber_table import SubscriberRepository
from dispatch.records.subscribers import NewSubscriber, Topics, WarningLevel
from dispatch.store.database import transaction
from dispatch.wording.alerts import DEMO_OFFICE, render_alert
from dispatch.wording.library import LANGUAGES
from feeds.model import JST, Alert
from feeds.replay import ReplaySource
from feeds.state import AlertTracker

SHINJUKU = "1310400"
#: An invented resident at a domain reserved for examples; the mail never leaves the machine.
TEST_RECIPIENT = "selftest@example.jp"


class SelftestFailed(KishomailError):
    code = "selftest"


@dataclass
class SelftestReport:
    steps: list[tuple[str, float]] = field(default_factory=list)

    def as_dict(self) -> dict[str, object]:
        return {"ok": True, "steps": [{"step": s, "seconds": round(t, 3)} for s, t in self.steps]}


@contextmanager
def _step(
    report: SelftestReport, name: str, on_step: Callable[[str, float], None]
) -> Iterator[None]:
    started = time.perf_counter()
    try:
        yield
    except SelftestFailed:
        raise
    except Exception as error:
        raise SelftestFailed(
            f"selftest failed at '{name}': {type(error).__name__}: {error}. The installation "
            "is incomplete or damaged: reinstall kishomail, and report this line if it stays."
        ) from error
    elapsed = time.perf_counter() - started
    report.steps.append((name, elapsed))
    on_step(name, elapsed)


def run_selftest(on_step: Callable[[str, float], None] = lambda _n, _t: None) -> SelftestReport:
    """Run every step in a temporary folder; raises :class:`SelftestFailed` on the first
    failure."""
    report = SelftestReport()
    with tempfile.TemporaryDirectory(prefix="kishomail-selftest-") as folder:
        work = Path(folder)
        with _step(report, "store: create, unlock, write, verify audit chain", on_step):
            session = _store_roundtrip(work / "store")
        try:
            with _step(report, "feeds: parse the bundled telegrams", on_step):
                alerts = _demo_alerts()
            with _step(report, "render: alert mail in " + ", ".join(LANGUAGES), on_step):
                template = _render(alerts)
            with _step(report, "smtp: send over STARTTLS to the loopback sink", on_step):
                _send_to_sink(template, session, work / "mailsink")
            with _step(report, "scheduler: triggers and executors", on_step):
                _scheduler()
        finally:
            session.close()
    return report


def _store_roundtrip(data_dir: Path) -> Session:
    password = secrets.token_urlsafe(24)
    # A throwaway store in a temporary folder, deleted at the end: no person logs in to it.
    session, _recovery = initialise(data_dir, "selftest", password, totp=WITHOUT_TOTP)
    session.close()
    session = login(data_dir, "selftest", password)
    with transaction(session.connection):
        SubscriberRepository(session.connection).add_many(
            [
                NewSubscriber(
                    TEST_RECIPIENT, Topics(warning_level=WarningLevel.WARNING), session.clock.now()
                )
            ],
            session.clock.now(),
        )
    report = session.audit_log.verify()
    if not report.ok or report.checked < 2:
        raise SelftestFailed(f"the new store's audit chain does not verify: {report.problems}")
    return session


def _demo_alerts() -> list[Alert]:
    with as_file(files("resources") / "demo_telegrams") as folder:
        source = ReplaySource(Path(folder))
    if source.errors:
        raise SelftestFailed(f"a bundled telegram does not parse: {source.errors[0]}")
    if len(source) < 10:
        raise SelftestFailed(f"only {len(source)} bundled telegrams were found")
    alerts = AlertTracker(areas=[SHINJUKU]).process_all(source.poll())
    if not alerts:
        raise SelftestFailed("the bundled telegrams gave no alert for 新宿区")
    return alerts


def _render(alerts: list[Alert]) -> MessageTemplate:
    date = datetime(2026, 10, 12, 19, 1, tzinfo=JST)
    rendered = {
        language: render_alert(
            alerts[0], language, Charset.UTF8, DEMO_OFFICE, mode=Mode.INDIVIDUAL, date=date
        )
        for language in LANGUAGES
    }
    for language, content in rendered.items():
        if not content.subject or not content.body:
            raise SelftestFailed(f"the {language} mail came out empty")
    return MessageTemplate(rendered["ja"], Mode.INDIVIDUAL)


def _send_to_sink(template: MessageTemplate, session: Session, folder: Path) -> None:
    envelope = template.individual(
        TEST_RECIPIENT, "<selftest@kishomail.invalid>", "https://example.jp/kishomail/u/selftest"
    )
    with MailSink(folder, StoreKeeper(session.store)) as sink:
        transport = MailTransport(sink.smtp_settings(connections=1))
        try:
            results = list(transport.send([envelope]))
        finally:
            transport.close()
        outcomes = [r.outcome for r in results]
        if outcomes != [Outcome.ACCEPTED]:
            raise SelftestFailed(f"the loopback sink did not accept the mail: {outcomes}")
    kept = list_messages(session.connection)
    if len(kept) != 1 or kept[0].recipients != (TEST_RECIPIENT,):
        raise SelftestFailed("the mail did not arrive in the loopback sink's mailbox")


def _scheduler() -> None:
    from apscheduler.schedulers.background import BackgroundScheduler

    scheduler = BackgroundScheduler(timezone="Asia/Tokyo")
    # String aliases are looked up through the package's entry points.
    scheduler.add_job(lambda: None, "interval", seconds=60, id="selftest-interval")
    scheduler.add_job(lambda: None, "cron", hour=3, minute=30, id="selftest-cron")
    scheduler.start(paused=True)
    try:
        if len(scheduler.get_jobs()) != 2:
            raise SelftestFailed("the scheduler lost a job")
    finally:
        scheduler.shutdown(wait=False)
