"""The AMeDAS poller against a local HTTP server publishing real JMA captures (the map JSON of
2021-02-24 15:00 and the station table) in the layout of www.jma.go.jp/bosai/amedas/."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest

from feeds.amedas import AmedasPoller
from feeds.errors import FeedFetchError, ObservationError
from feeds.model import JST
from tests.support.amedas_site import publish, serve


@pytest.fixture
def site(tmp_path: Path) -> Iterator[tuple[str, Path, list[str]]]:
    """``(base URL, its folder, paths requested)``: JMA's amedas/ layout on 127.0.0.1."""
    root = tmp_path / "amedas"
    publish(root)
    requested: list[str] = []
    with serve(root, requested) as base:
        yield base, root, requested


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_readings_of_the_configured_stations_with_names_and_quality(site) -> None:  # type: ignore[no-untyped-def]
    base, _root, requested = site
    clock = Clock()
    # 44132 東京 (dry at that time); 11016 稚内 (0.5 mm); 17116 has no value (quality flag 5).
    poller = AmedasPoller(["44132", "11016", "17116"], base_url=base, clock=clock)
    readings = {r.station_code: r for r in poller.poll()}
    at = datetime(2021, 2, 24, 15, 0, tzinfo=JST)
    assert (readings["44132"].station_name, readings["44132"].value) == ("東京", 0.0)
    assert (readings["11016"].station_name, readings["11016"].value) == ("稚内", 0.5)
    assert readings["17116"].value is None  # missing: never read as 0 mm
    assert {r.observed_at for r in readings.values()} == {at}
    assert all(r.kind == "rain" for r in readings.values())
    assert requested == [
        "/const/amedastable.json",
        "/data/latest_time.txt",
        "/data/map/20210224150000.json",
    ]
    # Politeness: nothing is asked before the interval has passed; then only the time file,
    # and the 600 KB map is not downloaded again for the same time.
    clock.now += 300
    assert poller.poll() == []
    assert len(requested) == 3
    clock.now += 300
    assert poller.poll() == []
    assert requested[3:] == ["/data/latest_time.txt"]
    poller.close()


def test_an_unknown_station_or_a_missing_file_is_a_clear_error(site) -> None:  # type: ignore[no-untyped-def]
    base, root, _requested = site
    with pytest.raises(ObservationError, match="99999 is not in JMA's AMeDAS table"):
        AmedasPoller(["99999"], base_url=base).poll()
    (root / "data" / "latest_time.txt").write_text("2021-02-24T15:10:00+09:00")
    with pytest.raises(FeedFetchError, match="HTTP 404"):  # that map file was never published
        AmedasPoller(["44132"], base_url=base).poll()
    with pytest.raises(ValueError, match="at most every 120"):
        AmedasPoller(["44132"], base_url=base, interval=10)
