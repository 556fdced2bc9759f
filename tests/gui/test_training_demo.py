"""ファイル → 訓練用デモを開く… once the ward's store exists: the demo opens in a second
window, marked 訓練 / DEMO, with its store in a folder of its own; the ward's data folder is
unchanged and the ward's engine goes on running."""

from __future__ import annotations

from hashlib import sha256
from pathlib import Path

from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from desktop.bridge import ServiceBridge
from desktop.service_control import LAUNCHED, ServiceControl
from desktop.tasks import runner
from desktop.windows.main_window import MainWindow
from dispatch.operations import settings as setting_ops
from dispatch.operations.session import Session


def folder_hash(folder: Path) -> str:
    """Every file of the folder, by name and content (SQLite's shared-memory index, which
    any reader touches, left out)."""
    digest = sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        if path.name.endswith("-shm"):
            continue
        digest.update(str(path.relative_to(folder)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def _open_training(qtbot: QtBot, window: MainWindow) -> MainWindow:
    with qtbot.waitSignal(window.trainingOpened, timeout=30_000) as opened:
        window.training_action.trigger()
    training = opened.args[0]
    assert isinstance(training, MainWindow) and training is window.training_window
    qtbot.waitUntil(lambda: not runner().busy, timeout=10_000)
    return training


def test_the_training_demo_opens_beside_the_wards_window_and_touches_nothing_of_it(
    qtbot: QtBot, admin: Session, data_dir: Path, settings: QSettings, tmp_path: Path
) -> None:
    feeds = tmp_path / "feeds"
    feeds.mkdir()
    setting_ops.change_setting(admin, "feeds.source", str(feeds))  # a local folder, no network
    bridge = ServiceBridge()
    window = MainWindow(admin, settings, bridge, ServiceControl(admin, bridge))
    qtbot.addWidget(window)
    window.training_folder = tmp_path / "training"
    window.show()
    qtbot.waitUntil(lambda: not runner().busy, timeout=10_000)
    before = folder_hash(data_dir)

    training = _open_training(qtbot, window)
    # Marked as training in the title and in a banner across the top.
    assert training.windowTitle().startswith("【訓練・DEMO】")
    assert training.training_banner.isVisible()
    assert "訓練" in training.training_banner.text()
    # Its own store, outside the ward's data folder, with the demo's invented residents.
    demo_folder = training.session.store.data_dir
    assert demo_folder == tmp_path / "training"
    assert data_dir not in demo_folder.parents
    assert training.session.account.name == "demo"
    residents = training.session.connection.execute("SELECT count(*) FROM subscribers")
    assert residents.fetchone()[0] == 100  # the demo's invented ones
    # Silent: a demo レベル４ must not sound like the ward's.
    assert training.dashboard.sound is None and window.dashboard.sound is not None
    # The ward's window is the ward's: its title and session unchanged.
    assert "訓練" not in window.windowTitle() and window.session is admin
    training.close()
    qtbot.waitUntil(lambda: window.training_window is None, timeout=5000)
    qtbot.waitUntil(lambda: not runner().busy, timeout=10_000)
    assert folder_hash(data_dir) == before

    # With the ward's engine running, the demo opens and closes around it.
    control = window.control
    control.start()
    qtbot.waitUntil(lambda: control.state == "running", timeout=30_000)
    engine = LAUNCHED[-1]
    assert control.status is not None and control.status.pid == engine.pid
    training = _open_training(qtbot, window)
    assert training.control.address != control.address  # another engine channel
    assert training.control.state == "stopped"  # the demo's own engine, not the ward's
    training.close()
    qtbot.waitUntil(lambda: window.training_window is None, timeout=5000)
    qtbot.wait(500)
    assert engine.poll() is None and control.state == "running"
    assert control.status is not None and control.status.pid == engine.pid
    window._ask_keep_running = lambda: "keep"  # type: ignore[method-assign]
