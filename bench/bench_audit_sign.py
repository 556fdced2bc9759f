"""Signed audit entries (issue 18 §1) against unsigned ones, in the same run on the same store.

Run: ``.venv/bin/python bench/bench_audit_sign.py``. A real SQLCipher store in a temporary
folder, opened as the service would be (an Ed25519 signer on the store). Two shapes:

* **own commit**: each entry in its own transaction (``synchronous = FULL``: one fsync each), as
  an operation or a single engine step writes it;
* **in a dispatch**: 500 entries inside one transaction, as the engine's entries of one dispatch
  commit with its work — where only the CPU cost of signing shows.

The engine writes two entries per dispatch (``dispatch.enqueue`` with the recipients'
INSERT … SELECT, ``dispatch.done`` after the last send), not one per recipient: the added cost
per dispatch is printed too.

"unsigned" is the same store with its signer taken away (the code path of an entry written
with nobody's key, which costs what the log cost before signatures: the HMAC chain only).
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

os.environ.setdefault("KISHOMAIL_TEST_FAST_KDF", "1")  # the login's cost is not measured

from dispatch.base.clock import SystemClock
from dispatch.records.audit import AuditLog
from dispatch.store import vault
from dispatch.store.database import Store, transaction

ROUNDS = 3


def own_commits(store: Store, count: int) -> float:
    audit = AuditLog(store.connection(), SystemClock())
    start = time.perf_counter()
    for n in range(count):
        audit.append("system", "dispatch.step", target=f"dispatch:{n}", detail={"n": n})
    return count / (time.perf_counter() - start)


def in_one_dispatch(store: Store, count: int) -> float:
    connection = store.connection()
    audit = AuditLog(connection, SystemClock())
    start = time.perf_counter()
    with transaction(connection):
        for n in range(count):
            audit.append("system", "dispatch.step", target=f"dispatch:{n}", detail={"n": n})
    return count / (time.perf_counter() - start)


def best(store: Store, signed: bool, shape: str) -> float:
    signer = store.audit_signer
    store.audit_signer = signer if signed else None
    try:
        measure = own_commits if shape == "own" else in_one_dispatch
        count = 200 if shape == "own" else 500
        return max(measure(store, count) for _ in range(ROUNDS))
    finally:
        store.audit_signer = signer


def main() -> int:
    with tempfile.TemporaryDirectory() as folder:
        store, _ = vault.create_store(Path(folder) / "store", "admin", "bench-password-1")
        assert store.audit_signer is not None
        for shape, label in (("own", "own commit each"), ("dispatch", "500 in one dispatch")):
            # Alternate, so that neither side gets a warmer cache or an emptier WAL.
            unsigned = best(store, False, shape)
            signed = best(store, True, shape)
            unsigned = max(unsigned, best(store, False, shape))
            signed = max(signed, best(store, True, shape))
            added = (1 / signed - 1 / unsigned) * 1e6
            print(
                f"{label:<22} unsigned {unsigned:9,.0f} entries/s   signed {signed:9,.0f} "
                f"entries/s   signed/unsigned {signed / unsigned:5.2f}   +{added:,.0f} µs/entry"
            )
            if shape == "dispatch":
                print(
                    f"  a dispatch writes 2 entries (dispatch.enqueue, dispatch.done): "
                    f"+{2 * added / 1000:.2f} ms per dispatch for the signatures"
                )
        start = time.perf_counter()
        report = AuditLog(store.connection()).verify()
        took = time.perf_counter() - start
        print(
            f"verify: {report.checked:,} entries ({report.signed:,} signed) in {took:.2f} s, "
            f"{report.checked / took:,.0f} entries/s; intact: {report.ok}"
        )
        store.close_thread_connection()
    return 0


if __name__ == "__main__":
    sys.exit(main())
