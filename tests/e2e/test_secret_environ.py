"""A long-running command started with the password in its environment (as a unit file or a
script starts ``kishomail run``): the kernel's copy of its start-up environment,
``/proc/<pid>/environ``, must not show the secret for the days it runs — and it must still
log in and deliver over TLS."""

from __future__ import annotations

import os
import signal
import sys
from pathlib import Path

import pytest

from tests.e2e.processes import (
    ADMIN,
    ADMIN_PASSWORD,
    Child,
    child_env,
    enqueue_warning,
    prepare_store,
    reaped,
    relay_settings_for,
    resident,
)
from tests.support.certs import ServerCertificate
from tests.support.smtp_server import FaultySmtpServer

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="reads /proc/<pid>/environ (Linux)"
)

RECIPIENTS = 5
TOTP_SECRET = "totp-code-never-kept-123456"


def proc_file(pid: int, name: str) -> bytes:
    return Path(f"/proc/{pid}/{name}").read_bytes()


def test_kishomail_run_keeps_no_secret_in_proc_environ_and_still_delivers(
    tmp_path: Path, smtp_server: FaultySmtpServer, server_certificate: ServerCertificate
) -> None:
    data_dir = tmp_path / "store"
    telegrams = tmp_path / "telegrams"
    telegrams.mkdir()  # no telegram: the engine sends what is already due
    settings = relay_settings_for(smtp_server.port, server_certificate.cafile, connections=1)
    admin = prepare_store(data_dir, recipients=RECIPIENTS, settings=settings)
    enqueue_warning(admin)
    admin.close()

    env = child_env(
        KISHOMAIL_USER=ADMIN,
        KISHOMAIL_PASSWORD=ADMIN_PASSWORD,
        KISHOMAIL_TOTP=TOTP_SECRET,  # not needed by this store; handed over all the same
        KISHOMAIL_LOG_DIR=str(tmp_path / "logs"),
        PYTHONUNBUFFERED="1",
    )
    run = Child.start(
        ["-m", "dispatch", "--data-dir", str(data_dir), "run", "--source", str(telegrams)],
        env=env,
    )
    with reaped(run):
        assert run.wait_for("kishomail is running", timeout=90), run.finish(5)
        # It works: it logged in with the password it was given and delivers to the relay.
        residents = {resident(n) for n in range(RECIPIENTS)}

        def delivered() -> dict[str, int]:
            received = smtp_server.recipients_received()
            return {address: received[address] for address in residents if received[address]}

        assert smtp_server.wait_until(lambda: len(delivered()) == RECIPIENTS, timeout=60), (
            run.finish(5)
        )
        assert delivered() == dict.fromkeys(residents, 1)

        # The same process (same pid) as the one started: its environment as the kernel
        # keeps it, and its command line, hold neither secret nor a file that does.
        environ = proc_file(run.pid, "environ")
        assert b"KISHOMAIL_USER=" + ADMIN.encode() in environ.split(b"\0")  # it is that one
        for secret in (ADMIN_PASSWORD, TOTP_SECRET):
            assert secret.encode() not in environ
            assert secret.encode() not in proc_file(run.pid, "cmdline")
        assert b"KISHOMAIL_PASSWORD" not in environ and b"KISHOMAIL_TOTP" not in environ
        # The pipe that carried them over was read and closed: no descriptor left behind.
        for fd in Path(f"/proc/{run.pid}/fd").iterdir():
            target = os.readlink(fd)
            assert not (target.startswith("pipe:") and int(fd.name) > 2), target

        run.process.send_signal(signal.SIGTERM)
        code, out, err = run.finish(timeout=60)
        assert code == 0, (out[-2000:], err[-2000:])


def test_a_handover_variable_that_names_no_pipe_is_refused_clearly(tmp_path: Path) -> None:
    data_dir = tmp_path / "store"
    prepare_store(data_dir, recipients=0).close()
    child = Child.start(
        ["-m", "dispatch", "--data-dir", str(data_dir), "accounts", "list"],
        env=child_env(KISHOMAIL_SECRETS_FD="0", KISHOMAIL_LOG_DIR=str(tmp_path / "logs")),
    )
    code, out, err = child.finish(timeout=120)
    assert code == 2, (out, err)
    assert err.strip().splitlines() == [
        "kishomail: KISHOMAIL_SECRETS_FD does not name the pipe kishomail hands its secrets "
        "over in; unset it and give the password as usual"
    ]
