"""What an authenticator app needs, on screen: the ``otpauth://`` URI as a QR code, and its
secret as text in groups of four (for typing it in by hand). Used by the set-up window (the
first administrator) and the login window (an account enrolling when TOTP is required)."""

from __future__ import annotations

import io
import re

import segno
from PySide6.QtGui import QPixmap


def qr_picture(uri: str) -> QPixmap:
    buffer = io.BytesIO()
    segno.make(uri, error="m").save(buffer, kind="png", scale=4, border=2)
    picture = QPixmap()
    picture.loadFromData(buffer.getvalue(), "PNG")
    return picture


def secret_in_groups(uri: str) -> str:
    match = re.search(r"secret=([A-Z2-7]+)", uri)
    text = match.group(1) if match else ""
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))
