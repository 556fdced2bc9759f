"""The window's cycle collector: full passes stay short, and nothing is lost for good."""

from __future__ import annotations

import gc
import threading
import weakref
from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from desktop.collector import YOUNG_FREEZE_MS, QuietCollector
from desktop.tasks import run_in_background


class Node:
    def __init__(self) -> None:
        self.other: Node | None = None


def frozen_cycle() -> weakref.ref[Node]:
    """A cycle that became garbage after a full pass froze it."""
    node = Node()
    node.other = node
    gc.freeze()  # what the collector does after each full pass
    return weakref.ref(node)


class Dispatching:
    def __init__(self) -> None:
        self.now = False

    def __call__(self) -> bool:
        return self.now


@pytest.fixture
def dispatching() -> Dispatching:
    return Dispatching()


@pytest.fixture
def collector(qapp: object, dispatching: Dispatching) -> Iterator[QuietCollector]:
    quiet = QuietCollector(busy=dispatching)
    quiet.install()
    yield quiet
    quiet.uninstall()
    gc.collect()


def test_a_full_pass_leaves_its_survivors_out_of_the_next_one(collector: QuietCollector) -> None:
    before = gc.get_freeze_count()
    kept = [Node() for _ in range(1000)]
    gc.collect(2)
    # What survived is frozen: the next full pass does not walk these objects again.
    assert gc.get_freeze_count() >= before + len(kept)


def test_a_frozen_cycle_outlives_ordinary_passes_and_goes_in_the_quiet_one(
    collector: QuietCollector,
) -> None:
    ref = frozen_cycle()
    gc.collect()
    assert ref() is not None  # out of the ordinary collector's sight
    assert collector.collect_everything() >= 1
    assert ref() is None


def test_the_half_hourly_collection_waits_while_a_dispatch_is_sent(
    collector: QuietCollector, dispatching: Dispatching
) -> None:
    ref = frozen_cycle()
    dispatching.now = True
    collector._due()
    assert ref() is not None
    dispatching.now = False
    collector._due()
    assert ref() is None


def test_what_a_background_task_builds_is_frozen_while_it_runs(
    collector: QuietCollector, qtbot: QtBot
) -> None:
    """An import builds 200,000 objects in a worker thread: a collector pass there would walk
    them all with the interpreter held (the window stood still 88 ms). While a task runs,
    they are moved out of the collector's sight a few times a second."""
    built = threading.Event()
    finish = threading.Event()
    done: list[object] = []

    def work() -> int:
        rows = [Node() for _ in range(5000)]
        built.set()
        finish.wait(10)
        return len(rows)

    before = gc.get_freeze_count()
    run_in_background(work, done.append, done.append)
    qtbot.waitUntil(built.is_set)
    qtbot.wait(4 * YOUNG_FREEZE_MS)
    assert gc.get_freeze_count() >= before + 5000  # frozen while the task still holds them
    finish.set()
    qtbot.waitUntil(lambda: bool(done))
    assert done == [5000]
