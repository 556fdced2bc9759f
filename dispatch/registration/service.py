"""The registration service's logic: sign-up with double opt-in, confirmation, change,
unsubscribe, the answers to mails in the registration mailbox, and bounces.

Every store access runs on one thread of its own, which owns its SQLCipher connection, and
mails go out from another (both in :mod:`dispatch.registration.threads`), so a page answers in
the same time whether or not a mail was sent — the answer never tells whether an address is
registered.

Audit entries are written as ``registration`` (with the staff account that runs the service
in the detail), always with ``subscriber:ID`` and never an address.
"""

from __future__ import annotations

import email.policy
import email.utils
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.headerregistry import Address
from email.message import EmailMessage
from enum import StrEnum
from typing import Any, TypeVar
from urllib.parse import urlencode

from dispatch.base.clock import Clock, to_iso
from dispatch.base.errors import NotFound
from dispatch.base.vocabulary import Charset
from dispatch.mail.bounces import MAX_RECIPIENTS
from dispatch.mail.message import Envelope, check_address, check_header_value
from dispatch.records import links
from dispatch.records.audit import AuditLog
from dispatch.records.bounces import BounceBook, bounce_rules
from dispatch.records.retention import erase_inactive_subscribers, inactive_days
from dispatch.records.settings import OfficeProfile
from dispatch.records.stations import Station, station_list
from dispatch.records.subscriber_table import SubscriberRepository
from dispatch.records.subscribers import (
    CURRENT_PURPOSE_VERSION,
    Channel,
    NewSubscriber,
    Status,
    Subscriber,
)
from dispatch.registration import texts, tokens
from dispatch.registration.forms import Choices
from dispatch.registration.inbound import Inbound
from dispatch.registration.jis_mail import iso_2022_jp_mail
from dispatch.registration.limits import Limits, RateLimiter, client_key
from dispatch.registration.threads import Mailer
from dispatch.store.database import Store, transaction
from feeds.errors import ObservationError

log = logging.getLogger(__name__)

ACTOR = "registration"
T = TypeVar("T")


class SignUp(StrEnum):
    SENT = "sent"  # what the page says in every case but the client limit
    CLIENT_LIMIT = "client limit"


@dataclass(frozen=True)
class MailProfile:
    office: OfficeProfile
    from_address: str  # the registration address if set, else the office's
    page_url: str  # the public URL of the page, ending in /


class Registrations:
    """The logic; every method runs on the :class:`StoreWorker`'s thread."""

    def __init__(
        self,
        store: Store,
        clock: Clock,
        mailer: Mailer,
        profile: MailProfile,
        link_key: bytes,
        *,
        run_by: str,
        limits: Limits | None = None,
    ) -> None:
        self.store = store
        self.clock = clock
        self.mailer = mailer
        self.profile = profile
        self.limits = limits or Limits()
        self.run_by = run_by
        self.link_key = link_key
        self.token_key = tokens.derive_key(link_key, "tokens")
        self.csrf_key = tokens.derive_key(link_key, "csrf")
        self._limiter_key = tokens.derive_key(link_key, "rate")
        self.per_address = RateLimiter(self.limits.mails_per_address_per_hour, clock)
        self.per_client = RateLimiter(self.limits.requests_per_client_per_hour, clock)
        self.all_mail = RateLimiter(self.limits.mails_per_hour, clock)
        #: Called (on the store worker's thread) with the cap each time sign-up mail is first
        #: refused in an hour because the global cap is reached: issue 14's staff alert hooks
        #: in here. The warning in the log is written either way.
        self.on_mail_cap_reached: Callable[[int], None] | None = None
        self._cap_reported_at: datetime | None = None

    # ---- plumbing ---------------------------------------------------------------------------

    def stations(self) -> list[Station]:
        """The river stations the page offers (the one list). A station file that cannot be
        read offers none (logged): the rest of the page still works."""
        try:
            return station_list(self.store.connection())
        except ObservationError as error:
            log.error("the river station list cannot be read: %s", error)
            return []

    def _repo(self) -> SubscriberRepository:
        return SubscriberRepository(self.store.connection())

    def _audit(self, action: str, subscriber_id: int | None, **detail: Any) -> None:
        AuditLog(self.store.connection(), self.clock).append(
            ACTOR,
            action,
            target=f"subscriber:{subscriber_id}" if subscriber_id is not None else "",
            detail={"run_by": self.run_by, **detail},
        )

    def _now_ts(self) -> float:
        return self.clock.now().timestamp()

    def _expiry(self) -> int:
        return int(self._now_ts()) + self.limits.token_minutes * 60

    def client_allowed(self, client: str) -> bool:
        return self.per_client.allow(client_key(client))

    def _mail_allowed(self, address: str) -> bool:
        if not self.per_address.allow(tokens.address_key(self._limiter_key, address)):
            return False
        if self.all_mail.allow("all"):
            return True
        self._mail_cap_reached()
        return False

    def _mail_cap_reached(self) -> None:
        """Once an hour at most: a warning, and the staff hook (:attr:`on_mail_cap_reached`)."""
        now = self.clock.now()
        if self._cap_reported_at is not None and now - self._cap_reported_at < timedelta(hours=1):
            return
        self._cap_reported_at = now
        cap = self.all_mail.limit
        log.warning(
            "registration mail cap reached: %d mails in the last hour; further sign-ups get no "
            "mail until the hour has passed (setting registration.mails_per_hour)",
            cap,
        )
        if self.on_mail_cap_reached is not None:
            try:
                self.on_mail_cap_reached(cap)
            except Exception:  # the hook must not turn a refused sign-up into a crash
                log.exception("the mail-cap hook failed")

    def url(self, path: str, **query: Any) -> str:
        return f"{self.profile.page_url.rstrip('/')}/{path}?{urlencode(query)}"

    def change_link(self, subscriber_id: int, lang: str) -> str:
        return self.url(
            "change", s=subscriber_id, t=links.token(self.link_key, "change", subscriber_id),
            lang=lang,
        )  # fmt: skip

    def stop_link(self, subscriber_id: int) -> str:
        return links.signed_link(self.profile.page_url, self.link_key, "unsubscribe", subscriber_id)

    # ---- sign-up on the page (double opt-in) ------------------------------------------------

    def sign_up(self, choices: Choices, page_lang: str) -> SignUp:
        """Store or refresh a pending entry and mail a confirmation link; for an active
        address, mail the change link instead. Over the per-address limit nothing is stored
        and nothing is sent — and the page says the same in every case."""
        address = choices.email
        if not self._mail_allowed(address):
            log.info("sign-up over the per-address mail limit: nothing stored, nothing sent")
            return SignUp.SENT
        repo = self._repo()
        now = self.clock.now()
        with transaction(self.store.connection()):
            existing = repo.find_by_email(address)
            if existing is not None and existing.status is Status.ACTIVE:
                self._audit("registration.signup", existing.id, outcome_for_resident="known")
                self._send_known(existing, page_lang, choices.mail_charset())
                return SignUp.SENT
            if existing is None:
                new = NewSubscriber(
                    address,
                    choices.topics(),
                    now,
                    language=choices.mail_language(),
                    charset=choices.mail_charset(),
                    channel=Channel.WEB,
                    quiet_hours=choices.quiet_hours(),
                    status=Status.PENDING,
                )
                subscriber_id = repo.add(new, now)
            else:
                subscriber_id = existing.id
                repo.change(
                    subscriber_id,
                    now,
                    topics=choices.topics(),
                    language=choices.mail_language(),
                    charset=choices.mail_charset(),
                    quiet_hours=choices.quiet_hours(),
                    clear_quiet_hours=choices.quiet_hours() is None,
                    status=Status.PENDING,
                )
            pending = repo.get(subscriber_id)
            self._audit("registration.signup", subscriber_id, outcome_for_resident="pending")
        token = tokens.make_token(
            self.token_key, "confirm", str(pending.id), self._expiry(), pending.updated_at
        )
        link = self.url("confirm", t=token, lang=page_lang)
        self._send(
            pending.email,
            texts.text("mail_confirm_subject", page_lang),
            texts.text(
                "mail_confirm_body", page_lang, link=link, minutes=self.limits.token_minutes
            ),
            page_lang,
            auto="auto-generated",
            charset=pending.charset,
        )
        return SignUp.SENT

    def _send_known(self, subscriber: Subscriber, page_lang: str, chosen: Charset) -> None:
        # ISO-2022-JP if the stored entry or the form asks for it: every mail program reads
        # it, while an old phone garbles UTF-8.
        iso = Charset.ISO_2022_JP in (subscriber.charset, chosen)
        self._send(
            subscriber.email,
            texts.text("mail_known_subject", page_lang),
            texts.text(
                "mail_known_body",
                page_lang,
                change=self.change_link(subscriber.id, page_lang),
                stop=self.stop_link(subscriber.id),
            ),
            page_lang,
            auto="auto-generated",
            charset=Charset.ISO_2022_JP if iso else Charset.UTF8,
        )

    def pending_for(self, token: str) -> Subscriber | None:
        """The pending subscriber a confirmation token is for, if it is valid now."""
        claims = tokens.read_token(token)
        if claims is None or claims.purpose != "confirm" or not claims.subject.isdigit():
            return None
        try:
            subscriber = self._repo().get(int(claims.subject))
        except NotFound:
            return None
        if subscriber.status is not Status.PENDING:
            return None
        valid = tokens.verify_token(
            self.token_key, token, "confirm", subscriber.updated_at, self._now_ts()
        )
        return subscriber if valid else None

    def confirm(self, token: str) -> Subscriber | None:
        with transaction(self.store.connection()):
            subscriber = self.pending_for(token)
            if subscriber is None:
                self._audit("registration.confirm", None, refused="invalid or used token")
                return None
            self._activate(subscriber.id, Channel.WEB)
            self._audit("registration.confirm", subscriber.id, channel="web")
        return self._repo().get(subscriber.id)

    def _activate(self, subscriber_id: int, channel: Channel) -> None:
        """Consent is given now, under the purpose text shown now; failures start afresh."""
        stamp = to_iso(self.clock.now())
        self.store.connection().execute(
            "UPDATE subscribers SET status = 'active', consent_at = ?, purpose_version = ?, "
            "channel = ?, hard_failures = 0, updated_at = ?, status_changed_at = ? WHERE id = ?",
            (stamp, CURRENT_PURPOSE_VERSION, str(channel), stamp, stamp, subscriber_id),
        )

    # ---- registration by empty mail: the invitation link -----------------------------------

    def _invite_state(self, address: str) -> str:
        existing = self._repo().find_by_email(address)
        return "-" if existing is None else f"{existing.id}:{existing.updated_at}"

    def invite(self, address: str, page_lang: str = "ja") -> bool:
        """Answer an empty mail with a link to the page, pre-filled and tokened. ``False``
        when the per-address limit held it back."""
        if not self._mail_allowed(address):
            return False
        token = tokens.make_token(
            self.token_key, "invite", address, self._expiry(), self._invite_state(address)
        )
        link = self.url("register", t=token, lang=page_lang)
        known = self._repo().find_by_email(address)
        purpose = texts.text(
            "purpose", page_lang, ward=self.profile.office.ward_name_ja,
            ward_en=self.profile.office.ward_name_en,
        )  # fmt: skip
        self._send(
            address,
            texts.text("mail_invite_subject", page_lang),
            texts.text(
                "mail_invite_body",
                page_lang,
                link=link,
                purpose=purpose,
                minutes=self.limits.token_minutes,
            ),
            page_lang,
            auto="auto-replied",
            charset=known.charset if known is not None else Charset.UTF8,
        )
        return True

    def invited_address(self, token: str) -> str | None:
        claims = tokens.read_token(token)
        if claims is None or claims.purpose != "invite":
            return None
        state = self._invite_state(claims.subject)
        valid = tokens.verify_token(self.token_key, token, "invite", state, self._now_ts())
        return claims.subject if valid else None

    def register_invited(self, token: str, choices: Choices) -> Subscriber | None:
        """The person followed the link mailed to the address: it is theirs, so the entry is
        active at once (the mail round trip was the opt-in)."""
        repo = self._repo()
        now = self.clock.now()
        with transaction(self.store.connection()):
            address = self.invited_address(token)
            if address is None:
                self._audit("registration.confirm", None, refused="invalid or used token")
                return None
            existing = repo.find_by_email(address)
            if existing is None:
                subscriber_id = repo.add(
                    NewSubscriber(
                        address,
                        choices.topics(),
                        now,
                        language=choices.mail_language(),
                        charset=choices.mail_charset(),
                        channel=Channel.MAIL,
                        quiet_hours=choices.quiet_hours(),
                        status=Status.ACTIVE,
                    ),
                    now,
                )
            else:
                subscriber_id = existing.id
                repo.change(
                    subscriber_id,
                    now,
                    topics=choices.topics(),
                    language=choices.mail_language(),
                    charset=choices.mail_charset(),
                    quiet_hours=choices.quiet_hours(),
                    clear_quiet_hours=choices.quiet_hours() is None,
                )
            self._activate(subscriber_id, Channel.MAIL)
            self._audit("registration.confirm", subscriber_id, channel="mail")
        return repo.get(subscriber_id)

    # ---- change and unsubscribe from the signed links in every mail -------------------------

    def _linked(self, action: str, subscriber_id: int, tag: str) -> Subscriber | None:
        if not links.verify_token(self.link_key, action, subscriber_id, tag):
            return None
        try:
            return self._repo().get(subscriber_id)
        except NotFound:
            return None

    def link_valid(self, action: str, subscriber_id: int, tag: str) -> bool:
        return links.verify_token(self.link_key, action, subscriber_id, tag)

    def for_change(self, subscriber_id: int, tag: str) -> Subscriber | None:
        subscriber = self._linked("change", subscriber_id, tag)
        if subscriber is None or subscriber.status not in (Status.ACTIVE, Status.SUSPENDED):
            return None
        return subscriber

    def change(self, subscriber_id: int, tag: str, choices: Choices) -> Subscriber | None:
        with transaction(self.store.connection()):
            subscriber = self.for_change(subscriber_id, tag)
            if subscriber is None:
                return None
            changed = self._repo().change(
                subscriber_id,
                self.clock.now(),
                topics=choices.topics(),
                language=choices.mail_language(),
                charset=choices.mail_charset(),
                quiet_hours=choices.quiet_hours(),
                clear_quiet_hours=choices.quiet_hours() is None,
            )
            self._audit("registration.change", subscriber_id, topics=changed.topics.names())
        return changed

    def for_unsubscribe(self, subscriber_id: int, tag: str) -> Subscriber | None:
        return self._linked("unsubscribe", subscriber_id, tag)

    def unsubscribe(self, subscriber_id: int, tag: str, *, one_click: bool) -> bool:
        """``True`` when the link is ours (the entry is stopped, or was already, or is gone)."""
        with transaction(self.store.connection()):
            subscriber = self.for_unsubscribe(subscriber_id, tag)
            if subscriber is None:
                return self.link_valid("unsubscribe", subscriber_id, tag)
            if subscriber.status is not Status.UNSUBSCRIBED:
                self._repo().change(subscriber_id, self.clock.now(), status=Status.UNSUBSCRIBED)
                self._audit("registration.unsubscribe", subscriber_id, one_click=one_click)
            if self.days_kept() == 0:  # the office keeps nothing: erased at once
                connection = self.store.connection()
                erased = erase_inactive_subscribers(connection, self.clock.now(), ACTOR)
                self._audit("retention.erase_inactive", None, erased=erased, days=0)
        return True

    def days_kept(self) -> int:
        """How long a stopped subscriber's address is kept (``retention.inactive_days``)."""
        return inactive_days(self.store.connection())

    # ---- the registration mailbox -----------------------------------------------------------

    def stop_requested(self, address: str) -> bool:
        """A ``stop``/``停止`` mail. From can be forged, so nothing is changed here: an active
        subscriber is mailed the signed stop link (to the stored address), and one tap on it
        stops the mail. Unknown senders get no answer."""
        subscriber = self._repo().find_by_email(address)
        if subscriber is None or subscriber.status is not Status.ACTIVE:
            return False
        if not self._mail_allowed(address):
            return False
        lang = texts.PAGE_OF_MAIL_LANGUAGE.get(subscriber.language, "ja")
        self._send(
            subscriber.email,
            texts.text("mail_stop_subject", lang),
            texts.text("mail_stop_body", lang, stop=self.stop_link(subscriber.id)),
            lang,
            auto="auto-replied",
            charset=subscriber.charset,
        )
        self._audit("registration.stop_mail", subscriber.id)
        return True

    def bounced(self, report: Inbound) -> list[int]:
        """Count a DSN's permanent failures against the subscribers — only for a message we
        really sent to that subscriber (the DSN names its Message-ID, which carries a random
        tag), so that a forged bounce cannot suspend anyone — by the same rule as the bounce
        mailbox (``bounces.*``: 5.1.x at once, else after ``suspend_after`` in the window).
        Returns the ids counted."""
        counted: list[int] = []
        connection = self.store.connection()
        repo = self._repo()
        rules = bounce_rules(connection)
        if len(report.failed) > MAX_RECIPIENTS:  # no mail of ours had that many: forged
            with transaction(connection):
                self._audit("registration.bounce", None, outcome="forged: too many recipients")
            return counted
        with transaction(connection):
            for failed in report.failed:
                subscriber = repo.find_by_email(failed.address)
                if subscriber is None:
                    continue
                marks = ",".join("?" * len(report.original_message_ids))
                sent = (
                    connection.execute(
                        "SELECT id FROM deliveries WHERE subscriber_id = ? "
                        f"AND message_id IN ({marks}) LIMIT 1",
                        (subscriber.id, *report.original_message_ids),
                    ).fetchone()
                    if report.original_message_ids
                    else None
                )
                if sent is None:
                    self._audit("registration.bounce", subscriber.id, outcome="not ours: ignored")
                    continue
                if not failed.status.startswith("5"):  # a passing failure: never suspends
                    self._audit("registration.bounce", subscriber.id, status=failed.status)
                    continue
                BounceBook(connection, self.clock).hard_for_delivery(
                    sent[0], failed.status, rules, source="dsn"
                )
                self._audit("registration.bounce", subscriber.id, status=failed.status)
                counted.append(subscriber.id)
        return counted

    # ---- housekeeping -----------------------------------------------------------------------

    def purge_unconfirmed(self) -> int:
        """Erase entries left pending longer than :attr:`Limits.pending_hours` (they were
        never confirmed, so there is no consent to keep them)."""
        cutoff = to_iso(self.clock.now() - timedelta(hours=self.limits.pending_hours))
        connection = self.store.connection()
        with transaction(connection):
            ids = [
                row[0]
                for row in connection.execute(
                    "SELECT id FROM subscribers WHERE status = 'pending' AND updated_at < ?",
                    (cutoff,),
                )
            ]
            for subscriber_id in ids:
                self._repo().erase(subscriber_id, self.clock.now(), ACTOR, "never confirmed")
                self._audit("registration.purge", subscriber_id)
        return len(ids)

    # ---- mail -------------------------------------------------------------------------------

    def _send(
        self, to: str, subject: str, body: str, lang: str, *, auto: str,
        charset: Charset = Charset.UTF8,
    ) -> None:  # fmt: skip
        office = self.profile.office
        check_address("recipient", to)
        check_header_value("subject", subject)
        name = office.name_en if lang == "en" else office.name_ja
        domain = self.profile.from_address.rsplit("@", 1)[-1]
        message_id = email.utils.make_msgid("registration", domain=domain)
        footer = texts.text(
            "mail_footer", lang, office=office.name_ja, office_en=office.name_en,
            phone=office.phone,
        )  # fmt: skip
        text = f"{body}\n\n{footer}\n"
        date = email.utils.format_datetime(self.clock.now())
        if charset is Charset.ISO_2022_JP:
            data = iso_2022_jp_mail(
                name, self.profile.from_address, to, subject, date, message_id, auto, text
            )
        else:
            msg = EmailMessage(policy=email.policy.SMTP)
            msg["From"] = Address(name, addr_spec=self.profile.from_address)
            msg["To"] = to
            msg["Subject"] = subject
            msg["Date"] = date
            msg["Message-ID"] = message_id
            msg["Auto-Submitted"] = auto  # RFC 3834: auto-responders must not answer this
            msg.set_content(text, charset="utf-8", cte="base64")
            data = msg.as_bytes()
        self.mailer.submit(Envelope(self.profile.from_address, (to,), data, message_id))
