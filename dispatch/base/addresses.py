"""E-mail addresses: strict validation and one normal form, so that one person is one row.

What is accepted, and why:

* The local part is ASCII ``atext`` and dots. Consecutive dots and a dot just before the ``@``
  are accepted because Japanese carriers (docomo, au) issued such addresses for years and they
  are still delivered; a resident must not be turned away for them.
* The domain is lower-cased, converted to its IDNA (``xn--``) form, and must have at least two
  labels of letters, digits and hyphens with an alphabetic top-level label.
* No spaces, quotes, comments, IP literals, CR or LF; at most 254 characters in all.

The whole address is lower-cased: every mail provider the ward's residents use treats the
local part without regard to case, and two rows for ``Taro@`` and ``taro@`` would mean two mails.
"""

from __future__ import annotations

import functools
import re

from dispatch.base.errors import ValidationError

_LOCAL = re.compile(r"^[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]{1,64}$")
_LABEL = re.compile(r"^(?!-)[a-z0-9-]{1,63}(?<!-)$")
_TLD = re.compile(r"^(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$")


def normalise_address(text: str) -> str:
    """The normal form of ``text``, or :class:`ValidationError` saying what is wrong."""
    if any(ch in text for ch in "\r\n\x00"):
        raise ValidationError("An e-mail address cannot contain a line break.")
    address = text.strip()
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
    try:
        ascii_domain = domain.rstrip(".").encode("idna").decode("ascii").lower()
    except UnicodeError:
        raise ValidationError("The part after '@' is not a valid domain name.") from None
    labels = ascii_domain.split(".")
    if len(labels) < 2 or not all(_LABEL.match(label) for label in labels):
        raise ValidationError("The part after '@' is not a valid domain name (e.g. example.jp).")
    if not _TLD.match(labels[-1]):
        raise ValidationError("The domain after '@' does not end in a real top-level domain.")
    return ascii_domain


def address_domain(address: str) -> str:
    return address.rsplit("@", 1)[-1]
