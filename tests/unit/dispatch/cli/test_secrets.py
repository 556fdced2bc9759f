"""No secret on a command line, none left in the environment after start-up."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from dispatch.cli import main
from dispatch.records.settings import get_setting
from tests.unit.dispatch.cli.test_cli import ADMIN, init_office
from tests.unit.dispatch.conftest import Office

pytestmark = pytest.mark.usefixtures("in_process_cli")


def test_a_secret_setting_is_refused_as_an_argument_and_read_from_stdin(cli) -> None:  # type: ignore[no-untyped-def]
    init_office(cli)
    refused = cli("settings", "set", "smtp.password", "relay-secret-1", env=ADMIN)
    assert refused.returncode == 1
    assert "smtp.password is a secret" in refused.stderr
    assert "prompt" in refused.stderr and "standard input" in refused.stderr
    assert "relay-secret-1" not in refused.stdout + refused.stderr
    shown = cli("settings", "get", "smtp.password", env=ADMIN)
    assert json.loads(shown.stdout) == {"smtp.password": "(not set)"}  # nothing was changed

    piped = cli("settings", "set", "smtp.password", env=ADMIN, stdin="relay-secret-1\n")
    assert piped.returncode == 0, piped.stderr
    assert "relay-secret-1" not in piped.stdout + piped.stderr
    shown = cli("settings", "get", "smtp.password", env=ADMIN)
    assert json.loads(shown.stdout) == {"smtp.password": "(set)"}


def test_the_bounce_mailbox_password_is_a_secret_too(cli) -> None:  # type: ignore[no-untyped-def]
    init_office(cli)
    refused = cli("settings", "set", "bounces.imap_password", "bounce-secret-1", env=ADMIN)
    assert refused.returncode == 1 and "bounces.imap_password is a secret" in refused.stderr
    assert "bounce-secret-1" not in refused.stdout + refused.stderr
    piped = cli("settings", "set", "bounces.imap_password", env=ADMIN, stdin="bounce-secret-1\n")
    assert piped.returncode == 0, piped.stderr
    assert "bounce-secret-1" not in piped.stdout + piped.stderr
    shown = cli("settings", "get", "bounces.imap_password", env=ADMIN)
    assert json.loads(shown.stdout) == {"bounces.imap_password": "(set)"}
    # The carrier groups are checked before they are kept: a bad value changes nothing.
    bad = cli("settings", "set", "smtp.carrier_groups", '[{"name": "docomo"}]', env=ADMIN)
    assert bad.returncode == 1 and "name and its domains" in bad.stderr


def test_an_ordinary_setting_still_takes_its_value_as_an_argument(cli) -> None:  # type: ignore[no-untyped-def]
    init_office(cli)
    done = cli("settings", "set", "smtp.host", "relay.example.jp", env=ADMIN)
    assert done.returncode == 0, done.stderr
    missing = cli("settings", "set", "smtp.host", env=ADMIN)
    assert missing.returncode == 2 and "give the new value" in missing.stderr


def test_the_password_is_gone_from_the_environment_once_the_command_started(
    office: Office, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KISHOMAIL_PASSWORD", "admin-password-1")
    monkeypatch.setenv("KISHOMAIL_USER", "admin")
    code = main(["--data-dir", str(data_dir), "settings", "set", "smtp.host", "relay.example.jp"])
    assert code == 0  # the password was used: the change is made
    assert get_setting(office.admin.connection, "smtp.host") == "relay.example.jp"
    assert "KISHOMAIL_PASSWORD" not in os.environ
    child = subprocess.run(
        [sys.executable, "-c", "import os; print(os.environ.get('KISHOMAIL_PASSWORD'))"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert child.stdout.strip() == "None"  # nor does anything the command starts inherit it


def test_a_refused_restart_without_the_secrets_warns_and_the_command_still_runs(
    office: Office,
    data_dir: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """`run` re-executes itself without the password in its environment; where the system
    refuses (here: the interpreter's path is gone), it says so and goes on as started."""
    (tmp_path / "feed").mkdir()
    monkeypatch.setenv("KISHOMAIL_PASSWORD", "admin-password-1")
    monkeypatch.setenv("KISHOMAIL_USER", "admin")
    monkeypatch.setattr(sys, "executable", str(tmp_path / "no-such-python"))
    argv = ["kishomail", "--data-dir", str(data_dir), "run", "--once"]
    monkeypatch.setattr(sys, "argv", [*argv, "--source", str(tmp_path / "feed")])
    code = main()  # as the installed program: its arguments from sys.argv
    err = capsys.readouterr().err
    assert "could not restart without the secrets in the environment" in err
    assert "admin-password-1" not in err
    assert code == 0  # logged in with the password and polled
    assert "KISHOMAIL_PASSWORD" not in os.environ
