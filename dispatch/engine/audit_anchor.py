"""The service anchors the audit chain's head outside the store (at start and daily).

See :mod:`dispatch.records.audit_anchors` for the file. Where the ward runs an RFC 3161
timestamp authority (setting ``audit.tsa_url``, empty by default), the anchor's signed bytes are
also timestamped: a ``TimeStampReq`` for their SHA-256 is posted to the authority and the token
of a granted ``TimeStampResp`` is kept with the anchor. The request is written here in DER by
hand (it is five fields); the token is stored as the authority sent it and is *not* verified by
kishomail (its CMS signature and the authority's certificate are for the auditor's own tools,
e.g. ``openssl ts -verify``).
"""

from __future__ import annotations

import hashlib
import logging
import secrets
from pathlib import Path

import httpx

from dispatch.base.clock import Clock
from dispatch.base.paths import service_dir
from dispatch.records.audit_anchors import append_anchor, make_anchor, with_timestamp
from dispatch.records.audit_check import SERVICE, Anchor
from dispatch.records.settings import get_setting
from dispatch.store.database import Store

log = logging.getLogger(__name__)

#: 2.16.840.1.101.3.4.2.1 (SHA-256), DER.
_SHA256_OID = bytes.fromhex("0609608648016503040201")
_TSA_TIMEOUT = 20.0


def anchor_audit_head(store: Store, clock: Clock, directory: Path | None = None) -> Anchor | None:
    """Append the chain's head to the anchors file, signed with the service's key; None (and
    nothing written) when the store was not opened by the service slot."""
    signer = store.audit_signer
    if signer is None or signer.actor != SERVICE:
        return None
    connection = store.connection()
    anchor = make_anchor(connection, store.store_id, signer, clock)
    url = str(get_setting(connection, "audit.tsa_url") or "")
    if url:
        try:
            anchor = with_timestamp(anchor, request_timestamp(url, anchor.message()))
        except (httpx.HTTPError, ValueError) as error:
            log.warning("the timestamp authority %s gave no token (%s)", url, error)
    append_anchor(directory if directory is not None else service_dir(), anchor)
    log.info("audit chain anchored at entry %d", anchor.seq)
    return anchor


def timestamp_request(data: bytes, nonce: int) -> bytes:
    """A DER ``TimeStampReq`` (RFC 3161 §2.4.1) for SHA-256 of ``data``, asking for the
    authority's certificate in the token."""
    algorithm = _der(0x30, _SHA256_OID + b"\x05\x00")
    imprint = _der(0x30, algorithm + _der(0x04, hashlib.sha256(data).digest()))
    version = _der(0x02, b"\x01")
    nonce_bytes = nonce.to_bytes((nonce.bit_length() + 8) // 8, "big")
    return _der(0x30, version + imprint + _der(0x02, nonce_bytes) + _der(0x01, b"\xff"))


def request_timestamp(url: str, data: bytes) -> bytes:
    """Post a request to the authority; the token (DER ``ContentInfo``) of a granted answer."""
    if not url.startswith("https://") and not url.startswith("http://127.0.0.1"):
        raise ValueError("the timestamp authority must be reached over HTTPS")
    body = timestamp_request(data, secrets.randbits(63))
    response = httpx.post(
        url,
        content=body,
        headers={"Content-Type": "application/timestamp-query"},
        timeout=_TSA_TIMEOUT,
    )
    response.raise_for_status()
    return timestamp_token(response.content)


def timestamp_token(answer: bytes) -> bytes:
    """The token of a ``TimeStampResp`` whose status is granted (0) or granted with mods (1)."""
    tag, content, _ = _read(answer, 0)
    if tag != 0x30:
        raise ValueError("not a TimeStampResp")
    tag, status_info, after_status = _read(content, 0)
    if tag != 0x30:
        raise ValueError("no PKIStatusInfo")
    tag, status, _ = _read(status_info, 0)
    if tag != 0x02 or int.from_bytes(status, "big") not in (0, 1):
        raise ValueError(f"the authority refused (status {int.from_bytes(status, 'big')})")
    if after_status >= len(content):
        raise ValueError("no token in the answer")
    return content[after_status:]


def _der(tag: int, content: bytes) -> bytes:
    size = len(content)
    if size < 0x80:
        length = bytes([size])
    else:
        raw = size.to_bytes((size.bit_length() + 7) // 8, "big")
        length = bytes([0x80 | len(raw)]) + raw
    return bytes([tag]) + length + content


def _read(data: bytes, at: int) -> tuple[int, bytes, int]:
    """One DER element at ``at``: its tag, its content and where the next one starts."""
    if at + 2 > len(data):
        raise ValueError("truncated DER")
    tag, first = data[at], data[at + 1]
    at += 2
    if first < 0x80:
        size = first
    else:
        count = first & 0x7F
        if count == 0 or count > 4 or at + count > len(data):
            raise ValueError("bad DER length")
        size = int.from_bytes(data[at : at + count], "big")
        at += count
    if at + size > len(data):
        raise ValueError("truncated DER")
    return tag, data[at : at + size], at + size
