"""How close individual mode comes to the floor of any client that speaks TLS (issue 20 point 2).

``bench_dispatch.py`` compares the engine with postfix's own ``smtp-source -N`` (C, no TLS).
This bench puts three contenders between them, to the same postfix, with the same number of
sessions: a **minimal TLS client** — a raw socket, the certificate verified, PIPELINING with
each message's text in the same write as the next message's commands (as the engine sends),
no store, no records, no retries — sending the engine's own messages from one sender, as
``smtp-source`` does; the same client with a bounce address of its own for each message, as
the engine sends them (VERP); and the engine's transport alone (``MailTransport``, the same
messages and senders built up front). The rounds alternate their order (one run of the same
thing varies by up to ±15 % on this machine), and the summary gives the mean of each and the
ratios:

- minimal TLS client / smtp-source -N: what TLS and the messages' own content cost;
- the same + VERP / minimal TLS client: what a bounce address a message costs postfix (it
  rewrites and resolves each new sender; a repeated one it has cached);
- transport alone / the same + VERP: what the transport's machinery costs (its pool,
  pacing, retries, outcomes);
- engine / transport alone: what the engine's store work costs on top (claims, records,
  the messages' rendering), on a machine whose two cores it shares with postfix.

Each line also gives the sender's CPU per message (this process's, or smtp-source's): on a
machine whose cores the sender shares with postfix, what it spends postfix lacks; and
postfix's side (its daemons, from /proc): its CPU a message, and the system calls its smtpd
made a message, which do not vary from round to round as the times do.

``--separate-cores`` runs postfix's daemons on the last core and the senders on the others
(Linux CPU affinity): as with a relay on its own machine, a sender's CPU is then not taken from
postfix, and the ratios show what each sender does with the relay's time alone.

Run: ``.venv/bin/python bench/bench_tls_floor.py`` (``--messages``, ``--rounds``,
``--separate-cores``).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import queue
import resource
import socket
import ssl
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import BinaryIO

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import bench_dispatch as bd
from bench_smtp_transport import transport

from dispatch.engine.assembly import build_engine
from dispatch.mail.bounces import new_token
from dispatch.mail.message import Envelope, Mode
from dispatch.operations.session import Session
from dispatch.records.bounces import bounce_sender
from dispatch.records.outbox import Outbox
from dispatch.store.database import transaction
from tests.support.postfix import postfix_unavailable

SOURCE = "smtp-source -N (C, no TLS)"
FLOOR = "minimal TLS client"
FLOOR_VERP = "minimal TLS client + VERP"
TRANSPORT = "engine's transport alone"
ENGINE = "engine"


def _replies(reader: BinaryIO, count: int) -> None:
    """Read ``count`` replies; anything but a 2xx or 354 stops the run."""
    for _ in range(count):
        line = reader.readline()
        while line[3:4] == b"-":
            line = reader.readline()
        if not line:
            raise ConnectionError("the relay hung up")
        if line[:1] not in (b"2", b"3"):
            raise RuntimeError(f"the relay refused: {line!r}")


def _message_text(data: bytes) -> bytes:
    stuffed = (b"." if data.startswith(b".") else b"") + data.replace(b"\r\n.", b"\r\n..")
    return stuffed + (b"" if stuffed.endswith(b"\r\n") else b"\r\n") + b".\r\n"


def _session(server: bd.Server, context: ssl.SSLContext, work: queue.SimpleQueue[Envelope]) -> None:
    with socket.create_connection((server.host, server.port)) as plain:
        reader = plain.makefile("rb")
        _replies(reader, 1)
        plain.sendall(b"EHLO bench.example.jp\r\nSTARTTLS\r\n")
        _replies(reader, 2)
        with context.wrap_socket(plain, server_hostname=server.host) as tls:
            reader = tls.makefile("rb")
            tls.sendall(b"EHLO bench.example.jp\r\n")
            _replies(reader, 1)
            text, owed = b"", 0  # the previous message's text goes with the next commands
            while True:
                try:
                    envelope = work.get_nowait()
                except queue.Empty:
                    break
                commands = f"MAIL FROM:<{envelope.sender}>\r\n"
                commands += "".join(f"RCPT TO:<{r}>\r\n" for r in envelope.recipients)
                tls.sendall(text + commands.encode("ascii") + b"DATA\r\n")
                _replies(reader, owed + len(envelope.recipients) + 2)
                text, owed = _message_text(envelope.data), 1
            tls.sendall(text + b"QUIT\r\n")
            _replies(reader, owed + 1)


def minimal_tls_client(server: bd.Server, envelopes: list[Envelope], conns: int) -> None:
    context = ssl.create_default_context(cafile=str(server.cafile))
    work: queue.SimpleQueue[Envelope] = queue.SimpleQueue()
    for envelope in envelopes:
        work.put(envelope)
    failures: list[BaseException] = []

    def run() -> None:
        try:
            _session(server, context, work)
        except Exception as error:
            failures.append(error)

    threads = [threading.Thread(target=run) for _ in range(conns)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if failures:
        raise failures[0]


def transport_alone(server: bd.Server, envelopes: list[Envelope], conns: int) -> None:
    """The engine's SMTP transport on its own, the messages built up front (as
    ``bench_smtp_transport.py`` runs it: a few messages open its pool first)."""
    figure = transport(server.host, server.port, server.cafile, envelopes, conns)
    if figure.accepted != len(envelopes):
        raise RuntimeError(f"the transport sent {figure.accepted:,} of {len(envelopes):,}")


def engine_drain(session: Session, count: int) -> None:
    engine = build_engine(session.store, clock=session.clock, source=bd.NoTelegrams())
    try:
        report = engine.dispatcher.drain()
    finally:
        engine.close()
    if report.accepted != count:
        raise RuntimeError(f"the engine did not send them all: {report}")


def _cpu_seconds() -> float:
    """CPU seconds spent so far by this process and its finished children (smtp-source):
    the sender's own cost, whichever contender it is (postfix's daemons are not counted)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _core_busy(core: int) -> tuple[float, float]:
    """(busy, all) clock ticks of ``core`` since boot, from /proc/stat."""
    for line in Path("/proc/stat").read_text().splitlines():
        name, *ticks = line.split()
        if name == f"cpu{core}":
            values = [float(t) for t in ticks]
            idle = values[3] + values[4]  # idle and iowait
            return sum(values) - idle, sum(values)
    raise RuntimeError(f"core {core} is not in /proc/stat")


def one_round(
    server: bd.Server,
    store: Path,
    count: int,
    conns: int,
    reverse: bool,
    postfix_core: int | None = None,
) -> dict[str, tuple[float, float]]:
    """(messages per second, CPU seconds a message) of each contender, sending to ``count``
    new subscribers."""
    mta = server.postfix
    assert mta is not None
    session = bd.make_store(store, count, bd.relay(server, conns, Mode.INDIVIDUAL))
    try:
        with transaction(session.connection):
            outbox = Outbox(session.connection, session.clock, "example.jp")
            dispatch_id = outbox.enqueue_alert(bd.ALERT, "bench")
        assert dispatch_id is not None
        envelopes = bd.baseline_envelopes(session, dispatch_id, Mode.INDIVIDUAL)
        # The same messages from a bounce address of their own each, as the engine sends them.
        sender = bounce_sender(session.connection)
        own_senders = [replace(e, sender=sender(new_token())) for e in envelopes]
        contenders: list[tuple[str, Callable[[], object]]] = [
            (SOURCE, lambda: bd.smtp_source(server, envelopes, conns)),
            (FLOOR, lambda: minimal_tls_client(server, envelopes, conns)),
            (FLOOR_VERP, lambda: minimal_tls_client(server, own_senders, conns)),
            (TRANSPORT, lambda: transport_alone(server, own_senders, conns)),
            (ENGINE, lambda: engine_drain(session, count)),
        ]
        figures = {}
        for name, run in reversed(contenders) if reverse else contenders:
            before = mta.sent()
            daemons_before = bd.postfix_daemons(mta)
            cpu_before = _cpu_seconds()
            core_before = _core_busy(postfix_core) if postfix_core is not None else (0.0, 0.0)
            started = time.perf_counter()
            run()
            rate = count / (time.perf_counter() - started)
            cpu = (_cpu_seconds() - cpu_before) / count
            # How busy postfix's own core was while this sender ran: below ~100 %, postfix
            # waited for the sender.
            busy = ""
            if postfix_core is not None:
                core_after = _core_busy(postfix_core)
                ticks = core_after[1] - core_before[1]
                share = (core_after[0] - core_before[0]) / ticks if ticks else 0.0
                busy = f", postfix's core busy {share:4.0%}"
            figures[name] = rate, cpu
            delivered = mta.wait_for_sent(before + count, timeout=300) - before
            work = postfix_work(daemons_before, bd.postfix_daemons(mta), count)
            print(
                f"  {name:28} {rate:6.0f} msg/s, {cpu * 1e6:4.0f} µs CPU a message{busy} "
                f"({delivered:,} delivered by postfix; {work})"
            )
        return figures
    finally:
        session.close()


def postfix_work(
    before: dict[int, bd.DaemonCounters], after: dict[int, bd.DaemonCounters], count: int
) -> str:
    """postfix's CPU a message (all its daemons) and the system calls its smtpd made a message,
    between two readings. The calls do not vary from run to run as times do: they show what
    a sender makes postfix do (a lookup more, a reply written more)."""
    spent = bd.postfix_spent(before, after)
    cpu = sum(daemon.cpu for daemon in spent.values())
    smtpd = spent.get("smtpd", bd.DaemonCounters("smtpd", 0.0, 0, 0))
    return (
        f"postfix {cpu / count * 1e6:.0f} µs CPU, smtpd {smtpd.reads / count:.1f} reads "
        f"and {smtpd.writes / count:.1f} writes a message"
    )


def pin_postfix(server: bd.Server, core: int) -> None:
    """Move the private postfix's master and every daemon it has started to ``core``; the
    daemons it starts later inherit its affinity."""
    assert server.postfix is not None
    master = server.postfix.master_pid()
    assert master is not None, "postfix is not running"
    os.sched_setaffinity(master, {core})  # first, so that no daemon forked from now escapes
    for pid in server.postfix.daemons():
        with contextlib.suppress(ProcessLookupError):  # a daemon that ended meanwhile
            os.sched_setaffinity(pid, {core})


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--messages", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument(
        "--separate-cores",
        action="store_true",
        help="postfix on the last core, the senders on the others (as a relay of its own)",
    )
    args = parser.parse_args()
    if reason := postfix_unavailable():
        print(f"postfix skipped: {reason}")
        return 0
    count, conns = args.messages, args.connections
    print(f"{count:,} messages, individual mode, {conns} sessions each, to one local postfix")
    postfix_core = None
    if args.separate_cores:
        cores = sorted(os.sched_getaffinity(0))
        if len(cores) < 2:
            parser.error("--separate-cores needs at least 2 usable cores")
        postfix_core, senders = cores[-1], set(cores[:-1])
        # Before any thread or process starts: they inherit it (postfix is moved after).
        os.sched_setaffinity(0, senders)
        print(f"postfix on core {postfix_core}, the senders on {sorted(senders)}")
    rounds: list[dict[str, tuple[float, float]]] = []
    with tempfile.TemporaryDirectory(prefix="kishomail-bench-") as folder:
        with bd.postfix_server(Path(folder)) as server:
            if postfix_core is not None:
                pin_postfix(server, postfix_core)
            for number in range(args.rounds):
                print(f"round {number + 1}")
                store = Path(folder) / f"store{number}"
                reverse = number % 2 == 1
                rounds.append(one_round(server, store, count, conns, reverse, postfix_core))
    mean = {name: sum(r[name][0] for r in rounds) / len(rounds) for name in rounds[0]}
    cpu = {name: sum(r[name][1] for r in rounds) / len(rounds) for name in rounds[0]}
    source, floor, ours = mean[SOURCE], mean[FLOOR], mean[ENGINE]
    print("\nmean of the rounds")
    for name in (SOURCE, FLOOR, FLOOR_VERP, TRANSPORT, ENGINE):
        print(f"  {name:28} {mean[name]:6.0f} msg/s, {cpu[name] * 1e6:4.0f} µs CPU a message")
    print(f"  minimal TLS client / smtp-source:     {floor / source:.2f}x")
    print(f"  the same + VERP / minimal TLS client: {mean[FLOOR_VERP] / floor:.2f}x")
    print(f"  transport alone / the same + VERP:    {mean[TRANSPORT] / mean[FLOOR_VERP]:.2f}x")
    print(f"  engine / transport alone:             {ours / mean[TRANSPORT]:.2f}x")
    print(f"  engine / smtp-source:                 {ours / source:.2f}x (target ≥ 1.0x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
