"""The engine through the bridge against a real TLS SMTP server; settings, audit, models."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from desktop.bridge import ServiceBridge
from desktop.models.subscribers import SubscriberReader, SubscriberTableModel
from desktop.models.table import Column
from desktop.service_control import LAUNCHED, ServiceControl
from desktop.windows.audit import AuditPage
from desktop.windows.main_window import MainWindow
from desktop.windows.settings import SettingsPage
from dispatch.engine.assembly import demo_telegrams_folder
from dispatch.engine.events import AlertEnqueued, DispatchDone
from dispatch.operations import settings as setting_ops
from dispatch.operations.demo import seed_demo_subscribers
from dispatch.operations.session import Session
from dispatch.records.settings import set_setting
from dispatch.records.subscriber_queries import SubscriberQuery
from dispatch.store.database import transaction
from tests.support.certs import ServerCertificate
from tests.support.office import OWN_OFFICE
from tests.support.smtp_server import FaultySmtpServer


def use_relay(session: Session, server: FaultySmtpServer, certificate: ServerCertificate) -> None:
    setting_ops.change_setting(session, "smtp.host", server.host)
    setting_ops.change_setting(session, "smtp.port", server.port)
    setting_ops.change_setting(session, "smtp.cafile", str(certificate.cafile))
    setting_ops.change_setting(session, "smtp.connections", 2)
    for name, value in OWN_OFFICE.items():
        setting_ops.change_setting(session, name, value)


def test_dispatch_progress_reaches_the_dashboard_through_the_bridge(
    qtbot: QtBot,
    admin: Session,
    settings: QSettings,
    smtp_server: FaultySmtpServer,
    server_certificate: ServerCertificate,
) -> None:
    with transaction(admin.connection):
        seed_demo_subscribers(admin.connection, admin.clock.now())
        set_setting(admin.connection, "feeds.source", str(demo_telegrams_folder()))
        set_setting(admin.connection, "feeds.poll_interval", 1)
    use_relay(admin, smtp_server, server_certificate)
    bridge = ServiceBridge()
    control = ServiceControl(admin, bridge)
    window = MainWindow(admin, settings, bridge, control)
    qtbot.addWidget(window)
    dashboard = window.dashboard
    dashboard.confirm_stop = lambda: True  # type: ignore[method-assign]
    alerts: list[AlertEnqueued] = []
    done: list[DispatchDone] = []
    bridge.alert.connect(alerts.append)
    bridge.dispatchDone.connect(done.append)
    dashboard.start_button.click()
    qtbot.waitUntil(lambda: control.state == "running", timeout=10_000)
    assert control.state == "running" and not control.uses_local_mailbox
    assert not dashboard.start_button.isEnabled() and dashboard.stop_button.isEnabled()
    qtbot.waitUntil(lambda: len(done) >= 2, timeout=60_000)
    assert alerts
    first = done[0]
    assert first.sent == first.total and first.failed == 0
    assert len(smtp_server.received) >= first.total
    qtbot.waitUntil(lambda: dashboard.recent_model.rowCount() >= 2, timeout=10_000)
    assert "送信" in dashboard.recent_model.data(dashboard.recent_model.index(0, 3))
    dashboard.stop_button.click()
    qtbot.waitUntil(lambda: control.state == "stopped", timeout=60_000)
    assert control.state == "stopped"
    assert "停止中" in dashboard.state_label.text()


def test_settings_test_connection_against_the_tls_server(
    qtbot: QtBot,
    admin: Session,
    smtp_server: FaultySmtpServer,
    server_certificate: ServerCertificate,
) -> None:
    page = SettingsPage(admin)
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.tested, timeout=10_000) as tested:
        page.test_connection()
    assert tested.args == [None]
    assert "ローカルメールボックス" in page.banner.text()
    qtbot.waitUntil(lambda: bool(page.loaded_values), timeout=5000)
    page.fields["smtp.host"].setText(smtp_server.host)
    page.fields["smtp.port"].setValue(smtp_server.port)
    page.fields["smtp.cafile"].setText(str(server_certificate.cafile))
    with qtbot.waitSignal(page.saved, timeout=5000):
        page.save()
    assert setting_ops.setting_value(admin, "smtp.port") == smtp_server.port
    with qtbot.waitSignal(page.tested, timeout=10_000) as tested:
        page.test_connection()
    report = tested.args[0]
    assert report.port == smtp_server.port and report.tls_version.startswith("TLS")
    assert "接続しました" in page.banner.text() and "送っていません" in page.banner.text()
    qtbot.waitUntil(lambda: page.test_button.isEnabled(), timeout=5000)
    page.fields["smtp.port"].setValue(1)  # nothing listens there
    with qtbot.waitSignal(page.saved, timeout=5000):
        page.save()
    with qtbot.waitSignal(page.tested, timeout=30_000) as tested:
        page.test_connection()
    assert isinstance(tested.args[0], Exception)
    assert "接続できません" in page.banner.text()


def test_audit_search_verify_and_export(qtbot: QtBot, admin: Session, tmp_path: Path) -> None:
    setting_ops.change_setting(admin, "office.contact", "03-1234-5678")
    page = AuditPage(admin)
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: page.model.rowCount() > 0, timeout=5000)
    page.action.setText("settings.")
    with qtbot.waitSignal(page.searched, timeout=5000) as searched:
        page.search()
    assert searched.args == [1]
    assert page.model.record(0).target == "setting:office.contact"
    with qtbot.waitSignal(page.verified, timeout=10_000) as verified:
        page.verify()
    assert verified.args[0].ok and "改ざんはありません" in page.banner.text()
    assert "署名付き" in page.banner.text() and "鍵ファイルの公開鍵" in page.banner.text()
    out = tmp_path / "audit.xlsx"
    page.ask_export_path = lambda: out  # type: ignore[method-assign]
    with qtbot.waitSignal(page.exported, timeout=10_000):
        page.export()
    assert out.stat().st_size > 0


def test_every_model_passes_the_model_tester(
    qtbot: QtBot, qtmodeltester: ModelTester, operator: Session, admin: Session, settings: QSettings
) -> None:
    with transaction(operator.connection):
        seed_demo_subscribers(operator.connection, operator.clock.now())
    reader = SubscriberReader(operator, page_size=30)
    try:
        model = SubscriberTableModel(
            reader, [Column("id", lambda s: s.id), Column("e", lambda s: s.email)]
        )
        model.set_query(SubscriberQuery())
        qtbot.waitUntil(lambda: model.rowCount() == 30, timeout=5000)
        qtmodeltester.check(model)
        model.fetchMore()
        qtbot.waitUntil(lambda: model.rowCount() == 60, timeout=5000)
        qtmodeltester.check(model)
    finally:
        reader.stop()
    bridge = ServiceBridge()
    window = MainWindow(admin, settings, bridge, ServiceControl(admin, bridge))
    qtbot.addWidget(window)
    qtbot.waitUntil(
        lambda: not __import__("desktop.tasks", fromlist=["runner"]).runner().busy, timeout=10_000
    )
    models = [
        window.dashboard.in_force_model,
        window.dashboard.running_model,
        window.dashboard.recent_model,
    ]
    for page in window.pages.values():
        for name in ("model", "failures", "accounts"):
            found = getattr(page, name, None)
            if found is not None:
                models.append(found)
    assert len(models) >= 7
    for found in models:
        qtmodeltester.check(found)


def test_an_engine_that_dies_is_shown_as_stopped_with_words(
    qtbot: QtBot, admin: Session, settings: QSettings
) -> None:
    bridge = ServiceBridge()
    control = ServiceControl(admin, bridge)
    window = MainWindow(admin, settings, bridge, control)
    qtbot.addWidget(window)
    control.start()
    qtbot.waitUntil(lambda: control.state == "running", timeout=15_000)
    assert control.uses_local_mailbox  # nothing configured: the embedded mailbox
    process = LAUNCHED[-1]
    # The store's key went to the engine on its standard input, not where others can read it.
    key = admin.store.data_key.hex()
    assert key not in Path(f"/proc/{process.pid}/cmdline").read_text("utf-8", "replace")
    assert key not in Path(f"/proc/{process.pid}/environ").read_text("utf-8", "replace")
    with qtbot.waitSignal(control.failed, timeout=15_000) as failed:
        process.kill()
    assert "停止しました" in failed.args[0] and "送信されません" in failed.args[0]
    assert control.state == "stopped" and control.status is None
    assert "停止中" in window.dashboard.state_label.text()
    assert window.dashboard.start_button.isEnabled()


def test_unsent_mail_of_a_stopped_service_is_not_called_sending(
    qtbot: QtBot, admin: Session, settings: QSettings
) -> None:
    from dispatch.operations import manual_alert_sending as sending
    from dispatch.operations import manual_alerts as core
    from dispatch.operations.session import login
    from dispatch.records.subscriber_table import SubscriberRepository
    from dispatch.records.subscribers import NewSubscriber, Topics, WarningLevel
    from tests.gui.conftest import DUTY2_PASSWORD, DUTY_PASSWORD

    bridge = ServiceBridge()
    window = MainWindow(admin, settings, bridge, ServiceControl(admin, bridge))
    qtbot.addWidget(window)
    dashboard = window.dashboard
    with qtbot.waitSignal(dashboard.refreshed, timeout=10_000):
        dashboard.reload()
    assert dashboard.running_box.title() == "配信中"
    # A dispatch approved and sent while the service is stopped waits in the outbox.
    with transaction(admin.connection):
        SubscriberRepository(admin.connection).add_many(
            [
                NewSubscriber(
                    "a@example.jp", Topics(warning_level=WarningLevel.WARNING), admin.clock.now()
                )
            ],
            admin.clock.now(),
        )
    author = login(admin.store.data_dir, "duty", DUTY_PASSWORD)
    second = login(admin.store.data_dir, "duty2", DUTY2_PASSWORD)
    texts = {"ja": core.AlertText("【新宿区】避難情報", "避難してください。")}
    alert = core.compose(author, core.Draft("evacuation", texts)).alert
    core.submit(author, alert.id)
    sending.approve(second, alert.id)
    sending.send(second, alert.id)
    author.close()
    second.close()
    dashboard.reload()
    qtbot.waitUntil(lambda: dashboard.running_model.rowCount() == 1, timeout=10_000)
    assert dashboard.running_box.title() == "未完了（サービスを再開すると送信されます）"
