"""Files that go with a mail: the MIME type they are sent as, and sealing one in an AES ZIP.

The type comes from a fixed table by extension (the same on every workstation, unlike the
Windows registry that :mod:`mimetypes` reads). A file holding personal data is sent only as an
AES-256 encrypted ZIP whose password goes out in a separate mail (R4.5).
"""

from __future__ import annotations

import io
import secrets

import pyzipper

#: File types by extension (a fixed table: the same on every workstation, unlike the
#: Windows registry that :mod:`mimetypes` reads); anything else is sent as octet-stream.
_CONTENT_TYPES = {
    "pdf": "application/pdf",
    "zip": "application/zip",
    "csv": "text/csv",
    "txt": "text/plain",
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
    "png": "image/png",
    "gif": "image/gif",
    "doc": "application/msword",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xls": "application/vnd.ms-excel",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "ppt": "application/vnd.ms-powerpoint",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
}


def content_type_for(name: str) -> str:
    """The MIME type an attachment named ``name`` is sent as."""
    extension = name.rpartition(".")[2].lower() if "." in name else ""
    return _CONTENT_TYPES.get(extension, "application/octet-stream")


def encrypted_zip(name: str, data: bytes) -> tuple[bytes, str]:
    """``data`` as ``name`` inside an AES-256 ZIP; returns the ZIP and its new password."""
    password = secrets.token_urlsafe(15)
    buffer = io.BytesIO()
    with pyzipper.AESZipFile(
        buffer, "w", compression=pyzipper.ZIP_DEFLATED, encryption=pyzipper.WZ_AES
    ) as archive:
        archive.setpassword(password.encode("ascii"))
        archive.setencryption(pyzipper.WZ_AES, nbits=256)
        archive.writestr(name, data)
    return buffer.getvalue(), password
