"""Hostile, truncated, oversized and foreign documents give typed errors naming the file."""

from __future__ import annotations

from pathlib import Path

import pytest

from feeds.errors import (
    FeedError,
    HostileTelegramError,
    MalformedTelegramError,
    TelegramError,
    TelegramTooLargeError,
    UnknownTelegramError,
)
from feeds.jma import parse_file, parse_telegram

from .conftest import JMA

REAL = (JMA / "warning_r06" / "keiho_multi_pref_gifu.xml").read_bytes()

XXE = b"""<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE Report [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<Report xmlns="http://xml.kishou.go.jp/jmaxml1/"><Control><Title>&secret;</Title></Control></Report>
"""

XXE_NETWORK = b"""<?xml version="1.0"?>
<!DOCTYPE Report SYSTEM "http://127.0.0.1:9/evil.dtd">
<Report xmlns="http://xml.kishou.go.jp/jmaxml1/"/>
"""

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol9 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
]>
<Report xmlns="http://xml.kishou.go.jp/jmaxml1/"><Control><Title>&lol9;</Title></Control></Report>
"""


@pytest.mark.parametrize("document", [XXE, XXE_NETWORK, BILLION_LAUGHS], ids=["xxe", "dtd", "lol"])
def test_dtd_and_entities_are_refused_before_expansion(document: bytes) -> None:
    with pytest.raises(HostileTelegramError) as caught:
        parse_telegram(document, "evil.xml")
    assert caught.value.source == "evil.xml"
    assert "DTD" in str(caught.value)
    assert "/etc/passwd" not in str(caught.value)


def test_size_cap_applies_before_parsing() -> None:
    with pytest.raises(TelegramTooLargeError) as caught:
        parse_telegram(REAL, "big.xml", max_bytes=len(REAL) - 1)
    assert "big.xml" in str(caught.value)
    assert (
        parse_telegram(REAL, "ok.xml", max_bytes=len(REAL)).head.title == "岐阜県大雨警報・注意報"
    )


def test_oversized_file_is_refused_without_reading_it(tmp_path: Path) -> None:
    path = tmp_path / "huge.xml"
    with path.open("wb") as handle:
        handle.truncate(9 * 1024 * 1024)  # sparse: 9 MB on paper, nothing on disk
    with pytest.raises(TelegramTooLargeError):
        parse_file(path)


@pytest.mark.parametrize("cut", [1, 100, len(REAL) // 2, len(REAL) - 10])
def test_truncated_telegram_is_malformed(cut: int) -> None:
    with pytest.raises(MalformedTelegramError) as caught:
        parse_telegram(REAL[:cut], "cut.xml")
    assert caught.value.source == "cut.xml"


def test_empty_document_is_malformed() -> None:
    with pytest.raises(MalformedTelegramError, match="empty"):
        parse_telegram(b"  \n", "empty.xml")


def test_foreign_xml_is_unknown() -> None:
    with pytest.raises(UnknownTelegramError, match="not a JMA Report"):
        parse_telegram(b"<rss><channel/></rss>", "feed.xml")


def test_missing_report_time_is_malformed() -> None:
    broken = REAL.replace(b"<ReportDateTime>2026-07-28T16:43:00+09:00</ReportDateTime>", b"")
    with pytest.raises(MalformedTelegramError, match="ReportDateTime is missing"):
        parse_telegram(broken, "x.xml")


def test_report_time_without_zone_is_malformed() -> None:
    broken = REAL.replace(
        b"2026-07-28T16:43:00+09:00</ReportDateTime>", b"2026-07-28T16:43:00</ReportDateTime>"
    )
    with pytest.raises(MalformedTelegramError, match="no time zone"):
        parse_telegram(broken, "x.xml")


def test_unknown_status_is_malformed() -> None:
    broken = REAL.replace(b"<Status>\xe9\x80\x9a\xe5\xb8\xb8</Status>", b"<Status>maybe</Status>")
    with pytest.raises(MalformedTelegramError, match="Control/Status"):
        parse_telegram(broken, "x.xml")


def test_unsupported_encoding_is_malformed() -> None:
    document = b'<?xml version="1.0" encoding="Shift_JIS"?><Report/>'
    with pytest.raises(MalformedTelegramError):
        parse_telegram(document, "sjis.xml")


def test_errors_form_one_hierarchy_with_a_readable_message() -> None:
    assert issubclass(TelegramError, FeedError)
    error = MalformedTelegramError("a.xml", "Control is missing")
    assert str(error).startswith("a.xml: Control is missing (")
    assert "\n" not in str(error)
