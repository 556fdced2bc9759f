"""Mail transport throughput against a bare smtplib baseline, measured in the same run.

    python bench/bench_smtp_transport.py                      # full sizes (about a minute or two)
    python bench/bench_smtp_transport.py --quick              # small sizes, a few seconds
    python bench/bench_smtp_transport.py --server HOST:PORT --cafile CA.pem   # e.g. postfix

Unless ``--server`` is given, an aiosmtpd server (STARTTLS, PIPELINING, a fresh self-signed
CA) runs in its own process, so that it does not share the client's GIL. The latency
scenario puts a proxy (also its own process) in front of the server that delays every
server-to-client byte by ``--latency-ms``: one round trip per command, as to a relay across
a WAN; pipelined commands share it, as on a real link.

Each scenario sends the same pre-built envelopes twice over the same number of TLS
connections: first with the baseline (one smtplib connection per thread, ``sendmail`` in a
loop), then with ``dispatch.mail.smtp.MailTransport``; it prints both rates and the ratio.
"""

from __future__ import annotations

import argparse
import email.policy
import queue
import smtplib
import ssl
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from email.message import EmailMessage
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from dispatch.mail.message import (  # noqa: E402
    UNSUBSCRIBE_URL_SLOT,
    Envelope,
    MessageContent,
    MessageTemplate,
    Mode,
    message_id_for,
)
from dispatch.mail.smtp import MailTransport, Outcome, SmtpSettings  # noqa: E402

BODY = (
    "【大雨警報】千代田区に大雨警報（土砂災害、浸水害）が発表されました。\n"
    "気象庁発表　東京管区気象台\n\n"
    "低い土地の浸水、土砂災害に警戒してください。\n"
    "区の避難情報に注意し、危険を感じたら早めに避難してください。\n\n"
)
OFFICE = "bousai@city.example.jp"


@dataclass
class Figure:
    seconds: float
    messages: int
    recipients: int
    accepted: int

    @property
    def msgs_per_s(self) -> float:
        return self.messages / self.seconds

    @property
    def rcpts_per_s(self) -> float:
        return self.recipients / self.seconds


def individual_envelopes(count: int) -> list[Envelope]:
    template = MessageTemplate(
        MessageContent(
            subject="【大雨警報】千代田区",
            body=BODY + "配信の停止: " + UNSUBSCRIBE_URL_SLOT + "\n",
            office_address=OFFICE,
            office_name="千代田区防災課",
        ),
        Mode.INDIVIDUAL,
    )
    return [
        template.individual(
            f"user{n}@example.jp",
            message_id_for("bench", str(n), domain="city.example.jp"),
            f"https://mail.city.example.jp/u/{n:08d}",
        )
        for n in range(count)
    ]


def batch_envelopes(recipients: int, size: int) -> list[Envelope]:
    template = MessageTemplate(
        MessageContent(subject="【大雨警報】千代田区", body=BODY, office_address=OFFICE),
        Mode.BATCH,
    )
    addresses = [f"user{n}@example.jp" for n in range(recipients)]
    return [
        template.batch(addresses[i : i + size], f"<batch-{i}@city.example.jp>")
        for i in range(0, recipients, size)
    ]


def baseline(host: str, port: int, cafile: Path, envelopes: list[Envelope], conns: int) -> Figure:
    """The bare loop: smtplib, one verified STARTTLS connection per thread, sendmail()."""
    work: queue.SimpleQueue[Envelope] = queue.SimpleQueue()
    for envelope in envelopes:
        work.put(envelope)
    accepted = [0] * conns
    context = ssl.create_default_context(cafile=str(cafile))
    ready = threading.Barrier(conns + 1)

    def run(slot: int) -> None:
        client = smtplib.SMTP(host, port, local_hostname="bench", timeout=60)
        client.starttls(context=context)
        client.ehlo()
        ready.wait()
        while True:
            try:
                envelope = work.get_nowait()
            except queue.Empty:
                break
            refused = client.sendmail(envelope.sender, list(envelope.recipients), envelope.data)
            accepted[slot] += len(envelope.recipients) - len(refused)
        client.quit()

    threads = [threading.Thread(target=run, args=(n,)) for n in range(conns)]
    for thread in threads:
        thread.start()
    ready.wait()  # connections are set up before the clock starts, as for the transport
    started = time.perf_counter()
    for thread in threads:
        thread.join()
    seconds = time.perf_counter() - started
    return Figure(seconds, len(envelopes), sum(len(e.recipients) for e in envelopes), sum(accepted))


def transport(host: str, port: int, cafile: Path, envelopes: list[Envelope], conns: int) -> Figure:
    settings = SmtpSettings(
        host=host, port=port, cafile=cafile, connections=conns, domain_policies=()
    )
    with MailTransport(settings) as mail:
        mail.check_connection()
        # Open the pool before the clock starts (the baseline does the same).
        warm = individual_envelopes(conns)
        list(mail.send(warm))
        started = time.perf_counter()
        accepted = sum(r.outcome is Outcome.ACCEPTED for r in mail.send(envelopes))
        seconds = time.perf_counter() - started
    return Figure(seconds, len(envelopes), sum(len(e.recipients) for e in envelopes), accepted)


def compare(
    title: str, host: str, port: int, cafile: Path, envelopes: list[Envelope], conns: int
) -> tuple[Figure, Figure]:
    base = baseline(host, port, cafile, envelopes, conns)
    ours = transport(host, port, cafile, envelopes, conns)
    print(f"\n{title}  ({len(envelopes):,} envelopes, {conns} TLS connections)")
    for name, fig in (("baseline smtplib loop", base), ("MailTransport", ours)):
        print(
            f"  {name:<22} {fig.seconds:7.2f} s  {fig.msgs_per_s:8.0f} msg/s"
            f"  {fig.rcpts_per_s:9.0f} rcpt/s  accepted {fig.accepted:,}/{fig.recipients:,}"
        )
    print(f"  ratio MailTransport / baseline: {base.seconds / ours.seconds:.2f}x")
    return base, ours


def per_recipient_cost() -> None:
    template = MessageTemplate(
        MessageContent(
            subject="【大雨警報】千代田区", body=BODY + UNSUBSCRIBE_URL_SLOT, office_address=OFFICE
        ),
        Mode.INDIVIDUAL,
    )
    n = 20000
    started = time.perf_counter()
    for i in range(n):
        template.individual(f"u{i}@example.jp", f"<{i}@city.example.jp>", "https://x.jp/u/1")
    substituted = (time.perf_counter() - started) / n
    started = time.perf_counter()
    for i in range(500):
        msg = EmailMessage(policy=email.policy.SMTP)
        msg["From"], msg["To"], msg["Subject"] = OFFICE, f"u{i}@example.jp", "【大雨警報】千代田区"
        msg.set_content(BODY + "https://x.jp/u/1")
        msg.as_bytes()
    built = (time.perf_counter() - started) / 500
    print(
        f"per-recipient bytes: substitution {substituted * 1e6:.1f} µs, "
        f"EmailMessage per recipient {built * 1e3:.2f} ms ({built / substituted:.0f}x)"
    )


def start_process(args: list[str]) -> tuple[subprocess.Popen[str], str]:
    process = subprocess.Popen(
        [sys.executable, *args], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd=REPO
    )
    assert process.stdout is not None
    return process, process.stdout.readline().strip()


def stop_process(process: subprocess.Popen[str]) -> str:
    out, _ = process.communicate("", timeout=30)
    return out.strip()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--server", help="HOST:PORT of a STARTTLS server to use instead")
    parser.add_argument("--cafile", type=Path, help="CA file that signed --server's certificate")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--batch-recipients", type=int, default=100_000)
    parser.add_argument("--batch-size", type=int, default=50)
    parser.add_argument("--individual", type=int, default=10_000)
    parser.add_argument("--latency-ms", type=float, default=5.0)
    parser.add_argument("--latency-messages", type=int, default=3_000)
    parser.add_argument("--latency-connections", type=int, default=8)
    parser.add_argument("--quick", action="store_true", help="small sizes (smoke run)")
    args = parser.parse_args()
    if args.quick:
        args.batch_recipients, args.individual, args.latency_messages = 5_000, 500, 300
    if args.server and not args.cafile:
        parser.error("--server needs --cafile (verification is never switched off)")

    processes: list[subprocess.Popen[str]] = []
    try:
        if args.server:
            host, _, port_text = args.server.rpartition(":")
            port, cafile = int(port_text), args.cafile
        else:
            server, line = start_process(["-m", "tests.support.smtp_server"])
            processes.append(server)
            port_text, cafile_text = line.split(" ", 1)
            host, port, cafile = "127.0.0.1", int(port_text), Path(cafile_text)
        python = sys.version.split()[0]
        print(f"server {host}:{port}, sharing the CPUs with the client; Python {python}")
        per_recipient_cost()

        figures: dict[str, tuple[Figure, Figure]] = {}
        if args.batch_recipients > 0:
            envelopes = batch_envelopes(args.batch_recipients, args.batch_size)
            figures["batch"] = compare(
                f"batch mode: {args.batch_recipients:,} recipients, {args.batch_size} per envelope",
                host, port, cafile, envelopes, args.connections,
            )  # fmt: skip
        if args.individual > 0:
            figures["individual"] = compare(
                f"individual mode: {args.individual:,} messages",
                host, port, cafile, individual_envelopes(args.individual), args.connections,
            )  # fmt: skip
        if args.latency_ms > 0 and args.latency_messages > 0:
            proxy, proxy_port = start_process(
                ["-m", "tests.support.latency_proxy", host, str(port), str(args.latency_ms)]
            )
            processes.append(proxy)
            figures["latency"] = compare(
                f"individual mode, {args.latency_ms:g} ms added per command round trip: "
                f"{args.latency_messages:,} messages",
                "127.0.0.1", int(proxy_port), cafile,
                individual_envelopes(args.latency_messages), args.latency_connections,
            )  # fmt: skip

        print("\nsummary")
        targets: dict[str, Callable[[Figure, Figure], str]] = {
            "batch": lambda b, o: f"ratio {b.seconds / o.seconds:.2f}x (target ≥ 0.8x)",
            "individual": lambda b, o: f"ratio {b.seconds / o.seconds:.2f}x (target ≥ 0.85x)",
            "latency": lambda b, o: f"{o.msgs_per_s:.0f} msg/s (target ≥ 400 msg/s)",
        }
        for name, (base, ours) in figures.items():
            print(f"  {name:<11} {targets[name](base, ours)}")
    finally:
        for process in reversed(processes):
            report = stop_process(process)
            if report:
                print(f"  server/proxy report: {report}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
