"""Signed links in every mail: change or stop one's own subscription without logging in.

A link names the action and the subscriber id and carries an HMAC-SHA256 tag made with a
random key kept in the encrypted store, so nobody can forge a link for someone else. The
registration service verifies the tag with :func:`verify_token`.
"""

from __future__ import annotations

import base64
import hmac
import secrets

from dispatch.store.database import Connection

_LINK_KEY = "link_key"


def link_key(connection: Connection) -> bytes:
    """The store's link key, made on first use."""
    row = connection.execute("SELECT value FROM meta WHERE key = ?", (_LINK_KEY,)).fetchone()
    if row is not None:
        return bytes.fromhex(row[0])
    key = secrets.token_bytes(32)
    connection.execute(
        "INSERT OR IGNORE INTO meta (key, value) VALUES (?, ?)", (_LINK_KEY, key.hex())
    )
    row = connection.execute("SELECT value FROM meta WHERE key = ?", (_LINK_KEY,)).fetchone()
    return bytes.fromhex(row[0])


def token(key: bytes, action: str, subscriber_id: int) -> str:
    tag = hmac.digest(key, f"{action}:{subscriber_id}".encode(), "sha256")[:16]
    return base64.urlsafe_b64encode(tag).decode("ascii").rstrip("=")


def verify_token(key: bytes, action: str, subscriber_id: int, given: str) -> bool:
    return hmac.compare_digest(token(key, action, subscriber_id), given)


def signed_link(base_url: str, key: bytes, action: str, subscriber_id: int) -> str:
    """``https://…/unsubscribe?s=123&t=…``."""
    # What urlencode would give (a number and URL-safe base64 need no quoting), without its
    # cost: one link is made for every message in individual mode.
    query = f"s={int(subscriber_id)}&t={token(key, action, subscriber_id)}"
    return f"{base_url.rstrip('/')}/{action}?{query}"
