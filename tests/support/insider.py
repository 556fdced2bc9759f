"""A dishonest staff member with the data folder's files and their own password, as a separate
process: ``python -m tests.support.insider DATA_DIR NAME [--delete SEQ] [--edit SEQ]
[--truncate-to N] [--resign own|keep] [--replace-key VICTIM]`` (the password in
``INSIDER_PASSWORD``). It opens the store with the data key their password unseals, drops the
triggers, changes the log, renumbers and re-chains every entry (a correct HMAC chain: the
HMAC key is in the store), re-signs what it can, and writes the head. Only kishomail's own
primitives are used, as an insider would copy them from the source.
"""

from __future__ import annotations

import argparse
import os
import sys
from dataclasses import replace
from pathlib import Path

from dispatch.records.audit import chain_hash, signed_message
from dispatch.store.database import open_database
from dispatch.store.files import DB_FILE, KEY_FILE
from dispatch.store.keys import KeyFile
from dispatch.store.signing import AuditKey, AuditSigner, new_signing_key

Row = list[object]


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("data_dir", type=Path)
    parser.add_argument("name")
    parser.add_argument("--delete", type=int, action="append", default=[])
    parser.add_argument("--edit", type=int, action="append", default=[])
    parser.add_argument("--truncate-to", type=int)
    parser.add_argument("--resign", choices=("own", "keep"), default="keep")
    parser.add_argument("--replace-key", metavar="VICTIM")
    args = parser.parse_args(argv)
    keyfile = KeyFile.load(args.data_dir / KEY_FILE)
    data_key, own, _ = keyfile.unlock_account(args.name, os.environ["INSIDER_PASSWORD"])
    connection = open_database(args.data_dir / DB_FILE, data_key)
    for trigger in ("audit_log_no_update", "audit_log_no_delete", "audit_keys_no_delete"):
        connection.execute(f"DROP TRIGGER IF EXISTS {trigger}")
    rows: list[Row] = [
        list(row)
        for row in connection.execute(
            "SELECT seq, at, actor, action, target, outcome, detail, signer, signature "
            "FROM audit_log ORDER BY seq"
        )
    ]
    rows = [row for row in rows if row[0] not in args.delete]
    if args.truncate_to is not None:
        rows = [row for row in rows if int(str(row[0])) <= args.truncate_to]
    for row in rows:
        if row[0] in args.edit:
            row[5] = "ok" if row[5] != "ok" else "denied"
    signers = {own.key_id: own}
    if args.replace_key:
        signers.update(replace_key(connection, args.data_dir, keyfile, args.replace_key))
    rechain(connection, rows, signers, own if args.resign == "own" else None)
    return 0


def replace_key(
    connection: object, data_dir: Path, keyfile: KeyFile, victim: str
) -> dict[str, AuditSigner]:
    """Give ``victim`` a signing key the insider holds, in the store and in the key file."""
    forged = AuditSigner(victim, new_signing_key())
    old_ids = [kid for kid, key in keyfile.audit_keys.items() if key.actor == victim]
    execute = connection.execute  # type: ignore[attr-defined]
    for kid in old_ids:
        execute("DELETE FROM audit_keys WHERE key_id = ?", (kid,))
    execute(
        "INSERT INTO audit_keys (key_id, actor, public_key) VALUES (?, ?, ?)",
        (forged.key_id, victim, forged.public_key),
    )
    keys = {k: v for k, v in keyfile.audit_keys.items() if k not in old_ids}
    keys[forged.key_id] = AuditKey(victim, forged.public_key)
    slot = replace(keyfile.account(victim), signing_public_key=forged.public_key)
    replace(keyfile.with_account(victim, slot), audit_keys=keys).save(data_dir / KEY_FILE)
    return {kid: forged for kid in old_ids}


def rechain(
    connection: object, rows: list[Row], signers: dict[str, AuditSigner], own: AuditSigner | None
) -> None:
    execute = connection.execute  # type: ignore[attr-defined]
    key = bytes.fromhex(execute("SELECT value FROM meta WHERE key = 'audit_key'").fetchone()[0])
    execute("BEGIN IMMEDIATE")
    execute("DELETE FROM audit_log")
    prev = bytes(32)
    for seq, row in enumerate(rows, start=1):
        _, at, actor, action, target, outcome, detail, signer, signature = row
        message = signed_message(
            prev, seq, str(at), str(actor), str(action), str(target), str(outcome), str(detail)
        )
        entry_hash = chain_hash(key, message)
        by = signers.get(str(signer)) or own
        if by is not None and signer is not None:
            signer, signature = by.key_id, by.sign(message)
        execute(
            "INSERT INTO audit_log (seq, at, actor, action, target, outcome, detail, prev_hash, "
            "hash, signer, signature) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (seq, at, actor, action, target, outcome, detail, prev, entry_hash, signer, signature),
        )
        prev = entry_hash
    execute(
        "INSERT OR REPLACE INTO meta (key, value) VALUES ('audit_head', ?)",
        (f"{len(rows)}:{prev.hex()}",),
    )
    execute("COMMIT")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
