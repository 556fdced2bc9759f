"""Settings → staff notification addresses (issue 14 point 1): added, refused, removed after
asking, and tested against the real TLS test relay — each change audited without the address;
and the new dialogs in Japanese."""

from __future__ import annotations

from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from desktop.windows.second_officer import SecondOfficerDialog
from desktop.windows.settings import SettingsPage
from desktop.windows.staff_contacts import ContactDialog, ContactsBox
from dispatch.operations import audit as audit_ops
from dispatch.operations import notifications as notify_ops
from dispatch.operations.session import Session
from dispatch.records.audit import AuditQuery
from tests.gui.test_japanese_throughout import _english, _texts
from tests.gui.test_service import use_relay
from tests.support.certs import ServerCertificate
from tests.support.smtp_server import FaultySmtpServer

DUTY_PHONE = "duty-phone@docomo.ne.jp"


def _box(qtbot: QtBot, admin: Session, settings: QSettings) -> ContactsBox:
    page = SettingsPage(admin, ui=settings)
    qtbot.addWidget(page)
    assert page.contacts is not None
    qtbot.waitUntil(lambda: bool(page.contacts and page.contacts.account_names), timeout=5000)
    return page.contacts


def _add(qtbot: QtBot, box: ContactsBox, account: str, address: str) -> object:
    box.ask_new_contact = lambda accounts: (account, address)  # type: ignore[method-assign]
    with qtbot.waitSignal(box.done, timeout=5000) as ended:
        box.add()
    qtbot.waitUntil(lambda: not box.banner.text() == "", timeout=2000)
    return ended.args[0]


def test_an_administrator_adds_tests_and_removes_a_duty_phone(
    qtbot: QtBot,
    admin: Session,
    settings: QSettings,
    smtp_server: FaultySmtpServer,
    server_certificate: ServerCertificate,
) -> None:
    use_relay(admin, smtp_server, server_certificate)
    box = _box(qtbot, admin, settings)
    assert "duty" in box.account_names
    # Typed on a phone keyboard in full width: stored as the address it is.
    _add(qtbot, box, "duty", "ｄｕｔｙ－ｐｈｏｎｅ＠ｄｏｃｏｍｏ．ｎｅ．ｊｐ")
    qtbot.waitUntil(lambda: box.model.rowCount() == 1, timeout=5000)
    assert [c.address for c in notify_ops.list_contacts(admin, "duty")] == [DUTY_PHONE]
    entries = audit_ops.search_audit(admin, AuditQuery(action="account.contact.add"))
    assert entries[-1].target == "account:duty" and DUTY_PHONE not in str(entries[-1].detail)

    # Not an address: said so, nothing added.
    error = _add(qtbot, box, "duty", "not an address")
    assert isinstance(error, Exception) and box.banner.text()
    assert len(notify_ops.list_contacts(admin)) == 1

    # The test notification reaches the phone through the relay, over TLS.
    with qtbot.waitSignal(box.done, timeout=20_000) as tested:
        box.send_test()
    assert tested.args[0].ok
    (mail,) = smtp_server.received
    assert mail.recipients == (DUTY_PHONE,) and mail.secure
    assert b"X-Kishomail-Notification: test" in mail.data

    # Removing asks first; キャンセル keeps the address.
    box.view.selectRow(0)
    box.ask = lambda *_: False  # type: ignore[method-assign]
    box.remove()
    assert len(notify_ops.list_contacts(admin)) == 1
    box.ask = lambda *_: True  # type: ignore[method-assign]
    with qtbot.waitSignal(box.done, timeout=5000):
        box.remove()
    assert notify_ops.list_contacts(admin) == []
    qtbot.waitUntil(lambda: box.model.rowCount() == 0, timeout=5000)


def test_the_new_dialogs_speak_japanese(qtbot: QtBot) -> None:
    """The contact and second-officer dialogs have no English left (the page test does not
    open dialogs)."""
    dialogs = [
        ContactDialog(["duty"]),
        SecondOfficerDialog("duty", "【新宿区】避難所を開設しました", lambda *_: None),
    ]
    untranslated = []
    for dialog in dialogs:
        qtbot.addWidget(dialog)
        untranslated += [f"{kind}: {text!r}" for kind, text in _texts(dialog) if _english(text)]
    assert not untranslated, "\n".join(untranslated)


def test_a_test_notification_without_a_relay_says_it_reached_no_phone(
    qtbot: QtBot, admin: Session, settings: QSettings
) -> None:
    notify_ops.add_contact(admin, "duty", DUTY_PHONE)
    box = _box(qtbot, admin, settings)
    with qtbot.waitSignal(box.done, timeout=20_000) as tested:
        box.send_test()
    assert tested.args[0].via == "local mailbox"
    assert "携帯電話には届いていません" in box.banner.text()
