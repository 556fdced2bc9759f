"""Registration mail in ISO-2022-JP, 7bit, for old carrier phones (ガラケー)."""

from __future__ import annotations

import email.utils
from email.header import Header

from dispatch.mail.message import check_header_value

_GETA = "〓"  # the mark Japanese mail uses for a character the charset lacks


def _jis(text: str) -> str:
    """``text`` with what ISO-2022-JP (JIS X 0208) lacks replaced by 〓."""
    out = []
    for char in text:
        try:
            char.encode("iso-2022-jp")
        except UnicodeEncodeError:
            char = _GETA
        out.append(char)
    return "".join(out)


def iso_2022_jp_mail(
    name: str, sender: str, to: str, subject: str, date: str, message_id: str, auto: str,
    text: str,
) -> bytes:  # fmt: skip
    """A plain-text mail in ISO-2022-JP, 7bit, as old carrier phones (ガラケー) read it: the
    subject and sender name as ISO-2022-JP encoded words, each body line encoded on its own
    so that it starts and ends in ASCII (the links stay plain ASCII)."""
    subject_words = Header(_jis(subject), "iso-2022-jp", header_name="Subject")
    lines = text.replace("\r\n", "\n").split("\n")
    body = b"\r\n".join(_jis(line).encode("iso-2022-jp") for line in lines)
    head = [
        ("From", email.utils.formataddr((_jis(name), sender), charset="iso-2022-jp")),
        ("To", to),
        ("Subject", subject_words.encode(linesep="\r\n", maxlinelen=76)),
        ("Date", date),
        ("Message-ID", message_id),
        ("Auto-Submitted", auto),  # RFC 3834: auto-responders must not answer this
        ("MIME-Version", "1.0"),
        ("Content-Type", 'text/plain; charset="iso-2022-jp"'),
        ("Content-Transfer-Encoding", "7bit"),
    ]
    for header, value in head:
        check_header_value(header, value.replace("\r\n ", " "))
    return "".join(f"{h}: {v}\r\n" for h, v in head).encode("ascii") + b"\r\n" + body
