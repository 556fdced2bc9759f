"""Parse untrusted XML safely: size cap first, no DTD, no entities, no network.

Every XML document the service reads (telegrams, Atom feeds) comes from outside, so it goes
through :func:`parse_untrusted`. defusedxml refuses any DTD (``forbid_dtd``), which rules out
internal entity bombs (billion laughs, quadratic blow-up) and external entities (XXE) in one
step — a JMA telegram never carries a DTD. The size cap is checked on the bytes *before* the
parser sees them, so a hostile 60 MB document costs a length comparison, not a parse.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import Final

import defusedxml
import defusedxml.ElementTree as DefusedET

MAX_TELEGRAM_BYTES: Final = 8 * 1024 * 1024
"""Largest telegram accepted (real VPWW54 for a big prefecture are ~1 MB)."""

MAX_FEED_BYTES: Final = 32 * 1024 * 1024
"""Largest Atom feed accepted (a week of ``extra_l.xml`` is a few MB)."""


class XmlRejectedError(Exception):
    """Internal: the document was refused. ``kind`` is ``too_large``, ``hostile`` or ``malformed``.

    Callers turn it into the typed public error of their domain (telegram, Atom feed).
    """

    def __init__(self, kind: str, reason: str) -> None:
        self.kind = kind
        self.reason = reason
        super().__init__(reason)


def parse_untrusted(data: bytes, *, max_bytes: int) -> ET.Element:
    """Parse ``data`` into an element tree or raise :class:`XmlRejectedError`."""
    if len(data) > max_bytes:
        raise XmlRejectedError(
            "too_large", f"document is {len(data):,} bytes, over the cap of {max_bytes:,} bytes"
        )
    if not data.strip():
        raise XmlRejectedError("malformed", "document is empty")
    try:
        root: ET.Element = DefusedET.fromstring(
            data, forbid_dtd=True, forbid_entities=True, forbid_external=True
        )
    except defusedxml.DTDForbidden:
        raise XmlRejectedError(
            "hostile", "document declares a DTD (refused: XXE/entity risk)"
        ) from None
    except defusedxml.EntitiesForbidden:
        raise XmlRejectedError("hostile", "document declares entities (refused)") from None
    except defusedxml.ExternalReferenceForbidden:
        raise XmlRejectedError(
            "hostile", "document references an external resource (refused)"
        ) from None
    except ET.ParseError as error:
        raise XmlRejectedError("malformed", f"not well-formed XML ({error})") from None
    except (ValueError, LookupError, UnicodeError) as error:
        # e.g. an unsupported multi-byte encoding declaration; JMA XML is always UTF-8.
        raise XmlRejectedError("malformed", f"unreadable XML ({error})") from None
    return root
