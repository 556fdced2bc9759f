"""Registration by empty mail against Debian's dovecot on loopback over TLS: mail in, reply
with a link out, registration completes; a DSN counts a hard failure; auto-replies and
forged stops change nothing."""

from __future__ import annotations

import ssl
from dataclasses import replace

import pytest

from dispatch.records.settings import set_setting
from dispatch.records.subscribers import Channel, Status
from dispatch.registration.mailbox import ImapSettings, MailboxPoller, imap_settings
from dispatch.store.database import transaction
from tests.registration.conftest import Portal
from tests.registration.test_pages_in_chromium import add_active, form_token, links_of
from tests.support.dovecot import PASSWORD, USER, Dovecot

pytestmark = pytest.mark.slow


def record_sent(portal: Portal, subscriber_id: int, message_id: str) -> None:
    """A message we sent to the subscriber, with ``message_id`` (what a DSN of ours names)."""
    connection = portal.admin.connection
    with transaction(connection):
        now = "2026-11-21T02:00:00.000000Z"
        dispatch = connection.execute(
            "INSERT INTO dispatches (kind, subject, mode, status, created_at) "
            "VALUES ('test', 'test', 'individual', 'done', ?)",
            (now,),
        ).lastrowid
        connection.execute(
            "INSERT INTO deliveries (dispatch_id, subscriber_id, language, charset, message_id, "
            "state, next_attempt_at) VALUES (?, ?, 'ja', 'utf-8', ?, 'sent', ?)",
            (dispatch, subscriber_id, message_id, now),
        )


def poller_for(portal: Portal, dovecot: Dovecot, security: str = "implicit") -> MailboxPoller:
    service = portal.service
    return MailboxPoller(
        dovecot.settings(security),
        service.registrations,
        service.runtime.worker,
        own_addresses=("touroku@city.example.jp", "kishomail@city.example.jp"),
    )


def test_an_empty_mail_is_answered_with_a_link_that_completes_registration(
    portal: Portal, dovecot: Dovecot
) -> None:
    dovecot.append(
        "From: Yamada <Yamada.Hanako@Docomo.ne.jp>\nTo: touroku@city.example.jp\n"
        "Subject: \nMessage-ID: <empty-1@docomo.ne.jp>\n\n"
    )
    seen = poller_for(portal, dovecot).poll_once()
    assert seen["register"] == 1
    assert dovecot.count() == 0  # handled mail is deleted: it holds an address
    assert portal.subscriber("yamada.hanako@docomo.ne.jp") is None  # nothing stored yet

    (reply,) = portal.wait_mails("yamada.hanako@docomo.ne.jp", 1)
    assert reply["Auto-Submitted"] == "auto-replied"  # RFC 3834: no auto-reply loops
    assert "touroku@city.example.jp" in reply["From"]
    link = portal.link_in(reply, "register")
    with portal.client() as client:
        page = client.get(link)
        assert page.status_code == 200 and "yamada.hanako@docomo.ne.jp" in page.text
        token = link.split("t=")[1].split("&")[0]
        done = client.post(
            "register",
            data={
                "csrf": form_token(client, link),
                "t": token,
                "lang": "ja",
                "t_warnings": "1",
                "warning_level": "2",
                "rivers": ["kanda", "myoshoji"],
                "mail_language": "ja-easy",
                "consent": "1",
            },
        )
        assert done.status_code == 200 and "登録が完了しました" in done.text
        # The link worked once; it does not work again.
        assert client.get(link).status_code == 400
    subscriber = portal.subscriber("yamada.hanako@docomo.ne.jp")
    assert subscriber is not None and subscriber.status is Status.ACTIVE
    assert subscriber.channel is Channel.MAIL and subscriber.topics.warning_level == 2
    assert int(subscriber.topics.kanda_rivers) == 5


def test_bounces_count_auto_replies_are_ignored_and_stop_needs_the_link(
    portal: Portal, dovecot: Dovecot
) -> None:
    subscriber_id = add_active(portal, "gone@example.jp")
    sent_id = "<a1b2c3@city.example.jp>"
    record_sent(portal, subscriber_id, sent_id)
    dsn = """From: Mail Delivery System <MAILER-DAEMON@mx.example.jp>
To: touroku@city.example.jp
Subject: Undelivered Mail Returned to Sender
Auto-Submitted: auto-replied
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status; boundary="B"

--B
Content-Type: text/plain

Your message could not be delivered.
--B
Content-Type: message/delivery-status

Reporting-MTA: dns; mx.example.jp

Final-Recipient: rfc822; gone@example.jp
Action: failed
Status: {status}
Diagnostic-Code: smtp; 550 {status} mailbox unavailable

--B
Content-Type: text/rfc822-headers

From: kishomail@city.example.jp
To: gone@example.jp
Message-ID: {mid}
Subject: alert

--B--
"""
    dovecot.append(dsn.format(mid=sent_id, status="5.2.1"))
    # Not a message we sent (a guessed Message-ID), though "user unknown": changes nothing.
    dovecot.append(dsn.format(mid="<forged@elsewhere.example>", status="5.1.1"))
    dovecot.append(
        "From: Taro <auto@example.jp>\nTo: touroku@city.example.jp\nSubject: 不在です\n"
        "Auto-Submitted: auto-replied\n\nただいま不在です。\n"
    )
    dovecot.append("From: list@example.jp\nTo: touroku@city.example.jp\nPrecedence: bulk\n\nnews\n")
    dovecot.append(  # a forged stop: From says gone@, but nothing may change without the link
        "From: gone@example.jp\nTo: touroku@city.example.jp\nSubject: 停止\n\n停止\n"
    )
    dovecot.append("From: stranger@example.jp\nTo: touroku@city.example.jp\nSubject: stop\n\n")
    control_copy = (  # the office's own copy of an alert, in a mailbox shared with the office
        "From: kishomail@city.example.jp\nTo: kishomail@city.example.jp\n"
        "Message-ID: <kishomail.7.control@city.example.jp>\nSubject: 大雨警報\n\n控え\n"
    )
    dovecot.append(control_copy)
    poller = poller_for(portal, dovecot, security="starttls")
    seen = poller.poll_once()
    assert seen == {"bounce": 1, "bounce not ours": 1, "ignore": 3, "stop": 2}
    # Only what the poller handled is gone; the control copy, the auto-replies and the DSN
    # that is not ours stay for the office, untouched but for a keyword, and are not re-read.
    left = dovecot.messages()
    assert len(left) == 4
    assert any(raw.replace(b"\r\n", b"\n") == control_copy.encode() for raw, _ in left)
    assert all("Deleted" not in flags for _, flags in left)
    assert poller.poll_once() == {}

    gone = portal.subscriber("gone@example.jp")
    assert gone is not None and gone.hard_failures == 1  # the forged DSN did not count
    assert gone.status is Status.ACTIVE  # a stop mail alone stops nothing
    for address in ("auto@example.jp", "list@example.jp", "stranger@example.jp"):
        assert portal.mails_to(address) == []
        assert portal.subscriber(address) is None
    (answer,) = portal.wait_mails("gone@example.jp", 1)
    _, stop = links_of(portal, subscriber_id)
    assert portal.link_in(answer, "unsubscribe") == stop
    with portal.client() as client:
        assert client.post(stop, data={"List-Unsubscribe": "One-Click"}).status_code == 200
    stopped = portal.subscriber("gone@example.jp")
    assert stopped is not None and stopped.status is Status.UNSUBSCRIBED


def test_the_mailbox_settings_come_from_the_store_and_plain_imap_is_refused(
    portal: Portal, dovecot: Dovecot
) -> None:
    connection = portal.admin.connection
    assert imap_settings(connection) is None  # not configured: no polling
    with transaction(connection):
        for name, value in (
            ("registration.imap_host", "127.0.0.1"),
            ("registration.imap_port", dovecot.port),
            ("registration.imap_security", "starttls"),
            ("registration.imap_user", USER),
            ("registration.imap_password", PASSWORD),
            ("registration.imap_cafile", str(dovecot.cafile)),
        ):
            set_setting(connection, name, value)
    settings = imap_settings(connection)
    assert settings is not None
    assert replace(settings, timeout=10) == dovecot.settings("starttls")
    assert "mailbox-password" not in repr(settings)
    with pytest.raises(ValueError, match="never plain"):
        ImapSettings("127.0.0.1", dovecot.port, "plain")
    # A certificate the office does not trust is refused, not ignored.
    untrusted = ImapSettings("127.0.0.1", dovecot.tls_port, "implicit", USER, PASSWORD, None)
    poller = MailboxPoller(untrusted, portal.service.registrations, portal.service.runtime.worker)
    with pytest.raises(ssl.SSLCertVerificationError):
        poller.poll_once()


def test_a_user_unknown_dsn_of_ours_suspends_by_the_bounce_rule(
    portal: Portal, dovecot: Dovecot
) -> None:
    """The registration mailbox counts a DSN by the same rule as the bounce mailbox: "no such
    user" (5.1.x) for a message we sent suspends at once (bounces.unknown_user_at_once), and
    the bounce is recorded like one read from the bounce mailbox."""
    subscriber_id = add_active(portal, "moved@example.jp")
    sent_id = "<d4e5f6@city.example.jp>"
    record_sent(portal, subscriber_id, sent_id)
    dovecot.append(
        "From: MAILER-DAEMON@mx.example.jp\nTo: touroku@city.example.jp\nMIME-Version: 1.0\n"
        'Content-Type: multipart/report; report-type=delivery-status; boundary="B"\n\n'
        "--B\nContent-Type: text/plain\n\nundeliverable\n"
        "--B\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; mx.example.jp\n\n"
        "Final-Recipient: rfc822; moved@example.jp\nAction: failed\nStatus: 5.1.1\n\n"
        "--B\nContent-Type: text/rfc822-headers\n\nFrom: kishomail@city.example.jp\n"
        f"To: moved@example.jp\nMessage-ID: {sent_id}\nSubject: alert\n\n--B--\n"
    )
    assert poller_for(portal, dovecot, security="starttls").poll_once() == {"bounce": 1}
    moved = portal.subscriber("moved@example.jp")
    assert moved is not None and moved.status is Status.SUSPENDED
    kinds = portal.admin.connection.execute("SELECT kind, status, source FROM bounces").fetchall()
    assert kinds == [("hard", "5.1.1", "dsn")]
