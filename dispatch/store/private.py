"""The store's files are the office's alone: folders 0700 and files 0600 on POSIX (in the
machine's data folder of an installed service, setgid and shared with the staff group: 2770 and
0660), an ACL granting only the account that runs kishomail on Windows.

Applied where the files are made (the data folder, the database before SQLite first writes
it, each backup) and again each time the database is opened, so a store copied in with looser
modes, or written by an older version, is tightened on its next use. SQLite gives the WAL and
SHM files the mode of the database file, so a 0600 database means a 0600 WAL and SHM.
"""

from __future__ import annotations

import logging
import os
import stat
import subprocess
import sys
from pathlib import Path

log = logging.getLogger(__name__)

DIR_MODE = 0o700
FILE_MODE = 0o600
#: In the machine's data folder of an installed service (setgid, group = the staff group: see
#: ``kishomail service install``) the staff group shares what the service account owns.
SHARED_DIR_MODE = 0o2770
SHARED_FILE_MODE = 0o660


def make_private_dir(path: Path) -> None:
    """Create ``path`` (and its parents) if needed; the folder itself is made private."""
    path.mkdir(parents=True, exist_ok=True, mode=DIR_MODE)
    _restrict(path, directory=True)


def create_private_file(path: Path) -> None:
    """Create an empty ``path`` readable by its owner only (nothing happens if it exists)."""
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE))
    except FileExistsError:
        pass
    _restrict(path, directory=False)


def tighten(folder: Path) -> None:
    """Every folder under ``folder`` (and itself) private, every file in it private.

    Symbolic links are left alone (never followed). A file that vanishes while we walk (a
    WAL checkpointed away) is no error."""
    if not folder.is_dir():
        return
    _restrict(folder, directory=True)
    if os.name != "posix":
        return  # on Windows the folder's ACL is inherited by everything in it
    for root, dirs, files in os.walk(folder):
        for name in dirs:
            _restrict(Path(root, name), directory=True)
        for name in files:
            _restrict(Path(root, name), directory=False)


def _restrict(path: Path, *, directory: bool) -> None:
    try:
        if os.name == "posix":
            info = os.lstat(path)
            if stat.S_ISLNK(info.st_mode):
                return
            if directory:
                wanted = SHARED_DIR_MODE if info.st_mode & stat.S_ISGID else DIR_MODE
            else:
                shared = os.stat(path.parent).st_mode & stat.S_ISGID
                wanted = SHARED_FILE_MODE if shared else FILE_MODE
            if stat.S_IMODE(info.st_mode) != wanted:
                os.chmod(path, wanted)
        elif sys.platform == "win32":  # pragma: no cover - not run on the Linux test machines
            _restrict_windows(path, directory=directory)
    except FileNotFoundError:
        pass
    except OSError as error:  # a file system without POSIX modes (a mounted share): go on
        log.warning("could not restrict the permissions of %s: %s", path, error)


def _restrict_windows(path: Path, *, directory: bool) -> None:  # pragma: no cover - Windows
    """Replace inherited permissions with full control for the current account only
    (folders: inherited by everything made in them)."""
    user = os.environ.get("USERNAME", "")
    domain = os.environ.get("USERDOMAIN", "")
    if not user:
        log.warning("cannot restrict %s: the Windows account name is unknown", path)
        return
    account = f"{domain}\\{user}" if domain else user
    grant = f"{account}:(OI)(CI)F" if directory else f"{account}:F"
    icacls = Path(os.environ.get("SystemRoot", r"C:\Windows"), "System32", "icacls.exe")
    result = subprocess.run(  # noqa: S603 - a fixed program and a list of arguments, no shell
        [str(icacls), str(path), "/inheritance:r", "/grant:r", grant],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        log.warning("could not restrict the permissions of %s: %s", path, result.stderr.strip())
