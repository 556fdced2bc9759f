"""Domain settings: typed, declared in one place, stored (as JSON) in the encrypted store.

Every setting the office can change is declared in :data:`DECLARED`; the settings reference
of the administrator manual is generated from these declarations, so it cannot drift.

:func:`office_profile` reads the office's identity (:class:`OfficeProfile`: who sends the
mail, how residents reach them) that every alert mail carries.
"""

from __future__ import annotations

import json
import logging
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dispatch.base.clock import Clock
from dispatch.base.errors import ValidationError
from dispatch.mail.dkim import DkimError, DkimSigner
from dispatch.mail.imap import ImapSettings
from dispatch.mail.message import (
    UNSUBSCRIBE_URL_SLOT,
    TemplateLoadError,
    check_address,
    check_header_value,
    check_url,
)
from dispatch.records.delivery_settings import DELIVERY_SETTINGS
from dispatch.records.notify_settings import NOTIFY_SETTINGS
from dispatch.records.setting_kind import Setting as Setting
from dispatch.store.database import Connection

log = logging.getLogger(__name__)


DECLARED: dict[str, Setting] = {
    s.name: s
    for s in (
        Setting(
            "security.require_totp",
            bool,
            True,
            "Every account must log in with a TOTP code; accounts without one must enrol "
            "before doing anything else (R4.3). On in every new store (set-up enrols the first "
            "administrator); a store made before this version keeps it off until changed.",
        ),
        Setting(
            "security.change_first_password",
            bool,
            True,
            "A password an administrator set (a new account, a reset, a reactivation) must be "
            "changed by its owner at the first login before anything else, so that only the "
            "person knows it. On in every new office store.",
        ),
        Setting(
            "audit.tsa_url",
            str,
            "",
            "The ward's RFC 3161 timestamp authority (https://…): when set, each anchor of the "
            "audit log's head (at the service's start and daily) is timestamped by it. Empty: "
            "anchors are signed by the service but not timestamped.",
        ),
        Setting("office.name", str, "新宿区危機管理課", "The sender's name in every mail."),
        Setting(
            "office.name_en",
            str,
            "Shinjuku City Crisis Management Division",
            "The sender's name in English mail.",
        ),
        Setting("office.ward", str, "新宿区", "The ward's name as mails say it."),
        Setting("office.ward_en", str, "Shinjuku City", "The ward's name in English mail."),
        Setting(
            "office.address",
            str,
            "kishomail@example.jp",
            "The office's own address: From:, To: in batch mode, and where the control copy "
            "of every dispatch goes (R3.5).",
        ),
        Setting(
            "office.page_url",
            str,
            "https://example.jp/kishomail/",
            "The public registration page; mails link to it to change or stop the mail.",
        ),
        Setting(
            "office.contact", str, "03-0000-0000", "The phone number in the mail footer (set it!)."
        ),
        Setting(
            "smtp.host",
            str,
            "",
            "The mail relay. Empty: the embedded local mail sink, which sends nothing to anyone.",
        ),
        Setting("smtp.port", int, 587, "587 for STARTTLS, 465 for implicit TLS."),
        Setting("smtp.security", str, "starttls", "starttls or implicit; never plain text."),
        Setting("smtp.username", str, "", "Relay user name (empty: no AUTH)."),
        Setting("smtp.password", str, "", "Relay password.", secret=True),
        Setting(
            "smtp.cafile",
            str,
            "",
            "PEM file of the CA (or the relay's certificate) to trust instead of the system "
            "store, e.g. an LGWAN relay's.",
        ),
        Setting("smtp.connections", int, 8, "Parallel connections to the relay (1–32)."),
        Setting("smtp.max_rate", int, 0, "Overall messages per second (0: no limit)."),
        Setting(
            "dkim.domain",
            str,
            "",
            "Sign every mail with DKIM for this domain (d=), normally the domain of "
            "office.address. Empty: no signing (leave it empty when the relay signs).",
        ),
        Setting(
            "dkim.selector",
            str,
            "kishomail",
            "The DKIM selector (s=): the key's DNS record is SELECTOR._domainkey.DOMAIN.",
        ),
        Setting(
            "dkim.key",
            str,
            "",
            "The DKIM private key (PEM), kept only in the encrypted store; made by "
            "kishomail dkim keygen.",
            secret=True,
        ),
        Setting(
            "registration.listen_host",
            str,
            "127.0.0.1",
            "Where kishomail serve-registration listens; keep it on loopback behind the ward's "
            "reverse proxy, which terminates TLS.",
        ),
        Setting("registration.listen_port", int, 8080, "Port of the registration page service."),
        Setting(
            "registration.trusted_proxies",
            str,
            "127.0.0.1",
            "Comma-separated addresses of reverse proxies whose X-Forwarded-For/-Proto are "
            "believed (the client address is what the per-client rate limit counts).",
        ),
        Setting(
            "registration.address",
            str,
            "",
            "The registration mailbox's address residents send an empty mail to (空メール登録); "
            "printed on the poster. Empty: no mail registration.",
        ),
        Setting(
            "registration.token_minutes",
            int,
            60,
            "Minutes a confirmation or registration link stays valid (single use).",
        ),
        Setting(
            "registration.mails_per_address_per_hour",
            int,
            3,
            "Confirmation or reply mails to one address per hour at most; further sign-ups "
            "for that address store and send nothing.",
        ),
        Setting(
            "registration.requests_per_client_per_hour",
            int,
            30,
            "Form submissions per client address per hour before the page answers 429 "
            "(an IPv6 client is counted by its /64 network).",
        ),
        Setting(
            "registration.mails_per_hour",
            int,
            300,
            "Sign-up mails (confirmation, 'already registered') per hour from all clients "
            "together; over it nothing is stored or sent, the page says the same, and a "
            "warning is logged.",
        ),
        Setting(
            "registration.header_seconds",
            int,
            10,
            "Seconds a request's headers may take to arrive (from the connection or the "
            "previous response) before the registration service closes the connection (slow "
            "clients, slowloris).",
            minimum=1,
            minimum_reason="a request needs at least a second on a slow phone link.",
            maximum=300,
        ),
        Setting(
            "registration.body_seconds",
            int,
            30,
            "Seconds a request's body may take to arrive after its headers before the "
            "registration service closes the connection.",
            minimum=1,
            minimum_reason="a form needs at least a second on a slow phone link.",
            maximum=600,
        ),
        Setting(
            "registration.connections_per_client",
            int,
            16,
            "Open connections one client (an IPv4 address or an IPv6 /64) may hold to the "
            "registration service; more are closed at once. A trusted proxy is not capped.",
            minimum=1,
            minimum_reason="a browser opens several connections for one page.",
            maximum=200,  # uvicorn's own cap on all connections (limit_concurrency)
        ),
        Setting("registration.imap_host", str, "", "IMAP server of the registration mailbox."),
        Setting("registration.imap_port", int, 993, "993 for implicit TLS, 143 for STARTTLS."),
        Setting(
            "registration.imap_security",
            str,
            "implicit",
            "implicit or starttls; never plain text.",
        ),
        Setting("registration.imap_user", str, "", "Login name of the registration mailbox."),
        Setting(
            "registration.imap_password",
            str,
            "",
            "Password of the registration mailbox.",
            secret=True,
        ),
        Setting(
            "registration.imap_cafile",
            str,
            "",
            "PEM file of the CA to trust for the IMAP server instead of the system store.",
        ),
        Setting("registration.imap_folder", str, "INBOX", "Folder polled for incoming mail."),
        Setting("registration.imap_poll_seconds", int, 30, "Seconds between polls of the mailbox."),
        Setting(
            "dispatch.mode",
            str,
            "individual",
            "individual (one recipient per message, "
            "personal unsubscribe link) or batch (recipients in the envelope only).",
        ),
        Setting("dispatch.batch_size", int, 50, "Recipients per envelope in batch mode."),
        Setting(
            "feeds.source",
            str,
            "https://www.data.jma.go.jp/developer/xml/feed/extra.xml",
            "Atom feed URL(s, comma-separated) or a folder of telegrams to replay.",
        ),
        Setting("feeds.poll_interval", int, 20, "Seconds between polls of the feed."),
        Setting("feeds.areas", str, "1310400", "市町村等 codes to alert for (新宿区 1310400)."),
        Setting(
            "retention.delivery_days",
            int,
            400,
            "Days per-recipient delivery records are kept (they hold SMTP replies); the counts "
            "per dispatch stay. Over a year, for the yearly handling report (R4.9).",
            minimum=365,
            minimum_reason="the yearly handling report needs a whole year of delivery "
            "records (R4.9).",
        ),
        Setting(
            "retention.telegram_days",
            int,
            30,
            "Days received telegrams are kept (at least the 14 days the state in force is "
            "rebuilt from after a restart).",
            minimum=14,
            minimum_reason="after a restart the warnings in force are rebuilt from the "
            "last 14 days of telegrams.",
        ),
        Setting(
            "retention.inactive_days",
            int,
            30,
            "Days the address and choices of a subscriber who stopped the mail or was "
            "suspended are kept; then the service's daily job erases them (0: at once). An "
            "erasure record without the address stays (001 特記事項 11).",
            minimum=0,
            maximum=365,
        ),
        Setting(
            "export.valid_hours",
            int,
            24,
            "Hours an approved export of personal data may be run (once, by the person who "
            "asked for it) before the approval lapses.",
            minimum=1,
            maximum=168,
        ),
        Setting(
            "observations.folder",
            str,
            "",
            "A folder where river-level and rain-gauge readings arrive as office CSV files "
            "(station_code,station_name,river,kind,value,observed_at). Empty: none.",
        ),
        Setting(
            "observations.thresholds",
            str,
            "bundled:shinjuku_rivers",
            "The river stations (levels, and the choices subscribers have) when the office has "
            "not saved its own list (Settings, kishomail stations): bundled:shinjuku_rivers "
            "(the default: the ward's stations as shipped; levels to be confirmed, see "
            "docs/feeds.md), a CSV station_code,caution_m,evacuation_m,danger_m[,station_name,"
            "river,…], or a 川の防災情報 station list (.json). Empty: no stations.",
        ),
        Setting(
            "observations.amedas_stations",
            str,
            "",
            "JMA AMeDAS stations whose one-hour rain is read from JMA's map JSON, comma-separated "
            "(e.g. 44132 東京, 44126 世田谷, 44071 練馬: the gauges nearest the ward; see "
            "docs/feeds.md). Empty: off.",
        ),
        Setting(
            "observations.amedas_interval",
            int,
            600,
            "Seconds between looks at JMA's AMeDAS update time (at least 120; AMeDAS updates "
            "every 10 minutes, and JMA's page data is not an API: poll politely).",
            minimum=120,
        ),
        Setting(
            "observations.amedas_url",
            str,
            "https://www.jma.go.jp/bosai/amedas/",
            "Where JMA's AMeDAS page data is published (change only for a proxy or a mirror).",
        ),
        Setting(
            "observations.kriver_stations",
            str,
            "",
            "MLIT 危機管理型水位計 gauges (k.river.go.jp codes, comma-separated) whose water "
            "level is read from the 「川の水位情報」 page data; each must also be in the river "
            "station list with its levels. Read only once observations.kriver_consent is set "
            "(docs/feeds.md: the page data is not a documented API). Empty: off.",
        ),
        Setting(
            "observations.kriver_consent",
            str,
            "",
            "The office's record that it may poll the 「川の水位情報」 page data automatically "
            "(e.g. the date and number of MLIT's written answer, or of the office's decision "
            "after reading the terms). Empty: the 危機管理型水位計 reader stays off.",
        ),
        Setting(
            "observations.kriver_pref",
            str,
            "13000",
            "The prefecture whose 危機管理型水位計 file is read (five digits; Tokyo 13000).",
        ),
        Setting(
            "observations.kriver_interval",
            int,
            600,
            "Seconds between reads of the 危機管理型水位計 file (at least 300: the gauges report "
            "every 10 minutes while the river is high, once a day otherwise).",
            minimum=300,
            minimum_reason="the page data is not an API; poll it politely",
        ),
        Setting(
            "observations.kriver_url",
            str,
            "https://k.river.go.jp/swin/files/area_info/current/",
            "Where the 「川の水位情報」 page data is published (change only for a proxy or a "
            "mirror).",
        ),
        Setting(
            "observations.stale_minutes",
            int,
            60,
            "A gauge whose last reading is older than this is reported stale by doctor and the "
            "dashboard, and mailed to staff (notification gauges-stale).",
            minimum=10,
        ),
        Setting(
            "observations.rain_hysteresis_mm",
            int,
            5,
            "Rain gauges: a reading this many mm/h below the lowest rain threshold (10) counts "
            "as dry; between the two the rain event goes on (no new alert when it rises again).",
            minimum=0,
        ),
        Setting(
            "observations.rain_quiet_minutes",
            int,
            180,
            "Rain gauges: a rain event ends after this many minutes of dry readings; the next "
            "threshold reached then mails its subscribers again.",
            minimum=10,
        ),
        Setting(
            "alerts.single_person_emergency",
            bool,
            False,
            "EMERGENCY ONLY: let one duty officer send a manual alert without a second "
            "officer's approval. Every such send is marked in the audit log and in the mail's "
            "control copy. Off by default (R3.4: two people check every manual mail).",
        ),
        Setting(
            "backup.folder",
            str,
            "",
            "Folder for the encrypted backups (empty: 'backups' beside the store). Prefer "
            "another disk than the store's.",
        ),
        Setting(
            "backup.keep_days",
            int,
            35,
            "Days a backup is kept before rotation deletes it (at least 30, R4.8).",
            minimum=30,
            minimum_reason="backups are kept for at least 30 days (R4.8).",
        ),
        *NOTIFY_SETTINGS,
        Setting(
            "backup.daily_at",
            str,
            "03:30",
            "Tokyo time (HH:MM) of the daily backup while the service runs.",
        ),
        *DELIVERY_SETTINGS,
    )
}


def _declared(name: str) -> Setting:
    try:
        return DECLARED[name]
    except KeyError:
        raise ValidationError(
            f"There is no setting {name!r}; known settings: {', '.join(sorted(DECLARED))}."
        ) from None


def get_setting(connection: Connection, name: str) -> Any:
    setting = _declared(name)
    row = connection.execute("SELECT value FROM settings WHERE key = ?", (name,)).fetchone()
    return setting.default if row is None else json.loads(row[0])


def set_setting(connection: Connection, name: str, value: Any) -> Any:
    checked = _declared(name).check(value)
    connection.execute(
        "INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)", (name, json.dumps(checked))
    )
    return checked


def setting(connection: Connection, name: str) -> Any:
    """The value of the declared setting ``name`` (its default when never set)."""
    return get_setting(connection, name)


#: The office settings shipped with example values: no resident may receive those.
EXAMPLE_OFFICE_SETTINGS = ("office.address", "office.page_url", "office.contact")


def example_office_settings(connection: Connection) -> list[str]:
    """The office settings that still hold the shipped example value."""
    return [
        name
        for name in EXAMPLE_OFFICE_SETTINGS
        if get_setting(connection, name) == DECLARED[name].default
    ]


def refuse_example_office(connection: Connection) -> None:
    """Refuse to mail residents through a real relay while the office is the shipped example."""
    names = example_office_settings(connection)
    if names:
        raise ValidationError(
            f"The office still has the shipped example value of {', '.join(names)}: residents "
            "would be told to write to, visit or call an address that is not the office's. "
            "Set them first (kishomail settings set office.address bousai@city.…, "
            "office.page_url https://…, office.contact 03-…); nothing was sent."
        )


@dataclass(frozen=True)
class OfficeProfile:
    """Who sends the mail and how residents reach them. Values go into headers and into every
    body, so each is checked for CR/LF (and addresses/links for their plain ASCII form)."""

    name_ja: str
    name_en: str
    from_address: str
    ward_name_ja: str
    ward_name_en: str
    subscription_page_url: str
    phone: str
    reply_to: str | None = None
    #: ``MAIL FROM`` for bounces; the from address when not given.
    envelope_sender: str | None = None

    def __post_init__(self) -> None:
        for field_name in ("name_ja", "name_en", "ward_name_ja", "ward_name_en", "phone"):
            value = getattr(self, field_name)
            check_header_value(field_name, value)
            if UNSUBSCRIBE_URL_SLOT in value:
                raise TemplateLoadError(f"{field_name}: may not hold {UNSUBSCRIBE_URL_SLOT}")
        check_address("from_address", self.from_address)
        if self.reply_to is not None:
            check_address("reply_to", self.reply_to)
        if self.envelope_sender is not None:
            check_address("envelope_sender", self.envelope_sender)
        check_url("subscription_page_url", self.subscription_page_url)

    def name(self, language: str) -> str:
        return self.name_en if language == "en" else self.name_ja

    def ward(self, language: str) -> str:
        return self.ward_name_en if language == "en" else self.ward_name_ja


def office_profile(connection: Connection) -> OfficeProfile:
    """The office as the settings describe it now."""
    return OfficeProfile(
        name_ja=setting(connection, "office.name"),
        name_en=setting(connection, "office.name_en"),
        from_address=setting(connection, "office.address"),
        ward_name_ja=setting(connection, "office.ward"),
        ward_name_en=setting(connection, "office.ward_en"),
        subscription_page_url=setting(connection, "office.page_url"),
        phone=setting(connection, "office.contact"),
    )


def configured_signer(connection: Connection, clock: Clock | None = None) -> DkimSigner | None:
    """The signer the settings ask for, or ``None`` when ``dkim.domain`` is empty.

    A key that is missing or unusable is logged as an error and mail goes out unsigned:
    an alert that is delivered without a signature beats no alert at all."""
    domain = str(get_setting(connection, "dkim.domain")).strip()
    if not domain:
        return None
    selector = str(get_setting(connection, "dkim.selector")).strip()
    key = str(get_setting(connection, "dkim.key"))
    try:
        if not key:
            raise DkimError("dkim.domain is set but there is no key: run 'kishomail dkim keygen'.")
        now = (lambda: clock.now().timestamp()) if clock is not None else time.time
        signer = DkimSigner(domain, selector, key, now=now)
    except DkimError as error:
        log.error("DKIM signing is OFF: %s", error.message)
        return None
    log.info("DKIM signing on: d=%s s=%s", signer.domain, signer.selector)
    return signer


def mailbox_settings(connection: Connection, prefix: str) -> ImapSettings | None:
    """An IMAP mailbox's settings (``<prefix>.imap_host`` …: ``registration``, ``bounces``);
    ``None`` while its host is empty (not configured: nothing polls it)."""
    host = get_setting(connection, f"{prefix}.imap_host")
    if not host:
        return None
    cafile = get_setting(connection, f"{prefix}.imap_cafile")
    return ImapSettings(
        host=host,
        port=get_setting(connection, f"{prefix}.imap_port"),
        security=get_setting(connection, f"{prefix}.imap_security"),
        user=get_setting(connection, f"{prefix}.imap_user"),
        password=get_setting(connection, f"{prefix}.imap_password"),
        cafile=Path(cafile) if cafile else None,
        folder=get_setting(connection, f"{prefix}.imap_folder"),
    )
