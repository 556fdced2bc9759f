"""The command line as scripts and checks use it: a real subprocess, real store, exit codes."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

from dispatch.records.accounts import totp_code

ADMIN = {"KISHOMAIL_USER": "admin", "KISHOMAIL_PASSWORD": "admin-password-1"}
OPERATOR = {"KISHOMAIL_USER": "opr", "KISHOMAIL_PASSWORD": "operator-password-1"}
MACHINE_FOLDERS = ("KISHOMAIL_SERVICE_DIR", "KISHOMAIL_UNIT_DIR")  # the test's own (conftest)


def init_office(cli) -> str:  # type: ignore[no-untyped-def]
    # A test store: TOTP left out explicitly (test_init_enrols_… covers the default).
    result = cli("init", "--admin", "admin", "--without-totp", env=ADMIN)
    assert result.returncode == 0, result.stderr
    key = re.search(r"^\s+([A-Z2-7]{5}(?:-[A-Z2-7]{1,5})+)\s*$", result.stdout, re.M)
    assert key, result.stdout
    added = cli(
        "accounts", "add", "opr", "--role", "operator",
        env={**ADMIN, "KISHOMAIL_NEW_PASSWORD": "operator-password-1"},
    )  # fmt: skip
    assert added.returncode == 0, added.stderr
    return key.group(1)


def test_init_prints_the_recovery_key_once(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    key = init_office(cli)
    assert (tmp_path / "store" / "kishomail.db").exists()
    again = cli("init", "--admin", "admin", "--without-totp", env=ADMIN)
    assert again.returncode == 1
    assert again.stderr.startswith("kishomail: ") and "already exists" in again.stderr
    assert key not in again.stdout + again.stderr
    keyfile = (tmp_path / "store" / "kishomail.keys").read_text()
    assert key.replace("-", "") not in keyfile.replace("-", "")


def test_init_enrols_the_first_administrator_and_every_login_needs_a_code(  # type: ignore[no-untyped-def]
    cli, tmp_path: Path
) -> None:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("KISHOMAIL_")
        or key in ("KISHOMAIL_SERVICE_DIR", "KISHOMAIL_UNIT_DIR")
    } | {
        "KISHOMAIL_TEST_FAST_KDF": "1",
        "KISHOMAIL_LOG_DIR": str(tmp_path / "logs"),
        "KISHOMAIL_DATA_DIR": str(tmp_path / "store"),
        "KISHOMAIL_PASSWORD": ADMIN["KISHOMAIL_PASSWORD"],
    }
    child = subprocess.Popen(
        [sys.executable, "-m", "dispatch", "init", "--admin", "admin"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
    )  # fmt: skip
    assert child.stdin is not None and child.stdout is not None
    shown = ""
    while "URI:" not in shown:
        line = child.stdout.readline()
        assert line, shown
        shown += line
    uri = re.search(r"URI:\s+(otpauth://\S+)", shown)
    assert uri, shown
    assert not (tmp_path / "store" / "kishomail.db").exists()  # nothing before a good code
    code = totp_code(uri.group(1), datetime.now(UTC))
    child.stdin.write(("000000" if code != "000000" else "111111") + "\n")  # a wrong one first
    child.stdin.write(totp_code(uri.group(1), datetime.now(UTC)) + "\n")
    child.stdin.flush()
    out, err = child.communicate(timeout=60)
    assert child.returncode == 0, err
    assert "does not match" in out
    assert "Every staff account must log in with a TOTP code" in out
    # Without a code nothing opens; with the app's next code it does.
    refused = cli("accounts", "list", env=ADMIN)
    assert refused.returncode == 1 and "TOTP" in refused.stderr
    later = totp_code(uri.group(1), datetime.now(UTC) + timedelta(seconds=30))
    listed = cli("accounts", "list", env={**ADMIN, "KISHOMAIL_TOTP": later})
    assert listed.returncode == 0, listed.stderr
    assert re.search(r"^admin\s+administrator\s+\S+\s+TOTP$", listed.stdout, re.M), listed.stdout


def test_init_without_a_code_creates_nothing(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    result = cli("init", "--admin", "admin", env=ADMIN, stdin="")
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        "kishomail: No valid TOTP code was entered: nothing was created. Run 'kishomail init' "
        "again (a new secret is shown), or --without-totp for a test store."
    ]
    assert not (tmp_path / "store" / "kishomail.db").exists()


def test_subscriber_commands_end_to_end(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    init_office(cli)
    added = cli(
        "subscribers", "add", "Hanako@Example.jp", "--topics", "warnings,rain,kanda",
        "--rain-mm", "20", "--rivers", "kanda,myoshoji", "--lang", "ja-easy", "--json",
        env=OPERATOR,
    )  # fmt: skip
    assert added.returncode == 0, added.stderr
    record = json.loads(added.stdout)
    assert record["email"] == "hanako@example.jp"
    assert record["topics"] == ["warnings", "rain", "kanda"]
    assert record["kanda_rivers"] == ["kanda", "myoshoji"]
    assert record["warning_level"] == 3  # the default for warnings

    listed = json.loads(cli("subscribers", "list", "--json", env=OPERATOR).stdout)
    assert [s["email"] for s in listed] == ["hanako@example.jp"]
    counts = json.loads(cli("subscribers", "count", "--json", env=OPERATOR).stdout)
    assert counts["total"] == 1 and counts["kanda"] == 1

    csv = tmp_path / "list.csv"
    csv.write_text("email,topics\nnew@example.jp,rain\nbroken,rain\n", encoding="utf-8")
    dry = cli("subscribers", "import", str(csv), "--dry-run", "--json", env=OPERATOR)
    assert dry.returncode == 0
    assert json.loads(dry.stdout)["bad_rows"] == [
        {"line": 3, "reason": "An e-mail address has exactly one '@'."}
    ]
    real = cli("subscribers", "import", str(csv), env=OPERATOR)
    assert real.returncode == 1
    assert "Bad line 3" in real.stdout and "nothing was imported" in real.stderr
    # ... and the store says the same: the good row of the file was not added either.
    listed = json.loads(cli("subscribers", "list", "--json", env=OPERATOR).stdout)
    assert [s["email"] for s in listed] == ["hanako@example.jp"]
    as_json = cli("subscribers", "import", str(csv), "--json", env=OPERATOR)
    assert as_json.returncode == 1
    assert (json.loads(as_json.stdout)["committed"], json.loads(as_json.stdout)["added"]) == (
        False,
        0,
    )

    # An export is asked for, approved by a second person, then run once by the asker.
    asked = cli("subscribers", "export-request", "--reason", "名簿の照合", "--columns",
                "email,status", "--json", env=OPERATOR)  # fmt: skip
    assert asked.returncode == 0, asked.stderr
    number = str(json.loads(asked.stdout)["id"])
    early = cli("subscribers", "export", number, "--out", str(tmp_path / "out.zip"), env=OPERATOR)
    assert early.returncode == 1 and "not approved yet" in early.stderr
    assert not (tmp_path / "out.zip").exists()
    approved = cli("subscribers", "export-approve", number, env=ADMIN)
    assert approved.returncode == 0 and "can be run once" in approved.stdout
    export = cli("subscribers", "export", number, "--out", str(tmp_path / "out.zip"), env=OPERATOR)
    assert export.returncode == 0 and (tmp_path / "out.zip").exists()
    assert "shown this once" in export.stdout
    again = cli("subscribers", "export", number, "--out", str(tmp_path / "2.zip"), env=OPERATOR)
    assert again.returncode == 1 and "used already" in again.stderr

    changed = cli("subscribers", "change", "hanako@example.jp", "--rain-mm", "50", "--json",
                  env=OPERATOR)  # fmt: skip
    assert json.loads(changed.stdout)["rain_mm"] == 50
    removed = cli("subscribers", "remove", "1", env=OPERATOR)
    assert removed.returncode == 0 and "erasure record" in removed.stdout

    search = cli("audit", "search", "--actor", "opr", "--json", env=ADMIN)
    actions = [e["action"] for e in json.loads(search.stdout)]
    assert "subscriber.add" in actions and "subscriber.delete" in actions
    assert "hanako" not in search.stdout
    verify = cli("audit", "verify", "--json", env=ADMIN)
    assert verify.returncode == 0 and json.loads(verify.stdout)["ok"] is True
    exported = cli("audit", "export", "--xlsx", str(tmp_path / "audit.xlsx"), env=ADMIN)
    assert exported.returncode == 0 and (tmp_path / "audit.xlsx").stat().st_size > 0


def test_errors_are_one_plain_line_and_exit_1(cli) -> None:  # type: ignore[no-untyped-def]
    init_office(cli)
    cases = [
        (("subscribers", "list"), {**OPERATOR, "KISHOMAIL_PASSWORD": "wrong-password"},
         "Wrong account name or password"),
        (("subscribers", "list"), ADMIN, "may not see subscribers"),
        (("subscribers", "add", "bad@@example.jp", "--topics", "rain"), OPERATOR, "'@'"),
        (("subscribers", "show", "999"), OPERATOR, "no subscriber with id 999"),
        (("subscribers", "import", "/nonexistent/file.csv"), OPERATOR, "There is no file"),
        (("accounts", "deactivate", "admin"), ADMIN, "last active administrator"),
        (("settings", "set", "retention.delivery_days", "30"), ADMIN,
         "cannot be below 365: the yearly handling report"),
    ]  # fmt: skip
    for args, env, message in cases:
        result = cli(*args, env=env)
        assert result.returncode == 1, (args, result.stdout, result.stderr)
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("kishomail: "), result.stderr
        assert "Traceback" not in result.stderr
        assert message in lines[0]


def test_a_broken_csv_is_one_clear_line_and_exit_1(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    init_office(cli)
    broken = tmp_path / "broken.csv"
    broken.write_bytes(b'email,topics\n"open@example.jp' + b"x" * 140_000 + b",rain\n")
    result = cli("subscribers", "import", str(broken), env=OPERATOR)
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "unexpected error" not in lines[0]
    assert "longer than 128 KB" in lines[0] and "Nothing was imported" in lines[0]


def test_misuse_exits_2(cli) -> None:  # type: ignore[no-untyped-def]
    assert cli("no-such-command").returncode == 2
    assert cli("subscribers", "add").returncode == 2
    init_office(cli)
    # No password anywhere and no terminal to ask in.
    result = cli("subscribers", "list", env={"KISHOMAIL_USER": "opr"})
    assert result.returncode == 2 and "KISHOMAIL_PASSWORD" in result.stderr
    assert cli("subscribers", "list", env={"KISHOMAIL_PASSWORD": "x"}).returncode == 2


def test_a_missing_store_says_to_run_init(cli) -> None:  # type: ignore[no-untyped-def]
    result = cli("subscribers", "list", env=OPERATOR)
    assert result.returncode == 1
    assert "kishomail init" in result.stderr


def test_rekey_and_recover_from_the_command_line(cli) -> None:  # type: ignore[no-untyped-def]
    key = init_office(cli)
    assert cli("rekey", env=ADMIN).returncode == 0
    assert cli("accounts", "list", env=OPERATOR).returncode == 1  # not an administrator
    recovered = cli(
        "recover", "--admin", "admin",
        env={"KISHOMAIL_RECOVERY_KEY": key, "KISHOMAIL_NEW_PASSWORD": "recovered-password"},
    )  # fmt: skip
    assert recovered.returncode == 0, recovered.stderr
    recovered_admin = {"KISHOMAIL_USER": "admin", "KISHOMAIL_PASSWORD": "recovered-password"}
    listing = cli("accounts", "list", "--json", env=recovered_admin)
    assert {a["name"] for a in json.loads(listing.stdout)} == {"admin", "opr"}
