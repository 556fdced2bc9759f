"""The 危機管理型水位計 poller against a local HTTP server publishing a prefecture file in the
layout of k.river.go.jp/swin/files/area_info/current/ (tests/data/river/
area_info_10000_reconstructed.json: Gunma's gauges of 2025-09-12 21:00, rebuilt from a public
crawler's capture — see tests/data/river/SOURCES.md)."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest

from feeds.errors import FeedFetchError, ObservationError
from feeds.kriver import KriverPoller
from feeds.model import JST
from tests.support.amedas_site import serve

DATA = Path(__file__).resolve().parents[2] / "data" / "river"
CAPTURE = DATA / "area_info_10000_reconstructed.json"
KABURAKI = "1000000107"  # 鏑木川３．２ｋ新里町野: 166.21 at 20:50, above its warnLevel 165.32


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def site(tmp_path: Path) -> Iterator[tuple[str, Path, list[str]]]:
    root = tmp_path / "current"
    root.mkdir()
    shutil.copy(CAPTURE, root / "10000.json")
    requested: list[str] = []
    with serve(root, requested) as base:
        yield base, root, requested


def test_the_configured_gauges_once_each_politely(site) -> None:  # type: ignore[no-untyped-def]
    base, root, requested = site
    clock = Clock()
    poller = KriverPoller(
        [KABURAKI, "1000000174", "1000099999"], pref_code="10000", base_url=base, clock=clock,
        names={KABURAKI: ("新里町野", "鏑木川")},
    )  # fmt: skip
    readings = {r.station_code: r for r in poller.poll()}
    assert set(readings) == {KABURAKI, "1000000174"}  # 1000099999 is not reported now
    first = readings[KABURAKI]
    assert (first.kind, first.value, first.station_name, first.river) == (
        "water_level", 166.21, "新里町野", "鏑木川",
    )  # fmt: skip
    assert first.observed_at == datetime(2025, 9, 12, 20, 50, tzinfo=JST)
    assert (
        readings["1000000174"].station_name == "多々良川６．４ｋ中野"
    )  # no name given: the file's
    assert requested == ["/10000.json"]
    # Not before the interval; then the same file brings nothing new.
    clock.now += 300
    assert poller.poll() == [] and requested == ["/10000.json"]
    clock.now += 300
    assert poller.poll() == [] and len(requested) == 2
    # A newer reading of one gauge (synthetic: the capture with one value and time changed).
    document = json.loads(CAPTURE.read_text("utf-8"))
    for item in document["obss"]:
        if item["code"] == KABURAKI:
            item["level"], item["obsTime"] = 166.30, "2025-09-12T21:00:00+09:00"
    (root / "10000.json").write_text(json.dumps(document), "utf-8")
    clock.now += 600
    [newer] = poller.poll()
    assert (newer.station_code, newer.value) == (KABURAKI, 166.30)


def test_a_missing_level_is_missing_and_a_broken_file_is_an_error(site) -> None:  # type: ignore[no-untyped-def]
    base, root, _requested = site
    document = json.loads(CAPTURE.read_text("utf-8"))
    document["obss"][0]["level"] = None
    (root / "10000.json").write_text(json.dumps(document), "utf-8")
    poller = KriverPoller([KABURAKI], pref_code="10000", base_url=base, clock=Clock())
    [reading] = poller.poll()
    assert reading.value is None  # never 0 m
    (root / "10000.json").write_text("<html>maintenance</html>", "utf-8")
    clock = Clock()
    broken = KriverPoller([KABURAKI], pref_code="10000", base_url=base, clock=clock)
    with pytest.raises(ObservationError, match=r"not a k\.river area_info JSON"):
        broken.poll()
    missing = KriverPoller([KABURAKI], pref_code="13000", base_url=base, clock=clock)
    with pytest.raises(FeedFetchError, match="HTTP 404"):
        missing.poll()


def test_impolite_or_unsafe_settings_are_refused() -> None:
    with pytest.raises(ValueError, match="300"):
        KriverPoller([KABURAKI], interval=60)
    with pytest.raises(ValueError, match="TLS"):
        KriverPoller([KABURAKI], verify=False)
    with pytest.raises(ValueError, match="five digits"):
        KriverPoller([KABURAKI], pref_code="tokyo")
