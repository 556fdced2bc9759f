"""Subscribers out of the store into a file (R4.5): personal data leaves only inside an
AES-256 encrypted ZIP. Its password is generated, returned once for the person to pass on by
another channel, and never written anywhere.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path

import pyzipper

from dispatch.base.clock import TOKYO
from dispatch.base.errors import ValidationError
from dispatch.base.spreadsheet import csv_bytes
from dispatch.records.subscribers import Subscriber, river_names

EXPORT_HEADERS = (
    "email",
    "status",
    "language",
    "charset",
    "channel",
    "warning_level",
    "rain_mm",
    "river_stage",
    "kanda_rivers",
    "quiet_hours",
    "consent_at",
    "purpose_version",
    "created_at",
    "river_stations",
)
#: The header line staff read in Excel: Japanese, each a name the import also reads, so an
#: export can be imported again (naming 状態, 登録経路, 利用目的の版 and 作成日時 to leave aside:
#: the import keeps only the address and the choices). The codes above stay the names the
#: command line and the export requests use.
EXPORT_TITLES = {
    "email": "メールアドレス",
    "status": "状態",
    "language": "言語",
    "charset": "文字コード",
    "channel": "登録経路",
    "warning_level": "気象警報",
    "rain_mm": "雨量",
    "river_stage": "河川水位",
    "kanda_rivers": "洪水予報河川",
    "quiet_hours": "配信停止時間帯",
    "consent_at": "同意日時",
    "purpose_version": "利用目的の版",
    "created_at": "作成日時",
    "river_stations": "水位観測所",
}
_PASSWORD_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789"  # noqa: S105


def _tokyo(stamp: str) -> str:
    """A stored time as people in the office read it: Tokyo time, with its +09:00 offset (so
    a re-import reads the same moment)."""
    try:
        moment = datetime.fromisoformat(stamp)
    except (TypeError, ValueError):
        return stamp
    if moment.tzinfo is None:
        return stamp
    return moment.astimezone(TOKYO).isoformat(timespec="seconds")


def generate_password(length: int = 20) -> str:
    """A password people can read aloud: no 0/O, 1/l/I."""
    return "".join(secrets.choice(_PASSWORD_ALPHABET) for _ in range(length))


def write_encrypted_export(
    path: Path, subscribers: Iterable[Subscriber], columns: tuple[str, ...] = EXPORT_HEADERS
) -> tuple[str, int]:
    """Write an AES-256 ZIP holding ``subscribers.csv`` with ``columns`` (of
    :data:`EXPORT_HEADERS`, in that order); return (password, row count)."""
    unknown = [c for c in columns if c not in EXPORT_HEADERS]
    if unknown or not columns:
        raise ValidationError(
            f"Unknown export column(s) {', '.join(unknown) or '(none given)'}; choose from "
            f"{', '.join(EXPORT_HEADERS)}."
        )
    kept = [i for i, name in enumerate(EXPORT_HEADERS) if name in columns]
    rows = []
    for s in subscribers:
        rows.append(
            (
                s.email,
                str(s.status),
                str(s.language),
                str(s.charset),
                str(s.channel),
                s.topics.warning_level,
                s.topics.rain_mm,
                s.topics.river_stage,
                "/".join(river_names(s.topics.kanda_rivers)),
                str(s.quiet_hours) if s.quiet_hours else "",
                _tokyo(s.consent_at),
                s.purpose_version,
                _tokyo(s.created_at),
                "/".join(s.topics.river_stations or (("all",) if s.topics.river_stage else ())),
            )
        )
    if not path.parent.is_dir():
        raise ValidationError(
            f"The folder {path.parent} does not exist; create it or pick another."
        )
    password = generate_password()
    tmp = path.with_name(path.name + ".part")
    with pyzipper.AESZipFile(
        tmp, "w", compression=pyzipper.ZIP_DEFLATED, encryption=pyzipper.WZ_AES
    ) as archive:
        archive.setpassword(password.encode("ascii"))
        archive.setencryption(pyzipper.WZ_AES, nbits=256)
        archive.writestr(
            "subscribers.csv",
            csv_bytes(
                tuple(EXPORT_TITLES[EXPORT_HEADERS[i]] for i in kept),
                [tuple(row[i] for i in kept) for row in rows],
            ),
        )
    if os.name == "posix":
        os.chmod(tmp, 0o600)
    os.replace(tmp, path)
    return password, len(rows)
