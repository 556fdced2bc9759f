"""Text settings as typed on a Japanese keyboard: what is read NFKC and what is kept."""

from __future__ import annotations

import pytest

from dispatch.records.settings import DECLARED, get_setting, set_setting
from tests.unit.dispatch.conftest import Office


@pytest.mark.parametrize(
    ("name", "typed", "stored"),
    [
        # Codes, times, numbers-as-text, host names: NFKC, spaces around dropped.
        ("office.contact", "０３－５２７３－３８７４", "03-5273-3874"),
        ("notify.summary_at", "０８：００", "08:00"),
        ("feeds.areas", " １３１０４００ ", "1310400"),
        (
            "smtp.host",
            "ｒｅｌａｙ．ｃｉｔｙ．ｓｈｉｎｊｕｋｕ．ｌｇ．ｊｐ",
            "relay.city.shinjuku.lg.jp",
        ),
        # The office's own names go into every mail in its own typography.
        ("office.name", "新宿区（危機管理課）", "新宿区（危機管理課）"),
        # Addresses and paths: full-width ASCII only (no look-alike folding, real folder names).
        (
            "office.address",
            "ｂｏｕｓａｉ＠ｃｉｔｙ．ｓｈｉｎｊｕｋｕ．ｌｇ．ｊｐ",
            "bousai@city.shinjuku.lg.jp",
        ),
        ("backup.folder", "Ｄ：/ﾊﾞｯｸｱｯﾌﾟ①", "D:/ﾊﾞｯｸｱｯﾌﾟ①"),
        # A password is never changed.
        ("smtp.password", "ｐａｓｓ　ﾜｰﾄﾞ ", "ｐａｓｓ　ﾜｰﾄﾞ "),
    ],
)
def test_text_settings_are_stored_as_meant(
    office: Office, name: str, typed: str, stored: str
) -> None:
    assert DECLARED[name].kind is str
    set_setting(office.admin.connection, name, typed)
    assert get_setting(office.admin.connection, name) == stored
