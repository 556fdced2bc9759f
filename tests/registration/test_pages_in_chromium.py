"""A resident on a phone: sign up, confirm from the mail, change, stop — in headless Chromium
against the real service (uvicorn over TLS, the store, the test SMTP server)."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from dispatch.base.vocabulary import Charset, Language
from dispatch.operations import settings as setting_ops
from dispatch.records.links import link_key, signed_link
from dispatch.records.subscriber_table import SubscriberRepository
from dispatch.records.subscribers import (
    Channel,
    KandaRiver,
    NewSubscriber,
    Status,
    Topics,
    WarningLevel,
)
from dispatch.store.database import transaction
from tests.registration.conftest import SCREENSHOTS, Portal

pytestmark = pytest.mark.slow


def shot(page: Any, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"registration-{name}.png"), full_page=True)


def add_active(portal: Portal, address: str) -> int:
    connection = portal.admin.connection
    with transaction(connection):
        return SubscriberRepository(connection).add(
            NewSubscriber(
                address,
                Topics(warning_level=WarningLevel.WARNING, kanda_rivers=KandaRiver.KANDA),
                portal.clock.now(),
                channel=Channel.WEB,
            ),
            portal.clock.now(),
        )


def links_of(portal: Portal, subscriber_id: int) -> tuple[str, str]:
    connection = portal.admin.connection
    with transaction(connection):
        key = link_key(connection)
    change = portal.service.registrations.change_link(subscriber_id, "ja")
    return change, signed_link(portal.url, key, "unsubscribe", subscriber_id)


def test_a_resident_signs_up_on_a_phone_and_the_mailed_link_makes_it_active(
    portal: Portal, phone: Any
) -> None:
    page = phone
    page.goto(portal.url)
    assert page.locator("html").get_attribute("lang") == "ja"
    # The purpose of the collection comes before the form (R2.2).
    purpose = page.locator("section.purpose")
    assert "目的以外には使いません" in purpose.inner_text()
    assert purpose.bounding_box()["y"] < page.locator("#email").bounding_box()["y"]
    # Nothing to type but the address: every other field is a choice (no free text).
    assert page.locator("textarea, input[type=text]").count() == 0
    # Usable on a phone: nothing wider than the screen.
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    shot(page, "form")

    page.get_by_label("メールアドレス").fill("Hanako.Shinjuku@Example.JP")
    page.get_by_label("新宿区の雨量").check()
    page.get_by_label("1時間の雨量がこれ以上のとき").select_option("50")
    page.get_by_label("神田川", exact=True).check()
    page.get_by_label("上記の目的に同意して登録します").check()
    page.get_by_role("button", name="確認メールを送る").click()
    page.get_by_role("heading", name="メールをお送りしました").wait_for()

    pending = portal.subscriber("hanako.shinjuku@example.jp")
    assert pending is not None and pending.status is Status.PENDING

    (mail,) = portal.wait_mails("hanako.shinjuku@example.jp", 1)
    assert mail["Subject"] == "【気象メール】登録の確認"
    assert mail["Auto-Submitted"] == "auto-generated"
    link = portal.link_in(mail, "confirm")
    page.goto(link)
    summary = page.locator("dl.summary").inner_text()
    assert "hanako.shinjuku@example.jp" in summary and "50 ミリ" in summary
    shot(page, "confirm")
    page.get_by_role("button", name="登録する").click()
    page.get_by_role("heading", name="登録が完了しました").wait_for()

    active = portal.subscriber("hanako.shinjuku@example.jp")
    assert active is not None and active.status is Status.ACTIVE
    assert active.channel is Channel.WEB
    assert active.topics.rain_mm == 50
    assert active.topics.kanda_rivers == KandaRiver.KANDA
    assert active.topics.warning_level == WarningLevel.WARNING  # the default choice
    # The same link a second time does nothing: single use.
    page.goto(link)
    page.get_by_role("heading", name="このリンクは使えません").wait_for()


def test_english_and_easy_japanese_pages(portal: Portal, phone: Any) -> None:
    page = phone
    page.goto(portal.url)
    page.get_by_role("link", name="English").click()
    assert page.locator("html").get_attribute("lang") == "en"
    page.get_by_role("heading", name="Weather alert mail — sign up").wait_for()
    assert page.get_by_label("English", exact=True).is_checked()  # mail language follows
    shot(page, "form-en")
    page.get_by_role("link", name="やさしい にほんご").click()
    page.get_by_role("heading", name="きしょうメール とうろく").wait_for()
    assert page.get_by_label("やさしい にほんご").is_checked()


def test_change_then_stop_from_the_links_in_every_mail(portal: Portal, phone: Any) -> None:
    subscriber_id = add_active(portal, "taro@docomo.ne.jp")
    change, stop = links_of(portal, subscriber_id)
    page = phone
    page.goto(change)
    # Alert mails carry this link and get forwarded: the page shows the address masked.
    assert page.locator("p.fixed").inner_text() == "ta***@d***.ne.jp"
    assert "taro@docomo.ne.jp" not in page.content()
    assert page.get_by_label("通常（UTF-8）").is_checked()
    page.get_by_label("古い携帯電話（ガラケー）で文字化けする場合（ISO-2022-JP）").check()
    page.get_by_label("河川の水位").check()
    page.get_by_label("避難判断水位から").check()
    page.get_by_label("英語 (English)").check()
    page.get_by_label("時間帯を設定する").check()
    page.get_by_label("開始").select_option("23")
    page.get_by_label("終了").select_option("7")
    shot(page, "change")
    page.get_by_role("button", name="変更する").click()
    page.get_by_role("heading", name="変更しました").wait_for()
    changed = portal.subscriber("taro@docomo.ne.jp")
    assert changed is not None
    assert changed.topics.river_stage == 2 and changed.language is Language.EN
    assert changed.charset is Charset.ISO_2022_JP
    assert str(changed.quiet_hours) == "23:00-07:00"
    assert changed.status is Status.ACTIVE

    # Two taps to stop: the link, then the one button.
    page.goto(stop)
    assert (
        page.locator("main p").first.inner_text()
        == "ta***@d***.ne.jp への気象メールの配信を停止します。"
    )
    assert "taro@docomo.ne.jp" not in page.content()
    shot(page, "unsubscribe")
    page.get_by_role("button", name="配信を停止する").click()
    page.get_by_role("heading", name="配信を停止しました").wait_for()
    # The resident is told how long the address is kept (retention.inactive_days).
    page.get_by_text("登録されていたアドレスと選択内容は、30日後にすべて消去します。").wait_for()
    stopped = portal.subscriber("taro@docomo.ne.jp")
    assert stopped is not None and stopped.status is Status.UNSUBSCRIBED


def test_one_click_unsubscribe_as_mail_providers_send_it(portal: Portal) -> None:
    first = add_active(portal, "one@example.jp")
    second = add_active(portal, "two@example.jp")
    _, stop_first = links_of(portal, first)
    _, stop_second = links_of(portal, second)
    with portal.client() as client:
        # RFC 8058: a POST with this body, no cookie, no CSRF token.
        answer = client.post(
            stop_first,
            content=b"List-Unsubscribe=One-Click",
            headers={"content-type": "application/x-www-form-urlencoded"},
        )
        assert answer.status_code == 200
        assert answer.text == "unsubscribed; the address is erased after 30 days\n"
        multipart = client.post(stop_second, files={"List-Unsubscribe": (None, "One-Click")})
        assert multipart.status_code == 200
        again = client.post(stop_first, data={"List-Unsubscribe": "One-Click"})
        assert again.status_code == 200  # idempotent
    for address in ("one@example.jp", "two@example.jp"):
        subscriber = portal.subscriber(address)
        assert subscriber is not None and subscriber.status is Status.UNSUBSCRIBED
    entries = portal.admin.connection.execute(
        "SELECT actor, target, detail FROM audit_log WHERE action = 'registration.unsubscribe'"
    ).fetchall()
    assert [(e[0], e[1]) for e in entries] == [
        ("registration", f"subscriber:{first}"),
        ("registration", f"subscriber:{second}"),
    ]
    assert all('"one_click":true' in e[2] for e in entries)


def test_when_nothing_is_kept_a_stop_erases_the_address_at_once(portal: Portal) -> None:
    subscriber_id = add_active(portal, "gone@example.jp")
    _, stop = links_of(portal, subscriber_id)
    setting_ops.change_setting(portal.admin, "retention.inactive_days", 0)
    with portal.client() as client:
        answer = client.post(
            stop,
            content=b"List-Unsubscribe=One-Click",
            headers={"content-type": "application/x-www-form-urlencoded"},
        )
    assert answer.status_code == 200
    assert portal.subscriber("gone@example.jp") is None
    erasure = portal.admin.connection.execute(
        "SELECT subscriber_id, reason FROM erasures"
    ).fetchall()
    assert erasure == [(subscriber_id, "retention: inactive")]


def test_expired_and_forged_links_are_refused(portal: Portal, phone: Any) -> None:
    page = phone
    page.goto(portal.url)
    page.get_by_label("メールアドレス").fill("late@example.jp")
    page.get_by_label("上記の目的に同意して登録します").check()
    page.get_by_role("button", name="確認メールを送る").click()
    page.get_by_role("heading", name="メールをお送りしました").wait_for()
    link = portal.link_in(portal.wait_mails("late@example.jp", 1)[0], "confirm")

    token = link.split("t=")[1].split("&")[0]
    body, tag = token.split(".")
    forged = link.replace(token, f"{body}.{'A' * len(tag) if tag[0] != 'A' else 'B' * len(tag)}")
    page.goto(forged)
    page.get_by_role("heading", name="このリンクは使えません").wait_for()

    portal.clock.advance(minutes=61)
    page.goto(link)
    page.get_by_role("heading", name="このリンクは使えません").wait_for()
    shot(page, "expired")
    late = portal.subscriber("late@example.jp")
    assert late is not None and late.status is Status.PENDING

    victim = add_active(portal, "victim@example.jp")
    _, stop = links_of(portal, victim)
    with portal.client() as client:
        for wrong in (stop.replace(f"s={victim}", f"s={victim + 1}"), stop[:-2] + "xx"):
            answer = client.post(wrong, data={"List-Unsubscribe": "One-Click"})
            assert answer.status_code == 400
    still = portal.subscriber("victim@example.jp")
    assert still is not None and still.status is Status.ACTIVE


def test_a_known_address_gets_its_change_link_and_the_page_says_the_same(
    portal: Portal,
) -> None:
    add_active(portal, "known@example.jp")
    answers = []
    for address in ("known@example.jp", "new@example.jp"):
        with portal.client() as client:
            answers.append(sign_up(client, address))
    assert answers[0].status_code == answers[1].status_code == 200
    assert answers[0].text == answers[1].text  # no enumeration
    (known_mail,) = portal.wait_mails("known@example.jp", 1)
    assert known_mail["Subject"] == "【気象メール】すでに登録されています"
    portal.link_in(known_mail, "change")
    known = portal.subscriber("known@example.jp")
    assert known is not None and known.status is Status.ACTIVE
    assert known.topics.kanda_rivers == KandaRiver.KANDA  # unchanged by a stranger's form


def form_token(client: httpx.Client, path: str = "") -> str:
    page = client.get(path or "./")
    assert page.status_code == 200
    marker = 'name="csrf" value="'
    start = page.text.index(marker) + len(marker)
    return page.text[start : page.text.index('"', start)]


def sign_up(client: httpx.Client, address: str, **extra: str) -> httpx.Response:
    fields = {
        "csrf": form_token(client),
        "lang": "ja",
        "email": address,
        "t_warnings": "1",
        "warning_level": "3",
        "mail_language": "ja",
        "consent": "1",
        **extra,
    }
    return client.post("register", data=fields)


def test_an_old_carrier_phone_gets_its_confirmation_mail_in_iso_2022_jp(
    portal: Portal, phone: Any
) -> None:
    page = phone
    page.goto(portal.url)
    utf8 = page.get_by_label("通常（UTF-8）")
    assert utf8.is_checked()  # the default
    page.get_by_label("メールアドレス").fill("jiro.garake@docomo.ne.jp")
    page.get_by_label("古い携帯電話（ガラケー）で文字化けする場合（ISO-2022-JP）").check()
    page.get_by_label("上記の目的に同意して登録します").check()
    page.get_by_role("button", name="確認メールを送る").click()
    page.get_by_role("heading", name="メールをお送りしました").wait_for()

    pending = portal.subscriber("jiro.garake@docomo.ne.jp")
    assert pending is not None and pending.charset is Charset.ISO_2022_JP

    (raw,) = portal.raw_mails_to("jiro.garake@docomo.ne.jp")
    head, _, body = raw.partition(b"\r\n\r\n")
    assert b'Content-Type: text/plain; charset="iso-2022-jp"' in head
    assert b"Content-Transfer-Encoding: 7bit" in head
    assert max(raw) < 0x80  # 7bit throughout: what old phones read
    assert b"\x1b$B" in body  # JIS X 0208 in the body itself, not base64
    assert b"=?iso-2022-jp?b?" in head  # the subject, too
    (mail,) = portal.wait_mails("jiro.garake@docomo.ne.jp", 1)
    assert mail.get_content_charset() == "iso-2022-jp"
    assert mail["Subject"] == "【気象メール】登録の確認"
    text = mail.get_body(preferencelist=("plain",)).get_content()  # type: ignore[union-attr]
    assert "気象メールへの登録のお申し込みを受け付けました。" in text
    assert "このメールは送信専用です。" in text

    page.goto(portal.link_in(mail, "confirm"))
    summary = page.locator("dl.summary").inner_text()
    assert "古い携帯電話（ガラケー）で文字化けする場合（ISO-2022-JP）" in summary
    page.get_by_role("button", name="登録する").click()
    page.get_by_role("heading", name="登録が完了しました").wait_for()
    active = portal.subscriber("jiro.garake@docomo.ne.jp")
    assert active is not None and active.status is Status.ACTIVE
    assert active.charset is Charset.ISO_2022_JP


def test_the_english_and_easy_pages_offer_the_old_phone_choice(portal: Portal) -> None:
    with portal.client() as client:
        english = client.get("./?lang=en").text
        easy = client.get("./?lang=easy").text
    assert "If the mail is garbled on an older mobile phone (ガラケー, garakei)" in english
    assert "ふるい けいたいでんわ（ガラケー）で もじが よめない とき" in easy


def test_a_known_address_asking_for_iso_2022_jp_gets_its_links_in_it(portal: Portal) -> None:
    add_active(portal, "hanako@ezweb.ne.jp")
    with portal.client() as client:
        assert sign_up(client, "hanako@ezweb.ne.jp", charset="iso-2022-jp").status_code == 200
    (mail,) = portal.wait_mails("hanako@ezweb.ne.jp", 1)
    assert mail.get_content_charset() == "iso-2022-jp"
    assert mail["Subject"] == "【気象メール】すでに登録されています"
    portal.link_in(mail, "change")
    known = portal.subscriber("hanako@ezweb.ne.jp")
    assert known is not None and known.charset is Charset.UTF8  # a form cannot change it


def test_the_change_and_stop_pages_never_hold_the_full_address(portal: Portal) -> None:
    subscriber_id = add_active(portal, "taro.yamada@docomo.ne.jp")
    change, stop = links_of(portal, subscriber_id)
    with portal.client() as client:
        for url in (change, stop, change.replace("lang=ja", "lang=en"), stop + "&lang=easy"):
            html = client.get(url).text
            assert "ta***@d***.ne.jp" in html
            assert "taro.yamada" not in html and "docomo" not in html
        # A change refused for a missing topic shows the form again, still masked.
        csrf = form_token(client, change)
        again = client.post(change, data={"csrf": csrf, "lang": "ja", "mail_language": "ja"})
        assert again.status_code == 400
        assert "ta***@d***.ne.jp" in again.text and "taro.yamada" not in again.text
