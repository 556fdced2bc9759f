"""One declared setting: its name, type, default, limits and checks (:class:`Setting`).

Kept apart from :mod:`dispatch.records.settings` so that groups of declarations can live in
modules of their own (:mod:`dispatch.records.delivery_settings`).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from dispatch.base.errors import ValidationError

#: Text settings kept exactly as typed (besides secrets, never touched): the office's names
#: go into every mail in the office's own typography (full-width 「（）」 stay full-width);
#: the consent record is quoted as written.
AS_TYPED = frozenset(
    {
        "office.name",
        "office.name_en",
        "office.ward",
        "office.ward_en",
        "observations.kriver_consent",
    }
)
#: Files, folders and mailbox folders: a name must match the disk's (or the IMAP server's)
#: exactly, and 「ﾃﾞｰﾀ」 or 「①」 may be a real folder's name; and addresses, read as
#: ``normalise_address`` reads them (a compatibility character is not folded into a look-alike
#: address). Only full-width ASCII and the ideographic space (typed in full-width mode) become
#: ASCII.
FULL_WIDTH_ONLY = frozenset(
    {
        "office.address",
        "registration.address",
        "smtp.cafile",
        "registration.imap_cafile",
        "notify.fallback_cafile",
        "bounces.imap_cafile",
        "backup.folder",
        "observations.folder",
        "observations.thresholds",
        "feeds.source",
        "registration.imap_folder",
        "bounces.imap_folder",
    }
)


def typed_text(name: str, value: str, secret: bool = False) -> str:
    """A typed text setting as stored. Host and user names, URLs, codes, times and lists are
    read NFKC (「ｓｍｔｐ．ｅｘａｍｐｌｅ．ｊｐ」 is "smtp.example.jp", 「０８：００」 is "08:00"),
    without the spaces around them; paths and addresses fold only full-width ASCII; secrets
    (a password, the DKIM key) and the names in :data:`AS_TYPED` stay as typed."""
    if secret or name in AS_TYPED:
        return value
    if name in FULL_WIDTH_ONLY:
        return "".join(
            unicodedata.normalize("NFKC", ch)
            if "\uff01" <= ch <= "\uff5e" or ch == "\u3000"
            else ch
            for ch in value
        ).strip()
    return unicodedata.normalize("NFKC", value).strip()


@dataclass(frozen=True)
class Setting:
    name: str
    kind: type
    default: Any
    description: str
    #: A secret is never shown, logged or written to the audit log.
    secret: bool = False
    #: The smallest value a number may take, and why (said when a smaller one is refused).
    minimum: int | None = None
    minimum_reason: str = ""
    #: The largest value a number may take (said when a larger one is refused).
    maximum: int | None = None
    #: Further checks of the value: raises ValueError saying what is wrong.
    validate: Callable[[Any], object] | None = None

    def check(self, value: Any) -> Any:
        checked = self._typed(value)
        if self.validate is not None:
            try:
                self.validate(checked)
            except ValueError as error:
                raise ValidationError(f"The setting {self.name}: {error}.") from None
        if self.minimum is not None and checked < self.minimum:
            raise ValidationError(
                f"The setting {self.name} cannot be below {self.minimum}"
                + (f": {self.minimum_reason}" if self.minimum_reason else ".")
                + f" Choose {self.minimum} or more."
            )
        if self.maximum is not None and checked > self.maximum:
            raise ValidationError(
                f"The setting {self.name} cannot be above {self.maximum}; choose a value from "
                f"{self.minimum or 0} to {self.maximum}."
            )
        return checked

    def _typed(self, value: Any) -> Any:
        if self.kind is str and isinstance(value, str):
            return typed_text(self.name, value, self.secret)
        if self.kind is bool and isinstance(value, str):
            lowered = value.strip().lower()
            if lowered in ("on", "true", "yes", "1"):
                return True
            if lowered in ("off", "false", "no", "0"):
                return False
        if self.kind is int and isinstance(value, str) and value.strip().isdigit():
            return int(value)
        if not isinstance(value, self.kind) or (self.kind is int and isinstance(value, bool)):
            raise ValidationError(
                f"The setting {self.name} takes a {self.kind.__name__}, not {value!r}."
            )
        return value
