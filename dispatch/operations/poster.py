"""The registration page's A4 poster and its QR code, as staff print it from the settings."""

from __future__ import annotations

from pathlib import Path

from dispatch.operations import settings as setting_ops
from dispatch.operations.declare import operation
from dispatch.operations.session import Session
from dispatch.wording.poster import qr_png, write_poster


@operation(None, "poster.view")
def poster_preview(session: Session) -> tuple[str, str, bytes]:
    """The page's address, the registration mail address and the QR code as PNG bytes."""
    url = str(setting_ops.setting_value(session, "office.page_url"))
    address = str(setting_ops.setting_value(session, "registration.address"))
    return url, address, qr_png(url, scale=6)


@operation(None, "poster.save")
def save_poster(session: Session, out: Path, url: str, registration_address: str) -> Path:
    """Draw the poster into ``out`` (.pdf or .png); returns the file written."""
    return write_poster(out, url, registration_address=registration_address)
