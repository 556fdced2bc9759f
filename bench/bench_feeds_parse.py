"""Feed-adapter figures: telegram parse rate, long-feed filter time, memory under a 60 MB feed.

Run: ``.venv/bin/python bench/bench_feeds_parse.py``. Each figure is printed with a baseline
measured in the same run (plain ``xml.etree.ElementTree.fromstring`` of the same bytes), so the
ratio says what safety and extraction cost on this machine. Targets (issue 3 §6): ≥ 300 telegrams/s,
extra_l.xml read and filtered in ≤ 0.3 s, memory bounded for a 60 MB hostile feed.
"""

from __future__ import annotations

import sys
import threading
import time
import tracemalloc
import xml.etree.ElementTree as ET
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from feeds.atom import AtomPoller, parse_atom, wanted_entries  # noqa: E402
from feeds.errors import FeedTooLargeError  # noqa: E402
from feeds.jma import parse_telegram  # noqa: E402

DATA = ROOT / "tests" / "data" / "jma"
ROUNDS = 20


def best_of(runs: int, action) -> float:  # type: ignore[no-untyped-def]
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        timings.append(time.perf_counter() - start)
    return min(timings)


def parse_rate() -> None:
    documents = [
        (path.name, path.read_bytes())
        for path in sorted(DATA.rglob("*.xml"))
        if path.parent.name != "atom"
    ]
    size = sum(len(data) for _, data in documents)

    def ours() -> None:
        for name, data in documents:
            parse_telegram(data, name)

    def baseline() -> None:
        for _, data in documents:
            ET.fromstring(data)  # noqa: S314 - trusted test data, baseline only

    ours_s = best_of(ROUNDS, ours)
    base_s = best_of(ROUNDS, baseline)
    rate = len(documents) / ours_s
    print(f"telegrams: {len(documents)} files, {size / 1024:.0f} KiB")
    print(f"  parse_telegram     {rate:8.0f} telegrams/s  ({ours_s * 1000:.1f} ms per set)")
    print(f"  ET.fromstring      {len(documents) / base_s:8.0f} telegrams/s  (baseline)")
    print(f"  ratio              {ours_s / base_s:8.2f} × baseline time   target ≥ 300/s: "
          f"{'OK' if rate >= 300 else 'MISSED'}")  # fmt: skip


def long_feed() -> None:
    path = DATA / "atom" / "extra_l.xml"

    def ours() -> None:
        entries = parse_atom(path.read_bytes(), path.name)
        wanted_entries(entries)

    def baseline() -> None:
        ET.fromstring(path.read_bytes())  # noqa: S314 - trusted test data, baseline only

    ours_s = best_of(5, ours)
    base_s = best_of(5, baseline)
    count = len(parse_atom(path.read_bytes(), path.name))
    print(f"extra_l.xml: {path.stat().st_size / 1e6:.1f} MB, {count} entries")
    print(f"  read + parse + filter  {ours_s:.3f} s   target ≤ 0.3 s: "
          f"{'OK' if ours_s <= 0.3 else 'MISSED'}")  # fmt: skip
    print(f"  ET.fromstring          {base_s:.3f} s   ratio {ours_s / base_s:.2f}")


class _Endless(BaseHTTPRequestHandler):
    """A 60 MB feed sent in 64 KiB chunks with no Content-Length."""

    def do_GET(self) -> None:
        self.send_response(200)
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        chunk = b"<entry>" + b"x" * (64 * 1024 - 7)
        try:
            for _ in range(60 * 16):
                self.wfile.write(f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n")
            self.wfile.write(b"0\r\n\r\n")
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client hung up at the cap, as it should

    def log_message(self, format: str, *args: object) -> None:
        return


def hostile_feed() -> None:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Endless)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/feed.xml"
    cap = 32 * 1024 * 1024
    tracemalloc.start()
    start = time.perf_counter()
    with AtomPoller([url], max_feed_bytes=cap) as poller:
        try:
            poller.poll()
            outcome = "ACCEPTED (wrong)"
        except FeedTooLargeError:
            outcome = "rejected by the cap"
    elapsed = time.perf_counter() - start
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    server.shutdown()
    server.server_close()
    print(f"60 MB hostile feed (no Content-Length), cap {cap // 2**20} MiB: {outcome}")
    print(f"  peak Python memory {peak / 2**20:.1f} MiB (bounded by the cap), {elapsed:.2f} s")


if __name__ == "__main__":
    parse_rate()
    long_feed()
    hostile_feed()
