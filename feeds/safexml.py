"""Parse untrusted XML safely: size cap first, no DTD, no entities, no network.

Every XML document the service reads (telegrams, Atom feeds) comes from outside, so it goes
through :func:`parse_untrusted`. defusedxml refuses any DTD (``forbid_dtd``), which rules out
internal entity bombs (billion laughs, quadratic blow-up) and external entities (XXE) in one
step — a JMA telegram never carries a DTD. The size cap is checked on the bytes *before* the
parser sees them, so a hostile 60 MB document costs a length comparison, not a parse.

The depth of the element tree is bounded too (:data:`MAX_DEPTH`): the document is fed to the
parser in pieces and the tree builder refuses the first element nested deeper, so a document of
a million nested elements (28 MB, 1.1 GB of memory when built) is refused after the first few
hundred bytes. Real JMA telegrams and feeds nest less than 15 deep.
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

MAX_DEPTH: Final = 64
"""Deepest element nesting accepted (JMA telegrams and Atom feeds nest under 15 deep)."""

_CHUNK: Final = 64 * 1024


class _TooDeep(Exception):
    pass


class _BoundedTreeBuilder(ET.TreeBuilder):
    """A tree builder that refuses an element nested deeper than ``max_depth``."""

    def __init__(self, max_depth: int) -> None:
        super().__init__()
        self._depth = 0
        self._max_depth = max_depth

    def start(self, tag: str, attrs: dict[str, str]) -> ET.Element:
        self._depth += 1
        if self._depth > self._max_depth:
            raise _TooDeep
        return super().start(tag, attrs)

    def end(self, tag: str) -> ET.Element:
        self._depth -= 1
        return super().end(tag)


class XmlRejectedError(Exception):
    """Internal: the document was refused. ``kind`` is ``too_large``, ``hostile`` or ``malformed``.

    Callers turn it into the typed public error of their domain (telegram, Atom feed).
    """

    def __init__(self, kind: str, reason: str) -> None:
        self.kind = kind
        self.reason = reason
        super().__init__(reason)


def parse_untrusted(data: bytes, *, max_bytes: int, max_depth: int = MAX_DEPTH) -> ET.Element:
    """Parse ``data`` into an element tree or raise :class:`XmlRejectedError`."""
    if len(data) > max_bytes:
        raise XmlRejectedError(
            "too_large", f"document is {len(data):,} bytes, over the cap of {max_bytes:,} bytes"
        )
    if not data.strip():
        raise XmlRejectedError("malformed", "document is empty")
    try:
        parser = DefusedET.DefusedXMLParser(
            target=_BoundedTreeBuilder(max_depth),
            forbid_dtd=True,
            forbid_entities=True,
            forbid_external=True,
        )
        view = memoryview(data)
        for start in range(0, len(data), _CHUNK):  # in pieces: a hostile nest stops early
            parser.feed(bytes(view[start : start + _CHUNK]))
        root: ET.Element = parser.close()
    except _TooDeep:
        raise XmlRejectedError(
            "hostile", f"elements are nested more than {max_depth} deep (refused)"
        ) from None
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
