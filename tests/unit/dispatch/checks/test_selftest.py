"""``kishomail selftest``: the whole path on throw-away data, touching nothing of the office."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dispatch.checks.selftest import SelftestFailed, SelftestReport, _step


def test_selftest_passes_and_leaves_nothing_behind(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    result = cli("selftest", "--no-error-dialogs", env={"TMPDIR": str(scratch)})
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    steps = [line for line in lines if line.startswith("OK    ")]
    assert [s.split(":")[0].removeprefix("OK    ") for s in steps] == [
        "store",
        "feeds",
        "render",
        "smtp",
        "scheduler",
    ]
    assert lines[-1].startswith("selftest passed")
    # Its temporary store and mailbox are gone; the office's data folder was never made.
    assert list(scratch.iterdir()) == []
    assert not (tmp_path / "store").exists()


def test_selftest_json(cli) -> None:  # type: ignore[no-untyped-def]
    result = cli("selftest", "--json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["ok"] is True
    assert len(report["steps"]) == 5
    assert all(step["seconds"] >= 0 for step in report["steps"])


def test_a_failing_step_names_itself_and_says_what_to_do() -> None:
    report = SelftestReport()
    with pytest.raises(SelftestFailed) as caught, _step(report, "feeds: parse", lambda *_: None):
        raise FileNotFoundError("resources/demo_telegrams")
    message = caught.value.message
    assert "selftest failed at 'feeds: parse'" in message
    assert "FileNotFoundError" in message and "reinstall kishomail" in message
    assert report.steps == []
