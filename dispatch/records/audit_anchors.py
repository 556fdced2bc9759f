"""The audit chain's head anchored outside the store: ``audit-anchors.log``.

The installed service (and only it: it alone holds the service slot's signing key) appends one
line to ``audit-anchors.log`` in the machine folder (:func:`dispatch.base.paths.service_dir`,
beside ``service.json``) each time it starts and with each daily summary: the store's id, the
number and hash of the last entry, every signing key the store knows, the time, the service's
Ed25519 signature over all of that and, where the ward has an RFC 3161 timestamp authority
(``audit.tsa_url``), the authority's token. The daily summary mail carries the same line, so a
copy also sits in the office's mailboxes.

The file is opened for appending only and created 0640: the service's account writes it, staff
(the group) read it, and the folder (root's, 0755) lets nobody else replace it. ``audit verify``
reads it to tell entries cut off the end and a log rewritten or re-signed after an anchor.
"""

from __future__ import annotations

import base64
import json
import logging
import os
import shutil
from dataclasses import replace
from pathlib import Path
from typing import Any

from dispatch.base.clock import Clock, to_iso
from dispatch.base.errors import KeyFileError, StoreFull
from dispatch.base.paths import service_dir
from dispatch.records.audit import AuditLog
from dispatch.records.audit_check import Anchor, VerifyReport
from dispatch.store.database import Connection
from dispatch.store.signing import AuditSigner
from dispatch.store.vault import load_keyfile

log = logging.getLogger(__name__)

ANCHORS_FILE = "audit-anchors.log"
#: The header of the office's control copy of each dispatch that carries the audit head.
AUDIT_HEAD_HEADER = "X-Kishomail-Audit-Head"
_HEAD_PREFIX = b"kishomail-audit-head/1\0"


def audit_head_header(connection: Connection, store_id: str, signer: AuditSigner | None) -> str:
    """``seq=N; hash=H`` and, with a signer, ``; key=ID; sig=BASE64`` (Ed25519 over
    ``kishomail-audit-head/1``, NUL, the store id, NUL, N, NUL, H): the head as it was when
    the mail left, kept by the office's mailbox. ASCII, folded after each ``;``."""
    seq, head = AuditLog(connection).head()
    parts = [f"seq={seq}", f"hash={head}"]
    if signer is not None:
        message = _HEAD_PREFIX + f"{store_id}\0{seq}\0{head}".encode("ascii")
        signature = base64.b64encode(signer.sign(message)).decode("ascii")
        parts += [f"key={signer.key_id}", f"sig={signature}"]
    return ";\r\n ".join(parts)


def verify_outside_in(
    connection: Connection,
    data_dir: Path,
    clock: Clock | None = None,
    anchors_file: Path | None = None,
) -> VerifyReport:
    """:meth:`AuditLog.verify` against what lies outside the store: the key file's public keys
    and this store's anchors (``anchors_file``: the machine folder's unless given — say, lines
    kept from the daily summary mails)."""
    try:
        keyfile = load_keyfile(data_dir)
    except KeyFileError:  # the report says the store's copy of the keys was used
        return AuditLog(connection, clock).verify()
    anchors, unreadable = read_anchors(anchors_file or anchors_path(), keyfile.store_id)
    trusted = keyfile.audit_keys
    report = AuditLog(connection, clock).verify(trusted, anchors)
    if unreadable:
        report = replace(report, problems=report.problems + tuple(unreadable))
    return report


def make_anchor(connection: Connection, store_id: str, signer: AuditSigner, clock: Clock) -> Anchor:
    """The chain's head now, signed with ``signer`` (the service's key)."""
    audit = AuditLog(connection, clock)
    seq, head = audit.head()
    unsigned = Anchor(store_id, seq, head, to_iso(clock.now()), audit.known_keys())
    return Anchor(
        unsigned.store_id,
        unsigned.seq,
        unsigned.head,
        unsigned.at,
        unsigned.keys,
        key_id=signer.key_id,
        signature=signer.sign(unsigned.message()),
    )


def with_timestamp(anchor: Anchor, token: bytes) -> Anchor:
    return Anchor(
        anchor.store_id,
        anchor.seq,
        anchor.head,
        anchor.at,
        anchor.keys,
        key_id=anchor.key_id,
        signature=anchor.signature,
        timestamp_token=token,
    )


def anchor_line(anchor: Anchor) -> str:
    """One line of the anchors file (JSON), also quoted in the daily summary."""
    document: dict[str, Any] = {
        "store_id": anchor.store_id,
        "seq": anchor.seq,
        "head": anchor.head,
        "at": anchor.at,
        "keys": dict(sorted(anchor.keys.items())),
        "key_id": anchor.key_id,
        "signature": base64.b64encode(anchor.signature).decode("ascii"),
    }
    if anchor.timestamp_token:
        document["timestamp_token"] = base64.b64encode(anchor.timestamp_token).decode("ascii")
    return json.dumps(document, ensure_ascii=False, separators=(",", ":"))


def append_anchor(directory: Path, anchor: Anchor) -> Path:
    """Append ``anchor`` to the anchors file in ``directory`` (created 0640)."""
    path = directory / ANCHORS_FILE
    data = (anchor_line(anchor) + "\n").encode("utf-8")
    try:
        fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o640)
        try:
            os.write(fd, data)
            os.fsync(fd)
        finally:
            os.close(fd)
    except OSError as error:
        raise StoreFull(
            f"The audit anchor could not be appended to {path} ({error.strerror or error}). "
            "The service's account must be able to append to that file: install the service "
            "again, or free space on that disk."
        ) from None
    return path


def prepare_anchors_file(directory: Path, owner: str, group: str | None) -> Path:
    """At ``service install`` (as root): the anchors file exists, 0640, owned by the service's
    account and readable by the staff group, in root's machine folder (nobody else may
    replace it)."""
    path = directory / ANCHORS_FILE
    os.close(os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o640))
    if os.name == "posix":
        os.chmod(path, 0o640)
        if os.geteuid() == 0:
            try:
                shutil.chown(path, user=owner, group=group)
            except (LookupError, OSError):  # no such account or group (yet): root keeps it
                log.warning("the audit anchors file stays root's: no account %s", owner)
    return path


def anchors_path() -> Path:
    """The machine's anchors file (in :func:`dispatch.base.paths.service_dir`)."""
    return service_dir() / ANCHORS_FILE


def read_anchors(path: Path, store_id: str) -> tuple[list[Anchor], list[str]]:
    """This store's anchors from the file ``path``, and the lines that could not be read (as
    problems). No file: no anchors."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return [], []
    except OSError as error:
        return [], [f"the anchors file {path} cannot be read ({error.strerror or error})"]
    anchors: list[Anchor] = []
    problems: list[str] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            anchor = _parse(line)
        except (ValueError, KeyError, TypeError):
            problems.append(f"line {number} of the anchors file {path} is damaged")
            continue
        if anchor.store_id == store_id:
            anchors.append(anchor)
    return anchors, problems


def _parse(line: str) -> Anchor:
    document = json.loads(line)
    keys = document["keys"]
    if not isinstance(keys, dict):
        raise TypeError("keys")
    return Anchor(
        store_id=str(document["store_id"]),
        seq=int(document["seq"]),
        head=str(document["head"]),
        at=str(document["at"]),
        keys={str(k): str(v) for k, v in keys.items()},
        key_id=str(document["key_id"]),
        signature=base64.b64decode(document["signature"], validate=True),
        timestamp_token=base64.b64decode(document.get("timestamp_token", ""), validate=True),
    )
