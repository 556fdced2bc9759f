"""``kishomail doctor --nagios`` as the ward's monitoring system runs it: one line, exit codes
0/1/2/3 per the Monitoring Plugins guidelines, against a real store."""

from __future__ import annotations

import re
from pathlib import Path

from dispatch.store.files import DB_FILE
from tests.unit.dispatch.checks.test_doctor import cli_store

PLUGIN_LINE = re.compile(r"^KISHOMAIL (OK|WARNING|CRITICAL|UNKNOWN) - [^|\n]+( \| [^\n]+)?$")


def _run(cli, env: dict[str, str]):  # type: ignore[no-untyped-def]
    result = cli("--user", "admin", "doctor", "--nagios", env=env)
    assert PLUGIN_LINE.match(result.stdout.strip()), result.stdout
    assert len(result.stdout.strip().splitlines()) == 1
    return result


def test_a_healthy_store_on_the_embedded_sink_is_a_warning_with_perfdata(  # type: ignore[no-untyped-def]
    cli, tmp_path: Path
) -> None:
    env = cli_store(cli, tmp_path)
    result = _run(cli, env)
    assert result.returncode in (1, 2), result.stdout  # 2 only on a nearly full disk
    if result.returncode == 1:
        assert result.stdout.startswith("KISHOMAIL WARNING - ")
        assert "relay:" in result.stdout
        assert "fail=0;" in result.stdout and re.search(r"checks=\d+;", result.stdout)
        assert "free_bytes=" in result.stdout


def test_a_failing_check_is_critical_and_named(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    env = cli_store(cli, tmp_path)
    cli("--user", "admin", "settings", "set", "feeds.source", str(tmp_path / "gone"), env=env)
    result = _run(cli, env)
    assert result.returncode == 2
    assert result.stdout.startswith("KISHOMAIL CRITICAL - ") and "feed:" in result.stdout


def test_a_broken_store_is_critical(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    env = cli_store(cli, tmp_path)
    database = tmp_path / "store" / DB_FILE
    with database.open("r+b") as file:
        file.write(b"\0" * 4096)  # the first page overwritten
    result = _run(cli, env)
    assert result.returncode == 2, result.stdout
    assert "store does not open" in result.stdout


def test_without_a_password_it_is_unknown_and_says_why(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    cli_store(cli, tmp_path)
    result = _run(cli, {})
    assert result.returncode == 3
    assert "KISHOMAIL_PASSWORD" in result.stdout and "not installed" in result.stdout
    wrong = _run(cli, {"KISHOMAIL_PASSWORD": "not-the-password"})
    assert wrong.returncode == 3


def test_where_the_service_is_installed_it_needs_no_password(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    env = cli_store(cli, tmp_path)
    installed = cli("--user", "admin", "service", "install", "--no-start", env=env)
    assert installed.returncode == 0, installed.stderr
    result = cli("doctor", "--nagios", env={})  # no account, no password: the machine's slot
    assert PLUGIN_LINE.match(result.stdout.strip()), result.stdout
    assert result.returncode in (0, 1, 2), result.stdout
    assert "cannot open" not in result.stdout
    search = cli("--user", "admin", "audit", "search", "--action", "doctor.run", "--json", env=env)
    assert '"actor": "service"' in search.stdout.replace('":"', '": "')
