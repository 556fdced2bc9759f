"""The data folder is 0700 and every file in it 0600 on POSIX: checked on real files after real
operations (a new store, a subscriber written through the WAL, a failed login rewriting the key
file, a backup), with the ordinary umask 022 of a login shell."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from dispatch.base.errors import WrongCredentials
from dispatch.operations import backup as backup_ops
from dispatch.operations import subscribers as subscriber_ops
from dispatch.operations.session import login
from dispatch.records.subscribers import NewSubscriber, Topics, WarningLevel
from dispatch.store.files import DB_FILE, KEY_FILE
from tests.unit.dispatch.conftest import ADMIN_PASSWORD, Office

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX modes (Windows uses ACLs)")


@pytest.fixture(autouse=True)
def usual_umask() -> Iterator[None]:
    previous = os.umask(0o022)
    yield
    os.umask(previous)


def modes(folder: Path) -> dict[str, int]:
    found = {".": stat.S_IMODE(folder.stat().st_mode)}
    for path in folder.rglob("*"):
        found[str(path.relative_to(folder))] = stat.S_IMODE(path.lstat().st_mode)
    return found


def loose(folder: Path) -> dict[str, str]:
    return {
        name: oct(mode)
        for name, mode in modes(folder).items()
        if mode != (0o700 if (folder / name).is_dir() else 0o600)
    }


def test_the_store_its_wal_and_backups_are_private_after_real_use(
    office: Office, data_dir: Path
) -> None:
    operator = office.operator()
    subscriber_ops.add_subscriber(
        operator,
        NewSubscriber(
            "taro@example.jp", Topics(warning_level=WarningLevel.WARNING), office.clock.now()
        ),
    )
    operator.close()
    with pytest.raises(WrongCredentials):
        login(data_dir, "admin", "not-the-password", clock=office.clock)
    backup = backup_ops.create(office.admin, label="modes")
    names = set(modes(data_dir))
    assert {DB_FILE, DB_FILE + "-wal", DB_FILE + "-shm", KEY_FILE} <= names
    assert any(name.endswith(KEY_FILE) and name != KEY_FILE for name in names)  # in the backup
    assert backup.path.is_relative_to(data_dir)
    assert loose(data_dir) == {}


def test_an_older_store_with_loose_modes_is_tightened_when_opened(
    office: Office, data_dir: Path
) -> None:
    backup_ops.create(office.admin)
    office.admin.close()
    data_dir.chmod(0o755)
    for path in data_dir.rglob("*"):
        path.chmod(0o755 if path.is_dir() else 0o644)
    assert loose(data_dir) != {}
    session = login(data_dir, "admin", ADMIN_PASSWORD, clock=office.clock)
    session.connection.execute("SELECT count(*) FROM subscribers").fetchone()
    assert loose(data_dir) == {}
    session.close()
