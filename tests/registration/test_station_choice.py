"""A resident chooses river stations on the registration page (the one station list): in
headless Chromium against the real service, and a posted station the page never offered."""

from __future__ import annotations

from typing import Any

import pytest

from dispatch.records.subscribers import Status
from tests.registration.conftest import Portal
from tests.registration.test_hostile_input import nothing_happened
from tests.registration.test_pages_in_chromium import sign_up

pytestmark = pytest.mark.slow
SAGIMORI = "83030400470000016"  # 妙正寺川 鷺盛橋, in the shipped list


def test_a_resident_chooses_one_station_and_the_confirmation_names_it(
    portal: Portal, phone: Any
) -> None:
    page = phone
    page.goto(portal.url)
    # Every station of the one list is offered; "every station" is the default.
    assert page.get_by_label("区に関係するすべての観測所（今後加わる観測所も）").is_checked()
    assert page.get_by_label("妙正寺川 千歳橋").count() == 1
    page.get_by_label("メールアドレス").fill("kawa@example.jp")
    page.get_by_label("河川の水位").check()
    page.get_by_label("次の観測所だけ").check()
    page.get_by_label("妙正寺川 鷺盛橋").check()
    page.get_by_label("上記の目的に同意して登録します").check()
    page.get_by_role("button", name="確認メールを送る").click()
    page.get_by_role("heading", name="メールをお送りしました").wait_for()
    (mail,) = portal.wait_mails("kawa@example.jp", 1)
    page.goto(portal.link_in(mail, "confirm"))
    summary = page.locator("dl.summary").inner_text()
    assert "妙正寺川 鷺盛橋" in summary and "千歳橋" not in summary
    page.get_by_role("button", name="登録する").click()
    page.get_by_role("heading", name="登録が完了しました").wait_for()
    active = portal.subscriber("kawa@example.jp")
    assert active is not None and active.status is Status.ACTIVE
    assert active.topics.river_stations == (SAGIMORI,)


def test_only_these_stations_without_a_station_asks_again(portal: Portal, phone: Any) -> None:
    page = phone
    page.goto(portal.url)
    page.get_by_label("メールアドレス").fill("nochoice@example.jp")
    page.get_by_label("河川の水位").check()
    page.get_by_label("次の観測所だけ").check()
    page.get_by_label("上記の目的に同意して登録します").check()
    page.get_by_role("button", name="確認メールを送る").click()
    errors = page.locator("#errors").inner_text()
    assert "観測所を1つ以上選んでください" in errors
    assert portal.subscriber("nochoice@example.jp") is None


def test_a_station_the_page_never_offered_is_refused(portal: Portal) -> None:
    with portal.client() as client:
        answer = sign_up(
            client, "forged@example.jp", t_river="1", river_stage="1", river_scope="chosen",
            stations="99999999999999999",
        )  # fmt: skip
    assert answer.status_code == 400
    nothing_happened(portal)
