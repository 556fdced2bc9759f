"""The local mailbox kept in the encrypted store, against a keeper that keeps messages in memory.

    .venv/bin/python bench/bench_mailbox.py            # 2,000 individual messages
    .venv/bin/python bench/bench_mailbox.py --quick    # 300 (a smoke run)

The embedded sink (no relay set) used to write each message as two plain files; it now hands
each one to a keeper, and the engine's keeper (``dispatch.records.mailbox.StoreKeeper``) writes
it into the SQLCipher store in one transaction (``synchronous = FULL``). Both runs send the
same pre-built individual messages with ``MailTransport`` over the same four TLS connections
to the same kind of sink: the **baseline** keeps them in memory (``MemoryKeeper``: the sink's
own TLS and SMTP work only), then the store keeper keeps them in a fresh store. The ratio is
baseline time / store time (1.0: keeping in the store costs nothing on top).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bench.bench_smtp_transport import individual_envelopes  # noqa: E402
from dispatch.mail.sink import Keeper, MailSink, MemoryKeeper  # noqa: E402
from dispatch.mail.smtp import MailTransport, Outcome  # noqa: E402
from dispatch.operations.session import WITHOUT_TOTP, initialise  # noqa: E402
from dispatch.records.mailbox import StoreKeeper, count_messages  # noqa: E402

CONNECTIONS = 4


def send(folder: Path, keeper: Keeper, count: int) -> float:
    envelopes = individual_envelopes(count)
    with MailSink(folder, keeper) as sink:
        transport = MailTransport(sink.smtp_settings(connections=CONNECTIONS))
        try:
            transport.check_connection()  # the TLS files exist before the clock starts
            start = time.perf_counter()
            results = list(transport.send(envelopes))
            seconds = time.perf_counter() - start
        finally:
            transport.close()
    accepted = sum(1 for r in results if r.outcome is Outcome.ACCEPTED)
    if accepted != count:
        raise SystemExit(f"only {accepted} of {count} messages were accepted")
    return seconds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--messages", type=int, default=2000)
    parser.add_argument("--quick", action="store_true", help="300 messages")
    args = parser.parse_args()
    count = 300 if args.quick else args.messages
    with tempfile.TemporaryDirectory(prefix="kishomail-bench-mailbox-") as work:
        folder = Path(work)
        memory = MemoryKeeper()
        base = send(folder / "memory-sink", memory, count)
        session, _ = initialise(folder / "store", "admin", "admin-password-1", totp=WITHOUT_TOTP)
        store = send(folder / "store" / "mailsink", StoreKeeper(session.store), count)
        kept = count_messages(session.connection)
        session.close()
    if len(memory.messages) != count or kept != count:
        raise SystemExit(f"kept {len(memory.messages)} in memory and {kept} in the store")
    print(f"{count:,} individual messages, {CONNECTIONS} TLS connections to the embedded sink")
    print(f"  baseline (kept in memory):     {base:6.2f} s  {count / base:7.0f} msg/s")
    print(f"  kept in the encrypted store:   {store:6.2f} s  {count / store:7.0f} msg/s")
    print(f"  ratio baseline / store: {base / store:.2f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
