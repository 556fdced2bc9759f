"""E-mail addresses: strict validation and one normal form, so that one person is one row.

What is accepted, and why:

* The local part is ASCII ``atext`` and dots. Consecutive dots and a dot just before the ``@``
  are accepted because Japanese carriers (docomo, au) issued such addresses for years and they
  are still delivered; a resident must not be turned away for them.
* The domain is converted to its IDNA (``xn--``) form as mail systems read it today: IDNA 2008
  with the UTS #46 mapping, *non-transitional* (the ``idna`` package). So ``straße.de`` stays
  ``xn--strae-oqa.de`` and is not silently turned into ``strasse.de`` (another domain, maybe
  another owner), as Python's built-in IDNA 2003 codec would. The result must have at least two
  labels of letters, digits and hyphens with an alphabetic top-level label.
* Full-width input from a Japanese keyboard (``ｔａｒｏ＠ｅｘａｍｐｌｅ．ｊｐ``) is read as the
  ASCII it stands for: only the full-width forms of ASCII (U+FF01–U+FF5E), the ideographic
  space and the ideographic full stop ``。`` are mapped (NFKC). Other compatibility characters
  (ligatures, superscripts, circled digits) are not folded into look-alike addresses: they are
  refused in the local part, and in the domain they get exactly what UTS #46 does with them.
* No spaces, quotes, comments, IP literals, CR or LF; at most 254 characters in all.

The whole address is lower-cased: every mail provider the ward's residents use treats the
local part without regard to case, and two rows for ``Taro@`` and ``taro@`` would mean two mails.
"""

from __future__ import annotations

import functools
import re
import unicodedata

import idna

from dispatch.base.errors import ValidationError

_LOCAL = re.compile(r"^[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]{1,64}$")
_LABEL = re.compile(r"^(?!-)[a-z0-9-]{1,63}(?<!-)$")
_TLD = re.compile(r"^(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$")


def _half_width(text: str) -> str:
    """Full-width ASCII, the ideographic space and full stop as the ASCII they stand for."""
    if text.isascii():  # nearly every address: nothing to map (and no loop over its letters)
        return text
    return "".join(
        unicodedata.normalize("NFKC", ch)
        if "\uff01" <= ch <= "\uff5e" or ch == "\u3000"
        else "."
        if ch == "\u3002"
        else ch
        for ch in text
    )


def normalise_address(text: str) -> str:
    """The normal form of ``text``, or :class:`ValidationError` saying what is wrong."""
    if "\r" in text or "\n" in text or "\x00" in text:
        raise ValidationError("An e-mail address cannot contain a line break.")
    address = _half_width(text).strip()
    if not address:
        raise ValidationError("The e-mail address is empty.")
    if len(address) > 254:
        raise ValidationError("The e-mail address is longer than 254 characters.")
    if address.count("@") != 1:
        raise ValidationError("An e-mail address has exactly one '@'.")
    local, domain = address.split("@")
    if not _LOCAL.match(local) or local.startswith("."):
        raise ValidationError(
            "The part before '@' may hold only letters, digits, dots and !#$%&'*+/=?^_`{|}~-, "
            "and may not start with a dot."
        )
    return f"{local.lower()}@{normalise_domain(domain)}"


@functools.lru_cache(maxsize=4096)
def normalise_domain(domain: str) -> str:
    """Cached: an import of 100,000 rows has a few dozen domains."""
    try:  # IDNA 2008 + UTS #46 non-transitional: ß, ς, ZWJ/ZWNJ are kept, not mapped away
        encoded = idna.encode(domain.rstrip("."), uts46=True, transitional=False)
        ascii_domain = encoded.decode("ascii").lower()
    except (idna.IDNAError, UnicodeError):
        raise ValidationError(
            "The part after '@' is not a valid domain name (IDNA 2008); check the spelling."
        ) from None
    labels = ascii_domain.split(".")
    if len(labels) < 2 or not all(_LABEL.match(label) for label in labels):
        raise ValidationError("The part after '@' is not a valid domain name (e.g. example.jp).")
    if not _TLD.match(labels[-1]):
        raise ValidationError("The domain after '@' does not end in a real top-level domain.")
    return ascii_domain


def address_domain(address: str) -> str:
    return address.rsplit("@", 1)[-1]
