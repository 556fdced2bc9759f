"""Hostile requests to the registration page: each refused, nothing stored, nothing mailed."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from dispatch.records.subscribers import Status
from tests.registration.conftest import Portal
from tests.registration.test_pages_in_chromium import form_token, sign_up


def nothing_happened(portal: Portal) -> None:
    portal.service.mailer.wait_idle(10)
    assert portal.count() == 0
    assert portal.smtp.received == []


def test_security_headers_and_no_script_or_third_party_assets(portal: Portal) -> None:
    with portal.client() as client:
        page = client.get("./")
    headers = page.headers
    assert "default-src 'self'" in headers["content-security-policy"]
    assert "script-src 'none'" in headers["content-security-policy"]
    assert headers["x-frame-options"] == "DENY"
    assert headers["referrer-policy"] == "no-referrer"
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["strict-transport-security"].startswith("max-age=")  # served over https
    assert headers["cache-control"] == "no-store"
    assert "server" not in headers
    assert "<script" not in page.text and "style=" not in page.text
    assert "https://" not in page.text.replace(portal.url, "")  # nothing from elsewhere
    cookie = headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=lax" in cookie and "secure" in cookie


def test_an_oversized_body_is_refused_before_it_is_read(portal: Portal) -> None:
    with portal.client() as client:
        csrf = form_token(client)
        huge = {"csrf": csrf, "email": "big@example.jp", "consent": "1", "pad": "x" * 100_000}
        assert client.post("register", data=huge).status_code == 413

        def chunks() -> Iterator[bytes]:  # no Content-Length: counted while streaming
            yield b"email=big%40example.jp&consent=1&t_warnings=1&pad="
            for _ in range(20):
                yield b"y" * 1024

        assert client.post("register", content=chunks()).status_code == 413
    nothing_happened(portal)


@pytest.mark.parametrize(
    "address",
    [
        "victim@example.jp\r\nBcc: everyone@example.jp",
        "victim@example.jp\nSubject: free money",
        "victim@example.jp%0d%0aBcc:x@example.jp",
        "<victim@example.jp>",
        "victim@example.jp, other@example.jp",
    ],
)
def test_header_injection_in_the_address_is_refused(portal: Portal, address: str) -> None:
    with portal.client() as client:
        answer = sign_up(client, address)
    assert answer.status_code == 400
    nothing_happened(portal)


def test_invalid_utf8_and_non_ascii_bodies_are_refused(portal: Portal) -> None:
    with portal.client() as client:
        csrf = form_token(client)
        base = f"csrf={csrf}&consent=1&t_warnings=1&warning_level=3&email="
        for body in (
            base.encode() + b"%ff%fe%fd@example.jp",
            base.encode() + "山田@example.jp".encode("shift_jis"),
            base.encode() + b"a@example.jp&lang=%c3%28",
        ):
            answer = client.post(
                "register",
                content=body,
                headers={"content-type": "application/x-www-form-urlencoded"},
            )
            assert answer.status_code == 400
        # A choice that the form never offers (free text smuggled into a choice field).
        assert sign_up(client, "a@example.jp", rain_mm="999").status_code == 400
        assert sign_up(client, "a@example.jp", t_rain="1", rain_mm="30; DROP").status_code == 400
        assert sign_up(client, "a@example.jp", rivers="sumida").status_code == 400
    nothing_happened(portal)


def test_a_form_without_its_csrf_cookie_stores_nothing(portal: Portal) -> None:
    with portal.client() as client:
        csrf = form_token(client)
    with portal.client() as stranger:  # another site posting a victim's browser's form
        answer = stranger.post(
            "register",
            data={"csrf": csrf, "email": "csrf@example.jp", "t_warnings": "1", "consent": "1"},
        )
    assert answer.status_code == 400
    assert "フォームの有効期限が切れました" in answer.text
    nothing_happened(portal)


def test_a_replayed_confirmation_is_refused(portal: Portal) -> None:
    with portal.client() as client:
        assert sign_up(client, "replay@example.jp").status_code == 200
        link = portal.link_in(portal.wait_mails("replay@example.jp", 1)[0], "confirm")
        token = link.split("t=")[1].split("&")[0]
        csrf = form_token(client)
        first = client.post("confirm", data={"csrf": csrf, "t": token, "lang": "ja"})
        assert first.status_code == 200 and "登録が完了しました" in first.text
        subscriber = portal.subscriber("replay@example.jp")
        assert subscriber is not None and subscriber.status is Status.ACTIVE
        # The resident unsubscribes; a replay of the old confirmation must not undo that.
        portal.admin.connection.execute(
            "UPDATE subscribers SET status = 'unsubscribed' WHERE id = ?", (subscriber.id,)
        )
        replay = client.post("confirm", data={"csrf": csrf, "t": token, "lang": "ja"})
        assert replay.status_code == 400
    again = portal.subscriber("replay@example.jp")
    assert again is not None and again.status is Status.UNSUBSCRIBED


def test_a_flood_of_sign_ups_for_one_address_sends_three_mails_and_stores_one_row(
    portal: Portal,
) -> None:
    with portal.client() as client:
        answers = [sign_up(client, "flooded@example.jp") for _ in range(3)]
        assert len(portal.wait_mails("flooded@example.jp", 3)) == 3
        before = portal.subscriber("flooded@example.jp")
        answers += [
            sign_up(client, "flooded@example.jp", t_rain="1", rain_mm="10") for _ in range(12)
        ]
    assert {a.status_code for a in answers} == {200}
    assert len({a.text for a in answers}) == 1  # the same answer every time
    portal.service.mailer.wait_idle(10)
    assert len(portal.mails_to("flooded@example.jp")) == 3
    assert portal.count() == 1
    after = portal.subscriber("flooded@example.jp")
    assert after == before  # nothing more was stored: the choices were not changed
    # An hour later the address may be sent one again.
    portal.clock.advance(minutes=61)
    with portal.client() as client:
        sign_up(client, "flooded@example.jp")
    assert len(portal.wait_mails("flooded@example.jp", 4)) == 4


def test_one_client_flooding_the_form_is_told_to_wait(portal: Portal) -> None:
    limit = portal.service.registrations.limits.requests_per_client_per_hour
    with portal.client() as client:
        csrf = form_token(client)
        codes = [
            client.post("register", data={"csrf": csrf, "email": "x"}).status_code
            for _ in range(limit + 1)
        ]
    assert codes[:limit] == [400] * limit  # bad forms, but counted
    assert codes[-1] == 429
    nothing_happened(portal)


@pytest.mark.parametrize(
    "charset", ["shift_jis", "utf-8\r\nBcc: x@example.jp", "ISO-2022-JP ", "utf-7"]
)
def test_a_charset_the_form_does_not_offer_is_refused(portal: Portal, charset: str) -> None:
    with portal.client() as client:
        answer = sign_up(client, "victim@example.jp", charset=charset)
    assert answer.status_code == 400
    nothing_happened(portal)
