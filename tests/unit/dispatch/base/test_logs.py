"""The log file (a rotating file in the user log folder) never holds an address or a secret."""

from __future__ import annotations

from pathlib import Path

from dispatch.base.logs import LOG_FILE

ADMIN_PASSWORD = "Kanda-river-admin-7"
OPERATOR_PASSWORD = "Myoshoji-operator-3"
WRONG_PASSWORD = "Zenpukuji-wrong-9"
ADDRESS = "hanako.shinjuku@docomo.ne.jp"


def test_a_cli_session_leaves_no_address_and_no_password_in_the_log(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    admin = {"KISHOMAIL_PASSWORD": ADMIN_PASSWORD}
    assert cli("init", "--admin", "admin", "--without-totp", env=admin).returncode == 0
    added = cli(
        "--user", "admin", "accounts", "add", "opr", "--role", "operator",
        env={**admin, "KISHOMAIL_NEW_PASSWORD": OPERATOR_PASSWORD},
    )  # fmt: skip
    assert added.returncode == 0, added.stderr
    operator = {"KISHOMAIL_PASSWORD": OPERATOR_PASSWORD}
    subscribed = cli(
        "--user", "opr", "subscribers", "add", ADDRESS, "--topics", "warnings,rain", env=operator
    )
    assert subscribed.returncode == 0, subscribed.stderr
    wrong = cli("--user", "opr", "subscribers", "list", env={"KISHOMAIL_PASSWORD": WRONG_PASSWORD})
    assert wrong.returncode == 1
    # A selftest and a run of the service add their own lines (the sink, the scheduler).
    assert cli("selftest").returncode == 0
    assert cli("--user", "opr", "run", "--once", env=operator).returncode in (0, 1)

    log = (tmp_path / "logs" / LOG_FILE).read_text("utf-8")
    assert "failed login for account opr" in log  # the log is written, and says what happened
    for secret in (ADDRESS, "hanako", "docomo.ne.jp", ADMIN_PASSWORD, OPERATOR_PASSWORD,
                   WRONG_PASSWORD, "selftest@example.jp"):  # fmt: skip
        assert secret not in log, f"{secret!r} is in the log file"
    assert "@" not in log.replace("@example.jp", "")
