"""DKIM signing (RFC 6376) of outgoing alert mail, for relays that do not sign themselves.

rsa-sha256, relaxed/relaxed, over From, To, Subject, Date, Message-ID, MIME-Version,
Content-Type, List-Unsubscribe and List-Unsubscribe-Post (those the message has); ``From`` is
signed once more than it occurs, so nobody can add a second ``From:`` without breaking the
signature (RFC 6376 §8.15, as dkimpy does by default).

Signing is done here with ``cryptography`` (OpenSSL) rather than with dkimpy: dkimpy computes
RSA in pure Python, about 9 ms of CPU for each message, which would cap a dispatch near 100
messages/s; OpenSSL needs about 0.5 ms. The tests verify every signature with dkimpy.

The private key lives in the encrypted store as the secret setting ``dkim.key``, written by
``kishomail dkim keygen``; it is never logged, printed or shown (``repr`` leaves it out).
"""

from __future__ import annotations

import base64
import dataclasses
import hashlib
import logging
import re
import time
from collections.abc import Callable, Sequence

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa

from dispatch.base.errors import KishomailError
from dispatch.mail.message import Envelope

__all__ = [
    "SIGNED_HEADERS",
    "DkimError",
    "DkimSigner",
    "check_names",
    "dns_record",
    "generate_private_key",
]

log = logging.getLogger(__name__)

#: The header fields signed when the message has them, in the order of the ``h=`` tag.
SIGNED_HEADERS = (
    "From",
    "To",
    "Subject",
    "Date",
    "Message-ID",
    "MIME-Version",
    "Content-Type",
    "List-Unsubscribe",
    "List-Unsubscribe-Post",
)
#: Signed one more time than they occur: adding one later breaks the signature.
_OVERSIGNED = frozenset({b"from"})
KEY_BITS = 2048
_MIN_KEY_BITS = 1024  # RFC 8301: verifiers must not accept less

_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
_DOMAIN = re.compile(rf"{_LABEL}(?:\.{_LABEL})+")
_SELECTOR = re.compile(rf"{_LABEL}(?:\.{_LABEL})*")
_WSP_RUN = re.compile(rb"[ \t]+")
_TRAILING_WSP = re.compile(rb"[ \t]+\r\n")
_FOLD = re.compile(rb"\r\n(?=[ \t])")


class DkimError(KishomailError, ValueError):
    """The DKIM settings or key cannot be used (the message never holds the key)."""

    code = "dkim"


def generate_private_key(bits: int = KEY_BITS) -> bytes:
    """A new RSA private key as unencrypted PKCS#8 PEM (it goes into the encrypted store)."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=bits)
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )


def _load_key(private_key_pem: bytes | str) -> rsa.RSAPrivateKey:
    pem = private_key_pem.encode("ascii") if isinstance(private_key_pem, str) else private_key_pem
    try:
        key = serialization.load_pem_private_key(pem, password=None)
    except (ValueError, TypeError, UnicodeError):
        # The loader's message is not repeated: it could quote part of the key.
        raise DkimError(
            "The DKIM key is not an unencrypted PEM private key; make a new one with "
            "'kishomail dkim keygen'."
        ) from None
    if not isinstance(key, rsa.RSAPrivateKey):
        raise DkimError("The DKIM key must be an RSA key (rsa-sha256).")
    if key.key_size < _MIN_KEY_BITS:
        raise DkimError(f"The DKIM key has {key.key_size} bits; at least 1024 (2048 advised).")
    return key


def _public_key_base64(key: rsa.RSAPrivateKey) -> str:
    der = key.public_key().public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    return base64.b64encode(der).decode("ascii")


def dns_record(selector: str, domain: str, private_key_pem: bytes | str) -> tuple[str, str]:
    """(name, TXT value) to publish for ``private_key_pem``: ``S._domainkey.D`` and
    ``v=DKIM1; k=rsa; p=…`` (the public key only)."""
    check_names(domain, selector)
    value = f"v=DKIM1; k=rsa; p={_public_key_base64(_load_key(private_key_pem))}"
    return f"{selector}._domainkey.{domain}", value


def check_names(domain: str, selector: str) -> None:
    """Raise :class:`DkimError` unless both are plain DNS names."""
    if not _DOMAIN.fullmatch(domain) or len(domain) > 253:
        raise DkimError(f"dkim.domain {domain!r} is not a domain name such as city.example.jp.")
    if not _SELECTOR.fullmatch(selector):
        raise DkimError(f"dkim.selector {selector!r} is not a DNS label such as kishomail2026.")


def canonical_body(body: bytes) -> bytes:
    """Relaxed body canonicalization (RFC 6376 §3.4.4)."""
    if body and not body.endswith(b"\r\n"):
        body += b"\r\n"
    body = _TRAILING_WSP.sub(b"\r\n", _WSP_RUN.sub(b" ", body))
    body = body.rstrip(b"\r\n")
    return body + b"\r\n" if body else b""


def canonical_header(field: bytes) -> bytes:
    """Relaxed header canonicalization (RFC 6376 §3.4.2) of one field, without CRLF."""
    name, _, value = field.partition(b":")
    value = _WSP_RUN.sub(b" ", _FOLD.sub(b"", value)).strip(b" \r\n")
    return name.strip(b" \t").lower() + b":" + value


def _header_fields(head: bytes) -> list[bytes]:
    """The header block split into fields, each with its folding and without the final CRLF."""
    fields: list[bytes] = []
    for line in head.split(b"\r\n"):
        if line[:1] in (b" ", b"\t") and fields:
            fields[-1] += b"\r\n" + line
        elif line:
            fields.append(line)
    return fields


@dataclasses.dataclass(frozen=True)
class _Prepared:
    h_tag: bytes
    canonical_headers: bytes


class DkimSigner:
    """Adds a ``DKIM-Signature:`` field to complete CRLF messages."""

    def __init__(
        self,
        domain: str,
        selector: str,
        private_key_pem: bytes | str,
        *,
        headers: Sequence[str] = SIGNED_HEADERS,
        now: Callable[[], float] | None = time.time,
    ) -> None:
        check_names(domain, selector)
        self.domain = domain.lower()
        self.selector = selector
        self._key = _load_key(private_key_pem)
        self._headers = tuple(h.lower().encode("ascii") for h in headers)
        #: The ``t=`` timestamp; ``None`` leaves it out.
        self._now = now

    def __repr__(self) -> str:
        return f"DkimSigner(domain={self.domain!r}, selector={self.selector!r})"

    @property
    def public_key(self) -> str:
        """The base64 of the public key, as in the DNS record's ``p=``."""
        return _public_key_base64(self._key)

    def sign(self, data: bytes) -> bytes:
        """``data`` with a ``DKIM-Signature:`` field in front."""
        head, sep, body = data.partition(b"\r\n\r\n")
        if not sep:
            raise DkimError("A message to sign needs a header, an empty line and a body.")
        body_hash = base64.b64encode(hashlib.sha256(canonical_body(body)).digest())
        prepared = self._select(_header_fields(head))
        first = b"v=1; a=rsa-sha256; c=relaxed/relaxed; d=%s; s=%s;" % (
            self.domain.encode("ascii"),
            self.selector.encode("ascii"),
        )
        if self._now is not None:
            first += b" t=%d;" % int(self._now())
        unsigned = b"DKIM-Signature: %s\r\n\th=%s;\r\n\tbh=%s;\r\n\tb=" % (
            first,
            prepared.h_tag,
            body_hash,
        )
        signed_data = prepared.canonical_headers + canonical_header(unsigned)
        signature = self._key.sign(signed_data, padding.PKCS1v15(), hashes.SHA256())
        b64 = base64.b64encode(signature)
        folded = b"\r\n\t".join(b64[i : i + 72] for i in range(0, len(b64), 72))
        return unsigned + folded + b"\r\n" + data

    def sign_envelope(self, envelope: Envelope) -> Envelope:
        """The same SMTP transaction with the message signed (for the Dispatcher)."""
        return dataclasses.replace(envelope, data=self.sign(envelope.data))

    def _select(self, fields: list[bytes]) -> _Prepared:
        by_name: dict[bytes, list[bytes]] = {}
        for field in fields:
            by_name.setdefault(field.partition(b":")[0].strip(b" \t").lower(), []).append(field)
        names: list[bytes] = []
        canonical: list[bytes] = []
        for name in self._headers:
            present = by_name.get(name, [])
            # Several instances are signed from the bottom up (RFC 6376 §5.4.2).
            for field in reversed(present):
                names.append(name)
                canonical.append(canonical_header(field) + b"\r\n")
            if name in _OVERSIGNED:
                names.append(name)  # matches no field: signs its absence
        return _Prepared(b":".join(names), b"".join(canonical))
