"""``kishomail run`` as a real process: the demo night into the embedded mailbox, one service
per data folder, and a restart after ``kill -9`` that sends nothing twice."""

from __future__ import annotations

import collections
import json
import os
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from dispatch.cli.demo import DEMO_ACCOUNT, DEMO_PASSWORD
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


@pytest.mark.slow
def test_a_restart_after_kill_9_resends_nothing_already_sent(tmp_path: Path) -> None:
    data_dir = tmp_path / "demo"
    # Fast replay: the night's telegrams come within a few seconds; kill after the first
    # dispatch has been completely sent, while others are still coming or being sent.
    first = run_service(data_dir, "--speed", "20000")
    with reaped(first):
        assert first.wait_for("  DONE  ", timeout=90, anywhere=True), first.finish(5)
        os.kill(first.pid, signal.SIGKILL)
        assert first.finish(timeout=30)[0] == -signal.SIGKILL
    before = {d["id"]: d for d in dispatches(data_dir)}
    sent_before = resident_messages(mailbox(data_dir))
    assert any(d["status"] == "done" and d["sent"] > 0 for d in before.values())

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


@pytest.mark.slow
def test_run_once_beside_a_running_service_is_refused(tmp_path: Path) -> None:
    data_dir = tmp_path / "demo"
    first = run_service(data_dir, "--speed", "60")
    with reaped(first):
        assert first.wait_for("kishomail is running", timeout=90), first.finish(5)
        once = kishomail(data_dir, "run", "--demo", "--once")
        assert once.returncode == 1 and "already running" in once.stderr, once.stdout[-500:]
