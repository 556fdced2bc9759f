"""Assembling the running engine from the store's settings; the CLI and the GUI share this."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from importlib.resources import as_file, files
from pathlib import Path

from dispatch.base.clock import TOKYO, Clock, SystemClock
from dispatch.base.vocabulary import Charset
from dispatch.engine.dispatch_mail import render_dispatch
from dispatch.engine.gauge_health import split_codes
from dispatch.engine.notifications import Notifier
from dispatch.engine.relay import outgoing, relay_settings
from dispatch.engine.sender import Dispatcher
from dispatch.engine.service import Service
from dispatch.engine.service_config import (
    Listener,
    ObservationSource,
    ServiceConfig,
    TelegramSource,
)
from dispatch.engine.sources import AtomSource, ObservationFolder, PacedReplay
from dispatch.mail.message import MessageContent, Mode
from dispatch.mail.sink import MailSink
from dispatch.mail.smtp import MailTransport
from dispatch.records.bounces import bounce_sender
from dispatch.records.links import link_key, signed_link
from dispatch.records.settings import (
    configured_signer,
    office_profile,
    refuse_example_office,
    setting,
)
from dispatch.records.stations import station_list
from dispatch.store.database import Connection, Store, transaction
from dispatch.wording.alerts import render_alert
from dispatch.wording.office_templates import office_library
from feeds.amedas import AmedasPoller
from feeds.kriver import KriverPoller
from feeds.model import Alert
from feeds.observations import StationThresholds

log = logging.getLogger(__name__)

#: The ``feeds.source`` value meaning "the demo telegrams shipped with the program" (a path
#: would break when the program is moved or upgraded).
DEMO_SOURCE = "bundled:demo_telegrams"


@dataclass
class Engine:
    """Everything ``kishomail run`` (or the GUI) keeps running."""

    service: Service
    dispatcher: Dispatcher
    transport: MailTransport
    sink: MailSink | None

    def close(self) -> None:
        self.transport.close()
        if self.sink is not None:
            self.sink.stop()


def demo_telegrams_folder() -> Path:
    folder = files("resources") / "demo_telegrams"
    with as_file(folder) as path:  # a real folder in a normal or editable install
        return Path(path)


def telegram_source(text: str, *, speed: float | None) -> TelegramSource:
    """A folder replays (paced by ``speed``); :data:`DEMO_SOURCE` is the bundled demo
    telegrams wherever the program is installed; anything else is Atom feed URL(s)."""
    if text == DEMO_SOURCE:
        return PacedReplay(demo_telegrams_folder(), speed=speed)
    if text and not text.startswith(("http://", "https://")):
        return PacedReplay(Path(text), speed=speed)
    urls = [url.strip() for url in text.split(",") if url.strip()]
    return AtomSource(urls)


def observation_source(
    connection: Connection,
) -> tuple[list[ObservationSource], list[StationThresholds]]:
    """The gauge sources the office switched on (each is off until configured: the CSV drop
    folder, JMA's AMeDAS stations, MLIT's 危機管理型水位計) and the river stations' thresholds
    (the one station list, :func:`dispatch.records.stations.station_list`)."""
    sources: list[ObservationSource] = []
    folder = setting(connection, "observations.folder")
    if folder:
        sources.append(ObservationFolder(Path(folder)))
    stations = split_codes(setting(connection, "observations.amedas_stations"))
    if stations:
        sources.append(
            AmedasPoller(
                stations,
                base_url=setting(connection, "observations.amedas_url"),
                interval=float(setting(connection, "observations.amedas_interval")),
            )
        )
    rivers = station_list(connection)
    kriver = kriver_poller(connection, {s.code: (s.name, s.river) for s in rivers})
    if kriver is not None:
        sources.append(kriver)
    return sources, [station.thresholds() for station in rivers]


def kriver_poller(connection: Connection, names: dict[str, tuple[str, str]]) -> KriverPoller | None:
    """The 危機管理型水位計 reader, when gauges are listed *and* the office recorded that it may
    poll the page data (``observations.kriver_consent``); without the record it stays off and
    says so in the log (and doctor warns)."""
    codes = split_codes(setting(connection, "observations.kriver_stations"))
    if not codes:
        return None
    if not setting(connection, "observations.kriver_consent").strip():
        log.warning(
            "observations.kriver_stations is set but observations.kriver_consent is empty: the "
            "危機管理型水位計 reader stays off until the office records its consent"
        )
        return None
    return KriverPoller(
        codes,
        pref_code=setting(connection, "observations.kriver_pref"),
        base_url=setting(connection, "observations.kriver_url"),
        names=names,
        interval=float(setting(connection, "observations.kriver_interval")),
    )


def build_engine(
    store: Store,
    *,
    clock: Clock | None = None,
    started_by: str = "system",
    source: TelegramSource | None = None,
    speed: float | None = 600.0,
    listeners: Sequence[Listener] = (),
    actor: str = "system",
    notify: bool = True,
) -> Engine:
    clock = clock or SystemClock()
    connection = store.connection()
    with transaction(connection):
        key = link_key(connection)  # made once, in a transaction, before threads read it
    office = office_profile(connection)
    if relay_settings(connection) is not None:  # the embedded sink reaches no resident
        refuse_example_office(connection)
    way_out = outgoing(store, purpose="alert mail")
    sink = way_out.sink
    transport = way_out.transport()
    mode = Mode(setting(connection, "dispatch.mode"))
    domain = office.from_address.rsplit("@", 1)[-1]
    renders: dict[tuple[int, str, Charset], MessageContent] = {}
    library = office_library(store.data_dir)  # the office's wording before the bundled one

    def render(dispatch_id: int, language: str, charset: Charset) -> MessageContent:
        cached = renders.get((dispatch_id, language, charset))
        if cached is None:
            cached = render_dispatch(
                store.connection(),
                dispatch_id,
                language,
                charset,
                office=office,
                mode=mode,
                library=library,
                clock=clock,
                date=clock.now().astimezone(TOKYO),
            )
            renders[(dispatch_id, language, charset)] = cached
        return cached

    def subject_for(alert: Alert) -> str:
        return render_alert(alert, "ja", Charset.UTF8, office, mode=mode, library=library).subject

    page = office.subscription_page_url
    signer = configured_signer(connection, clock)  # None: DKIM off (the default)
    dispatcher = Dispatcher(
        store,
        transport,
        render=render,
        unsubscribe_link=lambda subscriber_id: signed_link(page, key, "unsubscribe", subscriber_id),
        office_address=office.from_address,
        message_domain=domain,
        clock=clock,
        mode=mode,
        batch_size=setting(connection, "dispatch.batch_size"),
        sign=signer.sign_envelope if signer is not None else None,
        bounce_address=bounce_sender(connection),
    )
    if source is None:
        source = telegram_source(setting(connection, "feeds.source"), speed=speed)
    config = ServiceConfig(
        poll_interval=float(setting(connection, "feeds.poll_interval")),
        areas=tuple(split_codes(setting(connection, "feeds.areas"))),
        rain_hysteresis_mm=float(setting(connection, "observations.rain_hysteresis_mm")),
        rain_quiet_minutes=float(setting(connection, "observations.rain_quiet_minutes")),
        actor=actor,
    )
    observations, thresholds = observation_source(connection)
    service = Service(
        store,
        source,
        dispatcher,
        observations=observations,
        thresholds=thresholds,
        subject_for=subject_for,
        config=config,
        clock=clock,
        started_by=started_by,
        listeners=listeners,
        notifier=Notifier(store, clock) if notify else None,
    )
    dispatcher.on_progress = service.on_progress
    return Engine(service, dispatcher, transport, sink)
