"""The engine's control channel: a real Unix socket in the data folder, as a client sees it."""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import socket
import stat
import tempfile
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from dispatch.engine.assembly import build_engine
from dispatch.engine.control_channel import (
    ChannelError,
    ControlChannel,
    Peer,
    peer_allowed,
    peer_of,
    remove_stale_socket,
)
from dispatch.engine.events import (
    REQUEST_STATUS,
    REQUEST_SUBSCRIBE,
    ChannelStatus,
    PollFailed,
    SendingProgress,
    channel_address,
    channel_request,
    from_json,
    status_from_json,
)
from dispatch.engine.heartbeat import Heartbeat
from tests.unit.dispatch.conftest import Office

BEAT = Heartbeat(
    at="2026-12-04T03:00:00+09:00",
    poll_interval=20.0,
    last_poll_at="2026-12-04T03:00:00+09:00",
    last_poll_ok=True,
    last_poll_result="0 new dispatch(es)",
    last_good_poll_at="2026-12-04T03:00:00+09:00",
    queue_depth=7,
)


def short_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "d"
    folder.mkdir(mode=0o700)
    return folder


@pytest.fixture
def channel(tmp_path: Path) -> Iterator[ControlChannel]:
    served = ControlChannel(
        short_dir(tmp_path),
        lambda: BEAT,
        os_service=True,
        since=datetime(2026, 12, 4, tzinfo=UTC),
        poll_interval=20.0,
    )
    assert served.start()
    yield served
    served.close()


def connect(channel: ControlChannel, request: str) -> socket.socket:
    client = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    client.settimeout(10)
    client.connect(channel.address)
    client.sendall(channel_request(request))
    return client


def read_lines(client: socket.socket, count: int) -> list[str]:
    data = b""
    while data.count(b"\n") < count:
        chunk = client.recv(65536)
        if not chunk:
            break
        data += chunk
    return data.decode("ascii").splitlines()


def ask_status(channel: ControlChannel) -> ChannelStatus:
    with connect(channel, REQUEST_STATUS) as client:
        (line,) = read_lines(client, 1)
    return status_from_json(line)


def test_status_says_running_since_and_the_last_good_poll_without_naming_anyone(
    channel: ControlChannel,
) -> None:
    status = ask_status(channel)
    assert status.running and status.os_service and status.pid == os.getpid()
    assert status.last_good_poll_at == datetime.fromisoformat("2026-12-04T03:00:00+09:00")
    assert status.last_poll_ok and status.queue_depth == 7 and status.progress is None
    progress = SendingProgress((4,), accepted=120, failed=0, deferred=0, in_doubt=0, rate=40.0)
    channel.listener(progress)
    assert ask_status(channel).progress == progress
    with connect(channel, REQUEST_STATUS) as client:
        raw = read_lines(client, 1)[0]
    assert "@" not in raw  # no address, no account


def test_a_subscriber_gets_the_status_then_every_event(channel: ControlChannel) -> None:
    with connect(channel, REQUEST_SUBSCRIBE) as client:
        status = read_lines(client, 1)
        assert status_from_json(status[0]).running
        deadline = time.monotonic() + 10
        while not channel._clients and time.monotonic() < deadline:
            time.sleep(0.01)
        channel.listener(PollFailed("the feed did not answer"))
        (line,) = read_lines(client, 1)
    assert from_json(line) == PollFailed("the feed did not answer")


def test_nothing_on_the_channel_changes_state(channel: ControlChannel) -> None:
    with connect(channel, "stop") as client:
        (line,) = read_lines(client, 1)
    assert "unknown request" in line
    assert ask_status(channel).running


def test_the_socket_is_for_its_owner_in_a_per_user_folder_and_the_staff_in_the_machine_one(
    tmp_path: Path,
) -> None:
    own = short_dir(tmp_path)
    shared = tmp_path / "m"
    shared.mkdir()
    os.chmod(shared, 0o2770)  # noqa: S103 - as the installer leaves /var/lib/kishomail
    for folder, mode in ((own, 0o600), (shared, 0o660)):
        served = ControlChannel(
            folder, lambda: None, os_service=False, since=datetime.now(UTC), poll_interval=20.0
        )
        assert served.start()
        try:
            path = Path(served.address)
            assert stat.S_ISSOCK(path.stat().st_mode)
            assert stat.S_IMODE(path.stat().st_mode) == mode
        finally:
            served.close()
        assert not path.exists()  # removed at the stop


def test_a_stale_socket_left_by_a_killed_engine_is_replaced(tmp_path: Path) -> None:
    folder = short_dir(tmp_path)
    path = Path(channel_address(folder))
    dead = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    dead.bind(str(path))  # bound, then the process "died": the file stays, nobody answers
    dead.close()
    assert path.exists()
    served = ControlChannel(
        folder, lambda: BEAT, os_service=False, since=datetime.now(UTC), poll_interval=20.0
    )
    assert served.start()
    try:
        assert ask_status(served).running
        # A live one is never taken for stale.
        with pytest.raises(ChannelError, match="another engine answers"):
            remove_stale_socket(path)
    finally:
        served.close()


def test_a_client_that_never_reads_is_dropped_and_never_blocks_the_engine(
    channel: ControlChannel,
) -> None:
    idle = connect(channel, REQUEST_SUBSCRIBE)  # subscribes, then never reads
    reader = connect(channel, REQUEST_SUBSCRIBE)
    received: list[str] = []
    count = [0]
    events = 8000

    def read_all() -> None:
        data = b""
        while data.count(b"\n") < events + 1:
            chunk = reader.recv(1 << 16)
            if not chunk:
                break
            data += chunk
            count[0] = data.count(b"\n")
        received.extend(data.decode("ascii").splitlines())

    thread = threading.Thread(target=read_all)
    thread.start()
    deadline = time.monotonic() + 10
    while len(channel._clients) < 2 and time.monotonic() < deadline:
        time.sleep(0.01)
    finished = threading.Event()

    def engine() -> None:  # the engine's thread, reporting in bursts (as a drain does)
        for n in range(events):
            channel.listener(PollFailed(f"poll {n} " + "x" * 200))
            if n % 500 == 499:  # the next burst when the reading client has had this one
                until = time.monotonic() + 10
                while count[0] < n - 500 and time.monotonic() < until:
                    time.sleep(0.005)
        finished.set()

    threading.Thread(target=engine).start()
    assert finished.wait(60), "the engine's thread was held up by a client"
    thread.join(60)
    assert channel.dropped == 1  # the one that did not read
    assert len(received) == events + 1  # the status and every event, to the one that did
    assert from_json(received[-1]) == PollFailed(f"poll {events - 1} " + "x" * 200)
    idle.close()
    reader.close()


def test_a_running_service_serves_the_channel_and_removes_it(engine_for, office: Office) -> None:  # type: ignore[no-untyped-def]
    session, _, engines = engine_for
    engine = build_engine(session.store, clock=office.clock, speed=None)
    engines.append(engine)
    engine.service.start()
    try:
        channel = engine.service.channel
        assert channel is not None
        status = ask_status(channel)
        assert status.running and not status.os_service
    finally:
        engine.service.stop()
    assert not Path(channel_address(session.store.data_dir)).exists()


# ---- who may talk to it: peer credentials (SO_PEERCRED), behind the file mode ----------------

SERVICE_UID, STAFF_GID = 990, 991


@pytest.mark.parametrize(
    ("uid", "gids", "allowed"),
    [
        (SERVICE_UID, (990,), True),  # the engine's own account
        (0, (0,), True),  # root
        (1001, (1001, STAFF_GID), True),  # a staff member (supplementary group)
        (1001, (STAFF_GID,), True),  # … or primary group
        (1002, (1002, 100), False),  # another user of the machine
        (65534, (65534,), False),  # nobody
    ],
)
def test_the_rule_admits_the_service_root_and_the_staff_only(
    uid: int, gids: tuple[int, ...], allowed: bool
) -> None:
    assert peer_allowed(uid, gids, own_uid=SERVICE_UID, staff_gid=STAFF_GID) is allowed
    # Without a staff group (no OS service installed) only the owner and root remain.
    alone = peer_allowed(uid, gids, own_uid=SERVICE_UID, staff_gid=None)
    assert alone is (uid in (SERVICE_UID, 0))


def test_the_kernel_names_the_peer_of_a_real_connection(channel: ControlChannel) -> None:
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as listener:
        path = Path(channel.address).with_name("peer.sock")
        listener.bind(str(path))
        listener.listen(1)
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as client:
            client.connect(str(path))
            accepted, _ = listener.accept()
            with accepted:
                peer = peer_of(accepted)
    assert peer == Peer(os.getpid(), os.geteuid(), peer.gids if peer else ())
    assert peer is not None and peer.gids[0] == os.getegid()
    assert set(os.getgroups()) <= set(peer.gids)


def _as_account(address: str, groups: list[int]) -> str:
    """Ask for the status from a forked process that became ``nobody`` (with ``groups`` as
    its supplementary groups); what came back, or "(nothing)" if it was refused."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns into pytest
        code = 1
        try:
            os.close(read_end)
            os.setgroups(groups)
            os.setgid(65534)
            os.setuid(65534)
            data = b""
            with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as client:
                client.settimeout(10)
                client.connect(address)
                # A refused client finds the connection closed: at its request or its read.
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                    client.sendall(channel_request(REQUEST_STATUS))
                    while not data.endswith(b"\n") and (chunk := client.recv(65536)):
                        data += chunk
            os.write(write_end, data.strip() or b"(nothing)")
            code = 0
        finally:
            os._exit(code)
    os.close(write_end)
    with os.fdopen(read_end, "rb") as answer:
        said = answer.read().decode("ascii")
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0
    return said


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() != 0,
    reason="starting a client under another account needs root (CI and this machine run as root)",
)
def test_a_peer_of_another_account_is_refused_logged_and_disconnected(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """The file mode is set wrong on purpose (0666, as a bad umask or a careless copy could
    leave it): the peer check alone keeps the account ``nobody`` out, while a staff-group
    member and the engine's own account are served."""
    folder = Path(tempfile.mkdtemp(prefix="kc", dir="/tmp"))  # short, reachable by nobody
    try:
        os.chmod(folder, 0o711)  # noqa: S103 - nobody may pass through, not list or write
        served = ControlChannel(
            folder,
            lambda: BEAT,
            os_service=True,
            since=datetime(2026, 12, 4, tzinfo=UTC),
            poll_interval=20.0,
            staff_gid=STAFF_GID,
        )
        assert served.start()
        try:
            os.chmod(served.address, 0o666)  # noqa: S103 - the mistake the check must survive
            with caplog.at_level(logging.WARNING):
                assert _as_account(served.address, []) == "(nothing)"
            assert served.refused == 1
            refusals = [r.getMessage() for r in caplog.records if "refused" in r.getMessage()]
            assert len(refusals) == 1
            assert refusals[0].startswith(
                "control channel: refused a connection from account 65534"
            )
            # A staff member (here a supplementary group) and the owner are served.
            assert status_from_json(_as_account(served.address, [STAFF_GID])).running
            assert ask_status(served).running
            assert served.refused == 1
        finally:
            served.close()
    finally:
        shutil.rmtree(folder, ignore_errors=True)
