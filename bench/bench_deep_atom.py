"""A deeply nested 28 MB Atom document (issue 18 §8): time and peak memory of ``parse_atom``
refusing it, against the same run's baseline of plain ``ElementTree.fromstring`` building it.

Run: ``.venv/bin/python bench/bench_deep_atom.py``. Each side runs in a child process so its
peak resident memory (``ru_maxrss``) is its own. Before the depth bound, ``parse_atom`` cost
what the baseline costs (about 1.1 GB and 7 s on the office PC); now it stops at depth 64.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

CHILD = r"""
import resource, sys, time
sys.path.insert(0, {root!r})
depth = (28 * 1000 * 1000) // 7
doc = b'<feed xmlns="http://www.w3.org/2005/Atom">' + b"<a>" * depth + b"</a>" * depth + b"</feed>"
sys.setrecursionlimit(10**7)
import xml.etree.ElementTree as ET
from feeds.atom import parse_atom
from feeds.errors import AtomFeedError
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
start = time.perf_counter()
if {side!r} == "baseline":
    ET.fromstring(doc)
else:
    try:
        parse_atom(doc, "deep.xml")
    except AtomFeedError:
        pass
took = time.perf_counter() - start
after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(took, (after - before) / 1024)
"""


def measure(side: str) -> tuple[float, float]:
    out = subprocess.run(
        [sys.executable, "-c", CHILD.format(root=str(ROOT), side=side)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    return float(out[0]), float(out[1])


def main() -> int:
    base_s, base_mb = measure("baseline")
    ours_s, ours_mb = measure("parse_atom")
    print(f"baseline ElementTree.fromstring: {base_s:8.3f} s, +{base_mb:8.1f} MB peak")
    print(f"parse_atom (depth bound 64):     {ours_s:8.4f} s, +{ours_mb:8.1f} MB peak")
    print(f"ratio baseline/ours: time {base_s / max(ours_s, 1e-6):,.0f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
