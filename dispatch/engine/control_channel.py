"""The engine's local control channel: how the desktop app (or another staff tool) finds out
whether an engine runs on a data folder, how it is, and follows its events.

Every running engine serves it — the OS service and the engine a desktop app started alike —
from :meth:`dispatch.engine.service.Service.start` to ``stop``. The wire format (one JSON object
per line, versioned) is in :mod:`dispatch.engine.events`, where the desktop app can import it.

- **Where**: a Unix domain socket ``kishomail.sock`` in the data folder. In the machine's folder
  (setgid, shared with the staff group: ``/var/lib/kishomail`` is ``2770``) it is ``0660``; in a
  per-user folder ``0600``. The folder's own mode already keeps everyone else out while the
  socket is being bound. On Windows a named pipe with the name of
  :func:`dispatch.engine.events.channel_address` (what ``QLocalSocket`` opens), through
  CPython's ``_winapi``, its first instance created with ``FILE_FLAG_FIRST_PIPE_INSTANCE``; its
  default security admits the engine's own account, administrators and SYSTEM (everyone else may
  only read, so cannot ask) — so a staff member's window attaches to an engine started under
  their own Windows account, **not** to the OS service's (that needs an explicit DACL for the
  staff group: not done). Written behind a platform check and **not run here** (no Windows).
- **Who may talk to it** (defence in depth behind the file mode): on Linux each connection's
  peer credentials (``SO_PEERCRED``, and ``SO_PEERGROUPS`` for its supplementary groups) are
  checked before anything is read — only the engine's own account, root, or a member of the
  staff group (:data:`~dispatch.engine.os_service.STAFF_GROUP`) is served
  (:func:`peer_allowed`); anyone else is logged (account number and process id, nothing
  else) and disconnected. Where the system does not tell a socket's peer (macOS, BSD), only
  the file mode guards it; the Windows pipe relies on its default security (above).
- **Read-only**: the only requests are ``status`` and ``subscribe``; starting and stopping go
  through the service manager and the operations, never through the channel.
- **Nobody waits for a client**: the engine's threads only put a line into each subscriber's
  bounded queue (:data:`QUEUE_LINES`) and never block; a client whose queue is full — it stopped
  reading — is dropped. Each client has a thread of its own that writes, with a timeout.
- **A stale socket** (an engine killed with ``kill -9`` leaves its file behind) is found by
  connecting to it: nobody answers, so it is removed and bound anew. The engine holds the data
  folder's lock at that point, so no other engine can be serving it.
"""

from __future__ import annotations

import contextlib
import importlib
import json
import logging
import os
import queue
import socket
import stat
import struct
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, Protocol

from dispatch.base.clock import from_iso
from dispatch.base.errors import KishomailError
from dispatch.engine.events import (
    CHANNEL_VERSION,
    REQUEST_STATUS,
    REQUEST_SUBSCRIBE,
    ChannelStatus,
    DispatchDone,
    EngineEvent,
    SendingProgress,
    channel_address,
    status_to_json,
    to_json,
)
from dispatch.engine.heartbeat import Heartbeat
from dispatch.engine.os_service import STAFF_GROUP

log = logging.getLogger(__name__)

#: Lines waiting for one subscriber before it is dropped as not reading.
QUEUE_LINES = 2000
#: Seconds a client has to send its request, and a write to a client may take.
CLIENT_TIMEOUT = 5.0
#: Seconds between the status lines a subscriber gets besides the events.
STATUS_EVERY = 5.0
#: A progress report older than this is no longer "in progress".
PROGRESS_FRESH_SECONDS = 30.0
#: The longest request line read.
_MAX_REQUEST = 1024
#: The longest path a Unix socket can have (``sun_path`` is 108 bytes on Linux, 104 on macOS).
_MAX_SOCKET_PATH = 103


class ChannelError(KishomailError):
    code = "engine.channel"


#: Linux's ``SO_PEERGROUPS`` (kernel 4.13 and later): the peer's supplementary groups. The
#: socket module names only ``SO_PEERCRED``.
_SO_PEERGROUPS = getattr(socket, "SO_PEERGROUPS", 59)
#: Supplementary groups read through ``SO_PEERGROUPS`` at most (Python reads at most 1024 bytes
#: of an option); a peer in more groups is judged by its account's groups instead.
_MAX_PEER_GROUPS = 256


@dataclass(frozen=True)
class Peer:
    """Who is at the other end of a Unix socket, as the kernel says (not as it claims)."""

    pid: int
    uid: int
    gids: tuple[int, ...]  # its primary group first, then its supplementary groups


def peer_of(connection: socket.socket) -> Peer | None:
    """The peer's credentials, or None where the platform does not tell them (not Linux)."""
    if not hasattr(socket, "SO_PEERCRED"):  # pragma: no cover - not Linux
        return None
    ucred = struct.Struct("iII")  # pid_t pid, uid_t uid, gid_t gid
    raw = connection.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED, ucred.size)
    pid, uid, gid = ucred.unpack(raw)
    try:
        listed = connection.getsockopt(socket.SOL_SOCKET, _SO_PEERGROUPS, 4 * _MAX_PEER_GROUPS)
        groups = struct.unpack(f"{len(listed) // 4}I", listed)
    except OSError:  # an older kernel, or more groups than read: the account's own list
        groups = tuple(_account_groups(uid, gid))
    return Peer(pid, uid, (gid, *groups))


def _account_groups(uid: int, gid: int) -> list[int]:
    import pwd  # here: POSIX only, and this runs only where SO_PEERCRED exists

    try:
        return os.getgrouplist(pwd.getpwuid(uid).pw_name, gid)
    except (KeyError, OSError):
        return []


def staff_group_id() -> int | None:
    """The staff group's number, or None where there is none (no OS service installed)."""
    try:
        import grp  # here: POSIX only (this module is imported on Windows too)
    except ImportError:  # pragma: no cover - Windows
        return None
    try:
        return grp.getgrnam(STAFF_GROUP).gr_gid
    except KeyError:
        return None


def peer_allowed(uid: int, gids: tuple[int, ...], *, own_uid: int, staff_gid: int | None) -> bool:
    """The rule: the engine's own account, root, or a member of the staff group."""
    return uid in (own_uid, 0) or (staff_gid is not None and staff_gid in gids)


class _Connection(Protocol):
    """What a client's connection offers: a socket, or on Windows a pipe handle's wrapper."""

    def settimeout(self, value: float, /) -> None: ...
    def recv(self, size: int, /) -> bytes: ...
    def sendall(self, data: bytes, /) -> None: ...
    def shutdown(self, how: int, /) -> None: ...
    def close(self) -> None: ...


@dataclass(eq=False)
class _Client:
    connection: _Connection
    lines: queue.Queue[bytes | None] = field(default_factory=lambda: queue.Queue(QUEUE_LINES))
    dropped: bool = False


class ControlChannel:
    """Serves the channel of one engine. ``beat`` gives the engine's latest heartbeat (in
    memory, never a store read); ``os_service``: the OS service runs this engine."""

    def __init__(
        self,
        data_dir: Path,
        beat: Callable[[], Heartbeat | None],
        *,
        os_service: bool,
        since: datetime,
        poll_interval: float,
        staff_gid: int | Callable[[], int | None] | None = staff_group_id,
    ) -> None:
        self.data_dir = data_dir
        #: Members of this group may attach besides the engine's own account and root (a
        #: number, or how to find it when the channel starts).
        self._staff_gid = staff_gid
        self._own_uid = os.geteuid() if hasattr(os, "geteuid") else -1
        self.address = channel_address(data_dir)
        self._beat = beat
        self._os_service = os_service
        self._since = since
        self._poll_interval = poll_interval
        self._listener: socket.socket | None = None
        self._thread: threading.Thread | None = None
        self._closing = threading.Event()
        self._lock = threading.Lock()
        self._clients: set[_Client] = set()
        self._progress: tuple[SendingProgress, float] | None = None
        #: Clients dropped because they did not read (tests and the log look at it).
        self.dropped = 0
        #: Connections refused for who they came from (:meth:`_admitted`).
        self.refused = 0

    # ---- life cycle ----------------------------------------------------------------------

    def start(self) -> bool:
        """Bind and serve; False (logged) when the channel cannot be served here — the engine
        runs on regardless: the channel is how the desktop app watches, not how alerts go."""
        if sys.platform == "win32":  # pragma: no cover - Windows only
            self._thread = threading.Thread(target=self._pipe_loop, name="channel", daemon=True)
            self._thread.start()
            log.info("control channel at \\\\.\\pipe\\%s", self.address)
            return True
        if callable(self._staff_gid):
            self._staff_gid = self._staff_gid()
        try:
            self._listener = self._bind()
        except (OSError, ChannelError) as error:
            log.warning("the control channel is not served: %s", error)
            return False
        self._thread = threading.Thread(target=self._accept_loop, name="channel", daemon=True)
        self._thread.start()
        log.info("control channel at %s", self.address)
        return True

    def _bind(self) -> socket.socket:
        path = Path(self.address)
        if len(os.fsencode(path)) > _MAX_SOCKET_PATH:
            raise ChannelError(
                f"the data folder's path is too long for a local socket ({path}); "
                "the desktop app cannot attach to this engine"
            )
        remove_stale_socket(path)
        listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            listener.bind(str(path))
            os.chmod(path, socket_mode(self.data_dir))
            listener.listen(16)
            listener.settimeout(0.5)
        except BaseException:
            listener.close()
            raise
        return listener

    def close(self) -> None:
        """Stop serving: every subscriber is sent what is queued, then disconnected; the socket
        file is removed."""
        self._closing.set()
        if sys.platform == "win32":  # pragma: no cover - Windows only
            _wake_pipe(self.address)
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None
        if self._listener is not None:
            self._listener.close()
            self._listener = None
            with contextlib.suppress(OSError):
                os.unlink(self.address)
        with self._lock:
            clients = list(self._clients)
        for client in clients:
            with contextlib.suppress(queue.Full):
                client.lines.put_nowait(None)  # the writer ends after the queued lines

    # ---- the engine's events ---------------------------------------------------------------

    def listener(self, event: EngineEvent) -> None:
        """Give this to the service's listeners; returns at once, whatever the clients do."""
        if isinstance(event, SendingProgress):  # (a drain that found nothing names no dispatch)
            self._progress = (event, time.monotonic()) if event.dispatch_ids else None
        elif isinstance(event, DispatchDone) and self._progress is not None:
            if self._progress[0].dispatch_ids == (event.dispatch_id,):
                self._progress = None
        line = (to_json(event) + "\n").encode("ascii")
        with self._lock:
            clients = list(self._clients)
        for client in clients:
            try:
                client.lines.put_nowait(line)
            except queue.Full:
                self._drop(client, "it does not read")

    def status(self) -> ChannelStatus:
        beat = self._beat()
        progress = self._progress
        if progress is not None and time.monotonic() - progress[1] > PROGRESS_FRESH_SECONDS:
            progress = None
        return ChannelStatus(
            running=not self._closing.is_set(),
            since=self._since,
            os_service=self._os_service,
            pid=os.getpid(),
            poll_interval=self._poll_interval,
            last_poll_at=_moment(beat.last_poll_at if beat else None),
            last_poll_ok=beat.last_poll_ok if beat else None,
            last_poll_result=beat.last_poll_result if beat else "",
            last_good_poll_at=_moment(beat.last_good_poll_at if beat else None),
            last_send_at=_moment(beat.last_send_at if beat else None),
            last_send_ok=beat.last_send_ok if beat else None,
            last_send_result=beat.last_send_result if beat else "",
            queue_depth=beat.queue_depth if beat else 0,
            progress=progress[0] if progress else None,
        )

    # ---- clients -----------------------------------------------------------------------------

    def _accept_loop(self) -> None:
        listener = self._listener
        assert listener is not None
        while not self._closing.is_set():
            try:
                connection, _ = listener.accept()
            except TimeoutError:
                continue
            except OSError as error:
                if not self._closing.is_set():
                    log.warning("the control channel stopped accepting: %s", error)
                return
            if not self._admitted(connection):
                connection.close()
                continue
            threading.Thread(
                target=self._serve, args=(connection,), name="channel-client", daemon=True
            ).start()

    def _admitted(self, connection: socket.socket) -> bool:
        """Whether the peer may talk to the channel (:func:`peer_allowed`); a refusal is
        logged with the peer's account and process numbers only."""
        try:
            peer = peer_of(connection)
        except OSError as error:
            log.warning(
                "control channel: a connection whose peer is unknown was refused (%s)", error
            )
            return False
        if peer is None:  # pragma: no cover - the platform does not tell: the file mode guards
            return True
        staff_gid = self._staff_gid if isinstance(self._staff_gid, int) else None
        if peer_allowed(peer.uid, peer.gids, own_uid=self._own_uid, staff_gid=staff_gid):
            return True
        with self._lock:
            self.refused += 1
        log.warning(
            "control channel: refused a connection from account %d (process %d): only the "
            "engine's own account, root and the staff group %s may attach",
            peer.uid,
            peer.pid,
            STAFF_GROUP,
        )
        return False

    def _pipe_loop(self) -> None:  # pragma: no cover - Windows only (not run here)
        """The named pipe's accept loop: one pipe instance per client, as ``QLocalServer``
        does. The first instance is created with ``FILE_FLAG_FIRST_PIPE_INSTANCE``, so a
        program that took the name before the engine cannot pose as it."""
        first = True
        while not self._closing.is_set():
            try:
                handle = _new_pipe(self.address, first=first)
            except OSError as error:
                log.warning("the control channel (named pipe) is not served: %s", error)
                return
            first = False
            try:
                _winapi.ConnectNamedPipe(handle, False)
            except OSError as error:
                if getattr(error, "winerror", None) != _ERROR_PIPE_CONNECTED:
                    _winapi.CloseHandle(handle)
                    continue
            if self._closing.is_set():
                _winapi.CloseHandle(handle)
                return
            threading.Thread(
                target=self._serve,
                args=(_PipeConnection(handle),),
                name="channel-client",
                daemon=True,
            ).start()

    def _serve(self, connection: _Connection) -> None:
        client: _Client | None = None
        try:
            connection.settimeout(CLIENT_TIMEOUT)
            request = _read_request(connection)
            if request == REQUEST_STATUS:
                connection.sendall(self._status_line())
            elif request == REQUEST_SUBSCRIBE:
                client = _Client(connection)
                with self._lock:  # first subscribed, then the status: no event falls between
                    self._clients.add(client)
                connection.sendall(self._status_line())
                self._write(client)
            else:
                connection.sendall(_error_line(f"unknown request {request!r}"))
        except OSError as error:  # the client went away, or did not read in time
            if client is not None and not client.dropped:
                self._drop(client, str(error) or type(error).__name__)
        finally:
            if client is not None:
                with self._lock:
                    self._clients.discard(client)
            with contextlib.suppress(OSError):
                connection.close()

    def _write(self, client: _Client) -> None:
        """The subscriber's lines as they come, and a fresh status every
        :data:`STATUS_EVERY` seconds (the last poll, the queue, the relay's health)."""
        last_status = time.monotonic()
        while True:
            try:
                line = client.lines.get(timeout=STATUS_EVERY)
            except queue.Empty:
                line = b""
            if line is None or client.dropped:
                return
            if line:
                client.connection.sendall(line)
            if time.monotonic() - last_status >= STATUS_EVERY:
                client.connection.sendall(self._status_line())
                last_status = time.monotonic()

    def _status_line(self) -> bytes:
        return (status_to_json(self.status()) + "\n").encode("ascii")

    def _drop(self, client: _Client, why: str) -> None:
        with self._lock:
            if client.dropped:
                return
            client.dropped = True
            self._clients.discard(client)
            self.dropped += 1
        log.warning("control channel: a client was dropped (%s)", why)
        with contextlib.suppress(OSError):  # wakes its writer if it is stuck in a send
            client.connection.shutdown(socket.SHUT_RDWR)


# ---- Windows: the named pipe (written to the documented API; not run here) ------------------

# CPython's own Win32 bindings (what multiprocessing's pipes use): no extra dependency.
_winapi: Any = importlib.import_module("_winapi") if sys.platform == "win32" else None

_FILE_FLAG_FIRST_PIPE_INSTANCE = 0x00080000
_ERROR_PIPE_CONNECTED = 535


def _pipe_path(name: str) -> str:
    return "\\\\.\\pipe\\" + name


def _new_pipe(name: str, *, first: bool) -> int:  # pragma: no cover - Windows only
    """A byte-mode pipe instance; its default security lets its owner (the engine's account),
    administrators and SYSTEM in, and everyone else only read (so they cannot ask)."""
    return int(
        _winapi.CreateNamedPipe(
            _pipe_path(name),
            _winapi.PIPE_ACCESS_DUPLEX | (_FILE_FLAG_FIRST_PIPE_INSTANCE if first else 0),
            _winapi.PIPE_TYPE_BYTE | _winapi.PIPE_READMODE_BYTE | _winapi.PIPE_WAIT,
            _winapi.PIPE_UNLIMITED_INSTANCES,
            1 << 16,
            1 << 16,
            _winapi.NMPWAIT_WAIT_FOREVER,
            _winapi.NULL,
        )
    )


def _wake_pipe(name: str) -> None:  # pragma: no cover - Windows only
    """Connect once to our own pipe so that the accept loop sees the close."""
    try:
        handle = _winapi.CreateFile(
            _pipe_path(name),
            _winapi.GENERIC_READ | _winapi.GENERIC_WRITE,
            0,
            _winapi.NULL,
            _winapi.OPEN_EXISTING,
            0,
            _winapi.NULL,
        )
    except OSError:
        return
    _winapi.CloseHandle(handle)


class _PipeConnection:  # pragma: no cover - Windows only
    """The part of a socket's face that :meth:`ControlChannel._serve` uses, on a pipe handle.
    Pipe I/O here is blocking without a timeout: a client that stops reading holds only its
    own writer thread (the engine's threads never wait: its queue fills and it is dropped)."""

    def __init__(self, handle: int) -> None:
        self.handle: int | None = handle

    def settimeout(self, _: float) -> None:
        pass

    def recv(self, size: int) -> bytes:
        if self.handle is None:
            return b""
        try:
            data, _ = _winapi.ReadFile(self.handle, size)
        except OSError:  # the client went away
            return b""
        return bytes(data)

    def sendall(self, data: bytes) -> None:
        while data:
            if self.handle is None:
                raise OSError("the pipe is closed")
            written, _ = _winapi.WriteFile(self.handle, data)
            data = data[written:]

    def shutdown(self, _: int) -> None:
        pass  # closing a handle another thread writes on is unsafe: the writer ends by itself

    def close(self) -> None:
        if self.handle is not None:
            _winapi.CloseHandle(self.handle)
            self.handle = None


def socket_mode(data_dir: Path) -> int:
    """``0660`` in the machine's folder (setgid, shared with the staff group), else ``0600``."""
    mode = data_dir.stat().st_mode
    shared = bool(mode & stat.S_ISGID) and mode & stat.S_IRWXG == stat.S_IRWXG
    return 0o660 if shared else 0o600


def remove_stale_socket(path: Path) -> bool:
    """Remove the socket file an engine left behind when it died; True if one was removed.
    Raises :class:`ChannelError` when something answers there, or the path is not a socket."""
    try:
        mode = path.lstat().st_mode
    except FileNotFoundError:
        return False
    if not stat.S_ISSOCK(mode):
        raise ChannelError(f"{path} is in the way of the control channel and is not a socket")
    probe = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    probe.settimeout(2)
    try:
        probe.connect(str(path))
    except (ConnectionRefusedError, FileNotFoundError):
        path.unlink(missing_ok=True)
        log.info("removed the stale control socket %s (its engine had died)", path)
        return True
    except OSError as error:
        raise ChannelError(f"could not check the control socket {path}: {error}") from None
    finally:
        probe.close()
    raise ChannelError(f"another engine answers on {path}")


def _read_request(connection: _Connection) -> str:
    data = b""
    while b"\n" not in data and len(data) < _MAX_REQUEST:
        chunk = connection.recv(_MAX_REQUEST)
        if not chunk:
            break
        data += chunk
    try:
        message = json.loads(data.split(b"\n", 1)[0] or b"null")
    except ValueError:
        return ""
    if not isinstance(message, dict) or message.get("v") != CHANNEL_VERSION:
        return ""
    return str(message.get("request", ""))


def _error_line(message: str) -> bytes:
    return (json.dumps({"v": CHANNEL_VERSION, "error": message}) + "\n").encode("ascii")


def _moment(text: str | None) -> datetime | None:
    return from_iso(text) if text else None
