"""Bad states of the store end in one clear line, exit status 1 and nothing changed: a key file
of the right JSON but the wrong shape, a store another writer locks for more than 10 s, a full
disk. "Nothing changed" is checked by hashing every file of the data folder before and after.

The full disk is real: a tiny tmpfs mounted for the test (so it needs root; skipped otherwise),
the store copied onto it and the rest of it filled.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from dispatch.cli import main
from dispatch.store.files import KEY_FILE
from tests.unit.dispatch.conftest import ADMIN_PASSWORD, Office

pytestmark = pytest.mark.usefixtures("in_process_cli")


def folder_hash(folder: Path) -> dict[str, str]:
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and not path.name.endswith("-shm")  # shared memory, not data
    }


def run(data_dir: Path, capsys: pytest.CaptureFixture[str], password: str, *args: str) -> str:
    os.environ["KISHOMAIL_PASSWORD"] = password
    code = main(["--data-dir", str(data_dir), "--user", "admin", *args])
    err = capsys.readouterr().err
    assert code == 1, err
    assert err.startswith("kishomail: ") and err.count("\n") == 1, err
    assert "unexpected error" not in err
    return err


def _list_root(doc: dict[str, Any]) -> Any:
    return [doc]


def _accounts_list(doc: dict[str, Any]) -> Any:
    return {**doc, "accounts": list(doc["accounts"].values())}


def _short_key(doc: dict[str, Any]) -> Any:
    doc["accounts"]["admin"]["public_key"] = "AAAA"
    return doc


def _huge_cost(doc: dict[str, Any]) -> Any:
    doc["accounts"]["admin"]["wrapped_private_key"]["memory_kib"] = 2**40
    return doc


def _counter_text(doc: dict[str, Any]) -> Any:
    doc["accounts"]["admin"]["failed_attempts"] = "many"
    return doc


@pytest.mark.parametrize(
    ("reshape", "where"),
    [
        (_list_root, "the document: expected an object"),
        (_accounts_list, "accounts: expected an object"),
        (_short_key, "accounts.admin.public_key: 3 bytes, expected 32"),
        (_huge_cost, "memory_kib: 1099511627776 is outside"),
        (_counter_text, "accounts.admin.failed_attempts: expected a whole number"),
    ],
)
def test_a_key_file_of_the_wrong_shape_is_named_and_nothing_changes(
    office: Office,
    data_dir: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    reshape: Any,
    where: str,
) -> None:
    office.admin.close()
    path = data_dir / KEY_FILE
    path.write_text(json.dumps(reshape(json.loads(path.read_text()))), encoding="utf-8")
    before = folder_hash(data_dir)
    monkeypatch.setenv("KISHOMAIL_PASSWORD", ADMIN_PASSWORD)
    err = run(data_dir, capsys, ADMIN_PASSWORD, "settings", "get", "smtp.host")
    assert "not in the shape kishomail writes" in err and where in err
    assert "Restore it from your backup" in err
    assert folder_hash(data_dir) == before


def test_a_store_locked_by_another_writer_for_more_than_10_s(
    office: Office,
    data_dir: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("KISHOMAIL_PASSWORD", ADMIN_PASSWORD)
    holder = office.admin.connection
    before = folder_hash(data_dir)
    holder.execute("BEGIN IMMEDIATE")  # another writer, holding the lock past the 10 s timeout
    try:
        err = run(
            data_dir, capsys, ADMIN_PASSWORD, "settings", "set", "smtp.host", "relay.example.jp"
        )
    finally:
        holder.execute("ROLLBACK")
    assert "The store is busy" in err and "more than 10 seconds" in err
    assert "Nothing was changed" in err
    assert folder_hash(data_dir) == before
    row = holder.execute("SELECT value FROM settings WHERE key = 'smtp.host'").fetchone()
    assert row is None


@pytest.fixture
def full_disk(tmp_path: Path) -> Iterator[Path]:
    """A 3 MB tmpfs; skipped where this process may not mount one (not root)."""
    mount = tmp_path / "small-disk"
    mount.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=3m,mode=0700", "tmpfs", str(mount)],
        capture_output=True,
        check=False,
    )
    if done.returncode != 0:
        pytest.skip("cannot mount a tmpfs here (needs root): " + done.stderr.decode()[:200])
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def fill(folder: Path) -> Path:
    filler = folder / "filler"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT, 0o600)
    try:
        while True:
            os.write(fd, b"\0" * 4096)
    except OSError:
        pass  # the disk is full
    finally:
        os.close(fd)
    return filler


def cli(data_dir: Path, password: str, *args: str) -> subprocess.CompletedProcess[str]:
    """A real process: SQLite's shared memory on a full disk must not take pytest down."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("KISHOMAIL_")}
    env.update(
        KISHOMAIL_TEST_FAST_KDF="1",
        KISHOMAIL_LOG_DIR=str(data_dir.parent.parent / "logs"),
        KISHOMAIL_PASSWORD=password,
    )
    return subprocess.run(
        [sys.executable, "-m", "dispatch", "--data-dir", str(data_dir), "--user", "admin", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )


def test_a_full_disk_is_named_and_wrong_passwords_cannot_be_tried_uncounted(
    office: Office, data_dir: Path, full_disk: Path
) -> None:
    office.admin.close()
    store = full_disk / "store"
    shutil.copytree(data_dir, store)
    filler = fill(full_disk)
    before = folder_hash(store)
    for password in (ADMIN_PASSWORD, "wrong-password-9"):
        done = cli(store, password, "settings", "set", "smtp.host", "relay.example.jp")
        assert done.returncode == 1, done.stderr
        assert done.stderr.startswith("kishomail: ") and done.stderr.count("\n") == 1
        assert "full" in done.stderr and "Nothing was changed" in done.stderr, done.stderr
        assert "another store" not in done.stderr and "unexpected" not in done.stderr
        assert "wrong" not in done.stderr.lower()  # the password was not even tried
    assert folder_hash(store) == before
    filler.unlink()  # space again: a wrong password counts, the right one works
    wrong = cli(store, "wrong-password-9", "settings", "get", "smtp.host")
    assert wrong.returncode == 1 and "wrong" in wrong.stderr.lower()
    keys = json.loads((store / KEY_FILE).read_text())
    assert keys["accounts"]["admin"]["failed_attempts"] == 1
    right = cli(store, ADMIN_PASSWORD, "settings", "get", "smtp.host")
    assert right.returncode == 0, right.stderr
