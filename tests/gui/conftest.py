"""GUI test fixtures: real SQLCipher stores, a real Qt event loop (offscreen), no mocks."""

from __future__ import annotations

import gc
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from desktop import i18n
from desktop.service_control import LAUNCHED
from desktop.sound import set_sound_enabled
from desktop.tasks import runner
from dispatch.operations import accounts as account_ops
from dispatch.operations.session import WITHOUT_TOTP, Session, initialise
from dispatch.records.accounts import Role

ADMIN_PASSWORD = "admin-password-1"
OPERATOR_PASSWORD = "operator-password-1"
DUTY_PASSWORD = "duty-password-1"
DUTY2_PASSWORD = "duty2-password-1"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # The offscreen platform plugin says it cannot propagate size hints; that is the plugin,
    # not the app.
    for item in items:
        if "tests/gui" in str(item.fspath).replace("\\", "/"):
            item.add_marker(pytest.mark.qt_log_ignore("propagateSizeHints"))


@pytest.fixture(autouse=True)
def fast_kdf(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("KISHOMAIL_TEST_FAST_KDF", "1")
    monkeypatch.setenv("KISHOMAIL_LOG_DIR", str(tmp_path / "logs"))


@pytest.fixture(autouse=True)
def japanese(qapp: object) -> Iterator[None]:
    i18n.install_translations("ja")
    yield
    runner().wait_for_done(30_000)
    stop_launched_engines()
    # The test's windows and controllers go now, not in a collection that may fall inside the
    # next test's event loop (a timer of a half-collected object crashed there).
    gc.collect()


def stop_launched_engines() -> None:
    """The engines a test's desktop started run detached, beyond the window: stop each one
    (SIGTERM: it finishes what is in flight), killing it if it does not end in time."""
    while LAUNCHED:
        process = LAUNCHED.pop()
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=10)


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    """This computer's UI settings, with the warning sound (on by default) turned off: Qt
    Multimedia probes audio back ends this test machine lacks and logs Qt warnings."""
    ui = QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)
    set_sound_enabled(ui, False)
    return ui


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "store"


@pytest.fixture
def admin(data_dir: Path) -> Iterator[Session]:
    session, _ = initialise(data_dir, "admin", ADMIN_PASSWORD, totp=WITHOUT_TOTP)
    account_ops.add_account(session, "opr", Role.OPERATOR, OPERATOR_PASSWORD)
    account_ops.add_account(session, "duty", Role.DUTY_OFFICER, DUTY_PASSWORD)
    account_ops.add_account(session, "duty2", Role.DUTY_OFFICER, DUTY2_PASSWORD)
    yield session
    session.close()


@pytest.fixture
def operator(admin: Session, data_dir: Path) -> Iterator[Session]:
    from dispatch.operations.session import login

    session = login(data_dir, "opr", OPERATOR_PASSWORD)
    yield session
    session.close()
