"""A folder replayed as a feed, in report-time order, at a chosen speed."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from feeds.errors import SourceError
from feeds.replay import ReplaySource

from .conftest import SYNTHETIC


def test_replay_orders_by_report_time_and_reports_bad_files(tmp_path: Path) -> None:
    for name in ("kanda_2_20260920T2050_VXKO.xml", "01_20260920T1800_VPWW55.xml"):
        shutil.copy(SYNTHETIC / name, tmp_path / name)
    (tmp_path / "broken.xml").write_bytes(b"<Report>")
    source = ReplaySource(tmp_path)
    assert [t.head.report_datetime.hour for t in source.telegrams] == [18, 20]
    assert [error.source for error in source.errors] == ["broken.xml"]
    assert len(source.poll()) == 2
    assert source.poll() == []  # each telegram once


def test_play_waits_the_scaled_gaps() -> None:
    source = ReplaySource(
        SYNTHETIC / "01_20260920T1800_VPWW55.xml",
        SYNTHETIC / "03_20260920T1910_VPWW55.xml",
        SYNTHETIC / "04_20260920T2020_VPWW55.xml",
    )
    waits: list[float] = []
    played = list(source.play(speed=60.0, sleep=waits.append))
    assert len(played) == 3
    assert waits == [70.0, 70.0]  # 70 minutes each at 60× = 70 s
    assert list(source.play(speed=None, sleep=waits.append)) == played
    assert len(waits) == 2  # no waiting at all


def test_missing_source_is_a_typed_error(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match="no such file"):
        ReplaySource(tmp_path / "nothing")
