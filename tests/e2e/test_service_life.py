"""``kishomail run`` as a real process: the demo night into the embedded mailbox, one service
per data folder, and a restart after ``kill -9`` that sends nothing twice."""

from __future__ import annotations

import collections
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from dispatch.operations.demo import DEMO_ACCOUNT, DEMO_PASSWORD
from dispatch.operations.session import login
from tests.e2e.processes import REPO, Child, child_env, reaped

READER, READER_PASSWORD = "reader", "reader-password-1"


def kishomail(data_dir: Path, *args: str, user: str = DEMO_ACCOUNT, **env: str) -> Any:
    password = DEMO_PASSWORD if user == DEMO_ACCOUNT else READER_PASSWORD
    return subprocess.run(
        [sys.executable, "-m", "dispatch", "--data-dir", str(data_dir), *args],
        capture_output=True,
        text=True,
        env=child_env(
            KISHOMAIL_USER=user,
            KISHOMAIL_PASSWORD=password,
            KISHOMAIL_LOG_DIR=str(data_dir.parent / "logs"),
            **env,
        ),
        cwd=REPO,
        timeout=180,
        check=False,
    )


def run_service(data_dir: Path, *options: str) -> Child:
    return Child.start(
        ["-m", "dispatch", "--data-dir", str(data_dir), "run", "--demo", *options],
        env=child_env(KISHOMAIL_LOG_DIR=str(data_dir.parent / "logs")),
    )


def dispatches(data_dir: Path) -> list[dict[str, Any]]:
    result = kishomail(data_dir, "dispatch", "list", "--json", "--limit", "100")
    assert result.returncode == 0, result.stderr
    return list(json.loads(result.stdout))


def mailbox(data_dir: Path) -> list[dict[str, Any]]:
    """The local mailbox, read by an operator (it holds addresses: the demo administrator
    may not read it)."""
    listing = kishomail(data_dir, "mailbox", "list", "--json", user=READER)
    if listing.returncode != 0:  # no such account yet
        added = kishomail(
            data_dir, "accounts", "add", READER, "--role", "operator",
            KISHOMAIL_NEW_PASSWORD=READER_PASSWORD,
        )  # fmt: skip
        assert added.returncode == 0, added.stderr
        listing = kishomail(data_dir, "mailbox", "list", "--json", user=READER)
    assert listing.returncode == 0, listing.stderr
    return list(json.loads(listing.stdout))


def resident_messages(entries: list[dict[str, Any]]) -> collections.Counter[str]:
    """Message-ID → times in the mailbox, for mail to residents (not the office's copies)."""
    return collections.Counter(
        e["message_id"] for e in entries if ".control@" not in e["message_id"]
    )


@pytest.mark.slow
def test_run_demo_once_mails_the_demo_night_into_the_local_mailbox(tmp_path: Path) -> None:
    data_dir = tmp_path / "demo"
    result = kishomail(data_dir, "run", "--demo", "--once")
    assert result.returncode == 0, result.stderr
    assert "local mailbox" in result.stdout and "Sent " in result.stdout
    listed = dispatches(data_dir)
    assert len(listed) >= 10  # the typhoon night's alerts, one dispatch each
    sent = sum(d["sent"] for d in listed)
    assert sent > 0
    for d in listed:  # everything due went; only quiet-hour advisories may wait
        assert d["queued"] == 0 and d["sending"] == 0, d
        assert d["sent"] + d["deferred"] + d["failed"] == d["total"], d
    assert f"Sent {sent}," in result.stdout
    entries = mailbox(data_dir)
    per_message = resident_messages(entries)
    assert sum(per_message.values()) == sent  # one message per delivery, none twice
    assert set(per_message.values()) == {1}
    assert all(e["not_sent"] for e in entries)
    assert all(len(e["recipients"]) == 1 for e in entries)  # individual mode: nobody in Bcc
    controls = [e for e in entries if ".control@" in e["message_id"]]
    assert len(controls) == sum(1 for d in listed if d["total"] > 0)


@pytest.mark.slow
def test_a_second_run_on_the_same_folder_says_who_holds_it(tmp_path: Path) -> None:
    data_dir = tmp_path / "demo"
    first = run_service(data_dir, "--speed", "60")
    with reaped(first):
        assert first.wait_for("kishomail is running", timeout=90), first.finish(5)
        second = kishomail(data_dir, "run", "--demo")
        assert second.returncode == 1, (second.stdout, second.stderr)
        lines = second.stderr.strip().splitlines()
        assert len(lines) == 1, second.stderr
        assert "already running" in lines[0] and f"process {first.pid}" in lines[0]
        assert DEMO_ACCOUNT in lines[0]
        # The first one is untouched and stops cleanly on SIGTERM.
        assert first.process.poll() is None
        first.process.send_signal(signal.SIGTERM)
        code, out, err = first.finish(timeout=150)
        assert code == 0, (out[-2000:], err[-2000:])


#: A dispatch part sent: some of its deliveries recorded as sent, others about to go (not
#: those held for quiet hours, which wait for the morning whatever the service does).
PART_SENT = (
    "SELECT count(*) FROM dispatches p WHERE p.sent > 0 AND EXISTS (SELECT 1 FROM deliveries d "
    "WHERE d.dispatch_id = p.id AND d.state IN ('queued', 'sending'))"
)


def part_sent(dispatch: dict[str, Any]) -> bool:
    return bool(dispatch["sent"] > 0 and dispatch["queued"] + dispatch["sending"] > 0)


def kill_9_mid_send(data_dir: Path, attempts: int = 5) -> dict[int, dict[str, Any]]:
    """Run the demo service (fast replay) and ``kill -9`` it the moment the store shows a
    dispatch part sent; the dispatches as the kill left them. The send may still finish
    between that look and the kill: then it is tried again on a fresh store, and it is a
    failure if the kill never lands mid-send."""
    for _ in range(attempts):
        shutil.rmtree(data_dir, ignore_errors=True)
        child = run_service(data_dir, "--speed", "20000")
        with reaped(child):
            assert child.wait_for("kishomail is running", timeout=90), child.finish(5)
            watcher = login(data_dir, DEMO_ACCOUNT, DEMO_PASSWORD)
            try:
                deadline = time.monotonic() + 90
                while child.process.poll() is None and time.monotonic() < deadline:
                    if watcher.connection.execute(PART_SENT).fetchone()[0]:
                        os.kill(child.pid, signal.SIGKILL)
                        break
                    time.sleep(0.001)
            finally:
                watcher.close()
            assert child.finish(timeout=30)[0] == -signal.SIGKILL, "the service was not killed"
        before = {d["id"]: d for d in dispatches(data_dir)}
        if any(part_sent(d) for d in before.values()):
            return before
    raise AssertionError(f"in {attempts} runs the kill never landed while a dispatch was sending")


@pytest.mark.slow
def test_a_restart_after_kill_9_resends_nothing_already_sent(tmp_path: Path) -> None:
    data_dir = tmp_path / "demo"
    before = kill_9_mid_send(data_dir)
    sent_before = resident_messages(mailbox(data_dir))
    interrupted = {i for i, d in before.items() if part_sent(d)}

    again = kishomail(data_dir, "run", "--demo", "--once")
    assert again.returncode == 0, again.stderr
    after = dispatches(data_dir)
    per_message = resident_messages(mailbox(data_dir))
    duplicated = {m: n for m, n in per_message.items() if n > 1}
    in_doubt = sum(d["resent_in_doubt"] for d in after)
    print(
        f"\nrestart after kill -9: {len(before)} dispatches before, {len(after)} after; "
        f"{sum(sent_before.values())} messages before, {sum(per_message.values())} after; "
        f"duplicated {len(duplicated)}, resent in doubt {in_doubt}"
    )
    # Nothing that was recorded as sent before the kill went out again …
    done_before = {i for i, d in before.items() if d["status"] == "done"}
    for message_id in duplicated:
        dispatch_id = int(message_id.split(".")[1])
        assert dispatch_id not in done_before, message_id
    # … a duplicate is only a delivery that was in flight at the kill, and counted as such …
    assert sum(n - 1 for n in duplicated.values()) <= in_doubt
    # … and every delivery recorded as sent is in the mailbox.
    assert sum(d["sent"] for d in after) <= len(per_message)
    for d in after:
        assert d["queued"] == 0 and d["sending"] == 0, d
    # The dispatch the kill cut short was taken up by the restart: every recipient sent,
    # failed, or held for quiet hours, none left behind.
    assert interrupted
    for d in after:
        if d["id"] in interrupted:
            assert d["sent"] + d["failed"] + d["deferred"] == d["total"], d
            assert d["sent"] > before[d["id"]]["sent"], (before[d["id"]], d)


@pytest.mark.slow
def test_run_once_beside_a_running_service_is_refused(tmp_path: Path) -> None:
    data_dir = tmp_path / "demo"
    first = run_service(data_dir, "--speed", "60")
    with reaped(first):
        assert first.wait_for("kishomail is running", timeout=90), first.finish(5)
        once = kishomail(data_dir, "run", "--demo", "--once")
        assert once.returncode == 1 and "already running" in once.stderr, once.stdout[-500:]
