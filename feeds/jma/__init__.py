"""JMA 防災情報XML telegram parsers, one module per family.

:func:`parse_telegram` is the single entry point: size cap and safe parsing
(:mod:`feeds.safexml`), then the family is chosen from ``Control/Title`` (NFKC-normalised, so
``（Ｒ０６）`` and ``(R06)`` are the same) — never from the VXKO number or the file name.
A well-formed JMA ``Report`` whose title no module reads becomes a :class:`Telegram` of
:attr:`Category.OTHER`; anything else raises a :class:`feeds.errors.TelegramError`.
"""

from __future__ import annotations

import logging
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from feeds.errors import (
    HostileTelegramError,
    MalformedTelegramError,
    TelegramError,
    TelegramTooLargeError,
    UnknownTelegramError,
)
from feeds.jma import r06, vpbs50, vpno50, vpoa50, vpww53, vpww54, vxko, vxww50
from feeds.jma.common import R, nfkc, read_head
from feeds.model import Category, Family, Telegram, TelegramHead
from feeds.safexml import MAX_TELEGRAM_BYTES, XmlRejectedError, parse_untrusted

__all__ = ["is_supported_title", "parse_file", "parse_telegram"]

logger = logging.getLogger(__name__)

Parser = Callable[[ET.Element, TelegramHead, str], Telegram]

_FAMILIES: tuple[tuple[Callable[[str], bool], Parser], ...] = (
    (r06.matches, r06.parse),
    (vpww53.matches, vpww53.parse),
    (vpww54.matches, vpww54.parse),
    (vpno50.matches, vpno50.parse),
    (vxko.matches, vxko.parse),
    (vxww50.matches, vxww50.parse),
    (vpoa50.matches, vpoa50.parse),
    (vpbs50.matches, vpbs50.parse),
)

_REJECTIONS: dict[str, type[TelegramError]] = {
    "too_large": TelegramTooLargeError,
    "hostile": HostileTelegramError,
    "malformed": MalformedTelegramError,
}


def parse_telegram(data: bytes, source: str, *, max_bytes: int = MAX_TELEGRAM_BYTES) -> Telegram:
    """Parse one telegram. ``source`` names it in errors and in the resulting alerts."""
    try:
        root = parse_untrusted(data, max_bytes=max_bytes)
    except XmlRejectedError as rejected:
        raise _REJECTIONS[rejected.kind](source, rejected.reason) from None
    if root.tag != R + "Report":
        raise UnknownTelegramError(source, f"root element is {root.tag!r}, not a JMA Report")
    head = read_head(root, source)
    title = nfkc(head.control_title)
    for matches, parse in _FAMILIES:
        if matches(title):
            try:
                return replace(parse(root, head, source), raw=data)
            except TelegramError:
                raise
            except (ValueError, TypeError, AttributeError, KeyError, IndexError) as error:
                # A structure no real telegram has; refuse the whole document, never half of it.
                logger.debug("parser failure for %s", source, exc_info=True)
                raise MalformedTelegramError(
                    source, f"unexpected structure ({type(error).__name__}: {error})"
                ) from None
    return Telegram(source, Family.OTHER, Category.OTHER, head, None, raw=data)


def parse_file(path: Path, *, max_bytes: int = MAX_TELEGRAM_BYTES) -> Telegram:
    """Read and parse a telegram file, checking its size before reading it."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise TelegramTooLargeError(
                path.name, f"file is {size:,} bytes, over the cap of {max_bytes:,} bytes"
            )
        data = path.read_bytes()
    except OSError as error:
        raise MalformedTelegramError(str(path), f"cannot be read ({error.strerror})") from None
    return parse_telegram(data, path.name, max_bytes=max_bytes)


def is_supported_title(title: str) -> bool:
    """True if a telegram with this ``Control/Title`` (= Atom entry title) is read by a parser.

    Used to pre-filter Atom entries before any document is downloaded.
    """
    plain = nfkc(title.strip())
    return any(matches(plain) for matches, _ in _FAMILIES)
