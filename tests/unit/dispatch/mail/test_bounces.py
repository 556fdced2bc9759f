"""Reading bounces: RFC 3464 DSNs and the carriers' plain-text bounces (samples in
tests/data/bounces, synthetic in the documented shapes — see its README)."""

from __future__ import annotations

from pathlib import Path

import pytest

from dispatch.mail.bounces import (
    MAX_RECIPIENTS,
    Failure,
    bounce_address,
    new_token,
    read_bounce,
    token_of,
)

SAMPLES = Path(__file__).parents[3] / "data" / "bounces"
TOKEN = "0123456789abcdef01234567"


def sample(name: str, address: str, status: str = "5.1.1", token: str = TOKEN) -> bytes:
    text = (SAMPLES / name).read_text()
    text = text.replace("{TOKEN}", token).replace("{ADDRESS}", address)
    return text.replace("{STATUS}", status).replace("\n", "\r\n").encode()


def test_the_bounce_address_carries_a_fresh_unguessable_token() -> None:
    tokens = {new_token() for _ in range(1000)}
    assert len(tokens) == 1000
    token = tokens.pop()
    address = bounce_address("bounce", token, "city.example.jp")
    assert address == f"bounce+{token}@city.example.jp"
    assert token_of(address, "bounce") == token
    assert token_of("bounce+7.42@city.example.jp", "bounce") is None  # numbers are no token
    assert token_of(f"other+{token}@city.example.jp", "bounce") is None


@pytest.mark.parametrize(
    ("name", "address", "status", "source"),
    [
        ("dsn-hard.eml", "taro@docomo.ne.jp", "5.1.1", "dsn"),
        ("au-ezweb.eml", "hanako@ezweb.ne.jp", "5.1.1", "au"),
        ("docomo-sendmail.eml", "jiro@docomo.ne.jp", "5.1.1", "docomo"),
        ("softbank-postfix.eml", "saburo@i.softbank.jp", "4.2.2", "softbank"),
    ],
)
def test_dsns_and_carrier_bounces_name_the_address_its_status_and_the_token(
    name: str, address: str, status: str, source: str
) -> None:
    bounce = read_bounce(sample(name, address), "bounce")
    assert bounce is not None
    assert bounce.tokens == (TOKEN,)
    assert bounce.failures == (Failure(address, status),)
    assert bounce.source == source
    assert bounce.failures[0].hard is status.startswith("5")


def test_a_soft_dsn_is_soft_and_a_delay_warning_is_no_bounce() -> None:
    bounce = read_bounce(sample("dsn-hard.eml", "taro@docomo.ne.jp", "4.2.2"), "bounce")
    assert bounce is not None and not bounce.failures[0].hard
    # The reporting server is still trying: sending again would only duplicate the mail.
    delayed = sample("dsn-hard.eml", "taro@docomo.ne.jp", "4.2.2").replace(
        b"Action: failed", b"Action: delayed"
    )
    assert read_bounce(delayed, "bounce") is None


def test_a_bounce_claiming_thousands_of_recipients_is_read_as_too_many() -> None:
    data = sample("dsn-hard.eml", "taro@docomo.ne.jp").decode()
    groups = "".join(
        f"Final-Recipient: rfc822; r{n}@docomo.ne.jp\r\nAction: failed\r\nStatus: 5.1.1\r\n\r\n"
        for n in range(3000)
    )
    data = data.replace("Final-Recipient: rfc822; taro", groups + "Final-Recipient: rfc822; taro")
    bounce = read_bounce(data.encode(), "bounce")
    assert bounce is not None and bounce.too_many and bounce.failures == ()
    assert MAX_RECIPIENTS < 3000


def test_ordinary_mail_and_auto_replies_are_not_bounces() -> None:
    control_copy = (
        b"From: kishomail@city.example.jp\r\nTo: kishomail@city.example.jp\r\n"
        b"Subject: alert\r\n\r\n<taro@docomo.ne.jp>: 550 user unknown\r\n"
    )
    assert read_bounce(control_copy, "bounce") is None
    assert read_bounce(b"\xff\xfe not a mail", "bounce") is None


def test_a_forwarded_mailbox_is_known_by_the_address_we_sent_to() -> None:
    data = sample("dsn-hard.eml", "taro@docomo.ne.jp").replace(
        b"Final-Recipient: rfc822; taro@docomo.ne.jp", b"Final-Recipient: rfc822; t@fwd.example"
    )
    bounce = read_bounce(data, "bounce")
    assert bounce is not None and [f.address for f in bounce.failures] == ["taro@docomo.ne.jp"]
