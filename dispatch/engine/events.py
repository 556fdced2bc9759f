"""What the engine reports, as typed events: one frozen dataclass per kind of news.

The service calls its listeners with these from its own threads (the poll job, the sender);
the engine process writes them to the desktop app as JSON lines (:func:`to_json`) and the
desktop reads them back (:func:`from_json`). Two front ends handle every type: the desktop's
bridge (``desktop/bridge.py``, a table {event type: Qt signal}) and ``kishomail run``'s printer
(``dispatch/cli/events_printer.py``, one ``match``); a test fails when a type lacks either.

Why types and not ``(kind, dict)``: a field the engine stopped sending, or a kind nobody
handles, was a ``KeyError`` in a printer or an event silently dropped (a failed daily backup
was shown nowhere). Now mypy sees the fields and the test sees the handlers.

The JSON form is one object per event: ``{"event": "<name>", "data": {<fields>}}``, where
``name`` is the type's ``name`` below; datetimes travel as ISO 8601 text, tuples as lists.
This module imports only the standard library (and ``dispatch.base``), so the desktop may
import it.
"""

from __future__ import annotations

import hashlib
import json
import sys
import types
from dataclasses import asdict, dataclass, fields
from datetime import datetime
from pathlib import Path
from typing import Any, ClassVar, Union, get_args, get_origin, get_type_hints

from dispatch.base.errors import KishomailError


class EventFormatError(KishomailError):
    """A line that is not one of the engine's events (garbled, unknown, or missing a field)."""

    code = "engine.event"


@dataclass(frozen=True)
class Event:
    """The base of every event; ``name`` is the event's tag in its JSON form."""

    name: ClassVar[str] = ""


@dataclass(frozen=True)
class AlertEnqueued(Event):
    """A new JMA alert (or a gauge crossing a stage) was recorded and its dispatch enqueued."""

    name: ClassVar[str] = "alert_enqueued"
    dispatch_id: int
    title: str
    #: The kind as JMA publishes it (``レベル３大雨警報``); ``None`` for reports without one.
    kind: str | None
    change: str
    area: str
    level: int | None
    recipients: int
    #: 訓練/試験: sent to staff only, never to residents.
    exercise: bool
    report_datetime: datetime


@dataclass(frozen=True)
class ManualAlertEnqueued(Event):
    """A scheduled manual alert's time came and its dispatch was enqueued."""

    name: ClassVar[str] = "manual_alert_enqueued"
    dispatch_id: int
    subject: str
    recipients: int


@dataclass(frozen=True)
class SendingProgress(Event):
    """The running totals of the drain in progress (reported every few hundred messages)."""

    name: ClassVar[str] = "sending_progress"
    dispatch_ids: tuple[int, ...]
    accepted: int
    failed: int
    deferred: int
    in_doubt: int
    #: Recipients per second.
    rate: float


@dataclass(frozen=True)
class DispatchDone(Event):
    """Every delivery of a dispatch has an outcome."""

    name: ClassVar[str] = "dispatch_done"
    dispatch_id: int
    subject: str
    total: int
    sent: int
    failed: int
    resent_in_doubt: int
    detected_at: datetime | None
    first_accepted_at: datetime | None


@dataclass(frozen=True)
class PollFailed(Event):
    """The feed (or the gauges, or the due manual alerts) could not be read or recorded."""

    name: ClassVar[str] = "poll_failed"
    message: str


@dataclass(frozen=True)
class RelayFailed(Event):
    """Sending paused: the relay could not be used (it is tried again by itself)."""

    name: ClassVar[str] = "relay_failed"
    message: str


@dataclass(frozen=True)
class BackupFailed(Event):
    """The daily backup could not be written (R4.10: never silent)."""

    name: ClassVar[str] = "backup_failed"
    message: str


@dataclass(frozen=True)
class StaffNoticeFailed(Event):
    """A staff notification reached not every contact by any way (relay, second relay): the
    desktop shows and sounds it, since the duty phone may not have heard."""

    name: ClassVar[str] = "staff_notice_failed"
    #: The notification's kind (``feed-silent``, ``serious-warning`` …) and subject.
    kind: str
    subject: str
    contacts: int
    accepted: int


@dataclass(frozen=True)
class Started(Event):
    """The engine process runs; ``local_mailbox``: no relay is set, mail stays on this PC."""

    name: ClassVar[str] = "started"
    local_mailbox: bool


@dataclass(frozen=True)
class StartFailed(Event):
    """The engine process could not start; ``code`` is the core error's code."""

    name: ClassVar[str] = "start_failed"
    code: str
    message: str


@dataclass(frozen=True)
class Stopped(Event):
    """The engine process stopped after finishing the messages in flight."""

    name: ClassVar[str] = "stopped"


#: Any one event: what listeners take, and what a ``match`` over the types must cover (mypy
#: checks that it does, through ``assert_never``).
EngineEvent = (
    AlertEnqueued
    | ManualAlertEnqueued
    | SendingProgress
    | DispatchDone
    | PollFailed
    | RelayFailed
    | BackupFailed
    | StaffNoticeFailed
    | Started
    | StartFailed
    | Stopped
)

#: Every event type, in the order the architecture page lists them.
EVENT_TYPES: tuple[type[EngineEvent], ...] = (
    AlertEnqueued,
    ManualAlertEnqueued,
    SendingProgress,
    DispatchDone,
    PollFailed,
    RelayFailed,
    BackupFailed,
    StaffNoticeFailed,
    Started,
    StartFailed,
    Stopped,
)

_BY_NAME: dict[str, type[EngineEvent]] = {t.name: t for t in EVENT_TYPES}


def to_json(event: EngineEvent) -> str:
    """One line of the process protocol; ASCII only (``\\u`` escapes), so no console code page
    can garble it."""
    return json.dumps({"event": event.name, "data": _plain(asdict(event))})


def from_json(line: str) -> EngineEvent:
    """The event a line of the process protocol carries.

    Raises :class:`EventFormatError` (never anything else) when the line is not JSON, names no
    known event, or lacks or mistypes a field: the reader logs it and goes on reading."""
    try:
        message = json.loads(line)
    except ValueError:
        raise EventFormatError(f"not an engine event (not JSON): {line[:200]!r}") from None
    if not isinstance(message, dict) or not isinstance(message.get("data"), dict):
        raise EventFormatError(f"not an engine event (no data object): {line[:200]!r}")
    event_type = _BY_NAME.get(str(message.get("event")))
    if event_type is None:
        raise EventFormatError(
            f"unknown engine event {message.get('event')!r} (this program knows "
            f"{', '.join(sorted(_BY_NAME))})"
        )
    data: dict[str, Any] = message["data"]
    hints = _hints(event_type)
    values = {}
    for field in fields(event_type):
        if field.name not in data:
            raise EventFormatError(f"engine event {event_type.name!r} lacks {field.name!r}")
        try:
            values[field.name] = _typed(data[field.name], hints[field.name])
        except (TypeError, ValueError) as error:
            raise EventFormatError(
                f"engine event {event_type.name!r}: {field.name!r} is not valid ({error})"
            ) from None
    return event_type(**values)


#: Each event's field types, worked out once per type: ``get_type_hints`` costs ~0.1 ms, on
#: the desktop's GUI thread for every line of the control channel.
_HINTS: dict[type, dict[str, Any]] = {}


def _hints(event_type: type) -> dict[str, Any]:
    hints = _HINTS.get(event_type)
    if hints is None:
        hints = _HINTS[event_type] = get_type_hints(event_type)
    return hints


def _plain(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    return value


def _typed(value: Any, hint: Any) -> Any:
    """``value`` from JSON as the field's type; ValueError/TypeError when it cannot be."""
    origin = get_origin(hint)
    if origin in (Union, types.UnionType):
        options = get_args(hint)
        if value is None and type(None) in options:
            return None
        (hint,) = [option for option in options if option is not type(None)]
        origin = get_origin(hint)
    if origin is tuple:
        (item_type, _) = get_args(hint)
        if not isinstance(value, list):
            raise TypeError(f"a list was expected, not {value!r}")
        return tuple(_typed(item, item_type) for item in value)
    if hint is datetime:
        if not isinstance(value, str):
            raise TypeError(f"a date and time was expected, not {value!r}")
        return datetime.fromisoformat(value)
    if hint is float and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    if hint is int and isinstance(value, bool):
        raise TypeError(f"a number was expected, not {value!r}")
    if not isinstance(value, hint):
        raise TypeError(f"a {hint.__name__} was expected, not {value!r}")
    return value


# ---- the control channel's wire format ------------------------------------------------------
#
# The engine serves a local, read-only channel (``dispatch.engine.control_channel``): a Unix
# socket in the data folder (a named pipe on Windows) through which the desktop app — or any
# staff member's tool — asks how the engine is and follows its events. One JSON object per line:
#
# - the client sends one request: ``{"v": 1, "request": "status"}`` or ``"subscribe"``;
# - the engine answers ``{"v": 1, "status": {...}}`` (:class:`ChannelStatus`); for
#   ``subscribe`` it then sends every event as it happens, in the form of :func:`to_json`, and
#   a fresh status line every few seconds (a status line starts ``{"v"``, an event ``{"event"``);
# - anything else is answered ``{"v": 1, "error": "..."}`` and the connection closed.
#
# Nothing on the channel changes the engine's state, and nothing names a person: no address,
# no account (the status says only whether the OS service runs the engine).

#: The version of the channel's protocol; a client refuses an answer of another version.
CHANNEL_VERSION = 1
#: The socket's name in the data folder (POSIX).
CHANNEL_FILE = "kishomail.sock"
REQUEST_STATUS = "status"
REQUEST_SUBSCRIBE = "subscribe"


@dataclass(frozen=True)
class ChannelStatus:
    """How the engine is, as the channel tells it."""

    running: bool
    #: When this engine started.
    since: datetime
    #: Run by the OS service (the machine slot), not by a desktop app or a terminal.
    os_service: bool
    pid: int
    poll_interval: float
    last_poll_at: datetime | None
    last_poll_ok: bool | None
    last_poll_result: str
    #: The last poll that reached the feed and recorded what it brought.
    last_good_poll_at: datetime | None
    last_send_at: datetime | None
    last_send_ok: bool | None
    last_send_result: str
    queue_depth: int
    #: The drain in progress (its last running totals), or None when nothing is being sent.
    progress: SendingProgress | None


def channel_address(data_dir: Path) -> str:
    """Where the engine of ``data_dir`` listens: the socket's path, or on Windows the name of
    a named pipe (``QLocalSocket`` and the engine both read it as ``\\\\.\\pipe\\<name>``)."""
    if sys.platform == "win32":  # pragma: no cover - Windows only
        folder = str(data_dir.resolve()).lower().encode("utf-8")
        return "kishomail-" + hashlib.sha256(folder).hexdigest()[:20]
    return str(data_dir / CHANNEL_FILE)


def channel_request(request: str) -> bytes:
    return (json.dumps({"v": CHANNEL_VERSION, "request": request}) + "\n").encode("ascii")


def status_to_json(status: ChannelStatus) -> str:
    document = _plain(
        {f.name: getattr(status, f.name) for f in fields(ChannelStatus) if f.name != "progress"}
    )
    document["progress"] = None if status.progress is None else _plain(asdict(status.progress))
    return json.dumps({"v": CHANNEL_VERSION, "status": document})


def status_from_json(line: str) -> ChannelStatus:
    """The status a line of the channel carries; :class:`EventFormatError` when it is not one
    (garbled, another version of the protocol, or an error answer)."""
    try:
        message = json.loads(line)
    except ValueError:
        raise EventFormatError(f"not a status (not JSON): {line[:200]!r}") from None
    if not isinstance(message, dict) or message.get("v") != CHANNEL_VERSION:
        raise EventFormatError(
            f"the engine speaks another version of the channel ({line[:200]!r}); this program "
            f"speaks version {CHANNEL_VERSION}: run the same version of kishomail on both sides"
        )
    document = message.get("status")
    if not isinstance(document, dict):
        raise EventFormatError(f"not a status: {line[:200]!r}")
    hints = get_type_hints(ChannelStatus)
    values: dict[str, Any] = {}
    for field in fields(ChannelStatus):
        if field.name not in document:
            raise EventFormatError(f"the engine's status lacks {field.name!r}")
        value = document[field.name]
        try:
            if field.name == "progress":
                values[field.name] = (
                    None
                    if value is None
                    else from_json(json.dumps({"event": SendingProgress.name, "data": value}))
                )
            else:
                values[field.name] = _typed(value, hints[field.name])
        except (TypeError, ValueError) as error:
            raise EventFormatError(f"the status's {field.name!r} is not valid ({error})") from None
    return ChannelStatus(**values)
