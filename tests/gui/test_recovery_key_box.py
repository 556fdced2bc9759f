"""Settings → 回復キー (issue 19: "no way to issue a new recovery key"): asks first, キャンセル
changes nothing; issuing shows the new key once, and only the new key opens the data."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from desktop.windows.recovery_key_box import NewRecoveryKeyDialog
from desktop.windows.settings import SettingsPage
from dispatch.base.errors import WrongCredentials
from dispatch.operations import keys as key_ops
from dispatch.operations.session import Session, recover
from dispatch.store import vault
from tests.gui.test_japanese_throughout import _english, _texts


def test_a_new_recovery_key_is_asked_for_shown_once_and_replaces_the_old(
    qtbot: QtBot, admin: Session, data_dir: Path, settings: QSettings
) -> None:
    page = SettingsPage(admin, ui=settings)
    qtbot.addWidget(page)
    box = page.recovery
    assert box is not None
    first_key = key_ops.new_recovery_key(admin)  # the key the office has printed
    slot_before = vault.load_keyfile(data_dir).recovery.public_key
    box.ask = lambda: False  # type: ignore[method-assign]  # キャンセル
    box.issue()
    assert vault.load_keyfile(data_dir).recovery.public_key == slot_before

    shown: list[str] = []
    box.ask = lambda: True  # type: ignore[method-assign]
    box.show_key = lambda recovery_key: shown.append(recovery_key)  # type: ignore[method-assign]
    with qtbot.waitSignal(box.done, timeout=10_000):
        box.issue()
    qtbot.waitUntil(lambda: bool(shown), timeout=5000)
    assert vault.load_keyfile(data_dir).recovery.public_key != slot_before
    recover(data_dir, shown[0], "admin", "opened-with-the-new-key-1").close()
    with pytest.raises(WrongCredentials, match="does not belong"):  # the key printed before
        recover(data_dir, first_key, "admin", "never-this-one-1")

    dialog = NewRecoveryKeyDialog(shown[0])
    qtbot.addWidget(dialog)
    texts = [text for _, text in _texts(dialog)]
    assert shown[0] in texts
    assert not [text for text in texts if _english(text) and text != shown[0]]
