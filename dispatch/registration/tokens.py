"""Signed, expiring, single-use tokens for the links this service mails.

No token is stored. A token names its purpose, a subject (a subscriber id or an address) and
an expiry time, and carries ``HMAC-SHA256(key, purpose | subject | expiry | state)`` where
*state* is what the subject looks like in the store when the token is made — the subscriber's
``updated_at``, or ``-`` for an address not yet in the store. Using a token changes that state
(confirming a subscription rewrites ``updated_at``), so the same token never verifies twice,
and a newer sign-up for the same address makes older links void.

The key is derived from the store's link key (:func:`dispatch.records.links.link_key`), so it
lives in the encrypted store and a rekey-less key rotation is a matter of replacing that one value.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass

_TAG_BYTES = 16
_TOKEN = re.compile(r"^[A-Za-z0-9_.-]{10,400}$")


def derive_key(link_key: bytes, purpose: str) -> bytes:
    """A key of its own for each use of the link key (tokens, CSRF)."""
    return hmac.new(link_key, f"kishomail registration {purpose}".encode(), hashlib.sha256).digest()


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode("ascii").rstrip("=")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


@dataclass(frozen=True)
class TokenClaims:
    purpose: str
    subject: str
    expires: int


def make_token(key: bytes, purpose: str, subject: str, expires: int, state: str) -> str:
    """``subject`` is an id or a normalised address; ``expires`` Unix seconds."""
    body = f"{purpose}\x1f{subject}\x1f{expires}".encode()
    tag = hmac.new(key, body + b"\x1f" + state.encode(), hashlib.sha256).digest()[:_TAG_BYTES]
    return f"{_b64(body)}.{_b64(tag)}"


def read_token(text: str) -> TokenClaims | None:
    """The claims of a well-formed token, *not yet verified*: use them only to look up the
    state, then call :func:`verify_token`."""
    if not _TOKEN.match(text) or text.count(".") != 1:
        return None
    body_text, _tag = text.split(".")
    try:
        purpose, subject, expires = _unb64(body_text).decode("utf-8").split("\x1f")
        return TokenClaims(purpose, subject, int(expires))
    except (ValueError, binascii.Error, UnicodeDecodeError):
        return None


def verify_token(key: bytes, text: str, purpose: str, state: str, now: float) -> TokenClaims | None:
    """The claims if ``text`` was made by us for ``purpose`` with this ``state`` and has not
    expired; otherwise ``None``."""
    claims = read_token(text)
    if claims is None or claims.purpose != purpose or now > claims.expires:
        return None
    expected = make_token(key, purpose, claims.subject, claims.expires, state)
    if not hmac.compare_digest(expected.encode(), text.encode()):
        return None
    return claims


# ---- CSRF: a signed double-submit token -----------------------------------------------------

CSRF_COOKIE = "kishomail_csrf"
_NONCE = re.compile(r"^[A-Za-z0-9_-]{22,64}$")


def new_csrf_nonce() -> str:
    return secrets.token_urlsafe(24)


def csrf_field(key: bytes, nonce: str) -> str:
    """The hidden form value that goes with the cookie ``nonce``."""
    return _b64(hmac.new(key, nonce.encode(), hashlib.sha256).digest()[:_TAG_BYTES])


def csrf_ok(key: bytes, cookie: str | None, field: str | None) -> bool:
    if not cookie or not field or not _NONCE.match(cookie):
        return False
    return hmac.compare_digest(csrf_field(key, cookie).encode(), field.encode())


def address_key(key: bytes, address: str) -> str:
    """What the rate limiter remembers instead of an address."""
    return hmac.new(key, address.encode(), hashlib.sha256).hexdigest()[:32]
