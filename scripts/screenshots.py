"""Render every screen in Japanese and English into docs/screenshots/*.png.

Run under a display or Xvfb (``xvfb-run -a .venv/bin/python scripts/screenshots.py``); it
makes a demo store in a temporary folder, runs the demo typhoon night to the end (mail into the
local mailbox), and grabs each screen. Nothing here needs the network.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("KISHOMAIL_TEST_FAST_KDF", "1")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QEventLoop, QSettings, Qt, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication, QScrollArea, QWidget  # noqa: E402

from desktop import i18n  # noqa: E402
from desktop.app import create_application  # noqa: E402
from desktop.bridge import ServiceBridge  # noqa: E402
from desktop.dialogs.login import LoginWindow  # noqa: E402
from desktop.dialogs.setup import SetupWindow, open_demo_as  # noqa: E402
from desktop.dialogs.subscriber import SubscriberDialog  # noqa: E402
from desktop.errors import describe  # noqa: E402
from desktop.service_control import ServiceControl  # noqa: E402
from desktop.tasks import runner  # noqa: E402
from desktop.windows.bounce_settings import BounceSettingsBox, CarrierGroupsBox  # noqa: E402
from desktop.windows.main_window import MainWindow  # noqa: E402
from desktop.windows.second_officer import SecondOfficerDialog  # noqa: E402
from dispatch.base.errors import WrongCredentials  # noqa: E402
from dispatch.engine.assembly import build_engine  # noqa: E402
from dispatch.records.accounts import Role  # noqa: E402
from dispatch.records.outbox import Outbox  # noqa: E402

OUT = ROOT / "docs" / "screenshots"


def settle(ms: int = 400, until: Callable[[], bool] | None = None, timeout: int = 20000) -> None:
    """Let the event loop run (background tasks report, widgets lay out)."""
    waited = 0
    while True:
        loop = QEventLoop()
        QTimer.singleShot(ms, loop.quit)
        loop.exec()
        waited += ms
        if until is None or until() or waited >= timeout:
            if not runner().busy or waited >= timeout:
                return


def grab(widget: QWidget, name: str, language: str) -> None:
    widget.show()
    widget.raise_()
    settle()
    path = OUT / f"{name}_{language}.png"
    widget.grab().save(str(path))
    print("wrote", path.relative_to(ROOT))


def run_demo_night(folder: Path) -> None:
    """Replay the demo telegrams to the end so every screen has something to show."""
    session = open_demo_as(folder, Role.ADMINISTRATOR)
    engine = build_engine(session.store, started_by="screenshots", speed=None)
    try:
        engine.service.recover()
        for _ in range(20):
            engine.service.run_once()
        Outbox(session.connection, session.clock, "x")
    finally:
        engine.close()
        session.close()


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    app = create_application()
    app.setStyle("Fusion")
    work = Path(tempfile.mkdtemp(prefix="kishomail-shots-"))
    # Screens show paths under the home folder as ~/…: a neutral home keeps this machine's
    # paths out of the committed pictures.
    os.environ["HOME"] = str(work / "home")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(work / "qs"))
    demo = Path.home() / "kishomail" / "demo"
    run_demo_night(demo)
    for language in ("ja", "en"):
        i18n.install_translations(language)
        settings = QSettings(str(work / f"ui-{language}.ini"), QSettings.Format.IniFormat)
        settings.setValue("ui/language", language)

        fresh = Path.home() / "kishomail" / "fresh"
        setup = SetupWindow(fresh, fresh / "demo")
        setup.resize(760, 460)
        grab(setup, "01_setup", language)
        setup.recovery_key.setText("ABCD-EFGH-IJKL-MNOP-QRST-UVWX-YZ23-4567-ABCD-EFGH-IJKL-MNOP-QR")
        setup.pages.setCurrentIndex(3)
        grab(setup, "02_recovery_key", language)
        setup.recovery_key.clear()  # kept: closing on the key's page would not close it
        setup.close()

        login = LoginWindow(demo, settings)
        login.account.setText("demo-operator")
        login.banner.show_message(describe(WrongCredentials("x")), "warning")
        login.resize(560, 320)
        grab(login, "03_login", language)
        login.close()

        windows = {}
        for role in (Role.OPERATOR, Role.ADMINISTRATOR, Role.DUTY_OFFICER):
            session = open_demo_as(demo, role)
            bridge = ServiceBridge()
            control = ServiceControl(session, bridge)
            window = MainWindow(session, settings, bridge, control)
            window.resize(1366, 720)  # a 1366×768 screen less a title bar and a task bar
            window.show()
            windows[role] = (window, bridge, control)
            settle(600)

        operator = windows[Role.OPERATOR][0]
        admin = windows[Role.ADMINISTRATOR][0]
        duty = windows[Role.DUTY_OFFICER][0]

        def tab(window: MainWindow, key: str) -> None:
            window.show_page(key)
            settle(500)

        tab(admin, "dashboard")
        grab(admin, "04_dashboard", language)
        tab(operator, "subscribers")
        subscribers = operator.pages["subscribers"]
        # Sorted by address, descending, over all subscribers: the header shows the order.
        subscribers.view.sortByColumn(1, Qt.SortOrder.DescendingOrder)  # type: ignore[attr-defined]
        settle(600)
        grab(operator, "05_subscribers", language)
        dialog = SubscriberDialog(operator.pages["subscribers"].model.record(3))  # type: ignore[attr-defined]
        grab(dialog, "06_subscriber_edit", language)
        dialog.close()
        page = operator.pages["subscribers"]
        sample = work / "import.csv"
        sample.write_text(
            "email,topics,language\nnew1@example.jp,warnings,ja\nbroken-address,warnings,ja\n"
            "new2@example.jp,rain,xx\nnew1@example.jp,warnings,ja\n",
            encoding="utf-8",
        )
        wizard = page.open_import()  # type: ignore[attr-defined]
        wizard.file_page.path.setText(str(sample))
        wizard.next()
        settle(600, until=lambda w=wizard: w.report is not None)
        grab(wizard, "07_import_report", language)
        wizard.close()
        tab(admin, "history")
        history = admin.pages["history"]
        history.view.selectRow(0)  # type: ignore[attr-defined]
        settle(500)
        grab(admin, "08_history", language)
        tab(admin, "statistics")
        grab(admin, "09_statistics", language)
        # The demo's dispatches are small: draw the largest of them (the page asks for 100+).
        acceptance = admin.pages["statistics"].acceptance  # type: ignore[attr-defined]
        acceptance.at_least = 10
        acceptance.reload()
        settle(800)
        acceptance.resize(900, 320)
        grab(acceptance, "22_acceptance_chart", language)
        tab(operator, "mailbox")
        mailbox = operator.pages["mailbox"]
        mailbox.group_view.selectRow(0)  # type: ignore[attr-defined]
        settle(500)
        grab(operator, "10_mailbox", language)
        tab(admin, "audit")
        audit = admin.pages["audit"]
        enqueued = [
            n
            for n, e in enumerate(audit.model.rows)  # type: ignore[attr-defined]
            if e.action == "dispatch.enqueue"
        ]
        audit.view.selectRow(enqueued[0] if enqueued else 0)  # type: ignore[attr-defined]
        settle(300)
        grab(admin, "11_audit", language)
        tab(admin, "settings")
        grab(admin, "12_settings", language)
        settings_page = admin.pages["settings"]
        scroll = settings_page.findChild(QScrollArea)
        scroll.ensureWidgetVisible(settings_page.findChild(CarrierGroupsBox), 0, 0)
        settle(300)
        grab(admin, "15_settings_carriers", language)
        scroll.ensureWidgetVisible(settings_page.findChild(BounceSettingsBox), 0, 0)
        settle(300)
        grab(admin, "16_settings_bounces", language)
        tab(duty, "manual")
        grab(duty, "13_manual_alert", language)
        manual = duty.pages["manual"]
        submitted = manual.model.rowCount() + 1
        manual.subject_ja.setText("【新宿区】避難所を開設しました")
        manual.body_ja.setPlainText("戸山小学校、落合第一小学校に避難所を開設しました。")
        manual.compose_button.click()
        settle(until=lambda m=manual, n=submitted: m.model.rowCount() == n)
        manual.view.setCurrentIndex(manual.model.index(0, 0))
        settle(until=lambda m=manual: m.current_preview is not None)
        grab(duty, "23_manual_alert_waiting", language)
        sample_alert = (
            "件名: 【新宿区】避難所を開設しました\n宛先: 18,342\n言語: en: 2,110、ja: 16,232\n\n"
            "[ja] 【新宿区】避難所を開設しました\n\n"
            "戸山小学校、落合第一小学校に避難所を開設しました。"
            if language == "ja"
            else "Subject: [Shinjuku] Shelters opened\nRecipients: 18,342\n"
            "Languages: en: 2,110, ja: 16,232\n\n[en] [Shinjuku] Shelters opened\n\n"
            "Shelters are open at Toyama and Ochiai-daiichi elementary schools."
        )
        in_place = SecondOfficerDialog("demo-duty", sample_alert, lambda *_: None)
        in_place.resize(620, 520)
        grab(in_place, "17_approve_in_place", language)
        in_place.close()
        settings_page = admin.pages["settings"]
        contacts = settings_page.contacts  # type: ignore[attr-defined]
        contacts.resize(900, 300)
        grab(contacts, "18_staff_contacts", language)
        tab(operator, "templates")
        templates = operator.pages["templates"]
        editor = templates.editor  # type: ignore[attr-defined]
        first, rest = editor.toPlainText().split("\n", 1)
        editor.setPlainText(
            f"{first}（{'区からのお知らせ' if language == 'ja' else 'City notice'}）\n{rest}"
        )
        templates.update_preview()  # type: ignore[attr-defined]
        settle(500)
        grab(operator, "14_templates", language)
        templates.load()  # drop the sample edit: closing would ask whether to save it
        # The training demo beside the ward's window (here the demo plays the ward).
        duty.training_folder = Path.home() / "kishomail-training-demo"
        duty.open_training_demo()
        settle(600, until=lambda d=duty: d.training_window is not None, timeout=60_000)
        training = duty.training_window
        if training is not None:
            training.resize(1366, 720)
            settle(600)
            grab(training, "19_training_demo", language)
            training.close()
        listing = duty.keys.show_listing()
        grab(listing, "20_keyboard_shortcuts", language)
        listing.close()
        duty.choose_font_size("large")
        tab(duty, "dashboard")
        grab(duty, "21_dashboard_large_text", language)
        duty.choose_font_size("normal")
        for window, _, _ in windows.values():
            window.setProperty("keepSession", True)
            window.close()
            window.session.close()
        settle(200)
    runner().wait_for_done()
    QApplication.processEvents()
    return 0


if __name__ == "__main__":
    sys.exit(main())
